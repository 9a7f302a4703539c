//! Redaction marks (what to remove from a testimony's text, terms sealed) and the saved
//! redacted versions (in clear: what search, excerpts and reports use).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{redacted_versions, redaction_marks, testimonies};
use super::{DbConn, MultiBackend, new_id, now};

/// The text id of a testimony's original (translations use their own id).
pub const ORIGINAL: &str = "original";

/// One mark as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = redaction_marks, check_for_backend(MultiBackend))]
pub struct MarkRow {
    pub id: String,
    pub testimony_id: String,
    pub text_id: String,
    pub category: String,
    pub span_start: Option<i32>,
    pub span_end: Option<i32>,
    pub sealed_term: Option<Vec<u8>>,
    /// `witness`, `detected` or `manual`.
    pub origin: String,
    /// `applied`, `suggested`, `dismissed` or `removed`.
    pub state: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

/// A new mark: a span (byte offsets) or a sealed term.
pub struct NewMark<'a> {
    pub testimony_id: &'a str,
    pub text_id: &'a str,
    pub category: &'a str,
    pub span: Option<(i32, i32)>,
    pub sealed_term: Option<Vec<u8>>,
    pub origin: &'a str,
    pub state: &'a str,
    pub created_by: Option<&'a str>,
}

/// A saved redacted text.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = redacted_versions, check_for_backend(MultiBackend))]
pub struct RedactedVersionRow {
    pub id: String,
    pub testimony_id: String,
    pub text_id: String,
    pub version: i32,
    pub body: String,
    /// Categories and counts of what changed; never the words.
    pub changes: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Store a mark; returns its id.
pub fn insert_mark(conn: &mut DbConn, m: &NewMark<'_>) -> QueryResult<String> {
    let id = new_id();
    let decided = (m.state != "suggested").then(now);
    diesel::insert_into(redaction_marks::table)
        .values((
            redaction_marks::id.eq(&id),
            redaction_marks::testimony_id.eq(m.testimony_id),
            redaction_marks::text_id.eq(m.text_id),
            redaction_marks::category.eq(m.category),
            redaction_marks::span_start.eq(m.span.map(|s| s.0)),
            redaction_marks::span_end.eq(m.span.map(|s| s.1)),
            redaction_marks::sealed_term.eq(&m.sealed_term),
            redaction_marks::origin.eq(m.origin),
            redaction_marks::state.eq(m.state),
            redaction_marks::created_by.eq(m.created_by),
            redaction_marks::created_at.eq(now()),
            redaction_marks::decided_by.eq(decided.and(m.created_by)),
            redaction_marks::decided_at.eq(decided),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Every mark of one text of a testimony, oldest first.
pub fn marks(conn: &mut DbConn, testimony_id: &str, text_id: &str) -> QueryResult<Vec<MarkRow>> {
    redaction_marks::table
        .filter(redaction_marks::testimony_id.eq(testimony_id))
        .filter(redaction_marks::text_id.eq(text_id))
        .order((redaction_marks::created_at.asc(), redaction_marks::id.asc()))
        .select(MarkRow::as_select())
        .load(conn)
}

/// One mark of a testimony.
pub fn find_mark(
    conn: &mut DbConn,
    testimony_id: &str,
    mark_id: &str,
) -> QueryResult<Option<MarkRow>> {
    redaction_marks::table
        .filter(redaction_marks::testimony_id.eq(testimony_id))
        .filter(redaction_marks::id.eq(mark_id))
        .select(MarkRow::as_select())
        .first(conn)
        .optional()
}

/// Record a decision on a mark (applied, dismissed, removed).
pub fn set_state(conn: &mut DbConn, mark_id: &str, state: &str, by: &str) -> QueryResult<usize> {
    diesel::update(redaction_marks::table.find(mark_id))
        .set((
            redaction_marks::state.eq(state),
            redaction_marks::decided_by.eq(Some(by)),
            redaction_marks::decided_at.eq(Some(now())),
        ))
        .execute(conn)
}

/// The latest redacted version of a text, if any was saved.
pub fn current(
    conn: &mut DbConn,
    testimony_id: &str,
    text_id: &str,
) -> QueryResult<Option<RedactedVersionRow>> {
    redacted_versions::table
        .filter(redacted_versions::testimony_id.eq(testimony_id))
        .filter(redacted_versions::text_id.eq(text_id))
        .order(redacted_versions::version.desc())
        .select(RedactedVersionRow::as_select())
        .first(conn)
        .optional()
}

/// Every version of a text, newest first.
pub fn versions(
    conn: &mut DbConn,
    testimony_id: &str,
    text_id: &str,
) -> QueryResult<Vec<RedactedVersionRow>> {
    redacted_versions::table
        .filter(redacted_versions::testimony_id.eq(testimony_id))
        .filter(redacted_versions::text_id.eq(text_id))
        .order(redacted_versions::version.desc())
        .select(RedactedVersionRow::as_select())
        .load(conn)
}

/// Store the next version of a text; returns its number.
pub fn insert_version(
    conn: &mut DbConn,
    testimony_id: &str,
    text_id: &str,
    body: &str,
    changes: &str,
    by: Option<&str>,
) -> QueryResult<i32> {
    let last: Option<i32> = redacted_versions::table
        .filter(redacted_versions::testimony_id.eq(testimony_id))
        .filter(redacted_versions::text_id.eq(text_id))
        .select(diesel::dsl::max(redacted_versions::version))
        .first(conn)?;
    let version = last.unwrap_or(0) + 1;
    diesel::insert_into(redacted_versions::table)
        .values((
            redacted_versions::id.eq(new_id()),
            redacted_versions::testimony_id.eq(testimony_id),
            redacted_versions::text_id.eq(text_id),
            redacted_versions::version.eq(version),
            redacted_versions::body.eq(body),
            redacted_versions::changes.eq(changes),
            redacted_versions::created_by.eq(by),
            redacted_versions::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(version)
}

/// Mark a testimony's redaction as started (the witness's requests applied). Returns
/// false when it already was: only one editor's opening starts it.
pub fn set_started(conn: &mut DbConn, testimony_id: &str) -> QueryResult<bool> {
    diesel::update(
        testimonies::table
            .find(testimony_id)
            .filter(testimonies::redaction_started.eq(false)),
    )
    .set(testimonies::redaction_started.eq(true))
    .execute(conn)
    .map(|n| n == 1)
}
