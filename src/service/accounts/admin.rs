//! What administrators do to accounts: disabling and enabling, invitations, access to
//! originals, recovering access with the recovery key, and roles. Each write is one
//! transaction with its audit entry.

use super::{
    Action, Actor, DbConn, Email, OrgSecretKey, OutgoingMail, Purpose, RecoveryKey, Role,
    ServiceError, User, db, keys, record_user, staff, transaction,
};

/// Disable or enable an account; its sessions end either way.
pub fn set_disabled(
    conn: &mut DbConn,
    by: &Actor,
    user_id: &str,
    disabled: bool,
) -> Result<Option<User>, ServiceError> {
    transaction(conn, |conn| {
        let Some(user) = db::users::find(conn, user_id)? else {
            return Ok(None);
        };
        db::users::set_disabled(conn, user_id, disabled)?;
        let action = if disabled {
            Action::UserDisabled
        } else {
            Action::UserEnabled
        };
        record_user(conn, by, action, user_id, "")?;
        Ok(Some(user))
    })
}

/// An invitation to send.
pub struct Invitation<'a> {
    pub email: &'a Email,
    pub role: Role,
    /// The link's token (only its hash is stored).
    pub token: &'a str,
    /// How long the link works.
    pub hours: i64,
    pub invited_by: &'a str,
    pub message: &'a OutgoingMail,
}

/// Invite someone by email. Returns false when the address already has an account.
pub fn invite(
    conn: &mut DbConn,
    data_keys: &crate::crypto::DataKeys,
    invitation: Invitation<'_>,
) -> Result<bool, ServiceError> {
    let Invitation {
        email,
        role,
        token,
        hours,
        invited_by,
        message,
    } = invitation;
    transaction(conn, |conn| {
        if db::users::find_by_email(conn, email.as_str())?.is_some() {
            return Ok(false);
        }
        db::tokens::retire_for_email(conn, Purpose::Invite, email.as_str())?;
        let token_id = db::tokens::create(
            conn,
            db::tokens::NewToken {
                purpose: Purpose::Invite,
                token_hash: &crate::crypto::token_hash(token),
                email: email.as_str(),
                role: Some(role),
                user_id: None,
                created_by: Some(invited_by),
                expires_at: db::now() + chrono::Duration::hours(hours),
            },
        )?;
        crate::mail::enqueue(conn, data_keys, "invite", message)?;
        record_user(
            conn,
            &staff(invited_by),
            Action::UserInvited,
            &token_id,
            format!("role {}", role.as_str()),
        )?;
        Ok(true)
    })
}

/// Withdraw an unused invitation. Returns false if there was none to withdraw.
pub fn withdraw_invite(
    conn: &mut DbConn,
    by: &Actor,
    token_id: &str,
) -> Result<bool, ServiceError> {
    transaction(conn, |conn| {
        let done = db::tokens::revoke_invite(conn, token_id)?;
        if done {
            record_user(conn, by, Action::InviteWithdrawn, token_id, "")?;
        }
        Ok(done)
    })
}

/// Grant an account access to originals with the granting administrator's key. Takes
/// effect at the account's next login.
pub fn grant_originals(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    user_id: &str,
    granted_by: &str,
) -> Result<Result<(), keys::GrantRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let done = keys::grant(conn, org, user_id, Some(granted_by))?;
        if done.is_ok() {
            record_user(conn, &staff(granted_by), Action::GrantGiven, user_id, "")?;
        }
        Ok(done)
    })
}

/// Revoke an account's access to originals. Its sessions end at once, taking the
/// unwrapped key with them.
pub fn revoke_originals(
    conn: &mut DbConn,
    by: &Actor,
    user_id: &str,
) -> Result<bool, ServiceError> {
    transaction(conn, |conn| {
        let had = db::keys::revoke(conn, user_id)?;
        if had {
            db::users::end_sessions(conn, user_id)?;
            record_user(conn, by, Action::GrantRevoked, user_id, "")?;
        }
        Ok(had)
    })
}

/// Grant an account access with the recovery key (when no administrator can). Only the
/// command line does this, so the system is the actor.
pub fn recover_access(
    conn: &mut DbConn,
    recovery: &RecoveryKey,
    user_id: &str,
) -> Result<Result<OrgSecretKey, keys::GrantRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let org = keys::recover(conn, recovery)?;
        let done = keys::grant(conn, &org, user_id, None)?;
        if done.is_ok() {
            record_user(
                conn,
                &Actor::System,
                Action::AccessRecovered,
                user_id,
                "with the recovery key",
            )?;
        }
        Ok(done.map(|()| org))
    })
}

/// Why a role could not be changed.
#[derive(Debug, PartialEq, Eq)]
pub enum RoleRefusal {
    /// Nobody changes their own role (another administrator must).
    OwnRole,
    /// The account is the last active administrator: someone must remain who can manage
    /// accounts.
    LastAdmin,
    /// The one changing it is no longer an active administrator.
    NotAllowed,
}

/// A role changed (or already as asked).
pub struct RoleChanged {
    pub user: User,
    pub from: Role,
}

/// Change another account's role. Its sessions end, so the new permissions apply at once.
/// The rows of both accounts are locked first, so two administrators demoting each other
/// at the same moment cannot leave none.
pub fn change_role(
    conn: &mut DbConn,
    by: &Actor,
    user_id: &str,
    role: Role,
) -> Result<Result<RoleChanged, RoleRefusal>, ServiceError> {
    transaction(conn, |conn| {
        if by.user_id() == Some(user_id) {
            return Ok(Err(RoleRefusal::OwnRole));
        }
        let ids: Vec<&str> = by.user_id().into_iter().chain([user_id]).collect();
        db::users::lock(conn, &ids)?;
        if let Some(actor) = by.user_id() {
            let active_admin = db::users::find(conn, actor)?
                .is_some_and(|a| a.role() == Role::Admin && !a.disabled);
            if !active_admin {
                return Ok(Err(RoleRefusal::NotAllowed));
            }
        }
        let user = db::users::find(conn, user_id)?.ok_or(ServiceError::NotFound)?;
        let from = user.role();
        if from == role {
            return Ok(Ok(RoleChanged { user, from }));
        }
        if from == Role::Admin && !user.disabled && db::users::count_active_admins(conn)? <= 1 {
            return Ok(Err(RoleRefusal::LastAdmin));
        }
        db::users::set_role(conn, user_id, role)?;
        db::users::end_sessions(conn, user_id)?;
        record_user(
            conn,
            by,
            Action::RoleChanged,
            user_id,
            format!("{} → {}", from.as_str(), role.as_str()),
        )?;
        let user = db::users::find(conn, user_id)?.ok_or(ServiceError::NotFound)?;
        Ok(Ok(RoleChanged { user, from }))
    })
}
