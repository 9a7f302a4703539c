//! The testimony form, shared by the public page and assisted intake: reading the post
//! (multipart with attachments, or a plain form), checking every field in the witness's
//! language, and saving it all at once.

use std::collections::HashMap;

use actix_web::{HttpRequest, web};
use futures_util::StreamExt as _;

use crate::attachments::{self, Refusal};
use crate::config::AttachmentLimits;
use crate::db::hearings::{ConsentText, Hearing, Theme};
use crate::db::{self, testimony::NewAttachment, testimony::NewTestimony};
use crate::domain::FormErrors;
use crate::domain::account::Email;
use crate::domain::consent::{ConsentMethod, ConsentScope, ConsentSet};
use crate::domain::receipt::Receipt;
use crate::domain::redaction::{MAX_TERM_CHARS, MAX_TERMS, RedactionRequest, TermsError};
use crate::domain::testimony::{Intake, MAX_TESTIMONY_CHARS, Period, PeriodError, WitnessRole};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::Ctx;

/// Longest short field (place, interpreter), in characters.
const SHORT_MAX: usize = 100;
/// Longest name or pseudonym.
const NAME_MAX: usize = 200;
/// Longest phone number as typed.
const PHONE_MAX: usize = 40;
/// Largest text field read from a post, in bytes; the testimony itself is checked in characters.
const TEXT_FIELD_BYTES: usize = 400 * 1024;

/// What the witness typed, kept to show the form again.
#[derive(Clone, Debug, Default)]
pub struct TestimonyForm {
    pub consent_text_id: String,
    pub body: String,
    pub witness_role: String,
    pub place_state: String,
    pub place_city: String,
    pub period_from: String,
    pub period_to: String,
    pub themes: Vec<String>,
    pub language: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub consent: Vec<String>,
    pub redact_name: bool,
    pub redact_places: bool,
    pub redact_other_names: bool,
    pub redact_dates: bool,
    pub redact_terms: String,
    /// The field people cannot see and bots fill in.
    pub website: String,
    /// Assisted intake: how consent was given (spoken, written).
    pub consent_method: String,
    /// Assisted intake: the interpreter's name, if any.
    pub interpreter: String,
    /// Assisted intake: the language interpreted from.
    pub interpretation_language: String,
}

impl TestimonyForm {
    fn from_fields(fields: &HashMap<String, Vec<String>>) -> Self {
        let one = |k: &str| {
            fields
                .get(k)
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default()
        };
        let many = |k: &str| fields.get(k).cloned().unwrap_or_default();
        let flag = |k: &str| {
            fields
                .get(k)
                .is_some_and(|v| v.iter().any(|x| !x.is_empty()))
        };
        Self {
            consent_text_id: one("consent_text_id"),
            body: one("body"),
            witness_role: one("witness_role"),
            place_state: one("place_state"),
            place_city: one("place_city"),
            period_from: one("period_from"),
            period_to: one("period_to"),
            themes: many("themes"),
            language: one("language"),
            name: one("name"),
            email: one("email"),
            phone: one("phone"),
            consent: many("consent"),
            redact_name: flag("redact_name"),
            redact_places: flag("redact_places"),
            redact_other_names: flag("redact_other_names"),
            redact_dates: flag("redact_dates"),
            redact_terms: one("redact_terms"),
            website: many("website").concat(),
            consent_method: one("consent_method"),
            interpreter: one("interpreter"),
            interpretation_language: one("interpretation_language"),
        }
    }

    pub fn has_theme(&self, id: &str) -> bool {
        self.themes.iter().any(|t| t == id)
    }

    pub fn has_consent(&self, code: &str) -> bool {
        self.consent.iter().any(|c| c == code)
    }
}

/// An attached file as received.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A problem with the attachments as a whole or one file, found while reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadProblem {
    TooMany,
    TooBig(String),
    TotalTooBig,
}

