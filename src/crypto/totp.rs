//! Authenticator codes (TOTP, RFC 6238): SHA-1, six digits, 30-second steps, one step of
//! clock drift either way. The secret is kept sealed with the server's data key (see
//! [`crate::service::two_step`]); here it is only ever in memory.

use totp_rs::{Algorithm, Builder, Secret, Totp};
use zeroize::Zeroizing;

/// Seconds in one time step.
pub const STEP_SECONDS: u64 = 30;

/// An authenticator secret, ready to check codes with.
pub struct Authenticator {
    totp: Totp,
}

/// A secret that does not make a valid authenticator (damaged or too short).
#[derive(Debug, thiserror::Error)]
#[error("the stored authenticator secret is not valid")]
pub struct BadSecret;

impl Authenticator {
    /// A new random secret (160 bits).
    pub fn generate() -> Result<Self, BadSecret> {
        Self::from_bytes(Secret::generate().as_bytes())
    }

    /// The authenticator for stored secret bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, BadSecret> {
        let totp = builder(bytes).build().map_err(|_| BadSecret)?;
        Ok(Self { totp })
    }

    /// The secret's bytes, to seal and store.
    pub fn secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.totp.secret().as_bytes().to_vec())
    }

    /// The secret in Base32, for typing into an app by hand.
    pub fn secret_base32(&self) -> String {
        self.totp.secret().to_base32()
    }

    /// The time step a code matches at `unix_time` (allowing one step either way), if any.
    pub fn check(&self, code: &str, unix_time: u64) -> Option<u64> {
        self.totp.check(code, unix_time)
    }

    /// The `otpauth://` link an authenticator app reads from the QR code. A colon is not
    /// allowed in either name, so it becomes a space.
    pub fn url(&self, issuer: &str, account: &str) -> Result<String, BadSecret> {
        let clean = |s: &str| s.replace(':', " ").trim().to_string();
        let issuer = clean(issuer);
        let totp = builder(self.totp.secret().as_bytes())
            .with_account_name(clean(account))
            .with_issuer((!issuer.is_empty()).then_some(issuer))
            .build()
            .map_err(|_| BadSecret)?;
        totp.to_url().map_err(|_| BadSecret)
    }
}

/// The settings every code here uses, with the secret `bytes`.
fn builder(bytes: &[u8]) -> Builder {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(STEP_SECONDS)
        .with_secret(bytes.to_vec())
}

/// Seconds since 1970, now.
pub fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default()
}

/// A QR code of `text` as an SVG image in a `data:` URL (allowed by the pages'
/// Content-Security-Policy, unlike inline styles).
pub fn qr_data_url(text: &str) -> Result<String, qrcode::types::QrError> {
    use base64::Engine as _;
    let code = qrcode::QrCode::new(text.as_bytes())?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_its_neighbours_only() {
        let a = Authenticator::generate().unwrap();
        let again = Authenticator::from_bytes(&a.secret_bytes()).unwrap();
        let t = 1_800_000_000;
        let code = a.totp.generate(t).to_string();
        assert_eq!(again.check(&code, t), Some(t / STEP_SECONDS));
        assert_eq!(again.check(&code, t + 30), Some(t / STEP_SECONDS));
        assert_eq!(again.check(&code, t + 90), None);
        assert_eq!(again.check("abcdef", t), None);
        assert!(Authenticator::from_bytes(b"short").is_err());
    }

    #[test]
    fn the_link_names_issuer_and_account_and_the_qr_code_has_no_style() {
        use base64::Engine as _;
        let a = Authenticator::generate().unwrap();
        let url = a.url("Org: Name", "ana@example.org").unwrap();
        assert!(url.starts_with("otpauth://totp/"));
        assert!(url.contains(&a.secret_base32()));
        let qr = qr_data_url(&url).unwrap();
        let b64 = qr.strip_prefix("data:image/svg+xml;base64,").unwrap();
        let svg = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg"));
        assert!(!svg.contains("style"));
    }
}
