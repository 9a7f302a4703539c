//! The request context every page is rendered with.

use actix_session::{Session, SessionExt as _};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage as _, HttpRequest, web};
use futures_util::future::LocalBoxFuture;

use crate::db;
use crate::domain::account::{Permission, Role};
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::state::AppState;

/// Session keys, in one place.
pub mod keys {
    pub const USER_ID: &str = "uid";
    pub const SESSION_VERSION: &str = "sv";
    pub const LOGIN_AT: &str = "login_at";
    pub const CSRF: &str = "csrf";
    pub const FLASH: &str = "flash";
    pub const LANG: &str = "lang";
    pub const WITNESS: &str = "witness";
    pub const RECEIPT: &str = "receipt";
}

/// How long a staff login lasts, even with the browser left open. Session rows live no
/// longer than this on the server either.
pub const STAFF_SESSION_HOURS: i64 = 12;

/// The signed-in staff member, as pages need them.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

impl SessionUser {
    pub fn can(&self, permission: Permission) -> bool {
        self.role.can(permission)
    }
}

/// What every page is rendered with.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<SessionUser>,
    pub csrf: String,
    pub flash: Option<String>,
    /// The current path (no query), for the language switcher to return to.
    pub path: String,
    pub session: Session,
}

impl Ctx {
    /// A message in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::message(self.lang, key, &[])
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        i18n::message(self.lang, key, &[(name, value)])
    }

    /// The languages of the switcher, other than the current one.
    pub fn other_langs(&self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|l| *l != self.lang).collect()
    }

    /// Whether the signed-in member may do this (false when nobody is signed in).
    pub fn can(&self, permission: Permission) -> bool {
        self.user.as_ref().is_some_and(|u| u.can(permission))
    }

    pub fn perm_manage_users(&self) -> bool {
        self.can(Permission::ManageUsers)
    }
    pub fn perm_manage_hearings(&self) -> bool {
        self.can(Permission::ManageHearings)
    }
    pub fn perm_view_hearings(&self) -> bool {
        self.can(Permission::ViewHearings)
    }
    pub fn perm_manage_themes(&self) -> bool {
        self.can(Permission::ManageThemes)
    }

    /// Check a submitted anti-forgery token against the session's.
    pub fn verify_csrf(&self, submitted: &str) -> Result<(), AppError> {
        verify_csrf(&self.session, submitted)
    }

    /// Leave a message for the next page this visitor sees.
    pub fn set_flash(&self, message: &str) {
        set_flash(&self.session, message);
    }

    /// A context without the signed-in member (no database): for error pages raised
    /// before any handler ran.
    pub fn light(req: &HttpRequest) -> Self {
        let session = req.get_session();
        let lang = session
            .get::<String>(keys::LANG)
            .ok()
            .flatten()
            .and_then(|c| Lang::parse(&c))
            .unwrap_or_else(|| {
                req.headers()
                    .get("Accept-Language")
                    .and_then(|v| v.to_str().ok())
                    .map(Lang::negotiate)
                    .unwrap_or(Lang::En)
            });
        Ctx {
            lang,
            user: None,
            csrf: csrf_token(&session),
            flash: None,
            path: req.path().to_string(),
            session,
        }
    }

    async fn load(req: &HttpRequest) -> Result<Self, AppError> {
        if let Some(ctx) = req.extensions().get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?
            .clone();
        let mut ctx = Ctx::light(req);
        ctx.user = load_user(&state, &ctx.session).await?;
        ctx.flash = ctx
            .session
            .remove_as::<String>(keys::FLASH)
            .and_then(Result::ok);
        req.extensions_mut().insert(ctx.clone());
        Ok(ctx)
    }
}

