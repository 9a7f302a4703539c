//! The people, places and institutions demo testimony is composed from: witness names,
//! relatives, countries, detention facilities, agencies, streets, and the identifying
//! details (alien registration numbers, phone numbers, emails, addresses) planted in the
//! text so that redaction has work to do. Every name is invented; emails use
//! `example.org`, phone numbers the 555 range.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;

use crate::i18n::Lang;

/// A word in each of the four languages, in the order of [`Lang::ALL`].
pub type Words = [&'static str; 4];

/// The index of a language in a [`Words`] array.
pub fn index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Es => 1,
        Lang::Fr => 2,
        Lang::Ht => 3,
    }
}

const FIRST_NAMES: &[&str] = &[
    "Rosa",
    "María José",
    "Yesenia",
    "Guadalupe",
    "Esperanza",
    "Daniela",
    "Marisol",
    "Fabiola",
    "Nadège",
    "Wideline",
    "Rose-Marie",
    "Mirlande",
    "Aïcha",
    "Fatoumata",
    "Blessing",
    "Marie-Claire",
    "Luis Alberto",
    "Jorge",
    "Wilmer",
    "Édgar",
    "Josué",
    "Kervens",
    "Jean-Baptiste",
    "Wesner",
    "Mamadou",
    "Ousmane",
    "Samuel",
    "Yordanis",
    "Alexis",
    "Andrés",
];

const LAST_NAMES: &[&str] = &[
    "Martínez",
    "Hernández",
    "Villatoro",
    "Ramírez Soto",
    "Castillo",
    "Orellana",
    "Pérez",
    "Zelaya",
    "Quispe",
    "Mendoza",
    "Joseph",
    "Pierre-Louis",
    "Jean-Charles",
    "Dorvil",
    "Saint-Fleur",
    "Célestin",
    "Diallo",
    "Traoré",
    "Ngono",
    "Mbarga",
    "Okonkwo",
    "Tchakounté",
    "Gómez",
    "Reyes Cruz",
];

/// First names of the other people a witness mentions (relatives, cellmates).
const OTHER_NAMES: &[&str] = &[
    "Carlos",
    "Wendy",
    "Josué",
    "Dayana",
    "Ricardo",
    "Emmanuela",
    "Jameson",
    "Fatima",
    "Brayan",
    "Loveline",
    "Kevin",
    "Yolanda",
    "Moïse",
    "Anayeli",
];

/// A relative, as the witness names them.
pub const RELATIVES: &[Words] = &[
    ["my brother", "mi hermano", "mon frère", "frè m"],
    ["my sister", "mi hermana", "ma sœur", "sè m"],
    ["my husband", "mi esposo", "mon mari", "mari m"],
    ["my wife", "mi esposa", "ma femme", "madanm mwen"],
    ["my son", "mi hijo", "mon fils", "pitit gason m"],
    ["my daughter", "mi hija", "ma fille", "pitit fi m"],
    ["my mother", "mi mamá", "ma mère", "manman m"],
    ["my nephew", "mi sobrino", "mon neveu", "neve m"],
];

/// Countries of origin.
pub const COUNTRIES: &[Words] = &[
    ["Honduras", "Honduras", "Honduras", "Ondiras"],
    ["Guatemala", "Guatemala", "Guatemala", "Gwatemala"],
    ["El Salvador", "El Salvador", "le Salvador", "Salvadò"],
    ["Venezuela", "Venezuela", "le Venezuela", "Venezwela"],
    ["Haiti", "Haití", "Haïti", "Ayiti"],
    ["Cameroon", "Camerún", "le Cameroun", "Kamewoun"],
    ["Mexico", "México", "le Mexique", "Meksik"],
    ["Nicaragua", "Nicaragua", "le Nicaragua", "Nikaragwa"],
    ["Cuba", "Cuba", "Cuba", "Kiba"],
    [
        "the Democratic Republic of the Congo",
        "la República Democrática del Congo",
        "la République démocratique du Congo",
        "Repiblik Demokratik Kongo",
    ],
];

/// Detention facilities (invented names, so no real place is accused of anything).
pub const FACILITIES: &[&str] = &[
    "Rio Bravo Processing Center",
    "Desert Sands Detention Center",
    "Lakeshore Processing Center",
    "Glades Service Processing Center",
    "Saguaro Detention Center",
    "Hudson Valley Detention Center",
    "Prairie County Jail",
    "Coastal Transitional Center",
];

/// Agencies, as witnesses say them.
pub const AGENCIES: &[&str] = &["ICE", "CBP", "Border Patrol"];

/// Names of public institutions that look like names to the pattern finder but identify
/// nobody: an editor dismisses such suggestions.
pub fn is_public_name(words: &str) -> bool {
    let w = words.trim();
    !w.is_empty()
        && (FACILITIES.iter().any(|f| f.contains(w))
            || w.split_whitespace()
                .all(|part| PUBLIC_WORDS.contains(&part)))
}

