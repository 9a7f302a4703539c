//! What a witness asked to be removed from anything made from their testimony.
//!
//! The request is stored beside the original text, which is never edited; every later
//! output derives its text by applying it.

/// The witness's redaction request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedactionRequest {
    /// Remove my name.
    pub name: bool,
    /// Remove places that could identify me.
    pub places: bool,
    /// Remove the names of other people.
    pub other_names: bool,
    /// Remove dates.
    pub dates: bool,
    /// Words or phrases to remove wherever they appear.
    pub terms: Vec<String>,
}

/// Most terms a witness may list.
pub const MAX_TERMS: usize = 50;
/// Longest term, in characters.
pub const MAX_TERM_CHARS: usize = 200;

/// Why a list of terms was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermsError {
    TooMany,
    TooLong,
}

impl RedactionRequest {
    /// Parse the free list: one word or phrase per line (commas also separate), blanks
    /// dropped, duplicates removed (ignoring case), order kept.
    pub fn parse_terms(raw: &str) -> Result<Vec<String>, TermsError> {
        let mut out: Vec<String> = Vec::new();
        for term in raw
            .split(['\n', ',', ';'])
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            if term.chars().count() > MAX_TERM_CHARS {
                return Err(TermsError::TooLong);
            }
            if !out.iter().any(|t| t.to_lowercase() == term.to_lowercase()) {
                out.push(term.to_string());
            }
        }
        if out.len() > MAX_TERMS {
            return Err(TermsError::TooMany);
        }
        Ok(out)
    }

    /// The terms as stored (one per line, before encryption).
    pub fn terms_text(&self) -> String {
        self.terms.join("\n")
    }

    /// Whether the witness asked for anything at all.
    pub fn is_empty(&self) -> bool {
        !self.name && !self.places && !self.other_names && !self.dates && self.terms.is_empty()
    }

    /// Merge in more terms (a witness adding to their request later).
    pub fn add_terms(&mut self, more: Vec<String>) {
        for term in more {
            if !self
                .terms
                .iter()
                .any(|t| t.to_lowercase() == term.to_lowercase())
            {
                self.terms.push(term);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_split_trimmed_and_deduplicated() {
        let terms = RedactionRequest::parse_terms("  Rosa \nEl Paso, rosa\n\n;Calle 5").unwrap();
        assert_eq!(terms, vec!["Rosa", "El Paso", "Calle 5"]);
    }

    #[test]
    fn limits_are_enforced() {
        assert_eq!(
            RedactionRequest::parse_terms(&"x".repeat(MAX_TERM_CHARS + 1)),
            Err(TermsError::TooLong)
        );
        let many: Vec<String> = (0..=MAX_TERMS).map(|i| format!("t{i}")).collect();
        assert_eq!(
            RedactionRequest::parse_terms(&many.join("\n")),
            Err(TermsError::TooMany)
        );
    }
}
