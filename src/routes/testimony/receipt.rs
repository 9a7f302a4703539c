//! The receipt pages: the witness's after sending, and the one staff print for a witness at
//! an in-person hearing. A receipt can be viewed again in the same browser session for 15
//! minutes after the testimony was submitted, then it is gone for good. The session keeps
//! only the form's submission key and the time; the receipt itself is kept sealed under a
//! key derived from that submission key (see `service::receipts`).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::validate::Accepted;
use crate::domain::account::Permission;
use crate::domain::receipt::Receipt;
use crate::domain::submission::{SubmissionKey, receipt_viewable};
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::service::receipts::{self, IssuedReceipt, Submitted};
use crate::state::AppState;
use crate::web::{self as w, Ctx, Staff, ctx::keys};

/// What a session keeps to show a receipt again.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ShownReceipt {
    /// The submission key of the form, which opens the kept receipt.
    key: String,
    /// When the testimony was submitted (Unix seconds).
    submitted_at: i64,
    /// Assisted intake: the hearing's title.
    #[serde(default)]
    hearing_title: String,
    /// Assisted intake: the language the receipt is printed in.
    #[serde(default)]
    lang: Option<String>,
}

impl ShownReceipt {
    fn new(key: &SubmissionKey, issued: &IssuedReceipt) -> Self {
        Self {
            key: key.as_str().to_string(),
            submitted_at: issued.submitted_at.and_utc().timestamp(),
            hearing_title: String::new(),
            lang: None,
        }
    }

    /// Whether it may still be shown at `now`.
    fn viewable(&self, now: chrono::NaiveDateTime) -> bool {
        chrono::DateTime::from_timestamp(self.submitted_at, 0)
            .is_some_and(|at| receipt_viewable(at.naive_utc(), now))
    }
}

/// A receipt as the pages show it, in one language.
pub struct ReceiptView {
    /// The language of the receipt's words (the `lang` of its section).
    pub lang: &'static str,
    pub groups: Vec<String>,
    pub title: String,
    pub keep: String,
    pub next: String,
    pub site_label: String,
    pub site: String,
    pub check_label: String,
    pub check_url: String,
    /// Assisted intake: the hearing's title.
    pub hearing: Option<String>,
    pub hearing_label: String,
}

impl ReceiptView {
    fn new(receipt: &Receipt, lang: Lang, base_url: &str, hearing: Option<String>) -> Self {
        let t = |k: &str| i18n::message(lang, k, &[]);
        Self {
            lang: lang.code(),
            groups: receipt.groups().into_iter().map(str::to_string).collect(),
            title: t("receipt-title"),
            keep: t("receipt-keep"),
            next: t("receipt-next"),
            site_label: t("receipt-site"),
            site: base_url.to_string(),
            check_label: t("receipt-check-page"),
            check_url: format!("{base_url}/check"),
            hearing,
            hearing_label: t("mine-hearing"),
        }
    }
}

/// After a post was taken: remember the receipt in the session and send the browser to
/// `page`, or, when the form was sent long ago and its receipt is gone, say so.
fn answer(
    session: &Session,
    session_key: &str,
    accepted: &Accepted,
    page: &str,
    extra: impl FnOnce(&mut ShownReceipt),
) -> Result<Option<HttpResponse>, AppError> {
    let Some(issued) = accepted.submitted.issued() else {
        return Ok(None);
    };
    let mut shown = ShownReceipt::new(&accepted.key, issued);
    extra(&mut shown);
    crate::web::ctx::store(session, session_key, shown)?;
    Ok(Some(w::see_other(page)))
}

