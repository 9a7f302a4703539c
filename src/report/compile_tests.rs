//! The compiler and the projection: what may enter a report, numbering, protected
//! counts, sources and the problems an editor must fix.

use chrono::NaiveDate;

use super::*;
use crate::domain::consent::{Consent, ConsentScope, ConsentSet};
use crate::domain::testimony::{ReviewStatus, WitnessRole};
use crate::report::projection::{AttributionName, ExcerptFacts, Exclusion, TestimonyFacts};

fn facts(id: &str, scopes: &[ConsentScope], role: WitnessRole) -> TestimonyFacts {
    TestimonyFacts {
        id: id.into(),
        hearing_id: "h1".into(),
        status: ReviewStatus::Approved,
        withdrawn: false,
        consent: Consent::new(ConsentSet::new(scopes.iter().copied()), false),
        consent_record_id: Some(format!("{id}-c1")),
        role,
        themes: vec!["Children".into()],
        place: "Texas".into(),
        language: "Spanish".into(),
        submitted_at: NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        redacted_version_id: Some(format!("{id}-r1")),
    }
}

fn excerpt(id: &str, t: &str, attributed: bool) -> ExcerptFacts {
    ExcerptFacts {
        id: id.into(),
        body: format!("words of {id}"),
        valid: true,
        attributed,
        translated: false,
        consent_record_id: Some(format!("{t}-c1")),
    }
}

const QUOTE: [ConsentScope; 2] = [
    ConsentScope::PublishAnonymously,
    ConsentScope::QuoteVerbatim,
];

fn admit(f: TestimonyFacts, e: Vec<ExcerptFacts>) -> Result<PublishableTestimony, Exclusion> {
    PublishableTestimony::admit(f, e, AttributionName::new("Rosa Martínez"))
}

#[test]
fn only_approved_unwithdrawn_consented_testimony_is_admitted() {
    let mut f = facts("t1", &QUOTE, WitnessRole::Attorney);
    f.status = ReviewStatus::InReview;
    assert_eq!(admit(f, vec![]).unwrap_err(), Exclusion::NotApproved);
    let mut f = facts("t1", &QUOTE, WitnessRole::Attorney);
    f.withdrawn = true;
    assert_eq!(admit(f, vec![]).unwrap_err(), Exclusion::Withdrawn);
    let f = facts("t1", &[ConsentScope::ShareWithUn], WitnessRole::Attorney);
    assert_eq!(admit(f, vec![]).unwrap_err(), Exclusion::NoReportConsent);
    assert!(admit(facts("t1", &QUOTE, WitnessRole::Attorney), vec![]).is_ok());
}

#[test]
fn quotes_need_quotation_consent_under_the_record_in_force_and_names_attribution() {
    let anonymous = [ConsentScope::PublishAnonymously];
    let t = admit(
        facts("t1", &anonymous, WitnessRole::Attorney),
        vec![excerpt("e1", "t1", false)],
    )
    .unwrap();
    assert!(t.excerpts().is_empty(), "no quotation consent, no quote");

    let mut stale = excerpt("e2", "t1", false);
    stale.consent_record_id = Some("t1-c0".into());
    let mut invalid = excerpt("e3", "t1", false);
    invalid.valid = false;
    let t = admit(
        facts("t1", &QUOTE, WitnessRole::Attorney),
        vec![stale, invalid, excerpt("e4", "t1", true)],
    )
    .unwrap();
    assert_eq!(t.excerpts().len(), 1);
    assert_eq!(
        t.excerpts()[0].attribution,
        Attribution::Role,
        "asked, but no attribution consent"
    );

    let named = [
        ConsentScope::PublishAnonymously,
        ConsentScope::QuoteVerbatim,
        ConsentScope::Attribute,
    ];
    let t = admit(
        facts("t1", &named, WitnessRole::Attorney),
        vec![excerpt("e5", "t1", true)],
    )
    .unwrap();
    assert!(
        matches!(&t.excerpts()[0].attribution, Attribution::Named(n) if n.as_str() == "Rosa Martínez")
    );
    let t = PublishableTestimony::admit(
        facts("t1", &named, WitnessRole::Attorney),
        vec![excerpt("e5", "t1", true)],
        None,
    )
    .unwrap();
    assert_eq!(t.excerpts()[0].attribution, Attribution::NamePending);
}

