//! Failed-login counts per account, shared by every instance on one database.
//! Rows are keyed by a keyed hash of the email, so unknown addresses are throttled
//! exactly like known ones and no address is stored in the clear.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::login_throttle;
use super::{DbConn, now};
use crate::throttle::Policy;

/// When the key may try again, if it is locked now.
pub fn locked_until(conn: &mut DbConn, key: &str) -> QueryResult<Option<NaiveDateTime>> {
    let until: Option<Option<NaiveDateTime>> = login_throttle::table
        .find(key)
        .select(login_throttle::locked_until)
        .first(conn)
        .optional()?;
    Ok(until.flatten().filter(|t| *t > now()))
}

/// Count a failure and lock the key for the policy's delay. Returns the new lock end.
pub fn record_failure(
    conn: &mut DbConn,
    key: &str,
    policy: &Policy,
) -> QueryResult<Option<NaiveDateTime>> {
    let result = conn.transaction(|conn| {
        let t = now();
        let row: Option<(i32, NaiveDateTime)> = login_throttle::table
            .find(key)
            .select((login_throttle::failures, login_throttle::updated_at))
            .first(conn)
            .optional()?;
        let failures = match row {
            Some((n, updated)) if t - updated < policy.forget_after_chrono() => n.saturating_add(1),
            _ => 1,
        };
        let until = policy
            .delay(u32::try_from(failures).unwrap_or(u32::MAX))
            .map(|d| t + chrono::Duration::from_std(d).unwrap_or(chrono::Duration::hours(1)));
        if row.is_some() {
            diesel::update(login_throttle::table.find(key))
                .set((
                    login_throttle::failures.eq(failures),
                    login_throttle::locked_until.eq(until),
                    login_throttle::updated_at.eq(t),
                ))
                .execute(conn)?;
        } else {
            diesel::insert_into(login_throttle::table)
                .values((
                    login_throttle::key.eq(key),
                    login_throttle::failures.eq(failures),
                    login_throttle::locked_until.eq(until),
                    login_throttle::updated_at.eq(t),
                ))
                .execute(conn)?;
        }
        Ok(until)
    });
    match result {
        // Another instance recorded the first failure at the same moment: count on top of it.
        Err(e) if super::is_unique_violation(&e) => record_failure(conn, key, policy),
        other => other,
    }
}

/// Forget the failures of a key (after a successful login or a password reset).
pub fn reset(conn: &mut DbConn, key: &str) -> QueryResult<usize> {
    diesel::delete(login_throttle::table.find(key)).execute(conn)
}
