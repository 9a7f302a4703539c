//! A compiled report: everything the renderers (HTML, DOCX, CSV, JSON) draw, and
//! nothing else. It is made only by [`super::compile::compile`] from publishable
//! testimony, so it cannot hold an original text, a witness's identity or a count
//! small enough to point at someone.
//!
//! The JSON export serialises this structure as it is; `docs/report-json.md` documents
//! the schema, and [`SCHEMA_VERSION`] changes with any change a reader would notice.

use serde::Serialize;

use crate::domain::report::{ActionCategory, Count, RecommendationNumber, WordCheck};

/// Version of the JSON schema written by the export.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a version stands: editable draft, frozen final, immutable published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    Draft,
    Final,
    Published,
}

impl VersionStatus {
    pub const ALL: [VersionStatus; 3] = [
        VersionStatus::Draft,
        VersionStatus::Final,
        VersionStatus::Published,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::Final => "final",
            VersionStatus::Published => "published",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VersionStatus::Draft => "Draft",
            VersionStatus::Final => "Final",
            VersionStatus::Published => "Published",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A whole report version, ready to render.
#[derive(Clone, Debug, Serialize)]
pub struct CompiledReport {
    pub schema_version: u32,
    pub report_id: String,
    pub version: u32,
    pub status: VersionStatus,
    /// Day of publication (UTC), for a published version.
    pub published_on: Option<chrono::NaiveDate>,
    pub title: String,
    /// The State under review, e.g. "United States of America".
    pub state_under_review: String,
    /// The review cycle, e.g. "Fourth cycle (2025)".
    pub cycle: String,
    /// One organisation, or every organisation of a joint submission.
    pub submitters: Vec<Submitter>,
    pub contact: Contact,
    pub keywords: Vec<String>,
    pub introduction: Introduction,
    /// I. Summary of proceedings: one section per theme cluster.
    pub proceedings: Vec<ThemeSection>,
    /// II. Conclusions and recommendations.
    pub conclusions: Conclusions,
    /// Charts drawn from the statistics (each also shown as a table).
    pub charts: Vec<Chart>,
    /// Sources, cited as notes (numbered from 1 in this order).
    pub sources: Vec<Source>,
    /// Words of the submission (notes excluded) against the OHCHR limit.
    pub words: WordReport,
}

impl CompiledReport {
    /// A joint submission has more than one submitting organisation.
    pub fn is_joint(&self) -> bool {
        self.submitters.len() > 1
    }

    /// Every numbered paragraph in document order (introduction, proceedings,
    /// conclusions lead), for renderers and word counts.
    pub fn numbered_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.introduction
            .paragraphs
            .iter()
            .chain(self.proceedings.iter().flat_map(|s| s.paragraphs.iter()))
            .chain(std::iter::once(&self.conclusions.lead))
    }

    /// A source by its note number.
    pub fn source(&self, note: u32) -> Option<&Source> {
        self.sources.iter().find(|s| s.note == note)
    }
}

/// A submitting organisation.
#[derive(Clone, Debug, Serialize)]
pub struct Submitter {
    pub name: String,
    /// Short code as OHCHR cites submitters (e.g. "JS6", "AI"); may be empty.
    pub short_code: String,
    /// Activities and date of establishment.
    pub description: String,
}

/// The report's contact person (the organisation's, never a witness's).
#[derive(Clone, Debug, Serialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

/// A numbered paragraph. Paragraph numbers run through the whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Paragraph {
    pub number: u32,
    pub text: String,
    /// Notes (source numbers) cited at the end of the paragraph.
    pub notes: Vec<u32>,
}

/// Introduction: method and scope computed from the data, then the editor's text.
#[derive(Clone, Debug, Serialize)]
pub struct Introduction {
    pub paragraphs: Vec<Paragraph>,
    pub hearings: Vec<HearingSummary>,
    /// Testimonies used in this report.
    pub testimonies: Count,
    pub by_role: Vec<Tally>,
    pub by_theme: Vec<Tally>,
    pub by_place: Vec<Tally>,
}