fn content(recs: usize) -> ReportContent {
    ReportContent {
        report_id: "r".into(),
        version: 1,
        title: "A report".into(),
        state_under_review: "United States of America".into(),
        introduction: "First editor paragraph.\n\nSecond editor paragraph.".into(),
        sections: vec![SectionContent {
            id: "s".into(),
            title: "Detention".into(),
            findings: "One.\n\nTwo.\n\nThree.".into(),
            excerpt_ids: vec!["e1".into(), "gone".into()],
        }],
        recommendations: (0..recs)
            .map(|i| RecommendationContent {
                id: format!("rec{i}"),
                text: if i == 0 {
                    "The detention of children".into()
                } else {
                    "Establish monitoring".into()
                },
                addressees: vec!["Congress".into()],
                themes: vec![],
                affected_persons: vec![],
                sdg_targets: vec![],
                category: ActionCategory::Specific,
                follows_up: vec![],
                excerpt_ids: if i == 2 {
                    vec!["gone".into()]
                } else {
                    vec!["e1".into()]
                },
                position: Position::NoResponse,
                implementation: None,
                notes: vec![],
            })
            .collect(),
        ..ReportContent::default()
    }
}

#[test]
fn paragraphs_run_through_the_report_and_recommendations_are_numbered_under_the_conclusions() {
    let t = admit(
        facts("t1", &QUOTE, WitnessRole::Attorney),
        vec![excerpt("e1", "t1", false)],
    )
    .unwrap();
    let c = compile(&content(3), &[t]);
    let intro = &c.report.introduction.paragraphs;
    assert_eq!(intro.first().unwrap().number, 1);
    let section = &c.report.proceedings[0].paragraphs;
    assert_eq!(section[0].number, intro.last().unwrap().number + 1);
    let p = section.last().unwrap().number + 1;
    assert_eq!(c.report.conclusions.lead.number, p);
    let numbers: Vec<String> = c
        .report
        .conclusions
        .recommendations
        .iter()
        .map(|r| r.number.to_string())
        .collect();
    assert_eq!(
        numbers,
        [format!("{p}.1"), format!("{p}.2"), format!("{p}.3")]
    );
    assert_eq!(c.report.proceedings[0].letter, "A");
}

#[test]
fn problems_say_what_is_dropped_missing_or_badly_worded() {
    let t = admit(
        facts("t1", &QUOTE, WitnessRole::Attorney),
        vec![excerpt("e1", "t1", false)],
    )
    .unwrap();
    let c = compile(&content(3), &[t]);
    assert!(
        c.problems.iter().any(
            |p| matches!(p, Problem::ExcerptDropped { excerpt_id, .. } if excerpt_id == "gone")
        )
    );
    assert!(
        c.problems
            .iter()
            .any(|p| matches!(p, Problem::NotVerbFirst { .. }))
    );
    let blocking: Vec<&Problem> = c.problems.iter().filter(|p| p.blocks()).collect();
    assert_eq!(
        blocking.len(),
        1,
        "only the recommendation left without evidence blocks: {blocking:?}"
    );
    assert!(
        compile(&content(0), &[]).is_blocked(),
        "a report needs a recommendation"
    );
}

#[test]
fn counts_of_witnesses_are_protected_and_sources_never_name_anyone() {
    let mut all = Vec::new();
    for i in 0..6 {
        all.push(
            admit(
                facts(&format!("a{i}"), &QUOTE, WitnessRole::Attorney),
                vec![],
            )
            .unwrap(),
        );
    }
    all.push(
        admit(
            facts("d1", &QUOTE, WitnessRole::DirectlyAffected),
            vec![excerpt("e1", "d1", false)],
        )
        .unwrap(),
    );
    let c = compile(&content(1), &all);
    let roles = &c.report.introduction.by_role;
    let count = |label: &str| {
        roles
            .iter()
            .find(|t| t.label == label)
            .unwrap()
            .count
            .to_string()
    };
    assert_eq!(count("Attorney or legal representative"), "6");
    assert_eq!(count("Directly affected person"), "fewer than 5");
    assert_eq!(c.report.introduction.testimonies.to_string(), "7");
    assert_eq!(c.used, ["d1"], "only cited testimony is used");
    let source = &c.report.sources[0].text;
    assert!(
        source.contains("T-d1")
            && source.contains("directly affected person")
            && source.contains("Spanish"),
        "{source}"
    );
    assert!(!source.contains("Rosa"));
    let quote = &c.report.proceedings[0].quotes[0];
    assert_eq!(quote.attribution, "a directly affected person");
    assert_eq!(quote.note, 1);
}