/// A post as read: the anti-forgery token, the typed values, the files.
pub struct RawSubmission {
    pub csrf: String,
    pub form: TestimonyForm,
    pub uploads: Vec<Upload>,
    pub problems: Vec<UploadProblem>,
    /// A text field was larger than any valid answer (cut when read).
    pub oversized_text: bool,
}

/// Read a testimony post. Multipart (with files) or a plain urlencoded form both work.
/// Oversized files are read past and reported, so the rest of what was typed is kept.
pub async fn read(
    req: &HttpRequest,
    mut payload: web::Payload,
    limits: AttachmentLimits,
) -> Result<RawSubmission, AppError> {
    let content_type = req
        .headers()
        .get("Content-Type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut fields: HashMap<String, Vec<String>> = HashMap::new();
    let mut uploads = Vec::new();
    let mut problems = Vec::new();
    let mut oversized_text = false;

    if content_type.starts_with("multipart/form-data") {
        let mut multipart = actix_multipart::Multipart::new(req.headers(), payload);
        let mut total: usize = 0;
        // Past this, stop reading altogether: nobody sends this much by mistake.
        let hard_cap = limits
            .max_total_bytes
            .saturating_mul(4)
            .max(64 * 1024 * 1024);
        let mut read_bytes: usize = 0;
        while let Some(field) = multipart.next().await {
            let mut field = field.map_err(|_| bad_form())?;
            let (name, filename) = match field.content_disposition() {
                Some(cd) => (
                    cd.get_name().unwrap_or_default().to_string(),
                    cd.get_filename().map(str::to_string),
                ),
                None => continue,
            };
            let is_file = filename.is_some();
            let limit = if is_file {
                limits.max_file_bytes
            } else {
                TEXT_FIELD_BYTES
            };
            let mut data = Vec::new();
            let mut over = false;
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(|_| bad_form())?;
                read_bytes += chunk.len();
                if read_bytes > hard_cap {
                    return Err(AppError::PayloadTooLarge);
                }
                if data.len() + chunk.len() > limit {
                    over = true;
                } else if !over {
                    data.extend_from_slice(&chunk);
                }
            }
            match filename {
                Some(filename) => {
                    if filename.is_empty() && data.is_empty() {
                        continue; // The file input was left empty.
                    }
                    let display = short_name(&filename);
                    if uploads.len() >= limits.max_files {
                        if !problems.contains(&UploadProblem::TooMany) {
                            problems.push(UploadProblem::TooMany);
                        }
                    } else if over {
                        problems.push(UploadProblem::TooBig(display));
                    } else {
                        total += data.len();
                        if total > limits.max_total_bytes {
                            if !problems.contains(&UploadProblem::TotalTooBig) {
                                problems.push(UploadProblem::TotalTooBig);
                            }
                        } else {
                            uploads.push(Upload {
                                name: display,
                                bytes: data,
                            });
                        }
                    }
                }
                None => {
                    oversized_text |= over;
                    let text = String::from_utf8_lossy(&data).into_owned();
                    fields.entry(name).or_default().push(text);
                }
            }
        }
    } else {
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| bad_form())?;
            if body.len() + chunk.len() > crate::web::form::FORM_LIMIT {
                return Err(AppError::PayloadTooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        let pairs: Vec<(String, String)> =
            serde_html_form::from_bytes(&body).map_err(|_| bad_form())?;
        for (k, v) in pairs {
            fields.entry(k).or_default().push(v);
        }
    }
    let csrf = fields
        .get("csrf_token")
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default();
    Ok(RawSubmission {
        csrf,
        form: TestimonyForm::from_fields(&fields),
        uploads,
        problems,
        oversized_text,
    })
}

fn bad_form() -> AppError {
    AppError::BadRequest(
        "The form could not be read. Go back, reload the page and send it again.".into(),
    )
}

/// A file name to show back to the witness: no folders, at most 80 characters.
fn short_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.chars().take(80).collect()
}

