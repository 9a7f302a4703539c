//! The hearing form shared by creating and editing: what was typed, how it is checked
//! into [`HearingFields`], and the page that shows it. The texts of each language are in
//! `texts`.

use actix_web::HttpResponse;
use askama::Template;
use chrono::{NaiveDate, NaiveDateTime};

use super::texts;
use crate::db::hearings::{ConsentText, Hearing, HearingFields, HearingText, Theme};
use crate::db::{self};
use crate::domain::FormErrors;
use crate::domain::hearing::{TIME_ZONES, slugify, valid_slug};
use crate::domain::retention::RetentionDays;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{self, Ctx};

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest summary, in characters.
pub const SUMMARY_MAX: usize = 2_000;
/// Longest city or state, in characters.
pub const PLACE_MAX: usize = 100;
/// Longest consent text, in characters.
pub const CONSENT_MAX: usize = 5_000;

/// What `<input type="datetime-local">` sends (some browsers add seconds).
const DATETIME_FORMATS: [&str; 2] = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"];
/// What `<input type="date">` sends.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// The consent text a new hearing starts with; organizers adapt it.
pub const DEFAULT_CONSENT_TEXT: &str = "Your testimony is kept safely. Only the people organizing \
this People's UPR can read it, and your name and contact details are stored encrypted. We use your \
testimony only in the ways you choose on this form: for example, quoted in the report with or without \
your name, or only counted. You can withdraw your testimony at any time with the receipt code you \
receive after sending it; from then on it is not used in anything we publish. Who we are and how \
to reach us: the About page of this site (/about). What we keep, who can read it, and what \
withdrawing does: the Privacy page (/privacy).";

/// The form as typed. Every field is kept as text so a refused form shows it again.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct HearingForm {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub city: String,
    pub state: String,
    /// The checkbox: any value means "online".
    pub online: String,
    pub starts_on: String,
    pub ends_on: String,
    pub themes: Vec<String>,
    pub languages: Vec<String>,
    pub opens_at: String,
    pub closes_at: String,
    /// The IANA name of the hearing's time zone; the window's times are in it.
    pub time_zone: String,
    /// Days after closing when contact details and attachments go; empty: the default.
    pub retention_days: String,
    pub consent_text: String,
    /// The language of `title`, `summary` and `consent_text` (a hidden field); the other
    /// languages' texts end in their code.
    pub texts_lang: String,
    pub title_en: String,
    pub summary_en: String,
    pub consent_text_en: String,
    pub title_es: String,
    pub summary_es: String,
    pub consent_text_es: String,
    pub title_fr: String,
    pub summary_fr: String,
    pub consent_text_fr: String,
    pub title_ht: String,
    pub summary_ht: String,
    pub consent_text_ht: String,
}

impl HearingForm {
    /// The language of the plain `title`, `summary` and `consent_text` fields.
    pub fn texts_lang(&self) -> Lang {
        Lang::parse(&self.texts_lang)
            .or_else(|| self.languages.iter().find_map(|c| Lang::parse(c)))
            .unwrap_or(Lang::En)
    }

    /// The first language offered: its title is the one staff see.
    pub fn first_lang(&self) -> Lang {
        self.languages
            .iter()
            .find_map(|c| Lang::parse(c))
            .unwrap_or_else(|| self.texts_lang())
    }

    /// The title, summary and consent text typed for a language.
    pub fn typed(&self, lang: Lang) -> [&str; 3] {
        if lang == self.texts_lang() {
            return [&self.title, &self.summary, &self.consent_text];
        }
        match lang {
            Lang::En => [&self.title_en, &self.summary_en, &self.consent_text_en],
            Lang::Es => [&self.title_es, &self.summary_es, &self.consent_text_es],
            Lang::Fr => [&self.title_fr, &self.summary_fr, &self.consent_text_fr],
            Lang::Ht => [&self.title_ht, &self.summary_ht, &self.consent_text_ht],
        }
    }

    fn typed_mut(&mut self, lang: Lang) -> [&mut String; 3] {
        if lang == self.texts_lang() {
            return [&mut self.title, &mut self.summary, &mut self.consent_text];
        }
        match lang {
            Lang::En => [
                &mut self.title_en,
                &mut self.summary_en,
                &mut self.consent_text_en,
            ],
            Lang::Es => [
                &mut self.title_es,
                &mut self.summary_es,
                &mut self.consent_text_es,
            ],
            Lang::Fr => [
                &mut self.title_fr,
                &mut self.summary_fr,
                &mut self.consent_text_fr,
            ],
            Lang::Ht => [
                &mut self.title_ht,
                &mut self.summary_ht,
                &mut self.consent_text_ht,
            ],
        }
    }

