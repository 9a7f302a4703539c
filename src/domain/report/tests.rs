//! The report rules, on tables of examples.

use super::*;
use ActionCategory::*;

/// Every verb of the UPR Info table, in a recommendation shaped like the UN's.
#[rustfmt::skip]
const VERBS: &[(&str, &str, ActionCategory)] = &[
    ("call on", "Call on all States to share data on deportations (Coalition X);", Minimal),
    ("call upon", "Call upon Congress to fund legal representation;", Minimal),
    ("seek", "Seek technical assistance from OHCHR on detention standards;", Minimal),
    ("share", "Share good practices on alternatives to detention;", Minimal),
    ("request", "Request assistance from UNHCR to train asylum officers;", Minimal),
    ("continue", "Continue its efforts to reduce the backlog of asylum cases;", Continuing),
    ("maintain", "Maintain the moratorium on family detention;", Continuing),
    ("persevere", "Persevere in efforts to combat trafficking;", Continuing),
    ("pursue", "Pursue the reform of the immigration courts;", Continuing),
    ("consider", "Consider ratifying the Convention on Migrant Workers (Mexico);", Considering),
    ("explore", "Explore alternatives to the detention of asylum seekers;", Considering),
    ("envisage", "Envisage the closure of private detention facilities;", Considering),
    ("reflect upon", "Reflect upon the effects of expedited removal;", Considering),
    ("review", "Review the use of solitary confinement in immigration detention;", Considering),
    ("study", "Study the causes of deaths in custody;", Considering),
    ("analyse", "Analyse the impact of metering at ports of entry;", Considering),
    ("analyze", "Analyze the impact of metering at ports of entry;", Considering),
    ("accelerate", "Accelerate the reunification of separated families;", General),
    ("address", "Address racial discrimination in immigration enforcement;", General),
    ("encourage", "Encourage states to end cooperation agreements with ICE;", General),
    ("engage", "Engage with civil society in monitoring detention;", General),
    ("ensure", "Ensure access to counsel for every detained person;", General),
    ("guarantee", "Guarantee language access in immigration courts;", General),
    ("intensify", "Intensify efforts to prevent deaths at the border;", General),
    ("promote", "Promote community-based alternatives to detention;", General),
    ("strengthen", "Strengthen oversight of Customs and Border Protection;", General),
    ("take measures", "Take measures to end the detention of children for immigration purposes (Mexico);", General),
    ("abolish", "Abolish the death penalty (Uruguay);", Specific),
    ("accede", "Accede to the Optional Protocol to the Convention against Torture;", Specific),
    ("adopt", "Adopt a law prohibiting the detention of children;", Specific),
    ("amend", "Amend the Immigration and Nationality Act to restore judicial discretion;", Specific),
    ("conduct", "Conduct independent inspections of all detention facilities;", Specific),
    ("develop", "Develop a national action plan against racial discrimination;", Specific),
    ("establish", "Establish independent monitoring of all immigration detention facilities;", Specific),
    ("implement", "Implement the recommendations of the Special Rapporteur;", Specific),
    ("investigate", "Investigate all deaths in immigration custody;", Specific),
    ("ratify", "Ratify the Convention on the Rights of the Child (Uruguay);", Specific),
    ("repeal", "Repeal the bar on asylum after one year;", Specific),
    ("undertake", "Undertake a review of detention standards by 2027;", Specific),
];

#[test]
fn every_verb_of_the_table_suggests_its_category() {
    for (verb, text, expected) in VERBS {
        assert_eq!(suggest_category(text), Some(*expected), "{verb}: {text}");
        assert!(starts_with_verb(text), "{verb}: {text}");
    }
}

#[test]
fn the_test_table_covers_the_whole_verb_table() {
    for entry in VERB_TABLE {
        let verb = entry.words.join(" ");
        let row = VERBS.iter().find(|(v, _, _)| *v == verb);
        assert_eq!(row.map(|r| r.2), Some(entry.category), "{verb}");
    }
    assert_eq!(VERBS.len(), VERB_TABLE.len());
}

