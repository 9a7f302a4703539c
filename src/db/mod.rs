//! Storage: one connection type for SQLite and PostgreSQL, the pool, and migrations.
//!
//! Every query in the application is written once against [`DbConn`]; the backend is
//! chosen from the URL scheme at start. Backend-specific SQL lives only in this module.

pub mod audit;
pub mod backup;
pub mod details;
pub mod durability;
pub mod excerpts;
pub mod hearings;
pub mod kept_receipts;
pub mod keys;
pub mod messages;
pub mod organisation;
pub mod outbox;
pub mod queue;
pub mod redaction;
pub mod reports;
pub mod retention;
pub mod review;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod tags;
pub mod testimony;
pub mod upkeep;

pub mod throttle;
pub mod tokens;
pub mod translations;
pub mod two_step;
pub mod users;

use std::path::PathBuf;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// A connection to either backend; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Where the data lives, parsed from `DATABASE_URL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://` or `postgresql://`).
    Postgres(String),
}

/// Why a database URL was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DatabaseUrlError {
    #[error(
        "DATABASE_URL uses the scheme `{0}`, which is not supported. Use `sqlite://PATH` (or a plain file path) for SQLite, or `postgres://USER@HOST/DB` for PostgreSQL."
    )]
    UnsupportedScheme(String),
    #[error(
        "DATABASE_URL is empty. Leave it unset to use SQLite in ./data, or give `sqlite://PATH` or `postgres://...`."
    )]
    Empty,
}

impl DatabaseUrl {
    /// Parse a `DATABASE_URL` value. A value without a scheme is a SQLite file path.
    pub fn parse(raw: &str) -> Result<Self, DatabaseUrlError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(DatabaseUrlError::Empty);
        }
        match raw.split_once("://") {
            Some(("postgres" | "postgresql", _)) => Ok(Self::Postgres(raw.to_string())),
            Some(("sqlite", path)) => {
                if path.is_empty() {
                    Err(DatabaseUrlError::Empty)
                } else {
                    Ok(Self::Sqlite(PathBuf::from(path)))
                }
            }
            Some((scheme, _)) => Err(DatabaseUrlError::UnsupportedScheme(scheme.to_string())),
            None if raw.contains(':') && !raw.starts_with('/') && !raw.starts_with('.') => {
                let scheme = raw.split(':').next().unwrap_or_default();
                Err(DatabaseUrlError::UnsupportedScheme(scheme.to_string()))
            }
            None => Ok(Self::Sqlite(PathBuf::from(raw))),
        }
    }

    /// A description safe to log: the backend and, for SQLite, the file; never a password.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("SQLite at {}", path.display()),
            Self::Postgres(url) => {
                let host = url
                    .split_once('@')
                    .map(|(_, rest)| rest)
                    .or_else(|| url.split_once("://").map(|(_, rest)| rest))
                    .unwrap_or_default();
                format!("PostgreSQL at {host}")
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }
}

/// Opens connections of the backend named by the URL, with per-connection settings.
#[derive(Clone, Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(r2d2::Error::ConnectionError)?;
                // Each connection keeps at most 512 KiB of pages (SQLite's default is 2
                // MiB): the operating system caches the file for all of them, and eight
                // private copies of the same pages only add to the server's memory.
                // `synchronous = FULL`: each commit is on the disk before it returns, so a
                // witness who saw a receipt keeps their testimony through a power cut
                // too, not only through a crash of the server.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                     PRAGMA secure_delete = ON; PRAGMA cache_size = -512;",
                )
                .map_err(r2d2::Error::QueryError)?;
                // SQLite makes its files with the process's umask; make sure they are private.
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = crate::files::secure_file(std::path::Path::new(&file));
                }
                Ok(DbConn::Sqlite(conn))
            }
            DatabaseUrl::Postgres(url) => diesel::PgConnection::establish(url)
                .map(DbConn::Pg)
                .map_err(r2d2::Error::ConnectionError),
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection left inside a transaction (a panic mid-transaction) is not reused,
    /// nor a PostgreSQL connection found dead after the work it served failed.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        if diesel::r2d2::R2D2Connection::is_broken(conn) {
            return true;
        }
        let failed = WORK_FAILED.with(|f| f.replace(false));
        failed && matches!(conn, DbConn::Pg(_)) && conn.batch_execute("SELECT 1").is_err()
    }
}

thread_local! {
    /// Set by [`run`] when the work on a connection failed, so that the pool checks the
    /// connection when it comes back instead of before every checkout.
    static WORK_FAILED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The connection pool shared by request handlers and background workers.
pub type Pool = r2d2::Pool<ConnectionManager>;
/// A connection checked out of the pool.
pub type PooledConn = r2d2::PooledConnection<ConnectionManager>;

/// One connection, made in this thread, with the same settings as the pool's: for a
/// command that runs and exits. (A pool keeps making connections on its own threads; one
/// still being made when the process exits can crash the exit, as the TLS library is
/// torn down under it.)
pub fn connect_one(url: &DatabaseUrl) -> anyhow::Result<DbConn> {
    make_folder(url)?;
    ConnectionManager { url: url.clone() }.connect().map_err(|e| {
        anyhow::anyhow!(
            "cannot connect to {}: {e}. Check DATABASE_URL and that the database server is running.",
            url.describe()
        )
    })
}

/// For SQLite, the folder the file goes in.
fn make_folder(url: &DatabaseUrl) -> anyhow::Result<()> {
    if let DatabaseUrl::Sqlite(path) = url
        && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|e| {
            anyhow::anyhow!(
                "cannot create the database folder {}: {e}",
                parent.display()
            )
        })?;
    }
    Ok(())
}

