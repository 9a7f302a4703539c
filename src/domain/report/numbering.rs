//! Paragraph numbers running through a report, and recommendations numbered P.1, P.2, ... under the conclusions paragraph P.

use std::fmt;

/// What one section of a report contributes to the paragraph numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionSpec {
    /// Ordinary numbered paragraphs.
    Paragraphs(u32),
    /// The conclusions paragraph: one numbered paragraph whose sub-items are this many
    /// recommendations. It takes its number even while it lists none.
    Recommendations(u32),
}

/// A recommendation's number: the conclusions paragraph and its place in it, shown as
/// `95.3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecommendationNumber {
    pub paragraph: u32,
    pub item: u32,
}

impl RecommendationNumber {
    /// Read `P.N` (both at least 1), as written in reports.
    pub fn parse(text: &str) -> Option<Self> {
        let (p, n) = text.trim().split_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(p) || !digits(n) {
            return None;
        }
        let number = Self {
            paragraph: p.parse().ok()?,
            item: n.parse().ok()?,
        };
        (number.paragraph > 0 && number.item > 0).then_some(number)
    }
}

impl fmt::Display for RecommendationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.paragraph, self.item)
    }
}

/// The paragraph numbers of one section: `count` paragraphs from `first`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionNumbers {
    pub first: u32,
    pub count: u32,
}

impl SectionNumbers {
    /// The numbers, in order (empty for a section without paragraphs).
    pub fn numbers(self) -> std::ops::Range<u32> {
        self.first..self.first + self.count
    }
}

/// Why a document cannot be numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NumberingError {
    #[error("a report has one conclusions paragraph listing the recommendations, not several")]
    SeveralRecommendationParagraphs,
    #[error("the report has too many paragraphs to number")]
    TooLong,
}

/// The numbers of a whole report: paragraphs run from 1 through every section, and the
/// recommendations are sub-items `P.1`, `P.2`, ... of the conclusions paragraph `P`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbering {
    sections: Vec<SectionNumbers>,
    conclusions: Option<(u32, u32)>,
}

impl Numbering {
    /// Number the sections of a report, in order. At most one section may be the
    /// conclusions paragraph.
    pub fn number(sections: &[SectionSpec]) -> Result<Self, NumberingError> {
        let mut next: u32 = 1;
        let mut numbered = Vec::with_capacity(sections.len());
        let mut conclusions = None;
        for spec in sections {
            let count = match *spec {
                SectionSpec::Paragraphs(n) => n,
                SectionSpec::Recommendations(n) => {
                    if conclusions.is_some() {
                        return Err(NumberingError::SeveralRecommendationParagraphs);
                    }
                    conclusions = Some((next, n));
                    1
                }
            };
            numbered.push(SectionNumbers { first: next, count });
            next = next.checked_add(count).ok_or(NumberingError::TooLong)?;
        }
        Ok(Self {
            sections: numbered,
            conclusions,
        })
    }

    /// The numbers of the section at `index` (in the order given).
    pub fn section(&self, index: usize) -> Option<SectionNumbers> {
        self.sections.get(index).copied()
    }

    /// The number of the `index`-th paragraph (from 0) of the section at `section`.
    pub fn paragraph(&self, section: usize, index: u32) -> Option<u32> {
        let s = self.section(section)?;
        (index < s.count).then(|| s.first + index)
    }

    /// How many numbered paragraphs the report has.
    pub fn paragraph_count(&self) -> u32 {
        self.sections.iter().map(|s| s.count).sum()
    }

    /// The number of the conclusions paragraph, if the report has one.
    pub fn conclusions_paragraph(&self) -> Option<u32> {
        self.conclusions.map(|(p, _)| p)
    }

    /// The number of the `index`-th recommendation (from 0).
    pub fn recommendation(&self, index: u32) -> Option<RecommendationNumber> {
        let (paragraph, count) = self.conclusions?;
        (index < count).then_some(RecommendationNumber {
            paragraph,
            item: index + 1,
        })
    }

    /// The numbers of all recommendations, in order.
    pub fn recommendations(&self) -> impl Iterator<Item = RecommendationNumber> + '_ {
        let (paragraph, count) = self.conclusions.unwrap_or((0, 0));
        (1..=count).map(move |item| RecommendationNumber { paragraph, item })
    }
}
