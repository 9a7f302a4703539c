//! Finding what could identify someone in a testimony: emails, phone numbers, US alien
//! registration numbers, dates of birth, street addresses, case and receipt numbers, and,
//! when the witness asked for it, places, dates and other people's names.
//!
//! These are suggestions for an editor to accept or dismiss, never applied on their own.
//! Pure: text in, byte ranges out.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{RedactionCategory, sort_key};

/// A stretch of text that looks like it identifies someone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Byte offsets into the text.
    pub span: Range<usize>,
    pub category: RedactionCategory,
}

/// What the witness asked to be removed beyond the patterns always looked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    pub places: bool,
    pub dates: bool,
    pub other_names: bool,
}

fn re(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("a valid built-in pattern")
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre";

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"));

static PHONE_US: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-]?)\d{3}[ .-]?\d{4}"));

static PHONE_INTL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\+|00)\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}"));

static A_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\b[Aa][ -]?(?:\d[ -]?){7,8}\d\b"));

static RECEIPT: LazyLock<Regex> = LazyLock::new(|| re(r"\b[A-Z]{3}\d{10}\b"));

static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\bcase\s+(?:no\.?|number|num\.?|#|id)|\bno\.|#)\s*:?\s*([A-Z0-9][A-Z0-9/-]{3,}[A-Z0-9])",
    )
});

static DATE_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b"));

static DATE_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:de\s+)?(?:{MONTHS})\.?,?\s+(?:de\s+|del\s+)?\d{{4}}\b"
    ))
});

static DATE_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    ))
});

static BIRTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:born(?:\s+(?:on|in))?|DOB|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|nac[ií]\s+en|nacido\s+en|nacida\s+en|fecha\s+de\s+nacimiento|n[ée]e?\s+en)\s*:?\s*((?:19|20)\d{2})\b",
    )
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:{MONTHS})\.?(?:\s+(?:de\s+)?(?:19|20)\d{{2}})?\b"
    ))
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d{2}\b"));

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{1,6}[A-Za-z]?\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:(?:\p{Lu}[\p{L}'’.-]*|\d+(?:st|nd|rd|th))\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Highway|Hwy|Parkway|Pkwy|Terrace|Circle|Cir)\b",
    )
});

static CALLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:\d{1,6}\s+)?(?:Calle|Avenida|Av\.|Rue|Boulevard|Bd|Ri|Wout)(?:\s+(?:de\s+(?:la\s+|los\s+|las\s+)?)?\p{Lu}[\p{L}'’-]*){1,4}(?:\s+#?\d{1,6}\b)?",
    )
});

static CAPITALISED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\p{Lu}[\p{L}'’-]*(?:[ \t]+(?:(?:de|del|la|los|van|von|da|di|du|le)[ \t]+)?\p{Lu}[\p{L}'’-]*)*",
    )
});

/// Words that are capitalised for other reasons than being a name.
const COMMON: &[&str] = &[
    "i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll", "mr", "mrs", "ms", "dr",
    "god", "dios", "dieu", "bondye", "english", "spanish", "french", "creole", "ok",
];

const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Words after which a capitalised word is likely a place.
const PLACE_CUES: &[&str] = &[
    "in", "at", "from", "to", "near", "en", "desde", "a", "cerca", "hacia", "de", "à", "dans",
    "près", "vers", "nan", "soti", "kote", "pre",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the match stands alone: no letter, digit or `+` glued to either side.
fn stands_alone(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(|c| is_word_char(c) || c == '+' || c == '@')
        && !after.is_some_and(|c| is_word_char(c) || c == '@')
}

fn digits(s: &str) -> usize {
    s.chars().filter(char::is_ascii_digit).count()
}

/// Email addresses.
pub fn emails(text: &str) -> Vec<Suggestion> {
    EMAIL
        .find_iter(text)
        .map(|m| suggestion(m.range(), RedactionCategory::Contact))
        .collect()
}

/// Phone numbers: US formats (`(915) 555-0100`, `915-555-0100`, `+1 915 555 0100`) and
/// international ones starting with `+` or `00`. A year or a count is not a phone.
pub fn phones(text: &str) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for m in PHONE_INTL.find_iter(text) {
        let span = trim_end(text, m.range());
        let n = digits(&text[span.clone()]);
        if (8..=15).contains(&n) && stands_alone(text, &span) {
            out.push(suggestion(span, RedactionCategory::Contact));
        }
    }
    for m in PHONE_US.find_iter(text) {
        let span = m.range();
        let n = digits(m.as_str());
        let grouped = m.as_str().chars().any(|c| !c.is_ascii_digit());
        if (10..=11).contains(&n)
            && stands_alone(text, &span)
            && (grouped || n == 10)
            && !out.iter().any(|s: &Suggestion| overlaps(&s.span, &span))
        {
            out.push(suggestion(span, RedactionCategory::Contact));
        }
    }
    out
}

