//! Receipts kept for a short while after a submission, so that a repeat of the same form
//! (a double tap, a slow connection) answers with the same receipt. A row is found by the
//! keyed hash of the form's submission key and holds the receipt sealed under a key only
//! that form carries; this module stores, finds and deletes the bytes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConn;
use super::schema::{kept_receipts, testimonies};

/// A kept receipt, still sealed.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = kept_receipts, check_for_backend(super::MultiBackend))]
pub struct KeptReceipt {
    pub submission_hash: String,
    pub sealed_receipt: Vec<u8>,
    pub submitted_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Keep a receipt until `row.expires_at` (in the submission's own transaction), in place
/// of any row left for the same hash (its testimony was erased before it was swept).
pub fn insert(conn: &mut DbConn, row: &KeptReceipt) -> QueryResult<usize> {
    delete(conn, &row.submission_hash)?;
    diesel::insert_into(kept_receipts::table)
        .values((
            kept_receipts::submission_hash.eq(&row.submission_hash),
            kept_receipts::sealed_receipt.eq(&row.sealed_receipt),
            kept_receipts::submitted_at.eq(row.submitted_at),
            kept_receipts::expires_at.eq(row.expires_at),
        ))
        .execute(conn)
}

/// The receipt kept for a submission, unless it expired before `now`.
pub fn find_live(
    conn: &mut DbConn,
    submission_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<KeptReceipt>> {
    kept_receipts::table
        .find(submission_hash)
        .filter(kept_receipts::expires_at.gt(now))
        .select(KeptReceipt::as_select())
        .first(conn)
        .optional()
}

/// Forget the receipt kept for a submission (when its testimony is erased, say).
pub fn delete(conn: &mut DbConn, submission_hash: &str) -> QueryResult<usize> {
    diesel::delete(kept_receipts::table.find(submission_hash)).execute(conn)
}

/// Whether a testimony came from the form with this submission hash.
pub fn testimony_exists(conn: &mut DbConn, submission_hash: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        testimonies::table.filter(testimonies::submission_hash.eq(submission_hash)),
    ))
    .get_result(conn)
}

/// Delete the receipts that expired before `now`. Returns how many went.
pub fn sweep_expired(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(kept_receipts::table.filter(kept_receipts::expires_at.le(now))).execute(conn)
}

/// How many rows the table holds (expired or not).
pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    kept_receipts::table.count().get_result(conn)
}
