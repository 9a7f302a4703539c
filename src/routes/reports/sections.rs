//! I. Summary of proceedings: a version's theme sections, each with the editors'
//! findings and the excerpts quoted in it.

use actix_web::{HttpResponse, get, post, web::Data, web::Path, web::Query};
use askama::Template;

use super::evidence::{ExcerptChoice, choices, theme_labels};
use super::{Header, errors};
use crate::db::reports::parts as p;
use crate::db::{self, hearings::Theme};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::reports::parts::SectionInput;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SectionForm {
    pub title: String,
    pub theme_id: String,
    pub findings: String,
    pub excerpts: Vec<String>,
}

impl SectionForm {
    fn input(&self) -> SectionInput {
        SectionInput {
            title: self.title.clone(),
            theme_id: Some(self.theme_id.trim().to_string()).filter(|t| !t.is_empty()),
            findings: self.findings.clone(),
            excerpt_ids: self.excerpts.clone(),
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ThemeQuery {
    pub theme: String,
}

/// A section in the list.
pub struct SectionRow {
    pub id: String,
    pub letter: String,
    pub title: String,
    pub paragraphs: usize,
    pub excerpts: usize,
}

/// A theme to choose.
pub struct ThemeOption {
    pub id: String,
    pub label: String,
}

fn theme_options(themes: Vec<Theme>) -> Vec<ThemeOption> {
    themes
        .into_iter()
        .map(|t| ThemeOption {
            label: t.label(Lang::En),
            id: t.id,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "reports/sections.html")]
pub struct SectionsPage {
    pub ctx: Ctx,
    pub header: Header,
    pub sections: Vec<SectionRow>,
    pub themes: Vec<ThemeOption>,
    pub form: SectionForm,
    pub errors: FormErrors,
}

async fn list_page(
    staff: Staff,
    state: &AppState,
    id: String,
    form: SectionForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (header, sections, themes) = web::run_db(&state.pool, move |conn| {
        let header = Header::load(conn, &id, "/sections")?;
        let mut rows = Vec::new();
        for (i, s) in p::sections(conn, &id)?.into_iter().enumerate() {
            rows.push(SectionRow {
                letter: crate::report::compile::section_letter(i),
                paragraphs: crate::report::compile::paragraphs(&s.findings).len(),
                excerpts: p::section_excerpts(conn, &s.id)?.len(),
                title: s.title,
                id: s.id,
            });
        }
        Ok((header, rows, theme_options(db::hearings::all_themes(conn)?)))
    })
    .await?;
    let page = SectionsPage {
        ctx: staff.ctx,
        header,
        sections,
        themes,
        form,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/reports/{id}/sections")]
pub async fn list(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    list_page(
        staff,
        &state,
        id.into_inner(),
        SectionForm::default(),
        FormErrors::default(),
    )
    .await
}

#[post("/staff/reports/{id}/sections")]
pub async fn add(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<SectionForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, vid, input) = (
        UserId::from(staff.user.id.clone()),
        id.clone(),
        form.input(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::parts::add_section(conn, &by, &vid, &input)
    })
    .await?;
    match outcome {
        Ok(section) => {
            staff
                .ctx
                .set_flash("The section was added. Choose the excerpts it quotes.");
            Ok(web::see_other(&format!("/staff/report-sections/{section}")))
        }
        Err(refusals) => list_page(staff, &state, id, form, errors(refusals)).await,
    }
}

#[derive(Template)]
#[template(path = "reports/section.html")]
pub struct SectionPage {
    pub ctx: Ctx,
    pub header: Header,
    pub section_id: String,
    pub themes: Vec<ThemeOption>,
    pub theme_labels: Vec<String>,
    pub theme: String,
    pub form: SectionForm,
    pub excerpts: Vec<ExcerptChoice>,
    pub unusable: Vec<String>,
    pub excerpt_legend: &'static str,
    pub errors: FormErrors,
}

async fn section_page(
    staff: Staff,
    state: &AppState,
    section_id: String,
    typed: Option<SectionForm>,
    theme: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let page_theme = theme.clone();
    let page_section = section_id.clone();
    let (header, form, themes, labels, excerpts, unusable) =
        web::run_db(&state.pool, move |conn| {
            let s = p::find_section(conn, &section_id)?.ok_or(AppError::NotFound)?;
            let header = Header::load(conn, &s.version_id, "/sections")?;
            let form = match typed {
                Some(f) => f,
                None => SectionForm {
                    excerpts: p::section_excerpts(conn, &s.id)?,
                    title: s.title,
                    theme_id: s.theme_id.unwrap_or_default(),
                    findings: s.findings,
                },
            };
            let (excerpts, unusable) = choices(conn, &s.version_id, &form.excerpts, &theme)?;
            let themes = theme_options(db::hearings::all_themes(conn)?);
            Ok((
                header,
                form,
                themes,
                theme_labels(conn)?,
                excerpts,
                unusable,
            ))
        })
        .await?;
    let page = SectionPage {
        ctx: staff.ctx,
        header,
        section_id: page_section,
        themes,
        theme_labels: labels,
        theme: page_theme,
        form,
        excerpts,
        unusable,
        excerpt_legend: "Excerpts quoted in this section",
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/report-sections/{id}")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    query: Query<ThemeQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    section_page(
        staff,
        &state,
        id.into_inner(),
        None,
        query.into_inner().theme,
        FormErrors::default(),
    )
    .await
}

#[post("/staff/report-sections/{id}")]
pub async fn save(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<SectionForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, sid, input) = (
        UserId::from(staff.user.id.clone()),
        id.clone(),
        form.input(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::parts::save_section(conn, &by, &sid, &input)
    })
    .await?;
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash("The section was saved.");
            Ok(web::see_other(&format!("/staff/report-sections/{id}")))
        }
        Err(refusals) => {
            section_page(
                staff,
                &state,
                id,
                Some(form),
                String::new(),
                errors(refusals),
            )
            .await
        }
    }
}

#[post("/staff/report-sections/{id}/delete")]
pub async fn delete(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<super::Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, sid) = (UserId::from(staff.user.id.clone()), id.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::parts::delete_section(conn, &by, &sid)
    })
    .await?;
    match outcome {
        Ok(version_id) => {
            staff.ctx.set_flash("The section was removed.");
            Ok(web::see_other(&format!(
                "/staff/reports/{version_id}/sections"
            )))
        }
        Err(refusals) => {
            section_page(staff, &state, id, None, String::new(), errors(refusals)).await
        }
    }
}
