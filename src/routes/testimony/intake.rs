//! Assisted intake: at an in-person hearing a staff member enters oral testimony for a
//! witness, records how consent was given and who interpreted, and chooses the language
//! the receipt is printed in (the receipt page is in `receipt`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use super::form::{self, TestimonyForm};
use super::public::{Loaded, Reading, load_hearing};
use super::receipt;
use super::validate::{self, StaffIntake};
use super::view::{FormView, HearingView};
use crate::db;
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::hearing::HearingStatus;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{self as w, Ctx, Staff};

#[derive(Template)]
#[template(path = "testimony/intake.html")]
pub struct IntakePage {
    pub ctx: Ctx,
    pub hearing: HearingView,
    pub hearing_id: String,
    pub view: FormView,
    pub form: TestimonyForm,
    pub errors: FormErrors,
    pub notice: Option<String>,
    pub action: String,
}

async fn load(state: &AppState, id: String) -> Result<std::sync::Arc<Loaded>, AppError> {
    let slug = crate::web::run_db(&state.pool, move |conn| {
        Ok(db::hearings::find(conn, &id)?
            .ok_or(AppError::NotFound)?
            .slug)
    })
    .await?;
    load_hearing(state, slug, Reading::Any, crate::i18n::Lang::En).await
}

fn page(
    staff: Staff,
    state: &AppState,
    loaded: &Loaded,
    form: TestimonyForm,
    errors: FormErrors,
    notice: Option<String>,
) -> IntakePage {
    let lang = staff.ctx.lang;
    IntakePage {
        hearing: HearingView::new(&loaded.hearing, &loaded.themes, lang),
        hearing_id: loaded.hearing.id.clone(),
        view: FormView::new(
            &loaded.hearing,
            &loaded.themes,
            &loaded.consent_text,
            lang,
            state.config.attachments,
            true,
        ),
        action: format!("/staff/hearings/{}/intake", loaded.hearing.id),
        ctx: staff.ctx,
        form,
        errors,
        notice,
    }
}

fn closed_notice(loaded: &Loaded) -> Option<String> {
    (loaded.hearing.status() != HearingStatus::Open).then(|| {
        "This hearing is not open, so it does not take testimony. Open it first from its page."
            .to_string()
    })
}

#[get("/staff/hearings/{id}/intake")]
pub async fn show(
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::TakeTestimony)?;
    let loaded = load(&state, id.into_inner()).await?;
    let form = TestimonyForm {
        language: loaded
            .hearing
            .languages()
            .first()
            .map(|l| l.code())
            .unwrap_or("en")
            .to_string(),
        consent_method: "spoken".into(),
        ..TestimonyForm::fresh()
    };
    let notice = closed_notice(&loaded);
    w::page(&page(
        staff,
        &state,
        &loaded,
        form,
        FormErrors::default(),
        notice,
    ))
}

#[post("/staff/hearings/{id}/intake")]
pub async fn submit(
    req: HttpRequest,
    staff: Staff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::TakeTestimony)?;
    let mut raw = form::read(&req, payload, state.config.attachments, &state.uploads).await?;
    // The files' share of the upload memory is given back once the answer is ready.
    let _memory = raw.memory.take();
    let csrf_ok = staff.ctx.verify_csrf(&raw.csrf).is_ok();
    let loaded = match load(&state, id.into_inner()).await {
        Err(AppError::NotFound) if !csrf_ok => return Err(AppError::Csrf),
        other => other?,
    };
    let refusal = closed_notice(&loaded).map(|n| (StatusCode::CONFLICT, n));
    let intake = Some(StaffIntake {
        user_id: staff.user.id.clone().into(),
    });
    let lang = validate::receipt_language(&raw.form);
    let accepted = match validate::process(
        &state, &staff.ctx, raw, csrf_ok, &loaded, refusal, intake,
    )
    .await?
    {
        Ok(accepted) => accepted,
        Err(again) => {
            let p = page(
                staff,
                &state,
                &loaded,
                again.form,
                again.errors,
                again.notice,
            );
            return w::render(again.status, &p);
        }
    };
    receipt::intake_answer(staff.ctx, &accepted, &loaded.hearing.title, lang)
}
