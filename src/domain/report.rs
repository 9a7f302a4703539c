//! The rules of a report that mirror the UN's own UPR outputs: action categories
//! suggested from a recommendation's leading verb, the "verb first" check, paragraph
//! and recommendation numbering, the word limit of a stakeholder submission,
//! small-cell protection of statistics, a State's position on a recommendation and its
//! implementation status, and the columns of the matrix of recommendations.
//!
//! The shapes follow the UN Working Group reports (paragraphs numbered through the
//! report, recommendations as `P.N`), the State's addendum, the OHCHR matrix of
//! recommendations and guidelines for stakeholders, and the UPR Info database scale.
//! Nothing here reads or writes anything: the report compiler and the renderers build
//! on these values.

use std::fmt;

// ---------------------------------------------------------------------------------
// Action categories
// ---------------------------------------------------------------------------------

/// How much action a recommendation asks for, on the UPR Info scale of 1 (minimal) to
/// 5 (specific). Suggested from the leading verb; an editor can change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionCategory {
    /// 1: addressed to others than the State, or asks for help.
    Minimal,
    /// 2: carry on with something already done.
    Continuing,
    /// 3: think about doing something.
    Considering,
    /// 4: act, without saying exactly how.
    General,
    /// 5: a specific, checkable action.
    Specific,
}

impl ActionCategory {
    pub const ALL: [ActionCategory; 5] = [
        ActionCategory::Minimal,
        ActionCategory::Continuing,
        ActionCategory::Considering,
        ActionCategory::General,
        ActionCategory::Specific,
    ];

    /// The category's number, 1 to 5.
    pub fn number(self) -> u8 {
        match self {
            ActionCategory::Minimal => 1,
            ActionCategory::Continuing => 2,
            ActionCategory::Considering => 3,
            ActionCategory::General => 4,
            ActionCategory::Specific => 5,
        }
    }

    /// The code stored and used in forms: the number as text, `"1"` to `"5"`.
    pub fn code(self) -> &'static str {
        match self {
            ActionCategory::Minimal => "1",
            ActionCategory::Continuing => "2",
            ActionCategory::Considering => "3",
            ActionCategory::General => "4",
            ActionCategory::Specific => "5",
        }
    }

    /// The category's name on the UPR Info scale.
    pub fn label(self) -> &'static str {
        match self {
            ActionCategory::Minimal => "Minimal action",
            ActionCategory::Continuing => "Continuing action",
            ActionCategory::Considering => "Considering action",
            ActionCategory::General => "General action",
            ActionCategory::Specific => "Specific action",
        }
    }

    /// The category with this number (1 to 5).
    pub fn from_number(number: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.number() == number)
    }

    /// The category with this code (`"1"` to `"5"`, surrounding spaces ignored).
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl fmt::Display for ActionCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One row of the verb table: the verb (one or more words) and its category.
struct VerbEntry {
    words: &'static [&'static str],
    /// How many words may stand between the first and the last word of the verb, as
    /// "take all necessary measures" stands for "take measures".
    qualifiers: usize,
    category: ActionCategory,
}

const fn verb(words: &'static [&'static str], category: ActionCategory) -> VerbEntry {
    VerbEntry {
        words,
        qualifiers: 0,
        category,
    }
}

/// The typical leading verbs of each category on the UPR Info scale, with two spelling
/// variants of listed verbs ("call upon", "analyze").
const VERB_TABLE: &[VerbEntry] = {
    use ActionCategory::*;
    &[
        verb(&["call", "on"], Minimal),
        verb(&["call", "upon"], Minimal),
        verb(&["seek"], Minimal),
        verb(&["share"], Minimal),
        verb(&["request"], Minimal),
        verb(&["continue"], Continuing),
        verb(&["maintain"], Continuing),
        verb(&["persevere"], Continuing),
        verb(&["pursue"], Continuing),
        verb(&["consider"], Considering),
        verb(&["explore"], Considering),
        verb(&["envisage"], Considering),
        verb(&["reflect", "upon"], Considering),
        verb(&["review"], Considering),
        verb(&["study"], Considering),
        verb(&["analyse"], Considering),
        verb(&["analyze"], Considering),
        verb(&["accelerate"], General),
        verb(&["address"], General),
        verb(&["encourage"], General),
        verb(&["engage"], General),
        verb(&["ensure"], General),
        verb(&["guarantee"], General),
        verb(&["intensify"], General),
        verb(&["promote"], General),
        verb(&["strengthen"], General),
        VerbEntry {
            words: &["take", "measures"],
            qualifiers: 3,
            category: General,
        },
        verb(&["abolish"], Specific),
        verb(&["accede"], Specific),
        verb(&["adopt"], Specific),
        verb(&["amend"], Specific),
        verb(&["conduct"], Specific),
        verb(&["develop"], Specific),
        verb(&["establish"], Specific),
        verb(&["implement"], Specific),
        verb(&["investigate"], Specific),
        verb(&["ratify"], Specific),
        verb(&["repeal"], Specific),
        verb(&["undertake"], Specific),
    ]
};

