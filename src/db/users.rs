//! Staff accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::{DbConn, MultiBackend, new_id, now, sessions};
use crate::domain::account::Role;

/// A staff account as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(MultiBackend))]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub password_hash: String,
    pub disabled: bool,
    pub session_version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl User {
    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUser<'a> {
    id: &'a str,
    email: &'a str,
    display_name: &'a str,
    role: &'a str,
    password_hash: &'a str,
    disabled: bool,
    session_version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConn) -> QueryResult<Vec<User>> {
    users::table
        .order((users::disabled.asc(), users::email.asc()))
        .select(User::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// Create an account. Fails with a unique violation when the email is taken.
pub fn create(
    conn: &mut DbConn,
    email: &str,
    display_name: &str,
    role: Role,
    password_hash: &str,
) -> QueryResult<User> {
    let id = new_id();
    let t = now();
    diesel::insert_into(users::table)
        .values(NewUser {
            id: &id,
            email,
            display_name,
            role: role.as_str(),
            password_hash,
            disabled: false,
            session_version: 0,
            created_at: t,
            updated_at: t,
        })
        .execute(conn)?;
    users::table.find(&id).select(User::as_select()).first(conn)
}

/// Set a new password hash and end every existing session of the user: their rows are
/// deleted and the session version moves on. A session that should continue (the one
/// that changed the password) starts afresh.
pub fn set_password(conn: &mut DbConn, id: &str, password_hash: &str) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let n = diesel::update(users::table.find(id))
            .set((
                users::password_hash.eq(password_hash),
                users::session_version.eq(users::session_version + 1),
                users::updated_at.eq(now()),
            ))
            .execute(conn)?;
        sessions::end_for_user(conn, id, None)?;
        Ok(n)
    })
}

/// Store a password's hash made again at a new cost, if the hash is still `was` (a
/// password changed meanwhile wins). Sessions go on: the password is the same.
pub fn upgrade_password_hash(
    conn: &mut DbConn,
    id: &str,
    was: &str,
    password_hash: &str,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id).filter(users::password_hash.eq(was)))
        .set(users::password_hash.eq(password_hash))
        .execute(conn)
}

/// Disable or enable an account. Either way its sessions end (their rows are deleted).
pub fn set_disabled(conn: &mut DbConn, id: &str, disabled: bool) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let n = diesel::update(users::table.find(id))
            .set((
                users::disabled.eq(disabled),
                users::session_version.eq(users::session_version + 1),
                users::updated_at.eq(now()),
            ))
            .execute(conn)?;
        sessions::end_for_user(conn, id, None)?;
        Ok(n)
    })
}

/// End every session of the account: its session version moves on and the rows go.
pub fn end_sessions(conn: &mut DbConn, id: &str) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let n = diesel::update(users::table.find(id))
            .set((
                users::session_version.eq(users::session_version + 1),
                users::updated_at.eq(now()),
            ))
            .execute(conn)?;
        sessions::end_for_user(conn, id, None)?;
        Ok(n)
    })
}

/// Lock these accounts' rows until the transaction ends (a write that changes nothing).
pub fn lock(conn: &mut DbConn, ids: &[&str]) -> QueryResult<usize> {
    diesel::update(users::table.filter(users::id.eq_any(ids.to_vec())))
        .set(users::updated_at.eq(users::updated_at))
        .execute(conn)
}

/// Set an account's role.
pub fn set_role(conn: &mut DbConn, id: &str, role: Role) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::role.eq(role.as_str()), users::updated_at.eq(now())))
        .execute(conn)
}

/// How many enabled administrator accounts there are.
pub fn count_active_admins(conn: &mut DbConn) -> QueryResult<i64> {
    users::table
        .filter(users::role.eq(Role::Admin.as_str()))
        .filter(users::disabled.eq(false))
        .count()
        .get_result(conn)
}
