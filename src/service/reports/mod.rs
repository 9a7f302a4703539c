//! Reports: creating one, editing a draft version (details, submitters, sections,
//! recommendations and follow-up in [`parts`]), moving it draft → final → published
//! ([`publish`]), making a new version from any version, and taking a published version
//! down. Compiling a version for preview or export is in [`content`].
//!
//! Every write is one transaction with its audit entry. Only a draft can change; a
//! published version never does (beyond its consent flag and being taken down).

pub mod content;
pub mod parts;
pub mod publish;

use super::{ServiceError, audit, transaction};
use crate::db::reports::{self as q, Details, join_list};
use crate::db::{self, DbConn};
use crate::domain::account::Email;
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::UserId;
use crate::i18n::Lang;
use crate::report::model::VersionStatus;

/// The State a report reviews unless the editor says otherwise.
pub const DEFAULT_STATE: &str = "United States of America";

/// Why an edit was refused; `field` says which form field it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }

    fn not_draft(status: VersionStatus) -> Self {
        Self::new(
            "version",
            match status {
                VersionStatus::Final => "This version is final: reopen it as a draft to change it.",
                _ => "This version is published and cannot change: make a new version from it.",
            },
        )
    }
}

/// Refusals, or nothing when the edit was made.
pub type Checked<T> = Result<Result<T, Vec<Refusal>>, ServiceError>;

pub(crate) fn actor(by: &UserId) -> Actor {
    Actor::Staff(by.clone())
}

pub(crate) fn record(
    conn: &mut DbConn,
    by: &UserId,
    action: Action,
    version_id: &str,
    detail: impl Into<String>,
) -> Result<(), ServiceError> {
    audit::record(
        conn,
        &actor(by),
        action,
        RecordKind::Report,
        version_id,
        detail,
    )
}

/// A version and its status, or NotFound.
pub(crate) fn version(
    conn: &mut DbConn,
    id: &str,
) -> Result<(q::VersionRow, VersionStatus), ServiceError> {
    let v = q::find_version(conn, id)?.ok_or(ServiceError::NotFound)?;
    let status = VersionStatus::parse(&v.status).unwrap_or(VersionStatus::Draft);
    Ok((v, status))
}

/// The version, when it is a draft; else the refusal.
pub(crate) fn draft(
    conn: &mut DbConn,
    id: &str,
) -> Result<Result<q::VersionRow, Vec<Refusal>>, ServiceError> {
    let (v, status) = version(conn, id)?;
    Ok(if status == VersionStatus::Draft {
        Ok(v)
    } else {
        Err(vec![Refusal::not_draft(status)])
    })
}

/// What an editor sets on a version.
#[derive(Clone, Debug, Default)]
pub struct DetailsInput {
    pub title: String,
    pub state_under_review: String,
    pub cycle: String,
    pub contact_name: String,
    pub contact_email: String,
    /// One keyword a line or comma-separated.
    pub keywords: String,
    pub introduction: String,
    pub conclusions: String,
    pub hearing_ids: Vec<String>,
}

fn check_details(conn: &mut DbConn, input: &DetailsInput) -> Result<Vec<Refusal>, ServiceError> {
    let mut out = Vec::new();
    let title = input.title.trim();
    if title.is_empty() {
        out.push(Refusal::new("title", "Give the report a title."));
    } else if title.chars().count() > 200 {
        out.push(Refusal::new(
            "title",
            "Keep the title under 200 characters.",
        ));
    }
    if input.state_under_review.trim().chars().count() > 100 {
        out.push(Refusal::new(
            "state_under_review",
            "Name the State in under 100 characters.",
        ));
    }
    if !input.contact_email.trim().is_empty()
        && let Err(msg) = Email::parse(&input.contact_email)
    {
        out.push(Refusal::new("contact_email", msg));
    }
    for (field, text, max) in [
        ("cycle", &input.cycle, 100),
        ("contact_name", &input.contact_name, 200),
        ("keywords", &input.keywords, 1000),
        ("introduction", &input.introduction, 50_000),
        ("conclusions", &input.conclusions, 5_000),
    ] {
        if text.chars().count() > max {
            out.push(Refusal::new(
                field,
                format!("This is longer than {max} characters; shorten it."),
            ));
        }
    }
    if input.hearing_ids.is_empty() {
        out.push(Refusal::new(
            "hearings",
            "Choose at least one hearing the report covers.",
        ));
    }
    for id in &input.hearing_ids {
        if db::hearings::find(conn, id)?.is_none() {
            out.push(Refusal::new(
                "hearings",
                "One of the chosen hearings no longer exists; choose again.",
            ));
            break;
        }
    }
    Ok(out)
}

