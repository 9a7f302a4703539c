//! Access to originals: creating the organisation key, unlocking it at login, granting and
//! revoking it, and restoring it with the recovery key. See [`crate::crypto::keys`] for the
//! scheme.

use super::ServiceError;
use crate::crypto::OpenError;
use crate::crypto::keys::{
    OrgPublicKey, OrgSecretKey, RecoveryKey, StaffPublicKey, StaffSecretKey, StoredStaffKeys,
};
use crate::db::{self, DbConn, keys::UserKeyRow};
use crate::password::Cost;

/// The organisation public key, to seal with.
pub fn org_public(conn: &mut DbConn) -> Result<OrgPublicKey, ServiceError> {
    let row = db::keys::org_key(conn)?.ok_or(ServiceError::NoOrgKey)?;
    Ok(OrgPublicKey::from_bytes(&row.public_key)?)
}

/// Whether the organisation key exists.
pub fn org_key_exists(conn: &mut DbConn) -> Result<bool, ServiceError> {
    Ok(db::keys::org_key(conn)?.is_some())
}

/// Create the organisation key and its recovery key (shown once, never stored).
/// Fails if one exists already.
pub fn create_org_key(conn: &mut DbConn) -> Result<(OrgSecretKey, RecoveryKey), ServiceError> {
    let secret = OrgSecretKey::generate();
    let recovery = RecoveryKey::generate();
    db::keys::insert_org_key(
        conn,
        &secret.public().to_bytes(),
        &secret.wrap_for_recovery(&recovery),
    )?;
    Ok((secret, recovery))
}

fn stored(row: UserKeyRow) -> Result<StoredStaffKeys, OpenError> {
    Ok(StoredStaffKeys {
        public_key: row.public_key,
        wrapped_secret: row.wrapped_secret,
        salt: row.kdf_salt,
        cost: Cost::stored(row.kdf_memory_kib, row.kdf_passes).ok_or(OpenError)?,
    })
}

fn row(keys: StoredStaffKeys) -> UserKeyRow {
    UserKeyRow {
        public_key: keys.public_key,
        wrapped_secret: keys.wrapped_secret,
        kdf_salt: keys.salt,
        kdf_memory_kib: keys.cost.memory_kib_stored(),
        kdf_passes: keys.cost.passes_stored(),
    }
}

/// Give an account a new key pair wrapped under its password (new accounts, password
/// resets). A grant made for an earlier key pair no longer opens, so it is removed.
pub fn new_staff_keys(
    conn: &mut DbConn,
    user_id: &str,
    password: &str,
) -> Result<StaffSecretKey, ServiceError> {
    let (secret, keys) = StaffSecretKey::create(password)?;
    db::keys::put_user_key(conn, user_id, &row(keys))?;
    db::keys::revoke(conn, user_id)?;
    Ok(secret)
}

/// What a login opened: the organisation key if the account is granted, and the
/// account's key wrapped again at the current cost when it was wrapped at an earlier one
/// (stored with [`store_upgrade`] in the login's transaction).
pub struct Unlocked {
    pub org: Option<OrgSecretKey>,
    pub upgrade: Option<KeyUpgrade>,
}

/// An account's key pair wrapped again at the current cost, and how it was wrapped.
pub struct KeyUpgrade {
    was: Vec<u8>,
    row: UserKeyRow,
}

/// At login, with the password just verified: the organisation key if the account is
/// granted. An account without a key pair (made before sealed originals) gets one now.
/// Slow (Argon2id, twice for a key wrapped at an earlier cost).
pub fn unlock(conn: &mut DbConn, user_id: &str, password: &str) -> Result<Unlocked, ServiceError> {
    let (secret, upgrade) = match db::keys::user_key(conn, user_id)? {
        Some(row) => {
            let kept = stored(row)?;
            let secret = StaffSecretKey::unlock(&kept, password)?;
            let upgrade = if kept.cost == Cost::CURRENT {
                None
            } else {
                Some(KeyUpgrade {
                    was: kept.wrapped_secret,
                    row: self::row(secret.rewrap(password)?),
                })
            };
            (secret, upgrade)
        }
        None => {
            new_staff_keys(conn, user_id, password)?;
            return Ok(Unlocked {
                org: None,
                upgrade: None,
            });
        }
    };
    let org = match db::keys::grant(conn, user_id)? {
        Some(grant) => secret.open_grant(&grant).ok(),
        None => None,
    };
    Ok(Unlocked { org, upgrade })
}

/// Store a key wrapped again at login (inside the login's transaction).
pub fn store_upgrade(
    conn: &mut DbConn,
    user_id: &str,
    upgrade: &KeyUpgrade,
) -> Result<(), ServiceError> {
    db::keys::replace_wrapping(conn, user_id, &upgrade.was, &upgrade.row)?;
    Ok(())
}

/// After a password change: the same key pair wrapped under the new password, so a
/// grant stays valid.
pub fn rewrap(
    conn: &mut DbConn,
    user_id: &str,
    old_password: &str,
    new_password: &str,
) -> Result<(), ServiceError> {
    match db::keys::user_key(conn, user_id)? {
        Some(old) => {
            let secret = StaffSecretKey::unlock(&stored(old)?, old_password)?;
            db::keys::put_user_key(conn, user_id, &row(secret.rewrap(new_password)?))?;
        }
        None => {
            new_staff_keys(conn, user_id, new_password)?;
        }
    }
    Ok(())
}

/// Why a grant could not be made.
#[derive(Debug, PartialEq, Eq)]
pub enum GrantRefusal {
    /// The account has not set a password since sealed originals arrived (no key pair).
    NoKeyPair,
}

/// Grant an account access to originals, with the granter's unwrapped organisation key.
pub fn grant(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    user_id: &str,
    granted_by: Option<&str>,
) -> Result<Result<(), GrantRefusal>, ServiceError> {
    let Some(row) = db::keys::user_key(conn, user_id)? else {
        return Ok(Err(GrantRefusal::NoKeyPair));
    };
    let public = StaffPublicKey::from_bytes(&row.public_key)?;
    db::keys::put_grant(conn, user_id, &org.grant_to(&public), granted_by)?;
    Ok(Ok(()))
}

/// The organisation key, unwrapped with the recovery key.
pub fn recover(conn: &mut DbConn, recovery: &RecoveryKey) -> Result<OrgSecretKey, ServiceError> {
    let row = db::keys::org_key(conn)?.ok_or(ServiceError::NoOrgKey)?;
    Ok(OrgSecretKey::from_recovery(
        &row.recovery_wrapped,
        recovery,
    )?)
}
