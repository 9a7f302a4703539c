//! The reports page: every report with its newest version, and starting a new one.

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::db;
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::report::model::VersionStatus;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CreateForm {
    pub title: String,
    pub hearings: Vec<String>,
}

/// A hearing to choose.
pub struct HearingChoice {
    pub id: String,
    pub label: String,
    pub checked: bool,
}

/// A report in the list (its newest version).
pub struct Row {
    pub version_id: String,
    pub title: String,
    pub number: i32,
    pub status: String,
    pub updated: String,
    pub flagged: bool,
}

#[derive(Template)]
#[template(path = "reports/list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub rows: Vec<Row>,
    pub hearings: Vec<HearingChoice>,
    pub form: CreateForm,
    pub errors: FormErrors,
}

/// Hearings as checkboxes, the chosen ones checked.
pub fn hearing_choices(
    conn: &mut db::DbConn,
    chosen: &[String],
) -> Result<Vec<HearingChoice>, AppError> {
    Ok(db::hearings::list_for_staff(conn, None)?
        .into_iter()
        .map(|h| HearingChoice {
            checked: chosen.contains(&h.id),
            label: format!(
                "{} ({}, {})",
                h.title,
                if h.online {
                    "online".to_string()
                } else {
                    h.city.clone()
                },
                h.starts_on.format("%-d %B %Y")
            ),
            id: h.id,
        })
        .collect())
}

async fn page(
    staff: Staff,
    state: &AppState,
    form: CreateForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let chosen = form.hearings.clone();
    let (rows, hearings) = web::run_db(&state.pool, move |conn| {
        let rows = db::reports::latest_versions(conn)?
            .into_iter()
            .map(|v| Row {
                status: VersionStatus::parse(&v.status)
                    .map(|s| s.label())
                    .unwrap_or("Draft")
                    .to_string(),
                updated: v.updated_at.format("%-d %B %Y %H:%M UTC").to_string(),
                flagged: v.flagged_at.is_some(),
                version_id: v.id,
                title: v.title,
                number: v.number,
            })
            .collect();
        Ok((rows, hearing_choices(conn, &chosen)?))
    })
    .await?;
    let page = ListPage {
        ctx: staff.ctx,
        rows,
        hearings,
        form,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/reports")]
pub async fn show(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    page(staff, &state, CreateForm::default(), FormErrors::default()).await
}

#[post("/staff/reports")]
pub async fn create(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<CreateForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let by = UserId::from(staff.user.id.clone());
    let (title, hearings) = (form.title.clone(), form.hearings.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::create(conn, &by, &title, &hearings)
    })
    .await?;
    match outcome {
        Ok(version_id) => {
            staff
                .ctx
                .set_flash("The report was created as a draft. Fill in its details.");
            Ok(web::see_other(&format!(
                "/staff/reports/{version_id}/details"
            )))
        }
        Err(refusals) => page(staff, &state, form, super::errors(refusals)).await,
    }
}
