//! Submitting a testimony form once.
//!
//! Each rendering of the form carries a random [`SubmissionKey`]. A testimony remembers
//! only a keyed hash of it, so the same form posted again (a double tap, a slow
//! connection, going back and sending again) never makes a second testimony. For
//! [`RECEIPT_KEPT_MINUTES`] after a submission its receipt is kept, sealed under the key,
//! to answer such a repeat with the same receipt and to show the receipt page again;
//! after that it is gone for good.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use rand::RngCore as _;

/// How long a receipt stays viewable (and a repeat of its form is answered with it).
pub const RECEIPT_KEPT_MINUTES: i64 = 15;

/// Bytes of randomness in a submission key.
const KEY_BYTES: usize = 32;

/// The key of one rendering of the testimony form: 256 random bits in base64url.
#[derive(Clone, PartialEq, Eq)]
pub struct SubmissionKey(String);

impl SubmissionKey {
    /// A new key, for a form about to be shown.
    pub fn generate() -> Self {
        let mut bytes = [0u8; KEY_BYTES];
        rand::thread_rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Read a key as a form sent it; anything but 32 bytes in unpadded base64url is refused.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
        (bytes.len() == KEY_BYTES).then(|| Self(raw.to_string()))
    }

    /// The key as the form carries it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SubmissionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SubmissionKey(..)")
    }
}

/// Until when the receipt of a submission made at `submitted_at` is kept.
pub fn receipt_kept_until(submitted_at: NaiveDateTime) -> NaiveDateTime {
    submitted_at + chrono::Duration::minutes(RECEIPT_KEPT_MINUTES)
}

/// Whether the receipt of a submission made at `submitted_at` may still be shown at `now`.
pub fn receipt_viewable(submitted_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    now < receipt_kept_until(submitted_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_parse_back() {
        let key = SubmissionKey::generate();
        assert_eq!(key.as_str().len(), 43);
        assert_eq!(SubmissionKey::parse(key.as_str()), Some(key.clone()));
        assert_ne!(SubmissionKey::generate(), key);
        assert_eq!(format!("{key:?}"), "SubmissionKey(..)");
    }

    #[test]
    fn malformed_keys_are_refused() {
        for raw in ["", "abc", &"A".repeat(44), &"!".repeat(43), &"A".repeat(42)] {
            assert!(SubmissionKey::parse(raw).is_none(), "{raw}");
        }
    }

    #[test]
    fn a_receipt_is_viewable_for_fifteen_minutes_after_submission() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let later = |secs: i64| at + chrono::Duration::seconds(secs);
        assert!(receipt_viewable(at, at));
        assert!(receipt_viewable(at, later(14 * 60 + 59)));
        assert!(!receipt_viewable(at, later(15 * 60)));
        assert!(!receipt_viewable(at, later(3600)));
        // A clock a little behind (another server) does not end it early.
        assert!(receipt_viewable(at, later(-30)));
    }
}
