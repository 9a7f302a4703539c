//! Two-step sign-in: enrolling an authenticator app, checking its codes (or a recovery
//! code) at login before any key is unwrapped, turning it off, making new recovery codes,
//! and the organisation's rule on who must use it. Secrets are sealed with the server's
//! data key; recovery codes are stored only as keyed hashes. Each write is one transaction
//! with its audit entry.

use super::{ServiceError, audit, transaction};
use crate::crypto::DataKeys;
use crate::crypto::totp::{Authenticator, unix_now};
use crate::db::{self, DbConn, two_step::TwoStepRow};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::UserId;
use crate::domain::two_step::{EnteredCode, RECOVERY_CODES, Requirement, new_recovery_code};
use crate::throttle::Policy;

/// The audit trail's record id for the two-step setting.
const SETTING: &str = "two-step";

fn staff(id: &str) -> Actor {
    Actor::Staff(UserId::from(id))
}

fn internal(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("{e}"))
}

/// Who must use two-step sign-in (nobody until an administrator chose).
pub fn requirement(conn: &mut DbConn) -> Result<Requirement, ServiceError> {
    Ok(db::two_step::requirement(conn)?
        .and_then(|c| Requirement::parse(&c))
        .unwrap_or_default())
}

/// Whether the organisation requires two-step sign-in of this account.
pub fn required_for(conn: &mut DbConn, user_id: &str) -> Result<bool, ServiceError> {
    let rule = requirement(conn)?;
    if rule == Requirement::Nobody {
        return Ok(false);
    }
    let granted = db::keys::grant(conn, user_id)?.is_some();
    Ok(rule.applies(granted))
}

/// Change who must use two-step sign-in.
pub fn set_requirement(conn: &mut DbConn, by: &str, rule: Requirement) -> Result<(), ServiceError> {
    transaction(conn, |conn| {
        let before = requirement(conn)?;
        db::two_step::set_requirement(conn, rule.code(), by)?;
        if before != rule {
            audit::record(
                conn,
                &staff(by),
                Action::SettingChanged,
                RecordKind::Setting,
                SETTING,
                format!(
                    "two-step sign-in required for: {} → {}",
                    before.code(),
                    rule.code()
                ),
            )?;
        }
        Ok(())
    })
}

/// An account's two-step sign-in, for its page.
pub struct Status {
    pub enabled: bool,
    pub codes_left: i64,
    /// Whether the organisation requires it of this account.
    pub required: bool,
}

/// The account's two-step sign-in as it stands.
pub fn status(conn: &mut DbConn, user_id: &str) -> Result<Status, ServiceError> {
    let enabled = enabled_row(conn, user_id)?.is_some();
    Ok(Status {
        enabled,
        codes_left: if enabled {
            db::two_step::recovery_codes_left(conn, user_id)?
        } else {
            0
        },
        required: required_for(conn, user_id)?,
    })
}

fn enabled_row(conn: &mut DbConn, user_id: &str) -> Result<Option<TwoStepRow>, ServiceError> {
    Ok(db::two_step::find(conn, user_id)?.filter(|r| r.enabled))
}

fn open(keys: &DataKeys, row: &TwoStepRow) -> Result<Authenticator, ServiceError> {
    let bytes = zeroize::Zeroizing::new(keys.open(&row.sealed_secret)?);
    Authenticator::from_bytes(&bytes).map_err(internal)
}

/// The authenticator being enrolled: the waiting one, or a new one (stored sealed, not yet
/// enabled). `None` when two-step sign-in is on already.
pub fn enrolment(
    conn: &mut DbConn,
    keys: &DataKeys,
    user_id: &str,
) -> Result<Option<Authenticator>, ServiceError> {
    transaction(conn, |conn| match db::two_step::find(conn, user_id)? {
        Some(row) if row.enabled => Ok(None),
        Some(row) => open(keys, &row).map(Some),
        None => {
            let fresh = Authenticator::generate().map_err(internal)?;
            db::two_step::put_pending(conn, user_id, &keys.seal(&fresh.secret_bytes()))?;
            Ok(Some(fresh))
        }
    })
}

/// The keyed hash a recovery code is stored as (bound to its account).
fn recovery_hash(keys: &DataKeys, user_id: &str, normalised: &str) -> String {
    keys.keyed_hash(
        "two-step-recovery",
        format!("{user_id}\0{normalised}").as_bytes(),
    )
}

