//! Staff accounts: creating them (first administrator, invitations, the command line),
//! logging in, changing and resetting passwords, disabling, and granting access to
//! originals, changing roles. Each write is one transaction with its audit entry; key work
//! (Argon2id) runs on the blocking pool. What administrators do to accounts is in `admin.rs`.

use std::time::Duration;

mod admin;
pub use admin::*;

use super::two_step::{self, Gate};
use super::{ServiceError, audit, keys, transaction};
use crate::crypto::keys::{OrgSecretKey, RecoveryKey};
use crate::db::{self, DbConn, tokens::Purpose, users::User};
use crate::domain::account::{Email, NewPassword, Role};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::UserId;
use crate::mail::OutgoingMail;
use crate::state::AppState;
use crate::throttle::Policy;

/// The staff member `id` as the actor of an audit entry.
fn staff(id: &str) -> Actor {
    Actor::Staff(UserId::from(id))
}

/// An audit entry about a staff account (or an invitation, by its id).
fn record_user(
    conn: &mut DbConn,
    actor: &Actor,
    action: Action,
    id: &str,
    detail: impl Into<String>,
) -> Result<(), ServiceError> {
    audit::record(conn, actor, action, RecordKind::User, id, detail)
}

/// A new account's details, checked.
pub struct NewAccount {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub password: NewPassword,
}

/// An account just created, and what it may open.
pub struct Created {
    pub user: User,
    /// The organisation key, when this account was granted at creation.
    pub originals: Option<OrgSecretKey>,
    /// Shown once when this creation made the organisation key.
    pub recovery: Option<RecoveryKey>,
}

/// Create an account with its key pair, in the caller's transaction. The first account of
/// an empty database must be an administrator: it creates the organisation key, is
/// granted, and receives the recovery key to show once. Later accounts start ungranted.
/// Fails with a unique violation (as `ServiceError::Db`) when the email is taken.
pub fn create(conn: &mut DbConn, new: &NewAccount) -> Result<Created, ServiceError> {
    let hash = crate::password::hash(new.password.expose())?;
    let first = db::users::count(conn)? == 0;
    let user = db::users::create(conn, new.email.as_str(), &new.display_name, new.role, &hash)?;
    keys::new_staff_keys(conn, &user.id, new.password.expose())?;
    if !(first && new.role == Role::Admin) || keys::org_key_exists(conn)? {
        return Ok(Created {
            user,
            originals: None,
            recovery: None,
        });
    }
    let (org, recovery) = keys::create_org_key(conn)?;
    keys::grant(conn, &org, &user.id, None)?.map_err(|r| anyhow::anyhow!("{r:?}"))?;
    Ok(Created {
        user,
        originals: Some(org),
        recovery: Some(recovery),
    })
}

/// Create a setup token if nobody has an account yet. Returns the token to print.
pub fn issue_setup_token(conn: &mut DbConn) -> Result<Option<String>, ServiceError> {
    transaction(conn, issue_setup_token_in)
}

fn issue_setup_token_in(conn: &mut DbConn) -> Result<Option<String>, ServiceError> {
    if db::users::count(conn)? > 0 {
        return Ok(None);
    }
    let token = crate::crypto::random_token();
    db::tokens::retire_for_email(conn, Purpose::Setup, "")?;
    db::tokens::create(
        conn,
        db::tokens::NewToken {
            purpose: Purpose::Setup,
            token_hash: &crate::crypto::token_hash(&token),
            email: "",
            role: Some(Role::Admin),
            user_id: None,
            created_by: None,
            expires_at: db::now() + chrono::Duration::hours(24),
        },
    )?;
    Ok(Some(token))
}

/// Why the first administrator could not be created.
#[derive(Debug, PartialEq, Eq)]
pub enum SetupRefusal {
    /// An account exists already, or the setup link was used.
    AlreadyDone,
}

/// Create the first administrator with the one-time setup token.
pub fn setup_first_admin(
    conn: &mut DbConn,
    token_id: &str,
    new: &NewAccount,
) -> Result<Result<Created, SetupRefusal>, ServiceError> {
    transaction(conn, |conn| {
        if !db::tokens::consume(conn, token_id)? || db::users::count(conn)? > 0 {
            return Ok(Err(SetupRefusal::AlreadyDone));
        }
        let created = create(conn, new)?;
        record_user(
            conn,
            &staff(&created.user.id),
            Action::UserJoined,
            &created.user.id,
            "first administrator, with the setup link",
        )?;
        Ok(Ok(created))
    })
}

/// Why an invitation could not be accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum InviteRefusal {
    Used,
    EmailTaken,
}

