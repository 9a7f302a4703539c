//! Action categories and the leading verb of a recommendation (the UPR Info scale).

use std::fmt;

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
pub(super) struct VerbEntry {
    pub(super) words: &'static [&'static str],
    /// How many words may stand between the first and the last word of the verb, as
    /// "take all necessary measures" stands for "take measures".
    qualifiers: usize,
    pub(super) category: ActionCategory,
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
pub(super) const VERB_TABLE: &[VerbEntry] = {
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
