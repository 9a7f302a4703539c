//! Derived redaction: the redacted text of a testimony (and of each translation) is
//! computed from its original and the applied marks; the original is never edited.
//!
//! Every change is one transaction: the mark, the new redacted version (in clear), the
//! search index, the excerpts it invalidates, and the audit entry, which names categories
//! and counts, never the words.

use std::ops::Range;

use super::{ServiceError, audit, transaction};
use crate::crypto::keys::OrgSecretKey;
use crate::db::excerpts::Invalidation;
use crate::db::redaction::{MarkRow, NewMark, ORIGINAL};
use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::pii::{self, Wanted};
use crate::domain::testimony::TestimonyLanguage;
use crate::domain::text::{
    OriginalText, RedactedText, Redaction, RedactionCategory, RedactionTarget, find_folded,
};
use crate::i18n::{self, Lang};

mod view;
pub use view::{History, MarkView, Segment, VersionView, Workspace, history, workspace};

/// The text id of a testimony's original.
pub const ORIGINAL_TEXT: &str = ORIGINAL;

/// Mark states as stored.
pub const APPLIED: &str = "applied";
pub const SUGGESTED: &str = "suggested";
pub const DISMISSED: &str = "dismissed";
pub const REMOVED: &str = "removed";

/// Which occurrences a manual redaction covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every occurrence, ignoring case and accents (a term).
    EveryOccurrence,
    /// Only the n-th occurrence (1-based): a span.
    Occurrence(usize),
}

/// Why a redaction change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Withdrawn,
    NoSuchMark,
    NotASuggestion,
    NotApplied,
    NoSuchText,
    NoWords,
    WordsNotFound,
    OccurrenceMissing { found: usize },
}

impl Refusal {
    /// What the editor is told.
    pub fn message(&self) -> String {
        match self {
            Refusal::Withdrawn => {
                "The witness withdrew this testimony: its redaction can no longer change.".into()
            }
            Refusal::NoSuchMark => {
                "That redaction no longer exists. Reload the page and try again.".into()
            }
            Refusal::NotASuggestion => {
                "That suggestion was already decided. Reload the page to see where it stands."
                    .into()
            }
            Refusal::NotApplied => {
                "That redaction is not applied. Reload the page to see where it stands.".into()
            }
            Refusal::NoSuchText => "This testimony has no such text.".into(),
            Refusal::NoWords => "Enter the words to withhold.".into(),
            Refusal::WordsNotFound => {
                "These words do not occur in the text (case and accents are ignored). Copy them from the text above.".into()
            }
            Refusal::OccurrenceMissing { found } => format!(
                "The words occur {found} time{} in the text: choose an occurrence from 1 to {found}.",
                if *found == 1 { "" } else { "s" }
            ),
        }
    }
}

/// The marker for a category in a language (English when the language is not offered).
pub fn marker(lang: Option<Lang>, category: RedactionCategory) -> String {
    i18n::message(
        lang.unwrap_or(Lang::En),
        &format!("redaction-marker-{}", category.code()),
        &[],
    )
}

/// A text of a testimony opened: its words and its language.
struct Opened {
    text: OriginalText,
    lang: Option<Lang>,
}

fn open_text(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    id: &TestimonyId,
    text_id: &str,
) -> Result<Option<Opened>, ServiceError> {
    if text_id == ORIGINAL {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        let text = match t.sealed_body.as_deref() {
            Some(s) => org.open_text(s)?,
            None => OriginalText::from_witness(String::new()),
        };
        let lang = match t.language {
            TestimonyLanguage::Known(l) => Some(l),
            TestimonyLanguage::Other => None,
        };
        return Ok(Some(Opened { text, lang }));
    }
    match db::translations::find(conn, id.as_str(), text_id)? {
        Some(row) => Ok(Some(Opened {
            text: org.open_text(&row.sealed_body)?,
            lang: Lang::parse(&row.language),
        })),
        None => Ok(None),
    }
}

