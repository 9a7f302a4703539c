//! Editing a draft's theme sections (findings and chosen excerpts) and its
//! recommendations (text, tags, category, previous-cycle links, evidence, follow-up).

use chrono::NaiveDate;

use super::{Checked, Refusal, draft, record};
use crate::db::reports::parts::{self as p, RecommendationFields};
use crate::db::reports::{self as q, join_list};
use crate::db::{self, DbConn};
use crate::domain::audit::Action;
use crate::domain::ids::UserId;
use crate::domain::report::{
    ActionCategory, ImplementationStatus, Position, RecommendationNumber, suggest_category,
};
use crate::service::{ServiceError, transaction};

/// A theme section as an editor writes it.
#[derive(Clone, Debug, Default)]
pub struct SectionInput {
    pub title: String,
    pub theme_id: Option<String>,
    pub findings: String,
    pub excerpt_ids: Vec<String>,
}

/// The excerpts a version may cite: those of testimony in its hearings.
fn check_excerpts(
    conn: &mut DbConn,
    version_id: &str,
    ids: &[String],
    field: &'static str,
    out: &mut Vec<Refusal>,
) -> Result<(), ServiceError> {
    let hearings = q::hearing_ids(conn, version_id)?;
    for id in ids {
        let ok = match db::excerpts::find(conn, id)? {
            Some(e) => db::testimony::find(conn, &e.testimony_id)?
                .is_some_and(|t| hearings.iter().any(|h| h == t.hearing_id.as_str())),
            None => false,
        };
        if !ok {
            out.push(Refusal::new(
                field,
                "One of the chosen excerpts is not from the hearings this report covers; choose again.",
            ));
            break;
        }
    }
    Ok(())
}

fn check_section(
    conn: &mut DbConn,
    version_id: &str,
    input: &SectionInput,
) -> Result<Vec<Refusal>, ServiceError> {
    let mut out = Vec::new();
    let title = input.title.trim();
    if title.is_empty() {
        out.push(Refusal::new(
            "title",
            "Give the section a title, such as its theme.",
        ));
    } else if title.chars().count() > 200 {
        out.push(Refusal::new(
            "title",
            "Keep the title under 200 characters.",
        ));
    }
    if input.findings.chars().count() > 30_000 {
        out.push(Refusal::new(
            "findings",
            "The findings are longer than 30,000 characters; shorten them.",
        ));
    }
    if let Some(theme) = &input.theme_id
        && !db::hearings::all_themes(conn)?
            .iter()
            .any(|t| &t.id == theme)
    {
        out.push(Refusal::new(
            "theme_id",
            "Choose one of the themes, or none.",
        ));
    }
    check_excerpts(conn, version_id, &input.excerpt_ids, "excerpts", &mut out)?;
    Ok(out)
}

/// Add a section to a draft. Returns its id.
pub fn add_section(
    conn: &mut DbConn,
    by: &UserId,
    version_id: &str,
    input: &SectionInput,
) -> Checked<String> {
    transaction(conn, |conn| {
        if let Err(r) = draft(conn, version_id)? {
            return Ok(Err(r));
        }
        let refusals = check_section(conn, version_id, input)?;
        if !refusals.is_empty() {
            return Ok(Err(refusals));
        }
        let id = p::add_section(
            conn,
            version_id,
            input.title.trim(),
            input.theme_id.as_deref(),
            input.findings.trim(),
        )?;
        p::update_section(
            conn,
            &id,
            input.title.trim(),
            input.theme_id.as_deref(),
            input.findings.trim(),
            &input.excerpt_ids,
        )?;
        q::touch(conn, version_id)?;
        record(conn, by, Action::ReportEdited, version_id, "section added")?;
        Ok(Ok(id))
    })
}

/// Save a section of a draft.
pub fn save_section(
    conn: &mut DbConn,
    by: &UserId,
    section_id: &str,
    input: &SectionInput,
) -> Checked<()> {
    transaction(conn, |conn| {
        let s = p::find_section(conn, section_id)?.ok_or(ServiceError::NotFound)?;
        if let Err(r) = draft(conn, &s.version_id)? {
            return Ok(Err(r));
        }
        let refusals = check_section(conn, &s.version_id, input)?;
        if !refusals.is_empty() {
            return Ok(Err(refusals));
        }
        p::update_section(
            conn,
            section_id,
            input.title.trim(),
            input.theme_id.as_deref(),
            input.findings.trim(),
            &input.excerpt_ids,
        )?;
        q::touch(conn, &s.version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            &s.version_id,
            format!("section saved ({} excerpt(s))", input.excerpt_ids.len()),
        )?;
        Ok(Ok(()))
    })
}

