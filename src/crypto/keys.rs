//! The keys that open what witnesses gave.
//!
//! - The **organisation key pair** (X25519). Everything a witness writes or gives is sealed
//!   to its public key when it arrives, with a libsodium-style *sealed box*
//!   (`crypto_box`, X25519 + XSalsa20-Poly1305, a fresh ephemeral key per value; the
//!   values of one testimony share one ephemeral key, see [`Sealer`]). The
//!   sealed box was chosen over `age` because values are small and held in memory, the
//!   server needs no sender identity, and one audited primitive with no file format,
//!   armour or plugin system is less to get wrong. The server keeps only the public key
//!   in usable form, so it can write originals but not read them.
//! - A **staff key pair** per account. Its secret half is stored wrapped under a key
//!   derived from the person's password (Argon2id with its own salt, never the password
//!   hash). A *grant* is the organisation secret key sealed to that account's public key:
//!   an administrator holding the organisation key can grant anyone without knowing their
//!   password, and a reset password (which makes a new staff key pair) loses the grant.
//! - The **recovery key**, shown once at setup: the organisation secret key is also kept
//!   wrapped under it, to restore access when no administrator can.
//! - A **witness key**, derived from the receipt code (which the server never stores), opens
//!   the witness's own copy of what they gave. A box key pair is derived from it too: its
//!   public half ([`WitnessPublicKey`]) is stored, so staff can seal a message that only
//!   the receipt opens.
//! - A **form key**, derived from a testimony form's submission key (which the server does
//!   not store either), seals the receipt kept for a few minutes to answer a repeat of
//!   that form.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use crypto_box::aead::OsRng;
use rand::RngCore as _;
use zeroize::{Zeroize, Zeroizing};

use super::OpenError;
use crate::domain::text::OriginalText;
use crate::password::Cost;

mod sealer;

pub use sealer::Sealer;

/// Format byte of a value sealed to a public key (a sealed box).
const ORG_SEALED: u8 = 2;
/// Format byte of a value sealed to a public key with others, under one key agreement
/// ([`Sealer`]).
const SHARED: u8 = 4;
/// Format byte of a value wrapped under a symmetric key (password, recovery, receipt).
const WRAPPED: u8 = 3;

/// Seal `plain` to a public key: only the matching secret key opens it.
#[allow(clippy::expect_used)] // Sealing in memory with a valid key and the OS generator cannot fail.
fn seal_to(public: &crypto_box::PublicKey, plain: &[u8]) -> Vec<u8> {
    let sealed = public
        .seal(&mut OsRng, plain)
        .expect("sealing in memory does not fail");
    let mut out = Vec::with_capacity(sealed.len() + 1);
    out.push(ORG_SEALED);
    out.extend_from_slice(&sealed);
    out
}

fn open_with(secret: &crypto_box::SecretKey, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
    match sealed.split_first() {
        Some((&ORG_SEALED, body)) => secret.unseal(body).map_err(|_| OpenError),
        Some((&SHARED, body)) => sealer::open_shared(secret, body),
        _ => Err(OpenError),
    }
}

/// Encrypt under a 32-byte symmetric key (XChaCha20-Poly1305, random nonce).
#[allow(clippy::expect_used)] // Encryption of in-memory data with a valid key cannot fail.
fn wrap(key: &[u8; 32], plain: &[u8]) -> Vec<u8> {
    let cipher = XChaCha20Poly1305::new(key.into());
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let body = cipher
        .encrypt(XNonce::from_slice(&nonce), plain)
        .expect("XChaCha20-Poly1305 encryption does not fail for in-memory data");
    let mut out = Vec::with_capacity(1 + 24 + body.len());
    out.push(WRAPPED);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&body);
    out
}

fn unwrap(key: &[u8; 32], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    if wrapped.len() < 1 + 24 || wrapped[0] != WRAPPED {
        return Err(OpenError);
    }
    let (nonce, body) = wrapped[1..].split_at(24);
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), body)
        .map(Zeroizing::new)
        .map_err(|_| OpenError)
}

fn secret_from(bytes: &[u8]) -> Result<crypto_box::SecretKey, OpenError> {
    crypto_box::SecretKey::from_slice(bytes).map_err(|_| OpenError)
}

/// Whether stored bytes are sealed to the organisation key (rather than an older format).
pub fn is_org_sealed(bytes: &[u8]) -> bool {
    is_sealed_box(bytes)
}

/// The organisation public key: seals, cannot open.
#[derive(Clone)]
pub struct OrgPublicKey(crypto_box::PublicKey);

