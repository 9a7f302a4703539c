//! What every page shares: the request context (language, signed-in staff member,
//! anti-forgery token, flash message), form extraction with CSRF checks, rendering,
//! the server-side session store, and the middleware for security headers, anti-forgery
//! cookies, error pages and request logs.

pub mod csrf;
pub mod ctx;
pub mod form;
pub mod middleware;
pub mod page_cache;
pub mod session_store;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

pub use ctx::{Ctx, Staff};
pub use form::Form;

use crate::error::AppError;

/// Run database work for a handler on the blocking pool, with its failures as [`AppError`]s.
pub async fn run_db<T, F>(pool: &crate::db::Pool, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut crate::db::DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    crate::db::run(pool, f).await
}

/// Marks a response whose body is a finished page, so the error-page middleware keeps it.
#[derive(Clone, Copy, Debug)]
pub struct Rendered;

/// Render a template with a status code.
pub fn render<T: Template>(status: StatusCode, template: &T) -> Result<HttpResponse, AppError> {
    let body = template.render().map_err(|e| {
        AppError::Internal(anyhow::Error::new(e).context("template failed to render"))
    })?;
    Ok(html(status, body))
}

/// A finished page as a response.
pub fn html(status: StatusCode, body: String) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body);
    res.extensions_mut().insert(Rendered);
    res
}

/// How a public page shared between visitors is to be built (see [`page_cache`]).
#[derive(Clone, Copy, Debug)]
pub struct SharedBuild {
    /// Rendered with slots and kept for others, or this visitor's own.
    pub shared: bool,
    generation: u64,
}

/// A public page from its shared copy, or how to build it. Visitors who are signed in
/// or have a message waiting always get their own.
pub fn shared_page(state: &crate::state::AppState, ctx: &Ctx) -> Result<HttpResponse, SharedBuild> {
    let shared = ctx.user.is_none() && ctx.flash.is_none();
    if shared && let Some(body) = state.pages.get(&ctx.path, ctx.lang) {
        return Ok(html(StatusCode::OK, body.fill(&ctx.csrf)));
    }
    Err(SharedBuild {
        shared,
        generation: state.pages.generation(),
    })
}

/// Render a public page built after [`shared_page`]; keep it when it is shared.
pub fn finish_shared_page<T: Template>(
    state: &crate::state::AppState,
    build: SharedBuild,
    ctx: &Ctx,
    template: &T,
) -> Result<HttpResponse, AppError> {
    let body = template.render().map_err(|e| {
        AppError::Internal(anyhow::Error::new(e).context("template failed to render"))
    })?;
    if !build.shared {
        return Ok(html(StatusCode::OK, body));
    }
    let body = std::sync::Arc::new(page_cache::SharedBody::cut(&body));
    state
        .pages
        .keep(build.generation, &ctx.path, ctx.lang, body.clone());
    Ok(html(StatusCode::OK, body.fill(&ctx.csrf)))
}

/// Render a template as a 200 page.
pub fn page<T: Template>(template: &T) -> Result<HttpResponse, AppError> {
    render(StatusCode::OK, template)
}

/// Render a form again after a failed submission: 422 with messages and the values typed.
pub fn invalid<T: Template>(template: &T) -> Result<HttpResponse, AppError> {
    render(StatusCode::UNPROCESSABLE_ENTITY, template)
}

/// Show a form page: 200 when `errors` is empty, else 422 with the messages.
pub fn form_page<T: Template>(
    template: &T,
    errors: &crate::domain::FormErrors,
) -> Result<HttpResponse, AppError> {
    if errors.is_empty() {
        page(template)
    } else {
        invalid(template)
    }
}

/// Redirect after a successful POST.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

/// Accept a `next` value only if it is a path on this site (no open redirects).
pub fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?.trim();
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control());
    ok.then(|| next.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_stay_on_site() {
        assert_eq!(safe_next(Some("/staff")), Some("/staff".into()));
        assert_eq!(safe_next(Some("//evil.example")), None);
        assert_eq!(safe_next(Some("https://evil.example")), None);
        assert_eq!(safe_next(Some("/\\evil")), None);
        assert_eq!(safe_next(None), None);
    }
}
