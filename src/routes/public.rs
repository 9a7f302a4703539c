//! Public pages that belong to no other area: the home page, the language switcher,
//! the health check and the not-found page.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{self as w, Ctx};

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: Ctx,
}

#[get("/")]
pub async fn home(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let build = match w::shared_page(&state, &ctx) {
        Ok(copy) => return Ok(copy),
        Err(build) => build,
    };
    w::finish_shared_page(&state, build, &ctx, &HomePage { ctx: ctx.clone() })
}

#[derive(serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Switch the interface language (a plain link, so it works without JavaScript).
#[get("/lang/{code}")]
pub async fn set_language(
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let next = w::safe_next(query.next.as_deref()).unwrap_or_else(|| "/".into());
    let mut res = w::see_other(&next);
    res.add_cookie(&w::ctx::language_cookie(
        lang,
        state.config.secure_cookies(),
    ))
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok(res)
}

/// Liveness and database reachability, for load balancers.
#[get("/healthz")]
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    crate::web::run_db(&state.pool, |conn| {
        use diesel::connection::SimpleConnection as _;
        conn.batch_execute("SELECT 1").map_err(AppError::from)
    })
    .await?;
    Ok(HttpResponse::Ok().content_type("text/plain").body("ok"))
}

/// The files of `static/`, compiled into the binary so a deployment is one file.
const STATIC_FILES: &[(&str, &str, &[u8])] = &[
    (
        "site.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/site.css"),
    ),
    (
        "report.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/report.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../static/favicon.svg"),
    ),
    (
        "print.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/print.js"),
    ),
];

/// Each static file's entity tag (the start of its SHA-256), worked out once.
static STATIC_ETAGS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    STATIC_FILES
        .iter()
        .map(|(_, _, bytes)| format!("\"{}\"", &crate::crypto::sha256_hex(bytes)[..16]))
        .collect()
});

#[get("/static/{name}", wrap = "actix_web::middleware::Compress::default()")]
pub async fn static_file(
    req: actix_web::HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let index = STATIC_FILES
        .iter()
        .position(|(n, _, _)| *n == name.as_str())
        .ok_or(AppError::NotFound)?;
    let (_, mime, bytes) = STATIC_FILES[index];
    let etag = STATIC_ETAGS[index].clone();
    let cache = ("Cache-Control", "public, max-age=86400");
    if req
        .headers()
        .get("If-None-Match")
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return Ok(HttpResponse::NotModified()
            .insert_header(cache)
            .insert_header(("ETag", etag))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(mime)
        .insert_header(cache)
        .insert_header(("ETag", etag))
        .body(bytes))
}

/// Anything that matches no route.
pub async fn not_found(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let _ = ctx;
    Err(AppError::NotFound)
}
