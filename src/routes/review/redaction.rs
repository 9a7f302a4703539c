//! A testimony's redaction tab: granted editors see the original (or a translation) with
//! what is withheld, decide the suggestions, add and lift redactions; everyone sees the
//! current redacted text and the history (the words only when granted).

use actix_web::{HttpResponse, get, post, web::Data, web::Path, web::Query};
use askama::Template;

use super::header::Header;
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::text::RedactionCategory;
use crate::error::AppError;
use crate::service::redaction::{self as service, History, Refusal, Scope, Workspace};
use crate::service::translation::TranslationView;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// Which text is worked on: `original` or a translation id.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct TextQuery {
    pub text: String,
}

/// A decision on a suggestion, or the removal of a redaction.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct MarkForm {
    pub mark_id: String,
    pub decision: String,
    pub text: String,
}

/// A manual redaction.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AddForm {
    pub words: String,
    pub category: String,
    pub scope: String,
    pub occurrence: String,
    pub text: String,
}

/// A text of the testimony the page can switch to.
pub struct TextChoice {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "review/redaction.html")]
pub struct RedactionPage {
    pub ctx: Ctx,
    pub header: Header,
    pub text_id: String,
    pub text_label: String,
    pub texts: Vec<TextChoice>,
    pub workspace: Option<Workspace>,
    pub history: History,
    pub form: AddForm,
    pub errors: FormErrors,
    pub categories: Vec<(&'static str, &'static str)>,
}

/// A category in English words, for staff pages.
pub fn category_label(c: RedactionCategory) -> &'static str {
    match c {
        RedactionCategory::Name => "the witness's name",
        RedactionCategory::Place => "place",
        RedactionCategory::Date => "date",
        RedactionCategory::Contact => "contact details",
        RedactionCategory::Identifier => "identifier",
        RedactionCategory::OtherPerson => "another person's name",
        RedactionCategory::Other => "other",
    }
}

impl RedactionPage {
    pub fn label(&self, c: &RedactionCategory) -> &'static str {
        category_label(*c)
    }

    pub fn text_query(&self) -> String {
        if self.text_id == service::ORIGINAL_TEXT {
            String::new()
        } else {
            format!("?text={}", self.text_id)
        }
    }
}

const NEEDS_GRANT: &str = "Changing a redaction needs access to originals: ask an administrator to grant it, then sign in again.";

fn text_id_of(raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        service::ORIGINAL_TEXT.to_string()
    } else {
        raw.to_string()
    }
}

async fn show(
    staff: Staff,
    state: &AppState,
    id: String,
    text_id: String,
    form: AddForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let org = staff.ctx.originals();
    let by = UserId::from(staff.user.id.as_str());
    let tid = TestimonyId::from(id.as_str());
    let (header, workspace, history, translations, text_id) =
        web::run_db(&state.pool, move |conn| {
            let header = Header::load(conn, &id, org.is_some(), "/redaction")?;
            let translations = crate::service::translation::list(conn, None, &tid)?;
            let text_id = if text_id == service::ORIGINAL_TEXT
                || translations.iter().any(|t| t.id == text_id)
            {
                text_id
            } else {
                return Err(AppError::NotFound);
            };
            let workspace = match &org {
                Some(org) if !header.withdrawn => {
                    service::workspace(conn, org, &by, &tid, &text_id)?
                }
                _ => None,
            };
            let history = match &workspace {
                Some(w) => w.history.clone(),
                None => service::history(conn, org.as_ref(), &tid, &text_id)?,
            };
            Ok((header, workspace, history, translations, text_id))
        })
        .await?;
    let label = |t: &TranslationView| {
        format!(
            "Translation into {} by {}",
            t.language_name(),
            t.translated_by
        )
    };
    let text_label = translations
        .iter()
        .find(|t| t.id == text_id)
        .map(label)
        .unwrap_or_else(|| "Original".to_string());
    let mut texts = vec![TextChoice {
        id: service::ORIGINAL_TEXT.to_string(),
        label: "Original".to_string(),
    }];
    texts.extend(translations.iter().map(|t| TextChoice {
        id: t.id.clone(),
        label: label(t),
    }));
    let view = RedactionPage {
        ctx: staff.ctx,
        header,
        text_id,
        text_label,
        texts,
        workspace,
        history,
        form,
        errors,
        categories: RedactionCategory::ALL
            .into_iter()
            .map(|c| (c.code(), category_label(c)))
            .collect(),
    };
    web::form_page(&view, &view.errors)
}

#[get("/staff/testimony/{id}/redaction")]
pub async fn page(
    staff: Staff,
    state: Data<AppState>,
    path: Path<String>,
    query: Query<TextQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let text_id = text_id_of(&query.text);
    show(
        staff,
        &state,
        path.into_inner(),
        text_id,
        AddForm::default(),
        FormErrors::default(),
    )
    .await
}

fn refused(field: &'static str, message: impl Into<String>) -> FormErrors {
    let mut errors = FormErrors::default();
    errors.add(field, message);
    errors
}

