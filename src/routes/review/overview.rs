//! A testimony's overview: where it stands and the review moves, who it is assigned to,
//! its text (the original for granted editors, else the redacted text only), consent and
//! its history with the consent text the witness saw, the redaction request, additions,
//! attachments and intake details. Opening the original, the identity or an attachment
//! is logged in the audit trail.

use actix_web::{HttpResponse, get, http::header, post, web::Data, web::Path, web::Query};
use askama::Template;

use super::header::Header;
use crate::db::{self, DbConn};
use crate::domain::FormErrors;
use crate::domain::account::{Permission, Role};
use crate::domain::ids::{AttachmentId, TestimonyId, UserId};
use crate::domain::review::{self, ExclusionReason, Facts, Move, ReasonError};
use crate::domain::testimony::TestimonyLanguage;
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::service::reading::Identity;
use crate::state::AppState;
use crate::web::{self, Form, Staff};

/// One entry of the consent history, with the text the witness saw.
pub struct ConsentRow {
    pub seq: i32,
    pub when: String,
    pub method: &'static str,
    pub scopes: String,
    pub text_version: i32,
    pub text_lang: &'static str,
    pub text_body: String,
}

/// An attachment as listed (its bytes stay sealed until downloaded).
pub struct AttachmentItem {
    pub id: String,
    pub kind: &'static str,
    pub size: String,
}

