//! The public side: the list of hearings, a hearing's page with its form, and submitting
//! testimony (the receipt page is in `receipt`).

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use super::form::{self, TestimonyForm};
use super::view::{FormView, HearingView};
use super::{receipt, validate};
use crate::db::{self, hearings::Hearing};
use crate::domain::FormErrors;
use crate::domain::hearing::Acceptance;
use crate::error::AppError;
use crate::service::receipts::Submitted;
use crate::state::AppState;
use crate::throttle::wait_minutes;
use crate::web::{self as w, Ctx, ctx::client_key};

#[derive(Template)]
#[template(path = "testimony/hearings.html")]
pub struct HearingsPage {
    pub ctx: Ctx,
    pub accepting: Vec<HearingView>,
    pub others: Vec<HearingView>,
}

/// Open hearings first, then those that no longer (or do not yet) accept testimony.
#[get("/hearings")]
pub async fn list(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let build = match w::shared_page(&state, &ctx) {
        Ok(copy) => return Ok(copy),
        Err(build) => build,
    };
    let lang = ctx.lang;
    let views = crate::web::run_db(&state.pool, move |conn| {
        let mut hearings = db::hearings::list_public(conn)?;
        db::hearings::localize_all(conn, &mut hearings, lang)?;
        let mut themes = db::hearings::themes_of_all(conn, &hearings)?;
        Ok(hearings
            .iter()
            .map(|h| HearingView::new(h, &themes.remove(&h.id).unwrap_or_default(), lang))
            .collect::<Vec<_>>())
    })
    .await?;
    let (accepting, others) = views.into_iter().partition(|v| v.accepting);
    let page = HearingsPage {
        ctx: ctx.clone(),
        accepting,
        others,
    };
    w::finish_shared_page(&state, build, &ctx, &page)
}

#[derive(Template)]
#[template(path = "testimony/hearing.html")]
pub struct HearingPage {
    pub ctx: Ctx,
    pub hearing: HearingView,
    pub view: FormView,
    pub form: TestimonyForm,
    pub errors: FormErrors,
    /// A message above the form (e.g. the form must be sent again).
    pub notice: Option<String>,
    pub action: String,
    /// When contact details and attachments will be deleted, in words.
    pub retention: String,
}

/// A hearing with what its form needs.
pub type Loaded = crate::service::hearings::HearingForm;

/// Which hearings to load, and how fresh.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Public hearings, as a visitor who is not signed in sees them: read again at most
    /// every few seconds, like the public pages made from them (kept in
    /// `AppState::hearing_forms`, dropped with those pages when staff change anything).
    Public,
    /// Public hearings, read now (for those who are signed in).
    PublicNow,
    /// Any hearing, read now (staff taking testimony in person).
    Any,
}

impl Reading {
    /// How a visitor reads public hearings.
    pub fn public_for(ctx: &Ctx) -> Self {
        if ctx.user.is_none() {
            Self::Public
        } else {
            Self::PublicNow
        }
    }
}

/// Load a hearing by its address, with its texts in `lang` where it has them.
pub async fn load_hearing(
    state: &AppState,
    slug: String,
    reading: Reading,
    lang: crate::i18n::Lang,
) -> Result<Arc<Loaded>, AppError> {
    let kept = reading == Reading::Public;
    if kept && let Some(copy) = state.hearing_forms.get(&slug, lang) {
        return Ok(copy);
    }
    let public_only = reading != Reading::Any;
    let generation = state.hearing_forms.generation();
    let key = slug.clone();
    let loaded = Arc::new(
        crate::service::run(&state.pool, move |conn| {
            crate::service::hearings::form(conn, &key, public_only, lang)
        })
        .await?,
    );
    if kept {
        state
            .hearing_forms
            .keep(generation, &slug, lang, loaded.clone());
    }
    Ok(loaded)
}

