//! Witness testimony: receiving it (sealed on arrival), the witness's return visits with
//! their receipt (reading their own words, adding, changing consent, deleting contact
//! details, withdrawing), and granted staff opening an original.

use std::path::Path;

use super::receipts::{self, IssuedReceipt, Submitted};
use super::{ServiceError, audit, keys, transaction};
use crate::attachments;
use crate::crypto::keys::{OrgSecretKey, Sealer, WitnessKey};
use crate::db::excerpts::Invalidation;
use crate::db::{self, DbConn, testimony::NewAttachment, testimony::NewTestimony};
use crate::domain::account::Email;
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::consent::{Consent, ConsentMethod, ConsentScope, ConsentSet};
use crate::domain::ids::{AttachmentId, HearingId, TestimonyId, UserId};
use crate::domain::receipt::Receipt;
use crate::domain::redaction::RedactionRequest;
use crate::domain::submission::SubmissionKey;
use crate::domain::testimony::{Intake, Period, TestimonyLanguage, WitnessRole, WitnessStatus};
use crate::domain::text::OriginalText;
use crate::i18n::Lang;
use crate::mail::OutgoingMail;

/// A checked submission, ready to seal and store.
pub struct Submission {
    pub hearing_id: HearingId,
    pub consent_text_id: String,
    pub body: OriginalText,
    pub role: WitnessRole,
    pub place_state: String,
    pub place_city: String,
    pub period: Option<Period>,
    pub theme_ids: Vec<String>,
    pub language: TestimonyLanguage,
    pub name: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub consent: ConsentSet,
    pub redaction: RedactionRequest,
    pub files: Vec<(attachments::Kind, attachments::FileBuf)>,
    pub consent_method: ConsentMethod,
    pub interpreter: Option<String>,
    pub interpretation_language: Option<String>,
    /// The staff member who took it, for assisted intake.
    pub taken_by: Option<UserId>,
    /// The confirmation email, when the witness gave an address and allowed contact.
    pub confirmation: Option<OutgoingMail>,
}

/// The witness's own copy of what they gave, sealed under their receipt.
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub(super) struct WitnessCopy {
    pub(super) body: String,
    pub(super) name: Option<String>,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) city: Option<String>,
    pub(super) terms: Vec<String>,
}

impl WitnessCopy {
    pub(super) fn seal(&self, key: &WitnessKey) -> Result<Vec<u8>, ServiceError> {
        let json = zeroize::Zeroizing::new(serde_json::to_vec(self).map_err(anyhow::Error::new)?);
        Ok(key.seal(&json))
    }

    pub(super) fn open(sealed: &[u8], key: &WitnessKey) -> Result<Self, ServiceError> {
        let json = key.open(sealed)?;
        Ok(serde_json::from_slice(&json).map_err(anyhow::Error::new)?)
    }
}

/// A city as it is kept: in clear, or sealed when the witness asked for places to be
/// redacted (and then also in their own copy, so that they can see it).
pub(super) struct Place {
    pub(super) clear: String,
    pub(super) sealed: Option<Vec<u8>>,
    pub(super) witness_copy: Option<String>,
}

impl Place {
    pub(super) fn at_rest(org: &Sealer, redact_places: bool, city: &str) -> Self {
        let city = city.trim().to_string();
        if redact_places && !city.is_empty() {
            Self {
                clear: String::new(),
                sealed: Some(org.seal_str(&city)),
                witness_copy: Some(city),
            }
        } else {
            Self {
                clear: city,
                sealed: None,
                witness_copy: None,
            }
        }
    }
}

/// The keyed hash a receipt is found by (the receipt itself is never stored).
pub fn receipt_hash(data_keys: &crate::crypto::DataKeys, receipt: &Receipt) -> String {
    data_keys.keyed_hash("receipt", receipt.digits().as_bytes())
}

fn seal_opt(org: &Sealer, value: Option<&str>) -> Option<Vec<u8>> {
    value.map(|v| org.seal_str(v))
}

