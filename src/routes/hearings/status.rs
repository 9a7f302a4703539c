//! Moving a hearing through its lifecycle: draft → open → closed → archived, and a closed
//! hearing may be reopened. A refused move shows the hearing's page again with the reason.

use actix_web::{HttpResponse, post, web::Data, web::Path};

use crate::db;
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::hearing::HearingStatus;
use crate::error::AppError;
use crate::service::hearings::StatusRefusal;
use crate::state::AppState;
use crate::web::{self, Form, Staff};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

#[post("/staff/hearings/{id}/status")]
pub async fn submit(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageHearings)?;
    let id = id.into_inner();
    let hid = id.clone();
    let hearing = crate::web::run_db(&state.pool, move |conn| {
        db::hearings::find(conn, &hid)?.ok_or(AppError::NotFound)
    })
    .await?;
    if !super::may_manage(&staff.user, &hearing) {
        return Err(AppError::Forbidden);
    }
    let from = hearing.status();
    let mut errors = FormErrors::default();
    let Some(to) = HearingStatus::parse(&form.status) else {
        errors.add(
            "status",
            "That status does not exist. Use one of the buttons below.",
        );
        return super::show::hearing_page(staff, &state, id, errors).await;
    };
    if !from.can_move_to(to) {
        let why = if from == to {
            format!("This hearing is already {}.", from.label().to_lowercase())
        } else {
            format!(
                "A hearing that is {} cannot be moved to {}.",
                from.label().to_lowercase(),
                to.label().to_lowercase()
            )
        };
        errors.add(
            "status",
            format!("{why} The buttons below show what is possible now."),
        );
        return super::show::hearing_page(staff, &state, id, errors).await;
    }
    let hid = id.clone();
    let moved = crate::service::run(&state.pool, move |conn| {
        crate::service::hearings::set_status(conn, &hid, from, to)
    })
    .await?;
    match moved {
        Ok(()) => {}
        Err(StatusRefusal::Moved) => {
            errors.add(
                "status",
                "Someone else changed this hearing's status a moment ago. Check its status below and try again if needed.",
            );
            return super::show::hearing_page(staff, &state, id, errors).await;
        }
        Err(StatusRefusal::NoConsentText(missing)) => {
            let names: Vec<&str> = missing.iter().map(|l| l.english_name()).collect();
            errors.add(
                "status",
                format!(
                    "The hearing cannot open yet: it has no consent text in {}. Edit the hearing and write the consent text in each language it accepts.",
                    names.join(", ")
                ),
            );
            return super::show::hearing_page(staff, &state, id, errors).await;
        }
    }
    tracing::info!(hearing = %id, from = from.code(), to = to.code(), by = %staff.user.id, "hearing status changed");
    let msg = match to {
        HearingStatus::Open => "The hearing is open for testimony.",
        HearingStatus::Closed => "The hearing is closed: no more testimony is taken.",
        HearingStatus::Archived => "The hearing is archived: its public page is down.",
        HearingStatus::Draft => "The hearing is a draft again.",
    };
    staff.ctx.set_flash(msg);
    Ok(web::see_other(&format!("/staff/hearings/{id}")))
}
