//! The parts of a report version: submitting organisations, theme sections with their
//! chosen excerpts, recommendations with their evidence and follow-up notes.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    report_followup_notes as notes, report_recommendation_excerpts as rec_ex,
    report_recommendations as recs, report_section_excerpts as sec_ex, report_sections as secs,
    report_submitters as subs,
};
use crate::db::{DbConn, new_id, now};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = subs, check_for_backend(crate::db::MultiBackend))]
pub struct SubmitterRow {
    pub id: String,
    pub version_id: String,
    pub position: i32,
    pub name: String,
    pub short_code: String,
    pub description: String,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = secs, check_for_backend(crate::db::MultiBackend))]
pub struct SectionRow {
    pub id: String,
    pub version_id: String,
    pub position: i32,
    pub title: String,
    pub theme_id: Option<String>,
    pub findings: String,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = recs, check_for_backend(crate::db::MultiBackend))]
pub struct RecommendationRow {
    pub id: String,
    pub version_id: String,
    pub position: i32,
    pub body: String,
    pub addressees: String,
    pub themes: String,
    pub affected: String,
    pub sdg_targets: String,
    pub category: i32,
    pub follows_up: String,
    pub state_position: String,
    pub implementation: Option<String>,
    pub published_number: Option<String>,
}

/// The editable fields of a recommendation.
#[derive(Clone, Debug, Default, AsChangeset)]
#[diesel(table_name = recs, treat_none_as_null = true)]
pub struct RecommendationFields {
    pub body: String,
    pub addressees: String,
    pub themes: String,
    pub affected: String,
    pub sdg_targets: String,
    pub category: i32,
    pub follows_up: String,
    pub state_position: String,
    pub implementation: Option<String>,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = notes, check_for_backend(crate::db::MultiBackend))]