/// Verbs that open UPR recommendations besides those of the verb table: enough to tell
/// a verb-first sentence from one that starts with its subject.
#[rustfmt::skip]
const IMPERATIVE_VERBS: &[&str] = &[
    "abandon", "abide", "abolish", "abstain", "accept", "accord", "acknowledge", "act",
    "address", "adjust", "allocate", "allow", "align", "apologise", "apologize", "apply",
    "appoint", "approve", "assess", "assist", "avoid", "bring", "build", "call", "carry",
    "cease", "change", "clarify", "close", "collect", "combat", "commit", "compensate",
    "comply", "condemn", "confirm", "consult", "cooperate", "create", "criminalise",
    "criminalize", "decriminalise", "decriminalize", "declare", "define", "deliver",
    "design", "detain", "disaggregate", "discontinue", "dismantle", "document", "eliminate",
    "empower", "enact", "end", "enforce", "enhance", "enlarge", "eradicate", "evaluate",
    "expand", "expedite", "extend", "facilitate", "finalise", "finalize", "fulfil",
    "fulfill", "fund", "give", "grant", "halt", "harmonise", "harmonize", "hold", "improve",
    "include", "incorporate", "increase", "inform", "integrate", "introduce", "invest",
    "invite", "issue", "join", "launch", "legislate", "lift", "limit", "make", "mandate",
    "monitor", "observe", "offer", "parole", "pass", "place", "prevent", "prioritise",
    "prioritize", "process", "prohibit", "prosecute", "protect", "provide", "publish",
    "punish", "put", "raise", "reaffirm", "recognise", "recognize", "reconsider",
    "redouble", "reduce", "refer", "reform", "refrain", "reinforce", "reinstate", "reject",
    "release", "remedy", "remove", "replace", "report", "rescind", "resettle", "resolve",
    "respect", "respond", "restore", "restrict", "return", "reunify", "reunite", "revise",
    "revoke", "safeguard", "set", "sign", "stop", "submit", "support", "suspend", "take",
    "terminate", "train", "uphold", "use", "withdraw", "work",
];

/// Adverbs that may stand before the leading verb ("Urgently ratify ...").
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "also", "further", "immediately", "urgently", "promptly", "swiftly", "fully",
    "effectively", "duly", "expeditiously", "strongly", "actively", "progressively",
    "genuinely", "seriously", "systematically", "thoroughly", "independently",
];

/// Verbs ending in "ly", so as not to take them for adverbs.
const LY_VERBS: &[&str] = &[
    "apply", "comply", "supply", "rely", "reply", "ally", "multiply",
];

/// Words that open a time or manner clause ending in a comma ("By March 2027, ...").
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "by", "within", "before", "until", "no", "in", "during", "following", "after", "with",
    "through",
];

/// Words that introduce the verb after the subject ("The State should ratify").
const MODALS: &[&str] = &["should", "must", "shall", "will", "would", "could", "may"];

/// Words allowed before "that" in an opening like "It is recommended that".
#[rustfmt::skip]
const RECOMMEND_WORDS: &[&str] = &[
    "we", "it", "is", "also", "strongly", "further", "recommend", "recommends",
    "recommended", "urge", "urges",
];

/// Words after which a verb-like word is a noun ("the State under review").
#[rustfmt::skip]
const BEFORE_NOUNS: &[&str] = &[
    "the", "a", "an", "its", "their", "of", "for", "on", "in", "under", "to", "by", "with",
    "at", "from",
];

/// Longest subject looked through for the verb ("the Executive Office for Immigration
/// Review should ...").
const MAX_SUBJECT_WORDS: usize = 12;

/// A word of a recommendation, with what the rules need to know about it.
struct Word {
    /// Lower case, without punctuation at either end.
    lower: String,
    /// It starts with a capital letter (part of a name, in the middle of a sentence).
    capitalised: bool,
    /// It ends a clause (a comma, semicolon or colon follows it).
    ends_clause: bool,
    /// The raw token had no letter (a number like `95.1`, a bullet or a dash).
    letterless: bool,
    /// The raw token is an enumeration label like `(a)` or `iv)`.
    enumeration: bool,
}

fn words(text: &str) -> Vec<Word> {
    text.split_whitespace()
        .map(|raw| {
            let core = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let enumeration = raw.ends_with(')')
                && core.chars().count() <= 4
                && core.chars().all(char::is_alphanumeric);
            Word {
                lower: core.to_lowercase(),
                capitalised: core.chars().next().is_some_and(char::is_uppercase),
                ends_clause: raw.ends_with([',', ';', ':']),
                letterless: !raw.chars().any(char::is_alphabetic),
                enumeration,
            }
        })
        .collect()
}

fn is_adverb(word: &str) -> bool {
    ADVERBS.contains(&word) || (word.ends_with("ly") && word.len() > 3 && !LY_VERBS.contains(&word))
}

/// Past adverbs (at most two) from `i`.
fn skip_adverbs(words: &[Word], mut i: usize) -> usize {
    for _ in 0..2 {
        match words.get(i) {
            Some(w) if is_adverb(&w.lower) && !is_verb_at(words, i) => i += 1,
            _ => break,
        }
    }
    i
}

/// Where the sentence proper starts: past enumeration labels (`95.1`, `(a)`, bullets),
/// a leading time or manner clause ("By March 2027,"), and adverbs.
fn opening(words: &[Word]) -> usize {
    let mut i = 0;
    while i < 3 && words.get(i).is_some_and(|w| w.letterless || w.enumeration) {
        i += 1;
    }
    if words
        .get(i)
        .is_some_and(|w| CLAUSE_OPENERS.contains(&w.lower.as_str()))
        && let Some(end) = words[i..].iter().take(10).position(|w| w.ends_clause)
    {
        i += end + 1;
    }
    skip_adverbs(words, i)
}

