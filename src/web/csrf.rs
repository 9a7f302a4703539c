//! Anti-forgery checks that keep no state on the server.
//!
//! Each visitor has a random `upr_csrf` cookie (HttpOnly, SameSite=Lax, for the browser
//! session). A form's token is a keyed hash (HMAC-SHA-256 under a key derived from the data
//! key) of that cookie, so a token is valid only with the cookie it was made for, and only
//! this server can make one. A post is refused unless its request carried the cookie and
//! the token matches. No session row is needed: reading public pages writes nothing.
//!
//! When the session speaks for someone (a signed-in staff member, a witness who opened
//! their testimony), the token is also bound to them. A cookie planted in a browser by
//! someone else (from a sibling subdomain, say) then gives no token that works for the
//! person signed in there, and signing in changes the tokens, as a fresh session did.
//!
//! The cookie is made when a page first needs a token (see [`token`]) and set on that
//! response by [`set_cookie`]; static files and health checks get none.

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage as _, HttpRequest, web};

use crate::crypto::{DataKeys, constant_time_eq, random_token};
use crate::error::AppError;
use crate::state::AppState;

/// The name of the anti-forgery cookie.
pub const COOKIE: &str = "upr_csrf";

/// The visitor's anti-forgery cookie for this request.
#[derive(Clone, Debug)]
struct VisitorCookie {
    value: String,
    /// Whether the request carried it (a new one proves nothing yet).
    sent: bool,
}

/// What [`random_token`] makes: 32 bytes in unpadded base64url.
fn well_formed(value: &str) -> bool {
    value.len() == 43
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The cookie the request carried, or a new one remembered for this request.
fn visitor_cookie(req: &HttpRequest) -> VisitorCookie {
    if let Some(known) = req.extensions().get::<VisitorCookie>() {
        return known.clone();
    }
    let cookie = match req.cookie(COOKIE).filter(|c| well_formed(c.value())) {
        Some(c) => VisitorCookie {
            value: c.value().to_string(),
            sent: true,
        },
        None => VisitorCookie {
            value: random_token(),
            sent: false,
        },
    };
    req.extensions_mut().insert(cookie.clone());
    cookie
}

fn keys(req: &HttpRequest) -> Option<&DataKeys> {
    req.app_data::<web::Data<AppState>>().map(|s| &s.keys)
}

/// The token made for one cookie value and whoever the session speaks for.
fn token_for(keys: &DataKeys, cookie: &str, bound_to: Option<&str>) -> String {
    let mut value = cookie.as_bytes().to_vec();
    if let Some(principal) = bound_to {
        value.push(0);
        value.extend_from_slice(principal.as_bytes());
    }
    keys.keyed_hash("csrf", &value)
}

/// A request's anti-forgery token: what its forms carry, and whether a post of this
/// request can be checked against it (only when the request carried the cookie).
#[derive(Clone, Debug, Default)]
pub struct Token {
    value: String,
    checkable: bool,
}

impl Token {
    /// The token to put in forms.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Accept `submitted` only if this request carried the cookie and the token was made
    /// for it; compared in constant time.
    pub fn verify(&self, submitted: &str) -> Result<(), AppError> {
        if self.checkable && !submitted.is_empty() && constant_time_eq(&self.value, submitted) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

/// The anti-forgery token for this request's visitor, bound to `bound_to` (whom the
/// session speaks for) when given. When the visitor has no cookie yet, one is made now and
/// set on the response.
pub fn token(req: &HttpRequest, bound_to: Option<&str>) -> Token {
    let cookie = visitor_cookie(req);
    match keys(req) {
        Some(keys) => Token {
            value: token_for(keys, &cookie.value, bound_to),
            checkable: cookie.sent,
        },
        None => Token::default(),
    }
}

/// The cookie as set on a response.
fn cookie(value: String, https: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(https)
        .finish()
}

/// Middleware: when a page made a new anti-forgery cookie, set it on the response.
pub async fn set_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let https = req
        .app_data::<web::Data<AppState>>()
        .is_none_or(|s| s.config.secure_cookies());
    let mut res = next.call(req).await?;
    let minted = res
        .request()
        .extensions()
        .get::<VisitorCookie>()
        .filter(|c| !c.sent)
        .map(|c| c.value.clone());
    if let Some(value) = minted
        && let Err(e) = res.response_mut().add_cookie(&cookie(value, https))
    {
        tracing::warn!(error = %e, "the anti-forgery cookie could not be set");
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_the_cookie_the_key_and_the_person() {
        let keys = DataKeys::new(&[3u8; 32]);
        let a = random_token();
        let b = random_token();
        assert!(well_formed(&a));
        assert!(!well_formed("short") && !well_formed(&format!("{}!", &a[..42])));
        let token = Token {
            value: token_for(&keys, &a, None),
            checkable: true,
        };
        assert!(token.verify(&token_for(&keys, &a, None)).is_ok());
        assert!(token.verify(&token_for(&keys, &b, None)).is_err());
        let other_key = DataKeys::new(&[4u8; 32]);
        assert!(token.verify(&token_for(&other_key, &a, None)).is_err());
        assert!(token.verify("").is_err());
        let unsent = Token {
            checkable: false,
            ..token.clone()
        };
        assert!(unsent.verify(&token_for(&keys, &a, None)).is_err());

        let staff = Token {
            value: token_for(&keys, &a, Some("staff:1")),
            checkable: true,
        };
        assert!(staff.verify(&token_for(&keys, &a, Some("staff:1"))).is_ok());
        assert!(
            staff
                .verify(&token_for(&keys, &a, Some("staff:2")))
                .is_err()
        );
        assert!(staff.verify(&token_for(&keys, &a, None)).is_err());
    }
}