/// Open the pool. For SQLite the parent folder is created; the file is created on first connect.
pub fn connect(url: &DatabaseUrl) -> anyhow::Result<Pool> {
    make_folder(url)?;
    let size = if url.is_postgres() { 10 } else { 8 };
    r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        // No `SELECT 1` before every checkout: a request pays for its own queries only.
        // A PostgreSQL connection the server closed fails the work it is given, is then
        // found dead when it comes back (`has_broken`) and replaced.
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(10))
        .build(ConnectionManager { url: url.clone() })
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot connect to {}: {e}. Check DATABASE_URL and that the database server is running.",
                url.describe()
            )
        })
}

/// The first migration that drops clear-text columns: the application seals their
/// contents just before it runs (see `service::legacy`).
const SEAL_BEFORE: &str = "2026-11-24-000005";

/// Apply pending migrations for the connection's backend. `before_dropping_clear_text`
/// runs just before the migration that drops the clear-text columns, if that is pending.
/// Returns the versions applied.
///
/// On PostgreSQL an advisory lock keeps several instances starting at once from racing.
pub fn migrate(
    conn: &mut DbConn,
    before_dropping_clear_text: impl FnOnce(&mut DbConn) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<String>> {
    if let DbConn::Pg(c) = conn {
        c.batch_execute("SELECT pg_advisory_lock(7351001)")?;
    }
    let result = (|| {
        let mut applied = run_pending(conn, Some(SEAL_BEFORE))?;
        // Only when that very migration is pending: later ones find the clear columns gone.
        let sealing = pending(conn)?.iter().any(|m| m.starts_with(SEAL_BEFORE));
        if sealing {
            before_dropping_clear_text(conn)?;
        }
        applied.extend(run_pending(conn, None)?);
        if sealing {
            // The dropped columns' old pages go too.
            match conn {
                DbConn::Sqlite(c) => c.batch_execute("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?,
                DbConn::Pg(c) => c.batch_execute(
                    "VACUUM FULL testimonies, testimony_additions, redaction_requests, consent_records",
                )?,
            }
        }
        Ok(applied)
    })();
    if let DbConn::Pg(c) = conn {
        c.batch_execute("SELECT pg_advisory_unlock(7351001)")?;
    }
    result
}

/// Apply the pending migrations that come before `version` only (to build an older
/// database in tests of upgrades).
#[doc(hidden)]
pub fn migrate_before(conn: &mut DbConn, version: &str) -> anyhow::Result<Vec<String>> {
    run_pending(conn, Some(version))
}

fn pending(conn: &mut DbConn) -> anyhow::Result<Vec<String>> {
    Ok(match conn {
        DbConn::Sqlite(c) => c
            .pending_migrations(SQLITE_MIGRATIONS)
            .map(|v| v.iter().map(|m| m.name().to_string()).collect())
            .map_err(|e| anyhow::anyhow!("cannot list migrations: {e}"))?,
        DbConn::Pg(c) => c
            .pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.iter().map(|m| m.name().to_string()).collect())
            .map_err(|e| anyhow::anyhow!("cannot list migrations: {e}"))?,
    })
}

fn run_pending(conn: &mut DbConn, stop_before: Option<&str>) -> anyhow::Result<Vec<String>> {
    match conn {
        DbConn::Sqlite(c) => run_each(c, SQLITE_MIGRATIONS, stop_before),
        DbConn::Pg(c) => run_each(c, POSTGRES_MIGRATIONS, stop_before),
    }
}

fn run_each<B, C>(
    c: &mut C,
    source: EmbeddedMigrations,
    stop_before: Option<&str>,
) -> anyhow::Result<Vec<String>>
where
    B: diesel::backend::Backend,
    C: MigrationHarness<B>,
    EmbeddedMigrations: diesel::migration::MigrationSource<B>,
{
    let mut applied = Vec::new();
    let pending = c
        .pending_migrations(source)
        .map_err(|e| anyhow::anyhow!("cannot list migrations: {e}"))?;
    for m in pending {
        let name = m.name().to_string();
        if stop_before.is_some_and(|s| name.as_str() >= s) {
            break;
        }
        c.run_migration(&*m)
            .map_err(|e| anyhow::anyhow!("migration {name} failed: {e}"))?;
        applied.push(name);
    }
    Ok(applied)
}

/// Why database work could not run at all (as opposed to a query that failed).
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No connection could be had from the pool in time.
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::PoolError),
    /// A query failed.
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    /// The blocking task was cancelled (the server is shutting down).
    #[error("the database task was cancelled")]
    Cancelled,
}