pub struct NoteRow {
    pub id: String,
    pub recommendation_id: String,
    pub noted_on: NaiveDate,
    pub body: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn submitters(conn: &mut DbConn, version_id: &str) -> QueryResult<Vec<SubmitterRow>> {
    subs::table
        .filter(subs::version_id.eq(version_id))
        .order(subs::position)
        .select(SubmitterRow::as_select())
        .load(conn)
}

fn next_position(positions: Vec<i32>) -> i32 {
    positions.into_iter().max().unwrap_or(0) + 1
}

pub fn add_submitter(
    conn: &mut DbConn,
    version_id: &str,
    name: &str,
    short_code: &str,
    description: &str,
) -> QueryResult<String> {
    let at = next_position(
        subs::table
            .filter(subs::version_id.eq(version_id))
            .select(subs::position)
            .load(conn)?,
    );
    let id = new_id();
    diesel::insert_into(subs::table)
        .values((
            subs::id.eq(&id),
            subs::version_id.eq(version_id),
            subs::position.eq(at),
            subs::name.eq(name),
            subs::short_code.eq(short_code),
            subs::description.eq(description),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Remove a submitter of a version; false when it is not one of this version's.
pub fn remove_submitter(conn: &mut DbConn, version_id: &str, id: &str) -> QueryResult<bool> {
    diesel::delete(
        subs::table
            .filter(subs::id.eq(id))
            .filter(subs::version_id.eq(version_id)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

pub fn sections(conn: &mut DbConn, version_id: &str) -> QueryResult<Vec<SectionRow>> {
    secs::table
        .filter(secs::version_id.eq(version_id))
        .order(secs::position)
        .select(SectionRow::as_select())
        .load(conn)
}

pub fn find_section(conn: &mut DbConn, id: &str) -> QueryResult<Option<SectionRow>> {
    secs::table
        .find(id)
        .select(SectionRow::as_select())
        .first(conn)
        .optional()
}

pub fn add_section(
    conn: &mut DbConn,
    version_id: &str,
    title: &str,
    theme_id: Option<&str>,
    findings: &str,
) -> QueryResult<String> {
    let at = next_position(
        secs::table
            .filter(secs::version_id.eq(version_id))
            .select(secs::position)
            .load(conn)?,
    );
    let id = new_id();
    diesel::insert_into(secs::table)
        .values((
            secs::id.eq(&id),
            secs::version_id.eq(version_id),
            secs::position.eq(at),
            secs::title.eq(title),
            secs::theme_id.eq(theme_id),
            secs::findings.eq(findings),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn update_section(
    conn: &mut DbConn,
    id: &str,
    title: &str,
    theme_id: Option<&str>,
    findings: &str,
    excerpt_ids: &[String],
) -> QueryResult<()> {
    diesel::update(secs::table.find(id))
        .set((
            secs::title.eq(title),
            secs::theme_id.eq(theme_id),
            secs::findings.eq(findings),
        ))
        .execute(conn)?;
    set_section_excerpts(conn, id, excerpt_ids)
}

/// The ids once each, in the order first given (a form may repeat one).
fn once_each(ids: &[String]) -> Vec<&String> {
    let mut out: Vec<&String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn set_section_excerpts(conn: &mut DbConn, id: &str, excerpt_ids: &[String]) -> QueryResult<()> {
    diesel::delete(sec_ex::table.filter(sec_ex::section_id.eq(id))).execute(conn)?;
    for (i, e) in once_each(excerpt_ids).into_iter().enumerate() {
        diesel::insert_into(sec_ex::table)
            .values((
                sec_ex::section_id.eq(id),
                sec_ex::excerpt_id.eq(e),
                sec_ex::position.eq(i as i32 + 1),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn delete_section(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::delete(sec_ex::table.filter(sec_ex::section_id.eq(id))).execute(conn)?;
    diesel::delete(secs::table.find(id))
        .execute(conn)
        .map(|_| ())
}

pub fn section_excerpts(conn: &mut DbConn, section_id: &str) -> QueryResult<Vec<String>> {
    sec_ex::table
        .filter(sec_ex::section_id.eq(section_id))
        .order(sec_ex::position)
        .select(sec_ex::excerpt_id)
        .load(conn)
}

pub fn recommendations(conn: &mut DbConn, version_id: &str) -> QueryResult<Vec<RecommendationRow>> {
    recs::table
        .filter(recs::version_id.eq(version_id))
        .order(recs::position)
        .select(RecommendationRow::as_select())
        .load(conn)
}

pub fn find_recommendation(conn: &mut DbConn, id: &str) -> QueryResult<Option<RecommendationRow>> {
    recs::table
        .find(id)
        .select(RecommendationRow::as_select())
        .first(conn)
        .optional()
}

pub fn add_recommendation(
    conn: &mut DbConn,
    version_id: &str,
    fields: &RecommendationFields,
    excerpt_ids: &[String],
) -> QueryResult<String> {
    let at = next_position(
        recs::table
            .filter(recs::version_id.eq(version_id))
            .select(recs::position)
            .load(conn)?,
    );
    let id = new_id();
    diesel::insert_into(recs::table)
        .values((
            recs::id.eq(&id),
            recs::version_id.eq(version_id),
            recs::position.eq(at),
            recs::body.eq(&fields.body),
            recs::addressees.eq(&fields.addressees),
            recs::themes.eq(&fields.themes),
            recs::affected.eq(&fields.affected),
            recs::sdg_targets.eq(&fields.sdg_targets),
            recs::category.eq(fields.category),
            recs::follows_up.eq(&fields.follows_up),
            recs::state_position.eq(&fields.state_position),
            recs::implementation.eq(&fields.implementation),
        ))
        .execute(conn)?;
    set_evidence(conn, &id, excerpt_ids)?;
    Ok(id)
}

pub fn update_recommendation(
    conn: &mut DbConn,
    id: &str,
    fields: &RecommendationFields,
    excerpt_ids: &[String],
) -> QueryResult<()> {
    diesel::update(recs::table.find(id))
        .set(fields)
        .execute(conn)?;
    set_evidence(conn, id, excerpt_ids)
}

fn set_evidence(conn: &mut DbConn, id: &str, excerpt_ids: &[String]) -> QueryResult<()> {
    diesel::delete(rec_ex::table.filter(rec_ex::recommendation_id.eq(id))).execute(conn)?;
    for e in once_each(excerpt_ids) {
        diesel::insert_into(rec_ex::table)
            .values((rec_ex::recommendation_id.eq(id), rec_ex::excerpt_id.eq(e)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn delete_recommendation(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::delete(rec_ex::table.filter(rec_ex::recommendation_id.eq(id))).execute(conn)?;
    diesel::delete(notes::table.filter(notes::recommendation_id.eq(id))).execute(conn)?;
    diesel::delete(recs::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// The excerpts a recommendation cites.
pub fn evidence(conn: &mut DbConn, id: &str) -> QueryResult<Vec<String>> {
    rec_ex::table
        .filter(rec_ex::recommendation_id.eq(id))
        .order(rec_ex::excerpt_id)
        .select(rec_ex::excerpt_id)
        .load(conn)
}

/// Fix the published numbers of a version's recommendations.
pub fn set_published_number(conn: &mut DbConn, id: &str, number: &str) -> QueryResult<()> {
    diesel::update(recs::table.find(id))
        .set(recs::published_number.eq(number))
        .execute(conn)
        .map(|_| ())
}

pub fn notes_of(conn: &mut DbConn, recommendation_id: &str) -> QueryResult<Vec<NoteRow>> {
    notes::table
        .filter(notes::recommendation_id.eq(recommendation_id))
        .order((notes::noted_on, notes::created_at))
        .select(NoteRow::as_select())
        .load(conn)
}

pub fn add_note(
    conn: &mut DbConn,
    recommendation_id: &str,
    on: NaiveDate,
    body: &str,
    by: Option<&str>,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(notes::table)
        .values((
            notes::id.eq(&id),
            notes::recommendation_id.eq(recommendation_id),
            notes::noted_on.eq(on),
            notes::body.eq(body),
            notes::created_by.eq(by),
            notes::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Copy every part of one version into another (a new version made from it).
pub fn copy_parts(conn: &mut DbConn, from: &str, to: &str) -> QueryResult<()> {
    for s in submitters(conn, from)? {
        add_submitter(conn, to, &s.name, &s.short_code, &s.description)?;
    }
    for s in sections(conn, from)? {
        let id = add_section(conn, to, &s.title, s.theme_id.as_deref(), &s.findings)?;
        let chosen = section_excerpts(conn, &s.id)?;
        set_section_excerpts(conn, &id, &chosen)?;
    }
    for r in recommendations(conn, from)? {
        let fields = RecommendationFields {
            body: r.body,
            addressees: r.addressees,
            themes: r.themes,
            affected: r.affected,
            sdg_targets: r.sdg_targets,
            category: r.category,
            follows_up: r.follows_up,
            state_position: r.state_position,
            implementation: r.implementation,
        };
        let cited = evidence(conn, &r.id)?;
        let id = add_recommendation(conn, to, &fields, &cited)?;
        for n in notes_of(conn, &r.id)? {
            add_note(conn, &id, n.noted_on, &n.body, n.created_by.as_deref())?;
        }
    }
    Ok(())
}
