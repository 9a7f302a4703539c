//! Compile a report version: the editors' content plus publishable testimony become a
//! [`CompiledReport`] with paragraphs numbered through the document, recommendations
//! numbered P.N, statistics protected against small cells, sources as notes and the
//! word count against the OHCHR limit. Cited excerpts that may no longer be used are
//! dropped and reported as [`Problem`]s.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::method::{conclusions_lead, method_paragraphs, recommending_party};
use super::model::*;
use super::projection::{Attribution, PublishableExcerpt, PublishableTestimony};
use crate::domain::report::{
    ActionCategory, Count, ImplementationStatus, Numbering, Position, SectionSpec, WordLimit,
    starts_with_verb, suppress, word_count,
};

/// What editors wrote for a version, as stored.
#[derive(Clone, Debug, Default)]
pub struct ReportContent {
    pub report_id: String,
    pub version: u32,
    pub status: Option<VersionStatus>,
    pub published_on: Option<NaiveDate>,
    pub title: String,
    pub state_under_review: String,
    pub cycle: String,
    pub submitters: Vec<Submitter>,
    pub contact: Option<Contact>,
    pub keywords: Vec<String>,
    pub hearings: Vec<HearingSummary>,
    /// The hearings' ids, in the order of `hearings`.
    pub hearing_ids: Vec<String>,
    /// Editor paragraphs after the computed method paragraphs (blank lines separate).
    pub introduction: String,
    pub sections: Vec<SectionContent>,
    /// The conclusions paragraph's lead text (a default when empty).
    pub conclusions: String,
    pub recommendations: Vec<RecommendationContent>,
}

/// A theme cluster as written by editors.
#[derive(Clone, Debug, Default)]
pub struct SectionContent {
    pub id: String,
    pub title: String,
    pub findings: String,
    pub excerpt_ids: Vec<String>,
}

/// A recommendation as written by editors.
#[derive(Clone, Debug)]
pub struct RecommendationContent {
    pub id: String,
    pub text: String,
    pub addressees: Vec<String>,
    pub themes: Vec<String>,
    pub affected_persons: Vec<String>,
    pub sdg_targets: Vec<String>,
    pub category: ActionCategory,
    pub follows_up: Vec<String>,
    pub excerpt_ids: Vec<String>,
    pub position: Position,
    pub implementation: Option<ImplementationStatus>,
    pub notes: Vec<FollowUpNote>,
}

/// Something an editor should know before finalising or publishing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A cited excerpt can no longer be used (consent, redaction, withdrawal, review);
    /// it was left out.
    ExcerptDropped {
        excerpt_id: String,
        cited_in: String,
    },
    /// A recommendation cites no usable excerpt: every recommendation needs evidence.
    NoEvidence { recommendation: String },
    /// A recommendation does not start with a verb.
    NotVerbFirst { recommendation: String },
    /// The submission is over the word limit.
    OverWordLimit { by: usize },
    /// Nothing to number as conclusions: a report needs a recommendation.
    NoRecommendations,
}

impl Problem {
    /// Whether it stops the version being finalised or published.
    pub fn blocks(&self) -> bool {
        matches!(
            self,
            Problem::NoEvidence { .. } | Problem::NoRecommendations
        )
    }

    /// What the editor reads.
    pub fn message(&self) -> String {
        match self {
            Problem::ExcerptDropped {
                excerpt_id,
                cited_in,
            } => format!(
                "Excerpt {} cited in {cited_in} can no longer be used (the witness's consent or the redaction changed, or the testimony left review) and was left out.",
                short(excerpt_id)
            ),
            Problem::NoEvidence { recommendation } => format!(
                "Recommendation {recommendation} cites no usable excerpt. Every recommendation must cite at least one."
            ),
            Problem::NotVerbFirst { recommendation } => format!(
                "Recommendation {recommendation} does not start with a verb. UN recommendations read \"Ratify ...\", \"Establish ...\"."
            ),
            Problem::OverWordLimit { by } => format!(
                "The submission is {by} words over the OHCHR limit. Shorten it before sending it to the UN."
            ),
            Problem::NoRecommendations => {
                "The report has no recommendations yet. Add at least one.".to_string()
            }
        }
    }
}

fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// A compiled version and what the editor should know about it.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub report: CompiledReport,
    pub problems: Vec<Problem>,
    /// The testimony the outputs use (quoted or cited), for the manifest and leak scan.
    pub used: Vec<String>,
}

impl Compiled {
    pub fn is_blocked(&self) -> bool {
        self.problems.iter().any(Problem::blocks)
    }
}

/// Split editor text into paragraphs on blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Compile a version over the publishable testimony of its hearings.
pub fn compile(content: &ReportContent, testimony: &[PublishableTestimony]) -> Compiled {
    let mut problems = Vec::new();
    let excerpts: HashMap<&str, (&PublishableTestimony, &PublishableExcerpt)> = testimony
        .iter()
        .flat_map(|t| t.excerpts().iter().map(move |e| (e.id.as_str(), (t, e))))
        .collect();
    let mut notes = Notes::default();

    let intro_texts: Vec<String> = method_paragraphs(content, testimony)
        .into_iter()
        .chain(paragraphs(&content.introduction))
        .collect();
    let section_texts: Vec<Vec<String>> = content
        .sections
        .iter()
        .map(|s| paragraphs(&s.findings))
        .collect();
    let mut specs = vec![SectionSpec::Paragraphs(intro_texts.len() as u32)];
    specs.extend(
        section_texts
            .iter()
            .map(|p| SectionSpec::Paragraphs(p.len() as u32)),
    );
    specs.push(SectionSpec::Recommendations(
        content.recommendations.len() as u32
    ));
    // Sections come from a few editors' paragraphs: far below u32::MAX.
    let numbering = Numbering::number(&specs).unwrap_or_else(|_| {
        Numbering::number(&[SectionSpec::Recommendations(0)]).unwrap_or_else(|_| unreachable!())
    });
    let numbered = |section: usize, texts: Vec<String>| -> Vec<Paragraph> {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Paragraph {
                number: numbering.paragraph(section, i as u32).unwrap_or_default(),
                text,
                notes: Vec::new(),
            })
            .collect()
    };
    let introduction = Introduction {
        paragraphs: numbered(0, intro_texts),
        hearings: content.hearings.clone(),
        testimonies: suppress(testimony.len() as u64),
        by_role: tally(testimony.iter().map(|t| t.role().label().to_string())),
        by_theme: tally(testimony.iter().flat_map(|t| t.themes().iter().cloned())),
        by_place: tally(
            testimony
                .iter()
                .map(|t| t.place().to_string())
                .filter(|p| !p.is_empty()),
        ),
    };

    let proceedings = content
        .sections
        .iter()
        .zip(section_texts)
        .enumerate()
        .map(|(i, (s, texts))| {
            let quotes = s
                .excerpt_ids
                .iter()
                .filter_map(|id| match excerpts.get(id.as_str()) {
                    Some((t, e)) => Some(Quote {
                        excerpt_id: e.id.clone(),
                        text: e.text.clone(),
                        attribution: attribution(t, e),
                        note: notes.cite(t),
                        translated: e.translated,
                    }),
                    None => {
                        problems.push(Problem::ExcerptDropped {
                            excerpt_id: id.clone(),
                            cited_in: format!("section “{}”", s.title),
                        });
                        None
                    }
                })
                .collect();
            ThemeSection {
                letter: section_letter(i),
                title: s.title.clone(),
                paragraphs: numbered(i + 1, texts),
                quotes,
            }
        })
        .collect();

    let party = recommending_party(&content.submitters);
    let recommendations: Vec<Recommendation> = content
        .recommendations
        .iter()
        .zip(numbering.recommendations())
        .map(|(r, number)| {
            let mut evidence = Vec::new();
            let mut cited = Vec::new();
            for id in &r.excerpt_ids {
                match excerpts.get(id.as_str()) {
                    Some((t, e)) => {
                        evidence.push(e.id.clone());
                        let note = notes.cite(t);
                        if !cited.contains(&note) {
                            cited.push(note);
                        }
                    }
                    None => problems.push(Problem::ExcerptDropped {
                        excerpt_id: id.clone(),
                        cited_in: format!("recommendation {number}"),
                    }),
                }
            }
            if evidence.is_empty() {
                problems.push(Problem::NoEvidence {
                    recommendation: number.to_string(),
                });
            }
            if !starts_with_verb(&r.text) {
                problems.push(Problem::NotVerbFirst {
                    recommendation: number.to_string(),
                });
            }
            Recommendation {
                id: r.id.clone(),
                number,
                text: r.text.trim().trim_end_matches([';', '.']).to_string(),
                recommending_party: party.clone(),
                addressees: r.addressees.clone(),
                themes: r.themes.clone(),
                affected_persons: r.affected_persons.clone(),
                sdg_targets: r.sdg_targets.clone(),
                category: r.category,
                follows_up: r.follows_up.clone(),
                notes: cited,
                evidence,
                follow_up: FollowUp {
                    position: r.position.label().to_string(),
                    implementation: r.implementation.map(|s| s.label().to_string()),
                    notes: r.notes.clone(),
                },
            }
        })
        .collect();
    if recommendations.is_empty() {
        problems.push(Problem::NoRecommendations);
    }
    let conclusions = Conclusions {
        lead: Paragraph {
            number: numbering.conclusions_paragraph().unwrap_or_default(),
            text: conclusions_lead(content, &party),
            notes: Vec::new(),
        },
        recommendations,
    };

    let charts = charts(&introduction, &conclusions);
    let used = notes.order.iter().map(|t| t.id().to_string()).collect();
    let sources = notes.sources(content);
    let limit = WordLimit::for_submitters(content.submitters.len());
    let mut report = CompiledReport {
        schema_version: SCHEMA_VERSION,
        report_id: content.report_id.clone(),
        version: content.version,
        status: content.status.unwrap_or(VersionStatus::Draft),
        published_on: content.published_on,
        title: content.title.clone(),
        state_under_review: content.state_under_review.clone(),
        cycle: content.cycle.clone(),
        submitters: content.submitters.clone(),
        contact: content.contact.clone().unwrap_or(Contact {
            name: String::new(),
            email: String::new(),
        }),
        keywords: content.keywords.clone(),
        introduction,
        proceedings,
        conclusions,
        charts,
        sources,
        words: WordReport {
            count: 0,
            limit: limit.words(),
            check: limit.check(0),
        },
    };
    let count = word_count(&super::docx::body_text(&report));
    report.words = WordReport {
        count,
        limit: limit.words(),
        check: limit.check(count),
    };
    if let crate::domain::report::WordCheck::Over { by } = report.words.check {
        problems.push(Problem::OverWordLimit { by });
    }
    Compiled {
        report,
        problems,
        used,
    }
}