/// The table's rows as UPR Info lists them (with the two spelling variants).
#[test]
fn categories_in_the_table_match_upr_info() {
    let of = |c: ActionCategory| -> String {
        let verbs: Vec<String> = VERB_TABLE
            .iter()
            .filter(|e| e.category == c)
            .map(|e| e.words.join(" "))
            .collect();
        verbs.join(", ")
    };
    assert_eq!(of(Minimal), "call on, call upon, seek, share, request");
    assert_eq!(of(Continuing), "continue, maintain, persevere, pursue");
    assert_eq!(
        of(Considering),
        "consider, explore, envisage, reflect upon, review, study, analyse, analyze"
    );
    assert_eq!(
        of(General),
        "accelerate, address, encourage, engage, ensure, guarantee, intensify, promote, \
         strengthen, take measures"
    );
    assert_eq!(
        of(Specific),
        "abolish, accede, adopt, amend, conduct, develop, establish, implement, \
         investigate, ratify, repeal, undertake"
    );
}

#[test]
fn lead_ins_case_and_numbering_are_looked_past() {
    let cases: &[(&str, ActionCategory)] = &[
        ("RATIFY the Convention", Specific),
        ("   \n\tratify the Convention", Specific),
        (
            "That the State ratify the Convention on the Rights of the Child",
            Specific,
        ),
        (
            "that the state under review establish a moratorium",
            Specific,
        ),
        (
            "That the State under review take all necessary measures",
            General,
        ),
        ("The United States should ratify the Convention", Specific),
        (
            "The United States should continue to fund legal aid",
            Continuing,
        ),
        ("The Government must, by 2027, adopt a law", Specific),
        ("The State ought to review its policy", Considering),
        (
            "The State is encouraged to consider alternatives",
            Considering,
        ),
        (
            "The State is strongly urged to abolish the death penalty",
            Specific,
        ),
        (
            "It is recommended that the Department of Homeland Security establish a register",
            Specific,
        ),
        (
            "We recommend that Congress repeal the one-year bar",
            Specific,
        ),
        (
            "That the Executive Office for Immigration Review establish a right to counsel",
            Specific,
        ),
        (
            "That the Department of Justice promptly investigate deaths in custody",
            Specific,
        ),
        ("Congress should urgently amend the law", Specific),
        ("95.1 Ratify the Convention (Uruguay);", Specific),
        ("(a) Ensure access to counsel", General),
        ("- Ensure access to counsel", General),
        (
            "By March 2027, establish independent monitoring (Coalition X);",
            Specific,
        ),
        ("Within two years, repeal the law", Specific),
        (
            "In consultation with civil society, develop a plan",
            Specific,
        ),
        ("Urgently ratify the Convention", Specific),
        ("Further strengthen oversight", General),
        (
            "Take all necessary measures to end family separation",
            General,
        ),
        ("Take effective measures", General),
        ("Continue to strengthen oversight", Continuing),
        ("\"Ratify\" the Convention", Specific),
    ];
    for (text, expected) in cases {
        assert_eq!(suggest_category(text), Some(*expected), "{text}");
    }
}

#[test]
fn no_category_without_a_verb_of_the_table() {
    let cases = [
        "",
        "   ",
        "(Mexico);",
        "95.1",
        "Children are detained at the border.",
        "The State detains children.",
        "Immigration detention must end.",
        "The State should end family detention.",
        "End family detention (Coalition X);",
        "Take steps to end family detention;",
        "Take note of the concerns of witnesses;",
        "Call for a moratorium on deportations;",
        "Reflect the views of witnesses;",
        "Adopted a law in 2020.",
        "Reviewing the law is needed.",
        "Ratification of the Convention",
        "Endorse the declaration",
        "The State should not adopt the bill.",
        "The State should never detain children.",
        "Recommendations follow below.",
        "Ratifier la Convention relative aux droits de l'enfant",
    ];
    for text in cases {
        assert_eq!(suggest_category(text), None, "{text}");
    }
}

