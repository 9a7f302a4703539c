//! Reports: compile publishable testimony and the editors' text into a
//! [`model::CompiledReport`], then render it (HTML with charts, DOCX, CSV, JSON) and
//! scan every output for leaks before a version is published.

pub mod charts;
pub mod compile;
pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod leak;
mod method;
pub mod model;
pub mod projection;
pub mod render_error;
#[doc(hidden)]
pub mod sample;
#[cfg(test)]
mod tests;

pub use render_error::RenderError;
