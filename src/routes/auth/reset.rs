//! Forgotten passwords: a one-time link by email, valid for one hour.

use actix_web::{HttpRequest, HttpResponse, get, post, web::Data, web::Path};
use askama::Template;
use diesel::Connection as _;

use super::{SetPasswordForm, token_problem};
use crate::db::{self, tokens::Purpose};
use crate::domain::FormErrors;
use crate::domain::account::{Email, NewPassword};
use crate::error::AppError;
use crate::mail::{self, OutgoingMail};
use crate::state::AppState;
use crate::web::{self, Ctx, Form, ctx::client_key};

const RESET_MINUTES: i64 = 60;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    pub email: String,
}

#[derive(Template)]
#[template(path = "auth/forgot.html")]
pub struct ForgotPage {
    pub ctx: Ctx,
    pub form: ForgotForm,
    pub errors: FormErrors,
    pub sent: bool,
}

#[derive(Template)]
#[template(path = "email/reset.txt")]
struct ResetEmail<'a> {
    name: &'a str,
    link: &'a str,
    minutes: i64,
}

#[get("/password/forgot")]
pub async fn show_forgot(ctx: Ctx) -> Result<HttpResponse, AppError> {
    web::page(&ForgotPage {
        ctx,
        form: ForgotForm::default(),
        errors: FormErrors::default(),
        sent: false,
    })
}

#[post("/password/forgot")]
pub async fn submit_forgot(
    req: HttpRequest,
    ctx: Ctx,
    state: Data<AppState>,
    Form(form): Form<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(msg) => {
            let mut errors = FormErrors::default();
            errors.add("email", msg);
            return web::invalid(&ForgotPage {
                ctx,
                form,
                errors,
                sent: false,
            });
        }
    };
    let address = client_key(&req, state.config.trust_forwarded_for);
    if let Err(wait) = state.throttles.reset.check(&address) {
        return Err(AppError::TooManyRequests {
            retry_after_secs: wait.as_secs().max(1),
        });
    }
    state.throttles.reset.fail(&address);
    let token = crate::crypto::random_token();
    let link = format!("{}/password/reset/{token}", state.config.base_url);
    let st = state.clone();
    crate::web::run_db(&state.pool, move |conn| {
        let Some(user) = db::users::find_by_email(conn, email.as_str())? else {
            return Ok(());
        };
        if user.disabled {
            return Ok(());
        }
        let text = ResetEmail {
            name: &user.display_name,
            link: &link,
            minutes: RESET_MINUTES,
        }
        .render()
        .map_err(|e| AppError::Internal(e.into()))?;
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            db::tokens::retire_for_email(conn, Purpose::Reset, &user.email)?;
            db::tokens::create(
                conn,
                db::tokens::NewToken {
                    purpose: Purpose::Reset,
                    token_hash: &crate::crypto::token_hash(&token),
                    email: &user.email,
                    role: None,
                    user_id: Some(&user.id),
                    created_by: None,
                    expires_at: db::now() + chrono::Duration::minutes(RESET_MINUTES),
                },
            )?;
            mail::enqueue(
                conn,
                &st.keys,
                "password-reset",
                &OutgoingMail {
                    to: user.email.clone(),
                    subject: "Reset your People's UPR password".into(),
                    text,
                },
            )
        })?;
        Ok(())
    })
    .await?;
    state.mailer.wake();
    // The same answer whether or not the account exists.
    web::page(&ForgotPage {
        ctx,
        form: ForgotForm::default(),
        errors: FormErrors::default(),
        sent: true,
    })
}

#[derive(Template)]
#[template(path = "auth/reset.html")]
pub struct ResetPage {
    pub ctx: Ctx,
    pub token: String,
    pub errors: FormErrors,
}

const AGAIN: &str = "ask for a new link on the “Forgot your password?” page";

#[get("/password/reset/{token}")]
pub async fn show_reset(
    ctx: Ctx,
    state: Data<AppState>,
    token: Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    super::usable_token(&state, Purpose::Reset, &token, "password reset", AGAIN).await?;
    web::page(&ResetPage {
        ctx,
        token,
        errors: FormErrors::default(),
    })
}

#[post("/password/reset/{token}")]
pub async fn submit_reset(
    ctx: Ctx,
    state: Data<AppState>,
    token: Path<String>,
    Form(form): Form<SetPasswordForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let found =
        super::usable_token(&state, Purpose::Reset, &token, "password reset", AGAIN).await?;
    let new = match NewPassword::parse(&form.password, &form.password_confirm, Some(&found.email)) {
        Ok(p) => p,
        Err((field, msg)) => {
            let mut errors = FormErrors::default();
            errors.add(field, msg);
            return web::invalid(&ResetPage { ctx, token, errors });
        }
    };
    let password_hash = crate::password::hash_blocking(new.expose().to_string()).await?;
    let login_key = state.keys.keyed_hash("login", found.email.as_bytes());
    crate::web::run_db(&state.pool, move |conn| {
        conn.transaction(|conn| {
            if !db::tokens::consume(conn, &found.id)? {
                return Ok(Err(token_problem(
                    db::tokens::TokenProblem::Used,
                    "password reset",
                    AGAIN,
                )));
            }
            let user_id = found.user_id.clone().unwrap_or_default();
            db::users::set_password(conn, &user_id, &password_hash)?;
            db::throttle::reset(conn, &login_key)?;
            Ok::<_, diesel::result::Error>(Ok(()))
        })
        .map_err(AppError::from)
    })
    .await??;
    crate::web::ctx::end_login(&ctx.session);
    ctx.set_flash("Your password has been changed. Log in with the new password.");
    Ok(web::see_other("/login"))
}
