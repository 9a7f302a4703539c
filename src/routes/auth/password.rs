//! Changing one's own password. Other sessions of the account end; this one continues.

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::domain::FormErrors;
use crate::domain::account::NewPassword;
use crate::error::AppError;
use crate::service::accounts;
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
    if form.current.is_empty() {
        errors.add("current", "Enter your current password.");
    }
    let new = match NewPassword::parse(
        &form.password,
        &form.password_confirm,
        Some(&staff.user.email),
    ) {
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
    let user_id = staff.user.id.clone();
    let current = form.current.clone();
    let updated = crate::service::run(&state.pool, move |conn| {
        accounts::change_password(conn, &user_id, &current, &new)
    })
    .await?;
    let Some(updated) = updated else {
        errors.add("current", "Your current password is not right.");
        return web::invalid(&ChangePage {
            ctx: staff.ctx,
            errors,
        });
    };
    // Keep this session, the one that proved the current password, and its access.
    let originals = staff.ctx.originals();
    crate::web::ctx::begin_login(&staff.ctx.session, &updated, originals.as_ref())?;
    crate::web::ctx::set_flash(
        &staff.ctx.session,
        "Your password has been changed. Other sessions have been logged out.",
    );
    Ok(web::see_other("/staff"))
}