    /// An empty form for a new hearing: English offered, the default consent text.
    pub fn blank() -> Self {
        Self {
            languages: vec![Lang::En.code().into()],
            time_zone: "UTC".into(),
            texts_lang: Lang::En.code().into(),
            consent_text: DEFAULT_CONSENT_TEXT.into(),
            ..Default::default()
        }
    }

    /// The form of an existing hearing, with its texts and newest consent texts.
    pub fn of(
        h: &Hearing,
        themes: &[Theme],
        texts: &[HearingText],
        consents: &[ConsentText],
    ) -> Self {
        let first = h.first_language();
        let mut form = Self {
            texts_lang: first.code().into(),
            title: h.title.clone(),
            slug: h.slug.clone(),
            summary: h.summary.clone(),
            city: h.city.clone(),
            state: h.state.clone(),
            online: if h.online {
                "yes".into()
            } else {
                String::new()
            },
            starts_on: h.starts_on.format(DATE_FORMAT).to_string(),
            ends_on: h
                .ends_on
                .map(|d| d.format(DATE_FORMAT).to_string())
                .unwrap_or_default(),
            themes: themes.iter().map(|t| t.id.clone()).collect(),
            languages: h.languages().iter().map(|l| l.code().to_string()).collect(),
            opens_at: local(h.opens_at, h.zone()),
            closes_at: local(h.closes_at, h.zone()),
            time_zone: h.zone().name().to_string(),
            retention_days: h.retention_days.map(|d| d.to_string()).unwrap_or_default(),
            ..Default::default()
        };
        for lang in Lang::ALL {
            let text = texts.iter().find(|t| t.lang == lang.code());
            let consent = consents.iter().find(|c| c.lang == lang.code());
            let [title, summary, consent_text] = form.typed_mut(lang);
            if let Some(t) = text {
                *title = t.title.clone();
                *summary = t.summary.clone();
            } else if lang == first {
                *title = h.title.clone();
                *summary = h.summary.clone();
            }
            if let Some(c) = consent {
                *consent_text = c.body.clone();
            }
        }
        form
    }

    pub fn is_online(&self) -> bool {
        !self.online.trim().is_empty()
    }

    pub fn has_theme(&self, id: &str) -> bool {
        self.themes.iter().any(|t| t == id)
    }

