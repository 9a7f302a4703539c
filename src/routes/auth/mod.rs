//! Staff sign-in and account security: login, logout, changing and resetting passwords,
//! two-step sign-in, accepting invitations, and creating the first administrator.

pub mod invite;
pub mod login;
pub mod logout;
pub mod password;
pub mod reset;
pub mod setup;
pub mod two_step;

use crate::db::tokens::TokenProblem;
use crate::error::AppError;

/// The clear answer for a one-time link that cannot be used.
pub fn token_problem(problem: TokenProblem, what: &str, again: &str) -> AppError {
    match problem {
        TokenProblem::Unknown => AppError::Gone(format!(
            "This {what} link is not valid. Check that you copied the whole link, or {again}."
        )),
        TokenProblem::Used => AppError::Gone(format!(
            "This {what} link has already been used. {again_cap}.",
            again_cap = capitalise(again)
        )),
        TokenProblem::Expired(at) => AppError::Gone(format!(
            "This {what} link expired on {} UTC. {again_cap}.",
            at.format("%Y-%m-%d %H:%M"),
            again_cap = capitalise(again)
        )),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Look up a one-time link's token; a link that cannot be used becomes a clear 410 page.
pub async fn usable_token(
    state: &crate::state::AppState,
    purpose: crate::db::tokens::Purpose,
    token: &str,
    what: &str,
    again: &str,
) -> Result<crate::db::tokens::StaffToken, AppError> {
    let hash = crate::crypto::token_hash(token);
    crate::web::run_db(&state.pool, move |conn| {
        Ok(crate::db::tokens::find_usable(conn, purpose, &hash)?)
    })
    .await?
    .map_err(|p| token_problem(p, what, again))
}

/// The form for choosing a password (invitations, resets, first admin).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SetPasswordForm {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
}
