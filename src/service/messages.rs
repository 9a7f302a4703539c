//! Messages between editors and a witness: a question from an editor, a reply from the
//! witness on their page. Every message is sealed twice: `sealed_body` to the organisation
//! key (granted staff read the thread) and `witness_copy` for the witness.
//!
//! The witness copy is sealed to the testimony's witness public key, derived from the
//! receipt and stored at submission, so only the receipt opens it. Testimony given before
//! that key existed has none until its witness comes back with the receipt
//! ([`ensure_witness_key`] stores it then). A message written before that is the one
//! exception: its witness copy is encrypted under the server's data key, and resealed to
//! the witness public key as soon as the witness returns. Until then, someone holding both
//! the database and the server's data key could read that copy; the organisation copy is
//! as safe as every other original.
//!
//! The witness is told by email that a message waits (never what it says) only when they
//! gave an address and their current consent allows contact. Their address is sealed, so
//! only an editor holding the organisation key can write.

use super::{ServiceError, audit, keys, transaction};
use crate::crypto::DataKeys;
use crate::crypto::keys::{OrgSecretKey, WitnessKey, WitnessPublicKey, is_sealed_box};
use crate::db::messages::{Direction, MessageRow};
use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::consent::ConsentScope;
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::review::{Move, Refusal};
use crate::domain::testimony::TestimonyLanguage;
use crate::domain::text::OriginalText;
use crate::i18n::Lang;
use crate::mail::OutgoingMail;

/// Longest message or reply, in characters.
pub const MAX_MESSAGE_CHARS: usize = 5_000;

/// The text of a message or reply: cleaned of control characters, never empty or too long.
pub struct MessageText(OriginalText);

/// Why a message text was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    Empty,
    TooLong,
}

impl MessageText {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let text = crate::domain::clean_input(raw.trim());
        if text.trim().is_empty() {
            Err(TextError::Empty)
        } else if text.chars().count() > MAX_MESSAGE_CHARS {
            Err(TextError::TooLong)
        } else {
            Ok(Self(OriginalText::from_witness(text)))
        }
    }

    fn bytes(&self) -> &[u8] {
        self.0.reveal().as_bytes()
    }
}

/// What became of a message sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sent {
    /// An email telling the witness that a message waits was queued.
    pub notified: bool,
}

/// An editor writes to the witness: the message is stored, the testimony waits for the
/// witness (`needs_follow_up`), and the witness is told by email when they allowed it.
/// Refused (nothing stored) when the review rule refuses the move: withdrawn or excluded.
#[allow(clippy::too_many_arguments)]
pub fn send(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    data_keys: &DataKeys,
    site: &str,
    by: &UserId,
    id: &TestimonyId,
    text: &MessageText,
) -> Result<Result<Sent, Refusal>, ServiceError> {
    let org_public = keys::org_public(conn)?;
    transaction(conn, |conn| {
        let actor = Actor::Staff(by.clone());
        if let Err(refusal) = super::review::apply_move(conn, &actor, id, &Move::AskWitness)? {
            return Ok(Err(refusal));
        }
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        let witness_copy = match t.witness_public_key.as_deref() {
            Some(public) => WitnessPublicKey::from_bytes(public)?.seal(text.bytes()),
            None => data_keys.seal(text.bytes()),
        };
        db::messages::insert(
            conn,
            id.as_str(),
            Direction::ToWitness,
            &org_public.seal(text.bytes()),
            &witness_copy,
            Some(by.as_str()),
        )?;
        let consent = db::testimony::current_consent(conn, id.as_str())?;
        // An address that does not open (kept in an older form) means no notice, not a failure.
        let email = match t.contact_email.as_deref() {
            Some(sealed) if consent.permits(ConsentScope::ContactForFollowUp) => {
                org.open_str(sealed).ok()
            }
            _ => None,
        };
        let notified = match email {
            Some(to) => {
                let lang = witness_language(conn, &t)?;
                let check = format!("{}/check", site.trim_end_matches('/'));
                let mail = OutgoingMail {
                    to,
                    subject: crate::i18n::message(lang, "mail-message-subject", &[]),
                    text: crate::i18n::message(lang, "mail-message-body", &[("check", &check)]),
                    witness: true,
                };
                crate::mail::enqueue(conn, data_keys, "witness-message", &mail)?;
                true
            }
            None => false,
        };
        audit::record(
            conn,
            &actor,
            Action::MessageSent,
            RecordKind::Testimony,
            id.as_str(),
            if notified {
                "email notice queued"
            } else {
                "no email"
            },
        )?;
        Ok(Ok(Sent { notified }))
    })
}

