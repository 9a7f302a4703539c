//! Published versions: their files exactly as served, their manifest rows, the flags
//! raised when a witness's consent changes afterwards, and traceability from testimony
//! to recommendations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    excerpts, report_manifest_items as items, report_outputs as outputs,
    report_recommendation_excerpts as rec_ex, report_recommendations as recs,
    report_versions as versions,
};
use crate::db::{DbConn, now};

use super::VersionRow;

pub fn put_output(
    conn: &mut DbConn,
    version_id: &str,
    kind: &str,
    sha256: &str,
    bytes: &[u8],
) -> QueryResult<()> {
    diesel::insert_into(outputs::table)
        .values((
            outputs::version_id.eq(version_id),
            outputs::kind.eq(kind),
            outputs::sha256.eq(sha256),
            outputs::bytes.eq(bytes),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A stored file of a published version: its SHA-256 and bytes.
pub fn output(
    conn: &mut DbConn,
    version_id: &str,
    kind: &str,
) -> QueryResult<Option<(String, Vec<u8>)>> {
    outputs::table
        .filter(outputs::version_id.eq(version_id))
        .filter(outputs::kind.eq(kind))
        .select((outputs::sha256, outputs::bytes))
        .first(conn)
        .optional()
}

pub fn add_manifest_item(
    conn: &mut DbConn,
    version_id: &str,
    testimony_id: &str,
    redacted_version_id: Option<&str>,
    consent_record_id: &str,
) -> QueryResult<()> {
    diesel::insert_into(items::table)
        .values((
            items::version_id.eq(version_id),
            items::testimony_id.eq(testimony_id),
            items::redacted_version_id.eq(redacted_version_id),
            items::consent_record_id.eq(consent_record_id),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Flag every published version that used this testimony. Returns the versions flagged
/// now (those not flagged before).
pub fn flag_for_testimony(
    conn: &mut DbConn,
    testimony_id: &str,
    reason: &str,
) -> QueryResult<Vec<String>> {
    let ids: Vec<String> = versions::table
        .filter(versions::status.eq("published"))
        .filter(versions::flagged_at.is_null())
        .filter(
            versions::id.eq_any(
                items::table
                    .filter(items::testimony_id.eq(testimony_id))
                    .select(items::version_id),
            ),
        )
        .select(versions::id)
        .load(conn)?;
    if !ids.is_empty() {
        diesel::update(versions::table.filter(versions::id.eq_any(&ids)))
            .set((
                versions::flagged_at.eq(now()),
                versions::flag_reason.eq(reason),
            ))
            .execute(conn)?;
    }
    Ok(ids)
}

/// Published versions still online, newest first.
pub fn public_versions(conn: &mut DbConn) -> QueryResult<Vec<VersionRow>> {
    versions::table
        .filter(versions::status.eq("published"))
        .filter(versions::taken_down_at.is_null())
        .order(versions::published_at.desc())
        .select(VersionRow::as_select())
        .load(conn)
}

/// A recommendation a testimony's excerpts support.
#[derive(Clone, Debug, Queryable)]
pub struct Supported {
    pub recommendation_id: String,
    pub position: i32,
    pub published_number: Option<String>,
    pub version_id: String,
    pub report_id: String,
    pub number: i32,
    pub status: String,
    pub title: String,
    pub published_at: Option<NaiveDateTime>,
    pub taken_down_at: Option<NaiveDateTime>,
}

/// Every recommendation, in any version, citing an excerpt of this testimony.
pub fn supported_by(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<Supported>> {
    let mut rows: Vec<Supported> = recs::table
        .inner_join(rec_ex::table.inner_join(excerpts::table))
        .inner_join(versions::table)
        .filter(excerpts::testimony_id.eq(testimony_id))
        .select((
            recs::id,
            recs::position,
            recs::published_number,
            versions::id,
            versions::report_id,
            versions::number,
            versions::status,
            versions::title,
            versions::published_at,
            versions::taken_down_at,
        ))
        .order((versions::created_at.desc(), recs::position))
        .load(conn)?;
    rows.dedup_by(|a, b| a.recommendation_id == b.recommendation_id);
    Ok(rows)
}

/// Stop citing an excerpt in versions that are not published. Returns whether a
/// published version still cites it.
pub fn uncite(conn: &mut DbConn, excerpt_id: &str) -> QueryResult<bool> {
    use crate::db::schema::{report_section_excerpts as sec_ex, report_sections as secs};
    let unpublished = || {
        versions::table
            .filter(versions::status.ne("published"))
            .select(versions::id)
    };
    diesel::delete(
        rec_ex::table
            .filter(rec_ex::excerpt_id.eq(excerpt_id))
            .filter(
                rec_ex::recommendation_id.eq_any(
                    recs::table
                        .filter(recs::version_id.eq_any(unpublished()))
                        .select(recs::id),
                ),
            ),
    )
    .execute(conn)?;
    diesel::delete(
        sec_ex::table
            .filter(sec_ex::excerpt_id.eq(excerpt_id))
            .filter(
                sec_ex::section_id.eq_any(
                    secs::table
                        .filter(secs::version_id.eq_any(unpublished()))
                        .select(secs::id),
                ),
            ),
    )
    .execute(conn)?;
    let in_recs: i64 = rec_ex::table
        .filter(rec_ex::excerpt_id.eq(excerpt_id))
        .count()
        .get_result(conn)?;
    let in_secs: i64 = sec_ex::table
        .filter(sec_ex::excerpt_id.eq(excerpt_id))
        .count()
        .get_result(conn)?;
    Ok(in_recs + in_secs > 0)
}
