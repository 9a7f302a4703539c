//! How long a hearing keeps its witnesses' contact details and attachments: a number of
//! days after it closes, set per hearing or taken from the configured default, and when
//! that time has come.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::hearing::HearingStatus;

/// The default number of days, when neither the hearing nor the settings give one.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest retention a hearing may ask for (about ten years).
pub const MAX_DAYS: i64 = 3650;

/// Days after closing, from 0 (right after closing) to [`MAX_DAYS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionDays(i32);

impl RetentionDays {
    /// Read what an organizer typed: empty means the default (`Ok(None)`); otherwise a
    /// whole number of days from 0 to [`MAX_DAYS`], or the message to show.
    pub fn parse(typed: &str) -> Result<Option<Self>, String> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        match typed.parse::<i64>() {
            Ok(n) if (0..=MAX_DAYS).contains(&n) => Ok(Some(Self(n as i32))),
            Ok(n) if n < 0 => Err(
                "Enter 0 or more days: 0 deletes contact details and attachments right after the hearing closes."
                    .into(),
            ),
            Ok(_) => Err(format!(
                "Enter at most {MAX_DAYS} days (about ten years), or leave it empty for the default."
            )),
            Err(_) => Err(format!(
                "Enter the number of days as a whole number from 0 to {MAX_DAYS}, for example 90, or leave it empty for the default."
            )),
        }
    }

    /// A stored value; out-of-range values (edited by hand) are brought into range.
    pub fn stored(days: i32) -> Self {
        Self(days.clamp(0, MAX_DAYS as i32))
    }

    pub fn days(self) -> i32 {
        self.0
    }
}

/// The days a hearing keeps contact details and attachments: its own, else the default.
pub fn effective_days(own: Option<i32>, default_days: i64) -> i64 {
    own.map(|d| i64::from(RetentionDays::stored(d).days()))
        .unwrap_or(default_days)
        .clamp(0, MAX_DAYS)
}

/// When a hearing closed, as far as retention is concerned, or `None` while it has not.
/// A closed or archived hearing closed when it was closed, or at the end of its window if
/// that came first (never later than witnesses were told); an open hearing whose window
/// has ended counts as closed from that end; a draft never closed.
pub fn closed_since(
    status: HearingStatus,
    closes_at: NaiveDateTime,
    closed_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    match status {
        HearingStatus::Draft => None,
        HearingStatus::Open => (closes_at <= now).then_some(closes_at),
        HearingStatus::Closed | HearingStatus::Archived => {
            Some(closed_at.map_or(closes_at, |c| c.min(closes_at)))
        }
    }
}

/// Whether the contact details and attachments of a hearing closed at `closed` are due
/// to go, `days` days later.
pub fn purge_due(closed: Option<NaiveDateTime>, days: i64, now: NaiveDateTime) -> bool {
    closed.is_some_and(|c| c + TimeDelta::days(days.clamp(0, MAX_DAYS)) <= now)
}

/// The day (in the hearing's time zone) by which contact details and attachments are
/// deleted, for a hearing whose window ends at `closes_at` (UTC).
pub fn deletion_day(closes_at: NaiveDateTime, zone: chrono_tz::Tz, days: i64) -> NaiveDate {
    use chrono::TimeZone as _;
    let closing_day = zone.from_utc_datetime(&closes_at).date_naive();
    closing_day + TimeDelta::days(days.clamp(0, MAX_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn parses_what_organizers_type() {
        assert_eq!(RetentionDays::parse(""), Ok(None));
        assert_eq!(RetentionDays::parse(" 0 "), Ok(Some(RetentionDays(0))));
        assert_eq!(RetentionDays::parse("3650"), Ok(Some(RetentionDays(3650))));
        assert!(
            RetentionDays::parse("-1")
                .unwrap_err()
                .contains("0 or more")
        );
        assert!(
            RetentionDays::parse("3651")
                .unwrap_err()
                .contains("at most")
        );
        assert!(
            RetentionDays::parse("ninety")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(RetentionDays::parse("1.5").is_err());
    }

    #[test]
    fn the_hearing_s_own_days_win_over_the_default() {
        assert_eq!(effective_days(None, 90), 90);
        assert_eq!(effective_days(Some(0), 90), 0);
        assert_eq!(effective_days(Some(99_999), 90), MAX_DAYS);
    }

    #[test]
    fn closing_is_the_earlier_of_closing_and_the_window_s_end() {
        let now = at("2027-01-10 12:00");
        let end = at("2027-01-01 00:00");
        assert_eq!(closed_since(HearingStatus::Draft, end, None, now), None);
        assert_eq!(closed_since(HearingStatus::Open, end, None, now), Some(end));
        assert_eq!(
            closed_since(HearingStatus::Open, at("2027-02-01 00:00"), None, now),
            None
        );
        let early = at("2026-12-20 00:00");
        assert_eq!(
            closed_since(HearingStatus::Closed, end, Some(early), now),
            Some(early)
        );
        assert_eq!(
            closed_since(HearingStatus::Archived, end, Some(now), now),
            Some(end)
        );
    }

    #[test]
    fn purge_comes_after_the_days_have_passed() {
        let closed = Some(at("2027-01-01 00:00"));
        assert!(!purge_due(closed, 10, at("2027-01-10 23:59")));
        assert!(purge_due(closed, 10, at("2027-01-11 00:00")));
        assert!(purge_due(closed, 0, at("2027-01-01 00:00")));
        assert!(!purge_due(None, 0, at("2030-01-01 00:00")));
    }

    #[test]
    fn the_deletion_day_is_counted_in_the_hearing_s_zone() {
        let zone: chrono_tz::Tz = "America/Chicago".parse().unwrap();
        // 03:00 UTC on 14 March is still 13 March in Chicago.
        let day = deletion_day(at("2027-03-14 03:00"), zone, 90);
        assert_eq!(day, NaiveDate::from_ymd_opt(2027, 6, 11).unwrap());
    }
}