/// The verb-table entry that the words from `i` spell, if any.
fn table_match(words: &[Word], i: usize) -> Option<ActionCategory> {
    VERB_TABLE.iter().find_map(|entry| {
        let (first, rest) = entry.words.split_first()?;
        if words.get(i)?.lower != *first {
            return None;
        }
        let Some((last, middle)) = rest.split_last() else {
            return Some(entry.category);
        };
        let mut j = i + 1;
        for m in middle {
            if words.get(j)?.lower != *m {
                return None;
            }
            j += 1;
        }
        (0..=entry.qualifiers)
            .take_while(|gap| *gap == 0 || words.get(j + gap - 1).is_some_and(|w| !w.ends_clause))
            .any(|gap| words.get(j + gap).is_some_and(|w| w.lower == *last))
            .then_some(entry.category)
    })
}

fn is_verb_at(words: &[Word], i: usize) -> bool {
    words.get(i).is_some_and(|w| {
        table_match(words, i).is_some()
            || IMPERATIVE_VERBS.contains(&w.lower.as_str())
            || VERB_TABLE.iter().any(|e| e.words[0] == w.lower)
    })
}

/// Where the leading verb of a recommendation is, looking past lead-ins such as
/// "That the State", "The United States should", "It is recommended that the
/// Government" or "The State is encouraged to".
fn leading_verb(words: &[Word]) -> Option<usize> {
    let start = opening(words);
    if is_verb_at(words, start) {
        return Some(start);
    }
    let mut subject = start;
    let mut after_that = false;
    if let Some(that) = words[start..]
        .iter()
        .take(5)
        .position(|w| w.lower == "that")
        && words[start..start + that]
            .iter()
            .all(|w| RECOMMEND_WORDS.contains(&w.lower.as_str()))
    {
        subject = start + that + 1;
        after_that = true;
    }
    for (k, w) in words
        .iter()
        .enumerate()
        .take(subject + MAX_SUBJECT_WORDS)
        .skip(subject)
    {
        if MODALS.contains(&w.lower.as_str()) || w.lower == "ought" {
            let mut next = k + 1;
            if w.lower == "ought" && words.get(next).is_some_and(|w| w.lower == "to") {
                next += 1;
            }
            if w.ends_clause {
                // "should, by 2027, adopt": past the inserted clause.
                next += words[next..].iter().position(|w| w.ends_clause)? + 1;
            }
            return verb_after_lead_in(words, next);
        }
        if w.lower == "is" || w.lower == "are" {
            if let Some(to) = words[k + 1..].iter().take(4).position(|w| w.lower == "to") {
                return verb_after_lead_in(words, k + 1 + to + 1);
            }
            return None;
        }
        if after_that
            && k > subject
            && !w.capitalised
            && !BEFORE_NOUNS.contains(&words[k - 1].lower.as_str())
            && is_verb_at(words, k)
        {
            return Some(k);
        }
    }
    None
}

/// The verb right after a lead-in, past adverbs; none when negated ("should not").
fn verb_after_lead_in(words: &[Word], i: usize) -> Option<usize> {
    let i = skip_adverbs(words, i);
    let w = words.get(i)?;
    if w.lower == "not" || w.lower == "never" {
        return None;
    }
    is_verb_at(words, i).then_some(i)
}

/// The action category suggested by a recommendation's leading verb, using the verb
/// table of the UPR Info scale: `None` when the leading verb is not in the table (or no
/// verb is found). Case, leading whitespace, numbering (`95.1`, `(a)`), a leading time
/// clause ("By March 2027,"), adverbs ("urgently") and lead-ins ("That the State",
/// "The United States should", "The State is encouraged to") are looked past.
///
/// Only the base form counts, as recommendations are imperatives: "Adopted ..." has no
/// suggestion. "Take measures" also matches with up to three words between ("take all
/// necessary measures").
pub fn suggest_category(text: &str) -> Option<ActionCategory> {
    let words = words(text);
    table_match(&words, leading_verb(&words)?)
}

/// Whether a recommendation is worded verb first, as UN recommendations are: its first
/// word is a verb of the verb table or another verb that opens recommendations
/// ("Ratify ...", "End ...", "Reunite ..."). Numbering, a leading time or manner clause
/// ending in a comma ("By March 2027, establish ...") and adverbs ("Urgently release
/// ...") may come first. A sentence that starts with its subject ("The United States
/// should ratify ...", "That the State ratify ...") is not verb first.
pub fn starts_with_verb(text: &str) -> bool {
    let words = words(text);
    is_verb_at(&words, opening(&words))
}

// ---------------------------------------------------------------------------------
// Numbering
// ---------------------------------------------------------------------------------

/// What one section of a report contributes to the paragraph numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionSpec {
    /// Ordinary numbered paragraphs.
    Paragraphs(u32),
    /// The conclusions paragraph: one numbered paragraph whose sub-items are this many
    /// recommendations. It takes its number even while it lists none.
    Recommendations(u32),
}

/// A recommendation's number: the conclusions paragraph and its place in it, shown as
/// `95.3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecommendationNumber {
    pub paragraph: u32,
    pub item: u32,
}

impl RecommendationNumber {
    /// Read `P.N` (both at least 1), as written in reports.
    pub fn parse(text: &str) -> Option<Self> {
        let (p, n) = text.trim().split_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(p) || !digits(n) {
            return None;
        }
        let number = Self {
            paragraph: p.parse().ok()?,
            item: n.parse().ok()?,
        };
        (number.paragraph > 0 && number.item > 0).then_some(number)
    }
}

impl fmt::Display for RecommendationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.paragraph, self.item)
    }
}

/// The paragraph numbers of one section: `count` paragraphs from `first`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionNumbers {
    pub first: u32,
    pub count: u32,
}

