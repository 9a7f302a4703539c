//! Receipts kept after a submission: for 15 minutes the receipt of each submitted form is
//! kept, sealed under a key derived from the form's submission key (which the server does
//! not store), so that the same form posted again answers with the same receipt and the
//! receipt page can be shown again. After that it is gone for good.

use chrono::NaiveDateTime;

use super::ServiceError;
use crate::crypto::{DataKeys, OpenError, keys::FormKey};
use crate::db::{self, DbConn, kept_receipts::KeptReceipt};
use crate::domain::receipt::Receipt;
use crate::domain::submission::{SubmissionKey, receipt_kept_until};

/// A receipt and when its testimony was submitted.
#[derive(Clone, Debug)]
pub struct IssuedReceipt {
    pub receipt: Receipt,
    pub submitted_at: NaiveDateTime,
}

/// What became of a submitted form.
#[derive(Clone, Debug)]
pub enum Submitted {
    /// The testimony was stored now.
    Now(IssuedReceipt),
    /// The same form was stored before, and its receipt is still kept: the same receipt.
    Earlier(IssuedReceipt),
    /// The same form was stored before, and its receipt is no longer kept.
    EarlierReceiptGone,
}

impl Submitted {
    /// The receipt to show, unless it is no longer kept.
    pub fn issued(&self) -> Option<&IssuedReceipt> {
        match self {
            Submitted::Now(r) | Submitted::Earlier(r) => Some(r),
            Submitted::EarlierReceiptGone => None,
        }
    }
}

/// The keyed hash a form's submission is found by (the key itself is never stored).
pub fn submission_hash(data_keys: &DataKeys, key: &SubmissionKey) -> String {
    data_keys.keyed_hash("submission", key.as_str().as_bytes())
}

/// Keep a receipt for a repeat of its form; call in the submission's transaction.
pub(super) fn keep(
    conn: &mut DbConn,
    key: &SubmissionKey,
    submission_hash: &str,
    issued: &IssuedReceipt,
) -> Result<(), ServiceError> {
    let sealed = FormKey::derive(key.as_str()).seal(issued.receipt.digits().as_bytes());
    db::kept_receipts::insert(
        conn,
        &KeptReceipt {
            submission_hash: submission_hash.to_string(),
            sealed_receipt: sealed,
            submitted_at: issued.submitted_at,
            expires_at: receipt_kept_until(issued.submitted_at),
        },
    )?;
    Ok(())
}

/// What became of the form with this key, as of `now`: `None` when no testimony came from
/// it; its receipt while it is kept; `EarlierReceiptGone` after.
pub fn find_submitted(
    conn: &mut DbConn,
    data_keys: &DataKeys,
    key: &SubmissionKey,
    now: NaiveDateTime,
) -> Result<Option<Submitted>, ServiceError> {
    let hash = submission_hash(data_keys, key);
    // The testimony first: it is stored with its kept receipt in one transaction, so once
    // it is seen, the receipt is too. (Asked the other way round, a post racing the one
    // being stored could miss the receipt, then see the testimony, and say it was gone.)
    if !db::kept_receipts::testimony_exists(conn, &hash)? {
        return Ok(None);
    }
    let Some(row) = db::kept_receipts::find_live(conn, &hash, now)? else {
        return Ok(Some(Submitted::EarlierReceiptGone));
    };
    let plain = FormKey::derive(key.as_str()).open(&row.sealed_receipt)?;
    let receipt = std::str::from_utf8(&plain)
        .ok()
        .and_then(Receipt::parse)
        .ok_or(OpenError)?;
    Ok(Some(Submitted::Earlier(IssuedReceipt {
        receipt,
        submitted_at: row.submitted_at,
    })))
}
