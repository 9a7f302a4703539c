//! Ready-to-show values for the hearing pages and the testimony form.

use super::wording::Wording;
use crate::db::hearings::{ConsentText, Hearing, Theme};
use crate::domain::consent::ConsentScope;
use crate::domain::hearing::Acceptance;
use crate::domain::testimony::{MAX_TESTIMONY_CHARS, WitnessRole};
use crate::i18n::{self, Lang};

/// A choice in a list of checkboxes or radio buttons.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: String,
}

/// A hearing as the public sees it.
pub struct HearingView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub place: String,
    pub dates: String,
    pub themes: Vec<String>,
    pub languages: Vec<String>,
    /// Whether testimony is accepted now.
    pub accepting: bool,
    /// One plain sentence on whether and until when testimony is accepted.
    pub availability: String,
}

impl HearingView {
    pub fn new(h: &Hearing, themes: &[Theme], lang: Lang) -> Self {
        let acceptance = h.acceptance();
        let when = |t| i18n::format_datetime(t, h.zone(), lang);
        let availability = match acceptance {
            Acceptance::Accepting => i18n::message(
                lang,
                "hearing-accepting-until",
                &[("date", &when(h.closes_at))],
            ),
            Acceptance::NotOpenYet => {
                i18n::message(lang, "hearing-not-open-yet", &[("date", &when(h.opens_at))])
            }
            Acceptance::Closed => i18n::message(lang, "hearing-closed", &[]),
        };
        let place = if h.online {
            i18n::message(lang, "hearing-online", &[])
        } else {
            format!("{}, {}", h.city, h.state)
        };
        let dates = match h.ends_on {
            Some(end) if end != h.starts_on => format!(
                "{} – {}",
                i18n::format_date(h.starts_on, lang),
                i18n::format_date(end, lang)
            ),
            _ => i18n::format_date(h.starts_on, lang),
        };
        Self {
            slug: h.slug.clone(),
            title: h.title.clone(),
            summary: h.summary.clone(),
            place,
            dates,
            themes: sorted_labels(themes, lang),
            languages: h
                .languages()
                .iter()
                .map(|l| l.native_name().to_string())
                .collect(),
            accepting: acceptance == Acceptance::Accepting,
            availability,
        }
    }
}

/// Everything the form offers for one hearing, in one language.
pub struct FormView {
    pub themes: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub consents: Vec<Choice>,
    pub consent_text: String,
    pub consent_text_id: String,
    /// Says so when the consent text is not in the page's language.
    pub consent_text_note: Option<String>,
    pub body_limit: String,
    pub attachments_hint: String,
    /// Assisted intake shows the staff-only fields.
    pub staff: bool,
    /// Assisted intake: the languages the receipt can be printed in.
    pub receipt_languages: Vec<Choice>,
    /// Whom the form speaks to: the witness, or staff about the witness.
    words: Wording,
}

impl FormView {
    pub fn new(
        hearing: &Hearing,
        themes: &[Theme],
        consent_text: &ConsentText,
        lang: Lang,
        limits: crate::config::AttachmentLimits,
        staff: bool,
    ) -> Self {
        let words = Wording::new(lang, staff);
        let t = |k: &str| words.t(k);
        let mb = |b: usize| (b / (1024 * 1024)).to_string();
        let mut languages: Vec<Choice> = hearing
            .languages()
            .into_iter()
            .map(|l| Choice {
                value: l.code().into(),
                label: l.native_name().into(),
                hint: String::new(),
            })
            .collect();
        languages.push(Choice {
            value: "other".into(),
            label: t("form-language-other"),
            hint: String::new(),
        });
        Self {
            themes: theme_choices(themes, lang),
            languages,
            roles: WitnessRole::ALL
                .into_iter()
                .map(|r| Choice {
                    value: r.code().into(),
                    label: t(&format!("role-{}", r.code())),
                    hint: String::new(),
                })
                .collect(),
            consents: ConsentScope::ALL
                .into_iter()
                .map(|s| Choice {
                    value: s.code().into(),
                    label: t(&format!("consent-{}", s.code())),
                    hint: t(&format!("consent-{}-hint", s.code())),
                })
                .collect(),
            consent_text: consent_text.body.clone(),
            consent_text_id: consent_text.id.clone(),
            consent_text_note: other_language(&consent_text.lang, lang),
            body_limit: words.with(
                "form-testimony-limit",
                &[(
                    "max",
                    &crate::i18n::format_number(MAX_TESTIMONY_CHARS, lang),
                )],
            ),
            attachments_hint: words.with(
                "form-attachments-hint",
                &[
                    ("files", &limits.max_files.to_string()),
                    ("each", &mb(limits.max_file_bytes)),
                    ("total", &mb(limits.max_total_bytes)),
                ],
            ),
            staff,
            receipt_languages: if staff {
                Lang::ALL
                    .into_iter()
                    .map(|l| Choice {
                        value: l.code().into(),
                        label: match l {
                            Lang::En => l.english_name().to_string(),
                            _ => format!("{} ({})", l.english_name(), l.native_name()),
                        },
                        hint: String::new(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            words,
        }
    }

    /// A message of the form, in the words for whoever fills it in.
    pub fn t(&self, key: &str) -> String {
        self.words.t(key)
    }
}

/// Theme names in the page's language, in alphabetical order for that language.
fn sorted_labels(themes: &[Theme], lang: Lang) -> Vec<String> {
    theme_choices(themes, lang)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

/// The themes as choices, in alphabetical order of their names in the page's language.
pub fn theme_choices(themes: &[Theme], lang: Lang) -> Vec<Choice> {
    let mut choices: Vec<Choice> = themes
        .iter()
        .map(|th| Choice {
            value: th.id.clone(),
            label: th.label(lang),
            hint: String::new(),
        })
        .collect();
    choices.sort_by_cached_key(|c| crate::domain::text::sort_key(&c.label));
    choices
}

/// The note beside a text written in another language than the page's.
pub fn other_language(text_lang: &str, page: Lang) -> Option<String> {
    Lang::parse(text_lang).filter(|l| *l != page).map(|l| {
        i18n::message(
            page,
            "form-consent-text-other-language",
            &[("language", l.native_name())],
        )
    })
}
