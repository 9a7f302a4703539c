//! Logging out: the session's row is deleted at once, so its cookie opens nothing after.

use actix_web::{HttpResponse, post, web::Data};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::{self, Ctx, Form};

#[derive(serde::Deserialize)]
pub struct Empty {}

#[post("/logout")]
pub async fn submit(
    ctx: Ctx,
    state: Data<AppState>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, AppError> {
    if let Some(user) = &ctx.user {
        let id = user.id.clone();
        crate::service::run(&state.pool, move |conn| {
            crate::service::accounts::logout(conn, &id)
        })
        .await?;
    }
    crate::web::ctx::end_session(&ctx.session, "You are logged out.");
    Ok(web::see_other("/login"))
}
