//! II. Conclusions and recommendations: a version's recommendations, each verb first,
//! with addressees, themes, affected persons, SDG targets, an action category
//! (suggested from the leading verb), previous-cycle links, the excerpts it cites, and
//! the follow-up (position, implementation, dated notes).

use actix_web::{HttpResponse, get, post, web::Data, web::Path, web::Query};
use askama::Template;

use super::evidence::{ExcerptChoice, choices, theme_labels};
use super::sections::ThemeQuery;
use super::{Header, errors, lines};
use crate::db::reports::parts::{self as p, NoteRow};
use crate::db::{self, DbConn, tags::TagKind};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::UserId;
use crate::domain::report::{
    ActionCategory, ImplementationStatus, Position, starts_with_verb, suggest_category,
};
use crate::error::AppError;
use crate::service::reports::content;
use crate::service::reports::parts::RecommendationInput;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RecommendationForm {
    pub text: String,
    pub addressees: Vec<String>,
    pub themes: Vec<String>,
    pub affected: Vec<String>,
    pub sdg_targets: String,
    pub category: String,
    pub follows_up: String,
    pub excerpts: Vec<String>,
    pub position: String,
    pub implementation: String,
}

impl RecommendationForm {
    fn input(&self) -> RecommendationInput {
        RecommendationInput {
            text: self.text.clone(),
            addressees: self.addressees.clone(),
            themes: self.themes.clone(),
            affected: self.affected.clone(),
            sdg_targets: self.sdg_targets.clone(),
            category: self.category.clone(),
            follows_up: self.follows_up.clone(),
            excerpt_ids: self.excerpts.clone(),
            position: self.position.clone(),
            implementation: self.implementation.clone(),
        }
    }

    /// The category the leading verb suggests, in words.
    pub fn suggestion(&self) -> String {
        match suggest_category(&self.text) {
            Some(c) => format!("The leading verb suggests {} – {}.", c.number(), c.label()),
            None => "Choose the category: the leading verb suggests none.".to_string(),
        }
    }

    /// Whether to warn that the text does not start with a verb.
    pub fn not_verb_first(&self) -> bool {
        !self.text.trim().is_empty() && !starts_with_verb(&self.text)
    }
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NoteForm {
    pub noted_on: String,
    pub note: String,
}

/// One checkbox of a list.
pub struct Choice {
    pub value: String,
    pub checked: bool,
}

/// The checkbox groups: addressees, themes, affected persons.
pub struct Group {
    pub field: &'static str,
    pub legend: &'static str,
    pub choices: Vec<Choice>,
}

fn groups(conn: &mut DbConn, form: &RecommendationForm) -> Result<Vec<Group>, AppError> {
    let group = |field, legend, values: Vec<String>, chosen: &[String]| {
        let mut values = values;
        for c in chosen {
            if !values.contains(c) {
                values.push(c.clone());
            }
        }
        Group {
            field,
            legend,
            choices: values
                .into_iter()
                .map(|v| Choice {
                    checked: chosen.contains(&v),
                    value: v,
                })
                .collect(),
        }
    };
    let vocab = |conn: &mut DbConn, kind| -> Result<Vec<String>, AppError> {
        Ok(db::tags::vocabulary_of(conn, kind)?
            .into_iter()
            .map(|v| v.name)
            .collect())
    };
    Ok(vec![
        group(
            "addressees",
            "Addressed to",
            vocab(conn, TagKind::Addressee)?,
            &form.addressees,
        ),
        group("themes", "Themes", theme_labels(conn)?, &form.themes),
        group(
            "affected",
            "Affected persons",
            vocab(conn, TagKind::Affected)?,
            &form.affected,
        ),
    ])
}

/// A recommendation in the list.
pub struct Row {
    pub id: String,
    pub number: String,
    pub text: String,
    pub category: String,
    pub evidence: usize,
}

#[derive(Template)]
#[template(path = "reports/recommendations.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub header: Header,
    pub rows: Vec<Row>,
    pub problems: Vec<String>,
    pub add_href: String,
    pub form: RecommendationForm,
    pub groups: Vec<Group>,
    pub excerpts: Vec<ExcerptChoice>,
    pub unusable: Vec<String>,
    pub excerpt_legend: &'static str,
    pub theme: String,
    pub errors: FormErrors,
}