/// US alien registration numbers: `A` and 8 or 9 digits, with or without dashes or spaces.
pub fn a_numbers(text: &str) -> Vec<Suggestion> {
    A_NUMBER
        .find_iter(text)
        .map(|m| trim_end(text, m.range()))
        .filter(|span| (8..=9).contains(&digits(&text[span.clone()])))
        .map(|span| suggestion(span, RedactionCategory::Identifier))
        .collect()
}

/// USCIS receipt numbers (`EAC2190012345`) and numbers after "case no.", "case number",
/// "No." or "#".
pub fn case_numbers(text: &str) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = RECEIPT
        .find_iter(text)
        .map(|m| suggestion(m.range(), RedactionCategory::Identifier))
        .collect();
    for c in CASE_NUMBER.captures_iter(text) {
        if let Some(id) = c.get(1)
            && digits(id.as_str()) >= 2
            && !out.iter().any(|s| overlaps(&s.span, &id.range()))
        {
            out.push(suggestion(id.range(), RedactionCategory::Identifier));
        }
    }
    out
}

/// Full dates (`03/14/1987`, `1987-03-14`, `14 March 1987`, `March 14, 1987`) and years
/// right after "born", "DOB" or "date of birth".
pub fn dates_of_birth(text: &str) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for r in [&*DATE_NUMERIC, &*DATE_DAY_MONTH, &*DATE_MONTH_DAY] {
        for m in r.find_iter(text) {
            push_new(&mut out, suggestion(m.range(), RedactionCategory::Date));
        }
    }
    for c in BIRTH_YEAR.captures_iter(text) {
        if let Some(y) = c.get(1) {
            push_new(&mut out, suggestion(y.range(), RedactionCategory::Date));
        }
    }
    out
}

/// Street addresses: a number, a street name and a suffix (`1234 Main St`,
/// `55 West 34th Street`), and streets named first (`Calle Oregon 45`).
pub fn addresses(text: &str) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for r in [&*ADDRESS, &*CALLE] {
        for m in r.find_iter(text) {
            push_new(&mut out, suggestion(m.range(), RedactionCategory::Place));
        }
    }
    out
}

/// Months and years (`March 2019`, `2019`), for a witness who asked to remove dates.
pub fn loose_dates(text: &str) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for m in MONTH_YEAR.find_iter(text) {
        // "May", "mars", "mai" alone are too often other words: only with a year.
        let ambiguous = ["may", "mai", "mars", "mar"].contains(&m.as_str().to_lowercase().as_str());
        if !ambiguous {
            push_new(&mut out, suggestion(m.range(), RedactionCategory::Date));
        }
    }
    for m in YEAR.find_iter(text) {
        push_new(&mut out, suggestion(m.range(), RedactionCategory::Date));
    }
    out
}