/// Receive a testimony: everything the witness gave is sealed to the organisation key,
/// their own copy is sealed under the receipt, attachments are written sealed, and every
/// row (with the receipt kept for a repeat of the form and the confirmation email's outbox
/// row) is stored in one transaction. Returns the receipt, which is kept nowhere else but
/// sealed under the form's key for a few minutes.
///
/// A form is submitted once: when a testimony already came from `key`, nothing is stored
/// and the answer is that earlier submission. Two posts of one form at the same time are
/// decided by the unique submission hash: the loser finds the winner's receipt.
pub fn submit(
    conn: &mut DbConn,
    data_keys: &crate::crypto::DataKeys,
    data_dir: &Path,
    key: &SubmissionKey,
    mut s: Submission,
) -> Result<Submitted, ServiceError> {
    if let Some(earlier) = receipts::find_submitted(conn, data_keys, key, db::now())? {
        return Ok(earlier);
    }
    let org = keys::org_public(conn)?;
    let receipt = Receipt::generate();
    let submission_hash = receipts::submission_hash(data_keys, key);
    let id = TestimonyId::new();
    let witness_key = WitnessKey::derive(receipt.digits(), id.as_str());
    let sealer = org.sealer();
    let place = Place::at_rest(&sealer, s.redaction.places, &s.place_city);
    let copy = WitnessCopy {
        body: s.body.reveal().to_string(),
        name: s.name.clone(),
        email: s.email.as_ref().map(|e| e.as_str().to_string()),
        phone: s.phone.clone(),
        city: place.witness_copy.clone(),
        terms: s.redaction.terms.clone(),
    };
    let mut stored_files = Vec::new();
    // Each file is sealed where it lies and let go as soon as it is written.
    for (kind, bytes) in std::mem::take(&mut s.files) {
        let attachment_id = AttachmentId::new();
        let size_bytes = bytes.len() as i64;
        if let Err(e) = attachments::store(data_dir, &sealer, &id, &attachment_id, bytes) {
            attachments::remove_all(data_dir, &id);
            return Err(e.into());
        }
        stored_files.push(NewAttachment {
            id: attachment_id,
            content_type: kind.mime().to_string(),
            size_bytes,
        });
    }
    let new = NewTestimony {
        id: id.clone(),
        hearing_id: s.hearing_id,
        receipt_hash: receipt_hash(data_keys, &receipt),
        submission_hash: submission_hash.clone(),
        sealed_body: sealer.seal_text(&s.body),
        witness_copy: copy.seal(&witness_key)?,
        language: s.language,
        witness_role: s.role,
        place_state: s.place_state.trim().to_string(),
        place_city: place.clear,
        sealed_city: place.sealed,
        period_from: s.period.map(|p| p.from.code()).unwrap_or_default(),
        period_to: s.period.and_then(|p| p.to).map(|t| t.code()),
        witness_name: seal_opt(&sealer, s.name.as_deref()),
        contact_email: seal_opt(&sealer, s.email.as_ref().map(|e| e.as_str())),
        contact_phone: seal_opt(&sealer, s.phone.as_deref()),
        intake: if s.taken_by.is_some() {
            Intake::Assisted
        } else {
            Intake::Online
        },
        intake_by: s.taken_by.map(|u| u.to_string()),
        interpreter: s.interpreter,
        interpretation_language: s.interpretation_language,
        theme_ids: s.theme_ids,
        consent: s.consent,
        consent_text_id: s.consent_text_id,
        consent_method: s.consent_method,
        redact_name: s.redaction.name,
        redact_places: s.redaction.places,
        redact_other_names: s.redaction.other_names,
        redact_dates: s.redaction.dates,
        redact_terms: (!s.redaction.terms.is_empty())
            .then(|| sealer.seal_str(&s.redaction.terms_text())),
        attachments: stored_files,
    };
    let issued = IssuedReceipt {
        receipt,
        submitted_at: db::now(),
    };
    let saved = transaction(conn, |conn| {
        db::testimony::create(conn, &new)?;
        db::messages::set_witness_public_key(conn, id.as_str(), &witness_key.public().to_bytes())?;
        receipts::keep(conn, key, &submission_hash, &issued)?;
        if let Some(mail) = &s.confirmation {
            crate::mail::enqueue(conn, data_keys, "testimony-confirmation", mail)?;
        }
        Ok(())
    });
    match saved {
        Ok(()) => Ok(Submitted::Now(issued)),
        Err(e) => {
            attachments::remove_all(data_dir, &id);
            // Another post of the same form was stored first: answer as it was answered.
            if is_unique_violation(&e)
                && let Some(earlier) = receipts::find_submitted(conn, data_keys, key, db::now())?
            {
                return Ok(earlier);
            }
            Err(e)
        }
    }
}

