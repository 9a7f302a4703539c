//! Two-step sign-in rules: who the organisation requires it of, what a person may type in
//! the code field (a six-digit authenticator code or a recovery code), and the shape of
//! recovery codes. The codes themselves are computed in [`crate::crypto::totp`].

use rand::Rng as _;

/// How many recovery codes an account gets at a time.
pub const RECOVERY_CODES: usize = 10;

/// Letters of a recovery code: lowercase letters and digits that cannot be mistaken for
/// one another (no 0/o, 1/l/i).
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Characters in a recovery code, without its dashes (about 59 bits).
const RECOVERY_LEN: usize = 12;

/// Who must use two-step sign-in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Requirement {
    /// Nobody: each person chooses (the default).
    #[default]
    Nobody,
    /// Staff granted access to originals.
    Originals,
    /// Every staff account.
    AllStaff,
}

impl Requirement {
    /// Every choice, in the order the settings page offers them.
    pub const ALL: [Requirement; 3] = [
        Requirement::Nobody,
        Requirement::Originals,
        Requirement::AllStaff,
    ];

    /// The stored and submitted value.
    pub fn code(self) -> &'static str {
        match self {
            Requirement::Nobody => "nobody",
            Requirement::Originals => "originals",
            Requirement::AllStaff => "all",
        }
    }

    /// In words, for the settings page and the audit trail.
    pub fn label(self) -> &'static str {
        match self {
            Requirement::Nobody => "Nobody (each person chooses)",
            Requirement::Originals => "Staff granted access to originals",
            Requirement::AllStaff => "All staff",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether an account must use two-step sign-in, knowing whether it is granted access
    /// to originals.
    pub fn applies(self, granted: bool) -> bool {
        match self {
            Requirement::Nobody => false,
            Requirement::Originals => granted,
            Requirement::AllStaff => true,
        }
    }
}

/// What was typed in the code field, told apart by its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnteredCode {
    /// Nothing.
    Empty,
    /// Six digits from the authenticator app.
    Authenticator(String),
    /// Anything else: tried as a recovery code (normalised: lowercase, no spaces or dashes).
    Recovery(String),
}

impl EnteredCode {
    /// Read the field. Spaces and dashes are ignored, so "123 456" and "abcd-efgh-jkmn" work.
    pub fn parse(raw: &str) -> Self {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_lowercase();
        if compact.is_empty() {
            EnteredCode::Empty
        } else if compact.len() == 6 && compact.bytes().all(|b| b.is_ascii_digit()) {
            EnteredCode::Authenticator(compact)
        } else {
            EnteredCode::Recovery(compact)
        }
    }
}

/// A fresh recovery code as shown to the person: three groups of four characters.
pub fn new_recovery_code() -> String {
    let mut rng = rand::thread_rng();
    let chars: Vec<char> = (0..RECOVERY_LEN)
        .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_parse_back_and_apply() {
        for r in Requirement::ALL {
            assert_eq!(Requirement::parse(r.code()), Some(r));
        }
        assert_eq!(Requirement::parse("sometimes"), None);
        assert!(!Requirement::Nobody.applies(true));
        assert!(Requirement::Originals.applies(true));
        assert!(!Requirement::Originals.applies(false));
        assert!(Requirement::AllStaff.applies(false));
    }

    #[test]
    fn the_code_field_tells_codes_apart() {
        assert_eq!(EnteredCode::parse("  "), EnteredCode::Empty);
        assert_eq!(
            EnteredCode::parse("123 456"),
            EnteredCode::Authenticator("123456".into())
        );
        assert_eq!(
            EnteredCode::parse("ABCD-efgh-jkmn"),
            EnteredCode::Recovery("abcdefghjkmn".into())
        );
        assert_eq!(
            EnteredCode::parse("12345"),
            EnteredCode::Recovery("12345".into())
        );
    }

    #[test]
    fn recovery_codes_are_grouped_and_differ() {
        let a = new_recovery_code();
        assert_eq!(a.len(), 14);
        assert_eq!(a.matches('-').count(), 2);
        match EnteredCode::parse(&a) {
            EnteredCode::Recovery(c) => assert_eq!(c.len(), 12),
            other => panic!("{other:?}"),
        }
        assert_ne!(a, new_recovery_code());
    }
}
