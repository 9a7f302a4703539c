//! The application error: what a handler can fail with, and how each failure is shown.
//!
//! Handlers return `Result<_, AppError>`. The response carries an [`ErrorPage`] that the
//! error-page middleware renders in the site layout, in the visitor's language. Internal
//! causes are logged with their chain; the person sees one short sentence.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

/// A failure a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The page does not exist, or is not visible to this visitor.
    #[error("not found")]
    NotFound,
    /// A staff page was requested without being logged in; `next` is where to return.
    #[error("login required")]
    LoginRequired { next: String },
    /// Go elsewhere first (e.g. a witness whose receipt check has lapsed).
    #[error("redirect")]
    Redirect(String),
    /// Logged in, but the role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// The form's anti-forgery token was missing or wrong.
    #[error("CSRF token missing or invalid")]
    Csrf,
    /// Too many attempts; try again after the given number of seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// A link that worked once no longer does (expired or used). The message says what to do.
    #[error("gone: {0}")]
    Gone(String),
    /// The request could not be understood. The message says what to do.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request body was larger than accepted.
    #[error("payload too large")]
    PayloadTooLarge,
    /// Anything else: logged in full, shown as a short apology.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn pool(e: diesel::r2d2::PoolError) -> Self {
        Self::Internal(anyhow::Error::new(e).context("no database connection available"))
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(anyhow::Error::new(other).context("database query failed")),
        }
    }
}

impl From<crate::db::DbError> for AppError {
    fn from(e: crate::db::DbError) -> Self {
        match e {
            crate::db::DbError::Query(q) => q.into(),
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<crate::service::ServiceError> for AppError {
    fn from(e: crate::service::ServiceError) -> Self {
        use crate::service::ServiceError as S;
        match e {
            S::NotFound => AppError::NotFound,
            S::Db(db) => db.into(),
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<crate::crypto::OpenError> for AppError {
    fn from(e: crate::crypto::OpenError) -> Self {
        AppError::Internal(anyhow::Error::new(e))
    }
}

/// What the error page says: a message key for public pages (translated), and an optional
/// detail in English (staff-facing situations such as an expired invitation).
#[derive(Clone, Debug)]
pub struct ErrorPage {
    pub key: &'static str,
    pub detail: Option<String>,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::LoginRequired { .. } | AppError::Redirect(_) => StatusCode::SEE_OTHER,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code());
        let page = match self {
            AppError::LoginRequired { next } => {
                let location = format!("/login?next={}", urlencode(next));
                return res.insert_header(("Location", location)).finish();
            }
            AppError::Redirect(location) => {
                return res.insert_header(("Location", location.as_str())).finish();
            }
            AppError::NotFound => ErrorPage {
                key: "error-not-found",
                detail: None,
            },
            AppError::Forbidden => ErrorPage {
                key: "error-forbidden",
                detail: None,
            },
            AppError::Csrf => ErrorPage {
                key: "error-csrf",
                detail: None,
            },
            AppError::TooManyRequests { retry_after_secs } => {
                res.insert_header(("Retry-After", retry_after_secs.to_string()));
                ErrorPage {
                    key: "error-too-many",
                    detail: None,
                }
            }
            AppError::Gone(detail) => ErrorPage {
                key: "error-gone",
                detail: Some(detail.clone()),
            },
            AppError::BadRequest(detail) => ErrorPage {
                key: "error-bad-request",
                detail: Some(detail.clone()),
            },
            AppError::PayloadTooLarge => ErrorPage {
                key: "error-too-large",
                detail: None,
            },
            AppError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "internal error");
                ErrorPage {
                    key: "error-internal",
                    detail: None,
                }
            }
        };
        let mut response = res.finish();
        response.extensions_mut().insert(page);
        response
    }
}

/// Percent-encode a string for a query value.
pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|v| v.trim_start_matches('=').to_string())
        .unwrap_or_default()
}
