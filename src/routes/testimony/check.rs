//! Return visits: the witness opens their testimony with the receipt code, sees where it
//! stands, adds information, changes consent, deletes contact details, or withdraws.
//!
//! The code is checked once (throttled per address, in memory); the session then remembers
//! the testimony until the witness leaves or 15 minutes pass without a page view. The code
//! never appears in a URL.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use super::view::Choice;
use crate::db::{self, testimony::Testimony};
use crate::domain::FormErrors;
use crate::domain::consent::{ConsentMethod, ConsentScope, ConsentSet};
use crate::domain::receipt::Receipt;
use crate::domain::testimony::{MAX_TESTIMONY_CHARS, TestimonyStatus};
use crate::error::AppError;
use crate::state::AppState;
use crate::throttle::wait_minutes;
use crate::web::{self as w, Ctx, Form, ctx::client_key, ctx::keys};

/// How long a receipt check lasts without a page view.
const WITNESS_IDLE_MINUTES: i64 = 15;

/// Whether a witness last seen at `last_seen` is still in at `now` (Unix seconds).
fn still_active(last_seen: i64, now: i64) -> bool {
    now.saturating_sub(last_seen) < WITNESS_IDLE_MINUTES * 60
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CheckForm {
    pub code: String,
}

#[derive(Template)]
#[template(path = "testimony/check.html")]
pub struct CheckPage {
    pub ctx: Ctx,
    pub form: CheckForm,
    pub errors: FormErrors,
}

#[get("/check")]
pub async fn show(ctx: Ctx) -> Result<HttpResponse, AppError> {
    w::page(&CheckPage {
        ctx,
        form: CheckForm::default(),
        errors: FormErrors::default(),
    })
}

#[post("/check")]
pub async fn submit(
    req: HttpRequest,
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<CheckForm>,
) -> Result<HttpResponse, AppError> {
    let address = client_key(&req, state.config.trust_forwarded_for);
    let mut errors = FormErrors::default();
    if let Err(wait) = state.throttles.receipt.check(&address) {
        errors.add(
            "code",
            ctx.t1("err-code-wait", "minutes", &wait_minutes(wait).to_string()),
        );
        return w::render(
            StatusCode::TOO_MANY_REQUESTS,
            &CheckPage { ctx, form, errors },
        );
    }
    let Some(receipt) = Receipt::parse(&form.code) else {
        state.throttles.receipt.fail(&address);
        errors.add("code", ctx.t("err-code-format"));
        return w::invalid(&CheckPage { ctx, form, errors });
    };
    let hash = state
        .keys
        .keyed_hash("receipt", receipt.digits().as_bytes());
    let found = crate::web::run_db(&state.pool, move |conn| {
        Ok(db::testimony::find_by_receipt_hash(conn, &hash)?)
    })
    .await?;
    let Some(testimony) = found else {
        state.throttles.receipt.fail(&address);
        errors.add("code", ctx.t("err-code-unknown"));
        return w::invalid(&CheckPage { ctx, form, errors });
    };
    state.throttles.receipt.succeed(&address);
    remember(&ctx, &testimony.id)?;
    Ok(w::see_other("/my-testimony"))
}

fn remember(ctx: &Ctx, testimony_id: &str) -> Result<(), AppError> {
    ctx.session.renew();
    let opened = (testimony_id, chrono::Utc::now().timestamp());
    crate::web::ctx::store(&ctx.session, keys::WITNESS, opened)
}

/// The testimony this visitor opened with a receipt, if they have not been idle too long
/// (the time is renewed). Otherwise they are sent to the check page.
fn witness(ctx: &Ctx) -> Result<String, AppError> {
    let entry = ctx
        .session
        .get::<(String, i64)>(keys::WITNESS)
        .ok()
        .flatten();
    let now = chrono::Utc::now().timestamp();
    match entry {
        Some((id, seen)) if still_active(seen, now) => {
            // Each page view keeps the witness in for another 15 minutes.
            crate::web::ctx::store(&ctx.session, keys::WITNESS, (&id, now))?;
            Ok(id)
        }
        _ if ctx.session.contains_key(keys::WITNESS) => {
            ctx.session.remove(keys::WITNESS);
            ctx.set_flash(&ctx.t("check-expired"));
            Err(AppError::Redirect("/check".into()))
        }
        // Nothing was opened in this session: nothing to say, and no session to write.
        _ => Err(AppError::Redirect("/check".into())),
    }
}

#[derive(Template)]
#[template(path = "testimony/mine.html")]
pub struct MinePage {
    pub ctx: Ctx,
    pub hearing_title: String,
    pub submitted: String,
    pub status_text: String,
    pub withdrawn: bool,
    pub body: String,
    pub additions: Vec<(String, String)>,
    pub consents: Vec<Choice>,
    pub chosen: Vec<String>,
    pub consent_text: String,
    pub has_contact: bool,
    pub add_text: String,
    pub errors: FormErrors,
}

impl MinePage {
    pub fn is_chosen(&self, code: &str) -> bool {
        self.chosen.iter().any(|c| c == code)
    }
}

struct Mine {
    testimony: Testimony,
    hearing_title: String,
    additions: Vec<db::testimony::Addition>,
    chosen: ConsentSet,
    consent_text: String,
}

async fn load(state: &AppState, id: String) -> Result<Mine, AppError> {
    crate::web::run_db(&state.pool, move |conn| {
        let testimony = db::testimony::find(conn, &id)?.ok_or(AppError::NotFound)?;
        let hearing = db::hearings::find(conn, &testimony.hearing_id)?.ok_or(AppError::NotFound)?;
        let consent = db::testimony::current_consent(conn, &id)?;
        Ok(Mine {
            additions: db::testimony::additions(conn, &id)?,
            chosen: consent.chosen().clone(),
            consent_text: db::hearings::current_consent_text(conn, &hearing.id)?.body,
            hearing_title: hearing.title,
            testimony,
        })
    })
    .await
}

fn mine_page(ctx: Ctx, mine: Mine, add_text: String, errors: FormErrors) -> MinePage {
    let t = &mine.testimony;
    let status = t.status();
    let status_text = ctx.t(&format!("status-{}", status.code()));
    let consents = ConsentScope::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.code().into(),
            label: ctx.t(&format!("consent-{}", s.code())),
            hint: ctx.t(&format!("consent-{}-hint", s.code())),
        })
        .collect();
    MinePage {
        hearing_title: mine.hearing_title,
        submitted: t.submitted_at.format("%Y-%m-%d").to_string(),
        status_text,
        withdrawn: t.is_withdrawn() || status == TestimonyStatus::Withdrawn,
        body: t.body.clone(),
        additions: mine
            .additions
            .iter()
            .map(|a| (a.created_at.format("%Y-%m-%d").to_string(), a.body.clone()))
            .collect(),
        consents,
        chosen: mine.chosen.iter().map(|s| s.code().to_string()).collect(),
        consent_text: mine.consent_text,
        has_contact: t.has_contact(),
        add_text,
        errors,
        ctx,
    }
}