/// The language the witness used: that of the consent text they last agreed to, else
/// their testimony's when the site speaks it, else English.
fn witness_language(conn: &mut DbConn, t: &db::testimony::Testimony) -> Result<Lang, ServiceError> {
    let consented = db::messages::witness_language(conn, t.id.as_str())?;
    Ok(consented
        .as_deref()
        .and_then(Lang::parse)
        .or(match t.language {
            TestimonyLanguage::Known(lang) => Some(lang),
            TestimonyLanguage::Other => None,
        })
        .unwrap_or(Lang::En))
}

/// The witness replies from their page: sealed for staff and for themselves; the
/// testimony comes back to the editors' queue with an unread reply. Refused when withdrawn.
pub fn reply(
    conn: &mut DbConn,
    key: &WitnessKey,
    id: &TestimonyId,
    text: &MessageText,
) -> Result<Result<(), Refusal>, ServiceError> {
    let org_public = keys::org_public(conn)?;
    transaction(conn, |conn| {
        if let Err(refusal) =
            super::review::apply_move(conn, &Actor::Witness, id, &Move::WitnessReplied)?
        {
            return Ok(Err(refusal));
        }
        let public = key.public();
        db::messages::insert(
            conn,
            id.as_str(),
            Direction::FromWitness,
            &org_public.seal(text.bytes()),
            &public.seal(text.bytes()),
            None,
        )?;
        db::review::set_unread_reply(conn, id.as_str(), true)?;
        audit::record(
            conn,
            &Actor::Witness,
            Action::MessageReceived,
            RecordKind::Testimony,
            id.as_str(),
            "",
        )?;
        Ok(Ok(()))
    })
}

/// One message as a reader sees it.
pub struct Message {
    /// Written by the witness (else by an editor).
    pub from_witness: bool,
    /// The editor who wrote it (staff view only).
    pub author: Option<String>,
    pub at: chrono::NaiveDateTime,
    /// `None` when it could not be opened with the key given.
    pub text: Option<OriginalText>,
}

/// A testimony's messages, oldest first, with the hearing's time zone to show times in.
pub struct Thread {
    pub messages: Vec<Message>,
    pub zone: chrono_tz::Tz,
}

fn zone_of(conn: &mut DbConn, id: &TestimonyId) -> Result<chrono_tz::Tz, ServiceError> {
    let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    let hearing = db::hearings::find(conn, t.hearing_id.as_str())?.ok_or(ServiceError::NotFound)?;
    Ok(hearing.zone())
}

fn open_text(bytes: Option<zeroize::Zeroizing<Vec<u8>>>) -> Option<OriginalText> {
    bytes
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
        .map(OriginalText::opened)
}

/// The thread as granted staff read it (opened with the organisation key).
pub fn thread_for_staff(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    id: &TestimonyId,
) -> Result<Thread, ServiceError> {
    let zone = zone_of(conn, id)?;
    let mut messages = Vec::new();
    for row in db::messages::thread(conn, id.as_str())? {
        let author = match row.author_id.as_deref() {
            Some(uid) => db::users::find(conn, uid)?.map(|u| u.display_name),
            None => None,
        };
        messages.push(Message {
            from_witness: row.direction() == Some(Direction::FromWitness),
            author,
            at: row.created_at,
            text: open_text(org.open(&row.sealed_body).ok()),
        });
    }
    Ok(Thread { messages, zone })
}

