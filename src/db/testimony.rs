//! Witness testimony: the original record (never edited), its append-only consent history,
//! the redaction request, additions, themes and attachment records.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    attachments, consent_records, redacted_versions, redaction_marks, redaction_requests,
    testimonies, testimony_additions, testimony_tags, testimony_themes, themes, translations,
    witness_messages,
};
use super::{DbConn, MultiBackend, new_id, now};
use crate::domain::consent::{Consent, ConsentMethod, ConsentScope, ConsentSet};
use crate::domain::ids::{AttachmentId, HearingId, TestimonyId};
use crate::domain::testimony::{
    Intake, ReviewStatus, TestimonyLanguage, WitnessRole, WitnessStatus,
};

/// A testimony as stored. What the witness wrote or gave is sealed: `sealed_body`,
/// `sealed_city` (when places are to be redacted), the identity fields, and
/// `witness_copy` (their own copy, under their receipt).
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = testimonies, check_for_backend(MultiBackend))]
pub struct Testimony {
    #[diesel(deserialize_as = String)]
    pub id: TestimonyId,
    #[diesel(deserialize_as = String)]
    pub hearing_id: HearingId,
    pub receipt_hash: String,
    #[diesel(deserialize_as = String)]
    pub status: ReviewStatus,
    #[diesel(deserialize_as = String)]
    pub language: TestimonyLanguage,
    #[diesel(deserialize_as = String)]
    pub witness_role: WitnessRole,
    pub place_state: String,
    pub place_city: String,
    pub period_from: String,
    pub period_to: Option<String>,
    pub witness_name: Option<Vec<u8>>,
    pub contact_email: Option<Vec<u8>>,
    pub contact_phone: Option<Vec<u8>>,
    #[diesel(deserialize_as = String)]
    pub intake: Intake,
    pub intake_by: Option<String>,
    pub interpreter: Option<String>,
    pub interpretation_language: Option<String>,
    pub submitted_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub sealed_body: Option<Vec<u8>>,
    pub sealed_city: Option<Vec<u8>>,
    pub witness_copy: Option<Vec<u8>>,
    /// When the witness erased everything they gave (always withdrawn too).
    pub erased_at: Option<NaiveDateTime>,
    /// The editor the testimony is assigned to.
    pub assigned_to: Option<String>,
    /// Why it was excluded (staff's note), while it is.
    pub exclusion_reason: Option<String>,
    /// The witness replied and no editor has read it yet.
    pub unread_reply: bool,
    /// The witness's own redaction requests were applied (by the first granted editor).
    pub redaction_started: bool,
    /// The editor's tags were seeded from the witness's themes.
    pub tags_seeded: bool,
    /// Messages for the witness are sealed to this key; only their receipt opens them.
    pub witness_public_key: Option<Vec<u8>>,
}

impl Testimony {
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn_at.is_some()
    }

    /// Where it stands, in the witness's terms.
    pub fn witness_status(&self) -> WitnessStatus {
        WitnessStatus::of(self.status, self.is_withdrawn())
    }

    pub fn has_contact(&self) -> bool {
        self.contact_email.is_some() || self.contact_phone.is_some()
    }
}

/// One entry of a testimony's consent history.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = consent_records, check_for_backend(MultiBackend))]
pub struct ConsentRecord {
    pub id: String,
    pub testimony_id: String,
    pub seq: i32,
    pub consent_text_id: String,
    pub method: String,
    pub recorded_by: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub scope_publish: bool,
    pub scope_quote: bool,
    pub scope_attribute: bool,
    pub scope_share_un: bool,
    pub scope_contact: bool,
    pub scope_media: bool,
}

impl ConsentRecord {
    /// The scopes as chosen.
    pub fn scopes(&self) -> ConsentSet {
        ConsentSet::new(
            [
                (self.scope_publish, ConsentScope::PublishAnonymously),
                (self.scope_quote, ConsentScope::QuoteVerbatim),
                (self.scope_attribute, ConsentScope::Attribute),
                (self.scope_share_un, ConsentScope::ShareWithUn),
                (self.scope_contact, ConsentScope::ContactForFollowUp),
                (self.scope_media, ConsentScope::ShareWithMedia),
            ]
            .into_iter()
            .filter_map(|(on, scope)| on.then_some(scope)),
        )
    }
}

