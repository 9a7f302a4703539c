//! Middleware: security headers on every response, error pages in the site layout, and
//! request logs that name the route pattern, never the path (paths can hold tokens).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpMessage as _, HttpResponse};
use askama::Template;
use tracing::Instrument as _;

use super::Rendered;
use crate::error::ErrorPage;
use crate::i18n;

/// The Content-Security-Policy: nothing from elsewhere, no inline scripts, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Headers added to every response that does not set its own.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let mut h = DefaultHeaders::new()
        .add(("Content-Security-Policy", CSP))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cross-Origin-Resource-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .add(("Cache-Control", "no-store"));
    if https {
        h = h.add(("Strict-Transport-Security", "max-age=31536000"));
    }
    h
}

/// The error page, in the site layout and the visitor's language.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorTemplate {
    pub ctx: super::Ctx,
    pub status: u16,
    pub title: String,
    pub message: String,
    pub detail: Option<String>,
}

fn default_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "error-bad-request",
        403 => "error-forbidden",
        404 => "error-not-found",
        405 => "error-not-found",
        410 => "error-gone",
        413 => "error-too-large",
        422 => "error-unprocessable",
        429 => "error-too-many",
        _ if status.is_server_error() => "error-internal",
        _ => "error-bad-request",
    }
}

/// Replace the body of any 4xx/5xx response that is not already a page with the error page.
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || res.response().extensions().get::<Rendered>().is_some()
    {
        return Ok(res);
    }
    let info = res.response().extensions().get::<ErrorPage>().cloned();
    let key = info
        .as_ref()
        .map(|i| i.key)
        .unwrap_or_else(|| default_key(status));
    let cached = res.request().extensions().get::<super::Ctx>().cloned();
    let ctx = cached.unwrap_or_else(|| super::Ctx::light(res.request()));
    let lang = ctx.lang;
    let template = ErrorTemplate {
        ctx,
        status: status.as_u16(),
        title: i18n::message(lang, &format!("{key}-title"), &[]),
        message: i18n::message(lang, key, &[]),
        detail: info.and_then(|i| i.detail),
    };
    let body = match template.render() {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            "<!doctype html><title>Error</title><p>Something went wrong. Go back and try again.</p>"
                .to_string()
        }
    };
    let (req, old) = res.into_parts();
    let mut new = HttpResponse::build(status);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.append_header((name.clone(), value.clone()));
        }
    }
    let mut new = new.content_type("text/html; charset=utf-8").body(body);
    new.extensions_mut().insert(Rendered);
    Ok(ServiceResponse::new(req, new))
}

/// One log line per request: a request id, the method, the route pattern, the status and
/// the time taken. Never the path, query, client address, user agent or cookies.
pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let request_id = uuid::Uuid::new_v4().simple().to_string();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".to_string());
    let method = req.method().to_string();
    let span = tracing::info_span!("request", id = %request_id, method = %method, route = %route);
    let started = std::time::Instant::now();
    let result = next.call(req).instrument(span.clone()).await;
    let _enter = span.enter();
    match result {
        Ok(mut res) => {
            let status = res.status().as_u16();
            let ms = started.elapsed().as_millis() as u64;
            if res.status().is_server_error() {
                tracing::error!(status, ms, "request failed");
            } else {
                tracing::info!(status, ms, "request");
            }
            if let Ok(v) = HeaderValue::from_str(&request_id) {
                res.headers_mut()
                    .insert(HeaderName::from_static("x-request-id"), v);
            }
            Ok(res)
        }
        Err(e) => {
            tracing::error!(error = %e, "request failed");
            Err(e)
        }
    }
}

/// Whatever staff post on this instance (a hearing saved, opened or closed, a theme
/// added, the organisation's texts changed) drops the public pages' shared copies.
pub async fn clear_shared_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let staff_post = req.method() == actix_web::http::Method::POST && {
        let path = req.path();
        ["/staff/", "/admin/"].iter().any(|p| path.starts_with(p))
    };
    let state = staff_post
        .then(|| {
            req.app_data::<actix_web::web::Data<crate::state::AppState>>()
                .cloned()
        })
        .flatten();
    let res = next.call(req).await?;
    if let Some(state) = state {
        state.clear_kept_copies();
    }
    Ok(res)
}
