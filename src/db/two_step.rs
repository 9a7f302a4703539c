//! Two-step sign-in as stored: each account's sealed authenticator secret and last used
//! time step, its recovery codes (keyed hashes), and the organisation's rule on who must
//! use it (one row).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{security_settings, two_step, two_step_recovery_codes};
use super::{DbConn, MultiBackend, now};

/// The single row's key of `security_settings`.
const ROW: i32 = 1;

/// An account's authenticator, as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = two_step, check_for_backend(MultiBackend))]
pub struct TwoStepRow {
    pub user_id: String,
    /// The secret, sealed with the server's data key.
    pub sealed_secret: Vec<u8>,
    /// False while the enrolment waits for its first code.
    pub enabled: bool,
    pub last_step: Option<i64>,
    pub created_at: NaiveDateTime,
    pub enabled_at: Option<NaiveDateTime>,
}

/// The account's authenticator row, enabled or waiting.
pub fn find(conn: &mut DbConn, user_id: &str) -> QueryResult<Option<TwoStepRow>> {
    two_step::table
        .find(user_id)
        .select(TwoStepRow::as_select())
        .first(conn)
        .optional()
}

/// Start (or restart) an enrolment with a new sealed secret, not yet enabled.
pub fn put_pending(conn: &mut DbConn, user_id: &str, sealed_secret: &[u8]) -> QueryResult<()> {
    diesel::delete(two_step::table.find(user_id)).execute(conn)?;
    diesel::insert_into(two_step::table)
        .values((
            two_step::user_id.eq(user_id),
            two_step::sealed_secret.eq(sealed_secret),
            two_step::enabled.eq(false),
            two_step::last_step.eq(None::<i64>),
            two_step::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Enable a waiting enrolment, remembering the step of the code that confirmed it.
/// Returns false when there was no waiting enrolment.
pub fn enable(conn: &mut DbConn, user_id: &str, step: i64) -> QueryResult<bool> {
    let n = diesel::update(
        two_step::table
            .find(user_id)
            .filter(two_step::enabled.eq(false)),
    )
    .set((
        two_step::enabled.eq(true),
        two_step::last_step.eq(Some(step)),
        two_step::enabled_at.eq(Some(now())),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Take the time step `step` for an enabled authenticator: true only when it is later
/// than every step used before (so a code works once, even with two requests at once).
pub fn take_step(conn: &mut DbConn, user_id: &str, step: i64) -> QueryResult<bool> {
    let n = diesel::update(
        two_step::table
            .find(user_id)
            .filter(two_step::enabled.eq(true))
            .filter(
                two_step::last_step
                    .is_null()
                    .or(two_step::last_step.lt(step)),
            ),
    )
    .set(two_step::last_step.eq(Some(step)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Remove the account's authenticator and recovery codes. Returns whether it had one.
pub fn remove(conn: &mut DbConn, user_id: &str) -> QueryResult<bool> {
    diesel::delete(
        two_step_recovery_codes::table.filter(two_step_recovery_codes::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(diesel::delete(two_step::table.find(user_id)).execute(conn)? > 0)
}

/// Replace the account's recovery codes with these hashes.
pub fn replace_recovery_codes(
    conn: &mut DbConn,
    user_id: &str,
    hashes: &[String],
) -> QueryResult<()> {
    diesel::delete(
        two_step_recovery_codes::table.filter(two_step_recovery_codes::user_id.eq(user_id)),
    )
    .execute(conn)?;
    // One row at a time: a batch insert is not portable across the two backends here.
    for h in hashes {
        diesel::insert_into(two_step_recovery_codes::table)
            .values((
                two_step_recovery_codes::code_hash.eq(h),
                two_step_recovery_codes::user_id.eq(user_id),
                two_step_recovery_codes::used_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Spend an unused recovery code of the account. Returns false when there is none with
/// this hash (never issued, or used already).
pub fn spend_recovery_code(conn: &mut DbConn, user_id: &str, hash: &str) -> QueryResult<bool> {
    let n = diesel::update(
        two_step_recovery_codes::table
            .find(hash)
            .filter(two_step_recovery_codes::user_id.eq(user_id))
            .filter(two_step_recovery_codes::used_at.is_null()),
    )
    .set(two_step_recovery_codes::used_at.eq(Some(now())))
    .execute(conn)?;
    Ok(n == 1)
}

/// How many of the account's recovery codes are still unused.
pub fn recovery_codes_left(conn: &mut DbConn, user_id: &str) -> QueryResult<i64> {
    two_step_recovery_codes::table
        .filter(two_step_recovery_codes::user_id.eq(user_id))
        .filter(two_step_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Who must use two-step sign-in, as stored (`None` until an administrator chose).
pub fn requirement(conn: &mut DbConn) -> QueryResult<Option<String>> {
    security_settings::table
        .find(ROW)
        .select(security_settings::two_step_required)
        .first(conn)
        .optional()
}

/// Store who must use two-step sign-in.
pub fn set_requirement(conn: &mut DbConn, code: &str, by: &str) -> QueryResult<()> {
    let at = now();
    let updated = diesel::update(security_settings::table.find(ROW))
        .set((
            security_settings::two_step_required.eq(code),
            security_settings::updated_by.eq(by),
            security_settings::updated_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(security_settings::table)
            .values((
                security_settings::id.eq(ROW),
                security_settings::two_step_required.eq(code),
                security_settings::updated_by.eq(by),
                security_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}
