//! Editing a hearing: administrators any hearing, organizers the ones they created. A changed
//! consent text becomes a new version; testimony already given keeps the version it agreed to.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};

use super::form::{self, HearingForm, Target};
use crate::db::{self, hearings::ConsentText, hearings::Hearing};
use crate::domain::account::Permission;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{self, Form, Staff};

/// The hearing and its current consent text, if this member may edit it.
async fn editable(
    staff: &Staff,
    state: &AppState,
    id: String,
) -> Result<(Hearing, ConsentText), AppError> {
    staff.require(Permission::ManageHearings)?;
    let (hearing, consent) = crate::web::run_db(&state.pool, move |conn| {
        let hearing = db::hearings::find(conn, &id)?.ok_or(AppError::NotFound)?;
        let consent = db::hearings::current_consent_text(conn, &hearing.id)?;
        Ok((hearing, consent))
    })
    .await?;
    if !super::may_manage(&staff.user, &hearing) {
        return Err(AppError::Forbidden);
    }
    Ok((hearing, consent))
}

#[get("/staff/hearings/{id}/edit")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    let (hearing, consent) = editable(&staff, &state, id.into_inner()).await?;
    let hid = hearing.id.clone();
    let themes = crate::web::run_db(&state.pool, move |conn| {
        Ok(db::hearings::themes_of(conn, &hid)?)
    })
    .await?;
    let typed = HearingForm::of(&hearing, &themes, &consent.body);
    let target = Target::Edit {
        id: hearing.id,
        title: hearing.title,
        consent_version: consent.version,
    };
    form::form_page(staff.ctx, &state, target, typed, Default::default()).await
}

#[post("/staff/hearings/{id}/edit")]
pub async fn submit(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(typed): Form<HearingForm>,
) -> Result<HttpResponse, AppError> {
    let (hearing, consent) = editable(&staff, &state, id.into_inner()).await?;
    let version = consent.version;
    let target = || Target::Edit {
        id: hearing.id.clone(),
        title: hearing.title.clone(),
        consent_version: version,
    };
    let fields = match form::check(&state, &typed, Some(hearing.id.clone())).await? {
        Ok(fields) => fields,
        Err(errors) => return form::form_page(staff.ctx, &state, target(), typed, errors).await,
    };
    let hid = hearing.id.clone();
    let saved = fields.clone();
    let edited = crate::service::run(&state.pool, move |conn| {
        crate::service::hearings::update(conn, &hid, &saved)
    })
    .await?;
    let Ok(crate::service::hearings::Edited {
        consent_before: before,
        consent_after: after,
    }) = edited
    else {
        let mut errors = Default::default();
        form::slug_clash(&mut errors, &fields.slug);
        return form::form_page(staff.ctx, &state, target(), typed, errors).await;
    };
    tracing::info!(hearing = %hearing.id, by = %staff.user.id, "hearing edited");
    let msg = if after != before {
        format!(
            "Changes saved. The consent text is now version {after}; testimony already given keeps the version its witness agreed to."
        )
    } else {
        "Changes saved.".to_string()
    };
    staff.ctx.set_flash(&msg);
    Ok(web::see_other(&format!("/staff/hearings/{}", hearing.id)))
}
