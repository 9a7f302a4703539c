//! Language access: the public pages in English, Spanish, French and Haitian Creole.
//!
//! Messages live in Fluent files, one per language, under `locales/`. The language is
//! chosen by the visitor's switcher (a cookie), else by `Accept-Language`, else English.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the interface is offered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
    Fr,
    Ht,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Es, Lang::Fr, Lang::Ht];

    /// The BCP 47 tag, used in `lang` attributes, cookies and forms.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ht => "ht",
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::Ht => "Kreyòl ayisyen",
        }
    }

    /// The English name, for staff pages.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Fr => "French",
            Lang::Ht => "Haitian Creole",
        }
    }

    /// Text direction; all offered languages are left-to-right, the markup is ready for others.
    pub fn dir(self) -> &'static str {
        "ltr"
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.code() == code.trim().to_ascii_lowercase())
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en.ftl"),
            Lang::Es => include_str!("../locales/es.ftl"),
            Lang::Fr => include_str!("../locales/fr.ftl"),
            Lang::Ht => include_str!("../locales/ht.ftl"),
        }
    }

    /// Pick the best offered language for an `Accept-Language` header.
    pub fn negotiate(accept_language: &str) -> Lang {
        let requested = fluent_langneg::accepted_languages::parse(accept_language);
        let available: Vec<LanguageIdentifier> = Lang::ALL
            .iter()
            .filter_map(|l| l.code().parse().ok())
            .collect();
        let default: LanguageIdentifier = unic_langid::langid!("en");
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|id| Lang::parse(id.language.as_str()))
            .unwrap_or(Lang::En)
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static HashMap<Lang, Bundle> {
    static BUNDLES: OnceLock<HashMap<Lang, Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|lang| {
                #[allow(clippy::expect_used)]
                // The files are compiled in; a syntax error is caught by the tests.
                let resource = FluentResource::try_new(lang.source().to_string())
                    .expect("locale file has Fluent syntax errors");
                #[allow(clippy::expect_used)]
                let id: LanguageIdentifier =
                    lang.code().parse().expect("language code is a valid tag");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Isolation marks confuse screen readers and copy/paste of receipt codes.
                bundle.set_use_isolating(false);
                #[allow(clippy::expect_used)]
                bundle
                    .add_resource(resource)
                    .expect("locale file has duplicate keys");
                (lang, bundle)
            })
            .collect()
    })
}

/// Look up a message. A missing key shows as the key itself (the tests make sure none is missing).
pub fn message(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let bundle = &bundles()[&lang];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(key, lang = lang.code(), "missing message");
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        // Whole numbers go in as numbers, so that messages can choose their plural forms.
        match value.parse::<i64>() {
            Ok(n) => fluent_args.set(*name, FluentValue::from(n)),
            Err(_) => fluent_args.set(*name, FluentValue::from(*value)),
        }
    }
    let mut errors = vec![];
    bundle
        .format_pattern(
            pattern,
            (!args.is_empty()).then_some(&fluent_args),
            &mut errors,
        )
        .into_owned()
}