/// The receipt the session may still show, with what it remembered. An entry past its
/// time, or whose kept receipt is gone, is removed.
async fn recall(
    state: &AppState,
    session: &Session,
    session_key: &str,
) -> Result<Option<(Receipt, ShownReceipt)>, AppError> {
    if !session.contains_key(session_key) {
        return Ok(None);
    }
    let now = crate::db::now();
    let entry = session
        .get::<ShownReceipt>(session_key)
        .ok()
        .flatten()
        .filter(|e| e.viewable(now));
    let found = match entry {
        Some(entry) => match SubmissionKey::parse(&entry.key) {
            Some(key) => {
                let keys = state.keys.clone();
                let kept = crate::service::run(&state.pool, move |conn| {
                    receipts::find_submitted(conn, &keys, &key, now)
                })
                .await?;
                match kept {
                    Some(Submitted::Earlier(issued)) => Some((issued.receipt, entry)),
                    _ => None,
                }
            }
            None => None,
        },
        None => None,
    };
    if found.is_none() {
        session.remove(session_key);
    }
    Ok(found)
}

#[derive(Template)]
#[template(path = "testimony/receipt.html")]
pub struct ReceiptPage {
    pub ctx: Ctx,
    pub receipt: Option<ReceiptView>,
    /// The form was sent before, and its receipt is no longer kept.
    pub already_sent: bool,
}

/// The answer to a public post that was taken.
pub fn public_answer(ctx: Ctx, accepted: &Accepted) -> Result<HttpResponse, AppError> {
    match answer(&ctx.session, keys::RECEIPT, accepted, "/receipt", |_| {})? {
        Some(redirect) => Ok(redirect),
        None => w::render(
            StatusCode::CONFLICT,
            &ReceiptPage {
                ctx,
                receipt: None,
                already_sent: true,
            },
        ),
    }
}

/// The receipt, viewable in this browser session for 15 minutes after submission.
#[get("/receipt")]
pub async fn show(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let found = recall(&state, &ctx.session, keys::RECEIPT).await?;
    let receipt = found.map(|(r, _)| ReceiptView::new(&r, ctx.lang, &state.config.base_url, None));
    let status = if receipt.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    w::render(
        status,
        &ReceiptPage {
            ctx,
            receipt,
            already_sent: false,
        },
    )
}

#[derive(Template)]
#[template(path = "testimony/intake_receipt.html")]
pub struct IntakeReceiptPage {
    pub ctx: Ctx,
    pub receipt: Option<ReceiptView>,
    /// The form was sent before, and its receipt is no longer kept.
    pub already_sent: bool,
}

/// The answer to an intake post that was taken: the receipt is printed in `lang`.
pub fn intake_answer(
    ctx: Ctx,
    accepted: &Accepted,
    hearing_title: &str,
    lang: Lang,
) -> Result<HttpResponse, AppError> {
    let redirect = answer(
        &ctx.session,
        keys::INTAKE_RECEIPT,
        accepted,
        "/staff/intake/receipt",
        |shown| {
            shown.hearing_title = hearing_title.to_string();
            shown.lang = Some(lang.code().to_string());
        },
    )?;
    match redirect {
        Some(redirect) => Ok(redirect),
        None => w::render(
            StatusCode::CONFLICT,
            &IntakeReceiptPage {
                ctx,
                receipt: None,
                already_sent: true,
            },
        ),
    }
}

/// The printable receipt to hand to the witness, in the language chosen for it, viewable
/// for 15 minutes after the testimony was saved.
#[get("/staff/intake/receipt")]
pub async fn show_intake(
    staff: Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::TakeTestimony)?;
    let found = recall(&state, &staff.ctx.session, keys::INTAKE_RECEIPT).await?;
    let receipt = found.map(|(r, shown)| {
        let lang = shown
            .lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(Lang::En);
        let hearing = Some(shown.hearing_title).filter(|t| !t.is_empty());
        ReceiptView::new(&r, lang, &state.config.base_url, hearing)
    });
    let status = if receipt.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    w::render(
        status,
        &IntakeReceiptPage {
            ctx: staff.ctx,
            receipt,
            already_sent: false,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_receipt_shows_for_fifteen_minutes() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let shown = ShownReceipt {
            key: SubmissionKey::generate().as_str().to_string(),
            submitted_at: at.and_utc().timestamp(),
            hearing_title: String::new(),
            lang: None,
        };
        assert!(shown.viewable(at + chrono::Duration::minutes(14)));
        assert!(!shown.viewable(at + chrono::Duration::minutes(15)));
    }
}
