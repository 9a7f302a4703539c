//! Accepting an invitation: the invitee chooses their name and password.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::{SetPasswordForm, token_problem};
use crate::db::{self, tokens::Purpose};
use crate::domain::FormErrors;
use crate::domain::account::{Email, NewPassword};
use crate::error::AppError;
use crate::service::accounts::{self, InviteRefusal, NewAccount};
use crate::state::AppState;
use crate::web::{self, Ctx, Form};

const AGAIN: &str = "ask an administrator to invite you again";

#[derive(Template)]
#[template(path = "auth/accept_invite.html")]
pub struct AcceptPage {
    pub ctx: Ctx,
    pub token: String,
    pub email: String,
    pub role: String,
    pub form: SetPasswordForm,
    pub errors: FormErrors,
}

#[get("/invite/{token}")]
pub async fn show(
    ctx: Ctx,
    state: Data<AppState>,
    token: Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let invite = super::usable_token(&state, Purpose::Invite, &token, "invitation", AGAIN).await?;
    web::page(&AcceptPage {
        ctx,
        token,
        role: invite
            .role()
            .map(|r| r.label())
            .unwrap_or_default()
            .to_string(),
        email: invite.email,
        form: SetPasswordForm::default(),
        errors: FormErrors::default(),
    })
}

/// Longest display name.
pub const NAME_MAX: usize = 100;

#[post("/invite/{token}")]
pub async fn submit(
    ctx: Ctx,
    state: Data<AppState>,
    token: Path<String>,
    Form(mut form): Form<SetPasswordForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let invite = super::usable_token(&state, Purpose::Invite, &token, "invitation", AGAIN).await?;
    let mut errors = FormErrors::default();
    let name = crate::domain::required_text(
        &mut errors,
        "display_name",
        &form.display_name,
        NAME_MAX,
        "Enter your name as colleagues know you.",
        "Use at most 100 characters for your name.",
    );
    let password =
        match NewPassword::parse(&form.password, &form.password_confirm, Some(&invite.email)) {
            Ok(p) => Some(p),
            Err((field, msg)) => {
                errors.add(field, msg);
                None
            }
        };
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        form.password.clear();
        form.password_confirm.clear();
        return web::invalid(&AcceptPage {
            ctx,
            token,
            role: invite
                .role()
                .map(|r| r.label())
                .unwrap_or_default()
                .to_string(),
            email: invite.email,
            form,
            errors,
        });
    };
    let role = invite
        .role()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("invitation without a role")))?;
    let email = Email::parse(&invite.email).map_err(|m| AppError::Internal(anyhow::anyhow!(m)))?;
    let new = NewAccount {
        email,
        display_name: name,
        role,
        password,
    };
    let token_id = invite.id.clone();
    let done = crate::service::run(&state.pool, move |conn| {
        accounts::accept_invite(conn, &token_id, &new)
    })
    .await?;
    let created = match done {
        Ok(created) => created,
        Err(InviteRefusal::Used) => {
            return Err(token_problem(
                db::tokens::TokenProblem::Used,
                "invitation",
                AGAIN,
            ));
        }
        Err(InviteRefusal::EmailTaken) => {
            return Err(AppError::Gone(
                "An account with this email address already exists. Log in, or reset your password.".into(),
            ));
        }
    };
    // The person just proved they hold the invitation and chose the password: they are in.
    crate::web::ctx::begin_login(&ctx.session, &created.user, None)?;
    tracing::info!(user = %created.user.id, "invitation accepted");
    ctx.set_flash("Your account is ready and you are logged in.");
    Ok(web::see_other("/staff"))
}
