//! The vocabulary of testimony: who the witness is, where it stands, how it came in, when it happened.

use super::ids::UnknownCode;
use crate::i18n::Lang;

/// The witness's role (vocabulary of the project, section 8 of the UPR reference).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WitnessRole {
    DirectlyAffected,
    FamilyMember,
    Attorney,
    HealthWorker,
    Monitor,
    FaithLeader,
    CommunityOrganizer,
    Interpreter,
    Other,
}

impl WitnessRole {
    pub const ALL: [WitnessRole; 9] = [
        WitnessRole::DirectlyAffected,
        WitnessRole::FamilyMember,
        WitnessRole::Attorney,
        WitnessRole::HealthWorker,
        WitnessRole::Monitor,
        WitnessRole::FaithLeader,
        WitnessRole::CommunityOrganizer,
        WitnessRole::Interpreter,
        WitnessRole::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WitnessRole::DirectlyAffected => "directly-affected",
            WitnessRole::FamilyMember => "family-member",
            WitnessRole::Attorney => "attorney",
            WitnessRole::HealthWorker => "health-worker",
            WitnessRole::Monitor => "monitor",
            WitnessRole::FaithLeader => "faith-leader",
            WitnessRole::CommunityOrganizer => "community-organizer",
            WitnessRole::Interpreter => "interpreter",
            WitnessRole::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// The English name (staff pages); public pages use the message `role-{code}`.
    pub fn label(self) -> &'static str {
        match self {
            WitnessRole::DirectlyAffected => "Directly affected person",
            WitnessRole::FamilyMember => "Family member",
            WitnessRole::Attorney => "Attorney or legal representative",
            WitnessRole::HealthWorker => "Doctor or health worker",
            WitnessRole::Monitor => "Human rights monitor",
            WitnessRole::FaithLeader => "Faith leader",
            WitnessRole::CommunityOrganizer => "Community organizer",
            WitnessRole::Interpreter => "Interpreter",
            WitnessRole::Other => "Other",
        }
    }
}

/// Where a testimony stands in review. Withdrawal is not a review state: it is stored
/// once, as the time of withdrawal, and ends every use whatever the review state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewStatus {
    Received,
    InReview,
    Approved,
    Excluded,
    NeedsFollowUp,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 5] = [
        ReviewStatus::Received,
        ReviewStatus::InReview,
        ReviewStatus::Approved,
        ReviewStatus::Excluded,
        ReviewStatus::NeedsFollowUp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReviewStatus::Received => "received",
            ReviewStatus::InReview => "in_review",
            ReviewStatus::Approved => "approved",
            ReviewStatus::Excluded => "excluded",
            ReviewStatus::NeedsFollowUp => "needs_follow_up",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl TryFrom<String> for ReviewStatus {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Self, UnknownCode> {
        Self::parse(&code).ok_or(UnknownCode(code))
    }
}

/// Where a testimony stands, in the words the witness is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WitnessStatus {
    Received,
    InReview,
    Included,
    NotIncluded,
    Withdrawn,
}

impl WitnessStatus {
    /// What the witness is told for a review state and a withdrawal.
    pub fn of(status: ReviewStatus, withdrawn: bool) -> Self {
        if withdrawn {
            return WitnessStatus::Withdrawn;
        }
        match status {
            ReviewStatus::Received => WitnessStatus::Received,
            ReviewStatus::InReview | ReviewStatus::NeedsFollowUp => WitnessStatus::InReview,
            ReviewStatus::Approved => WitnessStatus::Included,
            ReviewStatus::Excluded => WitnessStatus::NotIncluded,
        }
    }

    /// The message key suffix (`status-{code}`).
    pub fn code(self) -> &'static str {
        match self {
            WitnessStatus::Received => "received",
            WitnessStatus::InReview => "in-review",
            WitnessStatus::Included => "included",
            WitnessStatus::NotIncluded => "not-included",
            WitnessStatus::Withdrawn => "withdrawn",
        }
    }
}

/// How the testimony reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intake {
    /// The witness used the public form.
    Online,
    /// A staff member entered it for the witness at a hearing.
    Assisted,
}

