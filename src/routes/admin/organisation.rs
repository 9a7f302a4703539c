//! Who runs this site: administrators set the organisation's name, description, contact
//! and privacy notice, in each public language. The public sees them on `/about` and
//! `/privacy`, and the name in every page's footer.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, post, web::Data};
use askama::Template;

use crate::domain::FormErrors;
use crate::domain::account::{Email, Permission};
use crate::domain::organisation::{
    self as org, CONTACT_OTHER_MAX, DESCRIPTION_MAX, NAME_MAX, OrgTexts, Organisation, PRIVACY_MAX,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::format_number;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// The form's field names for one language's texts.
#[derive(Clone, Copy)]
struct FieldNames {
    name: &'static str,
    description: &'static str,
    privacy: &'static str,
}

/// The field names of a language (a match, so a new language cannot be forgotten).
fn field_names(lang: Lang) -> FieldNames {
    let (name, description, privacy) = match lang {
        Lang::En => ("name_en", "description_en", "privacy_en"),
        Lang::Es => ("name_es", "description_es", "privacy_es"),
        Lang::Fr => ("name_fr", "description_fr", "privacy_fr"),
        Lang::Ht => ("name_ht", "description_ht", "privacy_ht"),
    };
    FieldNames {
        name,
        description,
        privacy,
    }
}

/// The form as typed, by field name; every value is shown again on a refused post.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct OrganisationForm(HashMap<String, String>);

impl OrganisationForm {
    fn get(&self, field: &str) -> &str {
        self.0.get(field).map(String::as_str).unwrap_or_default()
    }

    /// The form showing the stored settings.
    fn of(settings: &Organisation) -> Self {
        let mut values = HashMap::new();
        let email = settings.contact_email.as_ref().map(Email::as_str);
        values.insert("contact_email".into(), email.unwrap_or_default().into());
        values.insert("contact_other".into(), settings.contact_other.clone());
        for lang in Lang::ALL {
            let names = field_names(lang);
            let texts = settings.texts(lang);
            values.insert(names.name.into(), texts.name);
            values.insert(names.description.into(), texts.description);
            values.insert(names.privacy.into(), texts.privacy_notice);
        }
        Self(values)
    }

    /// The settings, or the messages that say what to fix.
    fn parse(&self) -> Result<Organisation, FormErrors> {
        let mut errors = FormErrors::default();
        let raw_email = self.get("contact_email").trim();
        let contact_email = if raw_email.is_empty() {
            errors.add(
                "contact_email",
                "Enter an email address where witnesses and others can write to the organisation.",
            );
            None
        } else {
            Email::parse(raw_email)
                .map_err(|m| errors.add("contact_email", m))
                .ok()
        };
        let contact_other = limited(
            &mut errors,
            "contact_other",
            self.get("contact_other"),
            CONTACT_OTHER_MAX,
            "The other contact line",
        );
        let mut texts = HashMap::new();
        for lang in Lang::ALL {
            let names = field_names(lang);
            let language = lang.english_name();
            let name = limited(
                &mut errors,
                names.name,
                self.get(names.name),
                NAME_MAX,
                &format!("The name in {language}"),
            );
            let description = limited(
                &mut errors,
                names.description,
                self.get(names.description),
                DESCRIPTION_MAX,
                &format!("The description in {language}"),
            );
            let privacy_notice = limited(
                &mut errors,
                names.privacy,
                self.get(names.privacy),
                PRIVACY_MAX,
                &format!("The privacy notice in {language}"),
            );
            texts.insert(
                lang,
                OrgTexts {
                    name,
                    description,
                    privacy_notice,
                },
            );
        }
        errors.into_result()?;
        Ok(Organisation {
            contact_email,
            contact_other,
            texts,
            saved_at: None,
        })
    }
}

/// An optional text of at most `max` characters, trimmed.
fn limited(
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
    max: usize,
    what: &str,
) -> String {
    let v = value.trim();
    let count = v.chars().count();
    if count > max {
        errors.add(
            field,
            format!(
                "{what} is too long: use at most {} characters (it has {}).",
                format_number(max, Lang::En),
                format_number(count, Lang::En)
            ),
        );
    }
    v.to_string()
}

/// A field of the form: its name (and id), label, hint and the value shown.
pub struct Field {
    pub id: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
}

/// One language's part of the form, with the default privacy notice visitors see when
/// it is left empty.
pub struct LangFieldset {
    pub lang: Lang,
    pub language: &'static str,
    pub name: Field,
    pub description: Field,
    pub privacy: Field,
    pub default_privacy: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/organisation.html")]
pub struct OrganisationPage {
    pub ctx: Ctx,
    pub contact_email: String,
    pub contact_other: Field,
    pub fieldsets: Vec<LangFieldset>,
    pub saved_at: Option<String>,
    pub errors: FormErrors,
}

fn fieldset(form: &OrganisationForm, lang: Lang) -> LangFieldset {
    let names = field_names(lang);
    let language = lang.english_name();
    let field = |id: &'static str, label: String, hint: String| Field {
        id,
        label,
        hint,
        value: form.get(id).to_string(),
    };
    LangFieldset {
        lang,
        language,
        name: field(
            names.name,
            format!("Name of the organisation in {language}"),
            format!(
                "At most {NAME_MAX} characters. Left empty, visitors reading {language} see \u{201c}{}\u{201d}.",
                org::default_name(lang)
            ),
        ),
        description: field(
            names.description,
            format!("Short description in {language}"),
            format!(
                "Who you are and why you hold this People's UPR, in a few sentences. At most {} characters. Left empty, visitors see: \u{201c}{}\u{201d}",
                format_number(DESCRIPTION_MAX, Lang::En),
                org::default_description(lang)
            ),
        ),
        privacy: field(
            names.privacy,
            format!("Privacy notice in {language}"),
            format!(
                "At most {} characters. Left empty, visitors see the default notice below, which says what this software does with what witnesses give. If you write your own, keep it true.",
                format_number(PRIVACY_MAX, Lang::En)
            ),
        ),
        default_privacy: org::paragraphs(&org::default_privacy_notice(lang)),
    }
}

fn organisation_page(
    ctx: Ctx,
    form: &OrganisationForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let saved_at = ctx
        .org
        .saved_at
        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string());
    let page = OrganisationPage {
        contact_email: form.get("contact_email").to_string(),
        contact_other: Field {
            id: "contact_other",
            label: "Other contact (optional)".into(),
            hint: format!(
                "A postal address, a phone number or opening hours. At most {CONTACT_OTHER_MAX} characters."
            ),
            value: form.get("contact_other").to_string(),
        },
        fieldsets: Lang::ALL.into_iter().map(|l| fieldset(form, l)).collect(),
        ctx,
        saved_at,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/admin/organisation")]
pub async fn show(staff: Staff, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageOrganisation)?;
    // Read the stored settings, not the copy: another instance may have saved a moment ago.
    let settings = crate::service::run(&state.pool, crate::service::organisation::load).await?;
    state.organisation.set(settings.clone());
    let mut ctx = staff.ctx;
    ctx.org = state.organisation.get();
    organisation_page(ctx, &OrganisationForm::of(&settings), FormErrors::default())
}

#[post("/admin/organisation")]
pub async fn save(
    staff: Staff,
    state: Data<AppState>,
    Form(form): Form<OrganisationForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ManageOrganisation)?;
    let settings = match form.parse() {
        Ok(settings) => settings,
        Err(errors) => return organisation_page(staff.ctx, &form, errors),
    };
    let by = staff.user.id.clone();
    let saved = crate::service::run(&state.pool, move |conn| {
        crate::service::organisation::save(conn, &settings, &by)
    })
    .await?;
    state.organisation.set(saved);
    tracing::info!(by = %staff.user.id, "organisation settings saved");
    staff.ctx.set_flash(
        "Saved. The About and Privacy pages and every page's footer show the new settings.",
    );
    Ok(web::see_other("/admin/organisation"))
}
