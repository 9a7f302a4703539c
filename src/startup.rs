//! Building the application: state, routes, middleware, and the server itself.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_session::SessionMiddleware;
use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};

use crate::attachments::budget::UploadBudget;
use crate::config::Config;
use crate::crypto::keys::RecoveryKey;
use crate::crypto::{self, DataKeys};
use crate::db;
use crate::mail::{Mailer, Transport};
use crate::service::organisation::OrganisationCache;
use crate::state::{AppState, Throttles};
use crate::throttle::{MemoryThrottle, Policy};
use crate::web::middleware;
use crate::web::page_cache::PageCache;
use crate::web::session_store::{self, DbSessionStore};

/// How often expired session rows, and receipts kept past their 15 minutes, are deleted.
const SESSION_SWEEP_EVERY: Duration = Duration::from_secs(10 * 60);

/// The state and keys needed to serve.
pub struct Prepared {
    pub state: web::Data<AppState>,
    pub session_key: Key,
    /// Made when an older database was upgraded to sealed originals: show it once.
    pub upgrade_recovery: Option<RecoveryKey>,
}

/// The server's data key (outbox, keyed hashes), from the setting or the data folder.
pub fn data_keys(config: &Config) -> anyhow::Result<DataKeys> {
    let data_key = match &config.data_key {
        Some(k) => k.clone(),
        None => crypto::load_or_create_key(&config.data_dir.join("data.key"), 32)?,
    };
    Ok(DataKeys::new(&data_key))
}

/// Apply pending migrations; an older database's clear text is sealed on the way.
/// Returns the migrations applied and, when the upgrade made the organisation key, its
/// recovery key (to show once).
pub fn migrate(
    conn: &mut db::DbConn,
    config: &Config,
    keys: &DataKeys,
) -> anyhow::Result<(Vec<String>, Option<RecoveryKey>)> {
    let mut upgrade = None;
    let applied = db::migrate(conn, |conn| {
        let done = crate::service::legacy::seal_clear_text(conn, keys, &config.data_dir)
            .map_err(|e| anyhow::anyhow!("sealing the existing testimony failed: {e}"))?;
        if done.testimonies + done.additions + done.attachments > 0 {
            tracing::info!(
                testimonies = done.testimonies,
                additions = done.additions,
                attachments = done.attachments,
                "existing testimony sealed"
            );
        }
        upgrade = Some(done);
        Ok(())
    })?;
    Ok((applied, upgrade.and_then(|u| u.recovery)))
}

/// Make the data folder private, open the database, apply migrations, load or create
/// keys, and build the mailer.
pub fn prepare(config: Config) -> anyhow::Result<Prepared> {
    crate::files::restrict_new_files();
    crate::files::secure_tree(&config.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot make the data folder {} private: {e}",
            config.data_dir.display()
        )
    })?;
    let keys = data_keys(&config)?;
    let pool = db::connect(&config.database_url)?;
    let (upgrade_recovery, organisation) = {
        let mut conn = pool.get().map_err(|e| {
            anyhow::anyhow!(
                "cannot connect to {}: {e}. Check DATABASE_URL and that the database is running.",
                config.database_url.describe()
            )
        })?;
        let (applied, recovery) = migrate(&mut conn, &config, &keys)?;
        if !applied.is_empty() {
            tracing::info!(count = applied.len(), "database migrations applied");
        }
        let organisation = crate::service::organisation::load(&mut conn)
            .map_err(|e| anyhow::anyhow!("cannot read the organisation's settings: {e}"))?;
        (recovery, organisation)
    };
    let session_key = match &config.session_key {
        Some(k) => k.clone(),
        None => crypto::load_or_create_key(&config.data_dir.join("session.key"), 64)?,
    };
    let transport = Transport::from_config(&config.mail)?;
    let mailer = Mailer::new(
        transport,
        &config.mail_from,
        pool.clone(),
        keys.clone(),
        Duration::from_secs(config.mail_poll_seconds),
    )?;
    let uploads = UploadBudget::new(
        config.attachments.memory_bytes,
        config.attachments.memory_wait,
    );
    let state = AppState {
        pool,
        config,
        keys,
        mailer,
        throttles: Throttles {
            login: MemoryThrottle::new(Policy::LOGIN_ADDRESS),
            receipt: MemoryThrottle::new(Policy::RECEIPT_ADDRESS),
            submit: MemoryThrottle::new(Policy::SUBMIT_ADDRESS),
            reset: MemoryThrottle::new(Policy::RESET_ADDRESS),
        },
        organisation: OrganisationCache::new(organisation),
        pages: PageCache::default(),
        hearing_forms: PageCache::default(),
        searches: PageCache::with_room(crate::web::page_cache::FRESH_FOR, 32),
        uploads,
        password_turns: tokio::sync::Semaphore::new(
            std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
        ),
    };
    Ok(Prepared {
        state: web::Data::new(state),
        session_key: Key::try_from(&session_key[..64])
            .map_err(|e| anyhow::anyhow!("the session key is unusable: {e}"))?,
        upgrade_recovery,
    })
}