pub fn delete_section(conn: &mut DbConn, by: &UserId, section_id: &str) -> Checked<String> {
    transaction(conn, |conn| {
        let s = p::find_section(conn, section_id)?.ok_or(ServiceError::NotFound)?;
        if let Err(r) = draft(conn, &s.version_id)? {
            return Ok(Err(r));
        }
        p::delete_section(conn, section_id)?;
        q::touch(conn, &s.version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            &s.version_id,
            "section removed",
        )?;
        Ok(Ok(s.version_id))
    })
}

/// A recommendation as an editor writes it.
#[derive(Clone, Debug, Default)]
pub struct RecommendationInput {
    pub text: String,
    pub addressees: Vec<String>,
    pub themes: Vec<String>,
    pub affected: Vec<String>,
    /// SDG targets, e.g. "10.7, 16.3".
    pub sdg_targets: String,
    /// "1" to "5", or empty for the category suggested by the leading verb.
    pub category: String,
    /// Previous cycle's recommendation ids, e.g. "26.123, 26.124".
    pub follows_up: String,
    pub excerpt_ids: Vec<String>,
    pub position: String,
    /// Empty when not assessed.
    pub implementation: String,
}

fn list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn check_recommendation(
    conn: &mut DbConn,
    version_id: &str,
    input: &RecommendationInput,
) -> Result<Result<RecommendationFields, Vec<Refusal>>, ServiceError> {
    let mut out = Vec::new();
    let text = input.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        out.push(Refusal::new(
            "text",
            "Write the recommendation, verb first: “Establish independent monitoring of ...”.",
        ));
    } else if text.chars().count() > 1500 {
        out.push(Refusal::new(
            "text",
            "Keep a recommendation to one sentence under 1,500 characters.",
        ));
    }
    let category = match input.category.trim() {
        "" => suggest_category(&text).unwrap_or(ActionCategory::General),
        c => match ActionCategory::parse(c) {
            Some(c) => c,
            None => {
                out.push(Refusal::new(
                    "category",
                    "Choose an action category from 1 to 5.",
                ));
                ActionCategory::General
            }
        },
    };
    let sdg = list(&input.sdg_targets);
    if sdg.iter().any(|t| !is_sdg_target(t)) {
        out.push(Refusal::new(
            "sdg_targets",
            "Write SDG targets as goal.target, such as 10.7 or 16.b, separated by commas.",
        ));
    }
    let follows = list(&input.follows_up);
    if follows
        .iter()
        .any(|f| RecommendationNumber::parse(f).is_none())
    {
        out.push(Refusal::new(
            "follows_up",
            "Write previous recommendations as their UN numbers, such as 26.123, separated by commas.",
        ));
    }
    let position = Position::parse(input.position.trim()).unwrap_or_default();
    let implementation = match input.implementation.trim() {
        "" => None,
        s => match ImplementationStatus::parse(s) {
            Some(s) => Some(s),
            None => {
                out.push(Refusal::new(
                    "implementation",
                    "Choose an implementation status.",
                ));
                None
            }
        },
    };
    if input.excerpt_ids.is_empty() {
        out.push(Refusal::new(
            "excerpts",
            "Choose at least one excerpt as evidence: every recommendation must cite testimony.",
        ));
    }
    check_excerpts(conn, version_id, &input.excerpt_ids, "excerpts", &mut out)?;
    if !out.is_empty() {
        return Ok(Err(out));
    }
    Ok(Ok(RecommendationFields {
        body: text,
        addressees: join_list(&input.addressees),
        themes: join_list(&input.themes),
        affected: join_list(&input.affected),
        sdg_targets: join_list(&sdg),
        category: i32::from(category.number()),
        follows_up: join_list(&follows),
        state_position: position.code().to_string(),
        implementation: implementation.map(|s| s.code().to_string()),
    }))
}