fn is_unique_violation(e: &ServiceError) -> bool {
    matches!(e, ServiceError::Db(crate::db::DbError::Query(q)) if db::is_unique_violation(q))
}

/// Find the testimony a receipt opens, and the key to the witness's own copy.
pub fn open_with_receipt(
    conn: &mut DbConn,
    data_keys: &crate::crypto::DataKeys,
    receipt: &Receipt,
) -> Result<Option<(TestimonyId, WitnessKey)>, ServiceError> {
    let hash = receipt_hash(data_keys, receipt);
    Ok(db::testimony::find_by_receipt_hash(conn, &hash)?.map(|t| {
        let key = WitnessKey::derive(receipt.digits(), t.id.as_str());
        (t.id, key)
    }))
}

/// What the witness sees on their page.
pub struct WitnessView {
    pub hearing_title: String,
    pub submitted_at: chrono::NaiveDateTime,
    pub status: WitnessStatus,
    pub withdrawn: bool,
    /// When the witness erased everything they gave.
    pub erased_at: Option<chrono::NaiveDateTime>,
    /// Their words; `None` for testimony given before witness copies existed.
    pub body: Option<OriginalText>,
    pub additions: Vec<(chrono::NaiveDateTime, Option<OriginalText>)>,
    pub consent: Consent,
    pub consent_text: String,
    pub has_contact: bool,
}

/// The witness's view of their testimony, opened with the key from their receipt.
pub fn witness_view(
    conn: &mut DbConn,
    id: &TestimonyId,
    key: &WitnessKey,
    lang: Lang,
) -> Result<WitnessView, ServiceError> {
    let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    let mut hearing =
        db::hearings::find(conn, t.hearing_id.as_str())?.ok_or(ServiceError::NotFound)?;
    db::hearings::localize(conn, &mut hearing, lang)?;
    let copy = t
        .witness_copy
        .as_deref()
        .map(|c| WitnessCopy::open(c, key))
        .transpose()?;
    let additions = db::testimony::additions(conn, id.as_str())?
        .into_iter()
        .map(|a| {
            let text = a
                .witness_copy
                .as_deref()
                .and_then(|c| key.open(c).ok())
                .and_then(|b| String::from_utf8(b.to_vec()).ok())
                .map(OriginalText::opened);
            (a.created_at, text)
        })
        .collect();
    let consent_text = db::hearings::current_consent_text(conn, &hearing, lang)?.body;
    Ok(WitnessView {
        hearing_title: hearing.title,
        submitted_at: t.submitted_at,
        status: t.witness_status(),
        withdrawn: t.is_withdrawn(),
        erased_at: t.erased_at,
        body: copy.map(|c| OriginalText::opened(c.body)),
        additions,
        consent: db::testimony::current_consent(conn, id.as_str())?,
        consent_text,
        has_contact: t.has_contact(),
    })
}

/// Why a witness's change was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum WitnessRefusal {
    /// The testimony was withdrawn: nothing can change any more.
    Withdrawn,
    /// Consent to be contacted needs contact details, and there are none.
    NoContactDetails,
}

