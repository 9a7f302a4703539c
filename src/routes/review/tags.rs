//! A testimony's tags: themes, affected persons and addressees, as checkboxes. Until the
//! first save the witness's chosen themes are shown checked, as the starting point.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::header::Header;
use crate::db::{self, tags::TagKind};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::{TestimonyId, UserId};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::tags::{TagChoice, TagRefusal};
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct TagsForm {
    pub themes: Vec<String>,
    pub affected: Vec<String>,
    pub addressees: Vec<String>,
}

/// One checkbox.
pub struct Choice {
    pub id: String,
    pub label: String,
    pub checked: bool,
}

/// One fieldset of checkboxes.
pub struct Group {
    /// The form field name.
    pub field: &'static str,
    pub legend: &'static str,
    pub choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "review/tags.html")]
pub struct TagsPage {
    pub ctx: Ctx,
    pub header: Header,
    pub groups: Vec<Group>,
    /// Nothing saved yet: the witness's themes are shown as the start.
    pub seeded: bool,
    pub errors: FormErrors,
}

/// Render the page; `chosen` are the boxes to show checked (what was typed, after a
/// refusal), else the tags in force.
async fn tags_page(
    staff: Staff,
    state: &AppState,
    id: String,
    chosen: Option<TagChoice>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let granted = staff.ctx.originals().is_some();
    let (header, groups, seeded) = web::run_db(&state.pool, move |conn| {
        let header = Header::load(conn, &id, granted, "/tags")?;
        let t = db::testimony::find(conn, &id)?.ok_or(AppError::NotFound)?;
        let in_force = db::tags::current(conn, &id, t.tags_seeded)?;
        let is_checked = |kind: TagKind, tag: &str| match &chosen {
            Some(c) => match kind {
                TagKind::Theme => &c.themes,
                TagKind::Affected => &c.affected,
                TagKind::Addressee => &c.addressees,
            }
            .iter()
            .any(|x| x == tag),
            None => in_force.iter().any(|(k, x)| *k == kind && x == tag),
        };
        let themes = db::hearings::all_themes(conn)?
            .into_iter()
            .map(|th| Choice {
                checked: is_checked(TagKind::Theme, &th.id),
                label: th.label(Lang::En),
                id: th.id,
            })
            .collect();
        let mut vocab = |kind: TagKind| -> Result<Vec<Choice>, AppError> {
            Ok(db::tags::vocabulary_of(conn, kind)?
                .into_iter()
                .map(|v| Choice {
                    checked: is_checked(kind, &v.id),
                    label: v.name,
                    id: v.id,
                })
                .collect())
        };
        let groups = vec![
            Group {
                field: "themes",
                legend: "Themes",
                choices: themes,
            },
            Group {
                field: "affected",
                legend: "Affected persons",
                choices: vocab(TagKind::Affected)?,
            },
            Group {
                field: "addressees",
                legend: "Addressees of recommendations",
                choices: vocab(TagKind::Addressee)?,
            },
        ];
        Ok((header, groups, t.tags_seeded))
    })
    .await?;
    let page = TagsPage {
        ctx: staff.ctx,
        header,
        groups,
        seeded,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/testimony/{id}/tags")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    tags_page(staff, &state, id.into_inner(), None, FormErrors::default()).await
}

#[post("/staff/testimony/{id}/tags")]
pub async fn save(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<TagsForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let choice = TagChoice {
        themes: form.themes,
        affected: form.affected,
        addressees: form.addressees,
    };
    let (tid, by, c) = (
        TestimonyId::from(id.clone()),
        UserId::from(staff.user.id.clone()),
        choice.clone(),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::tags::save(conn, &by, &tid, &c)
    })
    .await?;
    match outcome {
        Ok(changes) => {
            let n = changes.added.len() + changes.removed.len();
            staff.ctx.set_flash(&if n == 0 {
                "The tags were saved; nothing changed.".to_string()
            } else {
                format!("The tags were saved: {n} change(s).")
            });
            Ok(web::see_other(&format!("/staff/testimony/{id}/tags")))
        }
        Err(refusal @ (TagRefusal::Withdrawn | TagRefusal::Unknown(_))) => {
            let mut errors = FormErrors::default();
            let mut msg = refusal.to_string();
            if let Some(first) = msg.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            errors.add("tags", format!("{msg}."));
            tags_page(staff, &state, id, Some(choice), errors).await
        }
    }
}
