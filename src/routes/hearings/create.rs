//! Creating a hearing. It starts as a draft that only staff can see.

use actix_web::{HttpResponse, get, post, web::Data};

use super::form::{self, HearingForm, Target};
use crate::domain::account::Permission;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{self, Form, Staff};

#[get("/staff/hearings/new")]
pub async fn show(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageHearings)?;
    form::form_page(
        staff.ctx,
        &state,
        Target::New,
        HearingForm::blank(),
        Default::default(),
    )
    .await
}

#[post("/staff/hearings/new")]
pub async fn submit(
    staff: Staff,
    state: Data<AppState>,
    Form(typed): Form<HearingForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageHearings)?;
    let fields = match form::check(&state, &typed, None).await? {
        Ok(fields) => fields,
        Err(errors) => return form::form_page(staff.ctx, &state, Target::New, typed, errors).await,
    };
    let by = staff.user.id.clone();
    let saved = fields.clone();
    let id = crate::service::run(&state.pool, move |conn| {
        crate::service::hearings::create(conn, &saved, &by)
    })
    .await?;
    let Ok(id) = id else {
        let mut errors = Default::default();
        form::slug_clash(&mut errors, &fields.slug);
        return form::form_page(staff.ctx, &state, Target::New, typed, errors).await;
    };
    tracing::info!(hearing = %id, by = %staff.user.id, "hearing created");
    staff.ctx.set_flash(&format!(
        "The hearing \u{201c}{}\u{201d} was created as a draft. Only staff can see it until you open it for testimony.",
        fields.title
    ));
    Ok(web::see_other(&format!("/staff/hearings/{id}")))
}
