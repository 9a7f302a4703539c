//! The audit trail as services use it: [`record`] inside the transaction of the change it
//! describes, and [`verify`] to walk the whole chain.

use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, Entry, RecordKind};

use super::ServiceError;

/// Append one entry, in the caller's transaction. `detail` says what changed in states,
/// counts or categories: never testimony text or identity.
pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    action: Action,
    record: RecordKind,
    record_id: &str,
    detail: impl Into<String>,
) -> Result<(), ServiceError> {
    db::audit::append(
        conn,
        &Entry {
            actor,
            action,
            record,
            record_id,
            detail: detail.into(),
        },
    )?;
    Ok(())
}

/// What is wrong with the chain, at the first place it breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// An entry's fields no longer match its hash (it was edited).
    Edited { seq: i64 },
    /// An entry does not follow the one before it (one was deleted or inserted).
    Gap { after: i64, found: i64 },
    /// The entry's link to the previous one does not match (the earlier one was replaced).
    Relinked { seq: i64 },
    /// The log ends before (or goes past) the head kept outside it: its tail was cut or added to.
    Head { head_seq: i64, last_seq: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Edited { seq } => write!(f, "entry {seq} was changed after it was written"),
            Break::Gap { after, found } => write!(
                f,
                "entries between {after} and {found} are missing (deleted from the log)"
            ),
            Break::Relinked { seq } => write!(
                f,
                "entry {seq} does not follow the entry before it (history was rewritten)"
            ),
            Break::Head { head_seq, last_seq } => write!(
                f,
                "the log ends at entry {last_seq} but {head_seq} entries were written (its end was cut off or altered)"
            ),
        }
    }
}

/// The result of walking the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// How many entries were checked.
    pub entries: i64,
    /// The first break found, if any.
    pub problem: Option<Break>,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.problem.is_none()
    }
}

/// Walk the whole chain in order and check every link, then the head.
pub fn verify(conn: &mut DbConn) -> Result<Verification, ServiceError> {
    verify_with_progress(conn, |_| {})
}

/// The number of entries the head says were written (for showing progress).
pub fn written(conn: &mut DbConn) -> Result<i64, ServiceError> {
    Ok(db::audit::head(conn)?.0)
}

/// [`verify`], calling `progress` with the number of entries checked after each batch.
pub fn verify_with_progress(
    conn: &mut DbConn,
    mut progress: impl FnMut(i64),
) -> Result<Verification, ServiceError> {
    let (head_seq, head_hash) = db::audit::head(conn)?;
    let mut last_seq = 0i64;
    let mut last_hash = String::new();
    let mut entries = 0i64;
    loop {
        let batch = db::audit::batch_after(conn, last_seq, 1_000)?;
        if batch.is_empty() {
            break;
        }
        for row in batch {
            entries += 1;
            let problem = if row.seq != last_seq + 1 {
                Some(Break::Gap {
                    after: last_seq,
                    found: row.seq,
                })
            } else if row.expected_hash() != row.hash {
                Some(Break::Edited { seq: row.seq })
            } else if row.prev_hash != last_hash {
                Some(Break::Relinked { seq: row.seq })
            } else {
                None
            };
            if problem.is_some() {
                return Ok(Verification { entries, problem });
            }
            last_seq = row.seq;
            last_hash = row.hash;
        }
        progress(entries);
    }
    let problem = (last_seq != head_seq || last_hash != head_hash)
        .then_some(Break::Head { head_seq, last_seq });
    Ok(Verification { entries, problem })
}