impl OrgPublicKey {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, OpenError> {
        crypto_box::PublicKey::from_slice(bytes)
            .map(Self)
            .map_err(|_| OpenError)
    }

    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// Seal bytes (an attachment, a sealed record).
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        seal_to(&self.0, plain)
    }

    /// Seal a witness's words.
    pub fn seal_text(&self, text: &OriginalText) -> Vec<u8> {
        self.seal(text.reveal().as_bytes())
    }

    /// Seal a short identifying value (a name, an email address).
    pub fn seal_str(&self, value: &str) -> Vec<u8> {
        self.seal(value.as_bytes())
    }
}

/// The organisation secret key: opens every original. Lives only in memory, in the
/// server-side session of a granted staff member, and is wiped when dropped.
#[derive(Clone)]
pub struct OrgSecretKey(crypto_box::SecretKey);

impl fmt::Debug for OrgSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OrgSecretKey(..)")
    }
}

impl OrgSecretKey {
    /// A new organisation key pair (first setup).
    pub fn generate() -> Self {
        Self(crypto_box::SecretKey::generate(&mut OsRng))
    }

    pub fn public(&self) -> OrgPublicKey {
        OrgPublicKey(self.0.public_key())
    }

    /// The raw key, to keep in an encrypted server-side session.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, OpenError> {
        secret_from(bytes).map(Self)
    }

    /// Open a sealed value.
    pub fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        open_with(&self.0, sealed).map(Zeroizing::new)
    }

    /// Open sealed words.
    pub fn open_text(&self, sealed: &[u8]) -> Result<OriginalText, OpenError> {
        let bytes = self.open(sealed)?;
        String::from_utf8(bytes.to_vec())
            .map(OriginalText::opened)
            .map_err(|_| OpenError)
    }

    /// Open a sealed short value (a name, an email address).
    pub fn open_str(&self, sealed: &[u8]) -> Result<String, OpenError> {
        Ok(self.open_text(sealed)?.reveal().to_string())
    }

    /// Wrap this key under the recovery key.
    pub fn wrap_for_recovery(&self, recovery: &RecoveryKey) -> Vec<u8> {
        wrap(&recovery.0, &*self.to_bytes())
    }

    /// Unwrap the key kept under the recovery key.
    pub fn from_recovery(wrapped: &[u8], recovery: &RecoveryKey) -> Result<Self, OpenError> {
        Self::from_bytes(&unwrap(&recovery.0, wrapped)?)
    }

    /// A grant: this key sealed to a staff account's public key.
    pub fn grant_to(&self, staff: &StaffPublicKey) -> Vec<u8> {
        seal_to(&staff.0, &*self.to_bytes())
    }
}

/// The recovery key: 256 random bits, shown once as 16 groups of 4 hexadecimal digits.
pub struct RecoveryKey([u8; 32]);

impl Drop for RecoveryKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

impl RecoveryKey {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Read a key as typed: case, spaces and dashes do not matter.
    pub fn parse(raw: &str) -> Option<Self> {
        let hex: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let bytes = hex::decode(hex.to_ascii_lowercase()).ok()?;
        <[u8; 32]>::try_from(bytes.as_slice()).ok().map(Self)
    }