/// Capitalised words (or runs of them) that do not start a sentence: a place after "in",
/// "at", "from", "to" or "near", otherwise another person's name. The witness's own name,
/// "I", months and days are left out.
pub fn capitalised(text: &str, own_name: Option<&str>) -> Vec<Suggestion> {
    let own: Vec<String> = own_name
        .map(|n| n.split_whitespace().map(sort_key).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for m in CAPITALISED.find_iter(text) {
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut at = m.start();
        for w in m.as_str().split([' ', '\t']) {
            if !w.is_empty() {
                words.push(at..at + w.len());
            }
            at += w.len() + 1;
        }
        // Drop the first word at a sentence start, and any word that is not a name.
        let sentence_start = starts_sentence(text, m.start());
        let keep: Vec<Range<usize>> = words
            .into_iter()
            .enumerate()
            .filter(|(i, w)| {
                let word = &text[w.clone()];
                let key = sort_key(word.trim_end_matches(['\'', '’', '-']));
                let first_at_start = *i == 0 && sentence_start;
                let acronym = word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase());
                let lower_particle = word.chars().next().is_some_and(char::is_lowercase);
                !first_at_start
                    && !lower_particle
                    && !acronym
                    && !COMMON.contains(&key.as_str())
                    && !DAYS.contains(&key.as_str())
                    && !MONTHS.split('|').any(|mo| sort_key(mo) == key)
                    && !own.contains(&key)
            })
            .map(|(_, w)| w)
            .collect();
        // Consecutive kept words form one suggestion.
        let mut runs: Vec<Range<usize>> = Vec::new();
        for w in keep {
            match runs.last_mut() {
                Some(last)
                    if text[last.end..w.start]
                        .chars()
                        .all(|c| c == ' ' || c == '\t') =>
                {
                    last.end = w.end
                }
                _ => runs.push(w),
            }
        }
        for run in runs {
            let category = if preceded_by_place_cue(text, run.start) {
                RedactionCategory::Place
            } else {
                RedactionCategory::OtherPerson
            };
            out.push(suggestion(run, category));
        }
    }
    out
}

fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '"', '“', '‘', '\'', '(', '¿', '¡', '«']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '\n' | '\r' | '…' | '—' | '-'
        ),
    }
}

fn preceded_by_place_cue(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    PLACE_CUES.contains(&word.to_lowercase().as_str())
}

