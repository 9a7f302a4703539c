//! The request context every page is rendered with.

use actix_session::{Session, SessionExt as _};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage as _, HttpRequest, web};
use futures_util::future::LocalBoxFuture;

use crate::db;
use crate::domain::account::{Permission, Role};
use crate::domain::organisation::Organisation;
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::state::AppState;
use crate::web::csrf;

/// Session keys, in one place.
pub mod keys {
    pub const USER_ID: &str = "uid";
    pub const SESSION_VERSION: &str = "sv";
    pub const LOGIN_AT: &str = "login_at";
    pub const FLASH: &str = "flash";
    pub const WITNESS: &str = "witness";
    /// The receipt a witness may view again for a while after submitting.
    pub const RECEIPT: &str = "receipt";
    /// The receipt staff print for a witness after assisted intake.
    pub const INTAKE_RECEIPT: &str = "intake_receipt";
    /// The organisation key of a granted staff member (only ever in a server-side session).
    pub const ORIGINALS: &str = "originals";
    /// A recovery key to show once, right after the first administrator was created.
    pub const RECOVERY: &str = "recovery";
    /// Set when the organisation requires two-step sign-in and the account signed in
    /// without it: every staff page leads to the enrolment page.
    pub const MUST_ENROL: &str = "must_enrol";
}

/// The page where staff set up two-step sign-in.
pub const ENROL_PATH: &str = "/account/two-step";

