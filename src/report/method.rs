//! What a compiled report says in its own words: who recommends, the lead-in to the
//! conclusions when the editors wrote none, and the introduction's paragraphs on how the
//! testimony was gathered and used, all computed from the data.

use super::compile::{ReportContent, paragraphs, tally};
use super::model::*;
use super::projection::PublishableTestimony;
use crate::domain::report::suppress;

pub(super) fn recommending_party(submitters: &[Submitter]) -> String {
    let names: Vec<&str> = submitters
        .iter()
        .map(|s| {
            if s.short_code.trim().is_empty() {
                s.name.as_str()
            } else {
                s.short_code.as_str()
            }
        })
        .collect();
    if names.is_empty() {
        "People's UPR".to_string()
    } else {
        names.join(", ")
    }
}

pub(super) fn conclusions_lead(content: &ReportContent, party: &str) -> String {
    let text = paragraphs(&content.conclusions).join(" ");
    if !text.is_empty() {
        return text;
    }
    format!(
        "The following recommendations were formulated by {party} on the basis of the testimony received, and are addressed to the authorities of the {}:",
        if content.state_under_review.is_empty() {
            "State under review"
        } else {
            &content.state_under_review
        }
    )
}

/// The introduction's first paragraphs, computed from the data.
pub(super) fn method_paragraphs(
    content: &ReportContent,
    testimony: &[PublishableTestimony],
) -> Vec<String> {
    let mut out = Vec::new();
    let hearings = &content.hearings;
    let n = suppress(testimony.len() as u64);
    let what = if n.exact() == Some(1) {
        "testimony"
    } else {
        "testimonies"
    };
    let when = match (
        hearings.iter().map(|h| h.starts_on).min(),
        hearings
            .iter()
            .map(|h| h.ends_on.unwrap_or(h.starts_on))
            .max(),
    ) {
        (Some(a), Some(b)) if a == b => format!(" on {}", a.format("%-d %B %Y")),
        (Some(a), Some(b)) => format!(
            " between {} and {}",
            a.format("%-d %B %Y"),
            b.format("%-d %B %Y")
        ),
        _ => String::new(),
    };
    let places: Vec<&str> = hearings.iter().map(|h| h.place.as_str()).collect();
    out.push(format!(
        "This report draws on {n} {what} given at {} {}{when}{}.",
        hearings.len(),
        if hearings.len() == 1 {
            "hearing"
        } else {
            "hearings"
        },
        if places.is_empty() {
            String::new()
        } else {
            format!(" ({})", places.join("; "))
        }
    ));
    let roles = tally(testimony.iter().map(|t| t.role().label().to_lowercase()));
    if !roles.is_empty() {
        let list: Vec<String> = roles
            .iter()
            .map(|r| format!("{} ({})", r.label, r.count))
            .collect();
        out.push(format!("Witnesses spoke as: {}.", list.join(", ")));
    }
    out.push(format!(
        "Only testimony that its witness consented to see used in a report, and that editors reviewed and redacted, is used. Names and identifying details are withheld unless the witness asked to be named. Counts from 1 to 4 are shown as “fewer than {}”, so that no figure points at a person.",
        crate::domain::report::SMALL_CELL_THRESHOLD
    ));
    out
}