impl SectionNumbers {
    /// The numbers, in order (empty for a section without paragraphs).
    pub fn numbers(self) -> std::ops::Range<u32> {
        self.first..self.first + self.count
    }
}

/// Why a document cannot be numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NumberingError {
    #[error("a report has one conclusions paragraph listing the recommendations, not several")]
    SeveralRecommendationParagraphs,
    #[error("the report has too many paragraphs to number")]
    TooLong,
}

/// The numbers of a whole report: paragraphs run from 1 through every section, and the
/// recommendations are sub-items `P.1`, `P.2`, ... of the conclusions paragraph `P`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbering {
    sections: Vec<SectionNumbers>,
    conclusions: Option<(u32, u32)>,
}

impl Numbering {
    /// Number the sections of a report, in order. At most one section may be the
    /// conclusions paragraph.
    pub fn number(sections: &[SectionSpec]) -> Result<Self, NumberingError> {
        let mut next: u32 = 1;
        let mut numbered = Vec::with_capacity(sections.len());
        let mut conclusions = None;
        for spec in sections {
            let count = match *spec {
                SectionSpec::Paragraphs(n) => n,
                SectionSpec::Recommendations(n) => {
                    if conclusions.is_some() {
                        return Err(NumberingError::SeveralRecommendationParagraphs);
                    }
                    conclusions = Some((next, n));
                    1
                }
            };
            numbered.push(SectionNumbers { first: next, count });
            next = next.checked_add(count).ok_or(NumberingError::TooLong)?;
        }
        Ok(Self {
            sections: numbered,
            conclusions,
        })
    }

    /// The numbers of the section at `index` (in the order given).
    pub fn section(&self, index: usize) -> Option<SectionNumbers> {
        self.sections.get(index).copied()
    }

    /// The number of the `index`-th paragraph (from 0) of the section at `section`.
    pub fn paragraph(&self, section: usize, index: u32) -> Option<u32> {
        let s = self.section(section)?;
        (index < s.count).then(|| s.first + index)
    }

    /// How many numbered paragraphs the report has.
    pub fn paragraph_count(&self) -> u32 {
        self.sections.iter().map(|s| s.count).sum()
    }

    /// The number of the conclusions paragraph, if the report has one.
    pub fn conclusions_paragraph(&self) -> Option<u32> {
        self.conclusions.map(|(p, _)| p)
    }

    /// The number of the `index`-th recommendation (from 0).
    pub fn recommendation(&self, index: u32) -> Option<RecommendationNumber> {
        let (paragraph, count) = self.conclusions?;
        (index < count).then_some(RecommendationNumber {
            paragraph,
            item: index + 1,
        })
    }

    /// The numbers of all recommendations, in order.
    pub fn recommendations(&self) -> impl Iterator<Item = RecommendationNumber> + '_ {
        let (paragraph, count) = self.conclusions.unwrap_or((0, 0));
        (1..=count).map(move |item| RecommendationNumber { paragraph, item })
    }
}

// ---------------------------------------------------------------------------------
// Word count and limit
// ---------------------------------------------------------------------------------

/// Words in a stakeholder submission's text, counted the way a word processor counts
/// them: a run of characters between spaces is one word if it holds a letter or digit,
/// so "well-known", "U.S.", "2,815" and "A/HRC/30/12" are one word each and a lone
/// dash or bullet is none. Chinese and Japanese characters, written without spaces,
/// count one word each. The caller passes only the counted text: notes (which hold
/// references only) do not count toward the limit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().map(token_words).sum()
}

fn token_words(token: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in token.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() && !in_word {
            count += 1;
            in_word = true;
        }
    }
    count
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // half-width Katakana
        | '\u{20000}'..='\u{2FA1F}' // CJK extensions B onwards
    )
}

/// The OHCHR word limit of a stakeholder submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordLimit {
    /// A submission by one organisation: 2,815 words.
    SingleOrganisation,
    /// A joint submission by a coalition: 5,630 words.
    Joint,
}

impl WordLimit {
    /// The limit for a submission made by this many organisations.
    pub fn for_submitters(organisations: usize) -> Self {
        if organisations > 1 {
            WordLimit::Joint
        } else {
            WordLimit::SingleOrganisation
        }
    }

    /// The most words allowed.
    pub fn words(self) -> usize {
        match self {
            WordLimit::SingleOrganisation => 2_815,
            WordLimit::Joint => 5_630,
        }
    }

    /// How a word count stands against the limit.
    pub fn check(self, count: usize) -> WordCheck {
        let limit = self.words();
        if count <= limit {
            WordCheck::Within {
                remaining: limit - count,
            }
        } else {
            WordCheck::Over { by: count - limit }
        }
    }
}

/// A word count against the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordCheck {
    /// At most the limit, with this many words to spare.
    Within { remaining: usize },
    /// Over the limit by this many words: the submission must be cut before it is sent.
    Over { by: usize },
}

// ---------------------------------------------------------------------------------
// Small-cell protection
// ---------------------------------------------------------------------------------

/// Counts from 1 up to below this are not shown exactly.
pub const SMALL_CELL_THRESHOLD: u64 = 5;

/// A count of witnesses or testimonies as a report may publish it: exact from 5 up,
/// "fewer than 5" from 1 to 4, so that a cell such as one role in one city cannot
/// point at a person.
///
/// Zero is shown as 0: it reveals nobody, and a statistician reading "fewer than 5"
/// takes it to mean at least one. Only [`suppress`] makes a `Count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Count(Option<u64>);