/// New recovery codes for the account, replacing any before; returns them to show once.
fn new_recovery_codes(
    conn: &mut DbConn,
    keys: &DataKeys,
    user_id: &str,
) -> Result<Vec<String>, ServiceError> {
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| match EnteredCode::parse(c) {
            EnteredCode::Recovery(n) => recovery_hash(keys, user_id, &n),
            _ => recovery_hash(keys, user_id, c),
        })
        .collect();
    db::two_step::replace_recovery_codes(conn, user_id, &hashes)?;
    Ok(codes)
}

fn step_of(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}

/// Why a code was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum CodeRefusal {
    /// No waiting enrolment (turned on already, from another window).
    NotEnrolling,
    /// Not the current code.
    Wrong,
}

/// Finish enrolling with a current code: two-step sign-in is on, and the recovery codes
/// (to show once) are returned.
pub fn confirm(
    conn: &mut DbConn,
    keys: &DataKeys,
    user_id: &str,
    code: &str,
) -> Result<Result<Vec<String>, CodeRefusal>, ServiceError> {
    let EnteredCode::Authenticator(code) = EnteredCode::parse(code) else {
        return Ok(Err(CodeRefusal::Wrong));
    };
    transaction(conn, |conn| {
        let Some(row) = db::two_step::find(conn, user_id)?.filter(|r| !r.enabled) else {
            return Ok(Err(CodeRefusal::NotEnrolling));
        };
        let Some(step) = open(keys, &row)?.check(&code, unix_now()) else {
            return Ok(Err(CodeRefusal::Wrong));
        };
        db::two_step::enable(conn, user_id, step_of(step))?;
        let codes = new_recovery_codes(conn, keys, user_id)?;
        audit::record(
            conn,
            &staff(user_id),
            Action::TwoStepEnabled,
            RecordKind::User,
            user_id,
            format!("{RECOVERY_CODES} recovery codes"),
        )?;
        Ok(Ok(codes))
    })
}

/// Whether a code typed for an account with two-step sign-in on was good; a good one is
/// spent (its time step, or the recovery code), in the caller's transaction.
fn spend_code(
    conn: &mut DbConn,
    keys: &DataKeys,
    row: &TwoStepRow,
    entered: &EnteredCode,
) -> Result<bool, ServiceError> {
    let user_id = row.user_id.as_str();
    match entered {
        EnteredCode::Empty => Ok(false),
        EnteredCode::Authenticator(code) => match open(keys, row)?.check(code, unix_now()) {
            Some(step) => Ok(db::two_step::take_step(conn, user_id, step_of(step))?),
            None => Ok(false),
        },
        EnteredCode::Recovery(code) => {
            let hash = recovery_hash(keys, user_id, code);
            if !db::two_step::spend_recovery_code(conn, user_id, &hash)? {
                return Ok(false);
            }
            let left = db::two_step::recovery_codes_left(conn, user_id)?;
            audit::record(
                conn,
                &staff(user_id),
                Action::RecoveryCodeUsed,
                RecordKind::User,
                user_id,
                format!("{left} left"),
            )?;
            Ok(true)
        }
    }
}

/// What two-step sign-in says about a login whose password was right.
#[derive(Debug, PartialEq, Eq)]
pub enum Gate {
    /// Go on: the code was good (and is now spent), or none is needed.
    Open,
    /// The organisation requires two-step sign-in and the account has not enrolled: let
    /// them in only to enrol, without opening originals.
    MustEnrol,
    /// The account uses two-step sign-in and no code was typed.
    CodeNeeded,
    /// The code was wrong, or used already.
    WrongCode,
}

/// Check the second step of a login, before any key is unwrapped.
pub fn gate(
    conn: &mut DbConn,
    keys: &DataKeys,
    user_id: &str,
    code: &str,
) -> Result<Gate, ServiceError> {
    let entered = EnteredCode::parse(code);
    let Some(row) = enabled_row(conn, user_id)? else {
        return Ok(if required_for(conn, user_id)? {
            Gate::MustEnrol
        } else {
            Gate::Open
        });
    };
    if entered == EnteredCode::Empty {
        return Ok(Gate::CodeNeeded);
    }
    let good = transaction(conn, |conn| spend_code(conn, keys, &row, &entered))?;
    Ok(if good { Gate::Open } else { Gate::WrongCode })
}

/// Why turning two-step sign-in off, or making new recovery codes, was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeRefusal {
    /// Two-step sign-in is not on.
    NotEnabled,
    /// The password is not right.
    Password,
    /// The code is not right (or was used already).
    Code,
    /// The organisation requires it of this account (turning off only).
    Required,
    /// Too many failed attempts on this account: try later.
    Locked,
}