    pub fn has_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l == code)
    }

    /// The public address asked for: the one typed, else one made from the title.
    pub fn wanted_slug(&self) -> String {
        match self.slug.trim() {
            "" => slugify(self.typed(self.first_lang())[0].trim()),
            typed => typed.to_string(),
        }
    }

    /// Check every field. `vocabulary` is the theme list; `slug_taken` says whether
    /// [`Self::wanted_slug`] belongs to another hearing.
    pub fn parse(
        &self,
        vocabulary: &[Theme],
        slug_taken: bool,
    ) -> Result<HearingFields, FormErrors> {
        let mut errors = FormErrors::default();

        let title = self.typed(self.first_lang())[0].trim().to_string();

        let slug = self.wanted_slug();
        let typed_slug = !self.slug.trim().is_empty();
        if typed_slug && !valid_slug(&slug) {
            let example = match slugify(&slug) {
                s if s.is_empty() => "el-paso-2026".to_string(),
                s => s,
            };
            errors.add(
                "slug",
                format!(
                    "Use only lower-case letters a to z, digits and dashes in the web address, \
                     with no dash at the start or end and at most 80 characters, for example {example}."
                ),
            );
        } else if !typed_slug && slug.is_empty() && !title.is_empty() {
            errors.add(
                "slug",
                "No web address can be made from this title. Enter one with lower-case letters a to z, \
                 digits and dashes, for example el-paso-2026.",
            );
        } else if slug_taken {
            let whose = if typed_slug {
                ""
            } else {
                " (made from the title)"
            };
            errors.add(
                "slug",
                format!(
                    "Another hearing already uses the address /hearings/{slug}{whose}. Enter a different web address."
                ),
            );
        }

        let online = self.is_online();
        let city = self.city.trim().to_string();
        let state = self.state.trim().to_string();
        for (field, value, name) in [("city", &city, "city"), ("state", &state, "state")] {
            if value.is_empty() && !online {
                errors.add(
                    field,
                    format!("Enter the {name} where the hearing takes place, or tick \u{201c}Online hearing\u{201d}."),
                );
            } else if value.chars().count() > PLACE_MAX {
                errors.add(
                    field,
                    format!("Use at most {PLACE_MAX} characters for the {name}."),
                );
            }
        }

        let starts_on = match self.starts_on.trim() {
            "" => {
                errors.add("starts_on", "Enter the day the hearing starts.");
                None
            }
            v => parse_date(v).or_else(|| {
                errors.add(
                    "starts_on",
                    "Enter the start date as a date, for example 2026-03-05.",
                );
                None
            }),
        };
        let ends_on = match self.ends_on.trim() {
            "" => None,
            v => parse_date(v).or_else(|| {
                errors.add(
                    "ends_on",
                    "Enter the end date as a date, for example 2026-03-06, or leave it empty.",
                );
                None
            }),
        };
        if let (Some(start), Some(end)) = (starts_on, ends_on)
            && end < start
        {
            errors.add(
                "ends_on",
                "The end date is before the start date. Enter an end date on or after the start date.",
            );
        }

        let mut theme_ids = Vec::new();
        for id in &self.themes {
            if !vocabulary.iter().any(|t| &t.id == id) {
                errors.add("themes", "Choose themes from the list.");
                break;
            }
            if !theme_ids.contains(id) {
                theme_ids.push(id.clone());
            }
        }
        if self.themes.is_empty() {
            errors.add("themes", "Choose at least one theme.");
        }

        let mut languages = Vec::new();
        for code in &self.languages {
            match Lang::parse(code) {
                Some(l) if !languages.contains(&l) => languages.push(l),
                Some(_) => {}
                None => {
                    errors.add("languages", "Choose languages from the list.");
                    break;
                }
            }
        }
        if self.languages.is_empty() {
            errors.add(
                "languages",
                "Choose at least one language testimony can be given in.",
            );
        }

        // A form without the field (an older page) means UTC, as it did before zones.
        let zone_name = match self.time_zone.trim() {
            "" => "UTC",
            name => name,
        };
        let zone = TIME_ZONES
            .iter()
            .find(|(name, _)| *name == zone_name)
            .and_then(|(name, _)| name.parse::<chrono_tz::Tz>().ok());
        if zone.is_none() {
            errors.add("time_zone", "Choose the hearing's time zone from the list.");
        }
        let zone = zone.unwrap_or(chrono_tz::UTC);
        let opens_at = parse_moment(&mut errors, "opens_at", &self.opens_at, "opens", zone);
        let closes_at = parse_moment(&mut errors, "closes_at", &self.closes_at, "closes", zone);
        if let (Some(o), Some(c)) = (opens_at, closes_at)
            && c <= o
        {
            errors.add(
                "closes_at",
                "The submission window closes before it opens. Enter a closing time after the opening time.",
            );
        }

        let retention_days = RetentionDays::parse(&self.retention_days)
            .map_err(|m| errors.add("retention_days", m))
            .ok()
            .flatten()
            .map(RetentionDays::days);

        let texts = texts::parse(self, &languages, &mut errors);

        match (starts_on, opens_at, closes_at) {
            (Some(starts_on), Some(opens_at), Some(closes_at)) if errors.is_empty() => {
                Ok(HearingFields {
                    slug,
                    title: texts.first().map(|t| t.title.clone()).unwrap_or_default(),
                    summary: texts.first().map(|t| t.summary.clone()).unwrap_or_default(),
                    city,
                    state,
                    online,
                    starts_on,
                    ends_on,
                    languages,
                    opens_at,
                    closes_at,
                    time_zone: zone.name().to_string(),
                    retention_days,
                    theme_ids,
                    texts,
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_date(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v, DATE_FORMAT).ok()
}

/// A stored (UTC) moment as the form shows it: in the hearing's time zone.
fn local(utc: NaiveDateTime, zone: chrono_tz::Tz) -> String {
    use chrono::TimeZone as _;
    zone.from_utc_datetime(&utc)
        .naive_local()
        .format(DATETIME_FORMATS[0])
        .to_string()
}

/// Read a local date and time in the hearing's zone; returns it in UTC, as stored.
fn parse_moment(
    errors: &mut FormErrors,
    field: &'static str,
    raw: &str,
    verb: &str,
    zone: chrono_tz::Tz,
) -> Option<NaiveDateTime> {
    use chrono::TimeZone as _;
    let v = raw.trim();
    if v.is_empty() {
        errors.add(
            field,
            format!("Enter the date and time the submission window {verb}."),
        );
        return None;
    }
    let Some(naive) = DATETIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
    else {
        errors.add(
            field,
            format!(
                "Enter when the submission window {verb} as a date and time, for example 2026-03-05T09:00."
            ),
        );
        return None;
    };
    // A time skipped when clocks go forward does not exist; a repeated one takes the first.
    match zone.from_local_datetime(&naive).earliest() {
        Some(t) => Some(t.naive_utc()),
        None => {
            errors.add(
                field,
                format!(
                    "{v} does not exist in this time zone: the clocks move forward then. Choose a time an hour later."
                ),
            );
            None
        }
    }
}

/// Check a submitted form against the theme vocabulary and the addresses in use
/// (`except`: the hearing being edited).
pub async fn check(
    state: &AppState,
    form: &HearingForm,
    except: Option<String>,
) -> Result<Result<HearingFields, FormErrors>, AppError> {
    let slug = form.wanted_slug();
    let (vocabulary, taken) = crate::web::run_db(&state.pool, move |conn| {
        let taken = !slug.is_empty() && db::hearings::slug_taken(conn, &slug, except.as_deref())?;
        Ok((db::hearings::all_themes(conn)?, taken))
    })
    .await?;
    Ok(form.parse(&vocabulary, taken))
}

/// The message when the address was taken between the check and the save.
pub fn slug_clash(errors: &mut FormErrors, slug: &str) {
    errors.add(
        "slug",
        format!(
            "Another hearing already uses the address /hearings/{slug}. Enter a different web address."
        ),
    );
}

/// A checkbox of the form.
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// Which hearing the form is for.
pub enum Target {
    New,
    Edit {
        id: String,
        title: String,
        /// The newest consent text in each language.
        consents: Vec<ConsentText>,
    },
}

#[derive(Template)]
#[template(path = "hearings/staff_form.html")]
pub struct FormPage {
    pub ctx: Ctx,
    pub heading: String,
    pub action: String,
    pub submit_label: &'static str,
    pub cancel: String,
    pub form: HearingForm,
    /// Title, summary and consent text, one fieldset a language.
    pub texts: Vec<texts::Fieldset>,
    pub themes: Vec<Choice>,
    pub languages: Vec<Choice>,
    /// The time zones to choose from: (IANA name, label).
    pub time_zones: &'static [(&'static str, &'static str)],
    /// The retention field's hint, naming the configured default.
    pub retention_hint: String,
    pub errors: FormErrors,
}

/// Show the form: 200 when fresh, 422 with the messages and everything typed.
pub async fn form_page(
    ctx: Ctx,
    state: &AppState,
    target: Target,
    form: HearingForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let mut vocabulary =
        crate::web::run_db(&state.pool, |conn| Ok(db::hearings::all_themes(conn)?)).await?;
    vocabulary
        .sort_by_cached_key(|t| crate::domain::text::sort_key(&t.label(crate::i18n::Lang::En)));
    let (heading, action, submit_label, cancel, consents) = match target {
        Target::New => (
            "New hearing".to_string(),
            "/staff/hearings/new".to_string(),
            "Create the hearing",
            "/staff/hearings".to_string(),
            Vec::new(),
        ),
        Target::Edit {
            id,
            title,
            consents,
        } => (
            format!("Edit \u{201c}{title}\u{201d}"),
            format!("/staff/hearings/{id}/edit"),
            "Save changes",
            format!("/staff/hearings/{id}"),
            consents,
        ),
    };
    let page = FormPage {
        heading,
        action,
        submit_label,
        cancel,
        texts: texts::fieldsets(&form, &consents),
        themes: vocabulary
            .iter()
            .map(|t| Choice {
                value: t.id.clone(),
                label: t.label(Lang::En),
            })
            .collect(),
        languages: Lang::ALL
            .into_iter()
            .map(|l| Choice {
                value: l.code().into(),
                label: l.english_name().into(),
            })
            .collect(),
        time_zones: TIME_ZONES,
        retention_hint: format!(
            "A whole number from 0 (right after closing) to 3650. Leave it empty for the default: {} days.",
            state.config.retention_days
        ),
        ctx,
        form,
        errors,
    };
    web::form_page(&page, &page.errors)
}
