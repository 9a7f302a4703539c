//! Witness testimony: the original record (never edited), its append-only consent history,
//! the redaction request, additions, themes and attachment records.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    attachments, consent_records, redaction_requests, testimonies, testimony_additions,
    testimony_themes, themes,
};
use super::{DbConn, MultiBackend, new_id, now};
use crate::domain::consent::{Consent, ConsentMethod, ConsentSet};
use crate::domain::testimony::{Intake, TestimonyStatus};

/// A testimony as stored. Identity fields are sealed (encrypted) bytes.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = testimonies, check_for_backend(MultiBackend))]
pub struct Testimony {
    pub id: String,
    pub hearing_id: String,
    pub receipt_hash: String,
    pub status: String,
    pub body: String,
    pub language: String,
    pub witness_role: String,
    pub place_state: String,
    pub place_city: String,
    pub period_from: String,
    pub period_to: Option<String>,
    pub witness_name: Option<Vec<u8>>,
    pub contact_email: Option<Vec<u8>>,
    pub contact_phone: Option<Vec<u8>>,
    pub intake: String,
    pub intake_by: Option<String>,
    pub interpreter: Option<String>,
    pub interpretation_language: Option<String>,
    pub submitted_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
}

impl Testimony {
    pub fn status(&self) -> TestimonyStatus {
        TestimonyStatus::parse(&self.status).unwrap_or(TestimonyStatus::Received)
    }

    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn_at.is_some() || self.status() == TestimonyStatus::Withdrawn
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
    pub scopes: String,
    pub consent_text_id: String,
    pub method: String,
    pub recorded_by: Option<String>,
    pub recorded_at: NaiveDateTime,
}

impl ConsentRecord {
    /// The scopes as chosen (an unreadable record grants nothing).
    pub fn scopes(&self) -> ConsentSet {
        ConsentSet::from_codes(&self.scopes).unwrap_or_default()
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
    pub sha256: String,
    pub created_at: NaiveDateTime,
}

/// Something the witness added later.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = testimony_additions, check_for_backend(MultiBackend))]
pub struct Addition {
    pub id: String,
    pub testimony_id: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// A new testimony, validated, with identity fields already sealed.
pub struct NewTestimony {
    pub id: String,
    pub hearing_id: String,
    pub receipt_hash: String,
    pub body: String,
    pub language: String,
    pub witness_role: String,
    pub place_state: String,
    pub place_city: String,
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

/// An attachment record to insert (its file is written by the caller).
pub struct NewAttachment {
    pub id: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// Store a new testimony with its themes, first consent record, redaction request and
/// attachment records, all or nothing.
pub fn create(conn: &mut DbConn, t: &NewTestimony) -> QueryResult<()> {
    conn.transaction(|conn| {
        let at = now();
        diesel::insert_into(testimonies::table)
            .values((
                testimonies::id.eq(&t.id),
                testimonies::hearing_id.eq(&t.hearing_id),
                testimonies::receipt_hash.eq(&t.receipt_hash),
                testimonies::status.eq(TestimonyStatus::Received.code()),
                testimonies::body.eq(&t.body),
                testimonies::language.eq(&t.language),
                testimonies::witness_role.eq(&t.witness_role),
                testimonies::place_state.eq(&t.place_state),
                testimonies::place_city.eq(&t.place_city),
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
                    testimony_themes::testimony_id.eq(&t.id),
                    testimony_themes::theme_id.eq(theme),
                ))
                .execute(conn)?;
        }
        insert_consent(
            conn,
            &t.id,
            1,
            &t.consent,
            &t.consent_text_id,
            t.consent_method,
            t.intake_by.as_deref(),
        )?;
        diesel::insert_into(redaction_requests::table)
            .values((
                redaction_requests::testimony_id.eq(&t.id),
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
                    attachments::id.eq(&a.id),
                    attachments::testimony_id.eq(&t.id),
                    attachments::content_type.eq(&a.content_type),
                    attachments::size_bytes.eq(a.size_bytes),
                    attachments::sha256.eq(&a.sha256),
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
            consent_records::scopes.eq(scopes.to_codes()),
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
        testimonies::status.eq(TestimonyStatus::Withdrawn.code()),
        testimonies::withdrawn_at.eq(t),
        testimonies::updated_at.eq(t),
    ))
    .execute(conn)
}

/// Erase the witness's contact details.
pub fn delete_contact(conn: &mut DbConn, testimony_id: &str) -> QueryResult<usize> {
    diesel::update(testimonies::table.find(testimony_id))
        .set((
            testimonies::contact_email.eq(None::<Vec<u8>>),
            testimonies::contact_phone.eq(None::<Vec<u8>>),
            testimonies::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// Add information to a testimony (the original stays as it was).
pub fn add(conn: &mut DbConn, testimony_id: &str, body: &str) -> QueryResult<()> {
    diesel::insert_into(testimony_additions::table)
        .values((
            testimony_additions::id.eq(new_id()),
            testimony_additions::testimony_id.eq(testimony_id),
            testimony_additions::body.eq(body),
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
