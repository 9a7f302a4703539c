//! Review state of a testimony: status, exclusion reason, assignee, unread replies.

use diesel::prelude::*;

use super::schema::{redacted_versions, testimonies};
use super::{DbConn, now};
use crate::domain::testimony::ReviewStatus;

/// Set the review status (and the exclusion reason, kept only while excluded).
pub fn set_status(
    conn: &mut DbConn,
    testimony_id: &str,
    status: ReviewStatus,
    exclusion_reason: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set((
            testimonies::status.eq(status.code()),
            testimonies::exclusion_reason.eq(exclusion_reason),
            testimonies::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// Assign to an editor, or to nobody.
pub fn assign(conn: &mut DbConn, testimony_id: &str, user_id: Option<&str>) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set(testimonies::assigned_to.eq(user_id))
        .execute(conn)
}

/// Mark whether a reply from the witness waits unread.
pub fn set_unread_reply(conn: &mut DbConn, testimony_id: &str, unread: bool) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set(testimonies::unread_reply.eq(unread))
        .execute(conn)
}

/// Whether a redacted text of the original was saved.
pub fn has_redacted_text(conn: &mut DbConn, testimony_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        redacted_versions::table
            .filter(redacted_versions::testimony_id.eq(testimony_id))
            .filter(redacted_versions::text_id.eq("original")),
    ))
    .get_result(conn)
}