/// A granted editor has read the witness's replies: they are no longer unread.
pub fn mark_read(conn: &mut DbConn, id: &TestimonyId) -> Result<(), ServiceError> {
    db::messages::mark_replies_read(conn, id.as_str())?;
    db::review::set_unread_reply(conn, id.as_str(), false)?;
    Ok(())
}

/// A granted editor opens the thread: it is read (in the trail like any opening of what
/// a witness wrote) and its replies are no longer unread, in one transaction.
pub fn open_for_staff(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
) -> Result<Thread, ServiceError> {
    transaction(conn, |conn| {
        let thread = thread_for_staff(conn, org, id)?;
        if !thread.messages.is_empty() {
            mark_read(conn, id)?;
            audit::record(
                conn,
                &Actor::Staff(by.clone()),
                Action::OriginalOpened,
                RecordKind::Testimony,
                id.as_str(),
                format!("message thread ({} message(s))", thread.messages.len()),
            )?;
        }
        Ok(thread)
    })
}

/// Open a witness copy: sealed to their public key, or (before it was known) under the
/// data key.
fn open_witness_copy(
    key: &WitnessKey,
    data_keys: &DataKeys,
    copy: &[u8],
) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    if is_sealed_box(copy) {
        key.open_box(copy).ok()
    } else {
        data_keys.open(copy).ok().map(zeroize::Zeroizing::new)
    }
}

/// The thread as the witness reads it, opened with the key from their receipt.
pub fn thread_for_witness(
    conn: &mut DbConn,
    key: &WitnessKey,
    data_keys: &DataKeys,
    id: &TestimonyId,
) -> Result<Thread, ServiceError> {
    let zone = zone_of(conn, id)?;
    let messages = db::messages::thread(conn, id.as_str())?
        .into_iter()
        .map(|row: MessageRow| Message {
            from_witness: row.direction() == Some(Direction::FromWitness),
            author: None,
            at: row.created_at,
            text: open_text(
                row.witness_copy
                    .as_deref()
                    .and_then(|c| open_witness_copy(key, data_keys, c)),
            ),
        })
        .collect();
    Ok(Thread { messages, zone })
}

/// When the witness opens their page: store their public key if the testimony has none
/// (given before it existed), and reseal to it any witness copy kept under the data key.
/// Does nothing (and writes nothing) when all is in place.
pub fn ensure_witness_key(
    conn: &mut DbConn,
    data_keys: &DataKeys,
    key: &WitnessKey,
    id: &TestimonyId,
) -> Result<(), ServiceError> {
    let needs = |conn: &mut DbConn| -> Result<bool, ServiceError> {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if t.erased_at.is_some() {
            return Ok(false);
        }
        let pending = db::messages::thread(conn, id.as_str())?
            .iter()
            .any(|m| m.witness_copy.as_deref().is_some_and(|c| !is_sealed_box(c)));
        Ok(t.witness_public_key.is_none() || pending)
    };
    if !needs(conn)? {
        return Ok(());
    }
    transaction(conn, |conn| {
        if !needs(conn)? {
            return Ok(());
        }
        let public = key.public();
        db::messages::set_witness_public_key(conn, id.as_str(), &public.to_bytes())?;
        for row in db::messages::thread(conn, id.as_str())? {
            let Some(copy) = row.witness_copy.as_deref().filter(|c| !is_sealed_box(c)) else {
                continue;
            };
            if let Ok(plain) = data_keys.open(copy) {
                let plain = zeroize::Zeroizing::new(plain);
                db::messages::set_witness_copy(conn, &row.id, &public.seal(&plain))?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_neither_empty_nor_too_long() {
        assert!(matches!(MessageText::parse("  \n "), Err(TextError::Empty)));
        assert!(matches!(
            MessageText::parse(&"x".repeat(MAX_MESSAGE_CHARS + 1)),
            Err(TextError::TooLong)
        ));
        let ok = MessageText::parse(" Which\0 day was it? ").unwrap();
        assert_eq!(ok.bytes(), b"Which day was it?");
    }
}
