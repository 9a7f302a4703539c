//! The staff list of hearings, with their status, dates and testimony counts.

use actix_web::{HttpResponse, get, web::Data};
use askama::Template;

use super::Counts;
use crate::db;
use crate::domain::account::{Permission, Role};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{self, Ctx, Staff};

/// A row of the list.
pub struct HearingRow {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub dates: String,
    pub place: String,
    pub opens: String,
    pub closes: String,
    pub counts: Counts,
}

#[derive(Template)]
#[template(path = "hearings/staff_list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub rows: Vec<HearingRow>,
    /// Organizers see only the hearings they created.
    pub only_own: bool,
}

#[get("/staff/hearings")]
pub async fn list(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ViewHearings)?;
    let only_own = staff.user.role == Role::Organizer;
    let owner = only_own.then(|| staff.user.id.clone());
    let rows = crate::web::run_db(&state.pool, move |conn| {
        let hearings = db::hearings::list_for_staff(conn, owner.as_deref())?;
        let mut rows = Vec::with_capacity(hearings.len());
        for h in hearings {
            let counts = Counts::from_rows(&db::testimony::counts_of_hearing(conn, &h.id)?);
            rows.push(HearingRow {
                status: h.status().label(),
                dates: super::dates(h.starts_on, h.ends_on),
                place: super::place(&h),
                opens: super::moment(h.opens_at, &h),
                closes: super::moment(h.closes_at, &h),
                id: h.id,
                title: h.title,
                counts,
            });
        }
        Ok(rows)
    })
    .await?;
    web::page(&ListPage {
        ctx: staff.ctx,
        rows,
        only_own,
    })
}
