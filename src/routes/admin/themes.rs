//! The theme vocabulary: the built-in themes and those administrators add.

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::db::{self, hearings::Theme};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::hearing::slugify;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// Longest theme name, in characters.
pub const NAME_MAX: usize = 80;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ThemeForm {
    pub name: String,
}

/// A row of the vocabulary.
pub struct ThemeRow {
    pub id: String,
    pub label: String,
    pub builtin: bool,
    pub added: String,
}

#[derive(Template)]
#[template(path = "admin/themes.html")]
pub struct ThemesPage {
    pub ctx: Ctx,
    pub themes: Vec<ThemeRow>,
    pub form: ThemeForm,
    pub errors: FormErrors,
}

async fn themes_page(
    ctx: Ctx,
    state: &AppState,
    form: ThemeForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let themes =
        crate::web::run_db(&state.pool, |conn| Ok(db::hearings::all_themes(conn)?)).await?;
    let page = ThemesPage {
        ctx,
        themes: themes
            .into_iter()
            .map(|t| ThemeRow {
                label: t.label(Lang::En),
                added: t.created_at.format("%Y-%m-%d").to_string(),
                builtin: t.builtin,
                id: t.id,
            })
            .collect(),
        form,
        errors,
    };
    web::form_page(&page, &page.errors)
}

/// The theme a new name clashes with, ignoring case: by name, English label or id.
fn clash<'a>(vocabulary: &'a [Theme], name: &str, id: &str) -> Option<&'a Theme> {
    let lower = name.to_lowercase();
    vocabulary.iter().find(|t| {
        t.name.to_lowercase() == lower || t.label(Lang::En).to_lowercase() == lower || t.id == id
    })
}

#[get("/admin/themes")]
pub async fn list(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageThemes)?;
    themes_page(
        staff.ctx,
        &state,
        ThemeForm::default(),
        FormErrors::default(),
    )
    .await
}

#[post("/admin/themes")]
pub async fn add(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<ThemeForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageThemes)?;
    let mut errors = FormErrors::default();
    let name = crate::domain::required_text(
        &mut errors,
        "name",
        &form.name,
        NAME_MAX,
        "Enter the name of the theme.",
        &format!("Use at most {NAME_MAX} characters for the theme's name."),
    );
    let id = slugify(&name);
    if errors.is_empty() && id.is_empty() {
        errors.add(
            "name",
            "Use at least one letter a to z or digit in the name, so the theme gets an identifier.",
        );
    }
    if !errors.is_empty() {
        return themes_page(staff.ctx, &state, form, errors).await;
    }
    let (n, i) = (name.clone(), id.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::hearings::add_theme(conn, &i, &n, |vocabulary| {
            clash(vocabulary, &n, &i).map(|t| t.label(Lang::En))
        })
    })
    .await?;
    if let Err(crate::service::hearings::ThemeRefusal::Exists(existing)) = outcome {
        errors.add(
            "name",
            format!(
                "The vocabulary already has a theme like this: \u{201c}{existing}\u{201d}. Use that one, or choose a different name."
            ),
        );
        return themes_page(staff.ctx, &state, form, errors).await;
    }
    tracing::info!(theme = %id, by = %staff.user.id, "theme added");
    staff.ctx.set_flash(&format!(
        "The theme \u{201c}{name}\u{201d} was added. Organizers can now choose it for hearings."
    ));
    Ok(web::see_other("/admin/themes"))
}
