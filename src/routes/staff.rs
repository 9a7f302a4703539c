//! The staff home page: what a signed-in member can do, by role.

use actix_web::{HttpResponse, get, web::Data};
use askama::Template;

use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{self, Ctx, Staff};

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
pub struct DashboardPage {
    pub ctx: Ctx,
    pub name: String,
    pub role: &'static str,
    pub mail_pending: i64,
    pub mail_failed: i64,
}

#[get("/staff")]
pub async fn dashboard(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    let (mail_pending, mail_failed) =
        crate::web::run_db(&state.pool, |conn| Ok(db::outbox::counts(conn)?)).await?;
    web::page(&DashboardPage {
        name: staff.user.display_name.clone(),
        role: staff.user.role.label(),
        ctx: staff.ctx,
        mail_pending,
        mail_failed,
    })
}
