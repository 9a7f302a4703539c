//! Messages between editors and a witness, each sealed twice (for staff and for the
//! witness), and the witness's public key they are sealed to.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{consent_records, consent_texts, testimonies, witness_messages};
use super::{DbConn, MultiBackend, new_id, now};

/// Which way a message went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From an editor to the witness.
    ToWitness,
    /// From the witness to the organisation.
    FromWitness,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::ToWitness => "to_witness",
            Direction::FromWitness => "from_witness",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Direction::ToWitness, Direction::FromWitness]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// A message as stored: never in clear.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = witness_messages, check_for_backend(MultiBackend))]
pub struct MessageRow {
    pub id: String,
    pub testimony_id: String,
    pub direction: String,
    /// Sealed to the organisation key.
    pub sealed_body: Vec<u8>,
    /// Sealed to the witness public key, or (see `service::messages`) under the data key
    /// while the witness's public key is not known yet.
    pub witness_copy: Option<Vec<u8>>,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

impl MessageRow {
    pub fn direction(&self) -> Option<Direction> {
        Direction::parse(&self.direction)
    }
}

/// Store one message. Returns its id.
pub fn insert(
    conn: &mut DbConn,
    testimony_id: &str,
    direction: Direction,
    sealed_body: &[u8],
    witness_copy: &[u8],
    author_id: Option<&str>,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(witness_messages::table)
        .values((
            witness_messages::id.eq(&id),
            witness_messages::testimony_id.eq(testimony_id),
            witness_messages::direction.eq(direction.code()),
            witness_messages::sealed_body.eq(sealed_body),
            witness_messages::witness_copy.eq(Some(witness_copy)),
            witness_messages::author_id.eq(author_id),
            witness_messages::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// A testimony's messages, oldest first.
pub fn thread(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<MessageRow>> {
    witness_messages::table
        .filter(witness_messages::testimony_id.eq(testimony_id))
        .order((
            witness_messages::created_at.asc(),
            witness_messages::id.asc(),
        ))
        .select(MessageRow::as_select())
        .load(conn)
}

/// Replace a message's witness copy (resealed to the witness public key).
pub fn set_witness_copy(conn: &mut DbConn, message_id: &str, copy: &[u8]) -> QueryResult<usize> {
    diesel::update(witness_messages::table.find(message_id))
        .set(witness_messages::witness_copy.eq(Some(copy)))
        .execute(conn)
}

/// Mark the witness's unread replies as read.
pub fn mark_replies_read(conn: &mut DbConn, testimony_id: &str) -> QueryResult<usize> {
    diesel::update(
        witness_messages::table
            .filter(witness_messages::testimony_id.eq(testimony_id))
            .filter(witness_messages::direction.eq(Direction::FromWitness.code()))
            .filter(witness_messages::read_at.is_null()),
    )
    .set(witness_messages::read_at.eq(Some(now())))
    .execute(conn)
}

/// Store the witness public key of a testimony.
pub fn set_witness_public_key(
    conn: &mut DbConn,
    testimony_id: &str,
    public_key: &[u8],
) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set(testimonies::witness_public_key.eq(Some(public_key)))
        .execute(conn)
}

/// The language of the consent text the witness last agreed to: the language of the page
/// they used.
pub fn witness_language(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Option<String>> {
    consent_records::table
        .inner_join(consent_texts::table.on(consent_texts::id.eq(consent_records::consent_text_id)))
        .filter(consent_records::testimony_id.eq(testimony_id))
        .order(consent_records::seq.desc())
        .select(consent_texts::lang)
        .first(conn)
        .optional()
}
