//! Who runs the site: the organisation's name, description, contact and privacy notice,
//! as administrators set them, and what visitors see in each language.
//!
//! The contact is the same in every language; the name, description and privacy notice
//! are written per language. A text left empty in a language shows that language's
//! default (from the locale files), never another language's custom text: a witness
//! reading Spanish never gets an English notice passed off as theirs.

use std::collections::HashMap;

use super::account::Email;
use crate::i18n::{self, Lang};

/// Longest organisation name, in characters.
pub const NAME_MAX: usize = 120;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 2_000;
/// Longest other contact line (postal address, phone, hours), in characters.
pub const CONTACT_OTHER_MAX: usize = 300;
/// Longest privacy notice, in characters.
pub const PRIVACY_MAX: usize = 20_000;

/// What administrators wrote for one language. An empty text is "not set".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgTexts {
    pub name: String,
    pub description: String,
    pub privacy_notice: String,
}

/// The organisation's settings, as stored. [`Organisation::default`] is a fresh install:
/// nothing set, so every page shows the defaults.
#[derive(Clone, Debug, Default)]
pub struct Organisation {
    /// Where to write to the organisation (none until an administrator sets it).
    pub contact_email: Option<Email>,
    /// Another way to reach it: a postal address, a phone number (empty when none).
    pub contact_other: String,
    /// The texts per language; a language missing here has nothing set.
    pub texts: HashMap<Lang, OrgTexts>,
    /// When an administrator last saved the settings (none on a fresh install).
    pub saved_at: Option<chrono::NaiveDateTime>,
}

/// A text as shown to visitors, and whether it is the default one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// True when the administrators set nothing for this language.
    pub is_default: bool,
}

impl Shown {
    fn pick(custom: Option<&str>, default: impl FnOnce() -> String) -> Self {
        match custom.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Self {
                text: t.to_string(),
                is_default: false,
            },
            None => Self {
                text: default(),
                is_default: true,
            },
        }
    }

    /// The text's paragraphs (separated by blank lines), each trimmed, none empty.
    pub fn paragraphs(&self) -> Vec<String> {
        paragraphs(&self.text)
    }
}

impl Organisation {
    /// What administrators wrote in `lang` (empty texts when nothing).
    pub fn texts(&self, lang: Lang) -> OrgTexts {
        self.texts.get(&lang).cloned().unwrap_or_default()
    }

    fn custom(&self, lang: Lang, field: impl Fn(&OrgTexts) -> &str) -> Option<&str> {
        self.texts.get(&lang).map(field)
    }

    /// The organisation's name in `lang`; by default the site's name in that language.
    pub fn name(&self, lang: Lang) -> Shown {
        Shown::pick(self.custom(lang, |t| &t.name), || default_name(lang))
    }

    /// The short description in `lang`; by default a sentence on what the site is for.
    pub fn description(&self, lang: Lang) -> Shown {
        Shown::pick(self.custom(lang, |t| &t.description), || {
            default_description(lang)
        })
    }

    /// The privacy notice in `lang`; by default the notice that says what this software
    /// does with what witnesses give.
    pub fn privacy_notice(&self, lang: Lang) -> Shown {
        Shown::pick(self.custom(lang, |t| &t.privacy_notice), || {
            default_privacy_notice(lang)
        })
    }
}

/// The name shown until administrators set one: the site's name in `lang`.
pub fn default_name(lang: Lang) -> String {
    i18n::message(lang, "site-name", &[])
}

/// The description shown until administrators write one.
pub fn default_description(lang: Lang) -> String {
    i18n::message(lang, "about-default-description", &[])
}

/// The privacy notice shown until administrators write one.
pub fn default_privacy_notice(lang: Lang) -> String {
    i18n::message(lang, "privacy-default-notice", &[])
}

/// Split plain text into paragraphs at blank lines; line breaks inside a paragraph stay.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_install_shows_the_defaults_of_each_language() {
        let org = Organisation::default();
        assert_eq!(org.name(Lang::Es).text, "EPU del Pueblo");
        assert!(org.name(Lang::Es).is_default);
        for lang in Lang::ALL {
            let notice = org.privacy_notice(lang);
            assert!(notice.is_default);
            assert!(
                notice.paragraphs().len() >= 5,
                "{lang:?}: the default notice has its paragraphs"
            );
        }
    }

    #[test]
    fn an_empty_language_falls_back_to_its_own_default_not_another_language() {
        let mut org = Organisation::default();
        org.texts.insert(
            Lang::En,
            OrgTexts {
                name: "Friends of Witnesses".into(),
                description: "We listen.".into(),
                privacy_notice: "Our notice.".into(),
            },
        );
        org.texts.insert(
            Lang::Fr,
            OrgTexts {
                name: "  ".into(),
                ..Default::default()
            },
        );
        assert_eq!(org.name(Lang::En).text, "Friends of Witnesses");
        assert_eq!(org.name(Lang::Fr).text, "EPU du Peuple");
        assert_eq!(
            org.privacy_notice(Lang::Ht).text,
            default_privacy_notice(Lang::Ht)
        );
        assert!(!org.description(Lang::En).is_default);
        assert!(org.description(Lang::Fr).is_default);
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_keep_line_breaks() {
        assert_eq!(
            paragraphs("One\ntwo  \n\n  \nThree\n"),
            vec!["One\ntwo".to_string(), "Three".to_string()]
        );
        assert!(paragraphs(" \n ").is_empty());
    }
}
