//! The full-text index of redacted texts (never originals, identity or messages):
//! FTS5 on SQLite, a `tsvector` column with a GIN index on PostgreSQL. The two backends
//! differ only here.

use diesel::connection::SimpleConnection as _;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text};

use super::DbConn;

#[derive(QueryableByName)]
struct RowId {
    #[diesel(sql_type = BigInt)]
    fts_rowid: i64,
}

/// Put (or replace) the indexed redacted text `text_id` ('original' or a translation id).
pub fn put(
    conn: &mut DbConn,
    testimony_id: &str,
    text_id: &str,
    translated: bool,
    body: &str,
) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => {
            remove_text(conn, testimony_id, text_id)?;
            diesel::sql_query(
                "INSERT INTO search_index (body, testimony_id, text_id, translated) VALUES (?, ?, ?, ?)",
            )
            .bind::<Text, _>(body)
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .bind::<Bool, _>(translated)
            .execute(conn)?;
            diesel::sql_query(
                "INSERT INTO search_rows (testimony_id, text_id, fts_rowid) VALUES (?, ?, last_insert_rowid())",
            )
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .execute(conn)?;
        }
        DbConn::Pg(_) => {
            diesel::sql_query(
                "INSERT INTO search_index (testimony_id, text_id, translated, body) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (testimony_id, text_id) DO UPDATE SET body = EXCLUDED.body, translated = EXCLUDED.translated, seq = DEFAULT",
            )
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .bind::<Bool, _>(translated)
            .bind::<Text, _>(body)
            .execute(conn)?;
        }
    }
    Ok(())
}

/// Remove one text from the index.
pub fn remove_text(conn: &mut DbConn, testimony_id: &str, text_id: &str) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => {
            let rows: Vec<RowId> = diesel::sql_query(
                "SELECT fts_rowid FROM search_rows WHERE testimony_id = ? AND text_id = ?",
            )
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .load(conn)?;
            for row in rows {
                diesel::sql_query("DELETE FROM search_index WHERE rowid = ?")
                    .bind::<BigInt, _>(row.fts_rowid)
                    .execute(conn)?;
            }
            diesel::sql_query("DELETE FROM search_rows WHERE testimony_id = ? AND text_id = ?")
                .bind::<Text, _>(testimony_id)
                .bind::<Text, _>(text_id)
                .execute(conn)?;
        }
        DbConn::Pg(_) => {
            diesel::sql_query("DELETE FROM search_index WHERE testimony_id = $1 AND text_id = $2")
                .bind::<Text, _>(testimony_id)
                .bind::<Text, _>(text_id)
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Remove every text of a testimony from the index (erasure).
pub fn remove_testimony(conn: &mut DbConn, testimony_id: &str) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => {
            let rows: Vec<RowId> =
                diesel::sql_query("SELECT fts_rowid FROM search_rows WHERE testimony_id = ?")
                    .bind::<Text, _>(testimony_id)
                    .load(conn)?;
            for row in rows {
                diesel::sql_query("DELETE FROM search_index WHERE rowid = ?")
                    .bind::<BigInt, _>(row.fts_rowid)
                    .execute(conn)?;
            }
            diesel::sql_query("DELETE FROM search_rows WHERE testimony_id = ?")
                .bind::<Text, _>(testimony_id)
                .execute(conn)?;
        }
        DbConn::Pg(_) => {
            diesel::sql_query("DELETE FROM search_index WHERE testimony_id = $1")
                .bind::<Text, _>(testimony_id)
                .execute(conn)?;
        }
    }
    Ok(())
}

/// What was typed into the search box.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub text: String,
}

