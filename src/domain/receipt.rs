//! Receipt codes: what a witness writes down to come back to their testimony.
//!
//! 25 random digits (83 bits) in five groups of five: language-neutral, easy to read
//! aloud and to copy by hand. Only a keyed hash is stored; a lost code cannot be recovered.

use rand::Rng as _;
use std::fmt;

const DIGITS: usize = 25;
const GROUP: usize = 5;

/// A well-formed receipt code.
#[derive(Clone, PartialEq, Eq)]
pub struct Receipt(String);

impl Receipt {
    /// A new random code.
    pub fn generate() -> Self {
        let mut rng = rand::rngs::OsRng;
        Self(
            (0..DIGITS)
                .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
                .collect(),
        )
    }

    /// Read a code as a person typed it: spaces, dashes and dots are ignored.
    pub fn parse(raw: &str) -> Option<Self> {
        let digits: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{a0}' | '\t'))
            .collect();
        (digits.len() == DIGITS && digits.chars().all(|c| c.is_ascii_digit()))
            .then_some(Self(digits))
    }

    /// The digits only: what is hashed.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The five groups of five digits, to show each unbroken.
    pub fn groups(&self) -> Vec<&str> {
        // The code is ASCII digits only, so every chunk is a character boundary.
        (0..DIGITS)
            .step_by(GROUP)
            .filter_map(|i| self.0.get(i..i + GROUP))
            .collect()
    }

    /// The code in groups, as shown to the witness: `12345-67890-...`.
    pub fn display(&self) -> String {
        self.groups().join("-")
    }
}

impl fmt::Debug for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receipt(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_have_enough_entropy_and_parse_back() {
        let r = Receipt::generate();
        assert!(DIGITS as f64 * 10f64.log2() >= 80.0);
        assert_eq!(r.display().len(), DIGITS + DIGITS / GROUP - 1);
        assert_eq!(r.groups().len(), DIGITS / GROUP);
        assert_eq!(r.groups().concat(), r.digits());
        assert_eq!(Receipt::parse(&r.display()), Some(r.clone()));
        assert_eq!(Receipt::parse(&r.display().replace('-', " ")), Some(r));
        assert_ne!(Receipt::generate(), Receipt::generate());
    }

    #[test]
    fn malformed_codes_are_refused() {
        assert!(Receipt::parse("12345").is_none());
        assert!(Receipt::parse(&"a".repeat(25)).is_none());
        assert!(Receipt::parse(&"1".repeat(26)).is_none());
    }
}
