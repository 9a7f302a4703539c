//! Public pages as last rendered, served again to visitors who are not signed in.
//!
//! The home page, the list of hearings and a hearing's page with its form change only
//! when staff change something, yet every visitor asks for them. A rendered copy is kept
//! per address and language for [`FRESH_FOR`]; any change staff post on this instance
//! drops every copy at once (see `web::middleware::clear_shared_pages`), and an instance sharing
//! the database with others shows their changes at most that much later.
//!
//! Nothing personal is ever kept: only pages for visitors who are not signed in and have
//! no message waiting are shared, and the two values that differ per visitor on the
//! form page (the anti-forgery token and the form's submission key) are rendered as
//! [`CSRF_SLOT`] and [`SUBMISSION_SLOT`] and filled in for each response.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::i18n::Lang;

/// How long a rendered copy is served before the page is built again.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// Rendered in place of the visitor's anti-forgery token.
pub const CSRF_SLOT: &str = "\u{1}csrf\u{1}";
/// Rendered in place of the form's submission key (a new one per response).
pub const SUBMISSION_SLOT: &str = "\u{1}submission\u{1}";

/// At most this many copies (addresses × languages); past it, all are dropped.
const MAX_PAGES: usize = 2_000;

struct Copy {
    body: Arc<str>,
    made: Instant,
}

/// The shared copies of this instance, by address and language.
pub struct PageCache {
    pages: RwLock<HashMap<(String, Lang), Copy>>,
    /// Bumped by every [`PageCache::clear`]: a page built from data read before a
    /// clear is not kept.
    generation: AtomicU64,
    fresh_for: Duration,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::new(FRESH_FOR)
    }
}

impl PageCache {
    pub fn new(fresh_for: Duration) -> Self {
        Self {
            pages: RwLock::new(HashMap::new()),
            generation: AtomicU64::new(0),
            fresh_for,
        }
    }

    /// A copy made less than [`FRESH_FOR`] ago.
    pub fn get(&self, path: &str, lang: Lang) -> Option<Arc<str>> {
        let pages = self.pages.read().unwrap_or_else(PoisonError::into_inner);
        pages
            .get(&(path.to_string(), lang))
            .filter(|copy| copy.made.elapsed() < self.fresh_for)
            .map(|copy| copy.body.clone())
    }

    /// Which copies are current: read it before reading what a page is built from.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Keep a copy, unless the copies were dropped since `generation` was read (the page
    /// may have been built from data changed meanwhile).
    pub fn keep(&self, generation: u64, path: &str, lang: Lang, body: Arc<str>) {
        let mut pages = self.pages.write().unwrap_or_else(PoisonError::into_inner);
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert(
            (path.to_string(), lang),
            Copy {
                body,
                made: Instant::now(),
            },
        );
    }

    /// Drop every copy: the next visitor of each page gets it built anew.
    pub fn clear(&self) {
        let mut pages = self.pages.write().unwrap_or_else(PoisonError::into_inner);
        self.generation.fetch_add(1, Ordering::AcqRel);
        pages.clear();
    }
}

/// A shared copy with one visitor's values in its slots.
pub fn fill(body: &str, csrf: &str) -> String {
    let mut filled = body.replace(CSRF_SLOT, csrf);
    if filled.contains(SUBMISSION_SLOT) {
        let key = crate::domain::submission::SubmissionKey::generate();
        filled = filled.replace(SUBMISSION_SLOT, key.as_str());
    }
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_served_until_it_is_stale_or_cleared() {
        let cache = PageCache::new(Duration::from_millis(200));
        let g = cache.generation();
        cache.keep(g, "/hearings", Lang::En, "list".into());
        assert_eq!(cache.get("/hearings", Lang::En).as_deref(), Some("list"));
        assert_eq!(cache.get("/hearings", Lang::Es), None, "per language");
        cache.clear();
        assert_eq!(cache.get("/hearings", Lang::En), None);
        cache.keep(g, "/hearings", Lang::En, "built before the clear".into());
        assert_eq!(
            cache.get("/hearings", Lang::En),
            None,
            "stale build not kept"
        );
        cache.keep(cache.generation(), "/", Lang::En, "home".into());
        std::thread::sleep(Duration::from_millis(250));
        assert_eq!(cache.get("/", Lang::En), None, "old copies are built again");
    }

    #[test]
    fn every_response_gets_its_own_token_and_key() {
        let body = format!("<input value=\"{CSRF_SLOT}\"><input value=\"{SUBMISSION_SLOT}\">");
        let a = fill(&body, "token-a");
        let b = fill(&body, "token-b");
        assert!(a.contains("token-a") && b.contains("token-b"));
        assert!(!a.contains('\u{1}') && !b.contains('\u{1}'));
        assert_ne!(
            a.replace("token-a", ""),
            b.replace("token-b", ""),
            "fresh keys"
        );
    }
}
