//! Hearings and the theme vocabulary: creating and editing hearings (a changed consent
//! text becomes a new version of that language's text), moving them through their statuses
//! (a hearing opens only with a consent text in each of its languages), adding themes.

use super::{ServiceError, transaction};
use crate::db::{self, DbConn, hearings::HearingFields};
use crate::domain::hearing::HearingStatus;
use crate::domain::ids::HearingId;
use crate::i18n::Lang;

/// A hearing with what its form needs.
pub struct HearingForm {
    /// The hearing, its title and summary in the page's language where it has them.
    pub hearing: db::hearings::Hearing,
    pub themes: Vec<db::hearings::Theme>,
    /// The consent text shown: in the page's language, else the hearing's first.
    pub consent_text: db::hearings::ConsentText,
    /// The newest consent text in each language.
    pub consent_texts: Vec<db::hearings::ConsentText>,
}

/// A hearing by its address, with its texts in `lang` where it has them; drafts and
/// archived hearings only when `public_only` is false.
pub fn form(
    conn: &mut DbConn,
    slug: &str,
    public_only: bool,
    lang: Lang,
) -> Result<HearingForm, ServiceError> {
    let mut hearing = db::hearings::find_by_slug(conn, slug)?
        .filter(|h| !public_only || h.status().is_public())
        .ok_or(ServiceError::NotFound)?;
    db::hearings::localize(conn, &mut hearing, lang)?;
    Ok(HearingForm {
        themes: db::hearings::themes_of(conn, &hearing.id)?,
        consent_text: db::hearings::current_consent_text(conn, &hearing, lang)?,
        consent_texts: db::hearings::current_consent_texts(conn, &hearing.id)?,
        hearing,
    })
}

/// Why a hearing was not saved.
#[derive(Debug, PartialEq, Eq)]
pub enum HearingRefusal {
    /// Another hearing has this address (slug).
    SlugTaken,
}

/// Create a hearing as a draft, with its themes and first consent text.
pub fn create(
    conn: &mut DbConn,
    fields: &HearingFields,
    created_by: &str,
) -> Result<Result<HearingId, HearingRefusal>, ServiceError> {
    transaction(conn, |conn| {
        match db::hearings::create(conn, fields, created_by) {
            Ok(id) => Ok(Ok(HearingId::from(id))),
            Err(e) if db::is_unique_violation(&e) => Ok(Err(HearingRefusal::SlugTaken)),
            Err(e) => Err(e.into()),
        }
    })
}

/// What an edit changed in the consent texts.
pub struct Edited {
    /// The languages whose consent text got a new version, with that version.
    pub new_versions: Vec<(Lang, i32)>,
}

/// Save a hearing's new fields. A changed consent text becomes a new version of that
/// language's text; consent records keep pointing at the version their witness saw.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    fields: &HearingFields,
) -> Result<Result<Edited, HearingRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let before = db::hearings::current_consent_texts(conn, id)?;
        match db::hearings::update(conn, id, fields) {
            Ok(()) => {}
            Err(e) if db::is_unique_violation(&e) => return Ok(Err(HearingRefusal::SlugTaken)),
            Err(e) => return Err(e.into()),
        }
        let new_versions = db::hearings::current_consent_texts(conn, id)?
            .into_iter()
            .filter(|t| !before.iter().any(|b| b.id == t.id))
            .filter_map(|t| Lang::parse(&t.lang).map(|l| (l, t.version)))
            .collect();
        Ok(Ok(Edited { new_versions }))
    })
}

/// Why a hearing's status did not change.
#[derive(Debug, PartialEq, Eq)]
pub enum StatusRefusal {
    /// Someone else moved it first.
    Moved,
    /// It cannot open: these of its languages have no consent text.
    NoConsentText(Vec<Lang>),
}

/// Move a hearing from `from` to `to`. Opening needs a consent text in each of the
/// hearing's languages.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    from: HearingStatus,
    to: HearingStatus,
) -> Result<Result<(), StatusRefusal>, ServiceError> {
    transaction(conn, |conn| {
        if to == HearingStatus::Open {
            let hearing = db::hearings::find(conn, id)?.ok_or(ServiceError::NotFound)?;
            let missing = db::hearings::languages_without_consent(conn, &hearing)?;
            if !missing.is_empty() {
                return Ok(Err(StatusRefusal::NoConsentText(missing)));
            }
        }
        if db::hearings::set_status(conn, id, from, to)? {
            Ok(Ok(()))
        } else {
            Ok(Err(StatusRefusal::Moved))
        }
    })
}

/// Why a theme was not added.
#[derive(Debug, PartialEq, Eq)]
pub enum ThemeRefusal {
    /// The vocabulary has a theme like this one already (its name in English).
    Exists(String),
}

/// Add a theme to the vocabulary, unless one like it exists (`clash` names it).
pub fn add_theme(
    conn: &mut DbConn,
    id: &str,
    name: &str,
    clash: impl FnOnce(&[db::hearings::Theme]) -> Option<String>,
) -> Result<Result<(), ThemeRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let vocabulary = db::hearings::all_themes(conn)?;
        if let Some(existing) = clash(&vocabulary) {
            return Ok(Err(ThemeRefusal::Exists(existing)));
        }
        match db::hearings::add_theme(conn, id, name) {
            Ok(()) => Ok(Ok(())),
            Err(e) if db::is_unique_violation(&e) => Ok(Err(ThemeRefusal::Exists(name.into()))),
            Err(e) => Err(e.into()),
        }
    })
}