/// Add information: sealed for staff, and a copy under the receipt for the witness.
pub fn add_information(
    conn: &mut DbConn,
    id: &TestimonyId,
    key: &WitnessKey,
    text: &OriginalText,
) -> Result<Result<(), WitnessRefusal>, ServiceError> {
    let org = keys::org_public(conn)?;
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if t.is_withdrawn() {
            return Ok(Err(WitnessRefusal::Withdrawn));
        }
        db::testimony::add(
            conn,
            id.as_str(),
            &org.seal_text(text),
            &key.seal(text.reveal().as_bytes()),
        )?;
        Ok(Ok(()))
    })
}

/// Record a new choice of consent (a new record of the history, against the hearing's
/// current consent text in `lang`, the one the witness's page shows).
pub fn change_consent(
    conn: &mut DbConn,
    id: &TestimonyId,
    chosen: &ConsentSet,
    lang: Lang,
) -> Result<Result<(), WitnessRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if t.is_withdrawn() {
            return Ok(Err(WitnessRefusal::Withdrawn));
        }
        if chosen.contains(ConsentScope::ContactForFollowUp) && !t.has_contact() {
            return Ok(Err(WitnessRefusal::NoContactDetails));
        }
        let hearing =
            db::hearings::find(conn, t.hearing_id.as_str())?.ok_or(ServiceError::NotFound)?;
        let text = db::hearings::current_consent_text(conn, &hearing, lang)?;
        db::testimony::change_consent(
            conn,
            id.as_str(),
            chosen,
            &text.id,
            ConsentMethod::Online,
            None,
        )?;
        after_consent_change(conn, id, &Actor::Witness)?;
        Ok(Ok(()))
    })
}

/// After a new consent record: excerpts follow it (or are invalidated), and the trail
/// says what the witness now allows (scope names only).
pub(crate) fn after_consent_change(
    conn: &mut DbConn,
    id: &TestimonyId,
    actor: &Actor,
) -> Result<(), ServiceError> {
    let consent = db::testimony::current_consent(conn, id.as_str())?;
    let record = db::testimony::consent_history(conn, id.as_str())?
        .into_iter()
        .max_by_key(|r| r.seq)
        .ok_or(ServiceError::NotFound)?;
    let invalidated = db::excerpts::follow_consent(
        conn,
        id.as_str(),
        &record.id,
        consent.permits(ConsentScope::QuoteVerbatim),
        consent.permits(ConsentScope::Attribute),
    )?;
    let scopes: Vec<&str> = consent.chosen().iter().map(|s| s.code()).collect();
    audit::record(
        conn,
        actor,
        Action::ConsentChanged,
        RecordKind::Testimony,
        id.as_str(),
        format!(
            "record {}: {}",
            record.seq,
            if scopes.is_empty() {
                "nothing".to_string()
            } else {
                scopes.join(", ")
            }
        ),
    )?;
    if invalidated > 0 || !consent.permits(ConsentScope::PublishAnonymously) {
        super::reports::flag_consent_change(conn, id.as_str(), "changed their consent")?;
    }
    if invalidated > 0 {
        audit::record(
            conn,
            actor,
            Action::ExcerptsInvalidated,
            RecordKind::Testimony,
            id.as_str(),
            format!("{invalidated} excerpt(s): consent changed"),
        )?;
    }
    Ok(())
}

/// Withdraw: from now on no use of the testimony is permitted.
pub fn withdraw(conn: &mut DbConn, id: &TestimonyId) -> Result<(), ServiceError> {
    transaction(conn, |conn| {
        if db::testimony::withdraw(conn, id.as_str())? == 0 {
            return Ok(());
        }
        let invalidated =
            db::excerpts::invalidate(conn, id.as_str(), None, Invalidation::Withdrawn)?;
        audit::record(
            conn,
            &Actor::Witness,
            Action::Withdrawn,
            RecordKind::Testimony,
            id.as_str(),
            format!("{invalidated} excerpt(s) invalidated"),
        )?;
        super::reports::flag_consent_change(conn, id.as_str(), "withdrew their testimony")?;
        Ok(())
    })
}