/// Sources numbered in order of first citation, one per testimony.
#[derive(Default)]
struct Notes<'a> {
    order: Vec<&'a PublishableTestimony>,
}

impl<'a> Notes<'a> {
    fn cite(&mut self, t: &'a PublishableTestimony) -> u32 {
        let at = match self.order.iter().position(|x| x.id() == t.id()) {
            Some(i) => i,
            None => {
                self.order.push(t);
                self.order.len() - 1
            }
        };
        at as u32 + 1
    }

    fn sources(&self, content: &ReportContent) -> Vec<Source> {
        let hearing = |id: &str| {
            let at = content.hearing_ids.iter().position(|h| h == id)?;
            content.hearings.get(at)
        };
        self.order
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let given = match hearing(t.hearing_id()) {
                    Some(h) => format!("at the hearing “{}” ({})", h.title, h.place),
                    None => "at a hearing".to_string(),
                };
                Source {
                    note: i as u32 + 1,
                    text: format!(
                        "Testimony {} given {given}, {}; witness: {}; in {}.",
                        t.reference(),
                        t.submitted_at().format("%B %Y"),
                        t.role().label().to_lowercase(),
                        t.language(),
                    ),
                }
            })
            .collect()
    }
}

fn attribution(t: &PublishableTestimony, e: &PublishableExcerpt) -> String {
    match &e.attribution {
        Attribution::Named(name) => name.as_str().to_string(),
        Attribution::NamePending => {
            "the witness, named with consent (the name is added at publication)".to_string()
        }
        Attribution::Role => {
            let role = t.role().label().to_lowercase();
            let article = if role.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {role}")
        }
    }
}