#[test]
fn verb_first_warning() {
    let verb_first = [
        "Ratify the Convention on the Rights of the Child (Uruguay);",
        "Take measures to end the detention of children (Mexico);",
        "By March 2027, establish independent monitoring (Coalition X);",
        "End the detention of children;",
        "Reunite every separated family within 90 days;",
        "Halt deportations to countries at war;",
        "Stop the use of solitary confinement;",
        "Close the detention centre at Dilley;",
        "Restore access to asylum at ports of entry;",
        "Release all children from immigration detention;",
        "Guarantee access to counsel;",
        "Immediately release all detained children;",
        "provide interpreters in every hearing;",
        "  95.2 Protect human rights defenders;",
        "Comply with the principle of non-refoulement;",
    ];
    for text in verb_first {
        assert!(starts_with_verb(text), "{text}");
    }
    let not_verb_first = [
        "",
        "  ",
        "The United States should ratify the Convention;",
        "That the State ratify the Convention;",
        "Children must not be detained;",
        "Family separation must end;",
        "Immigration detention of children;",
        "We recommend that the State end family detention;",
        "Detention conditions are poor;",
        "By March 2027 the State should establish monitoring;",
    ];
    for text in not_verb_first {
        assert!(!starts_with_verb(text), "{text}");
    }
}

#[test]
fn action_category_codes_and_labels() {
    for c in ActionCategory::ALL {
        assert_eq!(ActionCategory::parse(c.code()), Some(c));
        assert_eq!(ActionCategory::from_number(c.number()), Some(c));
        assert_eq!(c.code(), c.number().to_string());
    }
    assert_eq!(ActionCategory::parse(" 5 "), Some(Specific));
    assert_eq!(Specific.label(), "Specific action");
    assert_eq!(Minimal.to_string(), "Minimal action");
    assert_eq!(Considering.label(), "Considering action");
    for bad in ["0", "6", "", "five", "5.0", "-1"] {
        assert_eq!(ActionCategory::parse(bad), None, "{bad}");
    }
    assert_eq!(ActionCategory::from_number(0), None);
    assert_eq!(ActionCategory::from_number(6), None);
    assert!(Minimal < Specific);
}

fn realistic() -> Numbering {
    Numbering::number(&[
        SectionSpec::Paragraphs(3),
        SectionSpec::Paragraphs(4),
        SectionSpec::Paragraphs(2),
        SectionSpec::Recommendations(5),
    ])
    .unwrap()
}

