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
    /// An editor removed it while a published report cites it: it stays for the record.
    Removed,
}

impl Invalidation {
    pub fn code(self) -> &'static str {
        match self {
            Invalidation::Consent => "consent",
            Invalidation::Redaction => "redaction",
            Invalidation::Withdrawn => "withdrawn",
            Invalidation::Removed => "removed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Invalidation::Consent,
            Invalidation::Redaction,
            Invalidation::Withdrawn,
            Invalidation::Removed,
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

/// An excerpt as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = excerpts, check_for_backend(super::MultiBackend))]
pub struct Excerpt {
    pub id: String,
    pub testimony_id: String,
    pub text_id: String,
    pub redacted_version_id: Option<String>,
    pub span_start: i32,
    pub span_end: i32,
    pub body: String,
    pub translated: bool,
    pub consent_record_id: Option<String>,
    pub attributed: bool,
    pub theme_id: Option<String>,
    pub note: String,
    pub created_by: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub invalidated_at: Option<chrono::NaiveDateTime>,
    pub invalidated_reason: Option<String>,
}

impl Excerpt {
    /// Why it is no longer usable, if it is not.
    pub fn invalidation(&self) -> Option<Invalidation> {
        self.invalidated_at?;
        Some(
            self.invalidated_reason
                .as_deref()
                .and_then(Invalidation::parse)
                .unwrap_or(Invalidation::Withdrawn),
        )
    }

    pub fn is_valid(&self) -> bool {
        self.invalidated_at.is_none()
    }
}

/// A new excerpt.
pub struct NewExcerpt<'a> {
    pub id: &'a str,
    pub testimony_id: &'a str,
    pub text_id: &'a str,
    pub redacted_version_id: &'a str,
    pub span_start: i32,
    pub span_end: i32,
    pub body: &'a str,
    pub translated: bool,
    pub consent_record_id: &'a str,
    pub attributed: bool,
    pub theme_id: Option<&'a str>,
    pub created_by: &'a str,
}

/// Store a new excerpt.
pub fn insert(conn: &mut DbConn, e: &NewExcerpt<'_>) -> QueryResult<()> {
    diesel::insert_into(excerpts::table)
        .values((
            excerpts::id.eq(e.id),
            excerpts::testimony_id.eq(e.testimony_id),
            excerpts::text_id.eq(e.text_id),
            excerpts::redacted_version_id.eq(e.redacted_version_id),
            excerpts::span_start.eq(e.span_start),
            excerpts::span_end.eq(e.span_end),
            excerpts::body.eq(e.body),
            excerpts::translated.eq(e.translated),
            excerpts::consent_record_id.eq(e.consent_record_id),
            excerpts::attributed.eq(e.attributed),
            excerpts::theme_id.eq(e.theme_id),
            excerpts::note.eq(""),
            excerpts::created_by.eq(e.created_by),
            excerpts::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Every excerpt of a testimony, valid or not, oldest first: what pages that use
/// excerpts show (an invalidated one says why).
pub fn of_testimony(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<Excerpt>> {
    excerpts::table
        .filter(excerpts::testimony_id.eq(testimony_id))
        .order((excerpts::created_at.asc(), excerpts::id.asc()))
        .select(Excerpt::as_select())
        .load(conn)
}

/// One excerpt by id.
pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Excerpt>> {
    excerpts::table
        .find(id)
        .select(Excerpt::as_select())
        .first(conn)
        .optional()
}

/// Delete one excerpt of a testimony. Returns how many rows went (0 or 1). Drafts and
/// final versions of reports stop citing it; when a published version cites it, it is
/// kept, invalidated as removed, so the published version's evidence stays traceable.
pub fn delete(conn: &mut DbConn, testimony_id: &str, excerpt_id: &str) -> QueryResult<usize> {
    if super::reports::published::uncite(conn, excerpt_id)? {
        return diesel::update(
            excerpts::table
                .filter(excerpts::testimony_id.eq(testimony_id))
                .filter(excerpts::id.eq(excerpt_id)),
        )
        .set((
            excerpts::invalidated_at.eq(now()),
            excerpts::invalidated_reason.eq(Invalidation::Removed.code()),
        ))
        .execute(conn);
    }
    diesel::delete(
        excerpts::table
            .filter(excerpts::testimony_id.eq(testimony_id))
            .filter(excerpts::id.eq(excerpt_id)),
    )
    .execute(conn)
}

/// A translation's description (never its words): its language and who translated it.
#[derive(Clone, Debug, Queryable)]
pub struct TranslationInfo {
    pub id: String,
    pub language: String,
    pub translated_by: String,
}

/// The translations of a testimony, oldest first.
pub fn translations_of(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<TranslationInfo>> {
    use super::schema::translations as tr;
    tr::table
        .filter(tr::testimony_id.eq(testimony_id))
        .order((tr::created_at.asc(), tr::id.asc()))
        .select((tr::id, tr::language, tr::translated_by))
        .load(conn)
}
