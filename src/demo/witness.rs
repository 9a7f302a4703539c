//! One demo witness: who they are, what they say and in which language, what they consent
//! to and ask to be removed, and how their testimony came (the form, or oral testimony
//! taken by an organizer), as a [`Submission`] for the testimony service.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;

use super::hearings::{Made, ONLINE_CITIES};
use super::people::{INTERPRETERS, Identity, index};
use super::texts::Composition;
use crate::domain::consent::{ConsentMethod, ConsentScope, ConsentSet};
use crate::domain::ids::UserId;
use crate::domain::redaction::RedactionRequest;
use crate::domain::testimony::{Period, TestimonyLanguage, WitnessRole, YearMonth};
use crate::domain::text::OriginalText;
use crate::i18n::Lang;
use crate::service::testimony::Submission;

/// How often each role testifies, out of 100.
const ROLES: &[(WitnessRole, u32)] = &[
    (WitnessRole::DirectlyAffected, 40),
    (WitnessRole::FamilyMember, 15),
    (WitnessRole::Attorney, 12),
    (WitnessRole::HealthWorker, 7),
    (WitnessRole::Monitor, 8),
    (WitnessRole::FaithLeader, 5),
    (WitnessRole::CommunityOrganizer, 6),
    (WitnessRole::Interpreter, 4),
    (WitnessRole::Other, 3),
];

/// How often each language is written, out of 100 (among those the hearing takes).
const LANGUAGES: &[(Lang, u32)] = &[
    (Lang::En, 45),
    (Lang::Es, 35),
    (Lang::Fr, 10),
    (Lang::Ht, 10),
];

fn weighted<T: Copy>(rng: &mut StdRng, options: &[(T, u32)]) -> Option<T> {
    options
        .choose_weighted(rng, |(_, w)| *w)
        .ok()
        .map(|(t, _)| *t)
}

/// A witness and their testimony, before it is sent.
pub struct Witness {
    pub composition: Composition,
    pub language: Lang,
    pub role: WitnessRole,
    pub consent: ConsentSet,
    pub gives_name: bool,
    pub gives_email: bool,
    pub gives_phone: bool,
    pub themes: Vec<String>,
    pub redaction: RedactionRequest,
    pub place_state: String,
    pub place_city: String,
    pub period: Period,
    /// Oral testimony taken by an organizer at the hearing.
    pub assisted: bool,
    /// At assisted intake: consent given aloud (else in writing), and the interpreter.
    spoken: bool,
    interpreter: &'static str,
}

impl Witness {
    /// A witness of `hearing`.
    pub fn generate(rng: &mut StdRng, hearing: &Made) -> Self {
        let plan = hearing.plan;
        let offered: Vec<(Lang, u32)> = LANGUAGES
            .iter()
            .filter(|(l, _)| plan.languages.contains(l))
            .copied()
            .collect();
        let language = weighted(rng, &offered).unwrap_or(Lang::En);
        let role = weighted(rng, ROLES).unwrap_or(WitnessRole::DirectlyAffected);
        let (place_city, place_state) = if plan.online {
            *ONLINE_CITIES.choose(rng).unwrap_or(&("Houston", "Texas"))
        } else {
            (plan.city, plan.state)
        };
        let year = if rng.gen_bool(0.3) { 2024 } else { 2025 };
        let month = rng.gen_range(1..=12);
        let from = YearMonth { year, month };
        let to = rng.gen_bool(0.4).then(|| YearMonth {
            year: year + 1,
            month: rng.gen_range(1..=6),
        });
        let identity = Identity::generate(rng);
        let gives_name = rng.gen_bool(0.35);
        let composition = Composition::compose(rng, role, identity, gives_name, place_city, year);
        let gives_email = rng.gen_bool(0.25);
        let gives_phone = rng.gen_bool(0.2);
        let consent = choose_consent(rng, gives_name, gives_email || gives_phone);
        let mentions = &composition.mentions;
        let other_names = mentions.other_name && rng.gen_bool(0.5);
        let mut terms = Vec::new();
        if mentions.other_name && !other_names {
            terms.push(composition.identity().other_name.to_string());
        }
        let country = composition.identity().country[index(language)];
        if rng.gen_bool(0.2) && stands_alone(&composition.render(language), country) {
            terms.push(country.to_string());
        }
        let redaction = RedactionRequest {
            name: gives_name && rng.gen_bool(0.8),
            places: rng.gen_bool(0.3),
            other_names,
            dates: rng.gen_bool(0.15),
            terms,
        };
        let n: usize = rng.gen_range(1..=2);
        let mut themes: Vec<String> = plan
            .themes
            .choose_multiple(rng, n)
            .map(|t| t.to_string())
            .collect();
        themes.sort();
        Self {
            composition,
            language,
            role,
            consent,
            gives_name,
            gives_email,
            gives_phone,
            themes,
            redaction,
            place_state: place_state.into(),
            place_city: place_city.into(),
            period: Period { from, to },
            assisted: !plan.online && rng.gen_bool(0.15),
            spoken: rng.gen_bool(0.7),
            interpreter: INTERPRETERS.choose(rng).copied().unwrap_or_default(),
        }
    }

