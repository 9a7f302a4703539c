//! Hearings for staff: the list with testimony counts, creating and editing, and moving
//! a hearing through its lifecycle.

pub mod create;
pub mod edit;
pub mod form;
pub mod list;
pub mod show;
pub mod status;
pub mod texts;

use actix_web::web;
use chrono::{NaiveDate, NaiveDateTime};

use crate::db::hearings::Hearing;
use crate::domain::account::{Permission, Role};
use crate::domain::testimony::ReviewStatus;
use crate::web::ctx::SessionUser;

/// Register this area's routes, and the theme vocabulary's.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // `/new` before `/{id}`: the first match wins.
    cfg.service(list::list)
        .service(create::show)
        .service(create::submit)
        .service(show::show)
        .service(edit::show)
        .service(edit::submit)
        .service(status::submit)
        .service(crate::routes::admin::themes::list)
        .service(crate::routes::admin::themes::add);
}

/// Whether this member may edit a hearing and change its status: administrators any
/// hearing, organizers the hearings they created.
pub fn may_manage(user: &SessionUser, hearing: &Hearing) -> bool {
    user.can(Permission::ManageHearings)
        && (user.role == Role::Admin || hearing.created_by.as_deref() == Some(user.id.as_str()))
}

/// A hearing's testimony, counted by where it stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub received: i64,
    pub in_review: i64,
    /// Included in the report.
    pub approved: i64,
    pub withdrawn: i64,
}

impl Counts {
    /// From `db::testimony::counts_of_hearing`.
    pub fn from_rows((rows, withdrawn): &(Vec<(ReviewStatus, i64)>, i64)) -> Self {
        let mut c = Counts {
            withdrawn: *withdrawn,
            ..Counts::default()
        };
        for (status, n) in rows {
            match status {
                ReviewStatus::Received => c.received += n,
                ReviewStatus::InReview | ReviewStatus::NeedsFollowUp => c.in_review += n,
                ReviewStatus::Approved => c.approved += n,
                ReviewStatus::Excluded => {}
            }
        }
        c
    }
}

/// A day as staff pages show it: "March 5, 2026".
pub fn day(d: NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}

/// A hearing's dates: one day, or a range.
pub fn dates(starts_on: NaiveDate, ends_on: Option<NaiveDate>) -> String {
    match ends_on {
        Some(end) if end != starts_on => format!("{} to {}", day(starts_on), day(end)),
        _ => day(starts_on),
    }
}

/// A moment stored in UTC, as staff pages show it: in the hearing's time zone, in words.
pub fn moment(t: NaiveDateTime, h: &Hearing) -> String {
    crate::i18n::format_datetime(t, h.zone(), crate::i18n::Lang::En)
}

/// Where a hearing takes place, in words.
pub fn place(h: &Hearing) -> String {
    let venue = [h.city.as_str(), h.state.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    match (h.online, venue.is_empty()) {
        (true, true) => "Online".into(),
        (true, false) => format!("Online, and in {venue}"),
        (false, _) => venue,
    }
}