/// A whole number as the language writes it: "50,000" in English, "50.000" in Spanish,
/// "50 000" in French and Haitian Creole (with a narrow no-break space, so it never wraps).
pub fn format_number(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::En => ",",
        Lang::Es => ".",
        Lang::Fr | Lang::Ht => "\u{202f}",
    };
    // Spanish groups only from five digits on ("5000", "50.000").
    if lang == Lang::Es && digits.len() < 5 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A day in words, as the language writes it ("December 23, 2026", "23 de diciembre de
/// 2026"), with no-break spaces so that it never wraps across lines.
pub fn format_date(day: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike as _;
    let month = message(lang, &format!("month-{}", day.month()), &[]);
    message(
        lang,
        "date-long",
        &[
            ("day", &day.day().to_string()),
            ("month", &month),
            ("year", &day.year().to_string()),
        ],
    )
    .replace(' ', "\u{a0}")
}

/// A moment stored in UTC, shown in a time zone in words with the zone's abbreviation
/// ("December 23, 2026, 4:19 AM (CST)"), never wrapping across lines.
pub fn format_datetime(utc: chrono::NaiveDateTime, zone: chrono_tz::Tz, lang: Lang) -> String {
    use chrono::TimeZone as _;
    let local = zone.from_utc_datetime(&utc);
    let time = match lang {
        Lang::En => local.format("%-I:%M %p").to_string(),
        _ => local.format("%H:%M").to_string(),
    };
    message(
        lang,
        "date-time",
        &[
            ("date", &format_date(local.date_naive(), lang)),
            ("time", &time),
            ("zone", &local.format("%Z").to_string()),
        ],
    )
    .replace(' ', "\u{a0}")
}

/// All message ids of a language's file.
pub fn keys(lang: Lang) -> Vec<String> {
    let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Parse errors in a language's file (empty when the file is sound).
pub fn syntax_errors(lang: Lang) -> Vec<String> {
    match FluentResource::try_new(lang.source().to_string()) {
        Ok(_) => vec![],
        Err((_, errs)) => errs.iter().map(|e| format!("{e:?}")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_and_no_extra() {
        let english: std::collections::BTreeSet<_> = keys(Lang::En).into_iter().collect();
        assert!(
            english.len() > 30,
            "the English file should hold the public interface"
        );
        for lang in Lang::ALL {
            assert!(
                syntax_errors(lang).is_empty(),
                "{}: {:?}",
                lang.code(),
                syntax_errors(lang)
            );
            let these: std::collections::BTreeSet<_> = keys(lang).into_iter().collect();
            let missing: Vec<_> = english.difference(&these).collect();
            let extra: Vec<_> = these.difference(&english).collect();
            assert!(missing.is_empty(), "{} is missing {missing:?}", lang.code());
            assert!(
                extra.is_empty(),
                "{} has keys English lacks: {extra:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn negotiation_prefers_the_visitors_languages() {
        assert_eq!(Lang::negotiate("es-MX,es;q=0.9,en;q=0.5"), Lang::Es);
        assert_eq!(Lang::negotiate("ht"), Lang::Ht);
        assert_eq!(Lang::negotiate("fr-CA"), Lang::Fr);
        assert_eq!(Lang::negotiate("de-DE"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
    }

    #[test]
    fn messages_take_arguments() {
        let text = message(Lang::En, "form-testimony-limit", &[("max", "50,000")]);
        assert!(text.contains("50,000"), "{text}");
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(format_number(50_000, Lang::En), "50,000");
        assert_eq!(format_number(1_234_567, Lang::En), "1,234,567");
        assert_eq!(format_number(50_000, Lang::Es), "50.000");
        assert_eq!(format_number(5_000, Lang::Es), "5000");
        assert_eq!(format_number(50_000, Lang::Fr), "50\u{202f}000");
        assert_eq!(format_number(999, Lang::Fr), "999");
    }

    #[test]
    fn dates_and_times_are_in_words_in_the_hearing_zone() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 23).unwrap();
        let utc = day.and_hms_opt(16, 19, 0).unwrap();
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        assert_eq!(format_date(day, Lang::En), nb("December 23, 2026"));
        assert_eq!(format_date(day, Lang::Es), nb("23 de diciembre de 2026"));
        assert_eq!(
            format_datetime(utc, chrono_tz::America::Chicago, Lang::En),
            nb("December 23, 2026, 10:19 AM (CST)")
        );
        assert_eq!(
            format_datetime(utc, chrono_tz::America::Chicago, Lang::Fr),
            nb("23 décembre 2026 à 10:19 (CST)")
        );
        // Summer time is taken into account.
        let july = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
            .unwrap()
            .and_hms_opt(16, 0, 0)
            .unwrap();
        assert!(
            format_datetime(july, chrono_tz::America::Chicago, Lang::Es)
                .contains("11:00\u{a0}(CDT)")
        );
        assert!(!format_datetime(utc, chrono_tz::UTC, Lang::Ht).contains(' '));
    }

    #[test]
    fn numbers_choose_plural_forms() {
        let wait = |lang, n: &str| message(lang, "err-too-many-submissions", &[("minutes", n)]);
        assert!(
            wait(Lang::Es, "1").contains("Espere 1 minuto y"),
            "{}",
            wait(Lang::Es, "1")
        );
        assert!(wait(Lang::Es, "5").contains("Espere 5 minutos"));
        assert!(wait(Lang::En, "1").contains("Wait 1 minute,"));
        assert!(wait(Lang::Fr, "1").contains("Attendez 1 minute,"));
        assert!(wait(Lang::Ht, "3").contains("Tann 3 minit"));
        assert!(message(Lang::En, "err-files-many", &[("max", "1")]).contains("at most 1 file."));
    }
}