async fn list_page(
    staff: Staff,
    state: &AppState,
    id: String,
    form: RecommendationForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (header, rows, problems, groups, excerpts, unusable, form) =
        web::run_db(&state.pool, move |conn| {
            let header = Header::load(conn, &id, "/recommendations")?;
            let compiled = content::compile(conn, &id, None)?;
            let rows = compiled
                .report
                .conclusions
                .recommendations
                .iter()
                .map(|r| Row {
                    id: r.id.clone(),
                    number: r.number.to_string(),
                    text: r.text.clone(),
                    category: format!("{} – {}", r.category.number(), r.category.label()),
                    evidence: r.evidence.len(),
                })
                .collect();
            let problems = compiled
                .problems
                .iter()
                .filter(|p| !matches!(p, crate::report::compile::Problem::OverWordLimit { .. }))
                .map(|p| p.message())
                .collect();
            let groups = groups(conn, &form)?;
            let (excerpts, unusable) = choices(conn, &id, &form.excerpts, "")?;
            Ok((header, rows, problems, groups, excerpts, unusable, form))
        })
        .await?;
    let page = ListPage {
        add_href: header.tab_href("/recommendations"),
        ctx: staff.ctx,
        header,
        rows,
        problems,
        form,
        groups,
        excerpts,
        unusable,
        excerpt_legend: "Evidence: the excerpts it cites (at least one)",
        theme: String::new(),
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/reports/{id}/recommendations")]
pub async fn list(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let form = RecommendationForm {
        position: Position::NoResponse.code().into(),
        ..RecommendationForm::default()
    };
    list_page(staff, &state, id.into_inner(), form, FormErrors::default()).await
}

#[post("/staff/reports/{id}/recommendations")]
pub async fn add(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<RecommendationForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, vid, input) = (
        UserId::from(staff.user.id.clone()),
        id.clone(),
        form.input(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::parts::add_recommendation(conn, &by, &vid, &input)
    })
    .await?;
    match outcome {
        Ok(_) => {
            staff.ctx.set_flash("The recommendation was added.");
            Ok(web::see_other(&format!(
                "/staff/reports/{id}/recommendations"
            )))
        }
        Err(refusals) => list_page(staff, &state, id, form, errors(refusals)).await,
    }
}

#[derive(Template)]
#[template(path = "reports/recommendation.html")]
pub struct EditPage {
    pub ctx: Ctx,
    pub header: Header,
    pub rec_id: String,
    pub form: RecommendationForm,
    pub groups: Vec<Group>,
    pub excerpts: Vec<ExcerptChoice>,
    pub unusable: Vec<String>,
    pub excerpt_legend: &'static str,
    pub theme: String,
    pub theme_labels: Vec<String>,
    pub notes: Vec<NoteRow>,
    pub note: NoteForm,
    pub errors: FormErrors,
}

async fn edit_page(
    staff: Staff,
    state: &AppState,
    rec_id: String,
    typed: Option<RecommendationForm>,
    theme: String,
    note: NoteForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (rid, t) = (rec_id.clone(), theme.clone());
    let (header, form, groups, excerpts, unusable, labels, notes) =
        web::run_db(&state.pool, move |conn| {
            let r = p::find_recommendation(conn, &rid)?.ok_or(AppError::NotFound)?;
            let header = Header::load(conn, &r.version_id, "/recommendations")?;
            let form = match typed {
                Some(f) => f,
                None => RecommendationForm {
                    excerpts: p::evidence(conn, &r.id)?,
                    addressees: db::reports::split_list(&r.addressees),
                    themes: db::reports::split_list(&r.themes),
                    affected: db::reports::split_list(&r.affected),
                    sdg_targets: lines(&r.sdg_targets).replace('\n', ", "),
                    category: r.category.to_string(),
                    follows_up: lines(&r.follows_up).replace('\n', ", "),
                    position: r.state_position.clone(),
                    implementation: r.implementation.clone().unwrap_or_default(),
                    text: r.body,
                },
            };
            let groups = groups(conn, &form)?;
            let (excerpts, unusable) = choices(conn, &r.version_id, &form.excerpts, &t)?;
            let notes = p::notes_of(conn, &rid)?;
            Ok((
                header,
                form,
                groups,
                excerpts,
                unusable,
                theme_labels(conn)?,
                notes,
            ))
        })
        .await?;
    let page = EditPage {
        ctx: staff.ctx,
        header,
        rec_id,
        form,
        groups,
        excerpts,
        unusable,
        excerpt_legend: "Evidence: the excerpts it cites (at least one)",
        theme,
        theme_labels: labels,
        notes,
        note,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/report-recommendations/{id}")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    query: Query<ThemeQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let theme = query.into_inner().theme;
    edit_page(
        staff,
        &state,
        id.into_inner(),
        None,
        theme,
        NoteForm::default(),
        FormErrors::default(),
    )
    .await
}

#[post("/staff/report-recommendations/{id}")]
pub async fn save(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<RecommendationForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, rid, input) = (
        UserId::from(staff.user.id.clone()),
        id.clone(),
        form.input(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::parts::save_recommendation(conn, &by, &rid, &input)
    })
    .await?;
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash("The recommendation was saved.");
            Ok(web::see_other(&format!(
                "/staff/report-recommendations/{id}"
            )))
        }
        Err(refusals) => {
            edit_page(
                staff,
                &state,
                id,
                Some(form),
                String::new(),
                NoteForm::default(),
                errors(refusals),
            )
            .await
        }
    }
}

