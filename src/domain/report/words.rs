//! Word counts for the OHCHR stakeholder submission limits.

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