/// The stored redaction request (terms still sealed).
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = redaction_requests, check_for_backend(MultiBackend))]
pub struct RedactionRow {
    pub testimony_id: String,
    pub redact_name: bool,
    pub redact_places: bool,
    pub redact_other_names: bool,
    pub redact_dates: bool,
    pub terms: Option<Vec<u8>>,
    pub updated_at: NaiveDateTime,
}

/// An attachment record; the bytes are in the data folder, encrypted.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = attachments, check_for_backend(MultiBackend))]
pub struct AttachmentRow {
    pub id: String,
    pub testimony_id: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: NaiveDateTime,
}

/// Something the witness added later, sealed like the testimony.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = testimony_additions, check_for_backend(MultiBackend))]
pub struct Addition {
    pub id: String,
    pub testimony_id: String,
    pub created_at: NaiveDateTime,
    pub sealed_body: Option<Vec<u8>>,
    pub witness_copy: Option<Vec<u8>>,
}

/// A new testimony, validated, with everything the witness gave already sealed.
pub struct NewTestimony {
    pub id: TestimonyId,
    pub hearing_id: HearingId,
    pub receipt_hash: String,
    /// The keyed hash of the form's submission key: a second post of the same form fails
    /// on it (unique).
    pub submission_hash: String,
    pub sealed_body: Vec<u8>,
    pub witness_copy: Vec<u8>,
    pub language: TestimonyLanguage,
    pub witness_role: WitnessRole,
    pub place_state: String,
    pub place_city: String,
    pub sealed_city: Option<Vec<u8>>,
    pub period_from: String,
    pub period_to: Option<String>,
    pub witness_name: Option<Vec<u8>>,
    pub contact_email: Option<Vec<u8>>,
    pub contact_phone: Option<Vec<u8>>,
    pub intake: Intake,
    pub intake_by: Option<String>,
    pub interpreter: Option<String>,
    pub interpretation_language: Option<String>,
    pub theme_ids: Vec<String>,
    pub consent: ConsentSet,
    pub consent_text_id: String,
    pub consent_method: ConsentMethod,
    pub redact_name: bool,
    pub redact_places: bool,
    pub redact_other_names: bool,
    pub redact_dates: bool,
    pub redact_terms: Option<Vec<u8>>,
    pub attachments: Vec<NewAttachment>,
}

/// An attachment record to insert (its sealed file is written by the caller).
pub struct NewAttachment {
    pub id: AttachmentId,
    pub content_type: String,
    pub size_bytes: i64,
}

