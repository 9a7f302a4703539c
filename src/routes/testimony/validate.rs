//! Checking a testimony post field by field, in the witness's language, into a
//! [`Submission`] for the service; and the flow shared by the public form and assisted
//! intake (anti-forgery check, refusals, checks, then the service call).

use actix_web::web;

use super::form::{RawSubmission, TestimonyForm, UploadProblem};
use super::wording::Wording;
use crate::attachments::{self, Refusal};
use crate::config::AttachmentLimits;
use crate::db::hearings::{ConsentText, Theme};
use crate::domain::FormErrors;
use crate::domain::account::Email;
use crate::domain::consent::{ConsentMethod, ConsentScope, ConsentSet};
use crate::domain::ids::{HearingId, UserId};
use crate::domain::redaction::{MAX_TERM_CHARS, MAX_TERMS, RedactionRequest, TermsError};
use crate::domain::submission::SubmissionKey;
use crate::domain::testimony::{
    MAX_TESTIMONY_CHARS, Period, PeriodError, TestimonyLanguage, WitnessRole,
};
use crate::domain::text::OriginalText;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::receipts::{self, Submitted};
use crate::service::testimony::Submission;
use crate::state::AppState;
use crate::web::Ctx;

/// Longest short field (place, interpreter), in characters.
const SHORT_MAX: usize = 100;
/// Longest name or pseudonym.
const NAME_MAX: usize = 200;
/// Longest phone number as typed.
const PHONE_MAX: usize = 40;

/// An attached file's name as sent, and the file cleaned of metadata (or why not).
pub type Cleaned = (
    String,
    Result<(attachments::Kind, attachments::FileBuf), Refusal>,
);

/// Clean every attached file, off the async workers (a large PDF takes a while).
async fn clean_uploads(uploads: Vec<super::form::Upload>) -> Result<Vec<Cleaned>, AppError> {
    // Most testimonies come without files: no need to hand them to another thread.
    if uploads.is_empty() {
        return Ok(Vec::new());
    }
    web::block(move || {
        uploads
            .into_iter()
            .map(|u| (u.name, attachments::clean(u.bytes)))
            .collect()
    })
    .await
    .map_err(|_| AppError::Internal(anyhow::anyhow!("cleaning attachments was cancelled")))
}

/// Who took the testimony, for assisted intake.
pub struct StaffIntake {
    pub user_id: UserId,
}

/// The choices the form offers for a hearing.
pub struct FormChoices<'a> {
    pub hearing_id: &'a str,
    pub themes: &'a [Theme],
    pub languages: &'a [Lang],
    /// The consent text shown on the page.
    pub consent_text: &'a ConsentText,
    /// The newest consent text in each of the hearing's languages.
    pub consent_texts: &'a [ConsentText],
    pub staff: bool,
    /// The site's address, for the confirmation email.
    pub site: &'a str,
}

impl<'a> FormChoices<'a> {
    /// The consent text the witness agreed to: the exact version whose id the form
    /// posted, if it is still a current one (in any of the hearing's languages); the one
    /// shown when no id was posted; `None` when it changed meanwhile.
    pub fn agreed(&self, posted: &str) -> Option<&'a ConsentText> {
        if posted.is_empty() {
            return Some(self.consent_text);
        }
        self.consent_texts
            .iter()
            .chain(std::iter::once(self.consent_text))
            .find(|c| c.id == posted)
    }
}