#[get("/my-testimony")]
pub async fn show_mine(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let id = witness(&ctx)?;
    let mine = load(&state, id).await?;
    w::page(&mine_page(ctx, mine, String::new(), FormErrors::default()))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AddForm {
    pub body: String,
}

#[post("/my-testimony/add")]
pub async fn add_information(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    let id = witness(&ctx)?;
    let text = form.body.trim().to_string();
    let mut errors = FormErrors::default();
    if text.is_empty() {
        errors.add("body", ctx.t("err-add-empty"));
    } else if text.chars().count() > MAX_TESTIMONY_CHARS {
        errors.add(
            "body",
            ctx.t1(
                "err-body-long",
                "max",
                &super::form::group_thousands(MAX_TESTIMONY_CHARS),
            ),
        );
    }
    let mine = load(&state, id.clone()).await?;
    if mine.testimony.is_withdrawn() {
        errors.add("body", ctx.t("mine-withdrawn"));
    }
    if !errors.is_empty() {
        return w::invalid(&mine_page(ctx, mine, form.body, errors));
    }
    crate::web::run_db(&state.pool, move |conn| {
        Ok(db::testimony::add(conn, &id, &text)?)
    })
    .await?;
    ctx.set_flash(&ctx.t("mine-added"));
    Ok(w::see_other("/my-testimony"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    pub consent: Vec<String>,
}

#[post("/my-testimony/consent")]
pub async fn change_consent(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<ConsentForm>,
) -> Result<HttpResponse, AppError> {
    let id = witness(&ctx)?;
    let mine = load(&state, id.clone()).await?;
    let mut errors = FormErrors::default();
    let chosen = ConsentSet::parse_codes(form.consent.iter().map(String::as_str));
    if chosen.is_err() {
        errors.add("consent", ctx.t("err-consent"));
    }
    if mine.testimony.is_withdrawn() {
        errors.add("consent", ctx.t("mine-withdrawn"));
    }
    if chosen
        .as_ref()
        .is_ok_and(|c| c.contains(ConsentScope::ContactForFollowUp))
        && !mine.testimony.has_contact()
    {
        errors.add("consent", ctx.t("err-contact-needs-details-later"));
    }
    let chosen = match chosen {
        Ok(c) if errors.is_empty() => c,
        _ => return w::invalid(&mine_page(ctx, mine, String::new(), errors)),
    };
    let hearing_id = mine.testimony.hearing_id.clone();
    let changed = crate::web::run_db(&state.pool, move |conn| {
        let text = db::hearings::current_consent_text(conn, &hearing_id)?;
        Ok(db::testimony::change_consent(
            conn,
            &id,
            &chosen,
            &text.id,
            ConsentMethod::Online,
            None,
        )?)
    })
    .await?;
    ctx.set_flash(&ctx.t(if changed {
        "mine-consent-saved"
    } else {
        "mine-withdrawn"
    }));
    Ok(w::see_other("/my-testimony"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    pub confirm: String,
}

#[post("/my-testimony/withdraw")]
pub async fn withdraw_testimony(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<WithdrawForm>,
) -> Result<HttpResponse, AppError> {
    let id = witness(&ctx)?;
    if form.confirm.is_empty() {
        let mine = load(&state, id).await?;
        let mut errors = FormErrors::default();
        errors.add("confirm", ctx.t("err-withdraw-confirm"));
        return w::invalid(&mine_page(ctx, mine, String::new(), errors));
    }
    crate::web::run_db(&state.pool, move |conn| {
        Ok(db::testimony::withdraw(conn, &id)?)
    })
    .await?;
    tracing::info!("testimony withdrawn by its witness");
    ctx.set_flash(&ctx.t("mine-withdrawn"));
    Ok(w::see_other("/my-testimony"))
}

#[derive(serde::Deserialize)]
pub struct Empty {}

#[post("/my-testimony/contact/delete")]
pub async fn delete_contact(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(_): Form<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = witness(&ctx)?;
    crate::web::run_db(&state.pool, move |conn| {
        use diesel::Connection as _;
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            db::testimony::delete_contact(conn, &id)?;
            // Without contact details, consent to be contacted has nothing to act on.
            let consent = db::testimony::current_consent(conn, &id)?;
            if consent.chosen().contains(ConsentScope::ContactForFollowUp)
                && !consent.is_withdrawn()
            {
                let rest = ConsentSet::new(
                    consent
                        .chosen()
                        .iter()
                        .filter(|s| *s != ConsentScope::ContactForFollowUp),
                );
                let t = db::testimony::find(conn, &id)?.ok_or(diesel::result::Error::NotFound)?;
                let text = db::hearings::current_consent_text(conn, &t.hearing_id)?;
                db::testimony::change_consent(
                    conn,
                    &id,
                    &rest,
                    &text.id,
                    ConsentMethod::Online,
                    None,
                )?;
            }
            Ok(())
        })
        .map_err(AppError::from)
    })
    .await?;
    ctx.set_flash(&ctx.t("mine-contact-deleted"));
    Ok(w::see_other("/my-testimony"))
}

#[post("/my-testimony/leave")]
pub async fn leave(ctx: Ctx, Form(_): Form<Empty>) -> Result<HttpResponse, AppError> {
    ctx.session.remove(keys::WITNESS);
    // A new session id: the old row is deleted, so the old cookie opens nothing.
    ctx.session.renew();
    ctx.set_flash(&ctx.t("mine-left"));
    Ok(w::see_other("/check"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_witness_is_let_in_until_fifteen_minutes_idle() {
        let seen = 1_000_000;
        assert!(still_active(seen, seen));
        assert!(still_active(seen, seen + 14 * 60 + 59));
        assert!(!still_active(seen, seen + 15 * 60));
        assert!(!still_active(seen, seen + 24 * 3600));
        assert!(
            still_active(seen, seen - 5),
            "a clock a little behind keeps them in"
        );
    }
}