    /// `ABCD-1234-...`: to print and keep offline.
    pub fn display(&self) -> String {
        hex::encode_upper(self.0)
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// The key derived from a password and a salt at a cost, which wraps a staff secret key
/// (worked out in the password slow lane, like every Argon2 computation).
fn password_key(password: &str, salt: &[u8], cost: Cost) -> Result<Zeroizing<[u8; 32]>, OpenError> {
    let password = Zeroizing::new(password.to_string());
    let salt = salt.to_vec();
    crate::password::slow_lane::run(move || {
        let mut out = Zeroizing::new([0u8; 32]);
        cost.argon2(Some(32))
            .ok_or(OpenError)?
            .hash_password_into(password.as_bytes(), &salt, &mut *out)
            .map_err(|_| OpenError)?;
        Ok(out)
    })
    .unwrap_or(Err(OpenError))
}

/// A staff account's public key: grants are sealed to it.
#[derive(Clone)]
pub struct StaffPublicKey(crypto_box::PublicKey);

impl StaffPublicKey {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, OpenError> {
        crypto_box::PublicKey::from_slice(bytes)
            .map(Self)
            .map_err(|_| OpenError)
    }
}

/// A staff key pair as stored: the public key, and the secret key wrapped under the
/// person's password.
pub struct StoredStaffKeys {
    pub public_key: Vec<u8>,
    pub wrapped_secret: Vec<u8>,
    pub salt: Vec<u8>,
    /// The Argon2id cost the key wrapping the secret was derived with.
    pub cost: Cost,
}

/// A staff account's secret key, unwrapped with their password at login.
pub struct StaffSecretKey(crypto_box::SecretKey);

impl StaffSecretKey {
    /// Make a new key pair for an account, wrapped under its password. Slow (Argon2id):
    /// call it off the async workers.
    pub fn create(password: &str) -> Result<(Self, StoredStaffKeys), OpenError> {
        Self::create_at(password, Cost::CURRENT)
    }

    /// Make a new key pair wrapped at a given cost (an earlier version's, to check that
    /// such keys still open and move to the current cost).
    pub fn create_at(password: &str, cost: Cost) -> Result<(Self, StoredStaffKeys), OpenError> {
        let secret = crypto_box::SecretKey::generate(&mut OsRng);
        let mut salt = vec![0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        let kek = password_key(password, &salt, cost)?;
        let stored = StoredStaffKeys {
            public_key: secret.public_key().to_bytes().to_vec(),
            wrapped_secret: wrap(&kek, &secret.to_bytes()),
            salt,
            cost,
        };
        Ok((Self(secret), stored))
    }

    /// Unwrap with the password. Slow (Argon2id): call it off the async workers.
    pub fn unlock(stored: &StoredStaffKeys, password: &str) -> Result<Self, OpenError> {
        let kek = password_key(password, &stored.salt, stored.cost)?;
        let bytes = unwrap(&kek, &stored.wrapped_secret)?;
        secret_from(&bytes).map(Self)
    }

    /// Wrap this key again under a new password (a password change keeps the grant).
    pub fn rewrap(&self, password: &str) -> Result<StoredStaffKeys, OpenError> {
        let mut salt = vec![0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        let kek = password_key(password, &salt, Cost::CURRENT)?;
        Ok(StoredStaffKeys {
            public_key: self.0.public_key().to_bytes().to_vec(),
            wrapped_secret: wrap(&kek, &self.0.to_bytes()),
            salt,
            cost: Cost::CURRENT,
        })
    }

    /// Open a grant made for this account.
    pub fn open_grant(&self, grant: &[u8]) -> Result<OrgSecretKey, OpenError> {
        let bytes = Zeroizing::new(open_with(&self.0, grant)?);
        OrgSecretKey::from_bytes(&bytes)
    }
}

/// The key derived from a receipt code, opening the witness's own copy of what they gave.
/// Receipts carry 83 bits, far beyond guessing, so a fast derivation (HKDF-SHA-256) bound
/// to the testimony is enough.
#[derive(Clone)]
pub struct WitnessKey(Zeroizing<[u8; 32]>);

impl WitnessKey {
    pub fn derive(receipt_digits: &str, testimony_id: &str) -> Self {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(
            Some(testimony_id.as_bytes()),
            receipt_digits.as_bytes(),
        );
        let mut key = Zeroizing::new([0u8; 32]);
        // 32 bytes is a valid HKDF-SHA-256 output length.
        let _ = hk.expand(b"peoples-upr/witness-copy/v1", &mut *key);
        Self(key)
    }

    /// The raw key, to keep in the witness's encrypted server-side session.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        self.0.clone()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        <[u8; 32]>::try_from(bytes)
            .ok()
            .map(|b| Self(Zeroizing::new(b)))
    }

    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        wrap(&self.0, plain)
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        unwrap(&self.0, sealed)
    }

    /// The box secret key derived from this key (its own HKDF label).
    fn box_secret(&self) -> crypto_box::SecretKey {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(None, &*self.0);
        let mut bytes = Zeroizing::new([0u8; 32]);
        // 32 bytes is a valid HKDF-SHA-256 output length.
        let _ = hk.expand(b"peoples-upr/witness-box/v1", &mut *bytes);
        crypto_box::SecretKey::from(*bytes)
    }

    /// The public half of the witness's box key pair, stored so that staff can seal to it.
    pub fn public(&self) -> WitnessPublicKey {
        WitnessPublicKey(self.box_secret().public_key())
    }

    /// Open a value sealed to [`WitnessKey::public`].
    pub fn open_box(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        open_with(&self.box_secret(), sealed).map(Zeroizing::new)
    }
}

/// The public key of a witness's box key pair: seals what only their receipt opens.
#[derive(Clone)]
pub struct WitnessPublicKey(crypto_box::PublicKey);

impl WitnessPublicKey {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, OpenError> {
        crypto_box::PublicKey::from_slice(bytes)
            .map(Self)
            .map_err(|_| OpenError)
    }

    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// Seal bytes for the witness.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        seal_to(&self.0, plain)
    }
}

/// Whether stored bytes are a sealed box (to the organisation or a witness public key),
/// rather than a value encrypted under a symmetric key.
pub fn is_sealed_box(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(&ORG_SEALED | &SHARED))
}

/// The key derived from a form's submission key, sealing the receipt kept for a repeat of
/// that form. Submission keys carry 256 random bits, so HKDF-SHA-256 is enough.
pub struct FormKey(Zeroizing<[u8; 32]>);

