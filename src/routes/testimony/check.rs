//! Return visits: the witness opens their testimony with the receipt code, sees where it
//! stands, reads and answers messages from the organisation, adds information, changes
//! consent, deletes contact details, or withdraws.
//!
//! The code is checked once (slowed down per address, in memory); the session then
//! remembers the testimony and the key to the witness's own copy (derived from the code;
//! the code itself is kept nowhere) until they leave or 15 minutes pass without a page
//! view. The code
//! never appears in a URL.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use super::view::Choice;
use crate::crypto::keys::WitnessKey;
use crate::domain::FormErrors;
use crate::domain::clean_input;
use crate::domain::consent::{ConsentScope, ConsentSet};
use crate::domain::ids::TestimonyId;
use crate::domain::receipt::Receipt;
use crate::domain::testimony::MAX_TESTIMONY_CHARS;
use crate::domain::text::OriginalText;
use crate::error::AppError;
use crate::service::testimony::{self as svc, WitnessRefusal, WitnessView};
use crate::state::AppState;
use crate::web::ctx::WitnessEntry;
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
    // Wrong codes from this address slow its checks down; nobody is locked out.
    let wait = state.throttles.receipt.slowdown(&address);
    if !wait.is_zero() {
        actix_web::rt::time::sleep(wait).await;
    }
    let Some(receipt) = Receipt::parse(&form.code) else {
        state.throttles.receipt.fail(&address);
        errors.add("code", ctx.t("err-code-format"));
        return w::invalid(&CheckPage { ctx, form, errors });
    };
    let st = state.clone();
    let found = crate::service::run(&state.pool, move |conn| {
        svc::open_with_receipt(conn, &st.keys, &receipt)
    })
    .await?;
    let Some((id, key)) = found else {
        state.throttles.receipt.fail(&address);
        errors.add("code", ctx.t("err-code-unknown"));
        return w::invalid(&CheckPage { ctx, form, errors });
    };
    // A success does not forgive the address's earlier failures: see `Policy::RECEIPT_ADDRESS`.
    remember(&ctx, &id, &key)?;
    Ok(w::see_other("/my-testimony"))
}

/// Open the witness's pages in a new session (new id: nothing from before carries over).
fn remember(ctx: &Ctx, id: &TestimonyId, key: &WitnessKey) -> Result<(), AppError> {
    ctx.session.renew();
    store_entry(ctx, id, key)
}

fn store_entry(ctx: &Ctx, id: &TestimonyId, key: &WitnessKey) -> Result<(), AppError> {
    use base64::Engine as _;
    let entry = WitnessEntry {
        id: id.clone(),
        key: base64::engine::general_purpose::STANDARD.encode(*key.to_bytes()),
        seen: chrono::Utc::now().timestamp(),
    };
    crate::web::ctx::store(&ctx.session, keys::WITNESS, entry)
}