    /// The submission the testimony service takes; `taken_by` is the organizer who takes
    /// oral testimony.
    pub fn submission(
        &self,
        hearing: &Made,
        consent_text_id: &str,
        taken_by: &UserId,
    ) -> Submission {
        let identity = self.composition.identity();
        let (consent_method, interpreter, interpretation_language) = if self.assisted {
            (
                if self.spoken {
                    ConsentMethod::Spoken
                } else {
                    ConsentMethod::Written
                },
                (self.language != Lang::En).then(|| self.interpreter.to_string()),
                (self.language != Lang::En).then(|| self.language.english_name().to_string()),
            )
        } else {
            (ConsentMethod::Online, None, None)
        };
        Submission {
            hearing_id: hearing.id.clone(),
            consent_text_id: consent_text_id.to_string(),
            body: OriginalText::from_witness(self.composition.render(self.language)),
            role: self.role,
            place_state: self.place_state.clone(),
            place_city: self.place_city.clone(),
            period: Some(self.period),
            theme_ids: self.themes.clone(),
            language: TestimonyLanguage::Known(self.language),
            name: self.gives_name.then(|| identity.name.clone()),
            email: self
                .gives_email
                .then(|| crate::domain::account::Email::parse(&identity.email).ok())
                .flatten(),
            phone: self.gives_phone.then(|| identity.phone.clone()),
            consent: self.consent.clone(),
            redaction: self.redaction.clone(),
            files: Vec::new(),
            consent_method,
            interpreter,
            interpretation_language,
            taken_by: self.assisted.then(|| taken_by.clone()),
            confirmation: None,
        }
    }
}

/// Whether `word` occurs in `text`, and only as a word of its own: a listed word is
/// withheld wherever it occurs, even inside a longer word ("Haiti" in "Haitian").
fn stands_alone(text: &str, word: &str) -> bool {
    let mut found = text.match_indices(word).peekable();
    found.peek().is_some()
        && found.all(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Most publish; some allow quotation; few allow their name; some allow nothing.
fn choose_consent(rng: &mut StdRng, named: bool, reachable: bool) -> ConsentSet {
    if rng.gen_bool(0.08) {
        return ConsentSet::default();
    }
    let quote = rng.gen_bool(0.55);
    let mut scopes = vec![ConsentScope::PublishAnonymously];
    if quote {
        scopes.push(ConsentScope::QuoteVerbatim);
    }
    if quote && named && rng.gen_bool(0.4) {
        scopes.push(ConsentScope::Attribute);
    }
    if rng.gen_bool(0.5) {
        scopes.push(ConsentScope::ShareWithUn);
    }
    if reachable && rng.gen_bool(0.5) {
        scopes.push(ConsentScope::ContactForFollowUp);
    }
    if rng.gen_bool(0.15) {
        scopes.push(ConsentScope::ShareWithMedia);
    }
    ConsentSet::new(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_word_must_stand_alone() {
        assert!(stands_alone("We fled Haiti in May.", "Haiti"));
        assert!(!stands_alone(
            "We fled Haiti. Haitian Creole speakers wait.",
            "Haiti"
        ));
        assert!(!stands_alone("Nothing here.", "Haiti"));
    }
}
