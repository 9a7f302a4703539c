//! The staff home page: what a signed-in member can do, by role, and for those who
//! review, what waits in each hearing.

use actix_web::{HttpResponse, get, web::Data};
use askama::Template;

use crate::db;
use crate::domain::account::Permission;
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
    /// What waits for review, per hearing (shown to those who review).
    pub waiting: Vec<db::queue::Waiting>,
}

#[get("/staff")]
pub async fn dashboard(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    let reviews = staff.user.can(Permission::ReviewTestimony);
    let ((mail_pending, mail_failed), waiting) = crate::web::run_db(&state.pool, move |conn| {
        let waiting = if reviews {
            db::queue::waiting_by_hearing(conn)?
        } else {
            Vec::new()
        };
        Ok((db::outbox::counts(conn)?, waiting))
    })
    .await?;
    web::page(&DashboardPage {
        name: staff.user.display_name.clone(),
        role: staff.user.role.label(),
        ctx: staff.ctx,
        mail_pending,
        mail_failed,
        waiting,
    })
}
