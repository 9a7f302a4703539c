//! Excerpts: quotable passages of a redacted text, each pointing at the consent record
//! that allowed it.

use diesel::prelude::*;

use super::schema::excerpts;
use super::{DbConn, now};

/// Why excerpts stopped being usable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalidation {
    /// The witness's consent changed (the record an excerpt points at is no longer current).
    Consent,
    /// The redacted text changed under the excerpt.
    Redaction,
    /// The witness withdrew the testimony (or erased it).
    Withdrawn,
}

impl Invalidation {
    pub fn code(self) -> &'static str {
        match self {
            Invalidation::Consent => "consent",
            Invalidation::Redaction => "redaction",
            Invalidation::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Invalidation::Consent,
            Invalidation::Redaction,
            Invalidation::Withdrawn,
        ]
        .into_iter()
        .find(|i| i.code() == code)
    }
}

/// Invalidate every still-valid excerpt of a testimony (of one text, if given). Returns
/// how many were invalidated.
pub fn invalidate(
    conn: &mut DbConn,
    testimony_id: &str,
    text_id: Option<&str>,
    why: Invalidation,
) -> QueryResult<usize> {
    let mut q = diesel::update(excerpts::table)
        .filter(excerpts::testimony_id.eq(testimony_id))
        .filter(excerpts::invalidated_at.is_null())
        .into_boxed();
    if let Some(text_id) = text_id {
        q = q.filter(excerpts::text_id.eq(text_id.to_string()));
    }
    q.set((
        excerpts::invalidated_at.eq(now()),
        excerpts::invalidated_reason.eq(why.code()),
    ))
    .execute(conn)
}

/// On erasure: every excerpt keeps only that it existed and was withdrawn; its words go.
pub fn erase_words(conn: &mut DbConn, testimony_id: &str) -> QueryResult<usize> {
    invalidate(conn, testimony_id, None, Invalidation::Withdrawn)?;
    diesel::update(excerpts::table.filter(excerpts::testimony_id.eq(testimony_id)))
        .set((
            excerpts::body.eq(""),
            excerpts::note.eq(""),
            excerpts::invalidated_reason.eq(Invalidation::Withdrawn.code()),
        ))
        .execute(conn)
}

/// After a new consent record: excerpts the new choice no longer allows are invalidated
/// (all, without quotation; attributed ones, without attribution); the others now point
/// at the new record. Returns how many were invalidated.
pub fn follow_consent(
    conn: &mut DbConn,
    testimony_id: &str,
    record_id: &str,
    permits_quote: bool,
    permits_attribute: bool,
) -> QueryResult<usize> {
    let mut invalidated = 0;
    if !permits_quote {
        return invalidate(conn, testimony_id, None, Invalidation::Consent);
    }
    if !permits_attribute {
        invalidated = diesel::update(excerpts::table)
            .filter(excerpts::testimony_id.eq(testimony_id))
            .filter(excerpts::invalidated_at.is_null())
            .filter(excerpts::attributed.eq(true))
            .set((
                excerpts::invalidated_at.eq(now()),
                excerpts::invalidated_reason.eq(Invalidation::Consent.code()),
            ))
            .execute(conn)?;
    }
    diesel::update(excerpts::table)
        .filter(excerpts::testimony_id.eq(testimony_id))
        .filter(excerpts::invalidated_at.is_null())
        .set(excerpts::consent_record_id.eq(record_id))
        .execute(conn)?;
    Ok(invalidated)
}
