//! What the witness says about their testimony besides consent (redaction request, themes,
//! place, period), as they change it on their page. The current values live on the
//! testimony, its themes and its redaction request; each change is also kept as a dated
//! record, like consent.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{detail_records, redaction_requests, testimonies, testimony_themes};
use super::{DbConn, new_id, now};

/// A witness's new details, with what identifies already sealed.
pub struct NewDetails {
    pub redact_name: bool,
    pub redact_places: bool,
    pub redact_other_names: bool,
    pub redact_dates: bool,
    /// The terms, sealed to the organisation key.
    pub sealed_terms: Option<Vec<u8>>,
    pub theme_ids: Vec<String>,
    pub place_state: String,
    /// In clear only when places are not to be redacted.
    pub place_city: String,
    pub sealed_city: Option<Vec<u8>>,
    pub period_from: String,
    pub period_to: Option<String>,
    /// The witness's own copy, sealed under their receipt, with the new terms and city.
    pub witness_copy: Vec<u8>,
}

/// Make the new details current and record the change.
pub fn change(conn: &mut DbConn, testimony_id: &str, d: &NewDetails) -> QueryResult<()> {
    let at = now();
    diesel::update(testimonies::table.find(testimony_id))
        .set((
            testimonies::place_state.eq(&d.place_state),
            testimonies::place_city.eq(&d.place_city),
            testimonies::sealed_city.eq(&d.sealed_city),
            testimonies::period_from.eq(&d.period_from),
            testimonies::period_to.eq(&d.period_to),
            testimonies::witness_copy.eq(&d.witness_copy),
            testimonies::updated_at.eq(at),
        ))
        .execute(conn)?;
    diesel::delete(testimony_themes::table.filter(testimony_themes::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    for theme in &d.theme_ids {
        diesel::insert_into(testimony_themes::table)
            .values((
                testimony_themes::testimony_id.eq(testimony_id),
                testimony_themes::theme_id.eq(theme),
            ))
            .execute(conn)?;
    }
    diesel::delete(redaction_requests::table.find(testimony_id)).execute(conn)?;
    diesel::insert_into(redaction_requests::table)
        .values((
            redaction_requests::testimony_id.eq(testimony_id),
            redaction_requests::redact_name.eq(d.redact_name),
            redaction_requests::redact_places.eq(d.redact_places),
            redaction_requests::redact_other_names.eq(d.redact_other_names),
            redaction_requests::redact_dates.eq(d.redact_dates),
            redaction_requests::terms.eq(&d.sealed_terms),
            redaction_requests::updated_at.eq(at),
        ))
        .execute(conn)?;
    let last: Option<i32> = detail_records::table
        .filter(detail_records::testimony_id.eq(testimony_id))
        .select(diesel::dsl::max(detail_records::seq))
        .first(conn)?;
    diesel::insert_into(detail_records::table)
        .values((
            detail_records::id.eq(new_id()),
            detail_records::testimony_id.eq(testimony_id),
            detail_records::seq.eq(last.unwrap_or(0) + 1),
            detail_records::redact_name.eq(d.redact_name),
            detail_records::redact_places.eq(d.redact_places),
            detail_records::redact_other_names.eq(d.redact_other_names),
            detail_records::redact_dates.eq(d.redact_dates),
            detail_records::sealed_terms.eq(&d.sealed_terms),
            detail_records::themes.eq(d.theme_ids.join(",")),
            detail_records::place_state.eq(&d.place_state),
            detail_records::place_city.eq(&d.place_city),
            detail_records::sealed_city.eq(&d.sealed_city),
            detail_records::period_from.eq(&d.period_from),
            detail_records::period_to.eq(&d.period_to),
            detail_records::recorded_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// When the witness last changed their details, and how many times.
pub fn changes(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<NaiveDateTime>> {
    detail_records::table
        .filter(detail_records::testimony_id.eq(testimony_id))
        .order(detail_records::seq.asc())
        .select(detail_records::recorded_at)
        .load(conn)
}

/// Delete the records (erasure).
pub fn delete_all(conn: &mut DbConn, testimony_id: &str) -> QueryResult<usize> {
    diesel::delete(detail_records::table.filter(detail_records::testimony_id.eq(testimony_id)))
        .execute(conn)
}
