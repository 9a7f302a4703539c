//! The demo's report: one report over every hearing, a section per leading theme
//! quoting excerpts, recommendations (verb first, across the action categories) citing
//! excerpts, finalised and published by the granted editor, leak scan included.

use std::collections::BTreeMap;

use super::{DemoError, DemoSummary};
use crate::db::DbConn;
use crate::report::projection::PublishableTestimony;
use crate::service::reports::{
    self as svc, DetailsInput,
    content::publishable,
    parts::{RecommendationInput, SectionInput},
    publish::{self, NotPublished},
};

/// What the report step made.
pub struct ReportMade {
    pub report_id: String,
    pub version_id: String,
    pub recommendations: usize,
    /// Why it was not published, if it was not (the leak scan's findings).
    pub not_published: Option<String>,
}

/// Recommendations to draw from, verb first.
const RECOMMENDATIONS: [(&str, &[&str]); 12] = [
    (
        "End the detention of children for immigration purposes",
        &["Congress", "Department of Homeland Security"],
    ),
    (
        "Establish independent monitoring of all immigration detention facilities",
        &["Department of Homeland Security"],
    ),
    (
        "Guarantee access to counsel for every person in removal proceedings",
        &["Executive Office for Immigration Review"],
    ),
    (
        "Adopt binding standards on medical care in detention, with public inspection reports",
        &["Immigration and Customs Enforcement"],
    ),
    (
        "Investigate every death in immigration custody and publish the findings",
        &["Department of Justice"],
    ),
    (
        "Ensure interpretation in the language each person understands at every stage",
        &[
            "Executive Office for Immigration Review",
            "Customs and Border Protection",
        ],
    ),
    (
        "Consider alternatives to detention run by community organisations",
        &["Immigration and Customs Enforcement"],
    ),
    (
        "Continue and expand family reunification programmes",
        &["Department of Health and Human Services"],
    ),
    (
        "Ratify the Convention on the Rights of the Child",
        &["Congress"],
    ),
    (
        "Repeal policies that return asylum seekers to danger at the border",
        &[
            "Department of Homeland Security",
            "Customs and Border Protection",
        ],
    ),
    (
        "Publish monthly data on detention, deaths and use of force, broken down by age and nationality",
        &["Immigration and Customs Enforcement"],
    ),
    (
        "Request technical assistance from OHCHR on border governance",
        &["Department of Homeland Security"],
    ),
];

fn refused(what: &str, r: Vec<svc::Refusal>) -> DemoError {
    DemoError::Refused(format!(
        "{what}: {}",
        r.into_iter()
            .map(|r| r.message)
            .collect::<Vec<_>>()
            .join(" ")
    ))
}

/// Make, finalise and publish the demo report with `count` recommendations.
pub fn make(
    conn: &mut DbConn,
    summary: &DemoSummary,
    count: usize,
) -> Result<ReportMade, DemoError> {
    let by = &summary.editor;
    let hearings: Vec<String> = summary
        .hearings
        .iter()
        .map(|h| h.as_str().to_string())
        .collect();
    let version_id = svc::create(
        conn,
        by,
        "People's UPR of the United States: immigration",
        &hearings,
    )?
    .map_err(|r| refused("starting the report", r))?;
    let details = DetailsInput {
        title: "People's UPR of the United States: immigration".into(),
        cycle: "Fourth cycle (2025)".into(),
        contact_name: "Report desk".into(),
        contact_email: "report@peoples-upr.example".into(),
        keywords: "immigration detention, asylum, due process, children".into(),
        introduction: "Hearings were held in six places in 2026, in English, Spanish, French and Haitian Creole. Witnesses chose what could be used and what had to be withheld.".into(),
        hearing_ids: hearings.clone(),
        ..DetailsInput::default()
    };
    svc::save_details(conn, by, &version_id, &details)?
        .map_err(|r| refused("the report's details", r))?;
    let testimony = publishable(conn, &hearings, None)?;
    let quotable: Vec<&PublishableTestimony> = testimony
        .iter()
        .filter(|t| !t.excerpts().is_empty())
        .collect();
    let mut by_theme: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for t in &quotable {
        if let Some(theme) = t.themes().first() {
            by_theme
                .entry(theme.as_str())
                .or_default()
                .extend(t.excerpts().iter().map(|e| e.id.clone()));
        }
    }
    let mut themes: Vec<(&str, Vec<String>)> = by_theme.into_iter().collect();
    themes.sort_by_key(|(_, e)| std::cmp::Reverse(e.len()));
    for (theme, excerpts) in themes.iter().take(4) {
        let input = SectionInput {
            title: theme.to_string(),
            theme_id: None,
            findings: format!(
                "Witnesses at the hearings described {}. Their accounts are consistent across places and languages.\n\nThe excerpts below are quoted with each witness's consent, with names and identifying details withheld unless the witness asked to be named.",
                theme.to_lowercase()
            ),
            excerpt_ids: excerpts.iter().take(3).cloned().collect(),
        };
        svc::parts::add_section(conn, by, &version_id, &input)?
            .map_err(|r| refused("a section", r))?;
    }
    let all: Vec<String> = quotable
        .iter()
        .flat_map(|t| t.excerpts().iter().map(|e| e.id.clone()))
        .collect();
    if all.is_empty() {
        return Ok(ReportMade {
            report_id: String::new(),
            version_id,
            recommendations: 0,
            not_published: Some(
                "no approved testimony allows quotation yet, and every recommendation must cite an excerpt. Run the demo with more --testimonies".into(),
            ),
        });
    }
    for i in 0..count {
        let (text, addressees) = RECOMMENDATIONS[i % RECOMMENDATIONS.len()];
        let text = if i < RECOMMENDATIONS.len() {
            text.to_string()
        } else {
            format!("{text} (cluster {})", i / RECOMMENDATIONS.len() + 1)
        };
        let input = RecommendationInput {
            text,
            addressees: addressees.iter().map(|a| a.to_string()).collect(),
            themes: themes.iter().take(1).map(|(t, _)| t.to_string()).collect(),
            sdg_targets: "10.7, 16.3".into(),
            follows_up: if i % 3 == 0 {
                format!("26.{}", 100 + i)
            } else {
                String::new()
            },
            excerpt_ids: (0..1 + i % 3)
                .map(|k| all[(i * 3 + k) % all.len()].clone())
                .collect(),
            position: "no_response".into(),
            ..RecommendationInput::default()
        };
        svc::parts::add_recommendation(conn, by, &version_id, &input)?
            .map_err(|r| refused("a recommendation", r))?;
    }
    svc::finalise(conn, by, &version_id)?.map_err(|r| refused("finalising", r))?;
    let report_id = crate::db::reports::find_version(conn, &version_id)?
        .map(|v| v.report_id)
        .unwrap_or_default();
    let not_published = match publish::publish(conn, &summary.org, by, &version_id)? {
        Ok(()) => None,
        Err(NotPublished::Leaks(hits)) => Some(
            hits.iter()
                .map(|h| h.message())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Err(NotPublished::Refused(r)) => Some(
            r.into_iter()
                .map(|r| r.message)
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    Ok(ReportMade {
        report_id,
        version_id,
        recommendations: count,
        not_published,
    })
}
