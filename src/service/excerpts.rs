//! Selecting quotable passages of a redacted text (or redacted translation), and removing
//! them. An excerpt exists only while the current consent record allows quotation, and
//! points at that record; invalidation on consent, redaction or withdrawal happens where
//! those change (`service::testimony`, the redaction service).

use super::{ServiceError, audit, transaction};
use crate::db::excerpts::NewExcerpt;
use crate::db::tags::TagKind;
use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::consent::ConsentScope;
use crate::domain::ids::{TestimonyId, UserId};

/// The text id of the redacted original (translations use their own id).
pub const ORIGINAL: &str = "original";

/// What an editor asks for.
#[derive(Clone, Debug, Default)]
pub struct ExcerptInput {
    /// 'original' or a translation's id.
    pub text_id: String,
    /// The passage, copied from the current redacted text.
    pub passage: String,
    pub theme_id: Option<String>,
    /// Attribute the words to the witness by name.
    pub attributed: bool,
}

/// Why an excerpt was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExcerptRefusal {
    #[error("the witness withdrew this testimony; nothing of it can be quoted")]
    Withdrawn,
    #[error("this text has no redacted version yet; save a redaction first")]
    NoRedactedText,
    #[error("the witness's current consent does not allow quoting their words")]
    NoQuoteConsent,
    #[error("the witness's current consent does not allow naming them")]
    NoAttributeConsent,
    #[error("copy the passage to quote from the text above")]
    EmptyPassage,
    #[error("this passage is not in the redacted text; copy it from the text above")]
    NotInText,
    #[error("choose one of this testimony's themes, or none")]
    UnknownTheme,
}

impl ExcerptRefusal {
    /// The form field the refusal is about.
    pub fn field(self) -> &'static str {
        match self {
            ExcerptRefusal::NoAttributeConsent => "attributed",
            ExcerptRefusal::UnknownTheme => "theme_id",
            ExcerptRefusal::NoRedactedText => "text_id",
            _ => "passage",
        }
    }
}

/// Select an excerpt. Returns its id, or why it may not exist.
pub fn create(
    conn: &mut DbConn,
    by: &UserId,
    id: &TestimonyId,
    input: &ExcerptInput,
) -> Result<Result<String, ExcerptRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if t.is_withdrawn() {
            return Ok(Err(ExcerptRefusal::Withdrawn));
        }
        let consent = db::testimony::current_consent(conn, id.as_str())?;
        if !consent.permits(ConsentScope::QuoteVerbatim) {
            return Ok(Err(ExcerptRefusal::NoQuoteConsent));
        }
        if input.attributed && !consent.permits(ConsentScope::Attribute) {
            return Ok(Err(ExcerptRefusal::NoAttributeConsent));
        }
        let Some(record) = db::testimony::consent_history(conn, id.as_str())?
            .into_iter()
            .max_by_key(|r| r.seq)
        else {
            return Ok(Err(ExcerptRefusal::NoQuoteConsent));
        };
        let text_id = input.text_id.trim();
        let Some(text) = db::redaction::current(conn, id.as_str(), text_id)? else {
            return Ok(Err(ExcerptRefusal::NoRedactedText));
        };
        let passage = input.passage.trim();
        if passage.is_empty() {
            return Ok(Err(ExcerptRefusal::EmptyPassage));
        }
        let Some(start) = text.body.find(passage) else {
            return Ok(Err(ExcerptRefusal::NotInText));
        };
        let end = start + passage.len();
        let (Ok(span_start), Ok(span_end)) = (i32::try_from(start), i32::try_from(end)) else {
            return Ok(Err(ExcerptRefusal::NotInText));
        };
        let theme_id = match input.theme_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(theme) => {
                let allowed = db::tags::current(conn, id.as_str(), t.tags_seeded)?
                    .into_iter()
                    .any(|(k, tag)| k == TagKind::Theme && tag == theme);
                if !allowed {
                    return Ok(Err(ExcerptRefusal::UnknownTheme));
                }
                Some(theme)
            }
        };
        let excerpt_id = db::new_id();
        let translated = text_id != ORIGINAL;
        db::excerpts::insert(
            conn,
            &NewExcerpt {
                id: &excerpt_id,
                testimony_id: id.as_str(),
                text_id,
                redacted_version_id: &text.id,
                span_start,
                span_end,
                body: passage,
                translated,
                consent_record_id: &record.id,
                attributed: input.attributed,
                theme_id,
                created_by: by.as_str(),
            },
        )?;
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::ExcerptCreated,
            RecordKind::Testimony,
            id.as_str(),
            format!(
                "excerpt {excerpt_id} of {} (version {}), {} bytes, consent record {}{}",
                if translated {
                    "a translation"
                } else {
                    "the original"
                },
                text.version,
                end - start,
                record.seq,
                if input.attributed { ", attributed" } else { "" }
            ),
        )?;
        Ok(Ok(excerpt_id))
    })
}

/// Remove an excerpt of a testimony. False when there was none with that id.
pub fn remove(
    conn: &mut DbConn,
    by: &UserId,
    id: &TestimonyId,
    excerpt_id: &str,
) -> Result<bool, ServiceError> {
    transaction(conn, |conn| {
        db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if db::excerpts::delete(conn, id.as_str(), excerpt_id)? == 0 {
            return Ok(false);
        }
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::ExcerptRemoved,
            RecordKind::Testimony,
            id.as_str(),
            format!("excerpt {excerpt_id}"),
        )?;
        Ok(true)
    })
}