/// The letter heading of the `i`-th theme section (from 0): A, B, ...
pub fn section_letter(i: usize) -> String {
    let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    match letters.chars().nth(i) {
        Some(c) => c.to_string(),
        None => format!("A{}", i + 1),
    }
}

/// Counts by label, largest first, each protected against small cells.
pub(super) fn tally(labels: impl Iterator<Item = String>) -> Vec<Tally> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for l in labels {
        *counts.entry(l).or_default() += 1;
    }
    let mut rows: Vec<(String, u64)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.into_iter()
        .map(|(label, n)| Tally {
            label,
            count: suppress(n),
        })
        .collect()
}

fn charts(intro: &Introduction, conclusions: &Conclusions) -> Vec<Chart> {
    let recs = &conclusions.recommendations;
    let by_category: Vec<Tally> = ActionCategory::ALL
        .iter()
        .rev()
        .map(|c| Tally {
            label: format!("{} – {}", c.number(), c.label()),
            count: Count::of_things(recs.iter().filter(|r| r.category == *c).count() as u64),
        })
        .collect();
    let mut addressees: BTreeMap<&str, u64> = BTreeMap::new();
    for a in recs.iter().flat_map(|r| r.addressees.iter()) {
        *addressees.entry(a.as_str()).or_default() += 1;
    }
    let mut by_addressee: Vec<(&str, u64)> = addressees.into_iter().collect();
    by_addressee.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let chart = |id: &str, title: &str, description: String, unit: &str, bars: Vec<Tally>| Chart {
        id: id.to_string(),
        title: title.to_string(),
        description,
        unit: unit.to_string(),
        bars,
    };
    let describe = |what: &str, bars: &[Tally]| -> String {
        let parts: Vec<String> = bars
            .iter()
            .map(|b| format!("{}: {}", b.label, b.count))
            .collect();
        if parts.is_empty() {
            format!("No {what}.")
        } else {
            format!("{what}: {}.", parts.join("; "))
        }
    };
    vec![
        chart(
            "by-theme",
            "Testimony by theme",
            describe("Testimonies by theme", &intro.by_theme),
            "testimonies",
            intro.by_theme.clone(),
        ),
        chart(
            "by-role",
            "Testimony by witness role",
            describe("Testimonies by witness role", &intro.by_role),
            "testimonies",
            intro.by_role.clone(),
        ),
        chart(
            "by-place",
            "Testimony by place",
            describe(
                "Testimonies by the State where events took place",
                &intro.by_place,
            ),
            "testimonies",
            intro.by_place.clone(),
        ),
        chart(
            "by-category",
            "Recommendations by action category",
            describe("Recommendations by action category", &by_category),
            "recommendations",
            by_category,
        ),
        chart(
            "by-addressee",
            "Recommendations by addressee",
            describe(
                "Recommendations by addressee",
                &by_addressee
                    .iter()
                    .map(|(l, n)| Tally {
                        label: l.to_string(),
                        count: Count::of_things(*n),
                    })
                    .collect::<Vec<_>>(),
            ),
            "recommendations",
            by_addressee
                .into_iter()
                .map(|(l, n)| Tally {
                    label: l.to_string(),
                    count: Count::of_things(n),
                })
                .collect(),
        ),
    ]
}

#[cfg(test)]
#[path = "compile_tests.rs"]
mod tests;
