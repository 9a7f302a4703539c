//! Search over redacted texts and redacted translations, with the queue's filters: the
//! ranking (which the caller may keep a few seconds and hand back), the page of results
//! read now, and the filters' choices. It reads only the search index and the lists of
//! hearings and themes: never originals, identity or messages.

use std::sync::Arc;

use super::ServiceError;
use crate::db::search::{Hit, Ranked, Ranking, SearchFilter, SearchQuery};
use crate::db::{self, DbConn};

/// A search as asked: its words and filters, the page's first result and how many a page
/// shows, and the ranking kept from the same search a moment ago, if any.
pub struct Asked {
    pub query: SearchQuery,
    pub filter: SearchFilter,
    pub offset: i64,
    pub per_page: i64,
    pub kept: Option<Arc<Ranking>>,
}

/// What a search found.
pub struct Found {
    pub ranking: Arc<Ranking>,
    /// Whether the ranking was made now (to be kept for the next page).
    pub fresh: bool,
    /// The page's results, read now: a text removed, withdrawn or filtered out since the
    /// ranking was made is not among them.
    pub hits: Vec<Hit>,
    /// Every hearing, for the filter: (id, title).
    pub hearings: Vec<(String, String)>,
    /// Every theme, for the filter.
    pub themes: Vec<db::hearings::Theme>,
}

/// The ranked matches a page shows: `per_page` of them from `offset`.
fn shown(ranked: &[Ranked], offset: i64, per_page: i64) -> &[Ranked] {
    let start = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(ranked.len());
    let end = start
        .saturating_add(usize::try_from(per_page).unwrap_or(0))
        .min(ranked.len());
    &ranked[start..end]
}

/// Search: rank (unless a kept ranking is handed in; an empty query ranks nothing), then
/// read the page's results and the filters' choices.
pub fn search(conn: &mut DbConn, asked: Asked) -> Result<Found, ServiceError> {
    let searched = !asked.query.text.is_empty();
    let (ranking, fresh) = match asked.kept {
        Some(ranking) => (ranking, false),
        None if searched => (
            Arc::new(db::search::rank(conn, &asked.query, &asked.filter)?),
            true,
        ),
        None => (Arc::new(Ranking::default()), false),
    };
    let page = shown(&ranking.ranked, asked.offset, asked.per_page);
    let hits = db::search::hits(conn, &asked.query, &asked.filter, page)?;
    let hearings = db::hearings::list_for_staff(conn, None)?
        .into_iter()
        .map(|h| (h.id, h.title))
        .collect();
    let themes = db::hearings::all_themes(conn)?;
    Ok(Found {
        ranking,
        fresh,
        hits,
        hearings,
        themes,
    })
}