/// A hearing the report covers.
#[derive(Clone, Debug, Serialize)]
pub struct HearingSummary {
    pub title: String,
    /// "El Paso, Texas", or "Online".
    pub place: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: Option<chrono::NaiveDate>,
}

/// One row of a statistic: a label and its protected count.
#[derive(Clone, Debug, Serialize)]
pub struct Tally {
    pub label: String,
    pub count: Count,
}

/// One theme cluster of the summary of proceedings.
#[derive(Clone, Debug, Serialize)]
pub struct ThemeSection {
    /// Letter heading as in UN reports: "A", "B", ...
    pub letter: String,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    /// Excerpts chosen for the section, shown after its paragraphs.
    pub quotes: Vec<Quote>,
}

/// A quoted excerpt of redacted testimony.
#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    /// The excerpt's id (stable across versions while the excerpt stays valid).
    pub excerpt_id: String,
    /// Redacted words, verbatim.
    pub text: String,
    /// Whom the words are attributed to: a name only with attribution consent,
    /// otherwise the witness's role ("an attorney").
    pub attribution: String,
    /// Note number of the source.
    pub note: u32,
    /// Whether this is a translation (of the redacted original).
    pub translated: bool,
}

/// II. Conclusions and recommendations: one numbered paragraph whose sub-items are the
/// recommendations.
#[derive(Clone, Debug, Serialize)]
pub struct Conclusions {
    pub lead: Paragraph,
    pub recommendations: Vec<Recommendation>,
}

/// A recommendation, numbered P.N.
#[derive(Clone, Debug, Serialize)]
pub struct Recommendation {
    pub id: String,
    pub number: RecommendationNumber,
    pub text: String,
    /// The recommending party, shown in parentheses at the end.
    pub recommending_party: String,
    pub addressees: Vec<String>,
    pub themes: Vec<String>,
    pub affected_persons: Vec<String>,
    pub sdg_targets: Vec<String>,
    pub category: ActionCategory,
    /// Previous cycle's UN recommendations this one follows up (e.g. "26.123").
    pub follows_up: Vec<String>,
    /// Notes (source numbers) of the supporting excerpts.
    pub notes: Vec<u32>,
    /// Supporting excerpts (their ids).
    pub evidence: Vec<String>,
    pub follow_up: FollowUp,
}

/// Addendum: the State's position and the implementation assessment.
#[derive(Clone, Debug, Serialize)]
pub struct FollowUp {
    /// "Supported", "Supported in part", "Noted", "No response".
    pub position: String,
    /// "Not implemented", ... or None when not yet assessed.
    pub implementation: Option<String>,
    pub notes: Vec<FollowUpNote>,
}

/// A dated follow-up note.
#[derive(Clone, Debug, Serialize)]
pub struct FollowUpNote {
    pub on: chrono::NaiveDate,
    pub text: String,
}

/// A source note: where a quote comes from, never who.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub note: u32,
    /// "Testimony T-1a2b3c4d, hearing “Detention in Texas”, March 2026 (attorney or
    /// legal representative; translated from Spanish)".
    pub text: String,
}

/// A bar chart of protected counts. Renderers draw it with `<title>` and `<desc>` and a
/// table beside it.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    /// Stable id used for anchors ("by-theme").
    pub id: String,
    pub title: String,
    /// One sentence describing what the chart shows, for screen readers.
    pub description: String,
    /// What is counted ("testimonies", "recommendations").
    pub unit: String,
    pub bars: Vec<Tally>,
}

/// Words of the submission against the limit.
#[derive(Clone, Debug, Serialize)]
pub struct WordReport {
    pub count: usize,
    pub limit: usize,
    #[serde(skip)]
    pub check: WordCheck,
}
