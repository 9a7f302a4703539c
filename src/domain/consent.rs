//! What a witness allows to be done with their testimony.
//!
//! Consent is a set of scopes. Some scopes only have effect together with another
//! (a quote is a use in the report), and withdrawal voids all of them: every output asks
//! [`Consent::permits`], never the raw set.

use std::collections::BTreeSet;
use std::fmt;

/// One thing a witness may allow. None is ever assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConsentScope {
    /// Use my testimony in the published report, anonymously (summary or quote).
    PublishAnonymously,
    /// Quote my words verbatim.
    QuoteVerbatim,
    /// Name me where my words are used.
    Attribute,
    /// Share my testimony with UN human-rights mechanisms.
    ShareWithUn,
    /// Contact me for follow-up.
    ContactForFollowUp,
    /// Share with journalists and media.
    ShareWithMedia,
}

impl ConsentScope {
    pub const ALL: [ConsentScope; 6] = [
        ConsentScope::PublishAnonymously,
        ConsentScope::QuoteVerbatim,
        ConsentScope::Attribute,
        ConsentScope::ShareWithUn,
        ConsentScope::ContactForFollowUp,
        ConsentScope::ShareWithMedia,
    ];

    /// The stored code, also the form field value.
    pub fn code(self) -> &'static str {
        match self {
            ConsentScope::PublishAnonymously => "publish",
            ConsentScope::QuoteVerbatim => "quote",
            ConsentScope::Attribute => "attribute",
            ConsentScope::ShareWithUn => "share_un",
            ConsentScope::ContactForFollowUp => "contact",
            ConsentScope::ShareWithMedia => "media",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    /// The scope this one depends on to have any effect.
    pub fn requires(self) -> Option<ConsentScope> {
        match self {
            ConsentScope::QuoteVerbatim | ConsentScope::Attribute => {
                Some(ConsentScope::PublishAnonymously)
            }
            _ => None,
        }
    }
}

/// The scopes a witness ticked, exactly as chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsentSet(BTreeSet<ConsentScope>);

impl ConsentSet {
    pub fn new(scopes: impl IntoIterator<Item = ConsentScope>) -> Self {
        Self(scopes.into_iter().collect())
    }

    /// Parse stored or submitted codes; unknown codes are an error, not silently dropped.
    pub fn parse_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut set = BTreeSet::new();
        for code in codes.into_iter().map(str::trim).filter(|c| !c.is_empty()) {
            set.insert(
                ConsentScope::parse(code)
                    .ok_or_else(|| format!("unknown consent scope `{code}`"))?,
            );
        }
        Ok(Self(set))
    }

    /// The storage form: codes joined by commas, in a fixed order.
    pub fn to_codes(&self) -> String {
        self.0
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn from_codes(stored: &str) -> Result<Self, String> {
        Self::parse_codes(stored.split(','))
    }

    pub fn contains(&self, scope: ConsentScope) -> bool {
        self.0.contains(&scope)
    }

    pub fn iter(&self) -> impl Iterator<Item = ConsentScope> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ConsentSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_codes())
    }
}

/// A witness's consent as it stands: the chosen scopes and whether the testimony was withdrawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    chosen: ConsentSet,
    withdrawn: bool,
}

impl Consent {
    pub fn new(chosen: ConsentSet, withdrawn: bool) -> Self {
        Self { chosen, withdrawn }
    }

    /// Whether this use is allowed now: chosen, its prerequisite chosen, and not withdrawn.
    pub fn permits(&self, scope: ConsentScope) -> bool {
        !self.withdrawn
            && self.chosen.contains(scope)
            && scope.requires().is_none_or(|r| self.chosen.contains(r))
    }

    pub fn chosen(&self) -> &ConsentSet {
        &self.chosen
    }

    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn
    }
}

/// How consent was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentMethod {
    /// Ticked by the witness on the public form or the check page.
    Online,
    /// Said aloud to a staff member at a hearing.
    Spoken,
    /// Signed on paper at a hearing.
    Written,
}

impl ConsentMethod {
    pub fn code(self) -> &'static str {
        match self {
            ConsentMethod::Online => "online",
            ConsentMethod::Spoken => "spoken",
            ConsentMethod::Written => "written",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        [Self::Online, Self::Spoken, Self::Written]
            .into_iter()
            .find(|m| m.code() == code.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_round_trips_through_storage() {
        for mask in 0u32..64 {
            let set = ConsentSet::new(
                ConsentScope::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, s)| s),
            );
            assert_eq!(ConsentSet::from_codes(&set.to_codes()).unwrap(), set);
        }
    }

    #[test]
    fn quotes_need_publication_and_withdrawal_voids_all() {
        let quote_only = Consent::new(ConsentSet::new([ConsentScope::QuoteVerbatim]), false);
        assert!(!quote_only.permits(ConsentScope::QuoteVerbatim));
        let both = ConsentSet::new([
            ConsentScope::PublishAnonymously,
            ConsentScope::QuoteVerbatim,
        ]);
        assert!(Consent::new(both.clone(), false).permits(ConsentScope::QuoteVerbatim));
        let withdrawn = Consent::new(both, true);
        assert!(ConsentScope::ALL.iter().all(|s| !withdrawn.permits(*s)));
    }

    #[test]
    fn unknown_codes_are_refused() {
        assert!(ConsentSet::parse_codes(["publish", "sell"]).is_err());
        assert!(ConsentSet::from_codes("").unwrap().is_empty());
    }
}