/// Run a database closure on the blocking thread pool, so no async worker waits on I/O.
/// The closure's error type only needs to accept a [`DbError`].
pub async fn run<T, E, F>(pool: &Pool, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(|e| E::from(DbError::Pool(e)))?;
        let result = f(&mut conn);
        if result.is_err() {
            WORK_FAILED.with(|failed| failed.set(true));
        }
        drop(conn);
        result
    })
    .await
    .map_err(|_| E::from(DbError::Cancelled))?
}

/// After deleting what must not survive: on SQLite (which overwrites deleted content,
/// `secure_delete`), fold the write-ahead log back into the database and empty it, so no
/// older copy of the pages remains in it. PostgreSQL reclaims dead rows in its own time.
pub fn flush_deleted(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);"),
        DbConn::Pg(_) => Ok(()),
    }
}

/// After loading many rows at once (the demo): on PostgreSQL, gather the planner's
/// statistics and mark the pages all-visible (`VACUUM ANALYZE`), so the review queue and
/// search are planned for the data they hold and can read their indexes alone, at once
/// rather than when autovacuum comes round. SQLite's plans rest on its indexes alone.
pub fn settle_after_load(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => Ok(()),
        DbConn::Pg(c) => c.batch_execute("VACUUM ANALYZE"),
    }
}

/// While loading many rows at once (the demo), from time to time: on PostgreSQL, gather
/// the planner's statistics (`ANALYZE`). Without them a connection keeps the plans it made
/// when the tables were empty (a scan of the whole table to find one row by a unique
/// key), as long as autovacuum does not come round, or at all where it is off.
/// `ANALYZE` makes the connection plan its statements again for the rows they now hold.
pub fn settle_during_load(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => Ok(()),
        DbConn::Pg(c) => c.batch_execute("ANALYZE"),
    }
}

/// SQLite lets one writer in at a time. A connection that finds the write lock taken
/// sleeps and tries again (the busy handler backs off up to 100 ms a turn), so under many
/// writers some wait far longer than the writes take. This process's write transactions
/// queue here instead, each woken as soon as the one before it has committed.
static SQLITE_WRITERS: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    /// Whether this thread holds [`SQLITE_WRITERS`] (a transaction inside a transaction
    /// keeps the turn it has).
    static HOLDS_WRITER_TURN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// This thread's turn to write, on SQLite, held until dropped; `None` on PostgreSQL
/// (which locks rows, not the database) or when the thread already holds the turn.
pub fn writer_turn(conn: &DbConn) -> Option<WriterTurn> {
    if !matches!(conn, DbConn::Sqlite(_)) || HOLDS_WRITER_TURN.with(|h| h.get()) {
        return None;
    }
    let guard = SQLITE_WRITERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    HOLDS_WRITER_TURN.with(|h| h.set(true));
    Some(WriterTurn { _guard: guard })
}

/// A turn at writing to SQLite (see [`writer_turn`]).
pub struct WriterTurn {
    _guard: std::sync::MutexGuard<'static, ()>,
}

impl Drop for WriterTurn {
    fn drop(&mut self) {
        HOLDS_WRITER_TURN.with(|h| h.set(false));
    }
}

/// Inside a transaction on SQLite, take the database's write lock now (a write that
/// changes nothing), waiting for it as long as the busy timeout allows. PostgreSQL locks
/// rows as they are written and needs nothing here.
pub fn begin_write(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => c.batch_execute("UPDATE users SET id = id WHERE 0;"),
        DbConn::Pg(_) => Ok(()),
    }
}

/// Whether a query failed on a unique constraint (a name, slug or email already taken).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// A fresh application id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The current time in UTC, as stored.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_database_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db"),
            Ok(DatabaseUrl::Sqlite("data/x.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("./data/x.db"),
            Ok(DatabaseUrl::Sqlite("./data/x.db".into()))
        );
        assert!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/db").is_ok_and(|u| u.is_postgres())
        );
        assert_eq!(
            DatabaseUrl::parse("mysql://root@localhost/db"),
            Err(DatabaseUrlError::UnsupportedScheme("mysql".into()))
        );
        assert_eq!(DatabaseUrl::parse("  "), Err(DatabaseUrlError::Empty));
    }

    #[test]
    fn describe_hides_credentials() {
        let url = DatabaseUrl::parse("postgres://app:secret@db.example/upr").unwrap();
        assert_eq!(url.describe(), "PostgreSQL at db.example/upr");
    }

    #[derive(QueryableByName)]
    struct Synchronous {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        synchronous: i32,
    }

    #[test]
    fn sqlite_connections_put_each_commit_on_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let manager = ConnectionManager {
            url: DatabaseUrl::Sqlite(dir.path().join("t.db")),
        };
        let mut conn = manager.connect().unwrap();
        let mode: Synchronous = diesel::sql_query("PRAGMA synchronous")
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(mode.synchronous, 2, "FULL, not NORMAL (1) or OFF (0)");
    }
}