/// Withdraw and erase everything the witness gave (see `db::testimony::erase`), then
/// delete its attachment files. Cannot be undone.
pub fn erase(conn: &mut DbConn, data_dir: &Path, id: &TestimonyId) -> Result<(), ServiceError> {
    transaction(conn, |conn| {
        if db::testimony::erase(conn, id.as_str())? {
            audit::record(
                conn,
                &Actor::Witness,
                Action::Erased,
                RecordKind::Testimony,
                id.as_str(),
                "withdrawn and erased",
            )?;
            super::reports::flag_consent_change(conn, id.as_str(), "erased their testimony")?;
        }
        Ok(())
    })?;
    attachments::remove_all(data_dir, id);
    db::flush_deleted(conn)?;
    Ok(())
}

/// Delete the witness's contact details (from the sealed record and their own copy); consent
/// to be contacted, having nothing left to act on, ends with them.
pub fn delete_contact(
    conn: &mut DbConn,
    id: &TestimonyId,
    key: &WitnessKey,
    lang: Lang,
) -> Result<(), ServiceError> {
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        let copy = match t.witness_copy.as_deref() {
            Some(sealed) => {
                let mut copy = WitnessCopy::open(sealed, key)?;
                copy.email = None;
                copy.phone = None;
                Some(copy.seal(key)?)
            }
            None => None,
        };
        db::testimony::delete_contact(conn, id.as_str(), copy.as_deref())?;
        audit::record(
            conn,
            &Actor::Witness,
            Action::ContactDeleted,
            RecordKind::Testimony,
            id.as_str(),
            "",
        )?;
        let consent = db::testimony::current_consent(conn, id.as_str())?;
        if consent.chosen().contains(ConsentScope::ContactForFollowUp) && !consent.is_withdrawn() {
            let rest = ConsentSet::new(
                consent
                    .chosen()
                    .iter()
                    .filter(|s| *s != ConsentScope::ContactForFollowUp),
            );
            let hearing =
                db::hearings::find(conn, t.hearing_id.as_str())?.ok_or(ServiceError::NotFound)?;
            let text = db::hearings::current_consent_text(conn, &hearing, lang)?;
            db::testimony::change_consent(
                conn,
                id.as_str(),
                &rest,
                &text.id,
                ConsentMethod::Online,
                None,
            )?;
            after_consent_change(conn, id, &Actor::Witness)?;
        }
        Ok(())
    })
}

/// An original as granted staff see it.
pub struct Original {
    pub body: OriginalText,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub terms: Vec<String>,
    pub additions: Vec<OriginalText>,
    pub attachments: Vec<(db::testimony::AttachmentRow, Vec<u8>)>,
}

/// Open a testimony's original with the organisation key held by a granted session.
pub fn open_original(
    conn: &mut DbConn,
    data_dir: &Path,
    org: &OrgSecretKey,
    id: &TestimonyId,
) -> Result<Original, ServiceError> {
    let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    let open = |v: &Option<Vec<u8>>| v.as_deref().map(|s| org.open_str(s)).transpose();
    let body = match t.sealed_body.as_deref() {
        Some(s) => org.open_text(s)?,
        None => OriginalText::opened(String::new()),
    };
    let terms = db::testimony::redaction(conn, id.as_str())?
        .terms
        .as_deref()
        .map(|s| org.open_str(s))
        .transpose()?
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let additions = db::testimony::additions(conn, id.as_str())?
        .iter()
        .filter_map(|a| a.sealed_body.as_deref())
        .map(|s| org.open_text(s))
        .collect::<Result<_, _>>()?;
    let mut files = Vec::new();
    for row in db::testimony::attachments_of(conn, id.as_str())? {
        let bytes = attachments::load(data_dir, org, id, &AttachmentId::from(row.id.as_str()))?;
        files.push((row, bytes));
    }
    Ok(Original {
        body,
        name: open(&t.witness_name)?,
        email: open(&t.contact_email)?,
        phone: open(&t.contact_phone)?,
        city: open(&t.sealed_city)?.or(Some(t.place_city.clone()).filter(|c| !c.is_empty())),
        terms,
        additions,
        attachments: files,
    })
}