fn to_details(input: &DetailsInput) -> Details {
    let keywords: Vec<String> = input
        .keywords
        .split([',', '\n'])
        .map(|k| k.trim().to_string())
        .collect();
    Details {
        title: input.title.trim().to_string(),
        state_under_review: match input.state_under_review.trim() {
            "" => DEFAULT_STATE.to_string(),
            s => s.to_string(),
        },
        cycle: input.cycle.trim().to_string(),
        contact_name: input.contact_name.trim().to_string(),
        contact_email: input.contact_email.trim().to_lowercase(),
        keywords: join_list(&keywords),
        introduction: input.introduction.trim().to_string(),
        conclusions: input.conclusions.trim().to_string(),
    }
}

/// Start a report: its first version is a draft covering these hearings, with the
/// organisation as the submitter and its contact email. Returns the version id.
pub fn create(
    conn: &mut DbConn,
    by: &UserId,
    title: &str,
    hearing_ids: &[String],
) -> Checked<String> {
    transaction(conn, |conn| {
        let org = super::organisation::load(conn)?;
        let input = DetailsInput {
            title: title.to_string(),
            contact_email: org
                .contact_email
                .as_ref()
                .map(|e| e.as_str().to_string())
                .unwrap_or_default(),
            hearing_ids: hearing_ids.to_vec(),
            ..DetailsInput::default()
        };
        let refusals = check_details(conn, &input)?;
        if !refusals.is_empty() {
            return Ok(Err(refusals));
        }
        let report_id = db::new_id();
        let version_id = db::new_id();
        q::insert_report(conn, &report_id, Some(by.as_str()))?;
        q::insert_version(
            conn,
            &version_id,
            &report_id,
            1,
            None,
            &to_details(&input),
            Some(by.as_str()),
        )?;
        q::set_hearings(conn, &version_id, hearing_ids)?;
        let texts = org.texts(Lang::En);
        if !texts.name.trim().is_empty() {
            q::parts::add_submitter(
                conn,
                &version_id,
                texts.name.trim(),
                "",
                texts.description.trim(),
            )?;
        }
        record(
            conn,
            by,
            Action::ReportCreated,
            &version_id,
            format!("{} hearing(s)", hearing_ids.len()),
        )?;
        Ok(Ok(version_id))
    })
}

/// Save a draft's details and hearings.
pub fn save_details(
    conn: &mut DbConn,
    by: &UserId,
    version_id: &str,
    input: &DetailsInput,
) -> Checked<()> {
    transaction(conn, |conn| {
        if let Err(r) = draft(conn, version_id)? {
            return Ok(Err(r));
        }
        let refusals = check_details(conn, input)?;
        if !refusals.is_empty() {
            return Ok(Err(refusals));
        }
        q::update_details(conn, version_id, &to_details(input))?;
        q::set_hearings(conn, version_id, &input.hearing_ids)?;
        record(conn, by, Action::ReportEdited, version_id, "details")?;
        Ok(Ok(()))
    })
}

/// Add a submitting organisation (a joint submission lists them all).
pub fn add_submitter(
    conn: &mut DbConn,
    by: &UserId,
    version_id: &str,
    name: &str,
    short_code: &str,
    description: &str,
) -> Checked<()> {
    transaction(conn, |conn| {
        if let Err(r) = draft(conn, version_id)? {
            return Ok(Err(r));
        }
        let mut refusals = Vec::new();
        let (name, code, description) = (name.trim(), short_code.trim(), description.trim());
        if name.is_empty() {
            refusals.push(Refusal::new("name", "Give the organisation's name."));
        } else if name.chars().count() > 200 {
            refusals.push(Refusal::new("name", "Keep the name under 200 characters."));
        }
        if code.chars().count() > 12 {
            refusals.push(Refusal::new(
                "short_code",
                "A short code has at most 12 characters, like “JS6” or “AI”.",
            ));
        }
        if description.chars().count() > 3000 {
            refusals.push(Refusal::new(
                "description",
                "Keep the description under 3,000 characters.",
            ));
        }
        if !refusals.is_empty() {
            return Ok(Err(refusals));
        }
        q::parts::add_submitter(conn, version_id, name, code, description)?;
        q::touch(conn, version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            version_id,
            "submitter added",
        )?;
        Ok(Ok(()))
    })
}