/// Start serving on a bound listener (port 0 in tests). The mail sender and the sweeper of
/// expired sessions start with it.
pub fn run(listener: TcpListener, prepared: Prepared) -> anyhow::Result<Server> {
    let Prepared {
        state, session_key, ..
    } = prepared;
    let https = state.config.secure_cookies();
    let workers = state.config.workers;
    // Database work runs on each worker's blocking threads, and each needs one of the
    // pool's connections: more threads in all than connections would only wait for one,
    // each with its own stack and allocator arena.
    let blocking_threads = (state.pool.max_size() as usize)
        .div_ceil(workers.max(1))
        .max(2);
    let mailer = state.mailer.clone();
    actix_web::rt::spawn(mailer.run());
    actix_web::rt::spawn(session_store::sweep_expired_sessions(
        state.pool.clone(),
        SESSION_SWEEP_EVERY,
    ));
    if state.config.purge_interval_minutes > 0 {
        actix_web::rt::spawn(purge_on_schedule(
            state.pool.clone(),
            state.config.data_dir.clone(),
            state.config.retention_days,
            Duration::from_secs(state.config.purge_interval_minutes * 60),
        ));
    }
    let session_key = Arc::new(session_key);
    let server = HttpServer::new(move || {
        let store = DbSessionStore::new(state.pool.clone());
        let session = SessionMiddleware::builder(store, (*session_key).clone())
            .cookie_name("upr_session".into())
            .cookie_secure(https)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_content_security(CookieContentSecurity::Private)
            .session_lifecycle(BrowserSession::default().state_ttl(
                actix_web::cookie::time::Duration::hours(crate::web::ctx::STAFF_SESSION_HOURS),
            ))
            .build();
        App::new()
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(crate::web::form::FORM_LIMIT))
            .configure(crate::routes::configure)
            .wrap(from_fn(middleware::error_pages))
            .wrap(from_fn(middleware::clear_shared_pages))
            .wrap(from_fn(crate::web::csrf::set_cookie))
            .wrap(session)
            .wrap(middleware::security_headers(https))
            .wrap(from_fn(middleware::request_log))
    })
    .workers(workers)
    .worker_max_blocking_threads(blocking_threads)
    .listen(listener)?
    .shutdown_timeout(10)
    .run();
    Ok(server)
}

/// Run the retention purge at start and then every `every`; a run that falls behind is
/// skipped, never doubled. The work runs on the blocking pool; what was purged goes to
/// the audit trail and, as counts, to the log.
async fn purge_on_schedule(
    pool: db::Pool,
    data_dir: std::path::PathBuf,
    default_days: i64,
    every: Duration,
) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        ticks.tick().await;
        let dir = data_dir.clone();
        let done = crate::service::run(&pool, move |conn| {
            crate::service::retention::purge(conn, &dir, default_days)
        })
        .await;
        match done {
            Ok(purged) => {
                for p in purged {
                    tracing::info!(hearing = %p.hearing_id, contacts = p.contacts, attachments = p.attachments, "retention purge");
                }
            }
            Err(e) => tracing::warn!(error = %e, "the retention purge failed; it runs again later"),
        }
    }
}
