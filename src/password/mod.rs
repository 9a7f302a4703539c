//! Password hashing with Argon2id at the OWASP-recommended cost (19 MiB, 2 passes, 1 lane).
//! Always called off the async workers (`web::block`); the work itself runs in the
//! [slow lane](slow_lane), below the priority of everything else the server does.

pub mod slow_lane;

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    #[allow(clippy::expect_used)] // Constant, valid parameters.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
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
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify(&h, "correct horse battery"));
        assert!(!verify(&h, "wrong"));
        assert!(!verify("not a hash", "x"));
        assert!(!verify(dummy_hash(), "anything"));
    }
}
