//! What every request handler and service shares: the pool, settings, keys, mailer,
//! in-memory throttles and the organisation's settings. Imported by all, it imports only
//! the leaf modules.

use crate::attachments::budget::UploadBudget;
use crate::config::Config;
use crate::crypto::DataKeys;
use crate::db::Pool;
use crate::mail::Mailer;
use crate::service::organisation::OrganisationCache;
use crate::throttle::MemoryThrottle;
use crate::web::page_cache::PageCache;

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
    /// Public pages as last rendered, for visitors who are not signed in.
    pub pages: PageCache,
    /// Public hearings with what their forms need, as last read: a submission checks
    /// against these rather than reading the hearing again. Dropped with `pages`.
    pub hearing_forms: PageCache<crate::service::hearings::HearingForm>,
    /// Searches as last ranked, by their words and filters: the next page of a search,
    /// or the same search by another editor, is not ranked again. Dropped with `pages`.
    pub searches: PageCache<crate::db::search::Ranking>,
    /// Memory that witnesses' files being received may take at once.
    pub uploads: UploadBudget,
    /// Turns at checking a password at login (Argon2: 7 MiB and tens of milliseconds of
    /// one core each): at most half the cores, so a burst of logins waits its turn
    /// instead of taking the processor and the database connections from everyone else.
    pub password_turns: tokio::sync::Semaphore,
}

impl AppState {
    /// Drop the public pages kept, the hearings they were made from and the searches
    /// ranked: the next request sees what is in the database now.
    pub fn clear_kept_copies(&self) {
        self.pages.clear();
        self.hearing_forms.clear();
        self.searches.clear();
    }
}
