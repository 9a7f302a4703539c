//! Slowing down guessing and flooding, without tracking anyone.
//!
//! A [`Policy`] says how many failures are free and how the wait grows after that.
//! [`MemoryThrottle`] applies it per client address, in memory only: addresses are never
//! written to disk or logs. Per-account login failures are kept in the database
//! (`db::throttle`) with the same policy, so that several instances share them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How attempts are slowed down.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Failures allowed before any wait.
    pub free: u32,
    /// The first wait; each further failure doubles it.
    pub base: Duration,
    /// The longest wait.
    pub max: Duration,
    /// Failures older than this are forgotten.
    pub forget_after: Duration,
}

impl Policy {
    /// Logins per account: 5 free tries, then 30 s doubling up to 1 hour. A thousand guesses take months.
    pub const LOGIN_ACCOUNT: Policy = Policy {
        free: 5,
        base: Duration::from_secs(30),
        max: Duration::from_secs(3600),
        forget_after: Duration::from_secs(24 * 3600),
    };
    /// Logins per client address: more generous (offices share addresses), same growth.
    pub const LOGIN_ADDRESS: Policy = Policy {
        free: 20,
        base: Duration::from_secs(30),
        max: Duration::from_secs(3600),
        forget_after: Duration::from_secs(24 * 3600),
    };
    /// Receipt checks per client address: wrong codes are slowed down, never locked out,
    /// because fifty witnesses at one venue may share an address and each must get in.
    ///
    /// Why slowing is enough: a receipt is 25 random digits, 10^25 ≈ 2^83 codes. After 10
    /// free failures each check waits 0.5 s, doubling to at most 4 s. Even an attacker
    /// holding 100 connections open at once gets 100 / 4 s = 25 guesses a second, about
    /// 7.9 × 10^8 a year. With 100,000 valid receipts in the database, the chance that
    /// any guess in that year opens one is 7.9 × 10^8 × 10^5 / 10^25 ≈ 8 × 10^-12.
    pub const RECEIPT_ADDRESS: Policy = Policy {
        free: 10,
        base: Duration::from_millis(500),
        max: Duration::from_secs(4),
        forget_after: Duration::from_secs(24 * 3600),
    };
    /// Testimony submissions per client address: a hearing's shared computer must still work.
    pub const SUBMIT_ADDRESS: Policy = Policy {
        free: 20,
        base: Duration::from_secs(60),
        max: Duration::from_secs(3600),
        forget_after: Duration::from_secs(3600),
    };
    /// Password-reset requests per client address.
    pub const RESET_ADDRESS: Policy = Policy {
        free: 5,
        base: Duration::from_secs(60),
        max: Duration::from_secs(3600),
        forget_after: Duration::from_secs(3600),
    };

    /// The wait after the `failures`-th failure, if any.
    pub fn delay(&self, failures: u32) -> Option<Duration> {
        if failures < self.free {
            return None;
        }
        let doublings = (failures - self.free).min(20);
        Some(self.base.saturating_mul(1 << doublings).min(self.max))
    }

    pub fn forget_after_chrono(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.forget_after).unwrap_or(chrono::Duration::days(1))
    }
}

struct Entry {
    failures: u32,
    locked_until: Option<Instant>,
    last: Instant,
}

/// Failure counts per key (a client address), in memory.
pub struct MemoryThrottle {
    policy: Policy,
    entries: Mutex<HashMap<String, Entry>>,
}

impl MemoryThrottle {
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(wait)` while the key is locked.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match entries.get(key).and_then(|e| e.locked_until) {
            Some(until) if until > Instant::now() => Err(until - Instant::now()),
            _ => Ok(()),
        }
    }

    /// Count a failure (or, for rate limits, an attempt).
    pub fn fail(&self, key: &str) {
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() > 100_000 {
            let forget = self.policy.forget_after;
            entries.retain(|_, e| now.duration_since(e.last) < forget);
        }
        let entry = entries.entry(key.to_string()).or_insert(Entry {
            failures: 0,
            locked_until: None,
            last: now,
        });
        if now.duration_since(entry.last) >= self.policy.forget_after {
            entry.failures = 0;
        }
        entry.failures = entry.failures.saturating_add(1);
        entry.last = now;
        entry.locked_until = self.policy.delay(entry.failures).map(|d| now + d);
    }

    /// How long to wait before the next attempt from this key is looked at (slowing
    /// down rather than refusing): the policy's delay for the failures counted so far.
    pub fn slowdown(&self, key: &str) -> Duration {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|e| e.last.elapsed() < self.policy.forget_after)
            .and_then(|e| self.policy.delay(e.failures))
            .unwrap_or_default()
    }

    /// Failures counted for a key.
    pub fn failures(&self, key: &str) -> u32 {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(key).map_or(0, |e| e.failures)
    }

    /// Forget a key's failures (only ever by time or by tests: a success never does, or
    /// one right answer would wipe out a guessing address's record).
    pub fn succeed(&self, key: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

/// Minutes to tell a person to wait, rounded up, at least one.
pub fn wait_minutes(wait: Duration) -> u64 {
    wait.as_secs().div_ceil(60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_cap() {
        let p = Policy::LOGIN_ACCOUNT;
        assert_eq!(p.delay(4), None);
        assert_eq!(p.delay(5), Some(Duration::from_secs(30)));
        assert_eq!(p.delay(6), Some(Duration::from_secs(60)));
        assert_eq!(p.delay(40), Some(Duration::from_secs(3600)));
        // A thousand guesses at one account, each made as soon as allowed, take weeks.
        let total: Duration = (1..=1000).filter_map(|n| p.delay(n)).sum();
        assert!(total > Duration::from_secs(30 * 24 * 3600));
    }

    #[test]
    fn receipt_checks_slow_down_and_stay_short() {
        let t = MemoryThrottle::new(Policy::RECEIPT_ADDRESS);
        for _ in 0..9 {
            t.fail("venue");
        }
        assert_eq!(t.slowdown("venue"), Duration::ZERO);
        t.fail("venue");
        assert_eq!(t.slowdown("venue"), Duration::from_millis(500));
        for _ in 0..100 {
            t.fail("venue");
        }
        assert_eq!(t.slowdown("venue"), Duration::from_secs(4), "never longer");
        assert_eq!(t.failures("venue"), 110);
    }

    #[test]
    fn memory_throttle_locks_after_free_failures() {
        let t = MemoryThrottle::new(Policy::LOGIN_ACCOUNT);
        for _ in 0..4 {
            t.fail("a");
            assert!(t.check("a").is_ok());
        }
        t.fail("a");
        assert!(t.check("a").is_err());
        assert!(t.check("b").is_ok());
        t.succeed("a");
        assert!(t.check("a").is_ok());
    }
}