/// A review move offered as a button.
pub struct MoveButton {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "review/overview.html")]
pub struct OverviewPage {
    pub ctx: crate::web::Ctx,
    pub header: Header,
    pub errors: FormErrors,
    pub moves: Vec<MoveButton>,
    pub reason: String,
    pub exclusion_reason: Option<String>,
    pub assignees: Vec<(String, String, bool)>,
    /// The language the testimony is written in (a BCP 47 code for `lang`, and its name).
    pub text_lang: &'static str,
    pub text_lang_name: &'static str,
    /// The original words: only for editors granted access to originals.
    pub original: Option<String>,
    pub redacted: Option<String>,
    pub additions: Vec<(String, Option<String>)>,
    pub consent_now: String,
    pub consent_history: Vec<ConsentRow>,
    pub redaction_asked: Vec<&'static str>,
    pub terms: Option<Vec<String>>,
    /// Whether the witness listed words to remove (shown as such to ungranted editors).
    pub listed_terms: bool,
    pub attachments: Vec<AttachmentItem>,
    pub facts: Vec<(&'static str, String)>,
    pub identity: Option<Identity>,
    /// Recommendations citing its excerpts, in any report version.
    pub supports: Vec<crate::service::reports::content::Informed>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    /// `1` to show the witness's name and contact details (logged).
    pub identity: String,
}

#[get("/staff/testimony/{id}")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    query: Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let reveal_identity = query.identity == "1";
    page(
        staff,
        &state,
        id.into_inner(),
        reveal_identity,
        FormErrors::default(),
        String::new(),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub action: String,
    pub reason: String,
}

#[post("/staff/testimony/{id}/status")]
pub async fn status(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let mut errors = FormErrors::default();
    let action = match form.action.as_str() {
        "review" => Some(Move::Review),
        "approve" => Some(Move::Approve),
        "exclude" => match ExclusionReason::parse(&form.reason) {
            Ok(reason) => Some(Move::Exclude(reason)),
            Err(ReasonError::Empty) => {
                errors.add(
                    "reason",
                    "Say why this testimony is excluded (staff see this note; do not quote the witness).",
                );
                None
            }
            Err(ReasonError::TooLong) => {
                errors.add(
                    "reason",
                    format!(
                        "Keep the reason under {} characters.",
                        review::MAX_REASON_CHARS
                    ),
                );
                None
            }
        },
        _ => {
            errors.add("action", "Choose one of the buttons below.");
            None
        }
    };
    let Some(action) = action else {
        return page(staff, &state, id, false, errors, form.reason).await;
    };
    let by = UserId::from(staff.user.id.as_str());
    let tid = TestimonyId::from(id.as_str());
    let moved = crate::service::run(&state.pool, move |conn| {
        crate::service::review::change_status(conn, &by, &tid, &action)
    })
    .await?;
    match moved {
        Ok(to) => {
            staff
                .ctx
                .set_flash(&format!("The testimony is now {}.", review::label(to)));
            Ok(web::see_other(&format!("/staff/testimony/{id}")))
        }
        Err(refusal) => {
            errors.add("action", format!("{}.", capitalise(&refusal.to_string())));
            page(staff, &state, id, false, errors, form.reason).await
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AttachmentQuery {
    pub file: String,
}

#[get("/staff/testimony/{id}/attachment")]
pub async fn attachment(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    query: Query<AttachmentQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let Some(org) = staff.ctx.originals() else {
        return Err(AppError::Forbidden);
    };
    let by = UserId::from(staff.user.id.as_str());
    let tid = TestimonyId::from(id.as_str());
    let file = AttachmentId::from(query.file.as_str());
    let data_dir = state.config.data_dir.clone();
    let opened = crate::service::run(&state.pool, move |conn| {
        crate::service::reading::open_attachment(conn, &data_dir, &org, &by, &tid, &file)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(opened.content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", opened.file_name),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(opened.bytes))
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Render the overview, with `errors` (422) when a move was refused.
pub async fn page(
    staff: Staff,
    state: &AppState,
    id: String,
    reveal_identity: bool,
    errors: FormErrors,
    reason: String,
) -> Result<HttpResponse, AppError> {
    let org = staff.ctx.originals();
    let granted = org.is_some();
    let by = UserId::from(staff.user.id.as_str());
    let tid = TestimonyId::from(id.as_str());
    let me = staff.user.id.clone();
    if let Some(org) = org.clone() {
        // The first granted opening applies the witness's own redaction requests.
        let (by, tid) = (by.clone(), tid.clone());
        crate::service::run(&state.pool, move |conn| {
            crate::service::redaction::ensure_started(conn, &org, &by, &tid)
        })
        .await?;
    }
    let mut view =
        crate::web::run_db(&state.pool, move |conn| metadata(conn, &tid, granted, &me)).await?;
    if let Some(org) = org
        && !view.header.erased
    {
        let tid = TestimonyId::from(id.as_str());
        let (opened, identity) = crate::service::run(&state.pool, move |conn| {
            let opened = crate::service::reading::open_original(conn, &org, &by, &tid)?;
            let identity = if reveal_identity {
                Some(crate::service::reading::open_identity(
                    conn, &org, &by, &tid,
                )?)
            } else {
                None
            };
            Ok((opened, identity))
        })
        .await?;
        view.original = Some(opened.body.reveal().to_string());
        view.additions = opened
            .additions
            .iter()
            .map(|(at, text)| {
                (
                    i18n::format_date(at.date(), Lang::En),
                    Some(text.reveal().to_string()),
                )
            })
            .collect();
        view.terms = Some(opened.terms);
        if let Some(city) = opened.sealed_city {
            view.facts.push(("City (to be redacted)", city));
        }
        view.identity = identity;
    }
    let tid = id.clone();
    let supports = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::content::informed(conn, &tid)
    })
    .await?;
    let page = OverviewPage {
        supports,
        ctx: staff.ctx,
        header: view.header,
        errors,
        moves: view.moves,
        reason,
        exclusion_reason: view.exclusion_reason,
        assignees: view.assignees,
        text_lang: view.text_lang,
        text_lang_name: view.text_lang_name,
        original: view.original,
        redacted: view.redacted,
        additions: view.additions,
        consent_now: view.consent_now,
        consent_history: view.consent_history,
        listed_terms: view.redaction_asked.contains(&"words they listed"),
        redaction_asked: view.redaction_asked,
        terms: view.terms,
        attachments: view.attachments,
        facts: view.facts,
        identity: view.identity,
    };
    web::form_page(&page, &page.errors)
}

/// Everything the overview shows that needs no key.
struct View {
    header: Header,
    moves: Vec<MoveButton>,
    exclusion_reason: Option<String>,
    assignees: Vec<(String, String, bool)>,
    text_lang: &'static str,
    text_lang_name: &'static str,
    original: Option<String>,
    redacted: Option<String>,
    additions: Vec<(String, Option<String>)>,
    consent_now: String,
    consent_history: Vec<ConsentRow>,
    redaction_asked: Vec<&'static str>,
    terms: Option<Vec<String>>,
    attachments: Vec<AttachmentItem>,
    facts: Vec<(&'static str, String)>,
    identity: Option<Identity>,
}

fn scope_list(scopes: &crate::domain::consent::ConsentSet) -> String {
    let words: Vec<String> = scopes
        .iter()
        .map(|s| i18n::message(Lang::En, &format!("consent-short-{}", s.code()), &[]))
        .collect();
    if words.is_empty() {
        "nothing".to_string()
    } else {
        words.join("; ")
    }
}

fn metadata(
    conn: &mut DbConn,
    id: &TestimonyId,
    granted: bool,
    me: &str,
) -> Result<View, AppError> {
    let header = Header::load(conn, id.as_str(), granted, "")?;
    let t = db::testimony::find(conn, id.as_str())?.ok_or(AppError::NotFound)?;
    let hearing = db::hearings::find(conn, t.hearing_id.as_str())?.ok_or(AppError::NotFound)?;
    let facts = Facts {
        withdrawn: t.is_withdrawn(),
        has_redacted_text: db::review::has_redacted_text(conn, id.as_str())?,
    };
    let moves = review::offered(t.status, facts)
        .into_iter()
        .map(|code| MoveButton {
            code,
            label: match code {
                "review" => "Start or resume the review",
                "approve" => "Approve for use",
                _ => "Exclude",
            },
        })
        .collect();
    let assignees = db::users::list(conn)?
        .into_iter()
        .filter(|u| !u.disabled && matches!(u.role, Role::Editor | Role::Admin))
        .map(|u| {
            let selected = t.assigned_to.as_deref() == Some(u.id.as_str());
            let name = if u.id == me {
                format!("{} (me)", u.display_name)
            } else {
                u.display_name
            };
            (u.id, name, selected)
        })
        .collect();
    let (text_lang, text_lang_name) = match t.language {
        TestimonyLanguage::Known(l) => (l.code(), l.english_name()),
        TestimonyLanguage::Other => ("", "another language"),
    };
    let consent = db::testimony::current_consent(conn, id.as_str())?;
    let consent_now = if consent.is_withdrawn() {
        "withdrawn: no use is permitted".to_string()
    } else {
        scope_list(consent.chosen())
    };
    let mut consent_history = Vec::new();
    for r in db::testimony::consent_history(conn, id.as_str())? {
        let text = db::hearings::consent_text(conn, &r.consent_text_id)?;
        consent_history.push(ConsentRow {
            seq: r.seq,
            when: i18n::format_datetime(r.recorded_at, hearing.zone(), Lang::En),
            method: match r.method.as_str() {
                "spoken" => "said aloud at a hearing",
                "written" => "signed on paper",
                _ => "ticked online",
            },
            scopes: scope_list(&r.scopes()),
            text_version: text.version,
            text_lang: Lang::parse(&text.lang).map_or("", |l| l.english_name()),
            text_body: text.body,
        });
    }
    let redaction_asked = match db::testimony::redaction(conn, id.as_str()) {
        Ok(r) => [
            (r.redact_name, "their name"),
            (r.redact_places, "places"),
            (r.redact_other_names, "other people's names"),
            (r.redact_dates, "dates"),
            (r.terms.is_some(), "words they listed"),
        ]
        .into_iter()
        .filter_map(|(on, what)| on.then_some(what))
        .collect(),
        Err(diesel::result::Error::NotFound) => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let additions = db::testimony::additions(conn, id.as_str())?
        .into_iter()
        .map(|a| (i18n::format_date(a.created_at.date(), Lang::En), None))
        .collect();
    let attachments = db::testimony::attachments_of(conn, id.as_str())?
        .into_iter()
        .map(|a| AttachmentItem {
            kind: match a.content_type.as_str() {
                "application/pdf" => "PDF document",
                "image/jpeg" => "JPEG picture",
                "image/png" => "PNG picture",
                "image/webp" => "WebP picture",
                _ => "file",
            },
            size: format!("{} KB", (a.size_bytes + 1023) / 1024),
            id: a.id,
        })
        .collect();
    let mut facts = vec![
        ("Hearing", hearing.title.clone()),
        ("Witness", t.witness_role.label().to_string()),
        ("Language", text_lang_name.to_string()),
        (
            "Place",
            [t.place_city.as_str(), t.place_state.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "Period",
            match &t.period_to {
                Some(to) if !to.is_empty() && *to != t.period_from => {
                    format!("{} to {}", t.period_from, to)
                }
                _ => t.period_from.clone(),
            },
        ),
        (
            "How it came",
            match t.intake {
                crate::domain::testimony::Intake::Online => "the public form".to_string(),
                crate::domain::testimony::Intake::Assisted => {
                    let by = match t.intake_by.as_deref() {
                        Some(uid) => db::users::find(conn, uid)?.map(|u| u.display_name),
                        None => None,
                    };
                    format!(
                        "taken at a hearing{}",
                        by.map(|n| format!(" by {n}")).unwrap_or_default()
                    )
                }
            },
        ),
    ];
    if let Some(interpreter) = t.interpreter.as_deref().filter(|s| !s.is_empty()) {
        let language = t.interpretation_language.clone().unwrap_or_default();
        facts.push(("Interpreted", format!("{interpreter} ({language})")));
    }
    Ok(View {
        header,
        moves,
        exclusion_reason: t.exclusion_reason.clone(),
        assignees,
        text_lang,
        text_lang_name,
        original: None,
        redacted: db::redaction::current(conn, id.as_str(), "original")?.map(|v| v.body),
        additions,
        consent_now,
        consent_history,
        redaction_asked,
        terms: None,
        attachments,
        facts,
        identity: None,
    })
}
