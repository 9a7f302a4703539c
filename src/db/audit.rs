//! The audit trail: an append-only log where each entry carries the hash of the one
//! before it, and a head row (outside the log) holding the latest sequence number and
//! hash, so that an edited, deleted or truncated history is detected.

use chrono::{NaiveDateTime, Timelike as _};
use diesel::prelude::*;

use super::schema::{audit_head, audit_log};
use super::{DbConn, MultiBackend};
use crate::domain::audit::Entry;

/// One stored entry.
#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log, check_for_backend(MultiBackend))]
pub struct AuditRow {
    pub seq: i64,
    pub at: NaiveDateTime,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    /// The hash this entry must carry: SHA-256 over its fields and the previous hash.
    pub fn expected_hash(&self) -> String {
        let mut bytes = Vec::new();
        for part in [
            self.seq.to_string().as_str(),
            &self.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
            &self.actor_kind,
            self.actor_id.as_deref().unwrap_or(""),
            &self.action,
            &self.record_kind,
            &self.record_id,
            &self.detail,
            &self.prev_hash,
        ] {
            bytes.extend_from_slice(&(part.len() as u64).to_be_bytes());
            bytes.extend_from_slice(part.as_bytes());
        }
        crate::crypto::sha256_hex(&bytes)
    }
}

/// Append an entry in the caller's transaction. Taking the head row first serialises
/// appenders (a row lock on PostgreSQL, the write lock on SQLite), so the chain never forks.
pub fn append(conn: &mut DbConn, entry: &Entry<'_>) -> QueryResult<AuditRow> {
    diesel::update(audit_head::table.find(1))
        .set(audit_head::seq.eq(audit_head::seq + 1))
        .execute(conn)?;
    let (seq, prev_hash): (i64, String) = audit_head::table
        .find(1)
        .select((audit_head::seq, audit_head::hash))
        .first(conn)?;
    let now = super::now();
    let at = now
        .with_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now);
    let mut row = AuditRow {
        seq,
        at,
        actor_kind: entry.actor.kind().to_string(),
        actor_id: entry.actor.user_id().map(str::to_string),
        action: entry.action.code().to_string(),
        record_kind: entry.record.code().to_string(),
        record_id: entry.record_id.to_string(),
        detail: entry.detail.clone(),
        prev_hash,
        hash: String::new(),
    };
    row.hash = row.expected_hash();
    diesel::insert_into(audit_log::table)
        .values(&row)
        .execute(conn)?;
    diesel::update(audit_head::table.find(1))
        .set(audit_head::hash.eq(&row.hash))
        .execute(conn)?;
    Ok(row)
}

/// The head: the latest sequence number and hash.
pub fn head(conn: &mut DbConn) -> QueryResult<(i64, String)> {
    audit_head::table
        .find(1)
        .select((audit_head::seq, audit_head::hash))
        .first(conn)
}

/// Up to `limit` entries after `after` (by sequence), oldest first: for walking the chain.
pub fn batch_after(conn: &mut DbConn, after: i64, limit: i64) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::seq.gt(after))
        .order(audit_log::seq.asc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

/// Filters for reading the trail.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub action: Option<String>,
    pub actor_id: Option<String>,
    pub record_kind: Option<String>,
    pub record_id: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    /// Only entries older than this sequence number (the next page).
    pub before: Option<i64>,
}

/// Entries matching the filter, newest first.
pub fn list(conn: &mut DbConn, f: &Filter, limit: i64) -> QueryResult<Vec<AuditRow>> {
    let mut q = audit_log::table.into_boxed();
    if let Some(a) = &f.action {
        q = q.filter(audit_log::action.eq(a.clone()));
    }
    if let Some(a) = &f.actor_id {
        q = q.filter(audit_log::actor_id.eq(a.clone()));
    }
    if let Some(k) = &f.record_kind {
        q = q.filter(audit_log::record_kind.eq(k.clone()));
    }
    if let Some(id) = &f.record_id {
        q = q.filter(audit_log::record_id.eq(id.clone()));
    }
    if let Some(t) = f.from {
        q = q.filter(audit_log::at.ge(t));
    }
    if let Some(t) = f.until {
        q = q.filter(audit_log::at.lt(t));
    }
    if let Some(b) = f.before {
        q = q.filter(audit_log::seq.lt(b));
    }
    q.order(audit_log::seq.desc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}
