//! What the redaction pages show: the text with withheld stretches, the suggestions and
//! applied marks, the versions and the history (words only for a granted viewer).

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDateTime;

use super::{APPLIED, SUGGESTED, applied, ensure_started, open_text};
use crate::crypto::keys::OrgSecretKey;
use crate::db::{self, DbConn};
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::text::{Redaction, RedactionCategory, RedactionTarget, find_folded};
use crate::service::ServiceError;

/// One mark as the pages show it. `words` only for a granted viewer.
#[derive(Clone, Debug)]
pub struct MarkView {
    pub id: String,
    pub category: RedactionCategory,
    pub origin: String,
    pub state: String,
    /// "every occurrence" (a term) or "one passage" (a span).
    pub reach: &'static str,
    pub words: Option<String>,
    pub added_by: Option<String>,
    pub added_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

/// One saved version as the pages show it.
#[derive(Clone, Debug)]
pub struct VersionView {
    pub version: i32,
    pub by: Option<String>,
    pub at: String,
    pub changes: String,
}

/// A stretch of the text being redacted, and the category withholding it, if any.
#[derive(Clone, Debug)]
pub struct Segment {
    pub text: String,
    pub category: Option<RedactionCategory>,
}

/// What every viewer of a text's redaction may see: the current redacted text, the
/// versions, and the marks (without words unless the viewer is granted).
#[derive(Clone, Debug)]
pub struct History {
    pub current: Option<String>,
    pub versions: Vec<VersionView>,
    pub marks: Vec<MarkView>,
}

/// What a granted editor works with.
pub struct Workspace {
    /// The text with the applied redactions highlighted.
    pub segments: Vec<Segment>,
    pub suggestions: Vec<MarkView>,
    pub applied: Vec<MarkView>,
    pub history: History,
}

fn when(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

struct Names(HashMap<String, Option<String>>);

impl Names {
    fn of(&mut self, conn: &mut DbConn, id: Option<&str>) -> Result<Option<String>, ServiceError> {
        let Some(id) = id else { return Ok(None) };
        if let Some(n) = self.0.get(id) {
            return Ok(n.clone());
        }
        let name = db::users::find(conn, id)?.map(|u| u.display_name);
        self.0.insert(id.to_string(), name.clone());
        Ok(name)
    }
}

/// The history of a text's redaction. With `org`, marks show their words.
pub fn history(
    conn: &mut DbConn,
    org: Option<&OrgSecretKey>,
    id: &TestimonyId,
    text_id: &str,
) -> Result<History, ServiceError> {
    db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    let original_words = match org {
        Some(org) => open_text(conn, org, id, text_id)?.map(|o| o.text.reveal().to_string()),
        None => None,
    };
    let mut names = Names(HashMap::new());
    let mut versions = Vec::new();
    for v in db::redaction::versions(conn, id.as_str(), text_id)? {
        versions.push(VersionView {
            version: v.version,
            by: names.of(conn, v.created_by.as_deref())?,
            at: when(v.created_at),
            changes: v.changes,
        });
    }
    let mut marks = Vec::new();
    for m in db::redaction::marks(conn, id.as_str(), text_id)? {
        let words = match (org, &m.sealed_term, m.span_start, m.span_end) {
            (Some(org), Some(sealed), _, _) => Some(org.open_str(sealed)?),
            (Some(_), None, Some(s), Some(e)) => original_words
                .as_deref()
                .and_then(|t| t.get(s.max(0) as usize..e.max(0) as usize))
                .map(str::to_string),
            _ => None,
        };
        marks.push(MarkView {
            category: RedactionCategory::parse(&m.category).unwrap_or(RedactionCategory::Other),
            reach: if m.sealed_term.is_some() {
                "every occurrence"
            } else {
                "one passage"
            },
            words,
            added_by: names.of(conn, m.created_by.as_deref())?,
            added_at: when(m.created_at),
            decided_by: names.of(conn, m.decided_by.as_deref())?,
            decided_at: m.decided_at.map(when),
            origin: m.origin,
            state: m.state,
            id: m.id,
        });
    }
    let current = db::redaction::current(conn, id.as_str(), text_id)?.map(|v| v.body);
    Ok(History {
        current,
        versions,
        marks,
    })
}

/// Open the redaction workspace of a text for a granted editor: starts the redaction
/// the first time (the witness's requests, the suggestions), then shows it all.
pub fn workspace(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    text_id: &str,
) -> Result<Option<Workspace>, ServiceError> {
    ensure_started(conn, org, by, id)?;
    let Some(opened) = open_text(conn, org, id, text_id)? else {
        return Ok(None);
    };
    let redactions = applied(conn, org, id, text_id)?;
    let segments = highlight(opened.text.reveal(), &redactions);
    let history = history(conn, Some(org), id, text_id)?;
    let suggestions = history
        .marks
        .iter()
        .filter(|m| m.state == SUGGESTED)
        .cloned()
        .collect();
    let applied = history
        .marks
        .iter()
        .filter(|m| m.state == APPLIED)
        .cloned()
        .collect();
    Ok(Some(Workspace {
        segments,
        suggestions,
        applied,
        history,
    }))
}

/// The text cut into stretches: kept ones, and withheld ones with their category.
fn highlight(text: &str, redactions: &[Redaction]) -> Vec<Segment> {
    let mut ranges: Vec<(Range<usize>, RedactionCategory)> = Vec::new();
    for r in redactions {
        match &r.target {
            RedactionTarget::Span(s) => {
                if let Some(start) = (0..=s.start.min(text.len()))
                    .rev()
                    .find(|i| text.is_char_boundary(*i))
                    && let Some(end) =
                        (s.end.min(text.len())..=text.len()).find(|i| text.is_char_boundary(*i))
                    && start < end
                {
                    ranges.push((start..end, r.category));
                }
            }
            RedactionTarget::Term(t) => {
                ranges.extend(find_folded(text, t).into_iter().map(|f| (f, r.category)))
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
    let mut out = Vec::new();
    let mut at = 0;
    for (range, category) in merged {
        if at < range.start {
            out.push(Segment {
                text: text[at..range.start].to_string(),
                category: None,
            });
        }
        out.push(Segment {
            text: text[range.clone()].to_string(),
            category: Some(category),
        });
        at = range.end;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_string(),
            category: None,
        });
    }
    out
}