/// Who took the testimony, for assisted intake.
pub struct StaffIntake {
    pub user_id: String,
}

/// A checked submission, ready to save.
pub struct ValidSubmission {
    pub consent_text_id: String,
    pub body: String,
    pub role: WitnessRole,
    pub place_state: String,
    pub place_city: String,
    pub period: Option<Period>,
    pub theme_ids: Vec<String>,
    pub language: String,
    pub name: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub consent: ConsentSet,
    pub redaction: RedactionRequest,
    pub files: Vec<(attachments::Kind, Vec<u8>)>,
    pub consent_method: ConsentMethod,
    pub interpreter: Option<String>,
    pub interpretation_language: Option<String>,
}

/// The choices the form offers for a hearing.
pub struct FormChoices<'a> {
    pub themes: &'a [Theme],
    pub languages: &'a [Lang],
    pub consent_text: &'a ConsentText,
    pub staff: bool,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Check a submission. Messages are in the page's language and name the field to fix.
pub fn validate(
    ctx: &Ctx,
    raw: RawSubmission,
    choices: &FormChoices<'_>,
    limits: AttachmentLimits,
) -> Result<ValidSubmission, Box<(TestimonyForm, FormErrors)>> {
    let f = raw.form;
    let mut e = FormErrors::default();
    let t = |k: &str| ctx.t(k);

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
            ctx.t1(
                "err-body-long",
                "max",
                &group_thousands(MAX_TESTIMONY_CHARS),
            ),
        );
    }
    let role = WitnessRole::parse(&f.witness_role);
    if role.is_none() {
        e.add("witness_role", t("err-role"));
    }
    for (field, value) in [
        ("place_state", &f.place_state),
        ("place_city", &f.place_city),
    ] {
        if value.trim().chars().count() > SHORT_MAX {
            e.add(field, t("err-text-long"));
        }
    }
    let period = if f.period_from.trim().is_empty() && f.period_to.trim().is_empty() {
        None
    } else {
        match Period::parse(&f.period_from, &f.period_to, db::now().date()) {
            Ok(p) => Some(p),
            Err(PeriodError::MissingFrom) => {
                e.add("period_from", t("err-period-missing-from"));
                None
            }
            Err(PeriodError::BadFrom) => {
                e.add("period_from", t("err-period-format"));
                None
            }
            Err(PeriodError::BadTo) => {
                e.add("period_to", t("err-period-format"));
                None
            }
            Err(PeriodError::Reversed) => {
                e.add("period_to", t("err-period-reversed"));
                None
            }
            Err(PeriodError::Future) => {
                e.add("period_from", t("err-period-future"));
                None
            }
        }
    };
    let mut theme_ids: Vec<String> = Vec::new();
    for id in &f.themes {
        if !choices.themes.iter().any(|th| &th.id == id) {
            e.add("themes", t("err-theme"));
            break;
        }
        if !theme_ids.contains(id) {
            theme_ids.push(id.clone());
        }
    }
    let language = f.language.trim().to_string();
    let language_ok = language == "other" || choices.languages.iter().any(|l| l.code() == language);
    if !language_ok {
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
    let terms = match RedactionRequest::parse_terms(&f.redact_terms) {
        Ok(terms) => terms,
        Err(TermsError::TooLong) => {
            e.add(
                "redact_terms",
                ctx.t1("err-terms-long", "max", &MAX_TERM_CHARS.to_string()),
            );
            vec![]
        }
        Err(TermsError::TooMany) => {
            e.add(
                "redact_terms",
                ctx.t1("err-terms-many", "max", &MAX_TERMS.to_string()),
            );
            vec![]
        }
    };
    if f.consent_text_id != choices.consent_text.id && !f.consent_text_id.is_empty() {
        // The consent text changed while the form was open: show the new one before accepting.
        e.add("consent", t("err-consent-text-changed"));
    }
    let mb = |b: usize| (b / (1024 * 1024)).to_string();
    for p in &raw.problems {
        let msg = match p {
            UploadProblem::TooMany => {
                ctx.t1("err-files-many", "max", &limits.max_files.to_string())
            }
            UploadProblem::TotalTooBig => {
                ctx.t1("err-files-total", "max", &mb(limits.max_total_bytes))
            }
            UploadProblem::TooBig(name) => crate::i18n::message(
                ctx.lang,
                "err-file-big",
                &[("name", name), ("max", &mb(limits.max_file_bytes))],
            ),
        };
        e.add("attachments", msg);
    }
    let mut files = Vec::new();
    for upload in raw.uploads {
        match attachments::clean(upload.bytes) {
            Ok(file) => files.push(file),
            Err(Refusal::WrongType) => {
                e.add("attachments", ctx.t1("err-file-type", "name", &upload.name))
            }
            Err(Refusal::Unreadable) => e.add(
                "attachments",
                ctx.t1("err-file-unreadable", "name", &upload.name),
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
        (method, opt(&f.interpreter), opt(&f.interpretation_language))
    } else {
        (ConsentMethod::Online, None, None)
    };

    if !e.is_empty() {
        return Err(Box::new((f, e)));
    }
    Ok(ValidSubmission {
        consent_text_id: choices.consent_text.id.clone(),
        body,
        role: role.unwrap_or(WitnessRole::Other),
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
    })
}

/// 50000 → "50,000" (digits are read the same in every offered language with a comma or space;
/// the Fluent messages place the number).
pub fn group_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A post that is shown again instead of saved, with what the person typed.
pub struct Refused {
    pub status: actix_web::http::StatusCode,
    pub form: TestimonyForm,
    pub errors: FormErrors,
    pub notice: Option<String>,
}

/// Take a post from reading to saving: the anti-forgery check (a failure shows the form
/// again with the text kept, never loses it), a refusal decided by the caller (a closed
/// hearing, too many submissions), the checks of every field, then the save.
pub async fn process(
    state: &web::Data<AppState>,
    ctx: &Ctx,
    raw: RawSubmission,
    csrf_ok: bool,
    loaded: &super::public::Loaded,
    refusal: Option<(actix_web::http::StatusCode, String)>,
    staff: Option<StaffIntake>,
) -> Result<Result<Receipt, Refused>, AppError> {
    use actix_web::http::StatusCode;
    let refused = |status, form, errors, notice| {
        Ok(Err(Refused {
            status,
            form,
            errors,
            notice,
        }))
    };
    if !csrf_ok {
        let notice = format!("{} {}", ctx.t("error-csrf-title"), ctx.t("form-csrf-kept"));
        return refused(
            StatusCode::FORBIDDEN,
            raw.form,
            FormErrors::default(),
            Some(notice),
        );
    }
    if let Some((status, notice)) = refusal {
        return refused(status, raw.form, FormErrors::default(), Some(notice));
    }
    let had_files = !raw.uploads.is_empty() || !raw.problems.is_empty();
    let languages = loaded.hearing.languages();
    let choices = FormChoices {
        themes: &loaded.themes,
        languages: &languages,
        consent_text: &loaded.consent_text,
        staff: staff.is_some(),
    };
    match validate(ctx, raw, &choices, state.config.attachments) {
        Ok(valid) => Ok(Ok(
            save(state, &loaded.hearing, valid, ctx.lang, staff).await?
        )),
        Err(invalid) => {
            let (form, errors) = *invalid;
            let notice = had_files.then(|| ctx.t("form-files-again"));
            refused(StatusCode::UNPROCESSABLE_ENTITY, form, errors, notice)
        }
    }
}

/// Save a checked submission: attachments (encrypted) first, then every row in one
/// transaction, then the confirmation email if the witness asked to be contacted by email.
/// Returns the receipt, which exists nowhere else.
async fn save(
    state: &web::Data<AppState>,
    hearing: &Hearing,
    valid: ValidSubmission,
    lang: Lang,
    staff: Option<StaffIntake>,
) -> Result<Receipt, AppError> {
    let receipt = Receipt::generate();
    let keys = state.keys.clone();
    let testimony_id = db::new_id();
    let mut new_attachments = Vec::new();
    for (kind, bytes) in &valid.files {
        let id = db::new_id();
        attachments::store(&state.config.data_dir, &keys, &testimony_id, &id, bytes).map_err(
            |e| {
                attachments::remove_all(&state.config.data_dir, &testimony_id);
                AppError::Internal(anyhow::Error::new(e).context("could not store an attachment"))
            },
        )?;
        new_attachments.push(NewAttachment {
            id,
            content_type: kind.mime().to_string(),
            size_bytes: bytes.len() as i64,
            sha256: crate::crypto::sha256_hex(bytes),
        });
    }
    let confirmation = valid
        .email
        .as_ref()
        .filter(|_| valid.consent.contains(ConsentScope::ContactForFollowUp))
        .map(|email| crate::mail::OutgoingMail {
            to: email.as_str().to_string(),
            subject: crate::i18n::message(lang, "mail-confirm-subject", &[]),
            text: crate::i18n::message(lang, "mail-confirm-body", &[]),
        });
    let new = NewTestimony {
        id: testimony_id.clone(),
        hearing_id: hearing.id.clone(),
        receipt_hash: keys.keyed_hash("receipt", receipt.digits().as_bytes()),
        body: valid.body,
        language: valid.language,
        witness_role: valid.role.code().to_string(),
        place_state: valid.place_state,
        place_city: valid.place_city,
        period_from: valid.period.map(|p| p.from.code()).unwrap_or_default(),
        period_to: valid.period.and_then(|p| p.to).map(|t| t.code()),
        witness_name: valid.name.as_deref().map(|n| keys.seal_str(n)),
        contact_email: valid.email.as_ref().map(|e| keys.seal_str(e.as_str())),
        contact_phone: valid.phone.as_deref().map(|p| keys.seal_str(p)),
        intake: if staff.is_some() {
            Intake::Assisted
        } else {
            Intake::Online
        },
        intake_by: staff.map(|s| s.user_id),
        interpreter: valid.interpreter,
        interpretation_language: valid.interpretation_language,
        theme_ids: valid.theme_ids,
        consent: valid.consent,
        consent_text_id: valid.consent_text_id,
        consent_method: valid.consent_method,
        redact_name: valid.redaction.name,
        redact_places: valid.redaction.places,
        redact_other_names: valid.redaction.other_names,
        redact_dates: valid.redaction.dates,
        redact_terms: (!valid.redaction.terms.is_empty())
            .then(|| keys.seal_str(&valid.redaction.terms_text())),
        attachments: new_attachments,
    };
    let st = state.clone();
    let data_dir = state.config.data_dir.clone();
    let saved = crate::web::run_db(&state.pool, move |conn| {
        use diesel::Connection as _;
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            db::testimony::create(conn, &new)?;
            if let Some(mail) = &confirmation {
                crate::mail::enqueue(conn, &st.keys, "testimony-confirmation", mail)?;
            }
            Ok(())
        })
        .map_err(AppError::from)
    })
    .await;
    if let Err(e) = saved {
        attachments::remove_all(&data_dir, &testimony_id);
        return Err(e);
    }
    state.mailer.wake();
    tracing::info!(hearing = %hearing.id, "testimony received");
    Ok(receipt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(50_000), "50,000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn file_names_lose_their_folders() {
        assert_eq!(short_name("C:\\Users\\ana\\foto.jpg"), "foto.jpg");
        assert_eq!(short_name("/home/ana/doc.pdf"), "doc.pdf");
    }
}
