//! Hearings: their lifecycle, submission window, public address and languages.

use chrono::NaiveDateTime;

/// Where a hearing is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HearingStatus {
    Draft,
    Open,
    Closed,
    Archived,
}

impl HearingStatus {
    pub const ALL: [HearingStatus; 4] = [
        HearingStatus::Draft,
        HearingStatus::Open,
        HearingStatus::Closed,
        HearingStatus::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HearingStatus::Draft => "draft",
            HearingStatus::Open => "open",
            HearingStatus::Closed => "closed",
            HearingStatus::Archived => "archived",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            HearingStatus::Draft => "Draft",
            HearingStatus::Open => "Open",
            HearingStatus::Closed => "Closed",
            HearingStatus::Archived => "Archived",
        }
    }

    /// The statuses this one may move to: draft → open → closed → archived, and a closed
    /// hearing may be reopened.
    pub fn next(self) -> &'static [HearingStatus] {
        match self {
            HearingStatus::Draft => &[HearingStatus::Open],
            HearingStatus::Open => &[HearingStatus::Closed],
            HearingStatus::Closed => &[HearingStatus::Open, HearingStatus::Archived],
            HearingStatus::Archived => &[],
        }
    }

    pub fn can_move_to(self, to: HearingStatus) -> bool {
        self.next().contains(&to)
    }

    /// Whether the public can see the hearing's page at all.
    pub fn is_public(self) -> bool {
        matches!(self, HearingStatus::Open | HearingStatus::Closed)
    }
}

/// The time zones a hearing can be in: the IANA name, and how organizers know it.
pub const TIME_ZONES: &[(&str, &str)] = &[
    ("America/New_York", "Eastern (New York, Miami, Atlanta)"),
    ("America/Chicago", "Central (Chicago, Houston, San Antonio)"),
    ("America/Denver", "Mountain (Denver, El Paso, Albuquerque)"),
    ("America/Phoenix", "Arizona (Phoenix, Tucson)"),
    (
        "America/Los_Angeles",
        "Pacific (Los Angeles, San Diego, Seattle)",
    ),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    (
        "America/Puerto_Rico",
        "Atlantic (Puerto Rico, US Virgin Islands)",
    ),
    ("UTC", "UTC (Coordinated Universal Time)"),
];

impl TryFrom<String> for HearingStatus {
    type Error = super::ids::UnknownCode;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Self::parse(&code).ok_or(super::ids::UnknownCode(code))
    }
}

/// Whether testimony is accepted now, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acceptance {
    Accepting,
    NotOpenYet,
    Closed,
}

/// Testimony is accepted only when the hearing is open and now is inside its window.
pub fn acceptance(
    status: HearingStatus,
    opens_at: NaiveDateTime,
    closes_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Acceptance {
    match status {
        HearingStatus::Open if now < opens_at => Acceptance::NotOpenYet,
        HearingStatus::Open if now >= closes_at => Acceptance::Closed,
        HearingStatus::Open => Acceptance::Accepting,
        HearingStatus::Draft => Acceptance::NotOpenYet,
        HearingStatus::Closed | HearingStatus::Archived => Acceptance::Closed,
    }
}

/// Make a readable public address from a title: lower case ASCII words joined by dashes.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(80).collect();
    slug.trim_end_matches('-').to_string()
}

fn fold_accent(c: char) -> Vec<char> {
    let folded = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        other => other,
    };
    vec![folded]
}

/// Check a slug typed by a person.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn lifecycle_moves_forward_only_as_allowed() {
        use HearingStatus::*;
        assert!(Draft.can_move_to(Open));
        assert!(!Draft.can_move_to(Archived));
        assert!(Open.can_move_to(Closed));
        assert!(Closed.can_move_to(Open));
        assert!(Archived.next().is_empty());
    }

    #[test]
    fn only_open_hearings_inside_the_window_accept() {
        let (o, c) = (t("2026-01-01 00:00"), t("2026-02-01 00:00"));
        use HearingStatus::*;
        assert_eq!(
            acceptance(Open, o, c, t("2026-01-15 12:00")),
            Acceptance::Accepting
        );
        assert_eq!(
            acceptance(Open, o, c, t("2025-12-31 23:59")),
            Acceptance::NotOpenYet
        );
        assert_eq!(
            acceptance(Open, o, c, t("2026-02-01 00:00")),
            Acceptance::Closed
        );
        assert_eq!(
            acceptance(Closed, o, c, t("2026-01-15 12:00")),
            Acceptance::Closed
        );
        assert_eq!(
            acceptance(Draft, o, c, t("2026-01-15 12:00")),
            Acceptance::NotOpenYet
        );
    }

    #[test]
    fn slugs_are_readable() {
        assert_eq!(
            slugify("Audiencia en El Paso, Texas — 2026"),
            "audiencia-en-el-paso-texas-2026"
        );
        assert_eq!(slugify("  Niños & familias "), "ninos-familias");
        assert!(valid_slug("el-paso-2026"));
        assert!(!valid_slug("El Paso"));
        assert!(!valid_slug("-x"));
    }
}
