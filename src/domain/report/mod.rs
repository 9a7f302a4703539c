//! The rules of a report that mirror the UN's own UPR outputs: action categories
//! suggested from a recommendation's leading verb, the "verb first" check, paragraph
//! and recommendation numbering, the word limit of a stakeholder submission,
//! small-cell protection of statistics, a State's position on a recommendation and its
//! implementation status, and the columns of the matrix of recommendations.
//!
//! The shapes follow the UN Working Group reports (paragraphs numbered through the
//! report, recommendations as `P.N`), the State's addendum, the OHCHR matrix of
//! recommendations and guidelines for stakeholders, and the UPR Info database scale.
//! Nothing here reads or writes anything: the report compiler and the renderers build
//! on these values.

use std::fmt;

mod numbering;
mod verbs;
mod words;

pub use numbering::*;
pub use verbs::*;
pub use words::*;

/// Counts from 1 up to below this are not shown exactly.
pub const SMALL_CELL_THRESHOLD: u64 = 5;

/// A count of witnesses or testimonies as a report may publish it: exact from 5 up,
/// "fewer than 5" from 1 to 4, so that a cell such as one role in one city cannot
/// point at a person.
///
/// Zero is shown as 0: it reveals nobody, and a statistician reading "fewer than 5"
/// takes it to mean at least one. Only [`suppress`] makes a `Count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Count(Option<u64>);

/// Protect a count for publication.
pub fn suppress(n: u64) -> Count {
    if n == 0 || n >= SMALL_CELL_THRESHOLD {
        Count(Some(n))
    } else {
        Count(None)
    }
}

impl Count {
    /// The exact number, when it may be shown.
    pub fn exact(self) -> Option<u64> {
        self.0
    }

    /// A count of things, not of people (recommendations by category): never hidden.
    pub fn of_things(n: u64) -> Count {
        Count(Some(n))
    }

    /// Whether the number is hidden as "fewer than 5".
    pub fn is_suppressed(self) -> bool {
        self.0.is_none()
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "fewer than {SMALL_CELL_THRESHOLD}"),
        }
    }
}

/// The State's position on a recommendation, from its response (the "Addendum").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Position {
    Supported,
    SupportedInPart,
    Noted,
    /// The State has not taken a position (yet).
    #[default]
    NoResponse,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::Supported,
        Position::SupportedInPart,
        Position::Noted,
        Position::NoResponse,
    ];

    /// The code stored and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            Position::Supported => "supported",
            Position::SupportedInPart => "supported_in_part",
            Position::Noted => "noted",
            Position::NoResponse => "no_response",
        }
    }

    /// The words shown in reports and exports.
    pub fn label(self) -> &'static str {
        match self {
            Position::Supported => "Supported",
            Position::SupportedInPart => "Supported in part",
            Position::Noted => "Noted",
            Position::NoResponse => "No response",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How far a recommendation has been implemented, as a follow-up assessment rates it.
/// A recommendation not yet assessed has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImplementationStatus {
    NotImplemented,
    PartiallyImplemented,
    FullyImplemented,
}

impl ImplementationStatus {
    pub const ALL: [ImplementationStatus; 3] = [
        ImplementationStatus::NotImplemented,
        ImplementationStatus::PartiallyImplemented,
        ImplementationStatus::FullyImplemented,
    ];

    /// The code stored and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            ImplementationStatus::NotImplemented => "not_implemented",
            ImplementationStatus::PartiallyImplemented => "partially_implemented",
            ImplementationStatus::FullyImplemented => "fully_implemented",
        }
    }

    /// The words shown in reports and exports.
    pub fn label(self) -> &'static str {
        match self {
            ImplementationStatus::NotImplemented => "Not implemented",
            ImplementationStatus::PartiallyImplemented => "Partially implemented",
            ImplementationStatus::FullyImplemented => "Fully implemented",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl fmt::Display for ImplementationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The columns of the CSV matrix of recommendations, in order, as in the OHCHR matrix.
pub const MATRIX_COLUMNS: [&str; 9] = [
    "number",
    "recommendation",
    "recommending party",
    "position",
    "themes",
    "affected persons",
    "SDG targets",
    "action category",
    "assessment of implementation",
];

#[cfg(test)]
mod tests;

/// In exports a count is `{"value": 12, "shown": "12"}`, or
/// `{"value": null, "shown": "fewer than 5"}` when suppressed.
impl serde::Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Count", 2)?;
        st.serialize_field("value", &self.0)?;
        st.serialize_field("shown", &self.to_string())?;
        st.end()
    }
}

/// In exports a recommendation number is the string `"95.3"`.
impl serde::Serialize for RecommendationNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In exports an action category is `{"number": 5, "name": "Specific action"}`.
impl serde::Serialize for ActionCategory {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("ActionCategory", 2)?;
        st.serialize_field("number", &self.number())?;
        st.serialize_field("name", self.label())?;
        st.end()
    }
}
