//! Reports: compile publishable testimony and the editors' text into a
//! [`model::CompiledReport`], then render it (HTML with charts, DOCX, CSV, JSON) and
//! scan every output for leaks before a version is published.

pub mod compile;
pub mod leak;
pub mod model;
pub mod projection;