/// Staff pages (in English, whatever the visitor's language): everything under these paths.
fn is_staff_path(path: &str) -> bool {
    [
        "/staff",
        "/admin",
        "/account",
        "/login",
        "/logout",
        "/password",
        "/invite",
        "/setup",
    ]
    .iter()
    .any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The cookie that remembers the visitor's choice of language (not the session, so that
/// choosing a language writes nothing on the server).
pub const LANG_COOKIE: &str = "upr_lang";

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
    /// Who runs the site (the in-memory copy: no query).
    pub org: std::sync::Arc<Organisation>,
    /// The anti-forgery token of this request, to check posts against.
    csrf_token: csrf::Token,
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

    /// Whether this is a staff page: staff pages are in English and offer no switcher.
    pub fn staff_page(&self) -> bool {
        is_staff_path(&self.path)
    }

    /// The organisation's name in the page's language (shown in every page's footer).
    pub fn org_name(&self) -> String {
        self.org.name(self.lang).text
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
    pub fn perm_review(&self) -> bool {
        self.can(Permission::ReviewTestimony)
    }
    pub fn perm_view_audit(&self) -> bool {
        self.can(Permission::ViewAudit)
    }
    pub fn perm_manage_organisation(&self) -> bool {
        self.can(Permission::ManageOrganisation)
    }

    /// Check a submitted anti-forgery token against the one bound to this visitor's cookie.
    pub fn verify_csrf(&self, submitted: &str) -> Result<(), AppError> {
        self.csrf_token.verify(submitted)
    }

    /// The organisation key, when the signed-in member is granted access to originals.
    pub fn originals(&self) -> Option<crate::crypto::keys::OrgSecretKey> {
        use base64::Engine as _;
        self.user.as_ref()?;
        let b64 = self.session.get::<String>(keys::ORIGINALS).ok().flatten()?;
        let bytes =
            zeroize::Zeroizing::new(base64::engine::general_purpose::STANDARD.decode(b64).ok()?);
        crate::crypto::keys::OrgSecretKey::from_bytes(&bytes).ok()
    }

    /// Leave a message for the next page this visitor sees.
    pub fn set_flash(&self, message: &str) {
        set_flash(&self.session, message);
    }

    /// A context without the signed-in member (no database): for error pages raised
    /// before any handler ran. It writes nothing to the session.
    pub fn light(req: &HttpRequest) -> Self {
        let staff_page = is_staff_path(req.path());
        let lang = req
            .cookie(LANG_COOKIE)
            .filter(|_| !staff_page)
            .and_then(|c| Lang::parse(c.value()))
            .unwrap_or_else(|| {
                req.headers()
                    .get("Accept-Language")
                    .and_then(|v| v.to_str().ok())
                    .filter(|_| !staff_page)
                    .map(Lang::negotiate)
                    .unwrap_or(Lang::En)
            });
        let csrf_token = csrf::token(req, None);
        let org = req
            .app_data::<web::Data<AppState>>()
            .map(|state| state.organisation.get())
            .unwrap_or_default();
        Ctx {
            lang,
            org,
            user: None,
            csrf: csrf_token.value().to_string(),
            flash: None,
            path: req.path().to_string(),
            session: req.get_session(),
            csrf_token,
        }
    }

    /// The full context, loaded once per request (handlers and form checks share it).
    pub(crate) async fn load(req: &HttpRequest) -> Result<Self, AppError> {
        if let Some(ctx) = req.extensions().get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?
            .clone();
        refresh_organisation(&state).await;
        let mut ctx = Ctx::light(req);
        ctx.user = load_user(&state, &ctx.session).await?;
        ctx.flash = take_flash(&ctx.session);
        if let Some(principal) = principal(ctx.user.as_ref(), &ctx.session) {
            ctx.csrf_token = csrf::token(req, Some(&principal));
            ctx.csrf = ctx.csrf_token.value().to_string();
        }
        req.extensions_mut().insert(ctx.clone());
        Ok(ctx)
    }
}

/// Re-read the organisation's settings when the in-memory copy is due (at most once a
/// minute: other instances may have saved). A failed read keeps the copy.
async fn refresh_organisation(state: &AppState) {
    if !state.organisation.claim_refresh() {
        return;
    }
    match crate::service::run(&state.pool, crate::service::organisation::load).await {
        Ok(org) => state.organisation.set(org),
        Err(e) => tracing::warn!(error = %e, "the organisation's settings could not be re-read"),
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

/// What a witness's session holds once their receipt opened their testimony: the
/// testimony, the key to their own copy (derived from the receipt, which is kept nowhere),
/// and when they were last seen.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct WitnessEntry {
    pub id: crate::domain::ids::TestimonyId,
    pub key: String,
    pub seen: i64,
}

/// Whom the session speaks for, to bind anti-forgery tokens to: the signed-in staff member,
/// else the witness who opened their testimony (fresh or not: the witness pages decide).
fn principal(user: Option<&SessionUser>, session: &Session) -> Option<String> {
    if let Some(user) = user {
        return Some(format!("staff:{}", user.id));
    }
    let entry = session.get::<WitnessEntry>(keys::WITNESS).ok().flatten()?;
    Some(format!("witness:{}", entry.id))
}

/// Start a staff session: a fresh session (new id and secret, the old row deleted) bound
/// to the account's current session version, holding the organisation key when the
/// account is granted (the session row is encrypted under a secret only the cookie holds).
pub fn begin_login(
    session: &Session,
    user: &db::users::User,
    originals: Option<&crate::crypto::keys::OrgSecretKey>,
) -> Result<(), AppError> {
    // `purge` would drop later inserts; clear the state and issue a new cookie instead.
    session.clear();
    session.renew();
    let insert = |k: &str, v: serde_json::Value| store(session, k, v);
    insert(keys::USER_ID, user.id.clone().into())?;
    insert(keys::SESSION_VERSION, user.session_version.into())?;
    insert(keys::LOGIN_AT, chrono::Utc::now().timestamp().into())?;
    if let Some(org) = originals {
        use base64::Engine as _;
        let b64 = zeroize::Zeroizing::new(
            base64::engine::general_purpose::STANDARD.encode(*org.to_bytes()),
        );
        insert(keys::ORIGINALS, b64.as_str().into())?;
    }
    Ok(())
}

/// Whether this session must set up two-step sign-in before any other staff page.
pub fn must_enrol(session: &Session) -> bool {
    session.contains_key(keys::MUST_ENROL)
}

/// Send this session to the enrolment page until two-step sign-in is set up (`true`), or
/// let it go (`false`).
pub fn set_must_enrol(session: &Session, on: bool) -> Result<(), AppError> {
    if on {
        store(session, keys::MUST_ENROL, true)
    } else {
        if session.contains_key(keys::MUST_ENROL) {
            session.remove(keys::MUST_ENROL);
        }
        Ok(())
    }
}

/// End the whole session (logging out): its row is deleted at once and
/// the cookie replaced by a new one that carries only `farewell`, shown on the next page.
pub fn end_session(session: &Session, farewell: &str) {
    // `purge` would drop the farewell; a cleared, renewed session deletes the old row too.
    session.clear();
    session.renew();
    set_flash(session, farewell);
}

/// Put a value in the session.
pub fn store(session: &Session, key: &str, value: impl serde::Serialize) -> Result<(), AppError> {
    session
        .insert(key, value)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("session write failed: {e}")))
}

/// End the staff part of a session.
pub fn end_login(session: &Session) {
    for key in [
        keys::ORIGINALS,
        keys::MUST_ENROL,
        keys::USER_ID,
        keys::SESSION_VERSION,
        keys::LOGIN_AT,
    ] {
        // `remove` marks the session changed even for a missing key; a visitor without a
        // login must not get a session written for nothing.
        if session.contains_key(key) {
            session.remove(key);
        }
    }
}

/// Leave a message for the next page.
pub fn set_flash(session: &Session, message: &str) {
    let _ = session.insert(keys::FLASH, message);
}

/// Take the message left for this page, if any. Without one the session is untouched
/// (`remove` would mark it changed and have it written).
fn take_flash(session: &Session) -> Option<String> {
    if !session.contains_key(keys::FLASH) {
        return None;
    }
    session
        .remove_as::<String>(keys::FLASH)
        .and_then(Result::ok)
}

/// The cookie that keeps the visitor's language for a year.
pub fn language_cookie(lang: Lang, https: bool) -> Cookie<'static> {
    Cookie::build(LANG_COOKIE, lang.code().to_string())
        .path("/")
        .same_site(SameSite::Lax)
        .secure(https)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish()
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
                Some(_) if must_enrol(&ctx.session) && req.path() != ENROL_PATH => {
                    Err(AppError::Redirect(ENROL_PATH.to_string()))
                }
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
