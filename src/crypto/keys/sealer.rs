//! Sealing the several values of one testimony under one key agreement.
//!
//! A sealed box ([`OrgPublicKey::seal`]) makes a fresh ephemeral key pair and a key
//! agreement for every value: two X25519 scalar multiplications each, seven or more
//! per testimony. A [`Sealer`] makes one ephemeral key pair per testimony and keeps the
//! shared key it agrees with the organisation key (libsodium's `crypto_box_beforenm`);
//! each value is then boxed under it with its own random 24-byte nonce (XSalsa20-Poly1305,
//! whose nonces are long enough to be chosen at random). Each stored value carries the
//! ephemeral public key, so it opens alone, with the organisation secret key and nothing
//! else. The ephemeral secret key is wiped as soon as the key is agreed, the shared key
//! when the sealer is dropped.
//!
//! Stored as `[SHARED][ephemeral public key: 32][nonce: 24][ciphertext + tag]`.

use crypto_box::aead::{Aead, AeadCore, AeadInPlace, OsRng};
use crypto_box::{PublicKey, SalsaBox, SecretKey};

use super::{OrgPublicKey, SHARED};
use crate::crypto::OpenError;
use crate::domain::text::OriginalText;

const KEY: usize = 32;
const NONCE: usize = 24;
const TAG: usize = 16;
/// The format byte, the ephemeral public key and the nonce.
const HEAD: usize = 1 + KEY + NONCE;

/// Seals values to the organisation key, all under one key agreement.
pub struct Sealer {
    ephemeral: [u8; KEY],
    shared: SalsaBox,
}

impl OrgPublicKey {
    /// A sealer for the values given together (one testimony): one key agreement for all.
    pub fn sealer(&self) -> Sealer {
        let secret = SecretKey::generate(&mut OsRng);
        Sealer {
            ephemeral: secret.public_key().to_bytes(),
            shared: SalsaBox::new(&self.0, &secret),
        }
    }
}

impl Sealer {
    /// Seal bytes.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let mut out = vec![0; Self::sealed_len(plain.len())];
        self.seal_into(plain, &mut out);
        out
    }

    /// How long `plain_len` bytes are once sealed.
    pub fn sealed_len(plain_len: usize) -> usize {
        HEAD + TAG + plain_len
    }

    /// Seal `plain` into `out`, which is [`Sealer::sealed_len`] long. The value is
    /// encrypted where it lies in the stored form, so sealing a large file holds it twice
    /// (plain and sealed), never three times.
    pub fn seal_into(&self, plain: &[u8], out: &mut [u8]) {
        assert_eq!(
            out.len(),
            Self::sealed_len(plain.len()),
            "room for the sealed value"
        );
        out[HEAD + TAG..].copy_from_slice(plain);
        self.seal_where_it_lies(out);
    }

    /// Seal the value at the start of `buf`, which is [`Sealer::sealed_len`] of the
    /// value long: the value is moved to its place in the stored form and encrypted
    /// there, so a large file is never held twice.
    #[allow(clippy::expect_used)] // A buffer too short for any sealed value is a bug.
    pub fn seal_in_place(&self, buf: &mut [u8]) {
        let plain_len = buf
            .len()
            .checked_sub(HEAD + TAG)
            .expect("room for the sealed value");
        buf.copy_within(..plain_len, HEAD + TAG);
        self.seal_where_it_lies(buf);
    }

    /// Seal `out`, whose value already lies after the room for the head and tag.
    #[allow(clippy::expect_used)] // Encryption of in-memory data with a valid key cannot fail.
    fn seal_where_it_lies(&self, out: &mut [u8]) {
        let nonce = SalsaBox::generate_nonce(&mut rand::thread_rng());
        let (head, rest) = out.split_at_mut(HEAD);
        head[0] = SHARED;
        head[1..1 + KEY].copy_from_slice(&self.ephemeral);
        head[1 + KEY..].copy_from_slice(&nonce);
        let (tag_room, body) = rest.split_at_mut(TAG);
        let tag = self
            .shared
            .encrypt_in_place_detached(&nonce, b"", body)
            .expect("XSalsa20-Poly1305 encryption does not fail for in-memory data");
        // NaCl's box puts the tag before the ciphertext.
        tag_room.copy_from_slice(&tag);
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

/// Open a value a [`Sealer`] made (its format byte already read) with a secret key.
pub(super) fn open_shared(secret: &SecretKey, body: &[u8]) -> Result<Vec<u8>, OpenError> {
    if body.len() < KEY + NONCE {
        return Err(OpenError);
    }
    let (ephemeral, rest) = body.split_at(KEY);
    let (nonce, ciphertext) = rest.split_at(NONCE);
    let ephemeral = PublicKey::from_slice(ephemeral).map_err(|_| OpenError)?;
    SalsaBox::new(&ephemeral, secret)
        .decrypt(nonce.into(), ciphertext)
        .map_err(|_| OpenError)
}

#[cfg(test)]
mod tests {
    use crate::crypto::keys::{OrgSecretKey, is_org_sealed};

    #[test]
    fn values_sealed_together_open_alone_and_only_with_the_organisation_secret() {
        let org = OrgSecretKey::generate();
        let sealer = org.public().sealer();
        let name = sealer.seal_str("María Pérez");
        let place = sealer.seal_str("12 Calle Luna");
        assert!(is_org_sealed(&name) && is_org_sealed(&place));
        assert!(!String::from_utf8_lossy(&name).contains("María"));
        assert_eq!(org.open_str(&place).unwrap(), "12 Calle Luna");
        assert_eq!(org.open_str(&name).unwrap(), "María Pérez");
        assert!(OrgSecretKey::generate().open(&name).is_err());
        // The same value sealed twice differs (its own nonce).
        assert_ne!(sealer.seal_str("same"), sealer.seal_str("same"));
    }

    #[test]
    fn sealing_in_place_gives_what_the_box_gives() {
        use crypto_box::aead::Aead;
        let org = OrgSecretKey::generate();
        let sealer = org.public().sealer();
        let plain = vec![7u8; 100_000];
        let sealed = sealer.seal(&plain);
        let (head, body) = sealed.split_at(super::HEAD);
        let nonce = &head[1 + super::KEY..];
        let boxed = sealer
            .shared
            .encrypt(nonce.into(), plain.as_slice())
            .unwrap();
        assert_eq!(body, boxed.as_slice());
        assert_eq!(org.open(&sealed).unwrap().as_slice(), plain.as_slice());
    }

    #[test]
    fn a_value_sealed_where_it_lies_opens_to_the_value() {
        let org = OrgSecretKey::generate();
        let sealer = org.public().sealer();
        let plain: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let mut buf = plain.clone();
        buf.resize(super::Sealer::sealed_len(plain.len()), 0);
        sealer.seal_in_place(&mut buf);
        assert!(is_org_sealed(&buf));
        assert!(!buf.windows(64).any(|w| w == &plain[1000..1064]));
        assert_eq!(org.open(&buf).unwrap().as_slice(), plain.as_slice());
    }

    #[test]
    fn a_changed_or_cut_value_does_not_open() {
        let org = OrgSecretKey::generate();
        let mut sealed = org.public().sealer().seal_str("A-123456789");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(org.open(&sealed).is_err());
        assert!(org.open(&sealed[..40]).is_err());
        assert!(org.open(&sealed[..1]).is_err());
    }
}
