//! Compiling a version: its stored content, and the publishable projection of the
//! approved testimony of its hearings. Names of witnesses who consented to be named are
//! opened only with a granted key (each opening logged); without one they show as
//! pending.

use chrono::NaiveDate;

use super::super::ServiceError;
use crate::crypto::keys::OrgSecretKey;
use crate::db::reports::{self as q, split_list};
use crate::db::{self, DbConn};
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::report::{ActionCategory, ImplementationStatus, Position};
use crate::report::compile::{
    Compiled, RecommendationContent, ReportContent, SectionContent, compile as compile_report,
};
use crate::report::model::{Contact, FollowUpNote, HearingSummary, Submitter, VersionStatus};
use crate::report::projection::{AttributionName, PublishableTestimony};

/// A granted editor's key and who they are, to open names for attribution.
pub struct Opener<'a> {
    pub org: &'a OrgSecretKey,
    pub by: &'a UserId,
}

/// The stored content of a version.
pub fn load_content(conn: &mut DbConn, version_id: &str) -> Result<ReportContent, ServiceError> {
    let (v, status) = super::version(conn, version_id)?;
    let hearing_ids = q::hearing_ids(conn, version_id)?;
    let mut hearings = Vec::new();
    let mut ids = Vec::new();
    for id in &hearing_ids {
        if let Some(h) = db::hearings::find(conn, id)? {
            let place = if h.online {
                "online".to_string()
            } else {
                [h.city.trim(), h.state.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            hearings.push((
                h.starts_on,
                HearingSummary {
                    title: h.title,
                    place,
                    starts_on: h.starts_on,
                    ends_on: h.ends_on,
                },
                h.id,
            ));
        }
    }
    hearings.sort_by_key(|h| h.0);
    let hearing_summaries = hearings
        .into_iter()
        .map(|(_, h, id)| {
            ids.push(id);
            h
        })
        .collect();
    let submitters = q::parts::submitters(conn, version_id)?
        .into_iter()
        .map(|s| Submitter {
            name: s.name,
            short_code: s.short_code,
            description: s.description,
        })
        .collect();
    let mut sections = Vec::new();
    for s in q::parts::sections(conn, version_id)? {
        sections.push(SectionContent {
            excerpt_ids: q::parts::section_excerpts(conn, &s.id)?,
            id: s.id,
            title: s.title,
            findings: s.findings,
        });
    }
    let mut recommendations = Vec::new();
    for r in q::parts::recommendations(conn, version_id)? {
        let notes = q::parts::notes_of(conn, &r.id)?
            .into_iter()
            .map(|n| FollowUpNote {
                on: n.noted_on,
                text: n.body,
            })
            .collect();
        recommendations.push(RecommendationContent {
            excerpt_ids: q::parts::evidence(conn, &r.id)?,
            text: r.body,
            addressees: split_list(&r.addressees),
            themes: split_list(&r.themes),
            affected_persons: split_list(&r.affected),
            sdg_targets: split_list(&r.sdg_targets),
            category: ActionCategory::from_number(r.category.clamp(1, 5) as u8)
                .unwrap_or(ActionCategory::General),
            follows_up: split_list(&r.follows_up),
            position: Position::parse(&r.state_position).unwrap_or_default(),
            implementation: r
                .implementation
                .as_deref()
                .and_then(ImplementationStatus::parse),
            notes,
            id: r.id,
        });
    }
    Ok(ReportContent {
        report_id: v.report_id,
        version: v.number.max(0) as u32,
        status: Some(status),
        published_on: v.published_at.map(|t| t.date()),
        title: v.title,
        state_under_review: v.state_under_review,
        cycle: v.cycle,
        submitters,
        contact: Some(Contact {
            name: v.contact_name,
            email: v.contact_email,
        }),
        keywords: split_list(&v.keywords),
        hearings: hearing_summaries,
        hearing_ids: ids,
        introduction: v.introduction,
        sections,
        conclusions: v.conclusions,
        recommendations,
    })
}

/// The publishable testimony of these hearings. With an opener, names of witnesses who
/// consented to attribution and whose excerpts ask for it are opened (logged).
pub fn publishable(
    conn: &mut DbConn,
    hearing_ids: &[String],
    opener: Option<&Opener<'_>>,
) -> Result<Vec<PublishableTestimony>, ServiceError> {
    let mut out = Vec::new();
    for (facts, excerpts) in q::evidence::approved(conn, hearing_ids)? {
        let wants_name = excerpts.iter().any(|e| e.attributed && e.valid);
        let name = match opener {
            Some(o) if wants_name => {
                let id = TestimonyId::from(facts.id.clone());
                crate::service::reading::open_identity(conn, o.org, o.by, &id)?
                    .name
                    .as_deref()
                    .and_then(AttributionName::new)
            }
            _ => None,
        };
        if let Ok(t) = PublishableTestimony::admit(facts, excerpts, name) {
            out.push(t);
        }
    }
    Ok(out)
}

/// Compile a version as it now stands.
pub fn compile(
    conn: &mut DbConn,
    version_id: &str,
    opener: Option<&Opener<'_>>,
) -> Result<Compiled, ServiceError> {
    let content = load_content(conn, version_id)?;
    let testimony = publishable(conn, &content.hearing_ids, opener)?;
    Ok(compile_report(&content, &testimony))
}

/// Compile as of a day (a published version shows the day it was published).
pub fn compile_dated(
    conn: &mut DbConn,
    version_id: &str,
    opener: Option<&Opener<'_>>,
    published_on: NaiveDate,
) -> Result<(Compiled, Vec<PublishableTestimony>), ServiceError> {
    let mut content = load_content(conn, version_id)?;
    content.status = Some(VersionStatus::Published);
    content.published_on = Some(published_on);
    let testimony = publishable(conn, &content.hearing_ids, opener)?;
    Ok((compile_report(&content, &testimony), testimony))
}

/// A recommendation a testimony supports, for its pages.
#[derive(Clone, Debug)]
pub struct Informed {
    /// "95.3" once published; before, "draft recommendation 3".
    pub number: String,
    pub report_title: String,
    pub version: i32,
    pub status: VersionStatus,
    /// The staff page of the version.
    pub version_id: String,
    /// Online for the public (published, not taken down).
    pub public: bool,
}

/// Every recommendation whose evidence includes an excerpt of this testimony, newest
/// version first.
pub fn informed(conn: &mut DbConn, testimony_id: &str) -> Result<Vec<Informed>, ServiceError> {
    Ok(q::published::supported_by(conn, testimony_id)?
        .into_iter()
        .map(|s| {
            let status = VersionStatus::parse(&s.status).unwrap_or(VersionStatus::Draft);
            Informed {
                number: match (&s.published_number, status) {
                    (Some(n), VersionStatus::Published) => n.clone(),
                    _ => format!(
                        "number {} of the {}",
                        s.position,
                        status.label().to_lowercase()
                    ),
                },
                public: status == VersionStatus::Published && s.taken_down_at.is_none(),
                report_title: s.title,
                version: s.number,
                status,
                version_id: s.version_id,
            }
        })
        .collect())
}

/// What the witness sees: published recommendations (online) their testimony informed.
pub fn informed_publicly(
    conn: &mut DbConn,
    testimony_id: &str,
) -> Result<Vec<Informed>, ServiceError> {
    Ok(informed(conn, testimony_id)?
        .into_iter()
        .filter(|i| i.public)
        .collect())
}
