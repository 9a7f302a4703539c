//! Logging out: the session's row is deleted at once, so its cookie opens nothing after.

use actix_web::{HttpResponse, post};

use crate::error::AppError;
use crate::web::{self, Ctx, Form};

#[derive(serde::Deserialize)]
pub struct Empty {}

#[post("/logout")]
pub async fn submit(ctx: Ctx, Form(_): Form<Empty>) -> Result<HttpResponse, AppError> {
    crate::web::ctx::end_session(&ctx.session, "You are logged out.");
    Ok(web::see_other("/login"))
}