/// "10.7", "16.b": goal 1–17, then a number or a letter.
fn is_sdg_target(t: &str) -> bool {
    let Some((goal, target)) = t.split_once('.') else {
        return false;
    };
    let goal_ok = goal.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g));
    let target_ok = !target.is_empty()
        && target.len() <= 2
        && (target.chars().all(|c| c.is_ascii_digit())
            || (target.len() == 1 && target.chars().all(|c| c.is_ascii_lowercase())));
    goal_ok && target_ok
}

/// Add a recommendation to a draft. Returns its id.
pub fn add_recommendation(
    conn: &mut DbConn,
    by: &UserId,
    version_id: &str,
    input: &RecommendationInput,
) -> Checked<String> {
    transaction(conn, |conn| {
        if let Err(r) = draft(conn, version_id)? {
            return Ok(Err(r));
        }
        let fields = match check_recommendation(conn, version_id, input)? {
            Ok(f) => f,
            Err(r) => return Ok(Err(r)),
        };
        let id = p::add_recommendation(conn, version_id, &fields, &input.excerpt_ids)?;
        q::touch(conn, version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            version_id,
            format!(
                "recommendation added ({} excerpt(s))",
                input.excerpt_ids.len()
            ),
        )?;
        Ok(Ok(id))
    })
}

/// Save a recommendation of a draft.
pub fn save_recommendation(
    conn: &mut DbConn,
    by: &UserId,
    id: &str,
    input: &RecommendationInput,
) -> Checked<()> {
    transaction(conn, |conn| {
        let r = p::find_recommendation(conn, id)?.ok_or(ServiceError::NotFound)?;
        if let Err(refusal) = draft(conn, &r.version_id)? {
            return Ok(Err(refusal));
        }
        let fields = match check_recommendation(conn, &r.version_id, input)? {
            Ok(f) => f,
            Err(r) => return Ok(Err(r)),
        };
        p::update_recommendation(conn, id, &fields, &input.excerpt_ids)?;
        q::touch(conn, &r.version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            &r.version_id,
            "recommendation saved",
        )?;
        Ok(Ok(()))
    })
}

pub fn delete_recommendation(conn: &mut DbConn, by: &UserId, id: &str) -> Checked<String> {
    transaction(conn, |conn| {
        let r = p::find_recommendation(conn, id)?.ok_or(ServiceError::NotFound)?;
        if let Err(refusal) = draft(conn, &r.version_id)? {
            return Ok(Err(refusal));
        }
        p::delete_recommendation(conn, id)?;
        q::touch(conn, &r.version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            &r.version_id,
            "recommendation removed",
        )?;
        Ok(Ok(r.version_id))
    })
}

/// Add a dated follow-up note to a recommendation of a draft (follow-up after
/// publication is recorded in a new version).
pub fn add_note(
    conn: &mut DbConn,
    by: &UserId,
    id: &str,
    on: Option<NaiveDate>,
    text: &str,
) -> Checked<()> {
    transaction(conn, |conn| {
        let r = p::find_recommendation(conn, id)?.ok_or(ServiceError::NotFound)?;
        if let Err(refusal) = draft(conn, &r.version_id)? {
            return Ok(Err(refusal));
        }
        let mut out = Vec::new();
        let text = text.trim();
        if on.is_none() {
            out.push(Refusal::new(
                "noted_on",
                "Give the date of the note as YYYY-MM-DD.",
            ));
        }
        if text.is_empty() {
            out.push(Refusal::new("note", "Write what happened."));
        } else if text.chars().count() > 2000 {
            out.push(Refusal::new("note", "Keep a note under 2,000 characters."));
        }
        let Some(on) = on.filter(|_| out.is_empty()) else {
            return Ok(Err(out));
        };
        p::add_note(conn, id, on, text, Some(by.as_str()))?;
        q::touch(conn, &r.version_id)?;
        record(
            conn,
            by,
            Action::ReportEdited,
            &r.version_id,
            "follow-up note added",
        )?;
        Ok(Ok(()))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sdg_targets() {
        for ok in ["10.7", "16.3", "16.b", "1.1", "17.19"] {
            assert!(super::is_sdg_target(ok), "{ok}");
        }
        for bad in ["18.1", "0.1", "10", "10.", ".7", "10.777", "ten.7", "16.B"] {
            assert!(!super::is_sdg_target(bad), "{bad}");
        }
    }
}
