//! Form posts: the body is read once, its anti-forgery token checked against the visitor's
//! cookie (and whom the session speaks for), then it is parsed into the handler's form type (repeated fields become lists).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Largest urlencoded form accepted (a testimony addition of 50,000 characters fits).
pub const FORM_LIMIT: usize = 512 * 1024;

/// A form whose CSRF token has been checked.
pub struct Form<T>(pub T);

#[derive(serde::Deserialize)]
struct TokenOnly {
    #[serde(default)]
    csrf_token: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let bytes = body
                .await
                .map_err(|e| match e.as_response_error().status_code() {
                    actix_web::http::StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                    _ => AppError::BadRequest(
                        "The form could not be read. Reload the page and try again.".into(),
                    ),
                })?;
            let token: TokenOnly =
                serde_html_form::from_bytes(&bytes).map_err(|_| AppError::Csrf)?;
            super::Ctx::load(&req)
                .await?
                .verify_csrf(&token.csrf_token)?;
            let form = serde_html_form::from_bytes(&clean_fields(&bytes)).map_err(|_| {
                AppError::BadRequest(
                    "The form was incomplete. Reload the page and try again.".into(),
                )
            })?;
            Ok(Form(form))
        })
    }
}

/// The form with control characters removed from every value (see
/// [`crate::domain::clean_input`]): a NUL typed into any field can neither reach the
/// database nor be shown back.
fn clean_fields(bytes: &[u8]) -> Vec<u8> {
    match serde_html_form::from_bytes::<Vec<(String, String)>>(bytes) {
        Ok(pairs) => {
            let cleaned: Vec<(String, String)> = pairs
                .into_iter()
                .map(|(k, v)| (k, crate::domain::clean_input(&v)))
                .collect();
            serde_html_form::to_string(&cleaned)
                .map(String::into_bytes)
                .unwrap_or_else(|_| bytes.to_vec())
        }
        Err(_) => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_leave_every_field() {
        let cleaned = super::clean_fields(b"title=a%00b&themes=x%07&themes=y");
        let pairs: Vec<(String, String)> = serde_html_form::from_bytes(&cleaned).unwrap();
        assert_eq!(
            pairs,
            vec![
                ("title".into(), "ab".into()),
                ("themes".into(), "x".into()),
                ("themes".into(), "y".into())
            ]
        );
    }
}
