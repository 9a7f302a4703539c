//! Editorial review: the queue, a testimony's review pages (overview, redaction,
//! translation, tags, excerpts, messages), search and the audit trail.

pub mod excerpts;
pub mod header;
pub mod messages;
pub mod overview;
pub mod queue;
pub mod redaction;
pub mod search;
pub mod tags;
pub mod translation;

use actix_web::web;

/// Register the review routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(overview::show)
        .service(overview::status)
        .service(overview::attachment);
    cfg.service(queue::show);
    cfg.service(queue::assign);
    cfg.service(messages::show);
    cfg.service(messages::send);
    cfg.service(tags::show);
    cfg.service(tags::save);
    cfg.service(excerpts::show);
    cfg.service(excerpts::create);
    cfg.service(excerpts::remove);
    cfg.service(search::search);
    cfg.service(redaction::page);
    cfg.service(redaction::decide);
    cfg.service(redaction::remove);
    cfg.service(redaction::add);
    cfg.service(translation::page);
    cfg.service(translation::save);
}