impl FormKey {
    pub fn derive(submission_key: &str) -> Self {
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(None, submission_key.as_bytes());
        let mut key = Zeroizing::new([0u8; 32]);
        // 32 bytes is a valid HKDF-SHA-256 output length.
        let _ = hk.expand(b"peoples-upr/kept-receipt/v1", &mut *key);
        Self(key)
    }

    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        wrap(&self.0, plain)
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        unwrap(&self.0, sealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_the_organisation_secret() {
        let org = OrgSecretKey::generate();
        let sealed = org.public().seal_str("A-123456789, 12 Calle Luna");
        assert!(is_org_sealed(&sealed));
        assert!(!String::from_utf8_lossy(&sealed).contains("Calle"));
        assert_eq!(org.open_str(&sealed).unwrap(), "A-123456789, 12 Calle Luna");
        assert!(OrgSecretKey::generate().open(&sealed).is_err());
    }

    #[test]
    fn a_grant_opens_with_the_password_and_not_without() {
        let org = OrgSecretKey::generate();
        let (staff, stored) = StaffSecretKey::create("correct horse battery").unwrap();
        let grant = org.grant_to(&StaffPublicKey::from_bytes(&stored.public_key).unwrap());
        drop(staff);
        let unlocked = StaffSecretKey::unlock(&stored, "correct horse battery").unwrap();
        let opened = unlocked.open_grant(&grant).unwrap();
        let sealed = org.public().seal_str("María");
        assert_eq!(opened.open_str(&sealed).unwrap(), "María");
        assert!(StaffSecretKey::unlock(&stored, "wrong password").is_err());
        // A new password keeps the same key pair, so the grant still opens.
        let rewrapped = unlocked.rewrap("a different long password").unwrap();
        let again = StaffSecretKey::unlock(&rewrapped, "a different long password").unwrap();
        assert!(again.open_grant(&grant).is_ok());
    }

    #[test]
    fn a_key_wrapped_at_the_earlier_cost_opens_at_that_cost_only() {
        let (secret, mut stored) =
            StaffSecretKey::create_at("correct horse battery", Cost::EARLIER).unwrap();
        let unlocked = StaffSecretKey::unlock(&stored, "correct horse battery").unwrap();
        assert_eq!(unlocked.0.to_bytes(), secret.0.to_bytes());
        stored.cost = Cost::CURRENT;
        assert!(StaffSecretKey::unlock(&stored, "correct horse battery").is_err());
        let rewrapped = unlocked.rewrap("correct horse battery").unwrap();
        assert_eq!(rewrapped.cost, Cost::CURRENT);
    }

    #[test]
    fn the_recovery_key_restores_the_organisation_key() {
        let org = OrgSecretKey::generate();
        let recovery = RecoveryKey::generate();
        let wrapped = org.wrap_for_recovery(&recovery);
        let typed = recovery.display().to_lowercase().replace('-', " ");
        let restored =
            OrgSecretKey::from_recovery(&wrapped, &RecoveryKey::parse(&typed).unwrap()).unwrap();
        assert_eq!(restored.public().to_bytes(), org.public().to_bytes());
        assert!(OrgSecretKey::from_recovery(&wrapped, &RecoveryKey::generate()).is_err());
        assert!(RecoveryKey::parse("1234").is_none());
    }

    #[test]
    fn witness_copies_need_the_receipt_and_the_testimony() {
        let key = WitnessKey::derive("1234567890123456789012345", "t1");
        let sealed = key.seal(b"my words");
        assert_eq!(&**key.open(&sealed).unwrap(), b"my words");
        assert!(
            WitnessKey::derive("1234567890123456789012346", "t1")
                .open(&sealed)
                .is_err()
        );
        assert!(
            WitnessKey::derive("1234567890123456789012345", "t2")
                .open(&sealed)
                .is_err()
        );
    }

    #[test]
    fn only_the_receipt_opens_what_is_sealed_to_the_witness_public_key() {
        let key = WitnessKey::derive("1234567890123456789012345", "t1");
        let public = WitnessPublicKey::from_bytes(&key.public().to_bytes()).unwrap();
        let sealed = public.seal(b"a question");
        assert!(is_sealed_box(&sealed));
        assert_eq!(&**key.open_box(&sealed).unwrap(), b"a question");
        let other = WitnessKey::derive("1234567890123456789012346", "t1");
        assert!(other.open_box(&sealed).is_err());
        assert_ne!(other.public().to_bytes(), key.public().to_bytes());
        assert!(
            key.open(&sealed).is_err(),
            "the box key is not the copy key"
        );
    }

    #[test]
    fn a_kept_receipt_opens_only_with_its_form_s_key() {
        let sealed = FormKey::derive("form-a").seal(b"1234567890");
        assert_eq!(
            &**FormKey::derive("form-a").open(&sealed).unwrap(),
            b"1234567890"
        );
        assert!(FormKey::derive("form-b").open(&sealed).is_err());
    }
}
