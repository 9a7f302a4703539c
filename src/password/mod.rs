//! Password hashing with Argon2id at one of the costs OWASP recommends (7 MiB, 5 passes,
//! 1 lane: the same work as 19 MiB and 2 passes, in less memory). Always called off the
//! async workers (`web::block`); the work itself runs in the [slow lane](slow_lane), below
//! the priority of everything else the server does.

pub mod slow_lane;

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// What one Argon2id computation costs: memory and passes over it (always one lane).
///
/// OWASP lists five settings of equal strength, from 46 MiB and 1 pass to 7 MiB and 5
/// passes. The server takes the last: each sign-in holds 7 MiB rather than 19 for the
/// same time, so many at once take less of the server's memory and of the processor's
/// cache that the pages share. Password hashes carry their cost in them, and a staff key
/// is stored with the cost it was wrapped with, so what was made at 19 MiB still opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    memory_kib: u32,
    passes: u32,
}

impl Cost {
    /// The cost of everything hashed or wrapped now.
    pub const CURRENT: Cost = Cost {
        memory_kib: 7 * 1024,
        passes: 5,
    };
    /// The cost staff keys were wrapped with before it was stored beside them.
    pub const EARLIER: Cost = Cost {
        memory_kib: 19 * 1024,
        passes: 2,
    };

    /// A cost as read from the database; `None` for one outside what this server makes
    /// or made (a damaged row must not make it allocate gigabytes).
    pub fn stored(memory_kib: i32, passes: i32) -> Option<Cost> {
        let memory_kib = u32::try_from(memory_kib).ok()?;
        let passes = u32::try_from(passes).ok()?;
        ((1024..=64 * 1024).contains(&memory_kib) && (1..=10).contains(&passes))
            .then_some(Cost { memory_kib, passes })
    }

    /// Memory in KiB, as stored.
    pub fn memory_kib_stored(self) -> i32 {
        i32::try_from(self.memory_kib).unwrap_or(i32::MAX)
    }

    /// Passes, as stored.
    pub fn passes_stored(self) -> i32 {
        i32::try_from(self.passes).unwrap_or(i32::MAX)
    }

    /// Argon2id at this cost, giving `output_len` bytes (`None`: the hash's default).
    pub fn argon2(self, output_len: Option<usize>) -> Option<Argon2<'static>> {
        let params = Params::new(self.memory_kib, self.passes, 1, output_len).ok()?;
        Some(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

fn argon2() -> Argon2<'static> {
    #[allow(clippy::expect_used)] // Constant, valid parameters.
    Cost::CURRENT.argon2(None).expect("valid Argon2 parameters")
}

/// Hash a password for storage (PHC string with salt and parameters).
pub fn hash(password: &str) -> anyhow::Result<String> {
    let password = zeroize::Zeroizing::new(password.to_string());
    slow_lane::run(move || hash_here(&password))
        .unwrap_or_else(|| Err(anyhow::anyhow!("the password thread did not answer")))
}

fn hash_here(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

/// Check a password against a stored hash. A malformed hash never matches.
pub fn verify(stored: &str, password: &str) -> bool {
    let stored = stored.to_string();
    let password = zeroize::Zeroizing::new(password.to_string());
    slow_lane::run(move || verify_here(&stored, &password)).unwrap_or(false)
}

fn verify_here(stored: &str, password: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Whether a stored hash was made at the current cost; one made at an earlier cost (or
/// unreadable) is made again at the next successful sign-in, while the password is known.
pub fn is_current(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    parsed.algorithm == Algorithm::Argon2id.ident()
        && params.m_cost() == Cost::CURRENT.memory_kib
        && params.t_cost() == Cost::CURRENT.passes
        && params.p_cost() == 1
}

/// A hash to verify against when the account does not exist, so that unknown and known
/// emails take the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash("no account has this password, it only costs time").unwrap_or_default()
    })
}

/// Hash on the blocking pool.
pub async fn hash_blocking(password: String) -> Result<String, crate::error::AppError> {
    actix_web::web::block(move || hash(&password))
        .await
        .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("hashing task failed: {e}")))?
        .map_err(crate::error::AppError::Internal)
}

/// Verify on the blocking pool; `None` as the stored hash verifies against the dummy.
pub async fn verify_blocking(
    stored: Option<String>,
    password: String,
) -> Result<bool, crate::error::AppError> {
    actix_web::web::block(move || {
        let hash = stored.as_deref().unwrap_or_else(|| dummy_hash());
        let ok = verify(hash, &password);
        ok && stored.is_some()
    })
    .await
    .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("verification task failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_use_argon2id_owasp_parameters() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"), "{h}");
        assert!(verify(&h, "correct horse battery"));
        assert!(!verify(&h, "wrong"));
        assert!(!verify("not a hash", "x"));
        assert!(!verify(dummy_hash(), "anything"));
    }

    #[test]
    fn a_hash_made_at_the_earlier_cost_still_verifies() {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let earlier = Cost::EARLIER
            .argon2(None)
            .unwrap()
            .hash_password(b"correct horse battery", &salt)
            .unwrap()
            .to_string();
        assert!(earlier.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify(&earlier, "correct horse battery"));
        assert!(!verify(&earlier, "wrong"));
        assert!(!is_current(&earlier));
        assert!(is_current(&hash("correct horse battery").unwrap()));
        assert!(!is_current("not a hash"));
    }

    #[test]
    fn only_costs_the_server_could_have_made_are_read_back() {
        assert_eq!(Cost::stored(19456, 2), Some(Cost::EARLIER));
        assert_eq!(Cost::stored(7168, 5), Some(Cost::CURRENT));
        assert_eq!(Cost::stored(i32::MAX, 2), None);
        assert_eq!(Cost::stored(7168, 0), None);
        assert_eq!(Cost::stored(-1, 5), None);
    }
}