/// The language a receipt of assisted intake is printed in (and the confirmation email
/// written in): the one chosen on the form, else the testimony's when it is a site
/// language, else English.
pub fn receipt_language(form: &TestimonyForm) -> Lang {
    Lang::parse(&form.receipt_language)
        .or(match TestimonyLanguage::parse(&form.language) {
            Some(TestimonyLanguage::Known(lang)) => Some(lang),
            _ => None,
        })
        .unwrap_or(Lang::En)
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Check a submission. Messages are in the page's language (in English for staff) and
/// name the field to fix.
pub fn validate(
    ctx: &Ctx,
    raw: RawSubmission,
    choices: &FormChoices<'_>,
    limits: AttachmentLimits,
    cleaned: Vec<Cleaned>,
    taken_by: Option<UserId>,
) -> Result<Submission, Box<(TestimonyForm, FormErrors)>> {
    let f = raw.form;
    let mut e = FormErrors::default();
    let words = Wording::new(ctx.lang, choices.staff);
    let t = |k: &str| words.t(k);

    if !f.website.trim().is_empty() {
        e.add("body", t("form-rejected"));
    }
    let body = f
        .body
        .trim_end()
        .trim_start_matches(['\n', '\r'])
        .to_string();
    if body.trim().is_empty() {
        e.add("body", t("err-body-empty"));
    } else if raw.oversized_text || body.chars().count() > MAX_TESTIMONY_CHARS {
        e.add(
            "body",
            words.t1(
                "err-body-long",
                "max",
                &crate::i18n::format_number(MAX_TESTIMONY_CHARS, ctx.lang),
            ),
        );
    }
    let role = WitnessRole::parse(&f.witness_role);
    if role.is_none() {
        e.add("witness_role", t("err-role"));
    }
    let (period, theme_ids) = check_place_period_themes(
        &words,
        &mut e,
        [&f.place_state, &f.place_city],
        [&f.period_from, &f.period_to],
        &f.themes,
        choices.themes,
    );
    let language = TestimonyLanguage::parse(&f.language).filter(|l| match l {
        TestimonyLanguage::Known(lang) => choices.languages.contains(lang),
        TestimonyLanguage::Other => true,
    });
    if language.is_none() {
        e.add("language", t("err-language"));
    }
    let name = opt(&f.name);
    if name.as_ref().is_some_and(|n| n.chars().count() > NAME_MAX) {
        e.add("name", t("err-name-long"));
    }
    let email = match opt(&f.email) {
        None => None,
        Some(raw_email) => match Email::parse(&raw_email) {
            Ok(em) => Some(em),
            Err(_) => {
                e.add("email", t("err-email"));
                None
            }
        },
    };
    let phone = opt(&f.phone);
    if let Some(p) = &phone {
        let ok = p.chars().count() <= PHONE_MAX
            && p.chars().filter(char::is_ascii_digit).count() >= 5
            && p.chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if !ok {
            e.add("phone", t("err-phone"));
        }
    }
    let consent = match ConsentSet::parse_codes(f.consent.iter().map(String::as_str)) {
        Ok(c) => c,
        Err(_) => {
            e.add("consent", t("err-consent"));
            ConsentSet::default()
        }
    };
    if consent.contains(ConsentScope::ContactForFollowUp)
        && email.is_none()
        && phone.is_none()
        && !e.has("email")
        && !e.has("phone")
    {
        e.add("consent", t("err-contact-needs-details"));
    }
    let terms = check_terms(&words, &mut e, &f.redact_terms);
    if choices.agreed(&f.consent_text_id).is_none() {
        // The consent text changed while the form was open: show the new one before accepting.
        e.add("consent", t("err-consent-text-changed"));
    }
    let mb = |b: usize| (b / (1024 * 1024)).to_string();
    for p in &raw.problems {
        let msg = match p {
            UploadProblem::Busy => words.t("err-files-busy"),
            UploadProblem::TooMany => {
                words.t1("err-files-many", "max", &limits.max_files.to_string())
            }
            UploadProblem::TotalTooBig => {
                words.t1("err-files-total", "max", &mb(limits.max_total_bytes))
            }
            UploadProblem::TooBig(name) => words.with(
                "err-file-big",
                &[("name", name), ("max", &mb(limits.max_file_bytes))],
            ),
        };
        e.add("attachments", msg);
    }
    let mut files = Vec::new();
    for (name, cleaned) in cleaned {
        match cleaned {
            Ok(file) => files.push(file),
            Err(Refusal::WrongType) => {
                e.add("attachments", words.t1("err-file-type", "name", &name))
            }
            Err(Refusal::Unreadable) => e.add(
                "attachments",
                words.t1("err-file-unreadable", "name", &name),
            ),
        }
    }
    let (consent_method, interpreter, interpretation_language) = if choices.staff {
        let method = match ConsentMethod::parse(&f.consent_method) {
            Some(m @ (ConsentMethod::Spoken | ConsentMethod::Written)) => m,
            _ => {
                e.add(
                    "consent_method",
                    "Choose how the witness gave consent: spoken or written.",
                );
                ConsentMethod::Spoken
            }
        };
        for (field, value) in [
            ("interpreter", &f.interpreter),
            ("interpretation_language", &f.interpretation_language),
        ] {
            if value.trim().chars().count() > SHORT_MAX {
                e.add(field, "Use at most 100 characters.");
            }
        }
        if !f.receipt_language.is_empty() && Lang::parse(&f.receipt_language).is_none() {
            e.add(
                "receipt_language",
                "Choose the language of the receipt from the list.",
            );
        }
        (method, opt(&f.interpreter), opt(&f.interpretation_language))
    } else {
        (ConsentMethod::Online, None, None)
    };

    let (Some(role), Some(language)) = (role, language) else {
        return Err(Box::new((f, e)));
    };
    if !e.is_empty() {
        return Err(Box::new((f, e)));
    }
    // In the witness's language: the page's, or at intake the one chosen for the receipt.
    let mail_lang = if choices.staff {
        receipt_language(&f)
    } else {
        ctx.lang
    };
    let check = format!("{}/check", choices.site);
    let confirmation = email
        .as_ref()
        .filter(|_| consent.contains(ConsentScope::ContactForFollowUp))
        .map(|email| crate::mail::OutgoingMail {
            to: email.as_str().to_string(),
            subject: crate::i18n::message(mail_lang, "mail-confirm-subject", &[]),
            text: crate::i18n::message(
                mail_lang,
                "mail-confirm-body",
                &[("site", choices.site), ("check", &check)],
            ),
            witness: true,
        });
    Ok(Submission {
        hearing_id: HearingId::from(choices.hearing_id),
        consent_text_id: choices
            .agreed(&f.consent_text_id)
            .unwrap_or(choices.consent_text)
            .id
            .clone(),
        body: OriginalText::from_witness(body),
        role,
        place_state: f.place_state.trim().to_string(),
        place_city: f.place_city.trim().to_string(),
        period,
        theme_ids,
        language,
        name,
        email,
        phone,
        consent,
        redaction: RedactionRequest {
            name: f.redact_name,
            places: f.redact_places,
            other_names: f.redact_other_names,
            dates: f.redact_dates,
            terms,
        },
        files,
        consent_method,
        interpreter,
        interpretation_language,
        taken_by,
        confirmation,
    })
}

/// Check where and when it happened and the themes, as the form and the witness's page
/// both ask them. Returns the period (if given) and the chosen theme ids, without repeats.
pub fn check_place_period_themes(
    words: &Wording,
    e: &mut FormErrors,
    [state, city]: [&str; 2],
    [from, to]: [&str; 2],
    themes: &[String],
    offered: &[Theme],
) -> (Option<Period>, Vec<String>) {
    let t = |k: &str| words.t(k);
    for (field, value) in [("place_state", state), ("place_city", city)] {
        if value.trim().chars().count() > SHORT_MAX {
            e.add(field, t("err-text-long"));
        }
    }
    let period = if from.trim().is_empty() && to.trim().is_empty() {
        None
    } else {
        match Period::parse(from, to, crate::db::now().date()) {
            Ok(p) => Some(p),
            Err(error) => {
                let (field, key) = match error {
                    PeriodError::MissingFrom => ("period_from", "err-period-missing-from"),
                    PeriodError::BadFrom => ("period_from", "err-period-format"),
                    PeriodError::BadTo => ("period_to", "err-period-format"),
                    PeriodError::Reversed => ("period_to", "err-period-reversed"),
                    PeriodError::Future => ("period_from", "err-period-future"),
                };
                e.add(field, t(key));
                None
            }
        }
    };
    let mut theme_ids: Vec<String> = Vec::new();
    for id in themes {
        if !offered.iter().any(|th| &th.id == id) {
            e.add("themes", t("err-theme"));
            break;
        }
        if !theme_ids.contains(id) {
            theme_ids.push(id.clone());
        }
    }
    (period, theme_ids)
}

/// Check the list of words and phrases to redact.
pub fn check_terms(words: &Wording, e: &mut FormErrors, raw: &str) -> Vec<String> {
    match RedactionRequest::parse_terms(raw) {
        Ok(terms) => terms,
        Err(TermsError::TooLong) => {
            e.add(
                "redact_terms",
                words.t1("err-terms-long", "max", &MAX_TERM_CHARS.to_string()),
            );
            vec![]
        }
        Err(TermsError::TooMany) => {
            e.add(
                "redact_terms",
                words.t1("err-terms-many", "max", &MAX_TERMS.to_string()),
            );
            vec![]
        }
    }
}

/// A post that was taken: the form's key and what became of it.
pub struct Accepted {
    pub key: SubmissionKey,
    pub submitted: Submitted,
}

/// A post that is shown again instead of saved, with what the person typed.
pub struct Refused {
    pub status: actix_web::http::StatusCode,
    pub form: TestimonyForm,
    pub errors: FormErrors,
    pub notice: Option<String>,
}

/// Take a post from reading to saving: the anti-forgery check (a failure shows the form
/// again with the text kept, never loses it), a repeat of a form already sent (answered as
/// the first post was, whatever changed since), a refusal decided by the caller (a closed
/// hearing, too many submissions), the checks of every field, then the service call.
/// A form shown again keeps its submission key.
/// The receipt of a form already saved under `key`, if it was.
async fn earlier(
    state: &web::Data<AppState>,
    key: &SubmissionKey,
) -> Result<Option<Submitted>, AppError> {
    let (st, k) = (state.clone(), key.clone());
    Ok(crate::service::run(&state.pool, move |conn| {
        receipts::find_submitted(conn, &st.keys, &k, crate::db::now())
    })
    .await?)
}

pub async fn process(
    state: &web::Data<AppState>,
    ctx: &Ctx,
    mut raw: RawSubmission,
    csrf_ok: bool,
    loaded: &super::public::Loaded,
    refusal: Option<(actix_web::http::StatusCode, String)>,
    staff: Option<StaffIntake>,
) -> Result<Result<Accepted, Refused>, AppError> {
    use actix_web::http::StatusCode;
    let key = raw.form.take_submission_key();
    let words = Wording::new(ctx.lang, staff.is_some());
    let refused = |status, form, errors, notice| {
        Ok(Err(Refused {
            status,
            form,
            errors,
            notice,
        }))
    };
    if !csrf_ok {
        let notice = format!(
            "{} {}",
            words.t("error-csrf-title"),
            words.t("form-csrf-kept")
        );
        return refused(
            StatusCode::FORBIDDEN,
            raw.form,
            FormErrors::default(),
            Some(notice),
        );
    }
    // A form sent again after it was saved gets its receipt again, even if the hearing
    // has closed or the form would not pass now. Saving checks that too, so the check
    // is made here only before refusing.
    if let Some((status, notice)) = refusal {
        if let Some(submitted) = earlier(state, &key).await? {
            return Ok(Ok(Accepted { key, submitted }));
        }
        return refused(status, raw.form, FormErrors::default(), Some(notice));
    }
    let had_files = !raw.uploads.is_empty() || !raw.problems.is_empty();
    let languages = loaded.hearing.languages();
    let choices = FormChoices {
        hearing_id: &loaded.hearing.id,
        themes: &loaded.themes,
        languages: &languages,
        consent_text: &loaded.consent_text,
        consent_texts: &loaded.consent_texts,
        staff: staff.is_some(),
        site: &state.config.base_url,
    };
    let taken_by = staff.map(|s| s.user_id);
    let cleaned = clean_uploads(std::mem::take(&mut raw.uploads)).await?;
    let limits = state.config.attachments;
    let submission = match validate(ctx, raw, &choices, limits, cleaned, taken_by) {
        Ok(s) => s,
        Err(invalid) => {
            if let Some(submitted) = earlier(state, &key).await? {
                return Ok(Ok(Accepted { key, submitted }));
            }
            let (form, errors) = *invalid;
            let notice = had_files.then(|| words.t("form-files-again"));
            return refused(StatusCode::UNPROCESSABLE_ENTITY, form, errors, notice);
        }
    };
    let (st, k) = (state.clone(), key.clone());
    let submitted = crate::service::run(&state.pool, move |conn| {
        crate::service::testimony::submit(conn, &st.keys, &st.config.data_dir, &k, submission)
    })
    .await?;
    if matches!(submitted, Submitted::Now(_)) {
        state.mailer.wake();
        tracing::info!(hearing = %loaded.hearing.id, "testimony received");
    }
    Ok(Ok(Accepted { key, submitted }))
}
