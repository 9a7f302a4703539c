//! The vocabulary of affected persons and addressees of recommendations: the built-in
//! entries and those administrators add. (Themes have their own page.)

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::db::{self, tags::TagKind};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::service::tags::VocabularyRefusal;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// Longest name, in characters.
pub const NAME_MAX: usize = 100;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct VocabularyForm {
    pub kind: String,
    pub name: String,
}

/// One entry as listed.
pub struct Row {
    pub id: String,
    pub name: String,
    pub builtin: bool,
    pub added: String,
}

/// One of the two lists.
pub struct List {
    pub code: &'static str,
    pub title: &'static str,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "admin/vocabulary.html")]
pub struct VocabularyPage {
    pub ctx: Ctx,
    pub lists: Vec<List>,
    pub form: VocabularyForm,
    pub errors: FormErrors,
}

async fn vocabulary_page(
    ctx: Ctx,
    state: &AppState,
    form: VocabularyForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let lists = web::run_db(&state.pool, |conn| {
        let mut lists = Vec::new();
        for (kind, title) in [
            (TagKind::Affected, "Affected persons"),
            (TagKind::Addressee, "Addressees of recommendations"),
        ] {
            let rows = db::tags::vocabulary_of(conn, kind)?
                .into_iter()
                .map(|t| Row {
                    added: t.created_at.format("%Y-%m-%d").to_string(),
                    builtin: t.builtin,
                    name: t.name,
                    id: t.id,
                })
                .collect();
            lists.push(List {
                code: kind.code(),
                title,
                rows,
            });
        }
        Ok(lists)
    })
    .await?;
    let page = VocabularyPage {
        ctx,
        lists,
        form,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/admin/vocabulary")]
pub async fn list(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageThemes)?;
    vocabulary_page(
        staff.ctx,
        &state,
        VocabularyForm {
            kind: TagKind::Affected.code().into(),
            name: String::new(),
        },
        FormErrors::default(),
    )
    .await
}

#[post("/admin/vocabulary")]
pub async fn add(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<VocabularyForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageThemes)?;
    let mut errors = FormErrors::default();
    let kind = TagKind::parse(&form.kind).filter(|k| *k != TagKind::Theme);
    if kind.is_none() {
        errors.add(
            "kind",
            "Choose the list to add to: affected persons or addressees.",
        );
    }
    let name = crate::domain::required_text(
        &mut errors,
        "name",
        &form.name,
        NAME_MAX,
        "Enter the name to add.",
        &format!("Use at most {NAME_MAX} characters for the name."),
    );
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        return vocabulary_page(staff.ctx, &state, form, errors).await;
    };
    let (by, n) = (UserId::from(staff.user.id.clone()), name.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::tags::add_vocabulary(conn, &by, kind, &n)
    })
    .await?;
    match outcome {
        Ok(_) => {
            staff.ctx.set_flash(&format!(
                "\u{201c}{name}\u{201d} was added. Editors can now tag testimony with it."
            ));
            Ok(web::see_other("/admin/vocabulary"))
        }
        Err(VocabularyRefusal::Exists(existing)) => {
            errors.add(
                "name",
                format!("\u{201c}{existing}\u{201d} is already in the list. Use that one, or choose a different name."),
            );
            vocabulary_page(staff.ctx, &state, form, errors).await
        }
    }
}