/// Store a new testimony with its themes, first consent record, redaction request and
/// attachment records, all or nothing.
pub fn create(conn: &mut DbConn, t: &NewTestimony) -> QueryResult<()> {
    conn.transaction(|conn| {
        let at = now();
        diesel::insert_into(testimonies::table)
            .values((
                testimonies::id.eq(t.id.as_str()),
                testimonies::hearing_id.eq(t.hearing_id.as_str()),
                testimonies::receipt_hash.eq(&t.receipt_hash),
                testimonies::submission_hash.eq(&t.submission_hash),
                testimonies::status.eq(ReviewStatus::Received.code()),
                testimonies::sealed_body.eq(&t.sealed_body),
                testimonies::witness_copy.eq(&t.witness_copy),
                testimonies::language.eq(t.language.code()),
                testimonies::witness_role.eq(t.witness_role.code()),
                testimonies::place_state.eq(&t.place_state),
                testimonies::place_city.eq(&t.place_city),
                testimonies::sealed_city.eq(&t.sealed_city),
                testimonies::period_from.eq(&t.period_from),
                testimonies::period_to.eq(&t.period_to),
                testimonies::witness_name.eq(&t.witness_name),
                testimonies::contact_email.eq(&t.contact_email),
                testimonies::contact_phone.eq(&t.contact_phone),
                testimonies::intake.eq(t.intake.code()),
                testimonies::intake_by.eq(&t.intake_by),
                testimonies::interpreter.eq(&t.interpreter),
                testimonies::interpretation_language.eq(&t.interpretation_language),
                testimonies::submitted_at.eq(at),
                testimonies::updated_at.eq(at),
            ))
            .execute(conn)?;
        for theme in &t.theme_ids {
            diesel::insert_into(testimony_themes::table)
                .values((
                    testimony_themes::testimony_id.eq(t.id.as_str()),
                    testimony_themes::theme_id.eq(theme),
                ))
                .execute(conn)?;
        }
        insert_consent(
            conn,
            t.id.as_str(),
            1,
            &t.consent,
            &t.consent_text_id,
            t.consent_method,
            t.intake_by.as_deref(),
        )?;
        diesel::insert_into(redaction_requests::table)
            .values((
                redaction_requests::testimony_id.eq(t.id.as_str()),
                redaction_requests::redact_name.eq(t.redact_name),
                redaction_requests::redact_places.eq(t.redact_places),
                redaction_requests::redact_other_names.eq(t.redact_other_names),
                redaction_requests::redact_dates.eq(t.redact_dates),
                redaction_requests::terms.eq(&t.redact_terms),
                redaction_requests::updated_at.eq(at),
            ))
            .execute(conn)?;
        for a in &t.attachments {
            diesel::insert_into(attachments::table)
                .values((
                    attachments::id.eq(a.id.as_str()),
                    attachments::testimony_id.eq(t.id.as_str()),
                    attachments::content_type.eq(&a.content_type),
                    attachments::size_bytes.eq(a.size_bytes),
                    attachments::created_at.eq(at),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

fn insert_consent(
    conn: &mut DbConn,
    testimony_id: &str,
    seq: i32,
    scopes: &ConsentSet,
    consent_text_id: &str,
    method: ConsentMethod,
    recorded_by: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(consent_records::table)
        .values((
            consent_records::id.eq(new_id()),
            consent_records::testimony_id.eq(testimony_id),
            consent_records::seq.eq(seq),
            consent_records::scope_publish.eq(scopes.contains(ConsentScope::PublishAnonymously)),
            consent_records::scope_quote.eq(scopes.contains(ConsentScope::QuoteVerbatim)),
            consent_records::scope_attribute.eq(scopes.contains(ConsentScope::Attribute)),
            consent_records::scope_share_un.eq(scopes.contains(ConsentScope::ShareWithUn)),
            consent_records::scope_contact.eq(scopes.contains(ConsentScope::ContactForFollowUp)),
            consent_records::scope_media.eq(scopes.contains(ConsentScope::ShareWithMedia)),
            consent_records::consent_text_id.eq(consent_text_id),
            consent_records::method.eq(method.code()),
            consent_records::recorded_by.eq(recorded_by),
            consent_records::recorded_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Testimony>> {
    testimonies::table
        .find(id)
        .select(Testimony::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_receipt_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<Testimony>> {
    testimonies::table
        .filter(testimonies::receipt_hash.eq(hash))
        .select(Testimony::as_select())
        .first(conn)
        .optional()
}

/// The consent history, oldest first.
pub fn consent_history(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<ConsentRecord>> {
    consent_records::table
        .filter(consent_records::testimony_id.eq(testimony_id))
        .order(consent_records::seq.asc())
        .select(ConsentRecord::as_select())
        .load(conn)
}

/// The consent in force: the newest record, voided by withdrawal. Every use of testimony asks this.
pub fn current_consent(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Consent> {
    let testimony = testimonies::table
        .find(testimony_id)
        .select(Testimony::as_select())
        .first(conn)?;
    let latest: Option<ConsentRecord> = consent_records::table
        .filter(consent_records::testimony_id.eq(testimony_id))
        .order(consent_records::seq.desc())
        .select(ConsentRecord::as_select())
        .first(conn)
        .optional()?;
    Ok(Consent::new(
        latest.map(|r| r.scopes()).unwrap_or_default(),
        testimony.is_withdrawn(),
    ))
}

/// Record a change of consent as a new entry of the history. Refused (false) once withdrawn.
pub fn change_consent(
    conn: &mut DbConn,
    testimony_id: &str,
    scopes: &ConsentSet,
    consent_text_id: &str,
    method: ConsentMethod,
    recorded_by: Option<&str>,
) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let testimony = testimonies::table
            .find(testimony_id)
            .select(Testimony::as_select())
            .first(conn)?;
        if testimony.is_withdrawn() {
            return Ok(false);
        }
        let last: Option<i32> = consent_records::table
            .filter(consent_records::testimony_id.eq(testimony_id))
            .select(diesel::dsl::max(consent_records::seq))
            .first(conn)?;
        insert_consent(
            conn,
            testimony_id,
            last.unwrap_or(0) + 1,
            scopes,
            consent_text_id,
            method,
            recorded_by,
        )?;
        touch(conn, testimony_id)?;
        Ok(true)
    })
}

fn touch(conn: &mut DbConn, testimony_id: &str) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set(testimonies::updated_at.eq(now()))
        .execute(conn)
}

/// Withdraw the testimony: from now on no use of it is permitted.
pub fn withdraw(conn: &mut DbConn, testimony_id: &str) -> QueryResult<usize> {
    let t = now();
    diesel::update(
        testimonies::table
            .find(testimony_id)
            .filter(testimonies::withdrawn_at.is_null()),
    )
    .set((
        testimonies::withdrawn_at.eq(t),
        testimonies::updated_at.eq(t),
    ))
    .execute(conn)
}

/// Erase the witness's contact details; `witness_copy` is their copy without them.
pub fn delete_contact(
    conn: &mut DbConn,
    testimony_id: &str,
    witness_copy: Option<&[u8]>,
) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set((
            testimonies::contact_email.eq(None::<Vec<u8>>),
            testimonies::contact_phone.eq(None::<Vec<u8>>),
            testimonies::witness_copy.eq(witness_copy),
            testimonies::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// Add information to a testimony (the original stays as it was): sealed for staff, and
/// the witness's own copy.
pub fn add(
    conn: &mut DbConn,
    testimony_id: &str,
    sealed_body: &[u8],
    witness_copy: &[u8],
) -> QueryResult<()> {
    diesel::insert_into(testimony_additions::table)
        .values((
            testimony_additions::id.eq(new_id()),
            testimony_additions::testimony_id.eq(testimony_id),
            testimony_additions::sealed_body.eq(sealed_body),
            testimony_additions::witness_copy.eq(witness_copy),
            testimony_additions::created_at.eq(now()),
        ))
        .execute(conn)?;
    touch(conn, testimony_id).map(|_| ())
}

pub fn additions(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<Addition>> {
    testimony_additions::table
        .filter(testimony_additions::testimony_id.eq(testimony_id))
        .order(testimony_additions::created_at.asc())
        .select(Addition::as_select())
        .load(conn)
}

pub fn redaction(conn: &mut DbConn, testimony_id: &str) -> QueryResult<RedactionRow> {
    redaction_requests::table
        .find(testimony_id)
        .select(RedactionRow::as_select())
        .first(conn)
}

pub fn theme_ids(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<String>> {
    testimony_themes::table
        .inner_join(themes::table)
        .filter(testimony_themes::testimony_id.eq(testimony_id))
        .select(themes::id)
        .load(conn)
}

pub fn attachments_of(conn: &mut DbConn, testimony_id: &str) -> QueryResult<Vec<AttachmentRow>> {
    attachments::table
        .filter(attachments::testimony_id.eq(testimony_id))
        .order(attachments::created_at.asc())
        .select(AttachmentRow::as_select())
        .load(conn)
}

/// Counts of a hearing's testimony: by review state (not withdrawn), and withdrawn.
pub fn counts_of_hearing(
    conn: &mut DbConn,
    hearing_id: &str,
) -> QueryResult<(Vec<(ReviewStatus, i64)>, i64)> {
    let rows: Vec<(String, i64)> = testimonies::table
        .filter(testimonies::hearing_id.eq(hearing_id))
        .filter(testimonies::withdrawn_at.is_null())
        .group_by(testimonies::status)
        .select((testimonies::status, diesel::dsl::count_star()))
        .load(conn)?;
    let withdrawn = testimonies::table
        .filter(testimonies::hearing_id.eq(hearing_id))
        .filter(testimonies::withdrawn_at.is_not_null())
        .count()
        .get_result(conn)?;
    Ok((
        rows.into_iter()
            .filter_map(|(code, n)| ReviewStatus::parse(&code).map(|s| (s, n)))
            .collect(),
        withdrawn,
    ))
}

/// Replace the sealed redaction terms.
pub fn set_redaction_terms(
    conn: &mut DbConn,
    testimony_id: &str,
    sealed: Option<&[u8]>,
) -> QueryResult<usize> {
    diesel::update(redaction_requests::table.find(testimony_id))
        .set((
            redaction_requests::terms.eq(sealed),
            redaction_requests::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// Erase everything a witness gave: words, additions, identity, contact, redaction terms,
/// themes, place, period, consent history and attachment records. The row keeps only its
/// hearing, receipt hash and dates (submitted, withdrawn, erased), for the counts; fields
/// that cannot be empty take neutral values. Returns false if it was erased already.
pub fn erase(conn: &mut DbConn, testimony_id: &str) -> QueryResult<bool> {
    withdraw(conn, testimony_id)?;
    // The receipt kept for a repeated post of the form goes too; the form's hash stays, so
    // that a repeat is still recognised (and refused) rather than taken as new testimony.
    let submission: Option<Option<String>> = testimonies::table
        .find(testimony_id)
        .select(testimonies::submission_hash)
        .first(conn)
        .optional()?;
    if let Some(hash) = submission.flatten() {
        super::kept_receipts::delete(conn, &hash)?;
    }
    let t = now();
    let n = diesel::update(
        testimonies::table
            .find(testimony_id)
            .filter(testimonies::erased_at.is_null()),
    )
    .set((
        testimonies::erased_at.eq(t),
        testimonies::sealed_body.eq(None::<Vec<u8>>),
        testimonies::witness_copy.eq(None::<Vec<u8>>),
        testimonies::sealed_city.eq(None::<Vec<u8>>),
        testimonies::witness_name.eq(None::<Vec<u8>>),
        testimonies::contact_email.eq(None::<Vec<u8>>),
        testimonies::contact_phone.eq(None::<Vec<u8>>),
        testimonies::place_state.eq(""),
        testimonies::place_city.eq(""),
        testimonies::period_from.eq(""),
        testimonies::period_to.eq(None::<String>),
        testimonies::witness_role.eq(crate::domain::testimony::WitnessRole::Other.code()),
        testimonies::language.eq(TestimonyLanguage::Other.code()),
        testimonies::interpreter.eq(None::<String>),
        testimonies::interpretation_language.eq(None::<String>),
        testimonies::updated_at.eq(t),
    ))
    .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    diesel::delete(
        testimony_additions::table.filter(testimony_additions::testimony_id.eq(testimony_id)),
    )
    .execute(conn)?;
    diesel::delete(attachments::table.filter(attachments::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    diesel::delete(testimony_themes::table.filter(testimony_themes::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    diesel::delete(redaction_requests::table.find(testimony_id)).execute(conn)?;
    diesel::delete(consent_records::table.filter(consent_records::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    super::details::delete_all(conn, testimony_id)?;
    // What editors made from it goes too; excerpts keep only that they were withdrawn.
    diesel::delete(translations::table.filter(translations::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    diesel::delete(redaction_marks::table.filter(redaction_marks::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    diesel::delete(
        redacted_versions::table.filter(redacted_versions::testimony_id.eq(testimony_id)),
    )
    .execute(conn)?;
    diesel::delete(witness_messages::table.filter(witness_messages::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    diesel::delete(testimony_tags::table.filter(testimony_tags::testimony_id.eq(testimony_id)))
        .execute(conn)?;
    super::excerpts::erase_words(conn, testimony_id)?;
    super::search::remove_testimony(conn, testimony_id)?;
    diesel::update(testimonies::table.find(testimony_id))
        .set((
            testimonies::exclusion_reason.eq(None::<String>),
            testimonies::unread_reply.eq(false),
            testimonies::witness_public_key.eq(None::<Vec<u8>>),
        ))
        .execute(conn)?;
    Ok(true)
}
