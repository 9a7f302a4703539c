//! Reports and their versions. A version's parts (submitters, sections,
//! recommendations) are in [`parts`]; what a report may use of testimony is loaded by
//! [`evidence`]; the files, manifest and flags of published versions are in
//! [`published`].

pub mod evidence;
pub mod parts;
pub mod published;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{report_hearings, report_versions, reports};
use super::{DbConn, now};

/// Lists (addressees, keywords, ...) are stored one item a line.
pub fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Read a stored list.
pub fn split_list(stored: &str) -> Vec<String> {
    stored
        .lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A version as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = report_versions, check_for_backend(super::MultiBackend))]
pub struct VersionRow {
    pub id: String,
    pub report_id: String,
    pub number: i32,
    pub status: String,
    pub based_on: Option<String>,
    pub title: String,
    pub state_under_review: String,
    pub cycle: String,
    pub contact_name: String,
    pub contact_email: String,
    pub keywords: String,
    pub introduction: String,
    pub conclusions: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub finalised_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub published_by: Option<String>,
    pub manifest: Option<String>,
    pub flagged_at: Option<NaiveDateTime>,
    pub flag_reason: Option<String>,
    pub taken_down_at: Option<NaiveDateTime>,
}

/// The editable text of a version.
#[derive(Clone, Debug, Default, AsChangeset)]
#[diesel(table_name = report_versions)]
pub struct Details {
    pub title: String,
    pub state_under_review: String,
    pub cycle: String,
    pub contact_name: String,
    pub contact_email: String,
    pub keywords: String,
    pub introduction: String,
    pub conclusions: String,
}

impl From<&VersionRow> for Details {
    fn from(v: &VersionRow) -> Self {
        Details {
            title: v.title.clone(),
            state_under_review: v.state_under_review.clone(),
            cycle: v.cycle.clone(),
            contact_name: v.contact_name.clone(),
            contact_email: v.contact_email.clone(),
            keywords: v.keywords.clone(),
            introduction: v.introduction.clone(),
            conclusions: v.conclusions.clone(),
        }
    }
}

pub fn insert_report(conn: &mut DbConn, id: &str, by: Option<&str>) -> QueryResult<()> {
    diesel::insert_into(reports::table)
        .values((
            reports::id.eq(id),
            reports::created_by.eq(by),
            reports::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A new version (as a draft) with the given text.
pub fn insert_version(
    conn: &mut DbConn,
    id: &str,
    report_id: &str,
    number: i32,
    based_on: Option<&str>,
    details: &Details,
    by: Option<&str>,
) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(report_versions::table)
        .values((
            report_versions::id.eq(id),
            report_versions::report_id.eq(report_id),
            report_versions::number.eq(number),
            report_versions::status.eq("draft"),
            report_versions::based_on.eq(based_on),
            report_versions::title.eq(&details.title),
            report_versions::state_under_review.eq(&details.state_under_review),
            report_versions::cycle.eq(&details.cycle),
            report_versions::contact_name.eq(&details.contact_name),
            report_versions::contact_email.eq(&details.contact_email),
            report_versions::keywords.eq(&details.keywords),
            report_versions::introduction.eq(&details.introduction),
            report_versions::conclusions.eq(&details.conclusions),
            report_versions::created_by.eq(by),
            report_versions::created_at.eq(at),
            report_versions::updated_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find_version(conn: &mut DbConn, id: &str) -> QueryResult<Option<VersionRow>> {
    report_versions::table
        .find(id)
        .select(VersionRow::as_select())
        .first(conn)
        .optional()
}

/// Every version of a report, newest first.
pub fn versions_of(conn: &mut DbConn, report_id: &str) -> QueryResult<Vec<VersionRow>> {
    report_versions::table
        .filter(report_versions::report_id.eq(report_id))
        .order(report_versions::number.desc())
        .select(VersionRow::as_select())
        .load(conn)
}

/// The newest version of every report, newest report first.
pub fn latest_versions(conn: &mut DbConn) -> QueryResult<Vec<VersionRow>> {
    let all: Vec<VersionRow> = report_versions::table
        .order((report_versions::report_id, report_versions::number.desc()))
        .select(VersionRow::as_select())
        .load(conn)?;
    let mut latest: Vec<VersionRow> = Vec::new();
    for v in all {
        if latest.last().is_none_or(|l| l.report_id != v.report_id) {
            latest.push(v);
        }
    }
    latest.sort_by_key(|v| std::cmp::Reverse(v.created_at));
    Ok(latest)
}

/// The highest version number of a report.
pub fn last_number(conn: &mut DbConn, report_id: &str) -> QueryResult<i32> {
    report_versions::table
        .filter(report_versions::report_id.eq(report_id))
        .select(diesel::dsl::max(report_versions::number))
        .first::<Option<i32>>(conn)
        .map(|n| n.unwrap_or(0))
}

pub fn update_details(conn: &mut DbConn, id: &str, details: &Details) -> QueryResult<()> {
    diesel::update(report_versions::table.find(id))
        .set((details, report_versions::updated_at.eq(now())))
        .execute(conn)
        .map(|_| ())
}

/// Mark a version edited (its parts changed).
pub fn touch(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(report_versions::table.find(id))
        .set(report_versions::updated_at.eq(now()))
        .execute(conn)
        .map(|_| ())
}

/// Move a draft to final (`finalised`) or back to draft.
pub fn set_status(conn: &mut DbConn, id: &str, status: &str) -> QueryResult<()> {
    let finalised = (status == "final").then(now);
    diesel::update(report_versions::table.find(id))
        .set((
            report_versions::status.eq(status),
            report_versions::finalised_at.eq(finalised),
            report_versions::updated_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Publish a final version with its manifest.
pub fn mark_published(
    conn: &mut DbConn,
    id: &str,
    by: &str,
    at: NaiveDateTime,
    manifest: &str,
) -> QueryResult<()> {
    diesel::update(report_versions::table.find(id))
        .set((
            report_versions::status.eq("published"),
            report_versions::published_at.eq(at),
            report_versions::published_by.eq(by),
            report_versions::manifest.eq(manifest),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn take_down(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(report_versions::table.find(id))
        .set(report_versions::taken_down_at.eq(now()))
        .execute(conn)
        .map(|_| ())
}

/// The hearings a version covers.
pub fn hearing_ids(conn: &mut DbConn, version_id: &str) -> QueryResult<Vec<String>> {
    report_hearings::table
        .filter(report_hearings::version_id.eq(version_id))
        .select(report_hearings::hearing_id)
        .order(report_hearings::hearing_id)
        .load(conn)
}

pub fn set_hearings(conn: &mut DbConn, version_id: &str, ids: &[String]) -> QueryResult<()> {
    diesel::delete(report_hearings::table.filter(report_hearings::version_id.eq(version_id)))
        .execute(conn)?;
    for id in ids {
        diesel::insert_into(report_hearings::table)
            .values((
                report_hearings::version_id.eq(version_id),
                report_hearings::hearing_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}