/// A mark as a redaction. A span of the original becomes a term (its words) when
/// `original_as_terms` holds the original's words: that is how a translation inherits it.
fn to_redaction(
    org: &OrgSecretKey,
    mark: &MarkRow,
    original_as_terms: Option<&str>,
) -> Result<Option<Redaction>, ServiceError> {
    let Some(category) = RedactionCategory::parse(&mark.category) else {
        return Ok(None);
    };
    let target = match (&mark.sealed_term, mark.span_start, mark.span_end) {
        (Some(sealed), _, _) => RedactionTarget::Term(org.open_str(sealed)?),
        (None, Some(s), Some(e)) => {
            let span = s.max(0) as usize..e.max(0) as usize;
            match original_as_terms {
                Some(text) => match text.get(span) {
                    Some(words) if !words.trim().is_empty() => {
                        RedactionTarget::Term(words.to_string())
                    }
                    _ => return Ok(None),
                },
                None => RedactionTarget::Span(span),
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(Redaction { target, category }))
}

/// The redactions applied to a text: its own applied marks, and for a translation every
/// applied mark of the original as a term.
fn applied(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    id: &TestimonyId,
    text_id: &str,
) -> Result<Vec<Redaction>, ServiceError> {
    let mut out = Vec::new();
    if text_id != ORIGINAL {
        let original = open_text(conn, org, id, ORIGINAL)?.ok_or(ServiceError::NotFound)?;
        for m in db::redaction::marks(conn, id.as_str(), ORIGINAL)? {
            if m.state == APPLIED
                && let Some(r) = to_redaction(org, &m, Some(original.text.reveal()))?
            {
                out.push(r);
            }
        }
    }
    for m in db::redaction::marks(conn, id.as_str(), text_id)? {
        if m.state == APPLIED
            && let Some(r) = to_redaction(org, &m, None)?
        {
            out.push(r);
        }
    }
    Ok(out)
}

/// Every stretch that applied redactions withhold from a testimony's texts (the
/// original's spans and terms, each translation's own), for the leak scan of a report.
pub(crate) fn withheld(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    id: &TestimonyId,
) -> Result<Vec<String>, ServiceError> {
    let mut texts = vec![ORIGINAL.to_string()];
    texts.extend(
        db::translations::of_testimony(conn, id.as_str())?
            .into_iter()
            .map(|t| t.id),
    );
    let mut out = Vec::new();
    for text_id in texts {
        let Some(opened) = open_text(conn, org, id, &text_id)? else {
            continue;
        };
        for r in applied(conn, org, id, &text_id)? {
            match r.target {
                RedactionTarget::Span(span) => {
                    if let Some(words) = opened.text.reveal().get(span) {
                        out.push(words.to_string());
                    }
                }
                RedactionTarget::Term(term) => out.push(term),
            }
        }
    }
    Ok(out)
}

/// Compute and store the next redacted version of one text; index it; invalidate its
/// excerpts when the text changed. Returns the version number.
fn save_text(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    text_id: &str,
    changes: &str,
) -> Result<i32, ServiceError> {
    let opened = open_text(conn, org, id, text_id)?.ok_or(ServiceError::NotFound)?;
    let redactions = applied(conn, org, id, text_id)?;
    let lang = opened.lang;
    let body = RedactedText::apply(&opened.text, &redactions, |c| marker(lang, c));
    let previous = db::redaction::current(conn, id.as_str(), text_id)?;
    let version = db::redaction::insert_version(
        conn,
        id.as_str(),
        text_id,
        body.as_str(),
        changes,
        Some(by.as_str()),
    )?;
    db::search::put(
        conn,
        id.as_str(),
        text_id,
        text_id != ORIGINAL,
        body.as_str(),
    )?;
    if previous.is_none_or(|p| p.body != body.as_str()) {
        db::excerpts::invalidate(conn, id.as_str(), Some(text_id), Invalidation::Redaction)?;
    }
    Ok(version)
}

/// Save a text (and, for the original, every translation, which follows it) with one
/// audit entry.
fn save(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    text_id: &str,
    changes: &str,
) -> Result<(), ServiceError> {
    let version = save_text(conn, org, by, id, text_id, changes)?;
    let mut detail = if text_id == ORIGINAL {
        format!("version {version}: {changes}")
    } else {
        format!("translation {text_id}, version {version}: {changes}")
    };
    if text_id == ORIGINAL {
        let translations = db::translations::of_testimony(conn, id.as_str())?;
        for t in &translations {
            save_text(
                conn,
                org,
                by,
                id,
                &t.id,
                &format!("following the original: {changes}"),
            )?;
        }
        if !translations.is_empty() {
            detail.push_str(&format!(
                "; {} translation{} updated",
                translations.len(),
                if translations.len() == 1 { "" } else { "s" }
            ));
        }
    }
    audit::record(
        conn,
        &Actor::Staff(by.clone()),
        Action::RedactionSaved,
        RecordKind::Testimony,
        id.as_str(),
        detail,
    )
}

/// Save a translation's redacted version (after the translation itself changed), in the
/// caller's transaction. Its audit entry is the caller's.
pub(crate) fn save_translation(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    translation_id: &str,
) -> Result<i32, ServiceError> {
    start_in(conn, org, by, id)?;
    save_text(conn, org, by, id, translation_id, "translation saved")
}

/// "+2 name, +1 other": counts by category, never the words.
fn counted(sign: &str, categories: &[RedactionCategory]) -> String {
    RedactionCategory::ALL
        .into_iter()
        .filter_map(|c| {
            let n = categories.iter().filter(|x| **x == c).count();
            (n > 0).then(|| format!("{sign}{n} {}", c.code()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Apply the witness's own requests and suggest what the patterns find, the first time a
/// granted editor opens the testimony. Does nothing after that, or once withdrawn.
pub fn ensure_started(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
) -> Result<(), ServiceError> {
    transaction(conn, |conn| start_in(conn, org, by, id))
}

fn start_in(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
) -> Result<(), ServiceError> {
    let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    if t.redaction_started || t.is_withdrawn() {
        return Ok(());
    }
    if !db::redaction::set_started(conn, id.as_str())? {
        return Ok(());
    }
    let body = match t.sealed_body.as_deref() {
        Some(s) => org.open_text(s)?,
        None => OriginalText::from_witness(String::new()),
    };
    let name = t
        .witness_name
        .as_deref()
        .map(|s| org.open_str(s))
        .transpose()?;
    let city = t
        .sealed_city
        .as_deref()
        .map(|s| org.open_str(s))
        .transpose()?;
    let request = match db::testimony::redaction(conn, id.as_str()) {
        Ok(row) => Some(row),
        Err(diesel::result::Error::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let terms: Vec<String> = request
        .as_ref()
        .and_then(|r| r.terms.as_deref())
        .map(|s| org.open_str(s))
        .transpose()?
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let mut witness: Vec<(String, RedactionCategory)> = Vec::new();
    if let Some(n) = name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        witness.push((n.to_string(), RedactionCategory::Name));
    }
    for term in terms.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        witness.push((term.to_string(), RedactionCategory::Other));
    }
    if let Some(c) = city.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        witness.push((c.to_string(), RedactionCategory::Place));
    }
    let pk = org.public();
    let mut covered: Vec<Range<usize>> = Vec::new();
    for (term, category) in &witness {
        covered.extend(find_folded(body.reveal(), term));
        db::redaction::insert_mark(
            conn,
            &NewMark {
                testimony_id: id.as_str(),
                text_id: ORIGINAL,
                category: category.code(),
                span: None,
                sealed_term: Some(pk.seal_str(term)),
                origin: "witness",
                state: APPLIED,
                created_by: Some(by.as_str()),
            },
        )?;
    }
    let wanted = request
        .as_ref()
        .map(|r| Wanted {
            places: r.redact_places,
            dates: r.redact_dates,
            other_names: r.redact_other_names,
        })
        .unwrap_or_default();
    let mut suggested = Vec::new();
    for s in pii::detect(body.reveal(), wanted, name.as_deref()) {
        if covered
            .iter()
            .any(|c| c.start < s.span.end && s.span.start < c.end)
        {
            continue;
        }
        let (Ok(start), Ok(end)) = (i32::try_from(s.span.start), i32::try_from(s.span.end)) else {
            continue;
        };
        db::redaction::insert_mark(
            conn,
            &NewMark {
                testimony_id: id.as_str(),
                text_id: ORIGINAL,
                category: s.category.code(),
                span: Some((start, end)),
                sealed_term: None,
                origin: "detected",
                state: SUGGESTED,
                created_by: None,
            },
        )?;
        suggested.push(s.category);
    }
    let categories: Vec<RedactionCategory> = witness.iter().map(|(_, c)| *c).collect();
    let mut changes = String::from("the witness's requests applied");
    if !categories.is_empty() {
        changes.push_str(&format!(" ({})", counted("+", &categories)));
    }
    changes.push_str(&format!("; {} suggested", suggested.len()));
    if !suggested.is_empty() {
        changes.push_str(&format!(" ({})", counted("", &suggested)));
    }
    save(conn, org, by, id, ORIGINAL, &changes)
}

fn refuse_if_withdrawn(conn: &mut DbConn, id: &TestimonyId) -> Result<bool, ServiceError> {
    let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    Ok(t.is_withdrawn())
}

/// Accept or dismiss a suggestion.
pub fn decide(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    mark_id: &str,
    accept: bool,
) -> Result<Result<(), Refusal>, ServiceError> {
    transaction(conn, |conn| {
        if refuse_if_withdrawn(conn, id)? {
            return Ok(Err(Refusal::Withdrawn));
        }
        let Some(mark) = db::redaction::find_mark(conn, id.as_str(), mark_id)? else {
            return Ok(Err(Refusal::NoSuchMark));
        };
        if mark.state != SUGGESTED {
            return Ok(Err(Refusal::NotASuggestion));
        }
        if accept {
            db::redaction::set_state(conn, &mark.id, APPLIED, by.as_str())?;
            save(
                conn,
                org,
                by,
                id,
                &mark.text_id,
                &format!("+1 {} (suggestion accepted)", mark.category),
            )?;
        } else {
            db::redaction::set_state(conn, &mark.id, DISMISSED, by.as_str())?;
            audit::record(
                conn,
                &Actor::Staff(by.clone()),
                Action::RedactionSaved,
                RecordKind::Testimony,
                id.as_str(),
                format!("suggestion dismissed: 1 {}", mark.category),
            )?;
        }
        Ok(Ok(()))
    })
}

/// Withhold words an editor chose, everywhere or at one occurrence.
#[allow(clippy::too_many_arguments)]
pub fn add_manual(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    text_id: &str,
    words: &str,
    category: RedactionCategory,
    scope: Scope,
) -> Result<Result<(), Refusal>, ServiceError> {
    transaction(conn, |conn| {
        if refuse_if_withdrawn(conn, id)? {
            return Ok(Err(Refusal::Withdrawn));
        }
        let words = words.trim();
        if words.is_empty() {
            return Ok(Err(Refusal::NoWords));
        }
        start_in(conn, org, by, id)?;
        let Some(opened) = open_text(conn, org, id, text_id)? else {
            return Ok(Err(Refusal::NoSuchText));
        };
        let found = find_folded(opened.text.reveal(), words);
        if found.is_empty() {
            return Ok(Err(Refusal::WordsNotFound));
        }
        let (span, sealed_term) = match scope {
            Scope::EveryOccurrence => (None, Some(org.public().seal_str(words))),
            Scope::Occurrence(n) => match n.checked_sub(1).and_then(|i| found.get(i)) {
                Some(r) => match (i32::try_from(r.start), i32::try_from(r.end)) {
                    (Ok(s), Ok(e)) => (Some((s, e)), None),
                    _ => return Ok(Err(Refusal::WordsNotFound)),
                },
                None => return Ok(Err(Refusal::OccurrenceMissing { found: found.len() })),
            },
        };
        db::redaction::insert_mark(
            conn,
            &NewMark {
                testimony_id: id.as_str(),
                text_id,
                category: category.code(),
                span,
                sealed_term,
                origin: "manual",
                state: APPLIED,
                created_by: Some(by.as_str()),
            },
        )?;
        let what = match scope {
            Scope::EveryOccurrence => "every occurrence",
            Scope::Occurrence(_) => "one occurrence",
        };
        save(
            conn,
            org,
            by,
            id,
            text_id,
            &format!("+1 {} ({what})", category.code()),
        )?;
        Ok(Ok(()))
    })
}

/// Lift an applied redaction.
pub fn remove(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    mark_id: &str,
) -> Result<Result<(), Refusal>, ServiceError> {
    transaction(conn, |conn| {
        if refuse_if_withdrawn(conn, id)? {
            return Ok(Err(Refusal::Withdrawn));
        }
        let Some(mark) = db::redaction::find_mark(conn, id.as_str(), mark_id)? else {
            return Ok(Err(Refusal::NoSuchMark));
        };
        if mark.state != APPLIED {
            return Ok(Err(Refusal::NotApplied));
        }
        db::redaction::set_state(conn, &mark.id, REMOVED, by.as_str())?;
        save(
            conn,
            org,
            by,
            id,
            &mark.text_id,
            &format!("-1 {}", mark.category),
        )?;
        Ok(Ok(()))
    })
}
