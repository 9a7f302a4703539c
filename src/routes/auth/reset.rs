//! Forgotten passwords: a one-time link by email, valid for one hour.

use actix_web::{HttpRequest, HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::{SetPasswordForm, token_problem};
use crate::db::{self, tokens::Purpose};
use crate::domain::FormErrors;
use crate::domain::account::{Email, NewPassword};
use crate::error::AppError;
use crate::mail::OutgoingMail;
use crate::service::accounts;
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
    // The work is done after the answer, so that the answer takes the same time and says
    // the same thing whether or not the address has an account.
    let st = state.clone();
    actix_web::rt::spawn(async move {
        let token = crate::crypto::random_token();
        let link = format!("{}/password/reset/{token}", st.config.base_url);
        let keys = st.keys.clone();
        let done = crate::service::run(&st.pool, move |conn| {
            accounts::request_reset(conn, &keys, &email, &token, RESET_MINUTES, |user| {
                let text = ResetEmail {
                    name: &user.display_name,
                    link: &link,
                    minutes: RESET_MINUTES,
                }
                .render()
                .map_err(|e| anyhow::anyhow!("reset email failed to render: {e}"))?;
                Ok(OutgoingMail {
                    to: user.email.clone(),
                    subject: "Reset your People's UPR password".into(),
                    text,
                    witness: false,
                })
            })
        })
        .await;
        match done {
            Ok(()) => st.mailer.wake(),
            Err(e) => tracing::error!(error = %e, "password reset request failed"),
        }
    });
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
    /// The account can open originals now, and a reset will end that.
    pub loses_grant: bool,
}

async fn has_grant(state: &AppState, user_id: Option<String>) -> Result<bool, AppError> {
    let Some(id) = user_id else { return Ok(false) };
    crate::web::run_db(&state.pool, move |conn| {
        Ok(db::keys::grant(conn, &id)?.is_some())
    })
    .await
}

const AGAIN: &str = "ask for a new link on the “Forgot your password?” page";

#[get("/password/reset/{token}")]
pub async fn show_reset(
    ctx: Ctx,
    state: Data<AppState>,
    token: Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let found =
        super::usable_token(&state, Purpose::Reset, &token, "password reset", AGAIN).await?;
    let loses_grant = has_grant(&state, found.user_id).await?;
    web::page(&ResetPage {
        ctx,
        token,
        errors: FormErrors::default(),
        loses_grant,
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
            let loses_grant = has_grant(&state, found.user_id).await?;
            return web::invalid(&ResetPage {
                ctx,
                token,
                errors,
                loses_grant,
            });
        }
    };
    let login_key = accounts::login_key(&state, &found.email);
    let token_id = found.id.clone();
    let user_id = found.user_id.clone().unwrap_or_default();
    crate::service::run(&state.pool, move |conn| {
        accounts::reset_password(conn, &token_id, &user_id, &login_key, &new)
    })
    .await?
    .map_err(|_| token_problem(db::tokens::TokenProblem::Used, "password reset", AGAIN))?;
    crate::web::ctx::end_login(&ctx.session);
    ctx.set_flash("Your password has been changed. Log in with the new password.");
    Ok(web::see_other("/login"))
}
