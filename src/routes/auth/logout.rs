//! Logging out.

use actix_web::{HttpResponse, post};

use crate::error::AppError;
use crate::web::{self, Ctx, Form};

#[derive(serde::Deserialize)]
pub struct Empty {}

#[post("/logout")]
pub async fn submit(ctx: Ctx, Form(_): Form<Empty>) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    ctx.session.clear();
    ctx.session.renew();
    let _ = ctx.session.insert(crate::web::ctx::keys::LANG, lang.code());
    crate::web::ctx::set_flash(&ctx.session, "You are logged out.");
    Ok(web::see_other("/login"))
}