/// Capitalised words of institutions, languages and countries of transit, as the
/// templates use them.
const PUBLIC_WORDS: &[&str] = &[
    "A",
    "A-number",
    "ICE",
    "CBP",
    "Border",
    "Patrol",
    "Patrulla",
    "Fronteriza",
    "Immigration",
    "Court",
    "Homeland",
    "Security",
    "Department",
    "United",
    "States",
    "Estados",
    "Unidos",
    "États-Unis",
    "Ozetazini",
    "Mexico",
    "México",
    "Mexique",
    "Meksik",
    "Spanish",
    "English",
    "Haitian",
    "Creole",
    "French",
    "Kreyòl",
];

const STREETS: &[&str] = &[
    "Alameda Avenue",
    "Mesa Street",
    "Kedzie Avenue",
    "Flagler Street",
    "Grande Avenue",
    "Roosevelt Avenue",
    "Palm Court",
    "Cermak Road",
];

const CALLES: &[&str] = &[
    "Calle Morazán",
    "Calle Los Almendros",
    "Avenida Bolívar",
    "Calle Real",
];

const RUES: &[&str] = &["Rue Capois", "Rue Pavée", "Rue Lamarre", "Rue des Miracles"];

/// The area codes of each hearing's region, for phone numbers.
const AREA_CODES: &[&str] = &["915", "773", "305", "520", "718", "347", "786"];

/// Translators who attach translations.
pub const TRANSLATORS: &[&str] = &[
    "Lucía Ferreira (volunteer)",
    "Daniel Ortega Ruiz (volunteer)",
    "Paula Andrade (staff interpreter)",
];

/// Interpreters at assisted intake.
pub const INTERPRETERS: &[&str] = &["Yvrose Jean", "Manuel Echeverría", "Claudine Mballa"];

/// Everything identifying that one testimony may mention.
#[derive(Clone, Debug)]
pub struct Identity {
    /// The witness's full name.
    pub name: String,
    /// Another person named in the text (a relative, a cellmate).
    pub other_name: &'static str,
    /// The relative the witness speaks of.
    pub relative: &'static Words,
    pub country: &'static Words,
    pub facility: &'static str,
    pub agency: &'static str,
    /// An alien registration number, A123-456-789 style.
    pub a_number: String,
    pub phone: String,
    pub email: String,
    /// A street address: US style, or in the country of origin for es, fr and ht.
    pub address: String,
    pub home_address: String,
}

fn pick<T: Copy>(rng: &mut StdRng, list: &[T]) -> T {
    // Every list above is non-empty.
    *list.choose(rng).unwrap_or(&list[0])
}

fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'â' => Some('a'),
            'é' | 'è' | 'ê' | 'É' => Some('e'),
            'í' | 'ï' => Some('i'),
            'ó' | 'ò' => Some('o'),
            'ú' => Some('u'),
            ' ' | '-' => Some('.'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

impl Identity {
    /// A new, invented person and their details.
    pub fn generate(rng: &mut StdRng) -> Self {
        let first = pick(rng, FIRST_NAMES);
        let last = pick(rng, LAST_NAMES);
        let name = format!("{first} {last}");
        let email = format!(
            "{}.{}{}@example.org",
            ascii_fold(first),
            ascii_fold(last),
            rng.gen_range(1..99)
        );
        let a_number = format!(
            "A{:03}-{:03}-{:03}",
            rng.gen_range(200..=299),
            rng.gen_range(0..1000),
            rng.gen_range(0..1000)
        );
        let phone = format!(
            "({}) 555-{:04}",
            pick(rng, AREA_CODES),
            rng.gen_range(100..200)
        );
        let address = format!("{} {}", rng.gen_range(100..9900), pick(rng, STREETS));
        let home_address = if rng.gen_bool(0.5) {
            format!("{} {}", pick(rng, CALLES), rng.gen_range(2..400))
        } else {
            format!("{} {}", rng.gen_range(2..400), pick(rng, RUES))
        };
        Self {
            name,
            other_name: pick(rng, OTHER_NAMES),
            relative: RELATIVES.choose(rng).unwrap_or(&RELATIVES[0]),
            country: COUNTRIES.choose(rng).unwrap_or(&COUNTRIES[0]),
            facility: pick(rng, FACILITIES),
            agency: pick(rng, AGENCIES),
            a_number,
            phone,
            email,
            address,
            home_address,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pii;
    use rand::SeedableRng as _;

    #[test]
    fn planted_details_are_what_the_pattern_finder_looks_for() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..50 {
            let id = Identity::generate(&mut rng);
            assert_eq!(pii::a_numbers(&id.a_number).len(), 1, "{}", id.a_number);
            assert_eq!(pii::phones(&id.phone).len(), 1, "{}", id.phone);
            assert_eq!(pii::emails(&id.email).len(), 1, "{}", id.email);
            assert_eq!(pii::addresses(&id.address).len(), 1, "{}", id.address);
        }
    }

    #[test]
    fn agencies_and_facilities_are_public_names() {
        assert!(is_public_name("ICE"));
        assert!(is_public_name("Saguaro Detention Center"));
        assert!(is_public_name("Border Patrol"));
        assert!(is_public_name("A-number"));
        assert!(is_public_name("Haitian Creole"));
        assert!(!is_public_name("Carlos"));
        assert!(!is_public_name("Rosa Martínez"));
    }
}
