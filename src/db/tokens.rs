//! One-time links for staff: invitations, password resets, and the first-run setup token.
//! Only a SHA-256 of each token is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::staff_tokens;
use super::{DbConn, MultiBackend, new_id, now};
use crate::domain::account::Role;

/// What a one-time token is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
    Setup,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
            Purpose::Setup => "setup",
        }
    }
}

/// A stored token.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = staff_tokens, check_for_backend(MultiBackend))]
pub struct StaffToken {
    pub id: String,
    pub purpose: String,
    pub token_hash: String,
    pub email: String,
    pub role: Option<String>,
    pub user_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

impl StaffToken {
    pub fn role(&self) -> Option<Role> {
        self.role.as_deref().and_then(Role::parse)
    }
}

/// Why a token cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Used,
    Expired(NaiveDateTime),
}

/// What a new token is tied to.
pub struct NewToken<'a> {
    pub purpose: Purpose,
    pub token_hash: &'a str,
    pub email: &'a str,
    pub role: Option<Role>,
    pub user_id: Option<&'a str>,
    pub created_by: Option<&'a str>,
    pub expires_at: NaiveDateTime,
}

pub fn create(conn: &mut DbConn, t: NewToken<'_>) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(staff_tokens::table)
        .values((
            staff_tokens::id.eq(&id),
            staff_tokens::purpose.eq(t.purpose.code()),
            staff_tokens::token_hash.eq(t.token_hash),
            staff_tokens::email.eq(t.email),
            staff_tokens::role.eq(t.role.map(Role::as_str)),
            staff_tokens::user_id.eq(t.user_id),
            staff_tokens::created_by.eq(t.created_by),
            staff_tokens::created_at.eq(now()),
            staff_tokens::expires_at.eq(t.expires_at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Find a token that can still be used.
pub fn find_usable(
    conn: &mut DbConn,
    purpose: Purpose,
    token_hash: &str,
) -> QueryResult<Result<StaffToken, TokenProblem>> {
    let token: Option<StaffToken> = staff_tokens::table
        .filter(staff_tokens::token_hash.eq(token_hash))
        .filter(staff_tokens::purpose.eq(purpose.code()))
        .select(StaffToken::as_select())
        .first(conn)
        .optional()?;
    Ok(match token {
        None => Err(TokenProblem::Unknown),
        Some(t) if t.used_at.is_some() => Err(TokenProblem::Used),
        Some(t) if t.expires_at <= now() => Err(TokenProblem::Expired(t.expires_at)),
        Some(t) => Ok(t),
    })
}

/// Mark a token used. Returns false if it was used in the meantime (a race or a replay).
pub fn consume(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let n = diesel::update(
        staff_tokens::table
            .filter(staff_tokens::id.eq(id))
            .filter(staff_tokens::used_at.is_null()),
    )
    .set(staff_tokens::used_at.eq(now()))
    .execute(conn)?;
    Ok(n == 1)
}

/// Invitations not yet used nor expired, newest first.
pub fn pending_invites(conn: &mut DbConn) -> QueryResult<Vec<StaffToken>> {
    staff_tokens::table
        .filter(staff_tokens::purpose.eq(Purpose::Invite.code()))
        .filter(staff_tokens::used_at.is_null())
        .filter(staff_tokens::expires_at.gt(now()))
        .order(staff_tokens::created_at.desc())
        .select(StaffToken::as_select())
        .load(conn)
}

/// Withdraw an unused invitation. Returns false if there was none to withdraw.
pub fn revoke_invite(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let n = diesel::update(
        staff_tokens::table
            .filter(staff_tokens::id.eq(id))
            .filter(staff_tokens::purpose.eq(Purpose::Invite.code()))
            .filter(staff_tokens::used_at.is_null()),
    )
    .set(staff_tokens::used_at.eq(now()))
    .execute(conn)?;
    Ok(n == 1)
}

/// End the unused tokens of one purpose for one email (a newer one replaces them).
pub fn retire_for_email(conn: &mut DbConn, purpose: Purpose, email: &str) -> QueryResult<usize> {
    diesel::update(
        staff_tokens::table
            .filter(staff_tokens::purpose.eq(purpose.code()))
            .filter(staff_tokens::email.eq(email))
            .filter(staff_tokens::used_at.is_null()),
    )
    .set(staff_tokens::used_at.eq(now()))
    .execute(conn)
}
