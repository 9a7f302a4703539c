//! The report as JSON: the [`CompiledReport`] serialised as it is, pretty-printed.
//! `docs/report-json.md` documents the schema; `schema_version` changes with any
//! change a reader would notice.

use super::RenderError;
use super::model::CompiledReport;

/// Render the report as UTF-8 JSON.
pub fn render_json(report: &CompiledReport) -> Result<Vec<u8>, RenderError> {
    Ok(serde_json::to_vec_pretty(report)?)
}
