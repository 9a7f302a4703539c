//! Editorial review: the queue, a testimony's review pages (overview, redaction,
//! translation, tags, excerpts, messages), search and the audit trail.

pub mod header;

use actix_web::web;

/// Register the review routes.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
