//! Secrets at rest. [`keys`] holds the keys that open what witnesses gave (sealed to the
//! organisation key; see there). This module holds the server's own data key, which
//! encrypts the mail outbox and keys the hashes of values that must be looked up but never
//! recovered (receipts, tokens, throttle keys); it opens no testimony.

pub mod keys;
pub mod totp;

use std::io::Write as _;
use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// Format byte that starts every sealed value, so the scheme can change later.
const SEALED_V1: u8 = 1;

/// The keys derived from the data key: one for encryption, one for keyed hashes.
#[derive(Clone)]
pub struct DataKeys {
    cipher: XChaCha20Poly1305,
    mac_key: [u8; 32],
}

/// A sealed value could not be opened: wrong key or damaged data.
#[derive(Debug, thiserror::Error)]
#[error("encrypted data could not be opened (wrong key or damaged data)")]
pub struct OpenError;

impl DataKeys {
    /// Derive the working keys from the 32-byte (or longer) master data key.
    #[allow(clippy::expect_used)] // HMAC accepts keys of any length.
    pub fn new(master: &[u8]) -> Self {
        let derive = |label: &[u8]| -> [u8; 32] {
            let mut mac =
                <HmacSha256 as Mac>::new_from_slice(master).expect("HMAC takes any key length");
            mac.update(label);
            mac.finalize().into_bytes().into()
        };
        let enc = derive(b"peoples-upr/aead/v1");
        Self {
            cipher: XChaCha20Poly1305::new(&enc.into()),
            mac_key: derive(b"peoples-upr/mac/v1"),
        }
    }

    /// Encrypt and authenticate `plain`. Each call uses a fresh random nonce.
    #[allow(clippy::expect_used)] // Encryption of in-memory data with a valid key cannot fail.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; 24];
        rand::thread_rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), plain)
            .expect("XChaCha20-Poly1305 encryption does not fail for in-memory data");
        let mut out = Vec::with_capacity(1 + nonce.len() + sealed.len());
        out.push(SEALED_V1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Decrypt a value made by [`DataKeys::seal`].
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        if sealed.len() < 1 + 24 || sealed[0] != SEALED_V1 {
            return Err(OpenError);
        }
        let (nonce, body) = sealed[1..].split_at(24);
        self.cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| OpenError)
    }

    /// Encrypt a string.
    pub fn seal_str(&self, plain: &str) -> Vec<u8> {
        self.seal(plain.as_bytes())
    }

    /// Decrypt a string made by [`DataKeys::seal_str`].
    pub fn open_str(&self, sealed: &[u8]) -> Result<String, OpenError> {
        String::from_utf8(self.open(sealed)?).map_err(|_| OpenError)
    }

    /// A keyed hash (HMAC-SHA-256, hex) of `value` in a named domain: lookup without recovery.
    #[allow(clippy::expect_used)] // HMAC accepts keys of any length.
    pub fn keyed_hash(&self, domain: &str, value: &[u8]) -> String {
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.mac_key).expect("HMAC takes any key length");
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value);
        hex::encode(mac.finalize().into_bytes())
    }
}

/// SHA-256 of a high-entropy token, hex: what is stored for invite and reset links.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// SHA-256 of bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A URL-safe random token with 256 bits of entropy.
pub fn random_token() -> String {
    use base64::Engine as _;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Constant-time comparison of two strings.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq as _;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Read a key from `path`, or create it with `len` random bytes (mode 0600) on first use.
pub fn load_or_create_key(path: &Path, len: usize) -> anyhow::Result<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() >= len => return Ok(bytes),
        Ok(bytes) => anyhow::bail!(
            "the key file {} holds {} bytes, fewer than the {len} needed; restore it from backup (deleting it makes existing data unreadable)",
            path.display(),
            bytes.len()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => anyhow::bail!("cannot read the key file {}: {e}", path.display()),
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", parent.display()))?;
    }
    let mut bytes = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut bytes);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(&bytes)?;
            file.sync_all()?;
            Ok(bytes)
        }
        // Another instance created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create_key(path, len),
        Err(e) => anyhow::bail!("cannot create the key file {}: {e}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_the_same_key() {
        let keys = DataKeys::new(&[7u8; 32]);
        let sealed = keys.seal_str("María, +1 555 0100");
        assert!(!String::from_utf8_lossy(&sealed).contains("María"));
        assert_eq!(keys.open_str(&sealed).unwrap(), "María, +1 555 0100");
        assert!(DataKeys::new(&[8u8; 32]).open_str(&sealed).is_err());
        assert_ne!(keys.seal_str("x"), keys.seal_str("x"), "nonces must differ");
    }

    #[test]
    fn keyed_hashes_depend_on_key_and_domain() {
        let a = DataKeys::new(&[1u8; 32]);
        let b = DataKeys::new(&[2u8; 32]);
        assert_eq!(a.keyed_hash("receipt", b"x"), a.keyed_hash("receipt", b"x"));
        assert_ne!(a.keyed_hash("receipt", b"x"), b.keyed_hash("receipt", b"x"));
        assert_ne!(a.keyed_hash("receipt", b"x"), a.keyed_hash("login", b"x"));
    }

    #[test]
    fn key_files_are_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.key");
        let first = load_or_create_key(&path, 32).unwrap();
        assert_eq!(load_or_create_key(&path, 32).unwrap(), first);
        assert!(load_or_create_key(&path, 64).is_err());
    }
}
