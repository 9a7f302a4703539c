//! Editing a hearing: administrators any hearing, organizers the ones they created. A changed
//! language's consent text becomes a new version of it; testimony already given keeps the
//! version it agreed to.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};

use super::form::{self, HearingForm, Target};
use crate::db::{self, hearings::ConsentText, hearings::Hearing};
use crate::domain::account::Permission;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{self, Form, Staff};

/// The hearing and its newest consent text in each language, if this member may edit it.
async fn editable(
    staff: &Staff,
    state: &AppState,
    id: String,
) -> Result<(Hearing, Vec<ConsentText>), AppError> {
    staff.require(Permission::ManageHearings)?;
    let (hearing, consent) = crate::web::run_db(&state.pool, move |conn| {
        let hearing = db::hearings::find(conn, &id)?.ok_or(AppError::NotFound)?;
        let consent = db::hearings::current_consent_texts(conn, &hearing.id)?;
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
    let (themes, texts) = crate::web::run_db(&state.pool, move |conn| {
        Ok((
            db::hearings::themes_of(conn, &hid)?,
            db::hearings::texts_of(conn, &hid)?,
        ))
    })
    .await?;
    let typed = HearingForm::of(&hearing, &themes, &texts, &consent);
    let target = Target::Edit {
        id: hearing.id,
        title: hearing.title,
        consents: consent,
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
    let target = || Target::Edit {
        id: hearing.id.clone(),
        title: hearing.title.clone(),
        consents: consent.clone(),
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
    let Ok(crate::service::hearings::Edited { new_versions }) = edited else {
        let mut errors = Default::default();
        form::slug_clash(&mut errors, &fields.slug);
        return form::form_page(staff.ctx, &state, target(), typed, errors).await;
    };
    tracing::info!(hearing = %hearing.id, by = %staff.user.id, "hearing edited");
    let msg = saved_message(&new_versions, fields.languages.len() > 1);
    staff.ctx.set_flash(&msg);
    Ok(web::see_other(&format!("/staff/hearings/{}", hearing.id)))
}

/// What the flash says after saving: each consent text that got a new version.
fn saved_message(new_versions: &[(Lang, i32)], several: bool) -> String {
    if new_versions.is_empty() {
        return "Changes saved.".to_string();
    }
    let each: Vec<String> = new_versions
        .iter()
        .map(|(lang, v)| {
            if several {
                format!(
                    "the consent text in {} is now version {v}",
                    lang.english_name()
                )
            } else {
                format!("the consent text is now version {v}")
            }
        })
        .collect();
    let mut msg = format!("Changes saved. {}", each.join("; "));
    if let Some(c) = msg.get_mut(15..16) {
        c.make_ascii_uppercase();
    }
    msg + "; testimony already given keeps the version its witness agreed to."
}
