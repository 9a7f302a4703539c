//! The hearing form's texts in each language: title, summary and consent text, as typed
//! and as shown in one fieldset a language.

use crate::db::hearings::{ConsentText, LangTexts};
use crate::domain::FormErrors;
use crate::i18n::Lang;

use super::form::{CONSENT_MAX, HearingForm, SUMMARY_MAX, TITLE_MAX};

/// The three texts of one language.
#[derive(Clone, Copy)]
pub enum Part {
    Title,
    Summary,
    Consent,
}

/// The name of a field of the form. The language the form's texts were first shown in
/// (`HearingForm::texts_lang`) has the plain names `title`, `summary`, `consent_text`;
/// the others end in their code, like `title_es`.
pub fn field(part: Part, lang: Lang, main: bool) -> &'static str {
    use Lang::*;
    use Part::*;
    match (part, main, lang) {
        (Title, true, _) => "title",
        (Summary, true, _) => "summary",
        (Consent, true, _) => "consent_text",
        (Title, false, En) => "title_en",
        (Title, false, Es) => "title_es",
        (Title, false, Fr) => "title_fr",
        (Title, false, Ht) => "title_ht",
        (Summary, false, En) => "summary_en",
        (Summary, false, Es) => "summary_es",
        (Summary, false, Fr) => "summary_fr",
        (Summary, false, Ht) => "summary_ht",
        (Consent, false, En) => "consent_text_en",
        (Consent, false, Es) => "consent_text_es",
        (Consent, false, Fr) => "consent_text_fr",
        (Consent, false, Ht) => "consent_text_ht",
    }
}

/// Check the texts of each accepted language (`langs`, the first one first). The first
/// language needs a title and a consent text; the others may wait (the hearing then
/// cannot open until each has a consent text).
pub fn parse(form: &HearingForm, langs: &[Lang], errors: &mut FormErrors) -> Vec<LangTexts> {
    let main = form.texts_lang();
    let mut out = Vec::new();
    for (i, &lang) in langs.iter().enumerate() {
        let is_main = lang == main;
        let name = lang.english_name();
        let [title, summary, consent] = form.typed(lang);
        let f = |p| field(p, lang, is_main);
        let title = if i == 0 {
            crate::domain::required_text(
                errors,
                f(Part::Title),
                title,
                TITLE_MAX,
                &format!(
                    "Enter a title for the hearing. It is needed in {name}, the first language offered."
                ),
                &format!("Use at most 200 characters for the title. This one is in {name}."),
            )
        } else {
            let t = title.trim().to_string();
            if t.chars().count() > TITLE_MAX {
                errors.add(
                    f(Part::Title),
                    format!("Use at most 200 characters for the title. This one is in {name}."),
                );
            }
            t
        };
        let summary = summary.trim().to_string();
        if summary.chars().count() > SUMMARY_MAX {
            errors.add(
                f(Part::Summary),
                format!("Use at most 2,000 characters for the summary. This one is in {name}."),
            );
        }
        let long = format!(
            "The consent text is too long: use at most 5,000 characters (it has {}) in the {name} text.",
            consent.trim().chars().count()
        );
        let consent_text = if i == 0 {
            crate::domain::required_text(
                errors,
                f(Part::Consent),
                consent,
                CONSENT_MAX,
                &format!(
                    "Enter the consent text witnesses agree to. It is needed in {name}, the first language offered."
                ),
                &long,
            )
        } else {
            let c = consent.trim().to_string();
            if c.chars().count() > CONSENT_MAX {
                errors.add(f(Part::Consent), long);
            }
            c
        };
        out.push(LangTexts {
            lang,
            title,
            summary,
            consent_text,
        });
    }
    out
}

/// One language's fieldset on the form.
pub struct Fieldset {
    pub legend: String,
    pub hint: String,
    pub title_field: &'static str,
    pub summary_field: &'static str,
    pub consent_field: &'static str,
    pub title: String,
    pub summary: String,
    pub consent_text: String,
    /// The current consent version in this language, when editing.
    pub version: Option<i32>,
    /// The first language: its title and consent text are required.
    pub first: bool,
}

/// The fieldsets: the first language's, then the others the hearing accepts, then the
/// languages it does not accept (filled in only if it comes to accept them).
pub fn fieldsets(form: &HearingForm, current: &[ConsentText]) -> Vec<Fieldset> {
    let main = form.texts_lang();
    let accepted: Vec<Lang> = form
        .languages
        .iter()
        .filter_map(|c| Lang::parse(c))
        .collect();
    let mut order: Vec<Lang> = vec![main];
    order.extend(accepted.iter().copied().filter(|l| *l != main));
    let rest: Vec<Lang> = Lang::ALL
        .into_iter()
        .filter(|l| !order.contains(l))
        .collect();
    order.extend(rest);
    order
        .into_iter()
        .map(|lang| {
            let is_main = lang == main;
            let [title, summary, consent] = form.typed(lang);
            let name = lang.english_name();
            let hint = if is_main {
                format!("The hearing's texts in {name}. The title in the first language offered is the one staff see, and required.")
            } else if accepted.contains(&lang) {
                format!("The hearing cannot open until it has a consent text in {name}. Without a title or summary in {name}, the first language's are shown.")
            } else {
                format!("Used only if testimony is offered in {name}.")
            };
            Fieldset {
                legend: format!("In {name} ({})", lang.native_name()),
                hint,
                title_field: field(Part::Title, lang, is_main),
                summary_field: field(Part::Summary, lang, is_main),
                consent_field: field(Part::Consent, lang, is_main),
                title: title.to_string(),
                summary: summary.to_string(),
                consent_text: consent.to_string(),
                version: current
                    .iter()
                    .find(|c| c.lang == lang.code())
                    .map(|c| c.version),
                first: is_main,
            }
        })
        .collect()
}
