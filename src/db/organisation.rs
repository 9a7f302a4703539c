//! Who runs the site: the organisation's contact (one row) and its texts per language.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{organisation, organisation_texts};
use super::{DbConn, MultiBackend};
use crate::domain::organisation::OrgTexts;
use crate::i18n::Lang;

/// The single row's key: there is one organisation.
const ROW: i32 = 1;

/// The contact, as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = organisation, check_for_backend(MultiBackend))]
pub struct ContactRow {
    pub contact_email: String,
    pub contact_other: String,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

/// One language's texts, as stored.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = organisation_texts, check_for_backend(MultiBackend))]
pub struct TextsRow {
    pub lang: String,
    pub name: String,
    pub description: String,
    pub privacy_notice: String,
    pub updated_at: NaiveDateTime,
}

impl TextsRow {
    /// The language and its texts; `None` for a language no longer offered.
    pub fn into_texts(self) -> Option<(Lang, OrgTexts)> {
        let lang = Lang::parse(&self.lang)?;
        Some((
            lang,
            OrgTexts {
                name: self.name,
                description: self.description,
                privacy_notice: self.privacy_notice,
            },
        ))
    }
}

/// The contact, once an administrator saved the settings.
pub fn contact(conn: &mut DbConn) -> QueryResult<Option<ContactRow>> {
    organisation::table
        .find(ROW)
        .select(ContactRow::as_select())
        .first(conn)
        .optional()
}

/// Every language's texts that were ever saved.
pub fn texts(conn: &mut DbConn) -> QueryResult<Vec<TextsRow>> {
    organisation_texts::table
        .order(organisation_texts::lang.asc())
        .select(TextsRow::as_select())
        .load(conn)
}

/// Write the contact: update the row, or make it on the first save.
pub fn set_contact(
    conn: &mut DbConn,
    email: &str,
    other: &str,
    by: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let updated = diesel::update(organisation::table.find(ROW))
        .set((
            organisation::contact_email.eq(email),
            organisation::contact_other.eq(other),
            organisation::updated_by.eq(by),
            organisation::updated_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(organisation::table)
            .values((
                organisation::id.eq(ROW),
                organisation::contact_email.eq(email),
                organisation::contact_other.eq(other),
                organisation::updated_by.eq(by),
                organisation::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Write one language's texts: update its row, or make it on the first save.
pub fn set_texts(
    conn: &mut DbConn,
    lang: Lang,
    texts: &OrgTexts,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let updated = diesel::update(organisation_texts::table.find(lang.code()))
        .set((
            organisation_texts::name.eq(&texts.name),
            organisation_texts::description.eq(&texts.description),
            organisation_texts::privacy_notice.eq(&texts.privacy_notice),
            organisation_texts::updated_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(organisation_texts::table)
            .values((
                organisation_texts::lang.eq(lang.code()),
                organisation_texts::name.eq(&texts.name),
                organisation_texts::description.eq(&texts.description),
                organisation_texts::privacy_notice.eq(&texts.privacy_notice),
                organisation_texts::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}
