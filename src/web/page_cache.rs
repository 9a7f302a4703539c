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

/// One language's copies, by address.
type ByPath<V> = HashMap<Box<str>, Copy<V>>;

struct Copy<V> {
    body: Arc<V>,
    made: Instant,
}

/// A rendered page cut at its slots, so that each response is written in one pass.
#[derive(Debug)]
pub struct SharedBody {
    pieces: Vec<Piece>,
    text_len: usize,
}

#[derive(Debug)]
enum Piece {
    Text(Box<str>),
    Csrf,
    Submission,
}

impl SharedBody {
    /// Cut `body` at every [`CSRF_SLOT`] and [`SUBMISSION_SLOT`].
    pub fn cut(body: &str) -> Self {
        let mut pieces = Vec::new();
        let mut rest = body;
        while let Some(at) = rest.find('\u{1}') {
            let after = &rest[at..];
            let (slot, len) = if after.starts_with(CSRF_SLOT) {
                (Piece::Csrf, CSRF_SLOT.len())
            } else if after.starts_with(SUBMISSION_SLOT) {
                (Piece::Submission, SUBMISSION_SLOT.len())
            } else {
                // Not a slot (cannot occur: control characters are removed from input).
                pieces.push(Piece::Text(rest[..=at].into()));
                rest = &rest[at + 1..];
                continue;
            };
            if at > 0 {
                pieces.push(Piece::Text(rest[..at].into()));
            }
            pieces.push(slot);
            rest = &rest[at + len..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.into()));
        }
        let text_len = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.len(),
                _ => 0,
            })
            .sum();
        Self { pieces, text_len }
    }

    /// The page with one visitor's values in its slots: their anti-forgery token, and a
    /// new submission key for the form.
    pub fn fill(&self, csrf: &str) -> String {
        let mut out = String::with_capacity(self.text_len + 2 * (csrf.len() + 64));
        let mut key = None;
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Csrf => out.push_str(csrf),
                Piece::Submission => out.push_str(
                    key.get_or_insert_with(crate::domain::submission::SubmissionKey::generate)
                        .as_str(),
                ),
            }
        }
        out
    }
}

/// The shared copies of this instance, by language and address. Pages by default; the
/// same keeping serves what a public page is built from (see `AppState::hearing_forms`).
pub struct PageCache<V = SharedBody> {
    pages: RwLock<HashMap<Lang, ByPath<V>>>,
    /// Bumped by every [`PageCache::clear`]: a page built from data read before a
    /// clear is not kept.
    generation: AtomicU64,
    fresh_for: Duration,
    /// At most this many copies; past it, all are dropped.
    room: usize,
}

impl<V> Default for PageCache<V> {
    fn default() -> Self {
        Self::new(FRESH_FOR)
    }
}

impl<V> PageCache<V> {
    pub fn new(fresh_for: Duration) -> Self {
        Self::with_room(fresh_for, MAX_PAGES)
    }

    /// Copies kept `fresh_for`, at most `room` of them.
    pub fn with_room(fresh_for: Duration, room: usize) -> Self {
        Self {
            pages: RwLock::new(HashMap::new()),
            generation: AtomicU64::new(0),
            fresh_for,
            room,
        }
    }

    /// A copy made less than [`FRESH_FOR`] ago.
    pub fn get(&self, path: &str, lang: Lang) -> Option<Arc<V>> {
        let pages = self.pages.read().unwrap_or_else(PoisonError::into_inner);
        pages
            .get(&lang)
            .and_then(|by_path| by_path.get(path))
            .filter(|copy| copy.made.elapsed() < self.fresh_for)
            .map(|copy| copy.body.clone())
    }

    /// Which copies are current: read it before reading what a page is built from.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Keep a copy, unless the copies were dropped since `generation` was read (the page
    /// may have been built from data changed meanwhile).
    pub fn keep(&self, generation: u64, path: &str, lang: Lang, body: Arc<V>) {
        let mut pages = self.pages.write().unwrap_or_else(PoisonError::into_inner);
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if pages.values().map(HashMap::len).sum::<usize>() >= self.room {
            pages.clear();
        }
        pages.entry(lang).or_default().insert(
            path.into(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_served_until_it_is_stale_or_cleared() {
        let cache = PageCache::new(Duration::from_millis(200));
        let g = cache.generation();
        let page = |text: &str| Arc::new(SharedBody::cut(text));
        let read = |found: Option<Arc<SharedBody>>| found.map(|b| b.fill("t"));
        cache.keep(g, "/hearings", Lang::En, page("list"));
        assert_eq!(
            read(cache.get("/hearings", Lang::En)).as_deref(),
            Some("list")
        );
        assert_eq!(read(cache.get("/hearings", Lang::Es)), None, "per language");
        cache.clear();
        assert_eq!(read(cache.get("/hearings", Lang::En)), None);
        cache.keep(g, "/hearings", Lang::En, page("built before the clear"));
        assert_eq!(
            read(cache.get("/hearings", Lang::En)),
            None,
            "stale build not kept"
        );
        cache.keep(cache.generation(), "/", Lang::En, page("home"));
        std::thread::sleep(Duration::from_millis(250));
        assert_eq!(
            read(cache.get("/", Lang::En)),
            None,
            "old copies are built again"
        );
    }

    #[test]
    fn every_response_gets_its_own_token_and_key() {
        let body = SharedBody::cut(&format!(
            "<form><input value=\"{CSRF_SLOT}\"><input value=\"{SUBMISSION_SLOT}\"></form>\u{1}x"
        ));
        let a = body.fill("token-a");
        let b = body.fill("token-b");
        assert!(a.starts_with("<form><input value=\"token-a\"><input value=\""));
        assert!(
            a.ends_with("\"></form>\u{1}x"),
            "the rest is kept as it was: {a}"
        );
        assert!(b.contains("token-b"));
        assert_eq!(a.len(), b.len());
        assert_eq!(
            a.matches('\u{1}').count(),
            1,
            "only the one that was no slot"
        );
        assert_ne!(
            a.replace("token-a", ""),
            b.replace("token-b", ""),
            "fresh keys"
        );
    }
}
