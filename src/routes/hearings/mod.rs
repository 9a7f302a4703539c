//! Hearings for staff: the list with testimony counts, creating and editing, and moving
//! a hearing through its lifecycle.

use actix_web::web;

/// Register this area's routes.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
