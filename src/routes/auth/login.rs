//! Logging in, with throttling per account (in the database) and per client address (in memory).

use actix_web::{HttpRequest, HttpResponse, get, post};
use askama::Template;

use crate::db;
use crate::domain::FormErrors;
use crate::domain::account::Email;
use crate::error::AppError;
use crate::state::AppState;
use crate::throttle::{Policy, wait_minutes};
use crate::web::{self, Ctx, Form, ctx::client_key};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
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

/// The throttle key for an account: a keyed hash of the normalised email.
fn account_key(state: &AppState, email: &str) -> String {
    state
        .keys
        .keyed_hash("login", email.trim().to_lowercase().as_bytes())
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
    let retry = |ctx: Ctx, mut form: LoginForm, errors: FormErrors| {
        form.password.clear();
        web::invalid(&LoginPage { ctx, form, errors })
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return retry(ctx, form, errors);
    };

    let address = client_key(&req, state.config.trust_forwarded_for);
    let key = account_key(&state, email.as_str());
    let locked = {
        let key = key.clone();
        crate::web::run_db(&state.pool, move |conn| {
            Ok(db::throttle::locked_until(conn, &key)?)
        })
        .await?
    };
    let address_wait = state.throttles.login.check(&address).err();
    let account_wait = locked.map(|until| (until - db::now()).to_std().unwrap_or_default());
    if let Some(wait) = address_wait.into_iter().chain(account_wait).max() {
        errors.add(
            "email",
            format!(
                "Too many failed attempts. Wait {} minute(s) and try again, or reset your password.",
                wait_minutes(wait)
            ),
        );
        let mut res = retry(ctx, form, errors)?;
        *res.status_mut() = actix_web::http::StatusCode::TOO_MANY_REQUESTS;
        return Ok(res);
    }

    let user = {
        let email = email.as_str().to_string();
        crate::web::run_db(&state.pool, move |conn| {
            Ok(db::users::find_by_email(conn, &email)?)
        })
        .await?
    };
    let matches = crate::password::verify_blocking(
        user.as_ref().map(|u| u.password_hash.clone()),
        form.password.clone(),
    )
    .await?;
    match user {
        Some(user) if matches && !user.disabled => {
            state.throttles.login.succeed(&address);
            crate::web::run_db(&state.pool, move |conn| {
                Ok(db::throttle::reset(conn, &key)?)
            })
            .await?;
            crate::web::ctx::begin_login(&ctx.session, &user)?;
            tracing::info!(user = %user.id, "login");
            let next = web::safe_next(Some(&form.next)).unwrap_or_else(|| "/staff".into());
            Ok(web::see_other(&next))
        }
        Some(user) if matches => {
            tracing::info!(user = %user.id, "login refused: account disabled");
            errors.add(
                "email",
                "This account has been disabled. Ask an administrator if you need access again.",
            );
            retry(ctx, form, errors)
        }
        _ => {
            state.throttles.login.fail(&address);
            crate::web::run_db(&state.pool, move |conn| {
                Ok(db::throttle::record_failure(
                    conn,
                    &key,
                    &Policy::LOGIN_ACCOUNT,
                )?)
            })
            .await?;
            errors.add(
                "email",
                "The email address or the password is not right. Check both and try again.",
            );
            retry(ctx, form, errors)
        }
    }
}