/// What a change of two-step sign-in is asked with: the password and a current code,
/// and the account's throttle key (failures count as failed logins).
pub struct Proof<'a> {
    pub user_id: &'a str,
    pub password: &'a str,
    pub code: &'a str,
    pub login_key: &'a str,
}

/// A change that needs the password and a current code ([`disable`],
/// [`regenerate_codes`]).
pub type ProvenChange<T> =
    fn(&mut DbConn, &DataKeys, &Proof<'_>) -> Result<Result<T, ChangeRefusal>, ServiceError>;

/// Check the password (outside any transaction: Argon2 is slow) and the lock.
fn check_password(
    conn: &mut DbConn,
    proof: &Proof<'_>,
) -> Result<Option<ChangeRefusal>, ServiceError> {
    if db::throttle::locked_until(conn, proof.login_key)?.is_some() {
        return Ok(Some(ChangeRefusal::Locked));
    }
    let user = db::users::find(conn, proof.user_id)?.ok_or(ServiceError::NotFound)?;
    if crate::password::verify(&user.password_hash, proof.password) {
        return Ok(None);
    }
    db::throttle::record_failure(conn, proof.login_key, &Policy::LOGIN_ACCOUNT)?;
    Ok(Some(ChangeRefusal::Password))
}

/// Check password and code, then run `change` in one transaction with the code spent.
fn with_proof<T>(
    conn: &mut DbConn,
    keys: &DataKeys,
    proof: &Proof<'_>,
    change: impl FnOnce(&mut DbConn) -> Result<Result<T, ChangeRefusal>, ServiceError>,
) -> Result<Result<T, ChangeRefusal>, ServiceError> {
    let Some(row) = enabled_row(conn, proof.user_id)? else {
        return Ok(Err(ChangeRefusal::NotEnabled));
    };
    if let Some(refusal) = check_password(conn, proof)? {
        return Ok(Err(refusal));
    }
    let entered = EnteredCode::parse(proof.code);
    let done = transaction(conn, |conn| {
        if !spend_code(conn, keys, &row, &entered)? {
            return Ok(Err(ChangeRefusal::Code));
        }
        change(conn)
    })?;
    if matches!(done, Err(ChangeRefusal::Code)) {
        db::throttle::record_failure(conn, proof.login_key, &Policy::LOGIN_ACCOUNT)?;
    }
    Ok(done)
}

/// Turn two-step sign-in off, with the password and a current code. Refused while the
/// organisation requires it of this account.
pub fn disable(
    conn: &mut DbConn,
    keys: &DataKeys,
    proof: &Proof<'_>,
) -> Result<Result<(), ChangeRefusal>, ServiceError> {
    if required_for(conn, proof.user_id)? && enabled_row(conn, proof.user_id)?.is_some() {
        return Ok(Err(ChangeRefusal::Required));
    }
    let user_id = proof.user_id;
    with_proof(conn, keys, proof, |conn| {
        db::two_step::remove(conn, user_id)?;
        audit::record(
            conn,
            &staff(user_id),
            Action::TwoStepDisabled,
            RecordKind::User,
            user_id,
            "",
        )?;
        Ok(Ok(()))
    })
}

/// Turn two-step sign-in off from the command line (the system acts), for someone who
/// lost both phone and recovery codes. Their sessions end. Returns whether it was on.
pub fn turn_off(conn: &mut DbConn, user_id: &str) -> Result<bool, ServiceError> {
    transaction(conn, |conn| {
        if enabled_row(conn, user_id)?.is_none() {
            return Ok(false);
        }
        db::two_step::remove(conn, user_id)?;
        db::users::end_sessions(conn, user_id)?;
        audit::record(
            conn,
            &Actor::System,
            Action::TwoStepDisabled,
            RecordKind::User,
            user_id,
            "from the command line",
        )?;
        Ok(true)
    })
}

/// Replace the recovery codes, with the password and a current code. Returns the new codes
/// to show once.
pub fn regenerate_codes(
    conn: &mut DbConn,
    keys: &DataKeys,
    proof: &Proof<'_>,
) -> Result<Result<Vec<String>, ChangeRefusal>, ServiceError> {
    let user_id = proof.user_id;
    with_proof(conn, keys, proof, |conn| {
        let codes = new_recovery_codes(conn, keys, user_id)?;
        audit::record(
            conn,
            &staff(user_id),
            Action::RecoveryCodesRegenerated,
            RecordKind::User,
            user_id,
            format!("{RECOVERY_CODES} new codes; the earlier ones no longer work"),
        )?;
        Ok(Ok(codes))
    })
}