/// After a change: back to the page, with a message.
fn done(staff: &Staff, id: &str, text_id: &str, message: &str) -> HttpResponse {
    staff.ctx.set_flash(message);
    let query = if text_id == service::ORIGINAL_TEXT {
        String::new()
    } else {
        format!("?text={text_id}")
    };
    web::see_other(&format!("/staff/testimony/{id}/redaction{query}"))
}

/// What to do with one mark.
enum MarkOp {
    Decide { accept: bool },
    Remove,
}

#[post("/staff/testimony/{id}/redaction/decide")]
pub async fn decide(
    staff: Staff,
    state: Data<AppState>,
    path: Path<String>,
    Form(form): Form<MarkForm>,
) -> Result<HttpResponse, AppError> {
    let accept = match form.decision.as_str() {
        "accept" => Some(true),
        "dismiss" => Some(false),
        _ => None,
    };
    let op = accept.map(|accept| MarkOp::Decide { accept });
    on_mark(staff, state, path.into_inner(), form, op).await
}

#[post("/staff/testimony/{id}/redaction/remove")]
pub async fn remove(
    staff: Staff,
    state: Data<AppState>,
    path: Path<String>,
    Form(form): Form<MarkForm>,
) -> Result<HttpResponse, AppError> {
    on_mark(staff, state, path.into_inner(), form, Some(MarkOp::Remove)).await
}

/// Accept, dismiss or lift one mark, then back to the page (or the page with why not).
async fn on_mark(
    staff: Staff,
    state: Data<AppState>,
    id: String,
    form: MarkForm,
    op: Option<MarkOp>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let text_id = text_id_of(&form.text);
    let Some(org) = staff.ctx.originals() else {
        let errors = refused("mark_id", NEEDS_GRANT);
        return show(staff, &state, id, text_id, AddForm::default(), errors).await;
    };
    let Some(op) = op else {
        let errors = refused("mark_id", "Choose Accept or Dismiss for a suggestion.");
        return show(staff, &state, id, text_id, AddForm::default(), errors).await;
    };
    let message = match op {
        MarkOp::Decide { accept: true } => {
            "The suggestion was accepted: the redacted text was saved as a new version."
        }
        MarkOp::Decide { accept: false } => "The suggestion was dismissed.",
        MarkOp::Remove => "The redaction was lifted: the redacted text was saved as a new version.",
    };
    let (by, tid, mark) = (
        UserId::from(staff.user.id.as_str()),
        TestimonyId::from(id.as_str()),
        form.mark_id.clone(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| match op {
        MarkOp::Decide { accept } => service::decide(conn, &org, &by, &tid, &mark, accept),
        MarkOp::Remove => service::remove(conn, &org, &by, &tid, &mark),
    })
    .await?;
    match outcome {
        Ok(()) => Ok(done(&staff, &id, &text_id, message)),
        Err(r) => {
            let errors = refused("mark_id", r.message());
            show(staff, &state, id, text_id, AddForm::default(), errors).await
        }
    }
}

#[post("/staff/testimony/{id}/redaction/add")]
pub async fn add(
    staff: Staff,
    state: Data<AppState>,
    path: Path<String>,
    Form(form): Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = path.into_inner();
    let text_id = text_id_of(&form.text);
    let Some(org) = staff.ctx.originals() else {
        let errors = refused("words", NEEDS_GRANT);
        return show(staff, &state, id, text_id, form, errors).await;
    };
    let mut errors = FormErrors::default();
    let words = form.words.trim().to_string();
    if words.is_empty() {
        errors.add("words", Refusal::NoWords.message());
    } else if words.chars().count() > 500 {
        errors.add("words", "Use at most 500 characters.");
    }
    let category = RedactionCategory::parse(&form.category);
    if category.is_none() {
        errors.add("category", "Choose what kind of thing these words are.");
    }
    let scope = match form.scope.as_str() {
        "every" => Some(Scope::EveryOccurrence),
        "one" => match form.occurrence.trim().parse::<usize>() {
            Ok(n) if n >= 1 => Some(Scope::Occurrence(n)),
            _ => {
                errors.add(
                    "occurrence",
                    "Enter which occurrence to withhold, as a number: 1 for the first.",
                );
                None
            }
        },
        _ => {
            errors.add("scope", "Choose every occurrence, or only one occurrence.");
            None
        }
    };
    let (Some(category), Some(scope), true) = (category, scope, errors.is_empty()) else {
        return show(staff, &state, id, text_id, form, errors).await;
    };
    let (by, tid, t) = (
        UserId::from(staff.user.id.as_str()),
        TestimonyId::from(id.as_str()),
        text_id.clone(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        service::add_manual(conn, &org, &by, &tid, &t, &words, category, scope)
    })
    .await?;
    match outcome {
        Ok(()) => Ok(done(
            &staff,
            &id,
            &text_id,
            "The words are withheld: the redacted text was saved as a new version.",
        )),
        Err(r) => {
            let field = match r {
                Refusal::OccurrenceMissing { .. } => "occurrence",
                _ => "words",
            };
            let errors = refused(field, r.message());
            show(staff, &state, id, text_id, form, errors).await
        }
    }
}
