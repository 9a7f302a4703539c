//! What every request handler and service shares: the pool, settings, keys, mailer,
//! in-memory throttles and the organisation's settings. Imported by all, it imports only
//! the leaf modules.

use crate::config::Config;
use crate::crypto::DataKeys;
use crate::db::Pool;
use crate::mail::Mailer;
use crate::service::organisation::OrganisationCache;
use crate::throttle::MemoryThrottle;

/// In-memory throttles, per client address.
pub struct Throttles {
    pub login: MemoryThrottle,
    pub receipt: MemoryThrottle,
    pub submit: MemoryThrottle,
    pub reset: MemoryThrottle,
}

/// Everything handlers share.
pub struct AppState {
    pub pool: Pool,
    pub config: Config,
    pub keys: DataKeys,
    pub mailer: Mailer,
    pub throttles: Throttles,
    /// Who runs the site, kept in memory: every page shows the organisation's name.
    pub organisation: OrganisationCache,
}