#[post("/staff/report-recommendations/{id}/delete")]
pub async fn delete(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<super::Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (by, rid) = (UserId::from(staff.user.id.clone()), id.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::parts::delete_recommendation(conn, &by, &rid)
    })
    .await?;
    match outcome {
        Ok(version_id) => {
            staff.ctx.set_flash("The recommendation was removed.");
            Ok(web::see_other(&format!(
                "/staff/reports/{version_id}/recommendations"
            )))
        }
        Err(refusals) => {
            edit_page(
                staff,
                &state,
                id,
                None,
                String::new(),
                NoteForm::default(),
                errors(refusals),
            )
            .await
        }
    }
}

#[post("/staff/report-recommendations/{id}/notes")]
pub async fn add_note(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let on = chrono::NaiveDate::parse_from_str(form.noted_on.trim(), "%Y-%m-%d").ok();
    let (by, rid, text) = (
        UserId::from(staff.user.id.clone()),
        id.clone(),
        form.note.clone(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::reports::parts::add_note(conn, &by, &rid, on, &text)
    })
    .await?;
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash("The follow-up note was added.");
            Ok(web::see_other(&format!(
                "/staff/report-recommendations/{id}#follow-up"
            )))
        }
        Err(refusals) => {
            edit_page(
                staff,
                &state,
                id,
                None,
                String::new(),
                form,
                errors(refusals),
            )
            .await
        }
    }
}

/// Options of the category select.
pub fn categories() -> Vec<(String, String)> {
    ActionCategory::ALL
        .iter()
        .map(|c| {
            (
                c.code().to_string(),
                format!("{} – {}", c.number(), c.label()),
            )
        })
        .collect()
}

/// Options of the position select.
pub fn positions() -> Vec<(&'static str, &'static str)> {
    Position::ALL
        .iter()
        .map(|p| (p.code(), p.label()))
        .collect()
}

/// Options of the implementation select.
pub fn implementations() -> Vec<(&'static str, &'static str)> {
    ImplementationStatus::ALL
        .iter()
        .map(|s| (s.code(), s.label()))
        .collect()
}
