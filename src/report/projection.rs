//! The publishable projection of a testimony: all a report may know of it.
//!
//! [`PublishableTestimony::admit`] is the only way to make one, and it admits only
//! testimony that is approved, not withdrawn, and consented for use in a report. The
//! type has no field that could hold an original text, a sealed value or a contact
//! detail; excerpts are copies of redacted text; a name is present only where the
//! witness's current consent allows attribution. Leaking through a report therefore
//! needs a change to these types, not a slip in a renderer.

use chrono::NaiveDateTime;

use crate::domain::consent::{Consent, ConsentScope};
use crate::domain::testimony::{ReviewStatus, WitnessRole};

/// What the database knows of a testimony that a report might use: no text, no identity.
#[derive(Clone, Debug)]
pub struct TestimonyFacts {
    pub id: String,
    pub hearing_id: String,
    pub status: ReviewStatus,
    pub withdrawn: bool,
    /// The consent in force (voided by withdrawal).
    pub consent: Consent,
    /// The consent record in force, for the manifest.
    pub consent_record_id: Option<String>,
    pub role: WitnessRole,
    /// Theme labels (the editor's tags, or the witness's themes before tagging).
    pub themes: Vec<String>,
    /// Where it happened, at the level of a State ("Texas").
    pub place: String,
    /// The language's English name ("Spanish").
    pub language: String,
    pub submitted_at: NaiveDateTime,
    /// The current redacted version of the original, for the manifest.
    pub redacted_version_id: Option<String>,
}

/// An excerpt as stored: a copy of redacted words.
#[derive(Clone, Debug)]
pub struct ExcerptFacts {
    pub id: String,
    pub body: String,
    /// Not invalidated by a consent, redaction or withdrawal change.
    pub valid: bool,
    /// The editor asked to name the witness.
    pub attributed: bool,
    pub translated: bool,
    /// The consent record the excerpt was allowed by.
    pub consent_record_id: Option<String>,
}

/// A witness's name, opened in a granted editor's session, for an attributed quote.
#[derive(Clone, PartialEq, Eq)]
pub struct AttributionName(String);

impl AttributionName {
    /// A name opened from the sealed identity; blank names are none.
    pub fn new(name: &str) -> Option<Self> {
        let name = name.trim();
        (!name.is_empty()).then(|| Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for AttributionName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AttributionName(..)")
    }
}

/// Who the words of a quote are given to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attribution {
    /// By role only ("an attorney or legal representative").
    Role,
    /// By name: the witness consented to be named.
    Named(AttributionName),
    /// The witness consented to be named, but the name is sealed and was not opened
    /// (a draft compiled without access to originals). Publishing opens it.
    NamePending,
}

/// A quotable excerpt of publishable testimony.
#[derive(Clone, Debug)]
pub struct PublishableExcerpt {
    pub id: String,
    pub text: String,
    pub attribution: Attribution,
    pub translated: bool,
}

/// Why a testimony may not be used in a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Exclusion {
    #[error("not approved in review")]
    NotApproved,
    #[error("withdrawn by the witness")]
    Withdrawn,
    #[error("the witness has not consented to its use in a report")]
    NoReportConsent,
}

/// A testimony as a report may use it.
#[derive(Clone, Debug)]
pub struct PublishableTestimony {
    id: String,
    hearing_id: String,
    role: WitnessRole,
    themes: Vec<String>,
    place: String,
    language: String,
    submitted_at: NaiveDateTime,
    consent_record_id: String,
    redacted_version_id: Option<String>,
    excerpts: Vec<PublishableExcerpt>,
}

impl PublishableTestimony {
    /// Admit a testimony, keeping only excerpts its current consent allows (quotation,
    /// given under the record in force) and names only with attribution consent.
    /// `name` is the opened name, when a granted session opened it.
    pub fn admit(
        facts: TestimonyFacts,
        excerpts: Vec<ExcerptFacts>,
        name: Option<AttributionName>,
    ) -> Result<Self, Exclusion> {
        if facts.withdrawn {
            return Err(Exclusion::Withdrawn);
        }
        if facts.status != ReviewStatus::Approved {
            return Err(Exclusion::NotApproved);
        }
        let consent = &facts.consent;
        let Some(record) = facts
            .consent_record_id
            .filter(|_| consent.permits(ConsentScope::PublishAnonymously))
        else {
            return Err(Exclusion::NoReportConsent);
        };
        let may_quote = consent.permits(ConsentScope::QuoteVerbatim);
        let may_name = consent.permits(ConsentScope::Attribute);
        let excerpts = excerpts
            .into_iter()
            .filter(|e| may_quote && e.valid && e.consent_record_id.as_deref() == Some(&record))
            .filter(|e| !e.body.trim().is_empty())
            .map(|e| PublishableExcerpt {
                attribution: match (e.attributed && may_name, &name) {
                    (false, _) => Attribution::Role,
                    (true, Some(n)) => Attribution::Named(n.clone()),
                    (true, None) => Attribution::NamePending,
                },
                id: e.id,
                text: e.body,
                translated: e.translated,
            })
            .collect();
        Ok(Self {
            id: facts.id,
            hearing_id: facts.hearing_id,
            role: facts.role,
            themes: facts.themes,
            place: facts.place,
            language: facts.language,
            submitted_at: facts.submitted_at,
            consent_record_id: record,
            redacted_version_id: facts.redacted_version_id,
            excerpts,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The short public reference, "T-1a2b3c4d".
    pub fn reference(&self) -> String {
        format!("T-{}", self.id.chars().take(8).collect::<String>())
    }

    pub fn hearing_id(&self) -> &str {
        &self.hearing_id
    }

    pub fn role(&self) -> WitnessRole {
        self.role
    }

    pub fn themes(&self) -> &[String] {
        &self.themes
    }

    pub fn place(&self) -> &str {
        &self.place
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    pub fn submitted_at(&self) -> NaiveDateTime {
        self.submitted_at
    }

    pub fn consent_record_id(&self) -> &str {
        &self.consent_record_id
    }

    pub fn redacted_version_id(&self) -> Option<&str> {
        self.redacted_version_id.as_deref()
    }

    pub fn excerpts(&self) -> &[PublishableExcerpt] {
        &self.excerpts
    }

    /// Whether any of its quotes names the witness (or will, once published).
    pub fn names_witness(&self) -> bool {
        self.excerpts
            .iter()
            .any(|e| e.attribution != Attribution::Role)
    }
}
