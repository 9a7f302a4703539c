//! The witness changes what they said about their testimony besides consent: their
//! redaction request, themes, place and period. Each change is a dated record; what
//! identifies (the terms, a city to be redacted) is sealed like the rest, and their own
//! copy under the receipt follows.

use super::testimony::{Place, WitnessCopy, WitnessRefusal};
use super::{ServiceError, keys, transaction};
use crate::crypto::keys::WitnessKey;
use crate::db::{self, DbConn, details::NewDetails, hearings::Theme};
use crate::domain::ids::TestimonyId;
use crate::domain::redaction::RedactionRequest;
use crate::domain::testimony::Period;

/// What the witness says now, as they may change it.
pub struct Details {
    pub redaction: RedactionRequest,
    pub theme_ids: Vec<String>,
    pub place_state: String,
    pub place_city: String,
    pub period: Option<Period>,
}

/// The details as the witness's page shows them, with the hearing's themes to choose from.
pub struct DetailsView {
    pub redaction: RedactionRequest,
    pub theme_ids: Vec<String>,
    pub place_state: String,
    pub place_city: String,
    pub period_from: String,
    pub period_to: String,
    pub offered_themes: Vec<Theme>,
    /// When they changed them, oldest first.
    pub changes: Vec<chrono::NaiveDateTime>,
    /// False for testimony given before witness copies existed: the terms and a sealed
    /// city cannot be shown back, so they cannot be changed here.
    pub editable: bool,
}

/// The witness's current details, opened with the key from their receipt.
pub fn view(
    conn: &mut DbConn,
    id: &TestimonyId,
    key: &WitnessKey,
) -> Result<DetailsView, ServiceError> {
    let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
    let copy = t
        .witness_copy
        .as_deref()
        .map(|c| WitnessCopy::open(c, key))
        .transpose()?;
    let request = db::testimony::redaction(conn, id.as_str()).ok();
    Ok(DetailsView {
        redaction: RedactionRequest {
            name: request.as_ref().is_some_and(|r| r.redact_name),
            places: request.as_ref().is_some_and(|r| r.redact_places),
            other_names: request.as_ref().is_some_and(|r| r.redact_other_names),
            dates: request.as_ref().is_some_and(|r| r.redact_dates),
            terms: copy.as_ref().map(|c| c.terms.clone()).unwrap_or_default(),
        },
        theme_ids: db::testimony::theme_ids(conn, id.as_str())?,
        place_state: t.place_state.clone(),
        place_city: copy
            .as_ref()
            .and_then(|c| c.city.clone())
            .unwrap_or_else(|| t.place_city.clone()),
        period_from: t.period_from.clone(),
        period_to: t.period_to.clone().unwrap_or_default(),
        offered_themes: db::hearings::themes_of(conn, t.hearing_id.as_str())?,
        changes: db::details::changes(conn, id.as_str())?,
        editable: copy.is_some(),
    })
}

/// Make the witness's new details current, as one dated record.
pub fn change(
    conn: &mut DbConn,
    id: &TestimonyId,
    key: &WitnessKey,
    new: Details,
) -> Result<Result<(), WitnessRefusal>, ServiceError> {
    let org = keys::org_public(conn)?.sealer();
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if t.is_withdrawn() {
            return Ok(Err(WitnessRefusal::Withdrawn));
        }
        let Some(sealed_copy) = t.witness_copy.as_deref() else {
            return Err(ServiceError::NotFound);
        };
        let mut copy = WitnessCopy::open(sealed_copy, key)?;
        let place = Place::at_rest(&org, new.redaction.places, &new.place_city);
        copy.city = place.witness_copy.clone();
        copy.terms = new.redaction.terms.clone();
        let details = NewDetails {
            redact_name: new.redaction.name,
            redact_places: new.redaction.places,
            redact_other_names: new.redaction.other_names,
            redact_dates: new.redaction.dates,
            sealed_terms: (!new.redaction.terms.is_empty())
                .then(|| org.seal_str(&new.redaction.terms_text())),
            theme_ids: new.theme_ids,
            place_state: new.place_state.trim().to_string(),
            place_city: place.clear,
            sealed_city: place.sealed,
            period_from: new.period.map(|p| p.from.code()).unwrap_or_default(),
            period_to: new.period.and_then(|p| p.to).map(|p| p.code()),
            witness_copy: copy.seal(key)?,
        };
        db::details::change(conn, id.as_str(), &details)?;
        Ok(Ok(()))
    })
}