/// Read the signed-in member from the session, checking on every request that the account
/// still exists, is enabled, and that its sessions have not been ended since login.
async fn load_user(state: &AppState, session: &Session) -> Result<Option<SessionUser>, AppError> {
    let Some(id) = session.get::<String>(keys::USER_ID).ok().flatten() else {
        return Ok(None);
    };
    let version = session.get::<i32>(keys::SESSION_VERSION).ok().flatten();
    let login_at = session
        .get::<i64>(keys::LOGIN_AT)
        .ok()
        .flatten()
        .unwrap_or(0);
    let fresh = chrono::Utc::now().timestamp() - login_at < STAFF_SESSION_HOURS * 3600;
    let user = crate::web::run_db(&state.pool, move |conn| Ok(db::users::find(conn, &id)?)).await?;
    match user {
        Some(u) if !u.disabled && Some(u.session_version) == version && fresh => {
            Ok(Some(SessionUser {
                role: u.role(),
                id: u.id,
                email: u.email,
                display_name: u.display_name,
            }))
        }
        _ => {
            end_login(session);
            Ok(None)
        }
    }
}

/// Start a staff session: a fresh session (new anti-forgery token) bound to the account's
/// current session version.
pub fn begin_login(session: &Session, user: &db::users::User) -> Result<(), AppError> {
    let lang = session.get::<String>(keys::LANG).ok().flatten();
    // `purge` would drop later inserts; clear the state and issue a new cookie instead.
    session.clear();
    session.renew();
    let insert = |k: &str, v: serde_json::Value| store(session, k, v);
    insert(keys::USER_ID, user.id.clone().into())?;
    insert(keys::SESSION_VERSION, user.session_version.into())?;
    insert(keys::LOGIN_AT, chrono::Utc::now().timestamp().into())?;
    insert(keys::CSRF, crate::crypto::random_token().into())?;
    if let Some(lang) = lang {
        insert(keys::LANG, lang.into())?;
    }
    Ok(())
}

/// Put a value in the session.
pub fn store(session: &Session, key: &str, value: impl serde::Serialize) -> Result<(), AppError> {
    session
        .insert(key, value)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("session write failed: {e}")))
}

/// End the staff part of a session.
pub fn end_login(session: &Session) {
    session.remove(keys::USER_ID);
    session.remove(keys::SESSION_VERSION);
    session.remove(keys::LOGIN_AT);
}

/// The session's anti-forgery token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    if let Some(t) = session.get::<String>(keys::CSRF).ok().flatten() {
        return t;
    }
    let t = crate::crypto::random_token();
    // A failed insert only means the next form post is refused with a clear message.
    let _ = session.insert(keys::CSRF, &t);
    t
}

/// Compare a submitted token with the session's, in constant time.
pub fn verify_csrf(session: &Session, submitted: &str) -> Result<(), AppError> {
    match session.get::<String>(keys::CSRF).ok().flatten() {
        Some(expected)
            if !submitted.is_empty() && crate::crypto::constant_time_eq(&expected, submitted) =>
        {
            Ok(())
        }
        _ => Err(AppError::Csrf),
    }
}

/// Leave a message for the next page.
pub fn set_flash(session: &Session, message: &str) {
    let _ = session.insert(keys::FLASH, message);
}

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ctx::load(&req).await })
    }
}

/// A page for signed-in staff only. Anonymous visitors are sent to the login page.
pub struct Staff {
    pub ctx: Ctx,
    pub user: SessionUser,
}

impl Staff {
    /// Refuse with 403 unless the member's role grants `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.user.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let ctx = Ctx::load(&req).await?;
            match ctx.user.clone() {
                Some(user) => Ok(Staff { ctx, user }),
                None => {
                    let next = if req.method() == actix_web::http::Method::GET {
                        req.uri()
                            .path_and_query()
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_default()
                    } else {
                        "/staff".to_string()
                    };
                    Err(AppError::LoginRequired { next })
                }
            }
        })
    }
}

/// The client's address, for in-memory throttling only; never stored or logged.
pub fn client_key(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    // The last entry is the one our own proxy added; earlier ones are whatever the client sent.
    if trust_forwarded_for
        && let Some(last) = req
            .headers()
            .get("X-Forwarded-For")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
    {
        return last.trim().to_string();
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}
