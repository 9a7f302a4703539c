//! Editorial review: the queue, a testimony's review pages (overview, redaction,
//! translation, tags, excerpts, messages), search and the audit trail.

pub mod header;
pub mod redaction;
pub mod translation;

use actix_web::web;

/// Register the review routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(redaction::page);
    cfg.service(redaction::decide);
    cfg.service(redaction::remove);
    cfg.service(redaction::add);
    cfg.service(translation::page);
    cfg.service(translation::save);
}