/// The testimony this visitor opened with a receipt, and the key to their copy, if they
/// have not been idle too long (each page view renews the time). Otherwise they are sent
/// to the check page.
pub fn witness(ctx: &Ctx) -> Result<(TestimonyId, WitnessKey), AppError> {
    use base64::Engine as _;
    let entry = ctx
        .session
        .get::<WitnessEntry>(keys::WITNESS)
        .ok()
        .flatten();
    let now = chrono::Utc::now().timestamp();
    let open = entry.filter(|e| still_active(e.seen, now)).and_then(|e| {
        let key = base64::engine::general_purpose::STANDARD
            .decode(&e.key)
            .ok()
            .and_then(|b| WitnessKey::from_bytes(&b))?;
        Some((e, key))
    });
    match open {
        Some((entry, key)) => {
            store_entry(ctx, &entry.id, &key)?;
            Ok((entry.id, key))
        }
        None if ctx.session.contains_key(keys::WITNESS) => {
            ctx.session.remove(keys::WITNESS);
            ctx.set_flash(&ctx.t("check-expired"));
            Err(AppError::Redirect("/check".into()))
        }
        // Nothing was opened in this session: nothing to say, and no session to write.
        None => Err(AppError::Redirect("/check".into())),
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
    /// "Withdrawn and erased on <date>", once the witness erased everything.
    pub erased: Option<String>,
    /// The witness's words, opened with their receipt; `None` when given before copies existed.
    pub body: Option<String>,
    pub additions: Vec<(String, String)>,
    pub consents: Vec<Choice>,
    pub chosen: Vec<String>,
    pub consent_text: String,
    pub has_contact: bool,
    pub add_text: String,
    /// The witness's redaction request, themes, place and period, as shown or as typed.
    pub details: super::details::DetailsForm,
    pub detail_themes: Vec<Choice>,
    pub details_editable: bool,
    /// "Last changed on <date>", once they changed them.
    pub details_changed: Option<String>,
    /// Messages with the organisation, oldest first.
    pub messages: Vec<ShownMessage>,
    /// The reply as typed (kept when it comes back with an error).
    pub reply_text: String,
    /// "Your testimony informed recommendation 95.3 of …", with the report's address.
    pub informed: Vec<(String, String)>,
    pub errors: FormErrors,
}

/// A message on the witness's page.
pub struct ShownMessage {
    /// "From the organisation" or "From you".
    pub from: String,
    pub from_witness: bool,
    pub when: String,
    pub text: String,
}

impl MinePage {
    pub fn is_chosen(&self, code: &str) -> bool {
        self.chosen.iter().any(|c| c == code)
    }
}

/// Everything the witness's page shows.
pub struct Loaded {
    view: WitnessView,
    details: crate::service::details::DetailsView,
    messages: crate::service::messages::Thread,
    informed: Vec<crate::service::reports::content::Informed>,
}

impl Loaded {
    /// The hearing's themes, which the witness may choose from.
    pub fn details_offered(&self) -> &[crate::db::hearings::Theme] {
        &self.details.offered_themes
    }
}

/// The witness's testimony and details, the consent text in the page's language.
pub async fn load(
    state: &AppState,
    id: TestimonyId,
    key: WitnessKey,
    lang: crate::i18n::Lang,
) -> Result<Loaded, AppError> {
    let data_keys = state.keys.clone();
    Ok(crate::service::run(&state.pool, move |conn| {
        crate::service::messages::ensure_witness_key(conn, &data_keys, &key, &id)?;
        Ok(Loaded {
            view: svc::witness_view(conn, &id, &key, lang)?,
            details: crate::service::details::view(conn, &id, &key)?,
            messages: crate::service::messages::thread_for_witness(conn, &key, &data_keys, &id)?,
            informed: crate::service::reports::content::informed_publicly(conn, id.as_str())?,
        })
    })
    .await?)
}

pub fn mine_page(ctx: Ctx, loaded: Loaded, add_text: String, errors: FormErrors) -> MinePage {
    let Loaded {
        view,
        details,
        messages,
        informed,
    } = loaded;
    let status_text = ctx.t(&format!("status-{}", view.status.code()));
    let consents = ConsentScope::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.code().into(),
            label: ctx.t(&format!("consent-{}", s.code())),
            hint: ctx.t(&format!("consent-{}-hint", s.code())),
        })
        .collect();
    let text = |t: &Option<OriginalText>| t.as_ref().map(|t| t.reveal().to_string());
    MinePage {
        hearing_title: view.hearing_title,
        submitted: view.submitted_at.format("%Y-%m-%d").to_string(),
        status_text,
        withdrawn: view.withdrawn,
        erased: view
            .erased_at
            .map(|at| ctx.t1("mine-erased", "date", &at.format("%Y-%m-%d").to_string())),
        body: text(&view.body),
        additions: view
            .additions
            .iter()
            .map(|(at, t)| {
                let shown = text(t).unwrap_or_else(|| ctx.t("mine-words-sealed"));
                (at.format("%Y-%m-%d").to_string(), shown)
            })
            .collect(),
        consents,
        chosen: view
            .consent
            .chosen()
            .iter()
            .map(|s| s.code().to_string())
            .collect(),
        consent_text: view.consent_text,
        has_contact: view.has_contact,
        add_text,
        detail_themes: super::view::theme_choices(&details.offered_themes, ctx.lang),
        details_editable: details.editable,
        details_changed: details.changes.last().map(|at| {
            ctx.t1(
                "mine-details-changed",
                "date",
                &at.format("%Y-%m-%d").to_string(),
            )
        }),
        details: super::details::DetailsForm::from_view(&details),
        messages: shown_messages(&ctx, messages),
        reply_text: String::new(),
        informed: informed
            .iter()
            .map(|i| {
                let args = [
                    ("number", i.number.as_str()),
                    ("report", i.report_title.as_str()),
                ];
                (
                    crate::i18n::message(ctx.lang, "mine-informed", &args),
                    format!("/reports/version/{}", i.version_id),
                )
            })
            .collect(),
        errors,
        ctx,
    }
}