impl SearchQuery {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.trim().to_string(),
        }
    }

    /// The words, each as an FTS5 string (double quotes around it, inner quotes doubled),
    /// so that no FTS5 syntax typed by the user ever reaches the parser. Empty when there
    /// is nothing to look for.
    pub fn fts5(&self) -> String {
        self.text
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The queue's filters, as they apply to search.
#[derive(Clone, Debug, Default)]
pub struct SearchFilter {
    pub hearing_id: Option<String>,
    /// A review status code.
    pub status: Option<String>,
    /// A theme id: the editor's tags once saved, else the witness's chosen themes.
    pub theme: Option<String>,
    /// A witness role code.
    pub witness_role: Option<String>,
    /// A testimony language code.
    pub language: Option<String>,
}

/// Marks the start of a matched word in [`Hit::snippet`] (cannot occur in stored text:
/// control characters are removed from all input).
pub const MARK_START: char = '\u{1}';
/// Marks the end of a matched word in [`Hit::snippet`].
pub const MARK_END: char = '\u{2}';

/// One result: a redacted text that matched, best first.
#[derive(Clone, Debug, QueryableByName)]
pub struct Hit {
    #[diesel(sql_type = Text)]
    pub testimony_id: String,
    #[diesel(sql_type = Text)]
    pub text_id: String,
    #[diesel(sql_type = Bool)]
    pub translated: bool,
    #[diesel(sql_type = Text)]
    pub hearing_id: String,
    #[diesel(sql_type = Text)]
    pub hearing_title: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    /// A passage around the matched words, which are between [`MARK_START`] and [`MARK_END`].
    #[diesel(sql_type = Text)]
    pub snippet: String,
    /// Higher is better on either backend.
    #[diesel(sql_type = diesel::sql_types::Double)]
    pub score: f64,
}

/// The matches of a search, best first: at most [`RANKED_AT_MOST`] of them. Only where
/// each is in the index and how well it matched: what is shown of them is read when a
/// page of them is shown ([`hits`]), so that a ranking kept a few seconds never shows a
/// text that has since been removed, withdrawn or moved out of the filters.
#[derive(Clone, Debug, Default)]
pub struct Ranking {
    pub ranked: Vec<Ranked>,
    /// More texts matched than [`RANKED_AT_MOST`]: these are the best of the most
    /// recently saved that many.
    pub capped: bool,
}

/// One match in a [`Ranking`].
#[derive(Clone, Debug, QueryableByName)]
pub struct Ranked {
    /// The text's row in the index (FTS5 rowid on SQLite, `seq` on PostgreSQL).
    #[diesel(sql_type = BigInt)]
    pub key: i64,
    /// Higher is better on either backend.
    #[diesel(sql_type = diesel::sql_types::Double)]
    pub score: f64,
}

/// Matches ranked at most, the most recently saved first: ranking reads every match's
/// word positions, so a word found in most of 50,000 testimonies would take a second.
pub const RANKED_AT_MOST: i64 = 2_000;

/// The filters as SQL, with numbered placeholders `{p}n` (n from 2 to 6); withdrawn
/// testimony never matches.
fn filter_sql(p: &str) -> String {
    format!(
        " AND t.withdrawn_at IS NULL \
         AND ({p}2 IS NULL OR t.hearing_id = {p}2) \
         AND ({p}3 IS NULL OR t.status = {p}3) \
         AND ({p}4 IS NULL OR (t.tags_seeded AND EXISTS (SELECT 1 FROM testimony_tags tt \
              WHERE tt.testimony_id = t.id AND tt.kind = 'theme' AND tt.tag_id = {p}4)) \
              OR (NOT t.tags_seeded AND EXISTS (SELECT 1 FROM testimony_themes th \
              WHERE th.testimony_id = t.id AND th.theme_id = {p}4))) \
         AND ({p}5 IS NULL OR t.witness_role = {p}5) \
         AND ({p}6 IS NULL OR t.language = {p}6)"
    )
}

/// A query with the search words and the filters bound as `?1`..`?6` / `$1`..`$6`.
fn bound(
    sql: String,
    words: String,
    filter: &SearchFilter,
) -> diesel::query_builder::BoxedSqlQuery<
    'static,
    super::MultiBackend,
    diesel::query_builder::SqlQuery,
> {
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    diesel::sql_query(sql)
        .into_boxed()
        .bind::<Text, _>(words)
        .bind::<Nullable<Text>, _>(opt(&filter.hearing_id))
        .bind::<Nullable<Text>, _>(opt(&filter.status))
        .bind::<Nullable<Text>, _>(opt(&filter.theme))
        .bind::<Nullable<Text>, _>(opt(&filter.witness_role))
        .bind::<Nullable<Text>, _>(opt(&filter.language))
}

/// Rank the redacted texts (and only them) that match, with the queue's filters: FTS5
/// on SQLite, `websearch_to_tsquery` on PostgreSQL. Nothing typed is ever a syntax error.
/// When more than [`RANKED_AT_MOST`] texts match, the most recently saved of them are
/// ranked (and [`Ranking::capped`] says so).
pub fn rank(conn: &mut DbConn, q: &SearchQuery, filter: &SearchFilter) -> QueryResult<Ranking> {
    match conn {
        DbConn::Sqlite(_) => sqlite_rank(conn, q, filter),
        DbConn::Pg(_) => pg_rank(conn, q, filter),
    }
}

/// What is shown of `ranked` (a page of a [`Ranking`]), read now: texts removed from the
/// index, withdrawn, or no longer within the filters since they were ranked are left
/// out, and each hit has its testimony's status as it is now.
pub fn hits(
    conn: &mut DbConn,
    q: &SearchQuery,
    filter: &SearchFilter,
    ranked: &[Ranked],
) -> QueryResult<Vec<Hit>> {
    if let DbConn::Pg(_) = conn {
        return pg_hits(conn, q, filter, ranked);
    }
    let sql = format!(
        "SELECT r.testimony_id AS testimony_id, r.text_id AS text_id, \
         r.text_id <> 'original' AS translated, t.hearing_id AS hearing_id, \
         h.title AS hearing_title, t.status AS status, \
         snippet(search_index, 0, char(1), char(2), '…', 12) AS snippet, ?7 AS score \
         FROM search_index \
         JOIN search_rows r ON r.fts_rowid = search_index.rowid \
         JOIN testimonies t ON t.id = r.testimony_id \
         JOIN hearings h ON h.id = t.hearing_id \
         WHERE search_index MATCH ?1 AND search_index.rowid = ?8{}",
        filter_sql("?")
    );
    let words = q.fts5();
    let mut hits = Vec::with_capacity(ranked.len());
    for r in ranked {
        let hit: Option<Hit> = bound(sql.clone(), words.clone(), filter)
            .bind::<diesel::sql_types::Double, _>(r.score)
            .bind::<BigInt, _>(r.key)
            .get_result(conn)
            .optional()?;
        hits.extend(hit);
    }
    Ok(hits)
}

/// PostgreSQL: the page's texts in one query, put back in their ranked order. A text
/// saved again gets a new `seq`: a ranked one still there holds the text that was ranked.
fn pg_hits(
    conn: &mut DbConn,
    q: &SearchQuery,
    filter: &SearchFilter,
    ranked: &[Ranked],
) -> QueryResult<Vec<Hit>> {
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    // The keys are numbers read from the index itself, written into the query as such.
    let keys = ranked
        .iter()
        .map(|r| r.key.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT s.seq AS key, s.testimony_id, s.text_id, s.translated, t.hearing_id, \
         h.title AS hearing_title, t.status, 0.0::float8 AS score, \
         ts_headline('simple', s.body, websearch_to_tsquery('simple', $1), \
           'StartSel=' || chr(1) || ',StopSel=' || chr(2) || ',MaxFragments=2') AS snippet \
         FROM search_index s \
         JOIN testimonies t ON t.id = s.testimony_id \
         JOIN hearings h ON h.id = t.hearing_id \
         WHERE s.seq IN ({keys}){}",
        filter_sql("$")
    );
    let mut found: std::collections::HashMap<i64, Hit> = bound(sql, q.text.clone(), filter)
        .load::<PgHit>(conn)?
        .into_iter()
        .map(|h| (h.key, h.hit))
        .collect();
    Ok(ranked
        .iter()
        .filter_map(|r| {
            found.remove(&r.key).map(|mut hit| {
                hit.score = r.score;
                hit
            })
        })
        .collect())
}

#[derive(QueryableByName)]
struct PgHit {
    #[diesel(sql_type = BigInt)]
    key: i64,
    #[diesel(embed)]
    hit: Hit,
}

/// SQLite: rank in two steps, neither of which reads a text's stored row for every
/// match: find where the most recent [`RANKED_AT_MOST`] matches begin, then rank those.
fn sqlite_rank(conn: &mut DbConn, q: &SearchQuery, filter: &SearchFilter) -> QueryResult<Ranking> {
    let words = q.fts5();
    if words.is_empty() {
        return Ok(Ranking::default());
    }
    let from = "FROM search_index \
                JOIN search_rows r ON r.fts_rowid = search_index.rowid \
                JOIN testimonies t ON t.id = r.testimony_id \
                WHERE search_index MATCH ?1";
    let filters = filter_sql("?");
    let first: Option<Ranked> = bound(
        format!(
            "SELECT search_index.rowid AS key, 0.0 AS score {from}{filters} \
             ORDER BY search_index.rowid DESC LIMIT 1 OFFSET ?7"
        ),
        words.clone(),
        filter,
    )
    .bind::<BigInt, _>(RANKED_AT_MOST)
    .get_result(conn)
    .optional()?;
    let ranked: Vec<Ranked> = bound(
        format!(
            "SELECT search_index.rowid AS key, -bm25(search_index) AS score \
             {from} AND search_index.rowid > ?7{filters} \
             ORDER BY bm25(search_index), t.submitted_at DESC"
        ),
        words,
        filter,
    )
    .bind::<BigInt, _>(first.as_ref().map_or(0, |r| r.key))
    .load(conn)?;
    Ok(Ranking {
        ranked,
        capped: first.is_some(),
    })
}

/// PostgreSQL: the most recently saved [`RANKED_AT_MOST`] matches are ranked.
fn pg_rank(conn: &mut DbConn, q: &SearchQuery, filter: &SearchFilter) -> QueryResult<Ranking> {
    if q.text.is_empty() {
        return Ok(Ranking::default());
    }
    // The most recent matches are found by walking the texts newest first and stopping
    // at the limit: a word in a third of 50,000 texts is then found in the newest 6,000
    // or so, where a hash join would read every match first. (A rare word is still found
    // through the word index; the planner knows how rare from its statistics.) Only the
    // kept matches' word vectors are read again to rank them.
    let sql = format!(
        "WITH recent AS ( \
           SELECT s.seq, t.submitted_at \
           FROM search_index s JOIN testimonies t ON t.id = s.testimony_id \
           WHERE s.tsv @@ websearch_to_tsquery('simple', $1){} \
           ORDER BY s.seq DESC LIMIT $7 + 1), \
         kept AS (SELECT * FROM recent ORDER BY seq DESC LIMIT $7) \
         SELECT kept.seq AS key, \
                ts_rank(s.tsv, websearch_to_tsquery('simple', $1))::float8 AS score, \
                (SELECT COUNT(*) FROM recent) > $7 AS capped \
         FROM kept JOIN search_index s ON s.seq = kept.seq \
         ORDER BY score DESC, kept.submitted_at DESC",
        filter_sql("$")
    );
    conn.transaction(|conn| {
        // For this query only: no hash or merge join (either reads every match before
        // the newest can be chosen) and no parallel workers (starting them costs more
        // than the walk).
        conn.batch_execute(
            "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; \
             SET LOCAL max_parallel_workers_per_gather = 0",
        )?;
        let rows: Vec<PgRanked> = bound(sql, q.text.clone(), filter)
            .bind::<BigInt, _>(RANKED_AT_MOST)
            .load(conn)?;
        Ok(Ranking {
            capped: rows.first().is_some_and(|r| r.capped),
            ranked: rows.into_iter().map(|r| r.ranked).collect(),
        })
    })
}

#[derive(QueryableByName)]
struct PgRanked {
    #[diesel(embed)]
    ranked: Ranked,
    #[diesel(sql_type = Bool)]
    capped: bool,
}
