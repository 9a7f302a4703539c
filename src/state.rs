//! What every request handler and service shares: the pool, settings, keys, mailer and
//! in-memory throttles. Imported by all, it imports only the leaf modules.

use crate::config::Config;
use crate::crypto::DataKeys;
use crate::db::Pool;
use crate::mail::Mailer;
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
}