/// Accept an invitation: the account is made, ungranted, and the token used up.
pub fn accept_invite(
    conn: &mut DbConn,
    token_id: &str,
    new: &NewAccount,
) -> Result<Result<Created, InviteRefusal>, ServiceError> {
    transaction(conn, |conn| {
        if !db::tokens::consume(conn, token_id)? {
            return Ok(Err(InviteRefusal::Used));
        }
        if db::users::find_by_email(conn, new.email.as_str())?.is_some() {
            return Ok(Err(InviteRefusal::EmailTaken));
        }
        let created = create(conn, new)?;
        record_user(
            conn,
            &staff(&created.user.id),
            Action::UserJoined,
            &created.user.id,
            format!("role {}, invitation {token_id}", new.role.as_str()),
        )?;
        Ok(Ok(created))
    })
}

/// Create an account from the command line (the system acts).
pub fn create_by_command(conn: &mut DbConn, new: &NewAccount) -> Result<Created, ServiceError> {
    transaction(conn, |conn| {
        let created = create(conn, new)?;
        record_user(
            conn,
            &Actor::System,
            Action::UserJoined,
            &created.user.id,
            format!("role {}, from the command line", new.role.as_str()),
        )?;
        Ok(created)
    })
}

/// How a login attempt ended.
pub enum LoginOutcome {
    /// Logged in; `originals` is the organisation key when the account is granted.
    /// `must_enrol`: the organisation requires two-step sign-in and the account has not
    /// set it up, so nothing was unwrapped and staff pages lead to the enrolment page.
    LoggedIn {
        user: Box<User>,
        originals: Option<OrgSecretKey>,
        must_enrol: bool,
    },
    /// The password was right but the account is disabled.
    Disabled,
    /// The password was right; the account uses two-step sign-in and no code was typed.
    CodeNeeded,
    /// The password was right but the two-step code was wrong or used already (counted
    /// as a failed attempt).
    CodeRefused,
    /// Unknown email or wrong password (the same answer for both).
    Refused,
    /// Too many failures from this address or on this account: wait this long.
    Locked(Duration),
}

/// The throttle key for an account: a keyed hash of the normalised email.
pub fn login_key(state: &AppState, email: &str) -> String {
    state
        .keys
        .keyed_hash("login", email.trim().to_lowercase().as_bytes())
}

/// Log in. Failures count per client address (in memory) and per account (in the
/// database, shared by instances). A success resets the account's count only: an address's
/// failures are never forgiven by a success (one right password must not clear a guessing
/// address). The organisation key is unwrapped only after the password and, for an account
/// with two-step sign-in, the `code` (authenticator or recovery code) were verified.
pub async fn login(
    state: &AppState,
    email: &Email,
    password: &str,
    code: &str,
    address: &str,
) -> Result<LoginOutcome, ServiceError> {
    let key = login_key(state, email.as_str());
    let locked = {
        let key = key.clone();
        super::run(&state.pool, move |conn| {
            Ok(db::throttle::locked_until(conn, &key)?)
        })
        .await?
    };
    let address_wait = state.throttles.login.check(address).err();
    let account_wait = locked.map(|until| (until - db::now()).to_std().unwrap_or_default());
    if let Some(wait) = address_wait.into_iter().chain(account_wait).max() {
        return Ok(LoginOutcome::Locked(wait));
    }
    let email = email.as_str().to_string();
    let password = password.to_string();
    let code = code.to_string();
    let data_keys = state.keys.clone();
    // Wait for a turn before taking a connection: the check below holds one throughout.
    let _turn = state.password_turns.acquire().await;
    let outcome = super::run(&state.pool, move |conn| {
        let user = db::users::find_by_email(conn, &email)?;
        let hash = user.as_ref().map(|u| u.password_hash.as_str());
        let matches = crate::password::verify(
            hash.unwrap_or_else(|| crate::password::dummy_hash()),
            &password,
        ) && user.is_some();
        match user {
            Some(user) if matches && !user.disabled => {
                // The second step comes before any key is unwrapped.
                let gate = two_step::gate(conn, &data_keys, &user.id, &code)?;
                let must_enrol = match gate {
                    Gate::CodeNeeded => return Ok(LoginOutcome::CodeNeeded),
                    Gate::WrongCode => {
                        db::throttle::record_failure(conn, &key, &Policy::LOGIN_ACCOUNT)?;
                        return Ok(LoginOutcome::CodeRefused);
                    }
                    Gate::MustEnrol => true,
                    Gate::Open => false,
                };
                let (originals, key_upgrade) = if must_enrol {
                    (None, None)
                } else {
                    let unlocked = keys::unlock(conn, &user.id, &password)?;
                    (unlocked.org, unlocked.upgrade)
                };
                // A hash made at an earlier Argon2 cost is made again while the password
                // is at hand (before the transaction: it takes its time).
                let rehashed = if crate::password::is_current(&user.password_hash) {
                    None
                } else {
                    Some(crate::password::hash(&password)?)
                };
                transaction(conn, |conn| {
                    if let Some(new_hash) = &rehashed {
                        db::users::upgrade_password_hash(
                            conn,
                            &user.id,
                            &user.password_hash,
                            new_hash,
                        )?;
                    }
                    if let Some(upgrade) = &key_upgrade {
                        keys::store_upgrade(conn, &user.id, upgrade)?;
                    }
                    db::throttle::reset(conn, &key)?;
                    record_user(
                        conn,
                        &staff(&user.id),
                        Action::Login,
                        &user.id,
                        login_detail(must_enrol, originals.is_some()),
                    )
                })?;
                Ok(LoginOutcome::LoggedIn {
                    user: Box::new(user),
                    originals,
                    must_enrol,
                })
            }
            Some(_) if matches => Ok(LoginOutcome::Disabled),
            _ => {
                db::throttle::record_failure(conn, &key, &Policy::LOGIN_ACCOUNT)?;
                Ok(LoginOutcome::Refused)
            }
        }
    })
    .await?;
    if matches!(outcome, LoginOutcome::Refused | LoginOutcome::CodeRefused) {
        state.throttles.login.fail(address);
    }
    Ok(outcome)
}

