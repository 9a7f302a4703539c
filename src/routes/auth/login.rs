//! Logging in, with throttling per account (in the database) and per client address (in
//! memory), and the two-step code for accounts that use it.

use actix_web::{HttpRequest, HttpResponse, get, post};
use askama::Template;

use crate::domain::FormErrors;
use crate::domain::account::Email;
use crate::error::AppError;
use crate::service::accounts::{self, LoginOutcome};
use crate::state::AppState;
use crate::throttle::wait_minutes;
use crate::web::{self, Ctx, Form, ctx::client_key};

/// Longest text accepted in the code field (a recovery code with its dashes fits).
const CODE_MAX: usize = 64;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    /// The two-step code (authenticator or recovery code), for accounts that use it.
    pub code: String,
    pub next: String,
}

#[derive(Template)]
#[template(path = "auth/login.html")]
pub struct LoginPage {
    pub ctx: Ctx,
    pub form: LoginForm,
    pub errors: FormErrors,
}

#[derive(Debug, serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[get("/login")]
pub async fn show(
    ctx: Ctx,
    query: actix_web::web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    if ctx.user.is_some() {
        return Ok(web::see_other("/staff"));
    }
    let next = web::safe_next(query.next.as_deref()).unwrap_or_default();
    web::page(&LoginPage {
        ctx,
        form: LoginForm {
            next,
            ..Default::default()
        },
        errors: FormErrors::default(),
    })
}

#[post("/login")]
pub async fn submit(
    req: HttpRequest,
    ctx: Ctx,
    state: actix_web::web::Data<AppState>,
    Form(form): Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    let email = match Email::parse(&form.email) {
        Ok(e) => Some(e),
        Err(msg) => {
            errors.add("email", msg);
            None
        }
    };
    if form.password.is_empty() {
        errors.add("password", "Enter your password.");
    } else if form.password.chars().count() > crate::domain::account::PASSWORD_MAX {
        errors.add(
            "password",
            "That password is longer than any password here.",
        );
    }
    if form.code.chars().count() > CODE_MAX {
        errors.add("code", "That code is longer than any code here.");
    }
    let retry = |ctx: Ctx, mut form: LoginForm, errors: FormErrors| {
        form.password.clear();
        form.code.clear();
        web::invalid(&LoginPage { ctx, form, errors })
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return retry(ctx, form, errors);
    };
    let address = client_key(&req, state.config.trust_forwarded_for);
    match accounts::login(&state, &email, &form.password, &form.code, &address).await? {
        LoginOutcome::LoggedIn {
            user,
            originals,
            must_enrol,
        } => {
            crate::web::ctx::begin_login(&ctx.session, &user, originals.as_ref())?;
            tracing::info!(user = %user.id, originals = originals.is_some(), "login");
            if must_enrol {
                crate::web::ctx::set_must_enrol(&ctx.session, true)?;
                crate::web::ctx::set_flash(
                    &ctx.session,
                    "Your organisation requires two-step sign-in. Set it up to continue.",
                );
                return Ok(web::see_other(crate::web::ctx::ENROL_PATH));
            }
            let next = web::safe_next(Some(&form.next)).unwrap_or_else(|| "/staff".into());
            Ok(web::see_other(&next))
        }
        outcome @ (LoginOutcome::CodeNeeded | LoginOutcome::CodeRefused) => {
            let message = if matches!(outcome, LoginOutcome::CodeNeeded) {
                "Enter the code from your authenticator app, or one of your recovery codes, and your password again."
            } else {
                "That code is not right, or it was used already. Enter your password again and the next code your authenticator app shows."
            };
            errors.add("code", message);
            retry(ctx, form, errors)
        }
        LoginOutcome::Disabled => {
            errors.add(
                "email",
                "This account has been disabled. Ask an administrator if you need access again.",
            );
            retry(ctx, form, errors)
        }
        LoginOutcome::Refused => {
            errors.add(
                "email",
                "The email address or the password is not right. Check both and try again.",
            );
            retry(ctx, form, errors)
        }
        LoginOutcome::Locked(wait) => {
            let minutes = wait_minutes(wait);
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            errors.add(
                "email",
                format!(
                    "Too many failed attempts. Wait {minutes} {unit} and try again, or reset your password."
                ),
            );
            let mut res = retry(ctx, form, errors)?;
            *res.status_mut() = actix_web::http::StatusCode::TOO_MANY_REQUESTS;
            Ok(res)
        }
    }
}
