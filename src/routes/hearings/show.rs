//! A hearing's staff page: its details, testimony counts, and the buttons that move it
//! through its lifecycle.

use actix_web::{HttpResponse, get, web::Data, web::Path};
use askama::Template;

use super::Counts;
use crate::db;
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::hearing::{Acceptance, HearingStatus};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{self, Ctx, Staff};

/// A status the hearing may move to, as a button.
pub struct Move {
    pub code: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
}

impl Move {
    fn new(from: HearingStatus, to: HearingStatus) -> Self {
        use HearingStatus::*;
        let (label, hint) = match (from, to) {
            (Draft, Open) => (
                "Open for testimony",
                "The public page appears and witnesses can send testimony during the submission window.",
            ),
            (Closed, Open) => (
                "Reopen",
                "Witnesses can send testimony again during the submission window.",
            ),
            (_, Closed) => (
                "Close",
                "No more testimony is taken. The public page stays up.",
            ),
            (_, Archived) => (
                "Archive",
                "The public page is taken down and the hearing can no longer change. This cannot be undone.",
            ),
            (_, Open) => ("Open for testimony", ""),
            (_, Draft) => ("Back to draft", ""),
        };
        Self {
            code: to.code(),
            label,
            hint,
        }
    }
}

/// What a status means, in a sentence.
fn explain(status: HearingStatus) -> &'static str {
    match status {
        HearingStatus::Draft => {
            "Only staff can see it. Open it for testimony when the details are ready."
        }
        HearingStatus::Open => {
            "Its public page is up and testimony is taken during the submission window."
        }
        HearingStatus::Closed => "Its public page is up; no more testimony is taken.",
        HearingStatus::Archived => "Its public page is down and its status can no longer change.",
    }
}

#[derive(Template)]
#[template(path = "hearings/staff_show.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub id: String,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub explanation: &'static str,
    pub public: bool,
    pub open: bool,
    pub accepting: &'static str,
    pub dates: String,
    pub place: String,
    pub opens: String,
    pub closes: String,
    /// When contact details and attachments are deleted, in words.
    pub retention: String,
    pub languages: Vec<&'static str>,
    pub themes: Vec<String>,
    pub consent_version: i32,
    pub consent_text: String,
    pub counts: Counts,
    pub may_manage: bool,
    pub may_take_testimony: bool,
    pub moves: Vec<Move>,
    pub errors: FormErrors,
}

/// Render the hearing's page: 200, or 422 with `errors` after a refused status change.
pub async fn hearing_page(
    staff: Staff,
    state: &AppState,
    id: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (h, themes, consent, counts) = crate::web::run_db(&state.pool, move |conn| {
        let h = db::hearings::find(conn, &id)?.ok_or(AppError::NotFound)?;
        let themes = db::hearings::themes_of(conn, &h.id)?;
        let consent = db::hearings::current_consent_text(conn, &h, h.first_language())?;
        let counts = Counts::from_rows(&db::testimony::counts_of_hearing(conn, &h.id)?);
        Ok((h, themes, consent, counts))
    })
    .await?;
    let status = h.status();
    let may_manage = super::may_manage(&staff.user, &h);
    let page = ShowPage {
        status: status.label(),
        status_code: status.code(),
        explanation: explain(status),
        public: status.is_public(),
        open: status == HearingStatus::Open,
        accepting: match h.acceptance() {
            Acceptance::Accepting => "Yes",
            Acceptance::NotOpenYet if status == HearingStatus::Open => {
                "Not yet: the submission window has not opened"
            }
            Acceptance::Closed if status == HearingStatus::Open => {
                "No: the submission window has closed"
            }
            Acceptance::NotOpenYet | Acceptance::Closed => "No",
        },
        dates: super::dates(h.starts_on, h.ends_on),
        place: super::place(&h),
        opens: super::moment(h.opens_at, &h),
        closes: super::moment(h.closes_at, &h),
        retention: retention(&h, state.config.retention_days),
        languages: h.languages().into_iter().map(Lang::english_name).collect(),
        themes: themes.iter().map(|t| t.label(Lang::En)).collect(),
        consent_version: consent.version,
        consent_text: consent.body,
        counts,
        may_manage,
        may_take_testimony: staff.user.can(Permission::TakeTestimony),
        moves: if may_manage {
            status
                .next()
                .iter()
                .map(|to| Move::new(status, *to))
                .collect()
        } else {
            Vec::new()
        },
        id: h.id,
        title: h.title,
        slug: h.slug,
        summary: h.summary,
        ctx: staff.ctx,
        errors,
    };
    web::form_page(&page, &page.errors)
}

/// "90 days after closing (the default): from June 12, 2027 if …", for the staff page.
fn retention(h: &db::hearings::Hearing, default_days: i64) -> String {
    use crate::domain::retention;
    let days = retention::effective_days(h.retention_days, default_days);
    let whose = if h.retention_days.is_some() {
        "set for this hearing"
    } else {
        "the default"
    };
    let day = retention::deletion_day(h.closes_at, h.zone(), days);
    format!(
        "{days} days after closing ({whose}): from {} if the hearing closes when its window ends",
        crate::i18n::format_date(day, Lang::En)
    )
}

#[get("/staff/hearings/{id}")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ViewHearings)?;
    hearing_page(staff, &state, id.into_inner(), FormErrors::default()).await
}
