//! The words of the testimony form. On the public page the form speaks to the witness, in
//! the page's language. At assisted intake the same form is filled in by staff, so it
//! speaks to them about the witness ("The witness's testimony"), in English like every
//! staff page.

use crate::i18n::{self, Lang};

/// Staff wording for the messages of the form that address the witness.
const STAFF: &[(&str, &str)] = &[
    ("form-body-label", "The witness's testimony"),
    (
        "form-body-hint",
        "Write down what the witness tells, in their words (as interpreted, if it was).",
    ),
    ("form-role-legend", "Who is the witness in this testimony?"),
    ("form-language-label", "Language the witness testified in"),
    ("form-identity-legend", "About the witness (optional)"),
    (
        "form-identity-hint",
        "The witness does not have to give their name or how to reach them. If they do, it is locked away (encrypted) and never shown in lists or reports unless they allow it below.",
    ),
    ("form-name-label", "The witness's name or a pseudonym"),
    (
        "form-consent-legend",
        "What does the witness allow us to do with their testimony?",
    ),
    (
        "form-consent-hint",
        "Tick only what the witness chose, each on its own. They can change these later with their receipt code.",
    ),
    (
        "form-consent-text-title",
        "How this hearing uses testimony (read it to the witness)",
    ),
    (
        "consent-publish",
        "Use the testimony in the published report, without the witness's name (a summary or a quote).",
    ),
    (
        "consent-publish-hint",
        "The witness's name and contact details are never published with it.",
    ),
    ("consent-quote", "Quote the witness's words exactly."),
    (
        "consent-attribute",
        "Give the witness's name where their words are used.",
    ),
    (
        "consent-attribute-hint",
        "Only together with use in the report. Without this, the witness stays anonymous.",
    ),
    (
        "consent-share_un",
        "Share the testimony with United Nations human rights experts.",
    ),
    (
        "consent-share_un-hint",
        "For example the UN Special Rapporteurs, without the witness's name unless they allow it above.",
    ),
    ("consent-contact", "Contact the witness to follow up."),
    (
        "consent-contact-hint",
        "Only if the witness gives an email address or phone number.",
    ),
    (
        "consent-media",
        "Share the testimony with journalists and media.",
    ),
    (
        "consent-media-hint",
        "Without the witness's name unless they allow it above.",
    ),
    (
        "form-redact-hint",
        "Whatever the witness allows, these are removed from every published text.",
    ),
    ("redact-name", "Remove the witness's name"),
    (
        "redact-places",
        "Remove places that could identify the witness",
    ),
    ("err-body-empty", "Write the witness's testimony."),
    ("err-role", "Choose who the witness is in this testimony."),
    (
        "err-language",
        "Choose the language the witness testified in.",
    ),
    (
        "err-contact-needs-details",
        "To contact the witness, give an email address or a phone number, or untick “Contact the witness to follow up”.",
    ),
    (
        "err-consent-text-changed",
        "The organizers have just updated how this hearing uses testimony. Read it to the witness again and record their choices.",
    ),
    (
        "err-body-long",
        "This is longer than { $max } characters. Shorten it, or the witness can send the rest later with “Add more information”.",
    ),
    (
        "form-csrf-kept",
        "The testimony is kept below. Check it and save it again.",
    ),
    (
        "form-files-again",
        "Choose the files again: they could not be kept.",
    ),
];

/// Who the form speaks to, and in which language.
#[derive(Clone, Copy, Debug)]
pub struct Wording {
    lang: Lang,
    staff: bool,
}

impl Wording {
    /// The public form in `lang`, or (with `staff`) the intake form in English.
    pub fn new(lang: Lang, staff: bool) -> Self {
        Self {
            lang: if staff { Lang::En } else { lang },
            staff,
        }
    }

    /// A message of the form.
    pub fn t(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.with(key, &[(name, value)])
    }

    /// A message with arguments: the staff wording when there is one, else the page's.
    pub fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let staff = self
            .staff
            .then(|| STAFF.iter().find(|(k, _)| *k == key))
            .flatten();
        match staff {
            Some((_, text)) => args.iter().fold(text.to_string(), |text, (name, value)| {
                text.replace(&format!("{{ ${name} }}"), value)
            }),
            None => i18n::message(self.lang, key, args),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_are_spoken_to_about_the_witness_in_english() {
        let staff = Wording::new(Lang::Es, true);
        assert_eq!(staff.t("form-body-label"), "The witness's testimony");
        assert_eq!(staff.t("form-place-legend"), "Where did it happen?");
        assert!(
            staff
                .t1("err-body-long", "max", "50,000")
                .contains("50,000 characters")
        );
        let witness = Wording::new(Lang::Es, false);
        assert_eq!(
            witness.t("form-body-label"),
            i18n::message(Lang::Es, "form-body-label", &[])
        );
    }

    #[test]
    fn every_staff_wording_replaces_a_real_message() {
        let keys = i18n::keys(Lang::En);
        for (key, _) in STAFF {
            assert!(keys.iter().any(|k| k == key), "{key} is not a message");
        }
    }
}