/// The audit detail of a login.
fn login_detail(must_enrol: bool, originals: bool) -> &'static str {
    match (must_enrol, originals) {
        (true, _) => "two-step sign-in required but not set up: originals not opened",
        (false, true) => "with access to originals",
        (false, false) => "",
    }
}

/// Log out: the session itself is ended by the caller; this writes the trail.
pub fn logout(conn: &mut DbConn, user_id: &str) -> Result<(), ServiceError> {
    transaction(conn, |conn| {
        record_user(conn, &staff(user_id), Action::Logout, user_id, "")
    })
}

/// Change one's own password, knowing the current one. The key pair is wrapped again
/// under the new password, so a grant of access to originals is kept; every session of the
/// account ends (the caller starts a new one for the person who changed it).
pub fn change_password(
    conn: &mut DbConn,
    user_id: &str,
    current: &str,
    new: &NewPassword,
) -> Result<Option<User>, ServiceError> {
    let hash = crate::password::hash(new.expose())?;
    transaction(conn, |conn| {
        let Some(user) = db::users::find(conn, user_id)? else {
            return Ok(None);
        };
        if !crate::password::verify(&user.password_hash, current) {
            return Ok(None);
        }
        keys::rewrap(conn, user_id, current, new.expose())?;
        db::users::set_password(conn, user_id, &hash)?;
        record_user(conn, &staff(user_id), Action::PasswordChanged, user_id, "")?;
        Ok(db::users::find(conn, user_id)?)
    })
}

/// Why a reset link could not set a password.
#[derive(Debug, PartialEq, Eq)]
pub enum ResetRefusal {
    Used,
}

/// Set a new password with a reset link. The account gets a new key pair, so access to
/// originals is lost until an administrator grants it again; its sessions end and its
/// failed-login count is forgiven.
pub fn reset_password(
    conn: &mut DbConn,
    token_id: &str,
    user_id: &str,
    login_key: &str,
    new: &NewPassword,
) -> Result<Result<(), ResetRefusal>, ServiceError> {
    let hash = crate::password::hash(new.expose())?;
    transaction(conn, |conn| {
        if !db::tokens::consume(conn, token_id)? {
            return Ok(Err(ResetRefusal::Used));
        }
        let had_grant = db::keys::grant(conn, user_id)?.is_some();
        db::users::set_password(conn, user_id, &hash)?;
        keys::new_staff_keys(conn, user_id, new.expose())?;
        db::throttle::reset(conn, login_key)?;
        record_user(
            conn,
            &staff(user_id),
            Action::PasswordReset,
            user_id,
            if had_grant {
                "with an emailed link; access to originals ended"
            } else {
                "with an emailed link"
            },
        )?;
        Ok(Ok(()))
    })
}

/// Ask for a password reset link. Known, unknown and disabled addresses are handled alike
/// from the caller's point of view; only an enabled account gets mail.
pub fn request_reset(
    conn: &mut DbConn,
    data_keys: &crate::crypto::DataKeys,
    email: &Email,
    token: &str,
    minutes: i64,
    mail: impl FnOnce(&User) -> Result<OutgoingMail, ServiceError>,
) -> Result<(), ServiceError> {
    let Some(user) = db::users::find_by_email(conn, email.as_str())? else {
        return Ok(());
    };
    if user.disabled {
        return Ok(());
    }
    let message = mail(&user)?;
    transaction(conn, |conn| {
        db::tokens::retire_for_email(conn, Purpose::Reset, &user.email)?;
        db::tokens::create(
            conn,
            db::tokens::NewToken {
                purpose: Purpose::Reset,
                token_hash: &crate::crypto::token_hash(token),
                email: &user.email,
                role: None,
                user_id: Some(&user.id),
                created_by: None,
                expires_at: db::now() + chrono::Duration::minutes(minutes),
            },
        )?;
        crate::mail::enqueue(conn, data_keys, "password-reset", &message)?;
        Ok(())
    })
}
