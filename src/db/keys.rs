//! The stored keys: the organisation public key with its recovery-wrapped secret, each
//! staff account's wrapped key pair, and grants of access to originals. Nothing here is
//! usable without a password or the recovery key.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{org_keys, originals_grants, user_keys, users};
use super::{DbConn, now};

/// The one row of `org_keys`.
const ORG: &str = "org";

/// The organisation key as stored.
pub struct OrgKeyRow {
    pub public_key: Vec<u8>,
    pub recovery_wrapped: Vec<u8>,
    pub created_at: NaiveDateTime,
}

pub fn org_key(conn: &mut DbConn) -> QueryResult<Option<OrgKeyRow>> {
    org_keys::table
        .find(ORG)
        .select((
            org_keys::public_key,
            org_keys::recovery_wrapped,
            org_keys::created_at,
        ))
        .first::<(Vec<u8>, Vec<u8>, NaiveDateTime)>(conn)
        .optional()
        .map(|r| {
            r.map(|(public_key, recovery_wrapped, created_at)| OrgKeyRow {
                public_key,
                recovery_wrapped,
                created_at,
            })
        })
}

/// Store the organisation key. Fails with a unique violation if one exists already.
pub fn insert_org_key(
    conn: &mut DbConn,
    public_key: &[u8],
    recovery_wrapped: &[u8],
) -> QueryResult<()> {
    diesel::insert_into(org_keys::table)
        .values((
            org_keys::id.eq(ORG),
            org_keys::public_key.eq(public_key),
            org_keys::recovery_wrapped.eq(recovery_wrapped),
            org_keys::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A staff account's key pair as stored.
pub struct UserKeyRow {
    pub public_key: Vec<u8>,
    pub wrapped_secret: Vec<u8>,
    pub kdf_salt: Vec<u8>,
    /// The Argon2id cost the secret was wrapped with: memory in KiB, and passes.
    pub kdf_memory_kib: i32,
    pub kdf_passes: i32,
}

pub fn user_key(conn: &mut DbConn, user_id: &str) -> QueryResult<Option<UserKeyRow>> {
    user_keys::table
        .find(user_id)
        .select((
            user_keys::public_key,
            user_keys::wrapped_secret,
            user_keys::kdf_salt,
            user_keys::kdf_memory_kib,
            user_keys::kdf_passes,
        ))
        .first::<(Vec<u8>, Vec<u8>, Vec<u8>, i32, i32)>(conn)
        .optional()
        .map(|r| {
            r.map(
                |(public_key, wrapped_secret, kdf_salt, kdf_memory_kib, kdf_passes)| UserKeyRow {
                    public_key,
                    wrapped_secret,
                    kdf_salt,
                    kdf_memory_kib,
                    kdf_passes,
                },
            )
        })
}

/// Store (or replace) an account's key pair.
pub fn put_user_key(conn: &mut DbConn, user_id: &str, key: &UserKeyRow) -> QueryResult<()> {
    diesel::delete(user_keys::table.find(user_id)).execute(conn)?;
    diesel::insert_into(user_keys::table)
        .values((
            user_keys::user_id.eq(user_id),
            user_keys::public_key.eq(&key.public_key),
            user_keys::wrapped_secret.eq(&key.wrapped_secret),
            user_keys::kdf_salt.eq(&key.kdf_salt),
            user_keys::kdf_memory_kib.eq(key.kdf_memory_kib),
            user_keys::kdf_passes.eq(key.kdf_passes),
            user_keys::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Store an account's secret key wrapped again (the same key pair), if it is still
/// wrapped as `was` (a password changed meanwhile wins).
pub fn replace_wrapping(
    conn: &mut DbConn,
    user_id: &str,
    was: &[u8],
    key: &UserKeyRow,
) -> QueryResult<usize> {
    diesel::update(
        user_keys::table
            .find(user_id)
            .filter(user_keys::wrapped_secret.eq(was))
            .filter(user_keys::public_key.eq(&key.public_key)),
    )
    .set((
        user_keys::wrapped_secret.eq(&key.wrapped_secret),
        user_keys::kdf_salt.eq(&key.kdf_salt),
        user_keys::kdf_memory_kib.eq(key.kdf_memory_kib),
        user_keys::kdf_passes.eq(key.kdf_passes),
    ))
    .execute(conn)
}

/// The grant of an account, if it has one.
pub fn grant(conn: &mut DbConn, user_id: &str) -> QueryResult<Option<Vec<u8>>> {
    originals_grants::table
        .find(user_id)
        .select(originals_grants::sealed_org_key)
        .first(conn)
        .optional()
}

/// Store (or replace) a grant.
pub fn put_grant(
    conn: &mut DbConn,
    user_id: &str,
    sealed_org_key: &[u8],
    granted_by: Option<&str>,
) -> QueryResult<()> {
    revoke(conn, user_id)?;
    diesel::insert_into(originals_grants::table)
        .values((
            originals_grants::user_id.eq(user_id),
            originals_grants::sealed_org_key.eq(sealed_org_key),
            originals_grants::granted_by.eq(granted_by),
            originals_grants::granted_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Remove a grant. Returns whether there was one.
pub fn revoke(conn: &mut DbConn, user_id: &str) -> QueryResult<bool> {
    diesel::delete(originals_grants::table.find(user_id))
        .execute(conn)
        .map(|n| n > 0)
}

/// The ids of accounts that hold a grant.
pub fn granted_user_ids(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    originals_grants::table
        .inner_join(users::table)
        .select(originals_grants::user_id)
        .load(conn)
}
