//! Editorial review decisions: moving a testimony through its states and assigning it.
//! Each is one transaction with its audit entry.

use super::{ServiceError, audit, transaction};
use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::review::{self, Facts, Move, Refusal};
use crate::domain::testimony::ReviewStatus;

/// Make a review move, in the caller's transaction (messages make theirs within their own).
/// Returns the new state, or why the rule refused it.
pub fn apply_move(
    conn: &mut DbConn,
    actor: &Actor,
    id: &TestimonyId,
    action: &Move,
) -> Result<Result<ReviewStatus, Refusal>, ServiceError> {
    let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    let facts = Facts {
        withdrawn: t.is_withdrawn(),
        has_redacted_text: db::review::has_redacted_text(conn, id.as_str())?,
    };
    let to = match review::next(t.status, facts, action) {
        Ok(to) => to,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if to == t.status {
        return Ok(Ok(to));
    }
    let reason = match action {
        Move::Exclude(reason) => Some(reason.as_str()),
        _ => None,
    };
    db::review::set_status(conn, id.as_str(), to, reason)?;
    audit::record(
        conn,
        actor,
        Action::StatusChanged,
        RecordKind::Testimony,
        id.as_str(),
        format!("{} → {}", t.status.code(), to.code()),
    )?;
    Ok(Ok(to))
}

/// An editor's review move, as its own transaction.
pub fn change_status(
    conn: &mut DbConn,
    by: &UserId,
    id: &TestimonyId,
    action: &Move,
) -> Result<Result<ReviewStatus, Refusal>, ServiceError> {
    transaction(conn, |conn| {
        apply_move(conn, &Actor::Staff(by.clone()), id, action)
    })
}

/// Assign a testimony to an editor (or to nobody).
pub fn assign(
    conn: &mut DbConn,
    by: &UserId,
    id: &TestimonyId,
    to: Option<&UserId>,
) -> Result<(), ServiceError> {
    transaction(conn, |conn| {
        db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if let Some(user) = to {
            db::users::find(conn, user.as_str())?.ok_or(ServiceError::NotFound)?;
        }
        db::review::assign(conn, id.as_str(), to.map(UserId::as_str))?;
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::Assigned,
            RecordKind::Testimony,
            id.as_str(),
            match to {
                Some(user) => format!("to user {}", user.as_str()),
                None => "to nobody".to_string(),
            },
        )?;
        Ok(())
    })
}
