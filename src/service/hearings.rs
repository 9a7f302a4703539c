//! Hearings and the theme vocabulary: creating and editing hearings (a changed consent
//! text becomes a new version), moving them through their statuses, adding themes.

use super::{ServiceError, transaction};
use crate::db::{self, DbConn, hearings::HearingFields};
use crate::domain::hearing::HearingStatus;
use crate::domain::ids::HearingId;

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

/// The consent text's version before and after an edit.
pub struct Edited {
    pub consent_before: i32,
    pub consent_after: i32,
}

/// Save a hearing's new fields. A changed consent text becomes a new version; consent
/// records keep pointing at the version their witness saw.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    fields: &HearingFields,
) -> Result<Result<Edited, HearingRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let before = db::hearings::current_consent_text(conn, id)?.version;
        match db::hearings::update(conn, id, fields) {
            Ok(()) => {}
            Err(e) if db::is_unique_violation(&e) => return Ok(Err(HearingRefusal::SlugTaken)),
            Err(e) => return Err(e.into()),
        }
        let after = db::hearings::current_consent_text(conn, id)?.version;
        Ok(Ok(Edited {
            consent_before: before,
            consent_after: after,
        }))
    })
}

/// Move a hearing from `from` to `to`. Returns false when someone else moved it first.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    from: HearingStatus,
    to: HearingStatus,
) -> Result<bool, ServiceError> {
    transaction(conn, |conn| {
        Ok(db::hearings::set_status(conn, id, from, to)?)
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
