//! An editor's tags on a testimony (themes, affected persons, addressees) and the
//! vocabulary of affected persons and addressees that admins extend.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{testimonies, testimony_tags, vocabulary};
use super::{DbConn, MultiBackend, now};

/// What a tag names: a theme (`themes`), an affected group or an addressee (`vocabulary`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TagKind {
    Theme,
    Affected,
    Addressee,
}

impl TagKind {
    pub const ALL: [TagKind; 3] = [TagKind::Theme, TagKind::Affected, TagKind::Addressee];

    pub fn code(self) -> &'static str {
        match self {
            TagKind::Theme => "theme",
            TagKind::Affected => "affected",
            TagKind::Addressee => "addressee",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }
}

/// One entry of the vocabulary of affected persons or addressees.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = vocabulary, check_for_backend(MultiBackend))]
pub struct Term {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub builtin: bool,
    pub created_at: NaiveDateTime,
}

/// The entries of one kind ('affected' or 'addressee'): built-in first, then as added.
pub fn vocabulary_of(conn: &mut DbConn, kind: TagKind) -> QueryResult<Vec<Term>> {
    vocabulary::table
        .filter(vocabulary::kind.eq(kind.code()))
        .order((
            vocabulary::builtin.desc(),
            vocabulary::created_at.asc(),
            vocabulary::name.asc(),
        ))
        .select(Term::as_select())
        .load(conn)
}

/// Whether an id is already used by any entry.
pub fn vocabulary_id_taken(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(vocabulary::table.find(id))).get_result(conn)
}

/// Add an entry. Fails with a unique violation if the id, or the name in its kind, exists.
pub fn add_vocabulary(conn: &mut DbConn, id: &str, kind: TagKind, name: &str) -> QueryResult<()> {
    diesel::insert_into(vocabulary::table)
        .values((
            vocabulary::id.eq(id),
            vocabulary::kind.eq(kind.code()),
            vocabulary::name.eq(name),
            vocabulary::builtin.eq(false),
            vocabulary::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The editor's tags on a testimony, as (kind code, tag id).
pub fn of_testimony(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<(String, String)>> {
    testimony_tags::table
        .filter(testimony_tags::testimony_id.eq(testimony_id))
        .order((testimony_tags::kind.asc(), testimony_tags::tag_id.asc()))
        .select((testimony_tags::kind, testimony_tags::tag_id))
        .load(conn)
}

/// Add one tag.
pub fn add(
    conn: &mut DbConn,
    testimony_id: &str,
    kind: TagKind,
    tag_id: &str,
    by: &str,
) -> QueryResult<()> {
    diesel::insert_into(testimony_tags::table)
        .values((
            testimony_tags::testimony_id.eq(testimony_id),
            testimony_tags::kind.eq(kind.code()),
            testimony_tags::tag_id.eq(tag_id),
            testimony_tags::added_by.eq(by),
            testimony_tags::added_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Remove one tag.
pub fn remove(
    conn: &mut DbConn,
    testimony_id: &str,
    kind: TagKind,
    tag_id: &str,
) -> QueryResult<usize> {
    diesel::delete(
        testimony_tags::table
            .filter(testimony_tags::testimony_id.eq(testimony_id))
            .filter(testimony_tags::kind.eq(kind.code()))
            .filter(testimony_tags::tag_id.eq(tag_id)),
    )
    .execute(conn)
}

/// Mark that the editor's tags now stand on their own (the witness's themes were the start).
pub fn mark_seeded(conn: &mut DbConn, testimony_id: &str) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set(testimonies::tags_seeded.eq(true))
        .execute(conn)
}

/// The tags in force: the editor's once saved, until then the witness's chosen themes.
pub fn current(
    conn: &mut DbConn,
    testimony_id: &str,
    seeded: bool,
) -> QueryResult<Vec<(TagKind, String)>> {
    if seeded {
        Ok(of_testimony(conn, testimony_id)?
            .into_iter()
            .filter_map(|(kind, id)| TagKind::parse(&kind).map(|k| (k, id)))
            .collect())
    } else {
        Ok(super::testimony::theme_ids(conn, testimony_id)?
            .into_iter()
            .map(|id| (TagKind::Theme, id))
            .collect())
    }
}
