//! Server-side session rows. A row is found by a hash of the session id and holds state
//! that only the cookie's secret can decrypt; this module stores and deletes the bytes and
//! knows nothing of cookies or encryption.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::sessions;
use super::{DbConn, now};

/// A session as it is written.
#[derive(Clone, Copy, Debug)]
pub struct SessionRow<'a> {
    /// SHA-256 (hex) of the session id.
    pub id_hash: &'a str,
    /// The encrypted session state.
    pub state: &'a [u8],
    /// The signed-in staff member, when there is one.
    pub user_id: Option<&'a str>,
    /// When the row stops being valid.
    pub expires_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSession<'a> {
    id_hash: &'a str,
    state: &'a [u8],
    user_id: Option<&'a str>,
    expires_at: NaiveDateTime,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Store a new session.
pub fn insert(conn: &mut DbConn, row: SessionRow<'_>) -> QueryResult<usize> {
    let t = now();
    diesel::insert_into(sessions::table)
        .values(NewSession {
            id_hash: row.id_hash,
            state: row.state,
            user_id: row.user_id,
            expires_at: row.expires_at,
            created_at: t,
            updated_at: t,
        })
        .execute(conn)
}

/// The encrypted state of a session that has not expired.
pub fn find_live(conn: &mut DbConn, id_hash: &str) -> QueryResult<Option<Vec<u8>>> {
    sessions::table
        .find(id_hash)
        .filter(sessions::expires_at.gt(now()))
        .select(sessions::state)
        .first(conn)
        .optional()
}

/// Replace the state of a live session. A session that has ended (deleted or expired) is
/// not brought back: the result is then 0.
pub fn update(conn: &mut DbConn, row: SessionRow<'_>) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .find(row.id_hash)
            .filter(sessions::expires_at.gt(now())),
    )
    .set((
        sessions::state.eq(row.state),
        sessions::user_id.eq(row.user_id),
        sessions::expires_at.eq(row.expires_at),
        sessions::updated_at.eq(now()),
    ))
    .execute(conn)
}

/// Move the expiry of a live session.
pub fn extend(conn: &mut DbConn, id_hash: &str, expires_at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .find(id_hash)
            .filter(sessions::expires_at.gt(now())),
    )
    .set((
        sessions::expires_at.eq(expires_at),
        sessions::updated_at.eq(now()),
    ))
    .execute(conn)
}

/// Delete one session.
pub fn delete(conn: &mut DbConn, id_hash: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(id_hash)).execute(conn)
}

/// End every session of an account at once, except the one named (the session that asked
/// for it, when it should continue). Returns how many ended.
pub fn end_for_user(conn: &mut DbConn, user_id: &str, except: Option<&str>) -> QueryResult<usize> {
    let of_user = sessions::table.filter(sessions::user_id.eq(user_id));
    match except {
        Some(keep) => diesel::delete(of_user.filter(sessions::id_hash.ne(keep))).execute(conn),
        None => diesel::delete(of_user).execute(conn),
    }
}

/// Delete expired sessions. Returns how many were deleted.
pub fn sweep_expired(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now()))).execute(conn)
}

/// How many session rows exist (live or not yet swept).
pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    sessions::table.count().get_result(conn)
}
