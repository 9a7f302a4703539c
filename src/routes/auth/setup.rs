//! First run: creating the first administrator with the one-time setup token printed on
//! the console at start (when no account exists yet).

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::{SetPasswordForm, token_problem};
use crate::db::{self, tokens::Purpose};
use crate::domain::FormErrors;
use crate::domain::account::{Email, NewPassword, Role};
use crate::error::AppError;
use crate::service::accounts::{self, NewAccount};
use crate::state::AppState;
use crate::web::{self, Ctx, Form};

const AGAIN: &str = "restart the server to print a new setup link, or create the administrator with `peoples-upr user create`";

#[derive(Template)]
#[template(path = "auth/setup.html")]
pub struct SetupPage {
    pub ctx: Ctx,
    pub token: String,
    pub form: SetPasswordForm,
    pub errors: FormErrors,
}

async fn check(state: &AppState, token: &str) -> Result<db::tokens::StaffToken, AppError> {
    let hash = crate::crypto::token_hash(token);
    let found = crate::web::run_db(&state.pool, move |conn| {
        if db::users::count(conn)? > 0 {
            return Ok(Err(db::tokens::TokenProblem::Used));
        }
        Ok(db::tokens::find_usable(conn, Purpose::Setup, &hash)?)
    })
    .await?;
    found.map_err(|p| token_problem(p, "setup", AGAIN))
}

#[get("/setup/{token}")]
pub async fn show(
    ctx: Ctx,
    state: Data<AppState>,
    token: Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    check(&state, &token).await?;
    web::page(&SetupPage {
        ctx,
        token,
        form: SetPasswordForm::default(),
        errors: FormErrors::default(),
    })
}

#[post("/setup/{token}")]
pub async fn submit(
    ctx: Ctx,
    state: Data<AppState>,
    token: Path<String>,
    Form(mut form): Form<SetPasswordForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let found = check(&state, &token).await?;
    let mut errors = FormErrors::default();
    let name = crate::domain::required_text(
        &mut errors,
        "display_name",
        &form.display_name,
        super::invite::NAME_MAX,
        "Enter your name.",
        "Use at most 100 characters for your name.",
    );
    let email = Email::parse(&form.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    let password = NewPassword::parse(
        &form.password,
        &form.password_confirm,
        email.as_ref().map(|e| e.as_str()),
    )
    .map_err(|(f, m)| errors.add(f, m))
    .ok();
    let valid = match (email, password) {
        (Some(email), Some(password)) if errors.is_empty() => Some((email, password)),
        _ => None,
    };
    let Some((email, password)) = valid else {
        form.password.clear();
        form.password_confirm.clear();
        return web::invalid(&SetupPage {
            ctx,
            token,
            form,
            errors,
        });
    };
    let new = NewAccount {
        email,
        display_name: name,
        role: Role::Admin,
        password,
    };
    let token_id = found.id.clone();
    let created = crate::service::run(&state.pool, move |conn| {
        accounts::setup_first_admin(conn, &token_id, &new)
    })
    .await?
    .map_err(|_| token_problem(db::tokens::TokenProblem::Used, "setup", AGAIN))?;
    tracing::info!(user = %created.user.id, "first administrator created");
    crate::web::ctx::begin_login(&ctx.session, &created.user, created.originals.as_ref())?;
    web::page(&RecoveryPage {
        ctx,
        recovery: created.recovery.map(|r| r.display()),
    })
}

/// The recovery key, shown once after the first administrator was created.
#[derive(Template)]
#[template(path = "auth/recovery.html")]
pub struct RecoveryPage {
    pub ctx: Ctx,
    pub recovery: Option<String>,
}