/// The messages as the witness's page shows them, in its language.
fn shown_messages(ctx: &Ctx, thread: crate::service::messages::Thread) -> Vec<ShownMessage> {
    thread
        .messages
        .into_iter()
        .map(|m| ShownMessage {
            from: ctx.t(if m.from_witness {
                "messages-from-you"
            } else {
                "messages-from-org"
            }),
            from_witness: m.from_witness,
            when: crate::i18n::format_datetime(m.at, thread.zone, ctx.lang),
            text: m
                .text
                .map(|t| t.reveal().to_string())
                .unwrap_or_else(|| ctx.t("messages-sealed")),
        })
        .collect()
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub reply: String,
}

#[post("/my-testimony/reply")]
pub async fn reply(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<ReplyForm>,
) -> Result<HttpResponse, AppError> {
    use crate::service::messages::{self as msg, MessageText, TextError};
    let (id, key) = witness(&ctx)?;
    let mut errors = FormErrors::default();
    match MessageText::parse(&form.reply) {
        Err(TextError::Empty) => errors.add("reply", ctx.t("err-reply-empty")),
        Err(TextError::TooLong) => errors.add(
            "reply",
            ctx.t1(
                "err-reply-long",
                "max",
                &crate::i18n::format_number(msg::MAX_MESSAGE_CHARS, ctx.lang),
            ),
        ),
        Ok(text) => {
            let (target, key2) = (id.clone(), key.clone());
            let done = crate::service::run(&state.pool, move |conn| {
                msg::reply(conn, &key2, &target, &text)
            })
            .await?;
            match done {
                Ok(()) => {
                    ctx.set_flash(&ctx.t("messages-replied"));
                    return Ok(w::see_other("/my-testimony"));
                }
                Err(_) => errors.add("reply", ctx.t("mine-withdrawn")),
            }
        }
    }
    let view = load(&state, id, key, ctx.lang).await?;
    let mut page = mine_page(ctx, view, String::new(), errors);
    page.reply_text = form.reply;
    w::invalid(&page)
}