#[test]
fn paragraphs_run_through_the_report_and_recommendations_are_sub_items() {
    let n = realistic();
    assert_eq!(
        n.section(0).unwrap().numbers().collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(
        n.section(1).unwrap().numbers().collect::<Vec<_>>(),
        [4, 5, 6, 7]
    );
    assert_eq!(n.section(2).unwrap().numbers().collect::<Vec<_>>(), [8, 9]);
    assert_eq!(n.section(3).unwrap().numbers().collect::<Vec<_>>(), [10]);
    assert_eq!(n.section(4), None);
    assert_eq!(n.paragraph(1, 0), Some(4));
    assert_eq!(n.paragraph(2, 1), Some(9));
    assert_eq!(n.paragraph(2, 2), None);
    assert_eq!(n.paragraph_count(), 10);
    assert_eq!(n.conclusions_paragraph(), Some(10));
    let shown: Vec<String> = n.recommendations().map(|r| r.to_string()).collect();
    assert_eq!(shown, ["10.1", "10.2", "10.3", "10.4", "10.5"]);
    assert_eq!(n.recommendation(2).unwrap().to_string(), "10.3");
    assert_eq!(n.recommendation(5), None);
}

#[test]
fn recommendation_numbers_depend_on_the_paragraphs_before_them() {
    // A long report, as the Working Group's: 94 paragraphs, then the conclusions.
    let n = Numbering::number(&[
        SectionSpec::Paragraphs(4),
        SectionSpec::Paragraphs(90),
        SectionSpec::Recommendations(343),
        SectionSpec::Paragraphs(2),
    ])
    .unwrap();
    assert_eq!(n.recommendation(0).unwrap().to_string(), "95.1");
    assert_eq!(n.recommendation(342).unwrap().to_string(), "95.343");
    assert_eq!(n.recommendations().count(), 343);
    assert_eq!(
        n.section(3).unwrap().numbers().collect::<Vec<_>>(),
        [96, 97]
    );
    assert_eq!(n.paragraph_count(), 97);
}

#[test]
fn numbering_edge_cases() {
    let empty = Numbering::number(&[]).unwrap();
    assert_eq!(empty.paragraph_count(), 0);
    assert_eq!(empty.conclusions_paragraph(), None);
    assert_eq!(empty.recommendations().count(), 0);
    assert_eq!(empty.recommendation(0), None);

    let n = Numbering::number(&[
        SectionSpec::Paragraphs(2),
        SectionSpec::Paragraphs(0),
        SectionSpec::Recommendations(0),
        SectionSpec::Paragraphs(1),
    ])
    .unwrap();
    assert_eq!(n.section(1).unwrap().numbers().count(), 0);
    assert_eq!(n.conclusions_paragraph(), Some(3));
    assert_eq!(n.recommendations().count(), 0);
    assert_eq!(n.paragraph(3, 0), Some(4));

    assert_eq!(
        Numbering::number(&[
            SectionSpec::Recommendations(2),
            SectionSpec::Recommendations(1)
        ]),
        Err(NumberingError::SeveralRecommendationParagraphs)
    );
    assert_eq!(
        Numbering::number(&[
            SectionSpec::Paragraphs(u32::MAX),
            SectionSpec::Paragraphs(1)
        ]),
        Err(NumberingError::TooLong)
    );
}

#[test]
fn recommendation_numbers_parse() {
    let r = RecommendationNumber::parse("95.3").unwrap();
    assert_eq!((r.paragraph, r.item), (95, 3));
    assert_eq!(
        RecommendationNumber::parse(" 26.123 ").unwrap().to_string(),
        "26.123"
    );
    for bad in [
        "", "95", "95.", ".3", "95.3.1", "0.1", "95.0", "a.b", "-1.2", "95,3", "+1.2",
    ] {
        assert_eq!(RecommendationNumber::parse(bad), None, "{bad}");
    }
    assert!(
        RecommendationNumber::parse("10.2").unwrap()
            < RecommendationNumber::parse("10.10").unwrap()
    );
}

#[test]
fn words_are_counted_as_a_word_processor_counts_them() {
    assert_eq!(word_count(""), 0);
    assert_eq!(word_count("   \n\t "), 0);
    assert_eq!(word_count("Ratify the Convention."), 3);
    assert_eq!(word_count("Ratify,   the\n\nConvention ;"), 3);
    assert_eq!(word_count("End detention — now."), 3);
    assert_eq!(word_count("A well-known, long-standing practice"), 4);
    assert_eq!(
        word_count("In 2015, 343 recommendations; 2,815 words; 48% acted"),
        8
    );
    assert_eq!(word_count("the U.S. and A/HRC/30/12"), 4);
    assert_eq!(word_count("• first point\n- second point"), 4);
    assert_eq!(word_count("it's the witness's account"), 4);
    assert_eq!(word_count("\"quoted\" (in brackets)"), 3);
}

#[test]
fn words_in_other_languages() {
    assert_eq!(word_count("Los niños no deben ser detenidos."), 6);
    assert_eq!(word_count("L'enfant a été séparé de sa famille"), 7);
    assert_eq!(word_count("Дети не должны содержаться под стражей"), 6);
    assert_eq!(word_count("يجب عدم احتجاز الأطفال"), 4);
    assert_eq!(word_count("Kinder dürfen nicht inhaftiert werden"), 5);
    assert_eq!(word_count("移民拘留"), 4);
    assert_eq!(word_count("子どもの拘禁"), 6);
    assert_eq!(word_count("CO2排放"), 3);
    assert_eq!(word_count("아이들은 구금되어서는 안 된다"), 4);
}

#[test]
fn word_limits() {
    assert_eq!(WordLimit::SingleOrganisation.words(), 2_815);
    assert_eq!(WordLimit::Joint.words(), 5_630);
    assert_eq!(WordLimit::for_submitters(1), WordLimit::SingleOrganisation);
    assert_eq!(WordLimit::for_submitters(0), WordLimit::SingleOrganisation);
    assert_eq!(WordLimit::for_submitters(2), WordLimit::Joint);
    assert_eq!(WordLimit::for_submitters(12), WordLimit::Joint);

    let single = WordLimit::SingleOrganisation;
    assert_eq!(single.check(0), WordCheck::Within { remaining: 2_815 });
    assert_eq!(single.check(2_800), WordCheck::Within { remaining: 15 });
    assert_eq!(single.check(2_815), WordCheck::Within { remaining: 0 });
    assert_eq!(single.check(2_816), WordCheck::Over { by: 1 });
    assert_eq!(single.check(3_000), WordCheck::Over { by: 185 });
    assert_eq!(
        WordLimit::Joint.check(3_000),
        WordCheck::Within { remaining: 2_630 }
    );
    assert_eq!(WordLimit::Joint.check(5_631), WordCheck::Over { by: 1 });

    let body = "Ensure access to counsel. ".repeat(704); // 4 words × 704 = 2,816
    assert_eq!(single.check(word_count(&body)), WordCheck::Over { by: 1 });
}

#[test]
fn small_cells_are_suppressed() {
    assert_eq!(suppress(0).to_string(), "0");
    assert_eq!(suppress(0).exact(), Some(0));
    assert!(!suppress(0).is_suppressed());
    for n in 1..=4 {
        assert_eq!(suppress(n).to_string(), "fewer than 5", "{n}");
        assert_eq!(suppress(n).exact(), None);
        assert!(suppress(n).is_suppressed());
    }
    assert_eq!(suppress(1), suppress(4));
    assert_eq!(suppress(5).to_string(), "5");
    assert_eq!(suppress(5).exact(), Some(5));
    assert_eq!(suppress(6).to_string(), "6");
    assert_eq!(suppress(10_000).to_string(), "10000");
    assert!(!suppress(u64::MAX).is_suppressed());
}

#[test]
fn positions() {
    for p in Position::ALL {
        assert_eq!(Position::parse(p.code()), Some(p));
    }
    assert_eq!(Position::default(), Position::NoResponse);
    let labels: Vec<&str> = Position::ALL.iter().map(|p| p.label()).collect();
    assert_eq!(
        labels,
        ["Supported", "Supported in part", "Noted", "No response"]
    );
    assert_eq!(Position::SupportedInPart.to_string(), "Supported in part");
    for bad in ["", "Supported", "accepted", "rejected", "supported in part"] {
        assert_eq!(Position::parse(bad), None, "{bad}");
    }
}

#[test]
fn implementation_statuses() {
    for s in ImplementationStatus::ALL {
        assert_eq!(ImplementationStatus::parse(s.code()), Some(s));
    }
    let labels: Vec<&str> = ImplementationStatus::ALL
        .iter()
        .map(|s| s.label())
        .collect();
    assert_eq!(
        labels,
        [
            "Not implemented",
            "Partially implemented",
            "Fully implemented"
        ]
    );
    assert_eq!(ImplementationStatus::parse("partial"), None);
    assert_eq!(ImplementationStatus::parse(""), None);
}

#[test]
fn matrix_columns_follow_the_ohchr_matrix() {
    assert_eq!(
        MATRIX_COLUMNS.join(", "),
        "number, recommendation, recommending party, position, themes, affected persons, \
         SDG targets, action category, assessment of implementation"
    );
}
