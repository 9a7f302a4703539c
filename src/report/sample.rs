//! A realistic compiled report for tests, benchmarks and previews of the renderers:
//! a joint submission on the United States with two hearings, three theme sections
//! with quotes (one attributed by name), five recommendations with notes and
//! follow-up, and a suppressed count. Every name and place in it is invented.

use chrono::NaiveDate;

use super::model::{
    Chart, CompiledReport, Conclusions, Contact, FollowUp, FollowUpNote, HearingSummary,
    Introduction, Paragraph, Quote, Recommendation, SCHEMA_VERSION, Source, Submitter, Tally,
    ThemeSection, VersionStatus, WordReport,
};
use crate::domain::report::{
    ActionCategory, Count, RecommendationNumber, WordLimit, suppress, word_count,
};

/// A draft of a joint submission, ready to render. Set `status` (and `published_on`)
/// to see the published form.
pub fn sample() -> CompiledReport {
    let mut report = CompiledReport {
        schema_version: SCHEMA_VERSION,
        report_id: "r-2026-usa".to_owned(),
        version: 3,
        status: VersionStatus::Draft,
        published_on: None,
        title: "Immigration detention and due process in the United States".to_owned(),
        state_under_review: "United States of America".to_owned(),
        cycle: "Fourth cycle (2025)".to_owned(),
        submitters: vec![
            Submitter {
                name: "Border Rights Coalition".to_owned(),
                short_code: "JS6".to_owned(),
                description: "A network of legal aid groups along the southern border, \
                              established in 2009, that represents people in immigration \
                              detention."
                    .to_owned(),
            },
            Submitter {
                name: "Families Together Network".to_owned(),
                short_code: String::new(),
                description: "A community organisation founded in 2014 that supports \
                              families separated by deportation."
                    .to_owned(),
            },
        ],
        contact: Contact {
            name: "Ana Contreras, coordinator".to_owned(),
            email: "upr@border-rights.example.org".to_owned(),
        },
        keywords: vec![
            "immigration detention".to_owned(),
            "due process".to_owned(),
            "family unity".to_owned(),
        ],
        introduction: introduction(),
        proceedings: proceedings(),
        conclusions: conclusions(),
        charts: charts(),
        sources: sources(),
        words: WordReport {
            count: 0,
            limit: WordLimit::Joint.words(),
            check: WordLimit::Joint.check(0),
        },
    };
    let count = word_count(&super::docx::body_text(&report));
    let limit = WordLimit::for_submitters(report.submitters.len());
    report.words = WordReport {
        count,
        limit: limit.words(),
        check: limit.check(count),
    };
    report
}

