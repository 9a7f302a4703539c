//! The leak scan run before a version is published: every output file is searched for
//! every word that was withheld from the testimony it uses (redacted passages and
//! terms, sealed places), every witness's name and contact details, and for patterns
//! that look like personal data (A-numbers, emails, phone numbers, street addresses).
//!
//! A hit names the output, the line, the testimony (by id) and what kind of thing
//! leaked, never the leaked words themselves, so the result can be shown and logged.

use std::ops::Range;
use std::sync::LazyLock;

use crate::domain::pii;
use crate::domain::text::fold;

#[allow(clippy::expect_used)]
static UUID: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
        .expect("a valid built-in pattern")
});

/// What a needle is, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedleKind {
    /// A passage or term removed by redaction.
    Redacted,
    /// The witness's name.
    Name,
    /// The witness's email or phone number.
    Contact,
    /// A place the witness asked to withhold.
    Place,
}

impl NeedleKind {
    pub fn label(self) -> &'static str {
        match self {
            NeedleKind::Redacted => "a redacted passage",
            NeedleKind::Name => "the witness's name",
            NeedleKind::Contact => "the witness's contact details",
            NeedleKind::Place => "a withheld place",
        }
    }
}

/// Words that must not appear in any output.
pub struct Needle {
    pub testimony_id: String,
    pub kind: NeedleKind,
    pub text: String,
}

impl std::fmt::Debug for Needle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Needle({}, {:?}, ..)", self.testimony_id, self.kind)
    }
}

/// Needles shorter than this (in letters and digits) are not searched: they would
/// match inside ordinary words ("Al", "Jo").
pub const MIN_NEEDLE: usize = 3;

/// One output file as text to search.
pub struct Output {
    /// "HTML page", "DOCX", "CSV", "JSON".
    pub name: String,
    pub text: String,
}

/// Something found that must not be published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub output: String,
    pub line: usize,
    /// The testimony it comes from, when known (patterns have none).
    pub testimony_id: Option<String>,
    /// "a redacted passage", "an email address", ...
    pub what: String,
}

impl Hit {
    /// The sentence an editor reads: where, what and from which testimony; never the words.
    pub fn message(&self) -> String {
        match &self.testimony_id {
            Some(t) => format!(
                "{}, line {}: {} of testimony {}.",
                self.output, self.line, self.what, t
            ),
            None => format!(
                "{}, line {}: {} (not from the report's contact details).",
                self.output, self.line, self.what
            ),
        }
    }
}

/// A text folded once (lowercase, no accents), with the byte offset each folded
/// character came from.
struct Folded {
    text: String,
    origin: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (c, range) in fold(text) {
            for _ in 0..c.len_utf8() {
                origin.push(range.start);
            }
            folded.push(c);
        }
        Self {
            text: folded,
            origin,
        }
    }
}

