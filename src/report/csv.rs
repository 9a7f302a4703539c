//! The matrix of recommendations as CSV, in the columns of the OHCHR matrix
//! ([`MATRIX_COLUMNS`]): one row per recommendation, UTF-8 without a byte order mark,
//! lists joined with "; ".

use crate::domain::report::MATRIX_COLUMNS;

use super::RenderError;
use super::model::{CompiledReport, Recommendation};

/// The "assessment of implementation" cell: the status (empty when not yet assessed),
/// then the latest dated note as "2027-03-01: text".
fn assessment(rec: &Recommendation) -> String {
    let status = rec.follow_up.implementation.clone().unwrap_or_default();
    let latest = rec
        .follow_up
        .notes
        .iter()
        .max_by_key(|n| n.on)
        .map(|n| format!("{}: {}", n.on, n.text));
    match latest {
        Some(note) if status.is_empty() => note,
        Some(note) => format!("{status}. {note}"),
        None => status,
    }
}

/// A cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`,
/// `@` or a tab or carriage return) gets a leading apostrophe, so that opening the
/// matrix in a spreadsheet never runs anything.
fn cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// One matrix row, in the order of [`MATRIX_COLUMNS`].
fn row(rec: &Recommendation) -> [String; MATRIX_COLUMNS.len()] {
    [
        rec.number.to_string(),
        rec.text.clone(),
        rec.recommending_party.clone(),
        rec.follow_up.position.clone(),
        rec.themes.join("; "),
        rec.affected_persons.join("; "),
        rec.sdg_targets.join("; "),
        format!("{} - {}", rec.category.number(), rec.category.label()),
        assessment(rec),
    ]
}

/// Render the matrix of recommendations: a header row, then one row per
/// recommendation in report order.
pub fn render_csv(report: &CompiledReport) -> Result<Vec<u8>, RenderError> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(MATRIX_COLUMNS)?;
    for rec in &report.conclusions.recommendations {
        writer.write_record(row(rec).map(cell))?;
    }
    writer
        .into_inner()
        .map_err(|e| RenderError::Io(e.into_error()))
}
