//! Hearings for staff: creating, editing, the lifecycle, counts, and the theme vocabulary.

use crate::routes_table::Route;

/// The rows of the route table for this area.
pub const ROUTES: &[Route] = &[];