fn suggestion(span: Range<usize>, category: RedactionCategory) -> Suggestion {
    Suggestion { span, category }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn push_new(out: &mut Vec<Suggestion>, s: Suggestion) {
    if !out.iter().any(|o| overlaps(&o.span, &s.span)) {
        out.push(s);
    }
}

/// A match without the separators it may have taken at its end.
fn trim_end(text: &str, span: Range<usize>) -> Range<usize> {
    let trimmed = text[span.clone()].trim_end_matches([' ', '-', '.', '(', ')']);
    span.start..span.start + trimmed.len()
}

/// Everything worth suggesting in `text`, in order, without overlaps: the identifying
/// patterns always, and places, dates and other names as `wanted`.
pub fn detect(text: &str, wanted: Wanted, own_name: Option<&str>) -> Vec<Suggestion> {
    let mut found: Vec<Suggestion> = Vec::new();
    let mut groups = vec![
        emails(text),
        a_numbers(text),
        case_numbers(text),
        phones(text),
        dates_of_birth(text),
        addresses(text),
    ];
    if wanted.dates {
        groups.push(loose_dates(text));
    }
    if wanted.places || wanted.other_names {
        groups.push(
            capitalised(text, own_name)
                .into_iter()
                .filter(|s| match s.category {
                    RedactionCategory::Place => wanted.places,
                    _ => wanted.other_names,
                })
                .collect(),
        );
    }
    for group in groups {
        for s in group {
            push_new(&mut found, s);
        }
    }
    found.sort_by_key(|s| s.span.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(f: fn(&str) -> Vec<Suggestion>, text: &str) -> Vec<String> {
        f(text)
            .into_iter()
            .map(|s| text[s.span].to_string())
            .collect()
    }

    fn check(f: fn(&str) -> Vec<Suggestion>, positives: &[(&str, &str)], negatives: &[&str]) {
        for (text, expected) in positives {
            assert_eq!(found(f, text), vec![expected.to_string()], "in {text:?}");
        }
        for text in negatives {
            assert!(
                found(f, text).is_empty(),
                "nothing in {text:?}: {:?}",
                found(f, text)
            );
        }
    }

    #[test]
    fn a_numbers_on_a_table() {
        check(
            a_numbers,
            &[
                ("My number is A123456789.", "A123456789"),
                ("my A-number: A-123-456-789 ok", "A-123-456-789"),
                ("it was A 12345678 then", "A 12345678"),
                ("A12345678", "A12345678"),
                ("(A 123 456 789)", "A 123 456 789"),
            ],
            &[
                "A1234567 is too short",
                "AB12345678",
                "12345678",
                "A1234567890 is too long",
                "XA123456789",
                "A-12-34",
            ],
        );
    }

    #[test]
    fn emails_on_a_table() {
        check(
            emails,
            &[
                ("write to rosa.m@example.org please", "rosa.m@example.org"),
                ("<j_doe+x@mail.co.uk>", "j_doe+x@mail.co.uk"),
            ],
            &[
                "an @ sign alone",
                "user@localhost",
                "rosa at example dot org",
                "a@b",
            ],
        );
    }

    #[test]
    fn phones_on_a_table() {
        check(
            phones,
            &[
                ("call (915) 555-0100 now", "(915) 555-0100"),
                ("call 915-555-0100", "915-555-0100"),
                ("call 915.555.0100.", "915.555.0100"),
                ("+1 915 555 0100", "+1 915 555 0100"),
                ("my sister: +52 55 1234 5678", "+52 55 1234 5678"),
                ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
                ("0044 20 7946 0958", "0044 20 7946 0958"),
                ("9155550100", "9155550100"),
            ],
            &[
                "in 2019 we left",
                "1,200 people were there",
                "between 2019 and 2021",
                "room 12, bed 4",
                "A123456789",
                "EAC2190012345",
                "03/14/1987",
                "+1 2",
            ],
        );
    }

    #[test]
    fn addresses_on_a_table() {
        check(
            addresses,
            &[
                ("we lived at 1234 Main St in town", "1234 Main St"),
                ("at 55 West 34th Street.", "55 West 34th Street"),
                ("12 Oak Avenue", "12 Oak Avenue"),
                ("the shelter on 400 N Mesa Blvd", "400 N Mesa Blvd"),
                ("vivía en Calle Oregon 45", "Calle Oregon 45"),
                ("3 Elm Rd", "3 Elm Rd"),
            ],
            &[
                "1,200 people",
                "we walked 3 days",
                "I was 12 and my brother 9",
                "the main street was empty",
                "2019 was hard",
            ],
        );
    }

    #[test]
    fn case_and_receipt_numbers() {
        check(
            case_numbers,
            &[
                ("receipt EAC2190012345 came", "EAC2190012345"),
                ("IOE0912345678", "IOE0912345678"),
                ("my case number 2021-IM-4432 was", "2021-IM-4432"),
                ("Case No. XYZ-12345", "XYZ-12345"),
            ],
            &[
                "EA2190012345",
                "no. I did not",
                "case number unknown",
                "EAC219001234",
            ],
        );
    }

    #[test]
    fn dates_of_birth_and_full_dates() {
        check(
            dates_of_birth,
            &[
                ("born 03/14/1987 in", "03/14/1987"),
                ("on 14 March 1987", "14 March 1987"),
                ("on March 14, 1987", "March 14, 1987"),
                ("nací el 14 de marzo de 1987", "14 de marzo de 1987"),
                ("I was born in 1987.", "1987"),
                ("DOB: 1987", "1987"),
                ("1987-03-14", "1987-03-14"),
            ],
            &["in 2019 we left", "1,200 people", "March was cold"],
        );
    }

    #[test]
    fn capitalised_words_are_places_or_names() {
        let text = "We crossed near Ciudad Juárez. Then Officer Smith took us to El Paso with Ana. I cried in March.";
        let got: Vec<(String, RedactionCategory)> = capitalised(text, Some("Rosa Ana"))
            .into_iter()
            .map(|s| (text[s.span].to_string(), s.category))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Ciudad Juárez".to_string(), RedactionCategory::Place),
                ("Officer Smith".to_string(), RedactionCategory::OtherPerson),
                ("El Paso".to_string(), RedactionCategory::Place),
            ]
        );
    }

    #[test]
    fn detect_asks_for_loose_matches_only_when_wanted() {
        let text = "Write to me at rosa@example.org. We met Pedro in Tucson in 2019.";
        let none = detect(text, Wanted::default(), None);
        assert_eq!(none.len(), 1);
        let all = detect(
            text,
            Wanted {
                places: true,
                dates: true,
                other_names: true,
            },
            None,
        );
        let words: Vec<&str> = all.iter().map(|s| &text[s.span.clone()]).collect();
        assert_eq!(words, vec!["rosa@example.org", "Pedro", "Tucson", "2019"]);
    }
}
