//! Reports: the editors' pages (list, a version's overview, details, sections,
//! recommendations, previews and downloads) and the public pages of published versions.

pub mod details;
pub mod evidence;
pub mod list;
pub mod public;
pub mod recommendations;
pub mod sections;
pub mod version;

use actix_web::web;

use crate::db::DbConn;
use crate::domain::FormErrors;
use crate::error::AppError;
use crate::report::model::VersionStatus;
use crate::service::reports::{Refusal, version as load_version};

/// Register the report routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list::show).service(list::create);
    cfg.service(version::show)
        .service(version::finalise)
        .service(version::reopen)
        .service(version::publish_version)
        .service(version::new_version)
        .service(version::take_down)
        .service(version::download);
    cfg.service(details::show)
        .service(details::save)
        .service(details::add_submitter)
        .service(details::remove_submitter);
    cfg.service(sections::list)
        .service(sections::add)
        .service(sections::show)
        .service(sections::save)
        .service(sections::delete);
    cfg.service(recommendations::list)
        .service(recommendations::add)
        .service(recommendations::show)
        .service(recommendations::save)
        .service(recommendations::delete)
        .service(recommendations::add_note);
    cfg.service(public::list)
        .service(public::latest)
        .service(public::version)
        .service(public::download);
}

const TABS: [(&str, &str); 4] = [
    ("", "Overview"),
    ("/details", "Details"),
    ("/sections", "Summary of proceedings"),
    ("/recommendations", "Recommendations"),
];

/// The top of every page of a version: what it is, where it stands, and its tabs.
pub struct Header {
    pub version_id: String,
    pub report_id: String,
    pub title: String,
    pub number: i32,
    pub status: VersionStatus,
    pub flag: Option<String>,
    pub taken_down: bool,
    pub active: &'static str,
}

impl Header {
    pub fn load(
        conn: &mut DbConn,
        version_id: &str,
        active: &'static str,
    ) -> Result<Self, AppError> {
        let (v, status) = load_version(conn, version_id)?;
        Ok(Header {
            version_id: v.id,
            report_id: v.report_id,
            title: v.title,
            number: v.number,
            status,
            flag: v.flag_reason.filter(|_| v.flagged_at.is_some()),
            taken_down: v.taken_down_at.is_some(),
            active,
        })
    }

    pub fn is_draft(&self) -> bool {
        self.status == VersionStatus::Draft
    }

    pub fn tabs(&self) -> &'static [(&'static str, &'static str)] {
        &TABS
    }

    pub fn tab_href(&self, suffix: &str) -> String {
        format!("/staff/reports/{}{suffix}", self.version_id)
    }
}

/// The form of a button that only posts its anti-forgery token.
#[derive(serde::Deserialize)]
pub struct Empty {}

/// Service refusals as form errors.
pub fn errors(refusals: Vec<Refusal>) -> FormErrors {
    let mut errors = FormErrors::default();
    for r in refusals {
        errors.add(r.field, r.message);
    }
    errors
}

/// Split a list field typed one item a line or comma-separated, for showing it again.
pub fn lines(stored: &str) -> String {
    crate::db::reports::split_list(stored).join("\n")
}