/// Protect a count for publication.
pub fn suppress(n: u64) -> Count {
    if n == 0 || n >= SMALL_CELL_THRESHOLD {
        Count(Some(n))
    } else {
        Count(None)
    }
}

impl Count {
    /// The exact number, when it may be shown.
    pub fn exact(self) -> Option<u64> {
        self.0
    }

    /// Whether the number is hidden as "fewer than 5".
    pub fn is_suppressed(self) -> bool {
        self.0.is_none()
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "fewer than {SMALL_CELL_THRESHOLD}"),
        }
    }
}

// ---------------------------------------------------------------------------------
// Follow-up: position and implementation
// ---------------------------------------------------------------------------------

/// The State's position on a recommendation, from its response (the "Addendum").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Position {
    Supported,
    SupportedInPart,
    Noted,
    /// The State has not taken a position (yet).
    #[default]
    NoResponse,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::Supported,
        Position::SupportedInPart,
        Position::Noted,
        Position::NoResponse,
    ];

    /// The code stored and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            Position::Supported => "supported",
            Position::SupportedInPart => "supported_in_part",
            Position::Noted => "noted",
            Position::NoResponse => "no_response",
        }
    }

    /// The words shown in reports and exports.
    pub fn label(self) -> &'static str {
        match self {
            Position::Supported => "Supported",
            Position::SupportedInPart => "Supported in part",
            Position::Noted => "Noted",
            Position::NoResponse => "No response",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How far a recommendation has been implemented, as a follow-up assessment rates it.
/// A recommendation not yet assessed has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImplementationStatus {
    NotImplemented,
    PartiallyImplemented,
    FullyImplemented,
}

impl ImplementationStatus {
    pub const ALL: [ImplementationStatus; 3] = [
        ImplementationStatus::NotImplemented,
        ImplementationStatus::PartiallyImplemented,
        ImplementationStatus::FullyImplemented,
    ];

