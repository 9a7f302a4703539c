//! The two kinds of testimony text, as types.
//!
//! [`OriginalText`] is what a witness wrote or said. It is sealed at rest and only exists
//! in memory after a granted staff member's key or the witness's receipt opened it. It has
//! no `Display` and no `Serialize`, its `Debug` hides it, and its memory is wiped on drop:
//! nothing can render or export it by accident.
//!
//! [`RedactedText`] can only be made by applying [`Redaction`]s to an original. Reports,
//! search and public pages take only this type.

use std::fmt;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;
use zeroize::Zeroize as _;

/// Words a witness gave, in clear, in memory only.
pub struct OriginalText(String);

impl OriginalText {
    /// Text as the witness gave it (a form field, before it is sealed).
    pub fn from_witness(text: String) -> Self {
        Self(text)
    }

    /// Text opened from its sealed form.
    pub(crate) fn opened(text: String) -> Self {
        Self(text)
    }

    /// The words, for the only readers allowed to see them: the witness holding the
    /// receipt, and staff granted access to originals.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Drop for OriginalText {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for OriginalText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OriginalText(..)")
    }
}

/// What kind of thing a redaction removes; the replacement marker names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RedactionCategory {
    Name,
    Place,
    Date,
    Contact,
    Identifier,
    OtherPerson,
    Other,
}

impl RedactionCategory {
    pub const ALL: [RedactionCategory; 7] = [
        RedactionCategory::Name,
        RedactionCategory::Place,
        RedactionCategory::Date,
        RedactionCategory::Contact,
        RedactionCategory::Identifier,
        RedactionCategory::OtherPerson,
        RedactionCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RedactionCategory::Name => "name",
            RedactionCategory::Place => "place",
            RedactionCategory::Date => "date",
            RedactionCategory::Contact => "contact",
            RedactionCategory::Identifier => "identifier",
            RedactionCategory::OtherPerson => "other-person",
            RedactionCategory::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What a redaction covers: a stretch of the original (byte offsets), or every
/// occurrence of a term (ignoring case and accents).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedactionTarget {
    Span(Range<usize>),
    Term(String),
}

/// One thing to remove from an original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redaction {
    pub target: RedactionTarget,
    pub category: RedactionCategory,
}

/// Text with every redaction applied. Only [`RedactedText::apply`] makes one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RedactedText(String);

impl RedactedText {
    /// Apply redactions to an original. Each removed stretch becomes the marker for its
    /// category (`[name withheld]`), given by `marker` in the language of the text.
    /// Overlapping stretches merge; the first redaction's category names the merged one.
    pub fn apply(
        original: &OriginalText,
        redactions: &[Redaction],
        marker: impl Fn(RedactionCategory) -> String,
    ) -> Self {
        let text = original.reveal();
        let mut ranges: Vec<(Range<usize>, RedactionCategory)> = Vec::new();
        for r in redactions {
            match &r.target {
                RedactionTarget::Span(span) => {
                    let start = floor_boundary(text, span.start.min(text.len()));
                    let end = ceil_boundary(text, span.end.min(text.len()));
                    if start < end {
                        ranges.push((start..end, r.category));
                    }
                }
                RedactionTarget::Term(term) => {
                    for found in find_folded(text, term) {
                        ranges.push((found, r.category));
                    }
                }
            }
        }
        ranges.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<(Range<usize>, RedactionCategory)> = Vec::new();
        for (range, category) in ranges {
            match merged.last_mut() {
                Some((last, _)) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push((range, category)),
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (range, category) in merged {
            out.push_str(&text[at..range.start]);
            out.push_str(&marker(category));
            at = range.end;
        }
        out.push_str(&text[at..]);
        Self(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RedactedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Fold a string for matching: decomposed, without combining marks, lower case. Each
/// folded char remembers the byte range of the original char it came from.
/// Each character of `text` lowercased without accents, with the byte range it came from.
pub fn fold(text: &str) -> Vec<(char, Range<usize>)> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let range = i..i + c.len_utf8();
        for d in c.nfd().filter(|d| !is_combining(*d)) {
            for l in d.to_lowercase() {
                out.push((l, range.clone()));
            }
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A key to sort words as a reader expects: case and accents do not count.
pub fn sort_key(text: &str) -> String {
    fold(text).into_iter().map(|(c, _)| c).collect()
}

/// Every occurrence of `term` in `text`, ignoring case and accents, as byte ranges of `text`.
pub fn find_folded(text: &str, term: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = fold(term.trim()).into_iter().map(|(c, _)| c).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay = fold(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()]
            .iter()
            .zip(&needle)
            .all(|((h, _), n)| h == n)
        {
            let start = hay[i].1.start;
            let end = hay[i + needle.len() - 1].1.end;
            found.push(start..end);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(c: RedactionCategory) -> String {
        format!("[{} withheld]", c.code())
    }

    fn term(t: &str, category: RedactionCategory) -> Redaction {
        Redaction {
            target: RedactionTarget::Term(t.into()),
            category,
        }
    }

    #[test]
    fn terms_are_removed_ignoring_case_and_accents() {
        let original = OriginalText::from_witness(
            "José Pérez vio a JOSE en Ciudad Juárez; jose dijo: Juarez.".into(),
        );
        let redacted = RedactedText::apply(
            &original,
            &[
                term("jose", RedactionCategory::Name),
                term("Juárez", RedactionCategory::Place),
            ],
            marker,
        );
        assert_eq!(
            redacted.as_str(),
            "[name withheld] Pérez vio a [name withheld] en Ciudad [place withheld]; [name withheld] dijo: [place withheld]."
        );
    }

    #[test]
    fn spans_merge_and_respect_char_boundaries() {
        let original = OriginalText::from_witness("Mi número es A-123-456-789 ñ fin".into());
        let start = original.reveal().find("A-").unwrap();
        let redacted = RedactedText::apply(
            &original,
            &[
                Redaction {
                    target: RedactionTarget::Span(start..start + 8),
                    category: RedactionCategory::Identifier,
                },
                Redaction {
                    target: RedactionTarget::Span(start + 4..start + 13),
                    category: RedactionCategory::Other,
                },
            ],
            marker,
        );
        assert_eq!(
            redacted.as_str(),
            "Mi número es [identifier withheld] ñ fin"
        );
        // A span ending inside a multi-byte character takes the whole character.
        let n = original.reveal().find('ñ').unwrap();
        let r = RedactedText::apply(
            &original,
            &[Redaction {
                target: RedactionTarget::Span(n..n + 1),
                category: RedactionCategory::Other,
            }],
            marker,
        );
        assert!(!r.as_str().contains('ñ'));
    }

    #[test]
    fn originals_never_show_in_debug_output() {
        let o = OriginalText::from_witness("A-123456789".into());
        assert_eq!(format!("{o:?}"), "OriginalText(..)");
    }
}
