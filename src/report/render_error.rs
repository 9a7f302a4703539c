//! The one error type of the report renderers (DOCX, CSV, JSON). Its messages name
//! the format and the failing step only, never any text of the report.

/// Why a report could not be rendered or read back.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// docx-rs could not build or pack the document.
    #[error("the DOCX document could not be written: {0}")]
    Docx(String),
    /// A DOCX file could not be opened as a zip archive or lacks a part.
    #[error("the DOCX document could not be read: {0}")]
    DocxRead(String),
    /// The CSV writer failed.
    #[error("the CSV matrix could not be written")]
    Csv(#[from] ::csv::Error),
    /// The JSON serialiser failed.
    #[error("the JSON export could not be written")]
    Json(#[from] serde_json::Error),
    /// Writing to or reading from memory failed.
    #[error("the export could not be written")]
    Io(#[from] std::io::Error),
}
