//! Full-text search over redacted texts and redacted translations, with the queue's
//! filters. It reads only the search index: never originals, identity or messages.

use actix_web::{HttpResponse, get, web::Data, web::Query};
use askama::Template;

use crate::db::{
    self,
    search::{MARK_END, MARK_START, SearchFilter, SearchQuery},
};
use crate::domain::account::Permission;
use crate::domain::ids::short as short_id;
use crate::domain::review;
use crate::domain::testimony::{ReviewStatus, WitnessRole};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{self, Ctx, Staff};

/// How many results a page of a search shows.
pub const PER_PAGE: i64 = 20;

/// Longest query taken, in characters (the rest is ignored).
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    pub hearing: String,
    pub status: String,
    pub theme: String,
    pub role: String,
    pub language: String,
    /// Which page of results (from 1); anything unreadable is the first.
    pub page: String,
}

impl SearchParams {
    /// The page asked for, from 1 to the last that ranked hits can fill.
    fn page_number(&self) -> i64 {
        let last = (db::search::RANKED_AT_MOST + PER_PAGE - 1) / PER_PAGE;
        self.page
            .trim()
            .parse::<i64>()
            .map_or(1, |n| n.clamp(1, last))
    }

    /// What a search's ranking is kept under: its words and filters, not its page.
    fn ranking_key(&self) -> String {
        [
            &self.q,
            &self.hearing,
            &self.status,
            &self.theme,
            &self.role,
            &self.language,
        ]
        .map(|v| v.trim())
        .join("\u{1f}")
    }

    /// The address of another page of this search, with its words and filters.
    fn page_href(&self, page: i64) -> String {
        let page = page.to_string();
        let pairs: Vec<(&str, &str)> = [
            ("q", self.q.as_str()),
            ("hearing", &self.hearing),
            ("status", &self.status),
            ("theme", &self.theme),
            ("role", &self.role),
            ("language", &self.language),
            ("page", &page),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        format!(
            "/staff/search?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

/// A choice of a filter.
pub struct FilterChoice {
    pub value: String,
    pub label: String,
}

/// A part of a snippet: a matched word or the text around it.
pub struct Segment {
    pub text: String,
    pub mark: bool,
}

/// One result as shown.
pub struct HitView {
    pub testimony_id: String,
    pub short_id: String,
    pub hearing_title: String,
    pub status: &'static str,
    pub translated: bool,
    pub segments: Vec<Segment>,
}

#[derive(Template)]
#[template(path = "review/search.html")]
pub struct SearchPage {
    pub ctx: Ctx,
    pub params: SearchParams,
    pub searched: bool,
    pub hits: Vec<HitView>,
    /// The position of the first hit shown among all the ranked ones (from 1).
    pub first_number: i64,
    /// Links to the pages before and after this one, when there are such pages.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The page asked for is past the last result.
    pub past_the_end: bool,
    /// More texts matched than are ranked: the hits are the best of the most recent.
    pub capped: bool,
    pub ranked_at_most: i64,
    pub hearings: Vec<FilterChoice>,
    pub statuses: Vec<FilterChoice>,
    pub themes: Vec<FilterChoice>,
    pub roles: Vec<FilterChoice>,
    pub languages: Vec<FilterChoice>,
}

/// Split a snippet into plain and matched parts at the markers the index put in.
pub fn segments(snippet: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut mark = false;
    let mut current = String::new();
    for c in snippet.chars() {
        if c == MARK_START || c == MARK_END {
            if !current.is_empty() {
                out.push(Segment {
                    text: std::mem::take(&mut current),
                    mark,
                });
            }
            mark = c == MARK_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(Segment {
            text: current,
            mark,
        });
    }
    out
}

fn some(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

#[get("/staff/search")]
pub async fn search(
    staff: Staff,
    state: Data<AppState>,
    params: Query<SearchParams>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let mut params = params.into_inner();
    params.q = params.q.chars().take(MAX_QUERY_CHARS).collect();
    params.q = crate::domain::clean_input(&params.q).trim().to_string();
    let query = SearchQuery::new(&params.q);
    let filter = SearchFilter {
        hearing_id: some(&params.hearing),
        status: some(&params.status),
        theme: some(&params.theme),
        witness_role: some(&params.role),
        language: some(&params.language),
    };
    let searched = !query.text.is_empty();
    let page_number = params.page_number();
    let offset = (page_number - 1) * PER_PAGE;
    // The same search again within a few seconds (the next page, another editor) is not
    // ranked again; what is shown is always read now (see `db::search::hits`).
    let key = params.ranking_key();
    let kept = searched
        .then(|| state.searches.get(&key, Lang::En))
        .flatten();
    let generation = state.searches.generation();
    let asked = crate::service::search::Asked {
        query,
        filter,
        offset,
        per_page: PER_PAGE,
        kept,
    };
    let found = crate::service::run(&state.pool, move |conn| {
        crate::service::search::search(conn, asked)
    })
    .await?;
    let ranking = found.ranking;
    if found.fresh {
        state
            .searches
            .keep(generation, &key, Lang::En, ranking.clone());
    }
    let capped = ranking.capped;
    let more = ranking.ranked.len() as i64 > offset + PER_PAGE;
    let past_the_end = searched && ranking.ranked.len() as i64 <= offset && page_number > 1;
    let previous =
        (searched && page_number > 1 && !past_the_end).then(|| params.page_href(page_number - 1));
    let next = more.then(|| params.page_href(page_number + 1));
    let first_page = past_the_end.then(|| params.page_href(1));
    let hits = found
        .hits
        .into_iter()
        .map(|h| HitView {
            short_id: short_id(&h.testimony_id),
            testimony_id: h.testimony_id,
            hearing_title: h.hearing_title,
            status: ReviewStatus::parse(&h.status)
                .map(review::label)
                .unwrap_or("unknown"),
            translated: h.translated,
            segments: segments(&h.snippet),
        })
        .collect();
    let page = SearchPage {
        ctx: staff.ctx,
        params,
        searched,
        hits,
        first_number: offset + 1,
        previous: previous.or(first_page),
        next,
        past_the_end,
        capped,
        ranked_at_most: db::search::RANKED_AT_MOST,
        hearings: found
            .hearings
            .into_iter()
            .map(|(value, label)| FilterChoice { value, label })
            .collect(),
        statuses: ReviewStatus::ALL
            .into_iter()
            .map(|s| FilterChoice {
                value: s.code().into(),
                label: review::label(s).into(),
            })
            .collect(),
        themes: found
            .themes
            .into_iter()
            .map(|t| FilterChoice {
                label: t.label(Lang::En),
                value: t.id,
            })
            .collect(),
        roles: WitnessRole::ALL
            .into_iter()
            .map(|r| FilterChoice {
                value: r.code().into(),
                label: r.label().into(),
            })
            .collect(),
        languages: Lang::ALL
            .into_iter()
            .map(|l| FilterChoice {
                value: l.code().into(),
                label: l.english_name().into(),
            })
            .chain(std::iter::once(FilterChoice {
                value: "other".into(),
                label: "Another language".into(),
            }))
            .collect(),
    };
    web::page(&page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_split_at_the_markers_only() {
        let s = segments("a [name withheld] \u{1}cold\u{2} room <b>");
        let parts: Vec<(&str, bool)> = s.iter().map(|s| (s.text.as_str(), s.mark)).collect();
        assert_eq!(
            parts,
            vec![
                ("a [name withheld] ", false),
                ("cold", true),
                (" room <b>", false)
            ]
        );
    }
}
