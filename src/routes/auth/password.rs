//! Changing one's own password. Other sessions of the account end; this one continues.

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::db;
use crate::domain::FormErrors;
use crate::domain::account::NewPassword;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    pub current: String,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Template)]
#[template(path = "auth/change_password.html")]
pub struct ChangePage {
    pub ctx: Ctx,
    pub errors: FormErrors,
}

#[get("/account/password")]
pub async fn show(staff: Staff) -> Result<HttpResponse, AppError> {
    web::page(&ChangePage {
        ctx: staff.ctx,
        errors: FormErrors::default(),
    })
}

#[post("/account/password")]
pub async fn submit(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    let user_id = staff.user.id.clone();
    let user = {
        let id = user_id.clone();
        crate::web::run_db(&state.pool, move |conn| {
            db::users::find(conn, &id)?.ok_or(AppError::NotFound)
        })
        .await?
    };
    if form.current.is_empty() {
        errors.add("current", "Enter your current password.");
    } else if !crate::password::verify_blocking(
        Some(user.password_hash.clone()),
        form.current.clone(),
    )
    .await?
    {
        errors.add("current", "Your current password is not right.");
    }
    let new = match NewPassword::parse(&form.password, &form.password_confirm, Some(&user.email)) {
        Ok(p) => Some(p),
        Err((field, msg)) => {
            errors.add(field, msg);
            None
        }
    };
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return web::invalid(&ChangePage {
            ctx: staff.ctx,
            errors,
        });
    };
    let hash = crate::password::hash_blocking(new.expose().to_string()).await?;
    let updated = crate::web::run_db(&state.pool, move |conn| {
        db::users::set_password(conn, &user_id, &hash)?;
        db::users::find(conn, &user_id)?.ok_or(AppError::NotFound)
    })
    .await?;
    // Keep this session: it is the one that proved the current password.
    crate::web::ctx::begin_login(&staff.ctx.session, &updated)?;
    crate::web::ctx::set_flash(
        &staff.ctx.session,
        "Your password has been changed. Other sessions have been logged out.",
    );
    Ok(web::see_other("/staff"))
}