fn fold_str(text: &str) -> String {
    fold(text).into_iter().map(|(c, _)| c).collect()
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Whether the match stands as whole words (nothing alphanumeric right before or after).
fn whole(hay: &str, at: Range<usize>) -> bool {
    let before = hay[..at.start].chars().next_back();
    let after = hay[at.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A quote of a testimony as the outputs carry it: that witness's own redacted words.
pub struct Quoted {
    pub testimony_id: String,
    pub text: String,
}

/// A year alone ("2025"): reports name years (the cycle, hearing dates), and a year
/// withheld by one witness identifies nobody elsewhere in the report.
fn is_year(folded: &str) -> bool {
    folded.len() == 4
        && folded.bytes().all(|b| b.is_ascii_digit())
        && (folded.starts_with("19") || folded.starts_with("20"))
}

/// The text with every quote blanked (same length, lines kept).
fn without_quotes(text: &str, quotes: &[Quoted]) -> String {
    let mut out = text.to_string();
    for q in quotes {
        let words = q.text.trim();
        if words.is_empty() {
            continue;
        }
        let blank: String = words
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out = out.replace(words, &blank);
    }
    out
}

/// Search every output for every needle and for personal-data patterns.
///
/// A witness's name and contact details are searched everywhere. Words withheld from a
/// testimony are searched in everything but the quotes of other witnesses (those are
/// their own consented, redacted words: one witness may withhold "Haiti" while another
/// names it), and in that testimony's own quotes. `allowed` are strings the report
/// publishes on purpose (its contact email, hearing places, names of witnesses who
/// consented to be named): needles equal to them and pattern hits inside them are not
/// leaks.
pub fn scan(
    outputs: &[Output],
    needles: &[Needle],
    allowed: &[String],
    quotes: &[Quoted],
) -> Vec<Hit> {
    let allowed_folded: Vec<String> = allowed.iter().map(|a| fold_str(a.trim())).collect();
    let needles: Vec<(&Needle, String)> = needles
        .iter()
        .map(|n| (n, fold_str(n.text.trim())))
        .filter(|(_, f)| f.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_NEEDLE)
        .filter(|(_, f)| !allowed_folded.contains(f) && !is_year(f))
        .collect();
    let mut hits = Vec::new();
    for out in outputs {
        let everything = Folded::new(&out.text);
        let editorial = Folded::new(&without_quotes(&out.text, quotes));
        for (needle, folded) in &needles {
            let hay = match needle.kind {
                NeedleKind::Name | NeedleKind::Contact => &everything,
                NeedleKind::Redacted | NeedleKind::Place => &editorial,
            };
            for (at, m) in hay.text.match_indices(folded.as_str()) {
                if !whole(&hay.text, at..at + m.len()) {
                    continue;
                }
                let hit = Hit {
                    output: out.name.clone(),
                    line: line_of(&out.text, hay.origin.get(at).copied().unwrap_or(0)),
                    testimony_id: Some(needle.testimony_id.clone()),
                    what: needle.kind.label().to_string(),
                };
                if !hits.contains(&hit) {
                    hits.push(hit);
                }
            }
        }
        // The report's own ids (UUIDs) are blanked first: their digits can look like a
        // phone number or an A-number.
        let masked = UUID.replace_all(&out.text, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
        let patterns: [(&str, Vec<pii::Suggestion>); 4] = [
            ("an email address", pii::emails(&masked)),
            ("a phone number", pii::phones(&masked)),
            ("an A-number", pii::a_numbers(&masked)),
            ("a street address", pii::addresses(&masked)),
        ];
        for (what, found) in patterns {
            for s in found {
                let words = fold_str(&masked[s.span.clone()]);
                if allowed_folded.iter().any(|a| a.contains(words.trim())) {
                    continue;
                }
                let hit = Hit {
                    output: out.name.clone(),
                    line: line_of(&out.text, s.span.start),
                    testimony_id: None,
                    what: what.to_string(),
                };
                if !hits.contains(&hit) {
                    hits.push(hit);
                }
            }
        }
    }
    for q in quotes {
        let own = fold_str(&q.text);
        for (needle, folded) in &needles {
            if needle.testimony_id == q.testimony_id
                && matches!(needle.kind, NeedleKind::Redacted | NeedleKind::Place)
                && own
                    .match_indices(folded.as_str())
                    .any(|(at, m)| whole(&own, at..at + m.len()))
            {
                let hit = Hit {
                    output: "Every file (in its own quote)".to_string(),
                    line: 1,
                    testimony_id: Some(q.testimony_id.clone()),
                    what: needle.kind.label().to_string(),
                };
                if !hits.contains(&hit) {
                    hits.push(hit);
                }
            }
        }
    }
    hits
}

/// The text of an HTML file to search: character references decoded (tags stay: the
/// words between them are what could leak).
pub fn html_text(html: &str) -> String {
    decode_entities(html)
}

/// The text of a JSON file: string escapes for quotes and backslashes undone.
pub fn json_text(json: &str) -> String {
    json.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// The text of a CSV file: doubled quotes undone.
pub fn csv_text(csv: &str) -> String {
    csv.replace("\"\"", "\"")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(text: &str) -> Vec<Output> {
        vec![Output {
            name: "HTML page".into(),
            text: text.into(),
        }]
    }

    fn needle(text: &str, kind: NeedleKind) -> Needle {
        Needle {
            testimony_id: "t-1".into(),
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn finds_a_planted_name_ignoring_case_and_accents_and_says_where_not_what() {
        let hits = scan(
            &output("<p>one</p>\n<p>They took JOSE Ramirez away.</p>"),
            &[needle("José Ramírez", NeedleKind::Name)],
            &[],
            &[],
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].line, 2);
        let msg = hits[0].message();
        assert!(msg.contains("t-1") && msg.contains("line 2") && msg.contains("name"));
        assert!(!msg.to_lowercase().contains("jose"), "{msg}");
    }

    #[test]
    fn whole_words_only_and_short_needles_skipped() {
        let hits = scan(
            &output("Anaheim and Al Jazeera"),
            &[
                needle("Ana", NeedleKind::Name),
                needle("Al", NeedleKind::Name),
            ],
            &[],
            &[],
        );
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn patterns_are_found_but_allowed_contact_is_not_a_leak() {
        let text = "Contact: report@coalition.example\nCall 915-555-0134 or write to maria@mail.example. Her number A123-456-789. She lived at 1234 Main Street.";
        let hits = scan(
            &output(text),
            &[],
            &["report@coalition.example".into()],
            &[],
        );
        let whats: Vec<&str> = hits.iter().map(|h| h.what.as_str()).collect();
        assert!(whats.contains(&"an email address"));
        assert!(whats.contains(&"a phone number"));
        assert!(whats.contains(&"an A-number"));
        assert!(whats.contains(&"a street address"));
        assert!(hits.iter().all(|h| h.line == 2), "{hits:?}");
    }

    #[test]
    fn entities_are_decoded_before_searching() {
        let html = html_text("<p>O&#x27;Brien &amp; co</p>");
        assert_eq!(html, "<p>O'Brien & co</p>");
        let hits = scan(
            &output(&html),
            &[needle("O'Brien", NeedleKind::Name)],
            &[],
            &[],
        );
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn a_named_witness_who_consented_is_allowed() {
        let hits = scan(
            &output("— Rosa Delgado"),
            &[needle("Rosa Delgado", NeedleKind::Name)],
            &["Rosa Delgado".into()],
            &[],
        );
        assert!(hits.is_empty());
    }

    #[test]
    fn withheld_words_in_another_witness_quote_are_theirs_but_names_are_searched_everywhere() {
        let quotes = [Quoted {
            testimony_id: "t-2".into(),
            text: "I came from Haiti with Rosa Delgado".into(),
        }];
        let page = "<blockquote>I came from Haiti with Rosa Delgado</blockquote>\n<p>Findings.</p>";
        let hits = scan(
            &output(page),
            &[
                needle("Haiti", NeedleKind::Place),
                needle("Rosa Delgado", NeedleKind::Name),
            ],
            &[],
            &quotes,
        );
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].what, "the witness's name");
        let editorial = "<p>Witnesses from Haiti spoke.</p>";
        let hits = scan(
            &output(editorial),
            &[needle("Haiti", NeedleKind::Place)],
            &[],
            &quotes,
        );
        assert_eq!(hits.len(), 1, "the editors' own text is searched");
        let own = [Quoted {
            testimony_id: "t-1".into(),
            text: "from Haiti".into(),
        }];
        let hits = scan(
            &output("x"),
            &[needle("Haiti", NeedleKind::Place)],
            &[],
            &own,
        );
        assert_eq!(
            hits.len(),
            1,
            "a witness's own quote is searched for their withheld words"
        );
    }

    #[test]
    fn a_year_alone_is_not_a_leak() {
        let hits = scan(
            &output("Fourth cycle (2025)"),
            &[needle("2025", NeedleKind::Redacted)],
            &[],
            &[],
        );
        assert!(hits.is_empty());
    }

    #[test]
    fn the_report_own_ids_are_not_phone_numbers_or_a_numbers() {
        let json = "{\"id\": \"a1234567-8901-4234-8567-890123456789\", \"x\": \"915-555-0134\"}";
        let hits = scan(&output(json), &[], &[], &[]);
        assert_eq!(hits.len(), 1, "only the real phone number: {hits:?}");
        assert_eq!(hits[0].what, "a phone number");
    }
}
