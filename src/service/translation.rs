//! Translations of a testimony: attached by a granted editor, sealed like the original,
//! each with its own derived redacted form (every redaction of the original applies).

use super::{ServiceError, audit, redaction, transaction};
use crate::crypto::keys::OrgSecretKey;
use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::testimony::TestimonyLanguage;

/// A translation to attach (or to replace the one in the same language).
pub struct NewTranslation {
    pub language: TestimonyLanguage,
    pub translated_by: String,
    pub body: String,
}

/// Why a translation was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Withdrawn,
}

/// Attach or replace a translation; returns its id.
pub fn save(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    new: &NewTranslation,
) -> Result<Result<String, Refusal>, ServiceError> {
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if t.is_withdrawn() {
            return Ok(Err(Refusal::Withdrawn));
        }
        let sealed = org.public().seal_str(&new.body);
        let (tid, replaced) = db::translations::put(
            conn,
            id.as_str(),
            new.language.code(),
            &sealed,
            &new.translated_by,
            by.as_str(),
        )?;
        let version = redaction::save_translation(conn, org, by, id, &tid)?;
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::TranslationSaved,
            RecordKind::Testimony,
            id.as_str(),
            format!(
                "translation {tid} into {} {}; redacted version {version}",
                new.language.code(),
                if replaced { "replaced" } else { "attached" }
            ),
        )?;
        Ok(Ok(tid))
    })
}

/// A translation as a page shows it.
pub struct TranslationView {
    pub id: String,
    pub language: TestimonyLanguage,
    pub translated_by: String,
    pub updated_at: String,
    /// The translation itself: only for a granted viewer.
    pub body: Option<String>,
    /// Its current redacted form.
    pub redacted: Option<String>,
}

impl TranslationView {
    /// The language in English words.
    pub fn language_name(&self) -> &'static str {
        match self.language {
            TestimonyLanguage::Known(l) => l.english_name(),
            TestimonyLanguage::Other => "another language",
        }
    }
}

/// Every translation of a testimony; with `org`, their words too.
pub fn list(
    conn: &mut DbConn,
    org: Option<&OrgSecretKey>,
    id: &TestimonyId,
) -> Result<Vec<TranslationView>, ServiceError> {
    db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    let mut out = Vec::new();
    for row in db::translations::of_testimony(conn, id.as_str())? {
        let body = match org {
            Some(org) => Some(org.open_str(&row.sealed_body)?),
            None => None,
        };
        let redacted = db::redaction::current(conn, id.as_str(), &row.id)?.map(|v| v.body);
        out.push(TranslationView {
            language: TestimonyLanguage::parse(&row.language).unwrap_or(TestimonyLanguage::Other),
            translated_by: row.translated_by,
            updated_at: row.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            body,
            redacted,
            id: row.id,
        });
    }
    Ok(out)
}
