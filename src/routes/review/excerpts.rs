//! A testimony's excerpts: the current redacted texts to quote from, the excerpts selected
//! (and those no longer usable, saying why), and the form to select one.

use actix_web::{HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use super::header::Header;
use crate::db::{self, excerpts::Invalidation, tags::TagKind};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::consent::ConsentScope;
use crate::domain::ids::{TestimonyId, UserId};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::excerpts::{ExcerptInput, ORIGINAL};
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ExcerptForm {
    pub text_id: String,
    pub passage: String,
    pub theme_id: String,
    pub attributed: String,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RemoveForm {
    pub excerpt_id: String,
}

/// A current redacted text to quote from.
pub struct TextView {
    pub text_id: String,
    pub title: String,
    pub version: i32,
    pub body: String,
}

/// An excerpt as listed.
pub struct ExcerptView {
    pub id: String,
    pub body: String,
    pub source: String,
    pub theme: Option<String>,
    pub attributed: bool,
    /// Why it can no longer be used, if it cannot.
    pub unusable: Option<&'static str>,
    pub created: String,
}

/// A choice of a select.
pub struct SelectChoice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "review/excerpts.html")]
pub struct ExcerptsPage {
    pub ctx: Ctx,
    pub header: Header,
    pub texts: Vec<TextView>,
    pub excerpts: Vec<ExcerptView>,
    pub themes: Vec<SelectChoice>,
    pub may_quote: bool,
    pub may_attribute: bool,
    pub form: ExcerptForm,
    pub errors: FormErrors,
}

/// What an invalidated excerpt says.
fn unusable(why: Invalidation) -> &'static str {
    match why {
        Invalidation::Consent => "no longer usable: consent changed",
        Invalidation::Redaction => "no longer usable: redaction changed",
        Invalidation::Withdrawn => "no longer usable: withdrawn by the witness",
        Invalidation::Removed => "removed; kept because a published report cites it",
    }
}

/// A language code in words.
fn language_name(code: &str) -> String {
    Lang::parse(code)
        .map(|l| l.english_name().to_string())
        .unwrap_or_else(|| code.to_string())
}

async fn excerpts_page(
    staff: Staff,
    state: &AppState,
    id: String,
    form: ExcerptForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let granted = staff.ctx.originals().is_some();
    let page = web::run_db(&state.pool, move |conn| {
        let header = Header::load(conn, &id, granted, "/excerpts")?;
        let t = db::testimony::find(conn, &id)?.ok_or(AppError::NotFound)?;
        let consent = db::testimony::current_consent(conn, &id)?;
        let mut texts = Vec::new();
        let mut sources = vec![(ORIGINAL.to_string(), "the original".to_string())];
        if let Some(v) = db::redaction::current(conn, &id, ORIGINAL)? {
            texts.push(TextView {
                text_id: ORIGINAL.into(),
                title: "Redacted original".into(),
                version: v.version,
                body: v.body,
            });
        }
        for tr in db::excerpts::translations_of(conn, &id)? {
            let described = format!(
                "translation into {} by {}",
                language_name(&tr.language),
                tr.translated_by
            );
            sources.push((tr.id.clone(), described.clone()));
            if let Some(v) = db::redaction::current(conn, &id, &tr.id)? {
                texts.push(TextView {
                    text_id: tr.id,
                    title: format!("Redacted {described}"),
                    version: v.version,
                    body: v.body,
                });
            }
        }
        let all_themes = db::hearings::all_themes(conn)?;
        let theme_label = |theme: &str| {
            all_themes
                .iter()
                .find(|th| th.id == theme)
                .map(|th| th.label(Lang::En))
                .unwrap_or_else(|| theme.to_string())
        };
        let themes = db::tags::current(conn, &id, t.tags_seeded)?
            .into_iter()
            .filter(|(k, _)| *k == TagKind::Theme)
            .map(|(_, theme)| SelectChoice {
                label: theme_label(&theme),
                value: theme,
            })
            .collect();
        let excerpts = db::excerpts::of_testimony(conn, &id)?
            .into_iter()
            .map(|e| ExcerptView {
                source: sources
                    .iter()
                    .find(|(sid, _)| *sid == e.text_id)
                    .map(|(_, d)| d.clone())
                    .unwrap_or_else(|| {
                        if e.translated {
                            "a translation".into()
                        } else {
                            "the original".into()
                        }
                    }),
                theme: e.theme_id.as_deref().map(theme_label),
                attributed: e.attributed,
                unusable: e.invalidation().map(unusable),
                created: e.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                body: e.body,
                id: e.id,
            })
            .collect();
        Ok((
            header,
            texts,
            excerpts,
            themes,
            consent.permits(ConsentScope::QuoteVerbatim),
            consent.permits(ConsentScope::Attribute),
        ))
    })
    .await?;
    let (header, texts, excerpts, themes, may_quote, may_attribute) = page;
    let page = ExcerptsPage {
        ctx: staff.ctx,
        header,
        texts,
        excerpts,
        themes,
        may_quote,
        may_attribute,
        form,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/testimony/{id}/excerpts")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let form = ExcerptForm {
        text_id: ORIGINAL.into(),
        ..ExcerptForm::default()
    };
    excerpts_page(staff, &state, id.into_inner(), form, FormErrors::default()).await
}

#[post("/staff/testimony/{id}/excerpts")]
pub async fn create(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<ExcerptForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let input = ExcerptInput {
        text_id: if form.text_id.trim().is_empty() {
            ORIGINAL.into()
        } else {
            form.text_id.clone()
        },
        passage: form.passage.clone(),
        theme_id: Some(form.theme_id.clone()),
        attributed: !form.attributed.is_empty(),
    };
    let (tid, by) = (
        TestimonyId::from(id.clone()),
        UserId::from(staff.user.id.clone()),
    );
    let outcome = crate::service::run(&state.pool, move |conn| {
        crate::service::excerpts::create(conn, &by, &tid, &input)
    })
    .await?;
    match outcome {
        Ok(_) => {
            staff.ctx.set_flash("The excerpt was selected.");
            Ok(web::see_other(&format!("/staff/testimony/{id}/excerpts")))
        }
        Err(refusal) => {
            let mut errors = FormErrors::default();
            errors.add(refusal.field(), sentence(&refusal.to_string()));
            excerpts_page(staff, &state, id, form, errors).await
        }
    }
}

#[post("/staff/testimony/{id}/excerpts/remove")]
pub async fn remove(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(form): Form<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let (tid, by, eid) = (
        TestimonyId::from(id.clone()),
        UserId::from(staff.user.id.clone()),
        form.excerpt_id.trim().to_string(),
    );
    let removed = crate::service::run(&state.pool, move |conn| {
        crate::service::excerpts::remove(conn, &by, &tid, &eid)
    })
    .await?;
    if !removed {
        let mut errors = FormErrors::default();
        errors.add(
            "excerpts",
            "That excerpt is not in this testimony's list (it may have been removed already).",
        );
        let form = ExcerptForm {
            text_id: ORIGINAL.into(),
            ..ExcerptForm::default()
        };
        return excerpts_page(staff, &state, id, form, errors).await;
    }
    staff.ctx.set_flash("The excerpt was removed.");
    Ok(web::see_other(&format!("/staff/testimony/{id}/excerpts")))
}

/// A refusal as a sentence: capital first, full stop last.
fn sentence(msg: &str) -> String {
    let mut chars = msg.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}
