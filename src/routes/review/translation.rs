//! A testimony's translation tab: a granted editor attaches or replaces a translation
//! (sealed like the original); everyone sees the redacted translations, saying they are.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::header::Header;
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::testimony::TestimonyLanguage;
use crate::error::AppError;
use crate::service::translation::{self as service, NewTranslation, Refusal, TranslationView};
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// Longest translation, in characters.
pub const BODY_MAX: usize = 100_000;
/// Longest translator's name, in characters.
pub const BY_MAX: usize = 200;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct TranslationForm {
    pub language: String,
    pub translated_by: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "review/translation.html")]
pub struct TranslationPage {
    pub ctx: Ctx,
    pub header: Header,
    pub translations: Vec<TranslationView>,
    pub form: TranslationForm,
    pub errors: FormErrors,
    pub languages: Vec<(&'static str, &'static str)>,
}

const LANGUAGES: [(&str, &str); 5] = [
    ("en", "English"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("ht", "Haitian Creole"),
    ("other", "Another language"),
];

async fn show(
    staff: Staff,
    state: &AppState,
    id: String,
    form: TranslationForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let org = staff.ctx.originals();
    let tid = TestimonyId::from(id.as_str());
    let (header, translations) = web::run_db(&state.pool, move |conn| {
        let header = Header::load(conn, &id, org.is_some(), "/translation")?;
        let translations = service::list(conn, org.as_ref(), &tid)?;
        Ok((header, translations))
    })
    .await?;
    let view = TranslationPage {
        ctx: staff.ctx,
        header,
        translations,
        form,
        errors,
        languages: LANGUAGES.to_vec(),
    };
    web::form_page(&view, &view.errors)
}

#[get("/staff/testimony/{id}/translation")]
pub async fn page(
    staff: Staff,
    state: Data<AppState>,
    path: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let form = TranslationForm {
        language: "en".into(),
        ..TranslationForm::default()
    };
    show(
        staff,
        &state,
        path.into_inner(),
        form,
        FormErrors::default(),
    )
    .await
}

#[post("/staff/testimony/{id}/translation")]
pub async fn save(
    staff: Staff,
    state: Data<AppState>,
    path: Path<String>,
    Form(form): Form<TranslationForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = path.into_inner();
    let Some(org) = staff.ctx.originals() else {
        let mut errors = FormErrors::default();
        errors.add(
            "body",
            "Attaching a translation needs access to originals: ask an administrator to grant it, then sign in again.",
        );
        return show(staff, &state, id, form, errors).await;
    };
    let mut errors = FormErrors::default();
    let language = TestimonyLanguage::parse(&form.language);
    if language.is_none() {
        errors.add("language", "Choose the language of the translation.");
    }
    let translated_by = crate::domain::required_text(
        &mut errors,
        "translated_by",
        &form.translated_by,
        BY_MAX,
        "Enter who translated it.",
        &format!("Use at most {BY_MAX} characters for the translator's name."),
    );
    let body = crate::domain::required_text(
        &mut errors,
        "body",
        &form.body,
        BODY_MAX,
        "Enter the translation.",
        &format!("Use at most {BODY_MAX} characters."),
    );
    let (Some(language), true) = (language, errors.is_empty()) else {
        return show(staff, &state, id, form, errors).await;
    };
    let new = NewTranslation {
        language,
        translated_by,
        body,
    };
    let (by, tid) = (
        UserId::from(staff.user.id.as_str()),
        TestimonyId::from(id.as_str()),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        service::save(conn, &org, &by, &tid, &new)
    })
    .await?;
    match outcome {
        Ok(_) => {
            staff.ctx.set_flash(
                "The translation was saved. Its redacted form follows every redaction of the original.",
            );
            Ok(web::see_other(&format!(
                "/staff/testimony/{id}/translation"
            )))
        }
        Err(Refusal::Withdrawn) => {
            let mut errors = FormErrors::default();
            errors.add(
                "body",
                "The witness withdrew this testimony: it can no longer be translated.",
            );
            show(staff, &state, id, form, errors).await
        }
    }
}
