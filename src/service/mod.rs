//! The service layer: every write of the application is one function here, taking typed
//! input, running one transaction (with its outbox row), and returning a typed result.
//! Handlers parse requests and render; services decide and write; `db` runs queries.
//!
//! Services know nothing of HTTP. Their failures are [`ServiceError`]s, which the web layer
//! turns into pages.

pub mod accounts;
pub mod audit;
pub mod details;
pub mod excerpts;
pub mod hearings;
pub mod keys;
pub mod legacy;
pub mod messages;
pub mod organisation;
pub mod reading;
pub mod receipts;
pub mod redaction;
pub mod reports;
pub mod retention;
pub mod review;
pub mod search;
pub mod tags;
pub mod testimony;
pub mod translation;
pub mod two_step;

use crate::crypto::OpenError;
use crate::db::{DbConn, DbError, Pool};

/// Why a service could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The record does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The database could not be reached or a query failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Sealed data could not be opened with the key given.
    #[error("sealed data could not be opened: {0}")]
    Sealed(#[from] OpenError),
    /// The organisation key does not exist yet (no administrator was ever created).
    #[error(
        "the organisation key does not exist yet; create the first administrator (setup link or `peoples-upr user create --role admin`)"
    )]
    NoOrgKey,
    /// A file could not be written or read in the data folder.
    #[error("file storage failed: {0}")]
    Io(#[from] std::io::Error),
    /// Anything else that should not happen.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ServiceError::NotFound,
            other => ServiceError::Db(DbError::Query(other)),
        }
    }
}

/// Run service work on the blocking pool (database, Argon2, sealing).
pub async fn run<T, F>(pool: &Pool, f: F) -> Result<T, ServiceError>
where
    F: FnOnce(&mut DbConn) -> Result<T, ServiceError> + Send + 'static,
    T: Send + 'static,
{
    crate::db::run(pool, f).await
}

/// Run `f` in one database transaction. On SQLite the write lock is taken first, so that
/// a transaction that reads before it writes waits its turn instead of failing, and the
/// process's writers queue for it in order ([`crate::db::writer_turn`]).
pub fn transaction<T>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    use diesel::Connection as _;
    let _turn = crate::db::writer_turn(conn);
    conn.transaction(|conn| {
        crate::db::begin_write(conn)?;
        f(conn)
    })
}
