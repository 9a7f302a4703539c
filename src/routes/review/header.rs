//! What every page of a testimony's review shows at the top: which testimony, where it
//! stands, whether this is the original or the redacted view, and the tabs.

use crate::db::{self, DbConn};
use crate::domain::review;
use crate::domain::testimony::ReviewStatus;
use crate::error::AppError;
use crate::i18n::{self, Lang};

/// The tabs of a testimony's review, in order: (path suffix, label).
pub const TABS: [(&str, &str); 6] = [
    ("", "Overview"),
    ("/redaction", "Redaction"),
    ("/translation", "Translation"),
    ("/tags", "Tags"),
    ("/excerpts", "Excerpts"),
    ("/messages", "Messages"),
];

/// The header of a testimony's review pages.
#[derive(Clone, Debug)]
pub struct Header {
    pub id: String,
    /// The first characters of the id: how staff refer to a testimony.
    pub short_id: String,
    pub hearing_id: String,
    pub hearing_title: String,
    pub status: ReviewStatus,
    pub status_label: &'static str,
    pub withdrawn: bool,
    pub erased: bool,
    pub submitted: String,
    pub assignee: Option<String>,
    pub unread_reply: bool,
    /// Whether a redacted text of the original was saved.
    pub redacted: bool,
    /// Whether the viewer holds the organisation key (sees originals).
    pub granted: bool,
    /// The suffix of the tab being shown ("" for the overview).
    pub active: &'static str,
}

impl Header {
    /// Load the header of testimony `id`, or 404.
    pub fn load(
        conn: &mut DbConn,
        id: &str,
        granted: bool,
        active: &'static str,
    ) -> Result<Self, AppError> {
        let t = db::testimony::find(conn, id)?.ok_or(AppError::NotFound)?;
        let hearing = db::hearings::find(conn, t.hearing_id.as_str())?.ok_or(AppError::NotFound)?;
        let assignee = match t.assigned_to.as_deref() {
            Some(uid) => db::users::find(conn, uid)?.map(|u| u.display_name),
            None => None,
        };
        Ok(Self {
            short_id: crate::domain::ids::short(t.id.as_str()),
            id: t.id.as_str().to_string(),
            hearing_id: hearing.id.clone(),
            hearing_title: hearing.title.clone(),
            status: t.status,
            status_label: if t.is_withdrawn() {
                "withdrawn by the witness"
            } else {
                review::label(t.status)
            },
            withdrawn: t.is_withdrawn(),
            erased: t.erased_at.is_some(),
            submitted: i18n::format_datetime(t.submitted_at, hearing.zone(), Lang::En),
            assignee,
            unread_reply: t.unread_reply,
            redacted: db::review::has_redacted_text(conn, id)?,
            granted,
            active,
        })
    }

    /// The address of one of this testimony's tabs.
    pub fn tab_href(&self, suffix: &str) -> String {
        format!("/staff/testimony/{}{}", self.id, suffix)
    }

    /// Whether it could be approved as far as redaction goes.
    pub fn redaction_ready(&self) -> bool {
        self.redacted || self.withdrawn
    }

    pub fn tabs(&self) -> &'static [(&'static str, &'static str)] {
        &TABS
    }
}