impl Intake {
    pub fn code(self) -> &'static str {
        match self {
            Intake::Online => "online",
            Intake::Assisted => "assisted",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Intake::Online, Intake::Assisted]
            .into_iter()
            .find(|i| i.code() == code)
    }
}

impl TryFrom<String> for Intake {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Self, UnknownCode> {
        Self::parse(&code).ok_or(UnknownCode(code))
    }
}

/// The language a testimony is written in: one the site speaks, or another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestimonyLanguage {
    Known(Lang),
    Other,
}

impl TestimonyLanguage {
    pub fn code(self) -> &'static str {
        match self {
            TestimonyLanguage::Known(l) => l.code(),
            TestimonyLanguage::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "other" => Some(TestimonyLanguage::Other),
            c => Lang::parse(c).map(TestimonyLanguage::Known),
        }
    }
}

impl TryFrom<String> for TestimonyLanguage {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Self, UnknownCode> {
        Self::parse(&code).ok_or(UnknownCode(code))
    }
}

impl TryFrom<String> for WitnessRole {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Self, UnknownCode> {
        Self::parse(&code).ok_or(UnknownCode(code))
    }
}

/// A month of a year, the precision witnesses are asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// Accepts `2024-03` (what `<input type="month">` sends), `03/2024`, `3/2024` or a bare year `2024` (January).
    pub fn parse(raw: &str) -> Option<Self> {
        let v = raw.trim();
        let (year, month) = if let Some((y, m)) = v.split_once('-') {
            (y.parse().ok()?, m.parse().ok()?)
        } else if let Some((m, y)) = v.split_once('/') {
            (y.parse().ok()?, m.parse().ok()?)
        } else {
            (v.parse().ok()?, 1)
        };
        ((1900..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// The stored form, `YYYY-MM`.
    pub fn code(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// When it happened: one month, or a range of months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: YearMonth,
    pub to: Option<YearMonth>,
}

/// Why a period was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodError {
    MissingFrom,
    BadFrom,
    BadTo,
    Reversed,
    Future,
}

impl Period {
    /// Parse the two form fields; `today` bounds it to the past.
    pub fn parse(from: &str, to: &str, today: chrono::NaiveDate) -> Result<Self, PeriodError> {
        use chrono::Datelike as _;
        if from.trim().is_empty() {
            return Err(PeriodError::MissingFrom);
        }
        let from = YearMonth::parse(from).ok_or(PeriodError::BadFrom)?;
        let to = match to.trim() {
            "" => None,
            t => Some(YearMonth::parse(t).ok_or(PeriodError::BadTo)?),
        };
        let now = YearMonth {
            year: today.year(),
            month: today.month(),
        };
        if to.is_some_and(|t| t < from) {
            return Err(PeriodError::Reversed);
        }
        if from > now || to.is_some_and(|t| t > now) {
            return Err(PeriodError::Future);
        }
        Ok(Self {
            from,
            to: to.filter(|t| *t != from),
        })
    }
}

/// Longest testimony, in characters (said on the form).
pub const MAX_TESTIMONY_CHARS: usize = 50_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_common_forms() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let p = Period::parse("2024-03", "", today).unwrap();
        assert_eq!(p.from.code(), "2024-03");
        assert_eq!(p.to, None);
        let p = Period::parse("3/2024", "2025-01", today).unwrap();
        assert_eq!(p.to.unwrap().code(), "2025-01");
        assert_eq!(Period::parse("", "", today), Err(PeriodError::MissingFrom));
        assert_eq!(
            Period::parse("2025-13", "", today),
            Err(PeriodError::BadFrom)
        );
        assert_eq!(
            Period::parse("2025-01", "2024-01", today),
            Err(PeriodError::Reversed)
        );
        assert_eq!(
            Period::parse("2027-01", "", today),
            Err(PeriodError::Future)
        );
    }

    #[test]
    fn codes_round_trip() {
        for r in WitnessRole::ALL {
            assert_eq!(WitnessRole::parse(r.code()), Some(r));
        }
        for s in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::parse(s.code()), Some(s));
            assert_eq!(
                WitnessStatus::of(s, true),
                WitnessStatus::Withdrawn,
                "withdrawal wins over every review state"
            );
        }
    }
}
