//! On their page, the witness changes their redaction request, themes, place and period.
//! Each change is a dated record (see `service::details`).

use actix_web::{HttpResponse, post, web};

use super::check::{load, mine_page, witness};
use crate::domain::FormErrors;
use crate::domain::redaction::RedactionRequest;
use crate::error::AppError;
use crate::service::details::{self as svc, Details, DetailsView};
use crate::service::testimony::WitnessRefusal;
use crate::state::AppState;
use crate::web::{self as w, Ctx, Form};

/// The details as the form shows them, or as the witness typed them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DetailsForm {
    pub themes: Vec<String>,
    pub place_state: String,
    pub place_city: String,
    pub period_from: String,
    pub period_to: String,
    pub redact_name: String,
    pub redact_places: String,
    pub redact_other_names: String,
    pub redact_dates: String,
    pub redact_terms: String,
}

fn flag(on: bool) -> String {
    if on { "1".into() } else { String::new() }
}

impl DetailsForm {
    /// The current details, to show in the form.
    pub fn from_view(v: &DetailsView) -> Self {
        Self {
            themes: v.theme_ids.clone(),
            place_state: v.place_state.clone(),
            place_city: v.place_city.clone(),
            period_from: v.period_from.clone(),
            period_to: v.period_to.clone(),
            redact_name: flag(v.redaction.name),
            redact_places: flag(v.redaction.places),
            redact_other_names: flag(v.redaction.other_names),
            redact_dates: flag(v.redaction.dates),
            redact_terms: v.redaction.terms_text(),
        }
    }

    pub fn has_theme(&self, id: &str) -> bool {
        self.themes.iter().any(|t| t == id)
    }

    pub fn is_on(&self, field: &str) -> bool {
        let value = match field {
            "redact_name" => &self.redact_name,
            "redact_places" => &self.redact_places,
            "redact_other_names" => &self.redact_other_names,
            _ => &self.redact_dates,
        };
        !value.is_empty()
    }
}

#[post("/my-testimony/details")]
pub async fn change(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = witness(&ctx)?;
    let loaded = load(&state, id.clone(), key.clone(), ctx.lang).await?;
    let mut errors = FormErrors::default();
    let offered = loaded.details_offered();
    let words = super::wording::Wording::new(ctx.lang, false);
    let (period, theme_ids) = super::validate::check_place_period_themes(
        &words,
        &mut errors,
        [&form.place_state, &form.place_city],
        [&form.period_from, &form.period_to],
        &form.themes,
        offered,
    );
    let terms = super::validate::check_terms(&words, &mut errors, &form.redact_terms);
    if errors.is_empty() {
        let details = Details {
            redaction: RedactionRequest {
                name: form.is_on("redact_name"),
                places: form.is_on("redact_places"),
                other_names: form.is_on("redact_other_names"),
                dates: form.is_on("redact_dates"),
                terms,
            },
            theme_ids,
            place_state: form.place_state.clone(),
            place_city: form.place_city.clone(),
            period,
        };
        let (target, k) = (id.clone(), key.clone());
        let done = crate::service::run(&state.pool, move |conn| {
            svc::change(conn, &target, &k, details)
        })
        .await?;
        match done {
            Ok(()) => {
                ctx.set_flash(&ctx.t("mine-details-saved"));
                return Ok(w::see_other("/my-testimony"));
            }
            Err(WitnessRefusal::Withdrawn) => errors.add("themes", ctx.t("mine-withdrawn")),
            Err(WitnessRefusal::NoContactDetails) => {}
        }
    }
    let mut page = mine_page(ctx, loaded, String::new(), errors);
    page.details = form;
    w::invalid(&page)
}