#[get("/my-testimony")]
pub async fn show_mine(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (id, key) = witness(&ctx)?;
    let view = load(&state, id, key, ctx.lang).await?;
    w::page(&mine_page(ctx, view, String::new(), FormErrors::default()))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AddForm {
    pub body: String,
}

fn refusal_message(ctx: &Ctx, refusal: WitnessRefusal) -> String {
    match refusal {
        WitnessRefusal::Withdrawn => ctx.t("mine-withdrawn"),
        WitnessRefusal::NoContactDetails => ctx.t("err-contact-needs-details-later"),
    }
}

#[post("/my-testimony/add")]
pub async fn add_information(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = witness(&ctx)?;
    let text = clean_input(form.body.trim());
    let mut errors = FormErrors::default();
    if text.is_empty() {
        errors.add("body", ctx.t("err-add-empty"));
    } else if text.chars().count() > MAX_TESTIMONY_CHARS {
        errors.add(
            "body",
            ctx.t1(
                "err-body-long",
                "max",
                &crate::i18n::format_number(MAX_TESTIMONY_CHARS, ctx.lang),
            ),
        );
    }
    if errors.is_empty() {
        let (target, key2) = (id.clone(), key.clone());
        let text = OriginalText::from_witness(text);
        let done = crate::service::run(&state.pool, move |conn| {
            svc::add_information(conn, &target, &key2, &text)
        })
        .await?;
        match done {
            Ok(()) => {
                ctx.set_flash(&ctx.t("mine-added"));
                return Ok(w::see_other("/my-testimony"));
            }
            Err(refusal) => errors.add("body", refusal_message(&ctx, refusal)),
        }
    }
    let view = load(&state, id, key, ctx.lang).await?;
    w::invalid(&mine_page(ctx, view, form.body, errors))
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
    let (id, key) = witness(&ctx)?;
    let mut errors = FormErrors::default();
    match ConsentSet::parse_codes(form.consent.iter().map(String::as_str)) {
        Err(_) => errors.add("consent", ctx.t("err-consent")),
        Ok(chosen) => {
            let chosen_copy = chosen.clone();
            let target = id.clone();
            let lang = ctx.lang;
            let done = crate::service::run(&state.pool, move |conn| {
                svc::change_consent(conn, &target, &chosen, lang)
            })
            .await?;
            match done {
                Ok(()) => {
                    let summary = consent_in_words(&ctx, &chosen_copy);
                    ctx.set_flash(&format!("{} {summary}", ctx.t("mine-consent-saved")));
                    return Ok(w::see_other("/my-testimony"));
                }
                Err(refusal) => errors.add("consent", refusal_message(&ctx, refusal)),
            }
        }
    }
    let view = load(&state, id, key, ctx.lang).await?;
    w::invalid(&mine_page(ctx, view, String::new(), errors))
}

/// What a choice of consent allows, in plain words: what is in effect, and what was
/// ticked but has no effect without use in the report.
fn consent_in_words(ctx: &Ctx, chosen: &ConsentSet) -> String {
    let consent = crate::domain::consent::Consent::new(chosen.clone(), false);
    let short = |s: ConsentScope| ctx.t(&format!("consent-short-{}", s.code()));
    let allowed: Vec<String> = chosen
        .iter()
        .filter(|s| consent.permits(*s))
        .map(short)
        .collect();
    let inert: Vec<String> = chosen
        .iter()
        .filter(|s| !consent.permits(*s))
        .map(short)
        .collect();
    let mut out = if allowed.is_empty() {
        ctx.t("consent-now-nothing")
    } else {
        ctx.t1("consent-now-allow", "list", &allowed.join("; "))
    };
    if !inert.is_empty() {
        out.push(' ');
        out.push_str(&ctx.t1("consent-inert", "list", &inert.join("; ")));
    }
    out
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    pub confirm: String,
}

/// The witness's page again, asking to tick the box that confirms what cannot be undone.
async fn ask_to_confirm(
    ctx: Ctx,
    state: &AppState,
    id: TestimonyId,
    key: WitnessKey,
    field: &'static str,
    message: &str,
) -> Result<HttpResponse, AppError> {
    let view = load(state, id, key, ctx.lang).await?;
    let mut errors = FormErrors::default();
    errors.add(field, ctx.t(message));
    w::invalid(&mine_page(ctx, view, String::new(), errors))
}

#[post("/my-testimony/withdraw")]
pub async fn withdraw_testimony(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<WithdrawForm>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = witness(&ctx)?;
    if form.confirm.is_empty() {
        return ask_to_confirm(ctx, &state, id, key, "confirm", "err-withdraw-confirm").await;
    }
    crate::service::run(&state.pool, move |conn| svc::withdraw(conn, &id)).await?;
    tracing::info!("testimony withdrawn by its witness");
    ctx.set_flash(&ctx.t("mine-withdrawn"));
    Ok(w::see_other("/my-testimony"))
}

#[post("/my-testimony/erase")]
pub async fn erase_testimony(
    ctx: Ctx,
    state: web::Data<AppState>,
    Form(form): Form<WithdrawForm>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = witness(&ctx)?;
    if form.confirm.is_empty() {
        let field = "erase_confirm";
        return ask_to_confirm(ctx, &state, id, key, field, "err-erase-confirm").await;
    }
    let data_dir = state.config.data_dir.clone();
    crate::service::run(&state.pool, move |conn| svc::erase(conn, &data_dir, &id)).await?;
    tracing::info!("testimony withdrawn and erased by its witness");
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
    let (id, key) = witness(&ctx)?;
    let lang = ctx.lang;
    crate::service::run(&state.pool, move |conn| {
        svc::delete_contact(conn, &id, &key, lang)
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
