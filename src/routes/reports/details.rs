//! A version's details: title, State under review, cycle, contact, keywords, the
//! editors' introduction and conclusions lead, the hearings it covers, and the
//! submitting organisations.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::list::{HearingChoice, hearing_choices};
use super::{Header, errors, lines};
use crate::db::reports::{self as q, parts::SubmitterRow};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::service::reports::DetailsInput;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DetailsForm {
    pub title: String,
    pub state_under_review: String,
    pub cycle: String,
    pub contact_name: String,
    pub contact_email: String,
    pub keywords: String,
    pub introduction: String,
    pub conclusions: String,
    pub hearings: Vec<String>,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SubmitterForm {
    pub name: String,
    pub short_code: String,
    pub description: String,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RemoveForm {
    pub submitter_id: String,
}

#[derive(Template)]
#[template(path = "reports/details.html")]
pub struct DetailsPage {
    pub ctx: Ctx,
    pub header: Header,
    pub form: DetailsForm,
    pub hearings: Vec<HearingChoice>,
    pub submitters: Vec<SubmitterRow>,
    pub submitter: SubmitterForm,
    pub errors: FormErrors,
}

/// What the page shows: the typed form after a refusal, else what is stored.
async fn page(
    staff: Staff,
    state: &AppState,
    id: String,
    typed: Option<DetailsForm>,
    submitter: SubmitterForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (header, form, hearings, submitters) = web::run_db(&state.pool, move |conn| {
        let header = Header::load(conn, &id, "/details")?;
        let form = match typed {
            Some(f) => f,
            None => {
                let v = q::find_version(conn, &id)?.ok_or(AppError::NotFound)?;
                DetailsForm {
                    keywords: lines(&v.keywords),
                    hearings: q::hearing_ids(conn, &id)?,
                    title: v.title,
                    state_under_review: v.state_under_review,
                    cycle: v.cycle,
                    contact_name: v.contact_name,
                    contact_email: v.contact_email,
                    introduction: v.introduction,
                    conclusions: v.conclusions,
                }
            }
        };
        let hearings = hearing_choices(conn, &form.hearings)?;
        let submitters = q::parts::submitters(conn, &id)?;
        Ok((header, form, hearings, submitters))
    })
    .await?;
    let page = DetailsPage {
        ctx: staff.ctx,
        header,
        form,
        hearings,
        submitters,
        submitter,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/reports/{id}/details")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    page(
        staff,
        &state,
        id.into_inner(),
        None,
        SubmitterForm::default(),
        FormErrors::default(),
    )
    .await
}

#[post("/staff/reports/{id}/details")]
pub async fn save(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let input = DetailsInput {
        title: form.title.clone(),
        state_under_review: form.state_under_review.clone(),
        cycle: form.cycle.clone(),
        contact_name: form.contact_name.clone(),
        contact_email: form.contact_email.clone(),
        keywords: form.keywords.clone(),
        introduction: form.introduction.clone(),
        conclusions: form.conclusions.clone(),
        hearing_ids: form.hearings.clone(),
    };
    let (by, vid) = (UserId::from(staff.user.id.clone()), id.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::save_details(conn, &by, &vid, &input)
    })
    .await?;
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash("The details were saved.");
            Ok(web::see_other(&format!("/staff/reports/{id}/details")))
        }
        Err(refusals) => {
            page(
                staff,
                &state,
                id,
                Some(form),
                SubmitterForm::default(),
                errors(refusals),
            )
            .await
        }
    }
}

#[post("/staff/reports/{id}/submitters")]
pub async fn add_submitter(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<SubmitterForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, vid, f) = (
        UserId::from(staff.user.id.clone()),
        id.clone(),
        form.clone(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::add_submitter(
            conn,
            &by,
            &vid,
            &f.name,
            &f.short_code,
            &f.description,
        )
    })
    .await?;
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash("The organisation was added.");
            Ok(web::see_other(&format!(
                "/staff/reports/{id}/details#submitters"
            )))
        }
        Err(refusals) => page(staff, &state, id, None, form, errors(refusals)).await,
    }
}

#[post("/staff/reports/{id}/submitters/remove")]
pub async fn remove_submitter(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, vid) = (UserId::from(staff.user.id.clone()), id.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::remove_submitter(conn, &by, &vid, &form.submitter_id)
    })
    .await?;
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash("The organisation was removed.");
            Ok(web::see_other(&format!(
                "/staff/reports/{id}/details#submitters"
            )))
        }
        Err(refusals) => {
            page(
                staff,
                &state,
                id,
                None,
                SubmitterForm::default(),
                errors(refusals),
            )
            .await
        }
    }
}
