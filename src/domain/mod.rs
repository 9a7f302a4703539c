//! Pure types and rules of the domain, with no I/O: staff roles, witness consent,
//! redaction requests, receipts, submitting a form once, hearings and testimony vocabulary,
//! and the rules of reports.
//!
//! Types carry the rules: a value of these types has already been checked.

pub mod account;
pub mod audit;
pub mod consent;
pub mod hearing;
pub mod ids;
pub mod organisation;
pub mod pii;
pub mod receipt;
pub mod redaction;
pub mod report;
pub mod retention;
pub mod review;
pub mod submission;
pub mod testimony;
pub mod text;
pub mod two_step;

/// A message for a form field: which field, and the message key or text to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's name (and the id of its input).
    pub field: &'static str,
    /// What went wrong, in words a person can act on (or a message key on public pages).
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// The errors of one form submission.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The first message for a field, if any (templates show it beside the input).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }
    /// `Err(self)` when there are errors.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// Check a required free-text field: trimmed, not empty, at most `max` characters.
pub fn required_text(
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
    max: usize,
    empty_msg: &str,
    long_msg: &str,
) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, empty_msg);
    } else if v.chars().count() > max {
        errors.add(field, long_msg);
    }
    v.to_string()
}

/// Text as typed, made safe to store and show: control characters are removed (a NUL
/// cannot be stored by PostgreSQL, and none has a place in testimony), except tabs and
/// line breaks; Windows line endings become plain ones.
pub fn clean_input(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_removed_but_lines_kept() {
        assert_eq!(
            super::clean_input("a\0b\u{1b}[31mc\r\nd\re\tf\u{7f}"),
            "ab[31mc\nd\ne\tf"
        );
        assert_eq!(super::clean_input("José\u{0}"), "José");
    }
}