fn para(number: u32, text: &str, notes: &[u32]) -> Paragraph {
    Paragraph {
        number,
        text: text.to_owned(),
        notes: notes.to_vec(),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn tally(label: &str, count: Count) -> Tally {
    Tally {
        label: label.to_owned(),
        count,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn introduction() -> Introduction {
    Introduction {
        paragraphs: vec![
            para(
                1,
                "This joint submission draws on testimony heard at two people's hearings \
                 held in 2026 in El Paso, Texas, and online.",
                &[],
            ),
            para(
                2,
                "Witnesses spoke freely and chose whether to be named; every excerpt was \
                 redacted before publication and no count below five is shown.",
                &[],
            ),
            para(
                3,
                "The submission assesses the implementation of recommendations 26.123 and \
                 26.131 of the third cycle.",
                &[1],
            ),
        ],
        hearings: vec![
            HearingSummary {
                title: "Detention in Texas".to_owned(),
                place: "El Paso, Texas".to_owned(),
                starts_on: day(2026, 3, 12),
                ends_on: Some(day(2026, 3, 13)),
            },
            HearingSummary {
                title: "Families apart".to_owned(),
                place: "Online".to_owned(),
                starts_on: day(2026, 4, 20),
                ends_on: None,
            },
        ],
        testimonies: suppress(23),
        by_role: vec![
            tally("directly affected person", suppress(12)),
            tally("family member", suppress(7)),
            tally("attorney or legal representative", suppress(3)),
        ],
        by_theme: vec![
            tally("immigration detention", suppress(14)),
            tally("due process and access to counsel", suppress(9)),
            tally("family unity and separation", suppress(6)),
        ],
        by_place: vec![
            tally("El Paso, Texas", suppress(16)),
            tally("Online", suppress(7)),
        ],
    }
}

fn proceedings() -> Vec<ThemeSection> {
    vec![
        ThemeSection {
            letter: "A".to_owned(),
            title: "Immigration detention".to_owned(),
            paragraphs: vec![
                para(
                    4,
                    "Witnesses described detention lasting many months without a bond \
                     hearing, in facilities far from their families and lawyers.",
                    &[2],
                ),
                para(
                    5,
                    "Several described cold cells & lights left on all night.",
                    &[],
                ),
            ],
            quotes: vec![Quote {
                excerpt_id: "x-01".to_owned(),
                text: "They kept the lights on day and night. After a week I no longer \
                       knew what day it was."
                    .to_owned(),
                attribution: "a directly affected person".to_owned(),
                note: 2,
                translated: true,
            }],
        },
        ThemeSection {
            letter: "B".to_owned(),
            title: "Due process and access to counsel".to_owned(),
            paragraphs: vec![
                para(
                    6,
                    "Attorneys reported that clients were moved between facilities without \
                     notice, which cut them off from counsel before their hearings.",
                    &[3],
                ),
                para(
                    7,
                    "Hearings by video often failed, and interpreters were not always \
                     available.",
                    &[],
                ),
            ],
            quotes: vec![Quote {
                excerpt_id: "x-02".to_owned(),
                text: "I learned my client had been transferred when I arrived at the \
                       gate for our meeting."
                    .to_owned(),
                attribution: "Maria Lopez, attorney".to_owned(),
                note: 3,
                translated: false,
            }],
        },
        ThemeSection {
            letter: "C".to_owned(),
            title: "Family unity and separation".to_owned(),
            paragraphs: vec![
                para(
                    8,
                    "Family members described children left without news of a detained \
                     parent for weeks.",
                    &[4],
                ),
                para(
                    9,
                    "Some parents were removed while their children stayed in care <in the United States>.",
                    &[],
                ),
            ],
            quotes: vec![Quote {
                excerpt_id: "x-03".to_owned(),
                text: "My daughter asked every night when her father would call.".to_owned(),
                attribution: "a family member".to_owned(),
                note: 4,
                translated: true,
            }],
        },
    ]
}

#[allow(clippy::too_many_arguments)]
fn recommendation(
    item: u32,
    text: &str,
    party: &str,
    addressees: &[&str],
    themes: &[&str],
    category: ActionCategory,
    notes: &[u32],
    follow_up: FollowUp,
) -> Recommendation {
    Recommendation {
        id: format!("rec-{item:02}"),
        number: RecommendationNumber {
            paragraph: 10,
            item,
        },
        text: text.to_owned(),
        recommending_party: party.to_owned(),
        addressees: strings(addressees),
        themes: strings(themes),
        affected_persons: strings(&["migrants", "asylum seekers and refugees"]),
        sdg_targets: strings(&["16.3"]),
        category,
        follows_up: if item <= 2 {
            strings(&["26.123"])
        } else {
            Vec::new()
        },
        notes: notes.to_vec(),
        // Notes 2 to 4 cite the excerpts x-01 to x-03; note 1 is a UN document.
        evidence: notes
            .iter()
            .filter(|n| **n > 1)
            .map(|n| format!("x-{:02}", n - 1))
            .collect(),
        follow_up,
    }
}

fn follow_up(
    position: &str,
    implementation: Option<&str>,
    notes: &[(NaiveDate, &str)],
) -> FollowUp {
    FollowUp {
        position: position.to_owned(),
        implementation: implementation.map(str::to_owned),
        notes: notes
            .iter()
            .map(|(on, text)| FollowUpNote {
                on: *on,
                text: (*text).to_owned(),
            })
            .collect(),
    }
}

fn conclusions() -> Conclusions {
    let party = "Border Rights Coalition";
    Conclusions {
        lead: para(
            10,
            "The following recommendations, drawn from the testimony above, are addressed \
             to the United States of America:",
            &[],
        ),
        recommendations: vec![
            recommendation(
                1,
                "By March 2027, establish independent monitoring of all immigration \
                 detention facilities",
                party,
                &["Department of Homeland Security", "Congress"],
                &["immigration detention"],
                ActionCategory::Specific,
                &[2],
                follow_up(
                    "Supported in part",
                    Some("Partially implemented"),
                    &[
                        (
                            day(2026, 11, 2),
                            "Pilot inspections began in two facilities.",
                        ),
                        (day(2027, 3, 1), "Monitoring covers 4 of 12 facilities."),
                    ],
                ),
            ),
            recommendation(
                2,
                "Ensure a bond hearing within 30 days for every person held in immigration \
                 detention",
                party,
                &["Executive Office for Immigration Review"],
                &["immigration detention", "due process and access to counsel"],
                ActionCategory::General,
                &[2],
                follow_up("Noted", Some("Not implemented"), &[]),
            ),
            recommendation(
                3,
                "Give counsel 72 hours' notice before transferring a detained client",
                "Families Together Network",
                &["Immigration and Customs Enforcement"],
                &["due process and access to counsel"],
                ActionCategory::Specific,
                &[3],
                follow_up("No response", None, &[]),
            ),
            recommendation(
                4,
                "Consider alternatives to detention for parents of children in the \
                 United States",
                party,
                &["Department of Homeland Security"],
                &["family unity and separation", "children"],
                ActionCategory::Considering,
                &[4],
                follow_up(
                    "Supported",
                    None,
                    &[(day(2026, 9, 15), "A working group was announced.")],
                ),
            ),
            recommendation(
                5,
                "Continue to fund legal representation for unaccompanied children",
                party,
                &[
                    "Department of Health and Human Services",
                    "state governments",
                ],
                &["children"],
                ActionCategory::Continuing,
                &[1],
                follow_up("Supported", Some("Fully implemented"), &[]),
            ),
        ],
    }
}

fn charts() -> Vec<Chart> {
    let intro = introduction();
    let chart = |id: &str, title: &str, description: &str, unit: &str, bars: Vec<Tally>| Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        description: description.to_owned(),
        unit: unit.to_owned(),
        bars,
    };
    vec![
        chart(
            "by-theme",
            "Testimony by theme",
            "Horizontal bars: number of testimonies that speak to each theme.",
            "testimonies",
            intro.by_theme,
        ),
        chart(
            "by-role",
            "Testimony by witness role",
            "Horizontal bars: number of testimonies by the role of the witness; counts \
             below five are shown as fewer than 5.",
            "testimonies",
            intro.by_role,
        ),
        chart(
            "by-category",
            "Recommendations by action category",
            "Horizontal bars: number of recommendations in each action category.",
            "recommendations",
            vec![
                tally("2 - Continuing action", Count::of_things(1)),
                tally("3 - Considering action", Count::of_things(1)),
                tally("4 - General action", Count::of_things(1)),
                tally("5 - Specific action", Count::of_things(2)),
            ],
        ),
    ]
}

fn sources() -> Vec<Source> {
    [
        "Report of the Working Group on the Universal Periodic Review: United States of \
         America, A/HRC/46/15, 2021",
        "Testimony T-1a2b3c4d, hearing “Detention in Texas”, March 2026 (directly affected \
         person; translated from Spanish)",
        "Testimony T-5e6f7a8b, hearing “Detention in Texas”, March 2026 (attorney or legal \
         representative)",
        "Testimony T-9c0d1e2f, hearing “Families apart”, April 2026 (family member; \
         translated from Spanish)",
    ]
    .iter()
    .zip(1..)
    .map(|(text, note)| Source {
        note,
        text: (*text).to_owned(),
    })
    .collect()
}
