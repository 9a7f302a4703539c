//! Witness testimony: public pages, the form, consent, redaction requests, receipts,
//! return visits, and assisted intake.

use crate::routes_table::Route;

/// The rows of the route table for this area.
pub const ROUTES: &[Route] = &[];