fn hearing_page(
    ctx: Ctx,
    state: &AppState,
    loaded: &Loaded,
    form: TestimonyForm,
    errors: FormErrors,
    notice: Option<String>,
) -> HearingPage {
    let lang = ctx.lang;
    HearingPage {
        hearing: HearingView::new(&loaded.hearing, &loaded.themes, lang),
        view: FormView::new(
            &loaded.hearing,
            &loaded.themes,
            &loaded.consent_text,
            lang,
            state.config.attachments,
            false,
        ),
        action: format!("/hearings/{}/testimony", loaded.hearing.slug),
        retention: retention_notice(&loaded.hearing, state.config.retention_days, lang),
        ctx,
        form,
        errors,
        notice,
    }
}

/// "Contact details and attachments are deleted 90 days after this hearing closes (on
/// June 12, 2027)", in the page's language.
fn retention_notice(hearing: &Hearing, default_days: i64, lang: crate::i18n::Lang) -> String {
    use crate::domain::retention;
    let days = retention::effective_days(hearing.retention_days, default_days);
    let day = retention::deletion_day(hearing.closes_at, hearing.zone(), days);
    crate::i18n::message(
        lang,
        "form-retention",
        &[
            ("days", &days.to_string()),
            ("date", &crate::i18n::format_date(day, lang)),
        ],
    )
}

#[get("/hearings/{slug}")]
pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let build = match w::shared_page(&state, &ctx) {
        Ok(copy) => return Ok(copy),
        Err(build) => build,
    };
    let loaded = load_hearing(
        &state,
        slug.into_inner(),
        Reading::public_for(&ctx),
        ctx.lang,
    )
    .await?;
    let mut form = TestimonyForm {
        language: ctx.lang.code().to_string(),
        ..TestimonyForm::fresh()
    };
    let mut page_ctx = ctx.clone();
    if build.shared {
        // Filled in per response: the shared copy holds neither.
        page_ctx.csrf = w::page_cache::CSRF_SLOT.to_string();
        form.submission_key = w::page_cache::SUBMISSION_SLOT.to_string();
    }
    let page = hearing_page(page_ctx, &state, &loaded, form, FormErrors::default(), None);
    w::finish_shared_page(&state, build, &ctx, &page)
}

#[post("/hearings/{slug}/testimony")]
pub async fn submit(
    req: HttpRequest,
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let mut raw = form::read(&req, payload, state.config.attachments, &state.uploads).await?;
    // The files' share of the upload memory is given back once the answer is ready.
    let _memory = raw.memory.take();
    let csrf_ok = ctx.verify_csrf(&raw.csrf).is_ok();
    let reading = Reading::public_for(&ctx);
    let loaded = match load_hearing(&state, slug.into_inner(), reading, ctx.lang).await {
        Err(AppError::NotFound) if !csrf_ok => return Err(AppError::Csrf),
        other => other?,
    };
    let address = client_key(&req, state.config.trust_forwarded_for);
    let refusal = if loaded.hearing.acceptance() != Acceptance::Accepting {
        Some((StatusCode::CONFLICT, ctx.t("err-closed")))
    } else {
        state.throttles.submit.check(&address).err().map(|wait| {
            let minutes = wait_minutes(wait).to_string();
            (
                StatusCode::TOO_MANY_REQUESTS,
                ctx.t1("err-too-many-submissions", "minutes", &minutes),
            )
        })
    };
    let accepted = match validate::process(&state, &ctx, raw, csrf_ok, &loaded, refusal, None)
        .await?
    {
        Ok(accepted) => accepted,
        Err(again) => {
            let page = hearing_page(ctx, &state, &loaded, again.form, again.errors, again.notice);
            return w::render(again.status, &page);
        }
    };
    // A repeat of a form already sent is not another testimony.
    if matches!(accepted.submitted, Submitted::Now(_)) {
        state.throttles.submit.fail(&address);
    }
    receipt::public_answer(ctx, &accepted)
}