pub fn remove_submitter(
    conn: &mut DbConn,
    by: &UserId,
    version_id: &str,
    submitter_id: &str,
) -> Checked<()> {
    transaction(conn, |conn| {
        if let Err(r) = draft(conn, version_id)? {
            return Ok(Err(r));
        }
        if !q::parts::remove_submitter(conn, version_id, submitter_id)? {
            return Err(ServiceError::NotFound);
        }
        q::touch(conn, version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            version_id,
            "submitter removed",
        )?;
        Ok(Ok(()))
    })
}

/// Draft → final, when nothing blocks it (every recommendation cites usable evidence).
pub fn finalise(conn: &mut DbConn, by: &UserId, version_id: &str) -> Checked<()> {
    transaction(conn, |conn| {
        if let Err(r) = draft(conn, version_id)? {
            return Ok(Err(r));
        }
        let compiled = content::compile(conn, version_id, None)?;
        let blocking: Vec<Refusal> = compiled
            .problems
            .iter()
            .filter(|p| p.blocks())
            .map(|p| Refusal::new("version", p.message()))
            .collect();
        if !blocking.is_empty() {
            return Ok(Err(blocking));
        }
        q::set_status(conn, version_id, VersionStatus::Final.code())?;
        record(conn, by, Action::ReportFinalised, version_id, "")?;
        Ok(Ok(()))
    })
}

/// Final → draft.
pub fn reopen(conn: &mut DbConn, by: &UserId, version_id: &str) -> Checked<()> {
    transaction(conn, |conn| {
        let (_, status) = version(conn, version_id)?;
        if status != VersionStatus::Final {
            return Ok(Err(vec![Refusal::new(
                "version",
                "Only a final version can be reopened as a draft.",
            )]));
        }
        q::set_status(conn, version_id, VersionStatus::Draft.code())?;
        record(conn, by, Action::ReportReopened, version_id, "")?;
        Ok(Ok(()))
    })
}

/// A new draft version copying everything of this one. Returns the new version's id.
pub fn new_version(conn: &mut DbConn, by: &UserId, from: &str) -> Result<String, ServiceError> {
    transaction(conn, |conn| {
        let (v, _) = version(conn, from)?;
        let number = q::last_number(conn, &v.report_id)? + 1;
        let id = db::new_id();
        q::insert_version(
            conn,
            &id,
            &v.report_id,
            number,
            Some(from),
            &Details::from(&v),
            Some(by.as_str()),
        )?;
        let hearings = q::hearing_ids(conn, from)?;
        q::set_hearings(conn, &id, &hearings)?;
        q::parts::copy_parts(conn, from, &id)?;
        record(
            conn,
            by,
            Action::ReportVersionMade,
            &id,
            format!("version {number} from version {}", v.number),
        )?;
        Ok(id)
    })
}

/// Take a published version off the public site (its files stay for the record).
pub fn take_down(conn: &mut DbConn, by: &UserId, version_id: &str) -> Checked<()> {
    transaction(conn, |conn| {
        let (v, status) = version(conn, version_id)?;
        if status != VersionStatus::Published || v.taken_down_at.is_some() {
            return Ok(Err(vec![Refusal::new(
                "version",
                "Only a published version that is online can be taken down.",
            )]));
        }
        q::take_down(conn, version_id)?;
        record(conn, by, Action::ReportTakenDown, version_id, "")?;
        Ok(Ok(()))
    })
}

/// Flag the published versions that used a testimony whose consent changed (called in
/// the transaction that changes it). Returns how many were flagged.
pub(crate) fn flag_consent_change(
    conn: &mut DbConn,
    testimony_id: &str,
    what: &str,
) -> Result<usize, ServiceError> {
    let flagged = q::published::flag_for_testimony(
        conn,
        testimony_id,
        &format!(
            "A witness whose testimony this version uses {what}. Make a new version: it leaves the material out."
        ),
    )?;
    for v in &flagged {
        audit::record(
            conn,
            &Actor::System,
            Action::ReportFlagged,
            RecordKind::Report,
            v,
            format!("testimony {testimony_id}"),
        )?;
    }
    Ok(flagged.len())
}
