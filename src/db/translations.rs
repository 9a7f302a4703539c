//! Translations of a testimony, sealed to the organisation key like the original.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::translations;
use super::{DbConn, MultiBackend, new_id, now};

/// A translation as stored (its words sealed).
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = translations, check_for_backend(MultiBackend))]
pub struct TranslationRow {
    pub id: String,
    pub testimony_id: String,
    pub language: String,
    pub sealed_body: Vec<u8>,
    pub translated_by: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Every translation of a testimony, oldest first.
pub fn of_testimony(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<TranslationRow>> {
    translations::table
        .filter(translations::testimony_id.eq(testimony_id))
        .order((translations::created_at.asc(), translations::id.asc()))
        .select(TranslationRow::as_select())
        .load(conn)
}

/// One translation of a testimony.
pub fn find(
    conn: &mut DbConn,
    testimony_id: &str,
    id: &str,
) -> QueryResult<Option<TranslationRow>> {
    translations::table
        .filter(translations::testimony_id.eq(testimony_id))
        .filter(translations::id.eq(id))
        .select(TranslationRow::as_select())
        .first(conn)
        .optional()
}

/// Store a translation, replacing the one in the same language if there is one. Returns
/// its id and whether it replaced another.
pub fn put(
    conn: &mut DbConn,
    testimony_id: &str,
    language: &str,
    sealed_body: &[u8],
    translated_by: &str,
    by: &str,
) -> QueryResult<(String, bool)> {
    let existing: Option<String> = translations::table
        .filter(translations::testimony_id.eq(testimony_id))
        .filter(translations::language.eq(language))
        .select(translations::id)
        .first(conn)
        .optional()?;
    let at = now();
    match existing {
        Some(id) => {
            diesel::update(translations::table.find(&id))
                .set((
                    translations::sealed_body.eq(sealed_body),
                    translations::translated_by.eq(translated_by),
                    translations::created_by.eq(Some(by)),
                    translations::updated_at.eq(at),
                ))
                .execute(conn)?;
            Ok((id, true))
        }
        None => {
            let id = new_id();
            diesel::insert_into(translations::table)
                .values((
                    translations::id.eq(&id),
                    translations::testimony_id.eq(testimony_id),
                    translations::language.eq(language),
                    translations::sealed_body.eq(sealed_body),
                    translations::translated_by.eq(translated_by),
                    translations::created_by.eq(Some(by)),
                    translations::created_at.eq(at),
                    translations::updated_at.eq(at),
                ))
                .execute(conn)?;
            Ok((id, false))
        }
    }
}
