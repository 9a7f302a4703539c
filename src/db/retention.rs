//! The queries of the retention purge: which hearings may be due, which of their
//! testimonies still hold contact details or attachments, and removing them. Nothing here
//! touches report tables.

use diesel::prelude::*;

use super::hearings::Hearing;
use super::schema::{attachments, hearings, testimonies};
use super::{DbConn, now};
use crate::domain::hearing::HearingStatus;

/// Hearings that may have closed (every one but drafts), oldest window first.
pub fn candidates(conn: &mut DbConn) -> QueryResult<Vec<Hearing>> {
    hearings::table
        .filter(hearings::status.ne(HearingStatus::Draft.code()))
        .order(hearings::closes_at.asc())
        .select(Hearing::as_select())
        .load(conn)
}

/// The testimonies of a hearing that still hold a sealed email or phone number.
pub fn with_contact(conn: &mut DbConn, hearing_id: &str) -> QueryResult<Vec<String>> {
    testimonies::table
        .filter(testimonies::hearing_id.eq(hearing_id))
        .filter(
            testimonies::contact_email
                .is_not_null()
                .or(testimonies::contact_phone.is_not_null()),
        )
        .select(testimonies::id)
        .load(conn)
}

/// The attachments of a hearing's testimonies: (testimony id, attachment id).
pub fn attachments_of_hearing(
    conn: &mut DbConn,
    hearing_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    attachments::table
        .inner_join(testimonies::table)
        .filter(testimonies::hearing_id.eq(hearing_id))
        .select((attachments::testimony_id, attachments::id))
        .load(conn)
}

/// Clear the sealed email and phone number of these testimonies.
pub fn clear_contacts(conn: &mut DbConn, testimony_ids: &[String]) -> QueryResult<usize> {
    diesel::update(testimonies::table.filter(testimonies::id.eq_any(testimony_ids)))
        .set((
            testimonies::contact_email.eq(None::<Vec<u8>>),
            testimonies::contact_phone.eq(None::<Vec<u8>>),
            testimonies::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// Delete these attachment rows.
pub fn delete_attachments(conn: &mut DbConn, attachment_ids: &[String]) -> QueryResult<usize> {
    diesel::delete(attachments::table.filter(attachments::id.eq_any(attachment_ids))).execute(conn)
}
