//! The testimony form, shared by the public page and assisted intake: reading the post
//! (multipart with attachments, or a plain form) into what the person typed. Checking it
//! is in `validate`.

use std::collections::HashMap;

use actix_web::{HttpRequest, web};
use futures_util::StreamExt as _;

use crate::attachments::budget::{Reserved, UploadBudget};
use crate::attachments::{self, FileBuf};
use crate::config::AttachmentLimits;
use crate::crypto::keys::Sealer;
use crate::domain::clean_input;
use crate::domain::submission::SubmissionKey;
use crate::error::AppError;

/// Largest text field read from a post, in bytes; the testimony itself is checked in characters.
const TEXT_FIELD_BYTES: usize = 400 * 1024;

/// What the witness typed, kept to show the form again.
#[derive(Clone, Debug, Default)]
pub struct TestimonyForm {
    /// The key of this rendering of the form: the same form is submitted once.
    pub submission_key: String,
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
    /// Assisted intake: the language the receipt is printed in (empty: the testimony's).
    pub receipt_language: String,
}

impl TestimonyForm {
    fn from_fields(fields: &HashMap<String, Vec<String>>) -> Self {
        let one = |k: &str| {
            fields
                .get(k)
                .and_then(|v| v.first())
                .map(|v| clean_input(v))
                .unwrap_or_default()
        };
        let many = |k: &str| {
            fields
                .get(k)
                .map(|v| v.iter().map(|x| clean_input(x)).collect())
                .unwrap_or_default()
        };
        let flag = |k: &str| {
            fields
                .get(k)
                .is_some_and(|v| v.iter().any(|x| !x.is_empty()))
        };
        Self {
            submission_key: one("submission_key"),
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
            receipt_language: one("receipt_language"),
        }
    }

    pub fn has_theme(&self, id: &str) -> bool {
        self.themes.iter().any(|t| t == id)
    }

    pub fn has_consent(&self, code: &str) -> bool {
        self.consent.iter().any(|c| c == code)
    }

    /// An empty form with a new submission key, for a page about to be shown.
    pub fn fresh() -> Self {
        Self {
            submission_key: SubmissionKey::generate().as_str().to_string(),
            ..Default::default()
        }
    }

    /// The form's submission key. A form without a well-formed one (a page from before
    /// keys existed) gets a new key here: it is still accepted, once.
    pub fn take_submission_key(&mut self) -> SubmissionKey {
        let key =
            SubmissionKey::parse(&self.submission_key).unwrap_or_else(SubmissionKey::generate);
        self.submission_key = key.as_str().to_string();
        key
    }
}

/// An attached file as received.
pub struct Upload {
    pub name: String,
    pub bytes: crate::attachments::FileBuf,
}

/// A problem with the attachments as a whole or one file, found while reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadProblem {
    /// Others' files filled the memory for uploads too long: these were not kept.
    Busy,
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
    /// The share of the upload memory the files hold: keep it until they are sealed.
    pub memory: Option<Reserved>,
}

/// Read a testimony post. Multipart (with files) or a plain urlencoded form both work.
/// Oversized files are read past and reported, so the rest of what was typed is kept.
pub async fn read(
    req: &HttpRequest,
    mut payload: web::Payload,
    limits: AttachmentLimits,
    budget: &UploadBudget,
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
    let mut memory = None;

    if content_type.starts_with("multipart/form-data") {
        // Room for the files before a byte of them is read: what the body announces,
        // never more than one testimony's files may take.
        let announced = req
            .headers()
            .get("Content-Length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(limits.max_total_bytes)
            .min(limits.max_total_bytes);
        memory = budget.reserve(announced).await;
        let room = memory.is_some();
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
                // Without room, a file is read past: none of it is kept.
                if room { limits.max_file_bytes } else { 0 }
            } else {
                TEXT_FIELD_BYTES
            };
            // A file's buffer is made once, as large as the rest of the body (or the
            // limit) and the few bytes sealing adds, in memory of its own (see
            // `attachments::FileBuf`); only what is written to it takes memory.
            let room_left = announced.saturating_sub(read_bytes);
            let capacity = if is_file {
                limit.min(room_left) + Sealer::sealed_len(0)
            } else {
                0
            };
            let mut file = FileBuf::with_capacity(capacity);
            let mut text = Vec::new();
            let mut kept: usize = 0;
            let mut over = false;
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(|_| bad_form())?;
                read_bytes += chunk.len();
                if read_bytes > hard_cap {
                    return Err(AppError::PayloadTooLarge);
                }
                if kept + chunk.len() > limit {
                    over = true;
                } else if !over {
                    kept += chunk.len();
                    if is_file {
                        file.push(&chunk);
                    } else {
                        text.extend_from_slice(&chunk);
                    }
                }
            }
            match filename {
                Some(filename) => {
                    if filename.is_empty() && kept == 0 {
                        continue; // The file input was left empty.
                    }
                    let display = short_name(&filename);
                    if !room {
                        if !problems.contains(&UploadProblem::Busy) {
                            problems.push(UploadProblem::Busy);
                        }
                    } else if uploads.len() >= limits.max_files {
                        if !problems.contains(&UploadProblem::TooMany) {
                            problems.push(UploadProblem::TooMany);
                        }
                    } else if over {
                        problems.push(UploadProblem::TooBig(display));
                    } else if !more_room_to_clean(budget, &mut memory, &file).await {
                        if !problems.contains(&UploadProblem::Busy) {
                            problems.push(UploadProblem::Busy);
                        }
                    } else {
                        total += kept;
                        if total > limits.max_total_bytes {
                            if !problems.contains(&UploadProblem::TotalTooBig) {
                                problems.push(UploadProblem::TotalTooBig);
                            }
                        } else {
                            uploads.push(Upload {
                                name: display,
                                bytes: file,
                            });
                        }
                    }
                }
                None => {
                    oversized_text |= over;
                    let text = String::from_utf8_lossy(&text).into_owned();
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
        memory,
    })
}

/// Add to the upload's share the memory cleaning `file` takes beyond the file itself
/// (a PDF is rewritten); `false` when that room did not come free in time.
async fn more_room_to_clean(
    budget: &UploadBudget,
    memory: &mut Option<Reserved>,
    file: &FileBuf,
) -> bool {
    let more = attachments::held_while_cleaning(file, file.len());
    match memory {
        Some(held) => budget.reserve_more(held, more).await,
        None => false,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_folders() {
        assert_eq!(short_name("C:\\Users\\ana\\foto.jpg"), "foto.jpg");
        assert_eq!(short_name("/home/ana/doc.pdf"), "doc.pdf");
    }
}