    /// The code stored and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            ImplementationStatus::NotImplemented => "not_implemented",
            ImplementationStatus::PartiallyImplemented => "partially_implemented",
            ImplementationStatus::FullyImplemented => "fully_implemented",
        }
    }

    /// The words shown in reports and exports.
    pub fn label(self) -> &'static str {
        match self {
            ImplementationStatus::NotImplemented => "Not implemented",
            ImplementationStatus::PartiallyImplemented => "Partially implemented",
            ImplementationStatus::FullyImplemented => "Fully implemented",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl fmt::Display for ImplementationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The columns of the CSV matrix of recommendations, in order, as in the OHCHR matrix.
pub const MATRIX_COLUMNS: [&str; 9] = [
    "number",
    "recommendation",
    "recommending party",
    "position",
    "themes",
    "affected persons",
    "SDG targets",
    "action category",
    "assessment of implementation",
];

#[cfg(test)]
mod tests {
    use super::*;
    use ActionCategory::*;

    /// Every verb of the UPR Info table, in a recommendation shaped like the UN's.
    #[rustfmt::skip]
    const VERBS: &[(&str, &str, ActionCategory)] = &[
        ("call on", "Call on all States to share data on deportations (Coalition X);", Minimal),
        ("call upon", "Call upon Congress to fund legal representation;", Minimal),
        ("seek", "Seek technical assistance from OHCHR on detention standards;", Minimal),
        ("share", "Share good practices on alternatives to detention;", Minimal),
        ("request", "Request assistance from UNHCR to train asylum officers;", Minimal),
        ("continue", "Continue its efforts to reduce the backlog of asylum cases;", Continuing),
        ("maintain", "Maintain the moratorium on family detention;", Continuing),
        ("persevere", "Persevere in efforts to combat trafficking;", Continuing),
        ("pursue", "Pursue the reform of the immigration courts;", Continuing),
        ("consider", "Consider ratifying the Convention on Migrant Workers (Mexico);", Considering),
        ("explore", "Explore alternatives to the detention of asylum seekers;", Considering),
        ("envisage", "Envisage the closure of private detention facilities;", Considering),
        ("reflect upon", "Reflect upon the effects of expedited removal;", Considering),
        ("review", "Review the use of solitary confinement in immigration detention;", Considering),
        ("study", "Study the causes of deaths in custody;", Considering),
        ("analyse", "Analyse the impact of metering at ports of entry;", Considering),
        ("analyze", "Analyze the impact of metering at ports of entry;", Considering),
        ("accelerate", "Accelerate the reunification of separated families;", General),
        ("address", "Address racial discrimination in immigration enforcement;", General),
        ("encourage", "Encourage states to end cooperation agreements with ICE;", General),
        ("engage", "Engage with civil society in monitoring detention;", General),
        ("ensure", "Ensure access to counsel for every detained person;", General),
        ("guarantee", "Guarantee language access in immigration courts;", General),
        ("intensify", "Intensify efforts to prevent deaths at the border;", General),
        ("promote", "Promote community-based alternatives to detention;", General),
        ("strengthen", "Strengthen oversight of Customs and Border Protection;", General),
        ("take measures", "Take measures to end the detention of children for immigration purposes (Mexico);", General),
        ("abolish", "Abolish the death penalty (Uruguay);", Specific),
        ("accede", "Accede to the Optional Protocol to the Convention against Torture;", Specific),
        ("adopt", "Adopt a law prohibiting the detention of children;", Specific),
        ("amend", "Amend the Immigration and Nationality Act to restore judicial discretion;", Specific),
        ("conduct", "Conduct independent inspections of all detention facilities;", Specific),
        ("develop", "Develop a national action plan against racial discrimination;", Specific),
        ("establish", "Establish independent monitoring of all immigration detention facilities;", Specific),
        ("implement", "Implement the recommendations of the Special Rapporteur;", Specific),
        ("investigate", "Investigate all deaths in immigration custody;", Specific),
        ("ratify", "Ratify the Convention on the Rights of the Child (Uruguay);", Specific),
        ("repeal", "Repeal the bar on asylum after one year;", Specific),
        ("undertake", "Undertake a review of detention standards by 2027;", Specific),
    ];

    #[test]
    fn every_verb_of_the_table_suggests_its_category() {
        for (verb, text, expected) in VERBS {
            assert_eq!(suggest_category(text), Some(*expected), "{verb}: {text}");
            assert!(starts_with_verb(text), "{verb}: {text}");
        }
    }

    #[test]
    fn the_test_table_covers_the_whole_verb_table() {
        for entry in VERB_TABLE {
            let verb = entry.words.join(" ");
            let row = VERBS.iter().find(|(v, _, _)| *v == verb);
            assert_eq!(row.map(|r| r.2), Some(entry.category), "{verb}");
        }
        assert_eq!(VERBS.len(), VERB_TABLE.len());
    }

    /// The table's rows as UPR Info lists them (with the two spelling variants).
    #[test]
    fn categories_in_the_table_match_upr_info() {
        let of = |c: ActionCategory| -> String {
            let verbs: Vec<String> = VERB_TABLE
                .iter()
                .filter(|e| e.category == c)
                .map(|e| e.words.join(" "))
                .collect();
            verbs.join(", ")
        };
        assert_eq!(of(Minimal), "call on, call upon, seek, share, request");
        assert_eq!(of(Continuing), "continue, maintain, persevere, pursue");
        assert_eq!(
            of(Considering),
            "consider, explore, envisage, reflect upon, review, study, analyse, analyze"
        );
        assert_eq!(
            of(General),
            "accelerate, address, encourage, engage, ensure, guarantee, intensify, promote, \
             strengthen, take measures"
        );
        assert_eq!(
            of(Specific),
            "abolish, accede, adopt, amend, conduct, develop, establish, implement, \
             investigate, ratify, repeal, undertake"
        );
    }

    #[test]
    fn lead_ins_case_and_numbering_are_looked_past() {
        let cases: &[(&str, ActionCategory)] = &[
            ("RATIFY the Convention", Specific),
            ("   \n\tratify the Convention", Specific),
            (
                "That the State ratify the Convention on the Rights of the Child",
                Specific,
            ),
            (
                "that the state under review establish a moratorium",
                Specific,
            ),
            (
                "That the State under review take all necessary measures",
                General,
            ),
            ("The United States should ratify the Convention", Specific),
            (
                "The United States should continue to fund legal aid",
                Continuing,
            ),
            ("The Government must, by 2027, adopt a law", Specific),
            ("The State ought to review its policy", Considering),
            (
                "The State is encouraged to consider alternatives",
                Considering,
            ),
            (
                "The State is strongly urged to abolish the death penalty",
                Specific,
            ),
            (
                "It is recommended that the Department of Homeland Security establish a register",
                Specific,
            ),
            (
                "We recommend that Congress repeal the one-year bar",
                Specific,
            ),
            (
                "That the Executive Office for Immigration Review establish a right to counsel",
                Specific,
            ),
            (
                "That the Department of Justice promptly investigate deaths in custody",
                Specific,
            ),
            ("Congress should urgently amend the law", Specific),
            ("95.1 Ratify the Convention (Uruguay);", Specific),
            ("(a) Ensure access to counsel", General),
            ("- Ensure access to counsel", General),
            (
                "By March 2027, establish independent monitoring (Coalition X);",
                Specific,
            ),
            ("Within two years, repeal the law", Specific),
            (
                "In consultation with civil society, develop a plan",
                Specific,
            ),
            ("Urgently ratify the Convention", Specific),
            ("Further strengthen oversight", General),
            (
                "Take all necessary measures to end family separation",
                General,
            ),
            ("Take effective measures", General),
            ("Continue to strengthen oversight", Continuing),
            ("\"Ratify\" the Convention", Specific),
        ];
        for (text, expected) in cases {
            assert_eq!(suggest_category(text), Some(*expected), "{text}");
        }
    }

    #[test]
    fn no_category_without_a_verb_of_the_table() {
        let cases = [
            "",
            "   ",
            "(Mexico);",
            "95.1",
            "Children are detained at the border.",
            "The State detains children.",
            "Immigration detention must end.",
            "The State should end family detention.",
            "End family detention (Coalition X);",
            "Take steps to end family detention;",
            "Take note of the concerns of witnesses;",
            "Call for a moratorium on deportations;",
            "Reflect the views of witnesses;",
            "Adopted a law in 2020.",
            "Reviewing the law is needed.",
            "Ratification of the Convention",
            "Endorse the declaration",
            "The State should not adopt the bill.",
            "The State should never detain children.",
            "Recommendations follow below.",
            "Ratifier la Convention relative aux droits de l'enfant",
        ];
        for text in cases {
            assert_eq!(suggest_category(text), None, "{text}");
        }
    }

    #[test]
    fn verb_first_warning() {
        let verb_first = [
            "Ratify the Convention on the Rights of the Child (Uruguay);",
            "Take measures to end the detention of children (Mexico);",
            "By March 2027, establish independent monitoring (Coalition X);",
            "End the detention of children;",
            "Reunite every separated family within 90 days;",
            "Halt deportations to countries at war;",
            "Stop the use of solitary confinement;",
            "Close the detention centre at Dilley;",
            "Restore access to asylum at ports of entry;",
            "Release all children from immigration detention;",
            "Guarantee access to counsel;",
            "Immediately release all detained children;",
            "provide interpreters in every hearing;",
            "  95.2 Protect human rights defenders;",
            "Comply with the principle of non-refoulement;",
        ];
        for text in verb_first {
            assert!(starts_with_verb(text), "{text}");
        }
        let not_verb_first = [
            "",
            "  ",
            "The United States should ratify the Convention;",
            "That the State ratify the Convention;",
            "Children must not be detained;",
            "Family separation must end;",
            "Immigration detention of children;",
            "We recommend that the State end family detention;",
            "Detention conditions are poor;",
            "By March 2027 the State should establish monitoring;",
        ];
        for text in not_verb_first {
            assert!(!starts_with_verb(text), "{text}");
        }
    }

    #[test]
    fn action_category_codes_and_labels() {
        for c in ActionCategory::ALL {
            assert_eq!(ActionCategory::parse(c.code()), Some(c));
            assert_eq!(ActionCategory::from_number(c.number()), Some(c));
            assert_eq!(c.code(), c.number().to_string());
        }
        assert_eq!(ActionCategory::parse(" 5 "), Some(Specific));
        assert_eq!(Specific.label(), "Specific action");
        assert_eq!(Minimal.to_string(), "Minimal action");
        assert_eq!(Considering.label(), "Considering action");
        for bad in ["0", "6", "", "five", "5.0", "-1"] {
            assert_eq!(ActionCategory::parse(bad), None, "{bad}");
        }
        assert_eq!(ActionCategory::from_number(0), None);
        assert_eq!(ActionCategory::from_number(6), None);
        assert!(Minimal < Specific);
    }

    fn realistic() -> Numbering {
        Numbering::number(&[
            SectionSpec::Paragraphs(3),
            SectionSpec::Paragraphs(4),
            SectionSpec::Paragraphs(2),
            SectionSpec::Recommendations(5),
        ])
        .unwrap()
    }

    #[test]
    fn paragraphs_run_through_the_report_and_recommendations_are_sub_items() {
        let n = realistic();
        assert_eq!(
            n.section(0).unwrap().numbers().collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(
            n.section(1).unwrap().numbers().collect::<Vec<_>>(),
            [4, 5, 6, 7]
        );
        assert_eq!(n.section(2).unwrap().numbers().collect::<Vec<_>>(), [8, 9]);
        assert_eq!(n.section(3).unwrap().numbers().collect::<Vec<_>>(), [10]);
        assert_eq!(n.section(4), None);
        assert_eq!(n.paragraph(1, 0), Some(4));
        assert_eq!(n.paragraph(2, 1), Some(9));
        assert_eq!(n.paragraph(2, 2), None);
        assert_eq!(n.paragraph_count(), 10);
        assert_eq!(n.conclusions_paragraph(), Some(10));
        let shown: Vec<String> = n.recommendations().map(|r| r.to_string()).collect();
        assert_eq!(shown, ["10.1", "10.2", "10.3", "10.4", "10.5"]);
        assert_eq!(n.recommendation(2).unwrap().to_string(), "10.3");
        assert_eq!(n.recommendation(5), None);
    }

    #[test]
    fn recommendation_numbers_depend_on_the_paragraphs_before_them() {
        // A long report, as the Working Group's: 94 paragraphs, then the conclusions.
        let n = Numbering::number(&[
            SectionSpec::Paragraphs(4),
            SectionSpec::Paragraphs(90),
            SectionSpec::Recommendations(343),
            SectionSpec::Paragraphs(2),
        ])
        .unwrap();
        assert_eq!(n.recommendation(0).unwrap().to_string(), "95.1");
        assert_eq!(n.recommendation(342).unwrap().to_string(), "95.343");
        assert_eq!(n.recommendations().count(), 343);
        assert_eq!(
            n.section(3).unwrap().numbers().collect::<Vec<_>>(),
            [96, 97]
        );
        assert_eq!(n.paragraph_count(), 97);
    }

    #[test]
    fn numbering_edge_cases() {
        let empty = Numbering::number(&[]).unwrap();
        assert_eq!(empty.paragraph_count(), 0);
        assert_eq!(empty.conclusions_paragraph(), None);
        assert_eq!(empty.recommendations().count(), 0);
        assert_eq!(empty.recommendation(0), None);

        let n = Numbering::number(&[
            SectionSpec::Paragraphs(2),
            SectionSpec::Paragraphs(0),
            SectionSpec::Recommendations(0),
            SectionSpec::Paragraphs(1),
        ])
        .unwrap();
        assert_eq!(n.section(1).unwrap().numbers().count(), 0);
        assert_eq!(n.conclusions_paragraph(), Some(3));
        assert_eq!(n.recommendations().count(), 0);
        assert_eq!(n.paragraph(3, 0), Some(4));

        assert_eq!(
            Numbering::number(&[
                SectionSpec::Recommendations(2),
                SectionSpec::Recommendations(1)
            ]),
            Err(NumberingError::SeveralRecommendationParagraphs)
        );
        assert_eq!(
            Numbering::number(&[
                SectionSpec::Paragraphs(u32::MAX),
                SectionSpec::Paragraphs(1)
            ]),
            Err(NumberingError::TooLong)
        );
    }

    #[test]
    fn recommendation_numbers_parse() {
        let r = RecommendationNumber::parse("95.3").unwrap();
        assert_eq!((r.paragraph, r.item), (95, 3));
        assert_eq!(
            RecommendationNumber::parse(" 26.123 ").unwrap().to_string(),
            "26.123"
        );
        for bad in [
            "", "95", "95.", ".3", "95.3.1", "0.1", "95.0", "a.b", "-1.2", "95,3", "+1.2",
        ] {
            assert_eq!(RecommendationNumber::parse(bad), None, "{bad}");
        }
        assert!(
            RecommendationNumber::parse("10.2").unwrap()
                < RecommendationNumber::parse("10.10").unwrap()
        );
    }

    #[test]
    fn words_are_counted_as_a_word_processor_counts_them() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("   \n\t "), 0);
        assert_eq!(word_count("Ratify the Convention."), 3);
        assert_eq!(word_count("Ratify,   the\n\nConvention ;"), 3);
        assert_eq!(word_count("End detention — now."), 3);
        assert_eq!(word_count("A well-known, long-standing practice"), 4);
        assert_eq!(
            word_count("In 2015, 343 recommendations; 2,815 words; 48% acted"),
            8
        );
        assert_eq!(word_count("the U.S. and A/HRC/30/12"), 4);
        assert_eq!(word_count("• first point\n- second point"), 4);
        assert_eq!(word_count("it's the witness's account"), 4);
        assert_eq!(word_count("\"quoted\" (in brackets)"), 3);
    }

    #[test]
    fn words_in_other_languages() {
        assert_eq!(word_count("Los niños no deben ser detenidos."), 6);
        assert_eq!(word_count("L'enfant a été séparé de sa famille"), 7);
        assert_eq!(word_count("Дети не должны содержаться под стражей"), 6);
        assert_eq!(word_count("يجب عدم احتجاز الأطفال"), 4);
        assert_eq!(word_count("Kinder dürfen nicht inhaftiert werden"), 5);
        assert_eq!(word_count("移民拘留"), 4);
        assert_eq!(word_count("子どもの拘禁"), 6);
        assert_eq!(word_count("CO2排放"), 3);
        assert_eq!(word_count("아이들은 구금되어서는 안 된다"), 4);
    }

    #[test]
    fn word_limits() {
        assert_eq!(WordLimit::SingleOrganisation.words(), 2_815);
        assert_eq!(WordLimit::Joint.words(), 5_630);
        assert_eq!(WordLimit::for_submitters(1), WordLimit::SingleOrganisation);
        assert_eq!(WordLimit::for_submitters(0), WordLimit::SingleOrganisation);
        assert_eq!(WordLimit::for_submitters(2), WordLimit::Joint);
        assert_eq!(WordLimit::for_submitters(12), WordLimit::Joint);

        let single = WordLimit::SingleOrganisation;
        assert_eq!(single.check(0), WordCheck::Within { remaining: 2_815 });
        assert_eq!(single.check(2_800), WordCheck::Within { remaining: 15 });
        assert_eq!(single.check(2_815), WordCheck::Within { remaining: 0 });
        assert_eq!(single.check(2_816), WordCheck::Over { by: 1 });
        assert_eq!(single.check(3_000), WordCheck::Over { by: 185 });
        assert_eq!(
            WordLimit::Joint.check(3_000),
            WordCheck::Within { remaining: 2_630 }
        );
        assert_eq!(WordLimit::Joint.check(5_631), WordCheck::Over { by: 1 });

        let body = "Ensure access to counsel. ".repeat(704); // 4 words × 704 = 2,816
        assert_eq!(single.check(word_count(&body)), WordCheck::Over { by: 1 });
    }

    #[test]
    fn small_cells_are_suppressed() {
        assert_eq!(suppress(0).to_string(), "0");
        assert_eq!(suppress(0).exact(), Some(0));
        assert!(!suppress(0).is_suppressed());
        for n in 1..=4 {
            assert_eq!(suppress(n).to_string(), "fewer than 5", "{n}");
            assert_eq!(suppress(n).exact(), None);
            assert!(suppress(n).is_suppressed());
        }
        assert_eq!(suppress(1), suppress(4));
        assert_eq!(suppress(5).to_string(), "5");
        assert_eq!(suppress(5).exact(), Some(5));
        assert_eq!(suppress(6).to_string(), "6");
        assert_eq!(suppress(10_000).to_string(), "10000");
        assert!(!suppress(u64::MAX).is_suppressed());
    }

    #[test]
    fn positions() {
        for p in Position::ALL {
            assert_eq!(Position::parse(p.code()), Some(p));
        }
        assert_eq!(Position::default(), Position::NoResponse);
        let labels: Vec<&str> = Position::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            ["Supported", "Supported in part", "Noted", "No response"]
        );
        assert_eq!(Position::SupportedInPart.to_string(), "Supported in part");
        for bad in ["", "Supported", "accepted", "rejected", "supported in part"] {
            assert_eq!(Position::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn implementation_statuses() {
        for s in ImplementationStatus::ALL {
            assert_eq!(ImplementationStatus::parse(s.code()), Some(s));
        }
        let labels: Vec<&str> = ImplementationStatus::ALL
            .iter()
            .map(|s| s.label())
            .collect();
        assert_eq!(
            labels,
            [
                "Not implemented",
                "Partially implemented",
                "Fully implemented"
            ]
        );
        assert_eq!(ImplementationStatus::parse("partial"), None);
        assert_eq!(ImplementationStatus::parse(""), None);
    }

    #[test]
    fn matrix_columns_follow_the_ohchr_matrix() {
        assert_eq!(
            MATRIX_COLUMNS.join(", "),
            "number, recommendation, recommending party, position, themes, affected persons, \
             SDG targets, action category, assessment of implementation"
        );
    }
}
