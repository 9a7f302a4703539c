//! The review queue: testimonies listed by filters, a page at a time, in the order they
//! came in. Rows carry metadata only, never text or identity. Pages are found by a
//! keyset (`submitted_at`, `id`) over the queue indexes, never by an offset, so the first
//! and the last page of a large queue cost the same.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text, Timestamp};

use super::DbConn;
use super::schema::{testimony_tags, testimony_themes};
use crate::domain::testimony::{Intake, ReviewStatus, TestimonyLanguage, WitnessRole, YearMonth};

/// Rows on a page of the queue.
pub const PAGE_SIZE: usize = 50;

/// Which testimonies by state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    /// In this review state and not withdrawn.
    Review(ReviewStatus),
    /// Withdrawn by the witness (erased ones included).
    Withdrawn,
}

/// Which testimonies by assignee.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    User(String),
    Nobody,
}

/// The order of the queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Oldest first: a queue.
    #[default]
    Oldest,
    Newest,
}

/// What the queue shows. Every field narrows it; the default is everything not erased.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub hearing: Option<String>,
    pub status: Option<StatusFilter>,
    pub theme: Option<String>,
    pub role: Option<WitnessRole>,
    pub language: Option<TestimonyLanguage>,
    pub state: Option<String>,
    /// Testimonies whose period overlaps these months.
    pub period_from: Option<YearMonth>,
    pub period_to: Option<YearMonth>,
    pub intake: Option<Intake>,
    pub assignee: AssigneeFilter,
    pub unread_only: bool,
    pub sort: Sort,
}

/// A position in the queue: the key of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub submitted_at: NaiveDateTime,
    pub id: String,
}

const CURSOR_TIME: &str = "%Y%m%dT%H%M%S%.f";

impl Cursor {
    /// The form used in query strings (only letters, digits, `.`, `-` and `_`).
    pub fn encode(&self) -> String {
        format!("{}_{}", self.submitted_at.format(CURSOR_TIME), self.id)
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let (at, id) = raw.trim().split_once('_')?;
        let submitted_at = NaiveDateTime::parse_from_str(at, CURSOR_TIME).ok()?;
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        ok.then(|| Self {
            submitted_at,
            id: id.to_string(),
        })
    }
}

/// Which page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PageAt {
    #[default]
    First,
    /// The rows after this one.
    After(Cursor),
    /// The rows before this one.
    Before(Cursor),
    Last,
}

/// One row of the queue: metadata only.
#[derive(Clone, Debug)]
pub struct QueueRow {
    pub id: String,
    pub hearing_id: String,
    pub hearing_title: String,
    pub submitted_at: NaiveDateTime,
    pub status: ReviewStatus,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub language: String,
    pub witness_role: String,
    pub place_state: String,
    pub intake: String,
    pub assigned_to: Option<String>,
    pub assignee_name: Option<String>,
    pub unread_reply: bool,
    /// Theme ids: the editor's tags once seeded, else the witness's choice.
    pub themes: Vec<String>,
}

impl QueueRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            submitted_at: self.submitted_at,
            id: self.id.clone(),
        }
    }
}

/// A page of the queue and whether there are rows on either side of it.
#[derive(Clone, Debug, Default)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub has_previous: bool,
    pub has_next: bool,
}

#[derive(QueryableByName)]
struct RawRow {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    hearing_id: String,
    #[diesel(sql_type = Text)]
    hearing_title: String,
    #[diesel(sql_type = Timestamp)]
    submitted_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Timestamp>)]
    withdrawn_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Text)]
    language: String,
    #[diesel(sql_type = Text)]
    witness_role: String,
    #[diesel(sql_type = Text)]
    place_state: String,
    #[diesel(sql_type = Text)]
    intake: String,
    #[diesel(sql_type = Nullable<Text>)]
    assigned_to: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    assignee_name: Option<String>,
    #[diesel(sql_type = Bool)]
    unread_reply: bool,
    #[diesel(sql_type = Bool)]
    tags_seeded: bool,
}

enum Bind {
    Text(String),
    Time(NaiveDateTime),
}

/// SQL text with its parameters, numbered as the backend wants them.
struct Sql {
    text: String,
    binds: Vec<Bind>,
    pg: bool,
}

impl Sql {
    fn new(conn: &DbConn) -> Self {
        Self {
            text: String::new(),
            binds: Vec::new(),
            pg: matches!(conn, DbConn::Pg(_)),
        }
    }

    fn param(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        if self.pg {
            format!("${}", self.binds.len())
        } else {
            "?".to_string()
        }
    }

    fn text(&mut self, value: &str) -> String {
        self.param(Bind::Text(value.to_string()))
    }

    fn query(
        &self,
        prefix: &str,
    ) -> diesel::query_builder::BoxedSqlQuery<
        'static,
        super::MultiBackend,
        diesel::query_builder::SqlQuery,
    > {
        let mut q = diesel::sql_query(format!("{prefix}{}", self.text)).into_boxed();
        for bind in &self.binds {
            q = match bind {
                Bind::Text(s) => q.bind::<Text, _>(s.clone()),
                Bind::Time(t) => q.bind::<Timestamp, _>(*t),
            };
        }
        q
    }
}

/// The WHERE conditions of a filter (on the bare `testimonies` table).
fn conditions(sql: &mut Sql, f: &QueueFilter) -> Vec<String> {
    let mut c = Vec::new();
    match f.status {
        Some(StatusFilter::Withdrawn) => c.push("withdrawn_at IS NOT NULL".to_string()),
        Some(StatusFilter::Review(s)) => {
            c.push(format!("status = {}", sql.text(s.code())));
            c.push("withdrawn_at IS NULL".into());
            c.push("erased_at IS NULL".into());
        }
        None => c.push("erased_at IS NULL".into()),
    }
    if let Some(h) = &f.hearing {
        c.push(format!("hearing_id = {}", sql.text(h)));
    }
    if let Some(theme) = &f.theme {
        let a = sql.text(theme);
        let b = sql.text(theme);
        c.push(format!(
            "((tags_seeded AND EXISTS (SELECT 1 FROM testimony_tags g WHERE g.testimony_id = testimonies.id AND g.kind = 'theme' AND g.tag_id = {a})) \
             OR (NOT tags_seeded AND EXISTS (SELECT 1 FROM testimony_themes w WHERE w.testimony_id = testimonies.id AND w.theme_id = {b})))"
        ));
    }
    if let Some(role) = f.role {
        c.push(format!("witness_role = {}", sql.text(role.code())));
    }
    if let Some(lang) = f.language {
        c.push(format!("language = {}", sql.text(lang.code())));
    }
    if let Some(state) = &f.state {
        c.push(format!("place_state = {}", sql.text(state)));
    }
    if let Some(to) = f.period_to {
        c.push(format!(
            "period_from <> '' AND period_from <= {}",
            sql.text(&to.code())
        ));
    }
    if let Some(from) = f.period_from {
        c.push(format!(
            "period_from <> '' AND COALESCE(period_to, period_from) >= {}",
            sql.text(&from.code())
        ));
    }
    if let Some(intake) = f.intake {
        c.push(format!("intake = {}", sql.text(intake.code())));
    }
    match &f.assignee {
        AssigneeFilter::Anyone => {}
        AssigneeFilter::User(id) => c.push(format!("assigned_to = {}", sql.text(id))),
        AssigneeFilter::Nobody => c.push("assigned_to IS NULL".into()),
    }
    if f.unread_only {
        c.push("unread_reply".into());
    }
    c
}

/// The page query: the keyset step over `testimonies` alone (so it walks a queue index),
/// then the hearing's title and the assignee's name for those rows only. Returns the SQL
/// and whether the rows come in reverse of the page's order.
fn page_sql(conn: &DbConn, f: &QueueFilter, at: &PageAt) -> (Sql, bool) {
    let mut sql = Sql::new(conn);
    let mut conds = conditions(&mut sql, f);
    let reversed = matches!(at, PageAt::Before(_) | PageAt::Last);
    let ascending = (f.sort == Sort::Oldest) != reversed;
    if let PageAt::After(c) | PageAt::Before(c) = at {
        let t = sql.param(Bind::Time(c.submitted_at));
        let i = sql.text(&c.id);
        let op = if ascending { ">" } else { "<" };
        conds.push(format!("(submitted_at, id) {op} ({t}, {i})"));
    }
    let dir = if ascending { "ASC" } else { "DESC" };
    let limit = if matches!(at, PageAt::Last) {
        PAGE_SIZE
    } else {
        PAGE_SIZE + 1
    };
    sql.text = format!(
        "SELECT q.id, q.hearing_id, h.title AS hearing_title, q.submitted_at, q.status, q.withdrawn_at, \
         q.language, q.witness_role, q.place_state, q.intake, q.assigned_to, \
         u.display_name AS assignee_name, q.unread_reply, q.tags_seeded \
         FROM (SELECT id, hearing_id, submitted_at, status, withdrawn_at, language, witness_role, \
         place_state, intake, assigned_to, unread_reply, tags_seeded FROM testimonies \
         WHERE {} ORDER BY submitted_at {dir}, id {dir} LIMIT {limit}) q \
         JOIN hearings h ON h.id = q.hearing_id \
         LEFT JOIN users u ON u.id = q.assigned_to \
         ORDER BY q.submitted_at {dir}, q.id {dir}",
        conds.join(" AND ")
    );
    (sql, reversed)
}

/// The SQL of a page query, as it is sent (for reading its plan).
pub fn page_query_text(conn: &DbConn, f: &QueueFilter, at: &PageAt) -> String {
    page_sql(conn, f, at).0.text
}

/// A page of the queue.
pub fn page(conn: &mut DbConn, f: &QueueFilter, at: &PageAt) -> QueryResult<QueuePage> {
    let (sql, reversed) = page_sql(conn, f, at);
    let mut raw: Vec<RawRow> = sql.query("").load(conn)?;
    let more = raw.len() > PAGE_SIZE;
    raw.truncate(PAGE_SIZE);
    if reversed {
        raw.reverse();
    }
    let (has_previous, has_next) = match at {
        PageAt::First => (false, more),
        PageAt::After(_) => (true, more),
        PageAt::Before(_) => (more, true),
        PageAt::Last => {
            let first = raw.first().map(|r| Cursor {
                submitted_at: r.submitted_at,
                id: r.id.clone(),
            });
            let before = match first {
                Some(c) => {
                    let (probe, _) = page_sql(conn, f, &PageAt::Before(c));
                    !probe.query("").load::<RawRow>(conn)?.is_empty()
                }
                None => false,
            };
            (before, false)
        }
    };
    let seeded: Vec<String> = raw
        .iter()
        .filter(|r| r.tags_seeded)
        .map(|r| r.id.clone())
        .collect();
    let mut rows: Vec<QueueRow> = raw
        .into_iter()
        .map(|r| QueueRow {
            status: ReviewStatus::parse(&r.status).unwrap_or(ReviewStatus::Received),
            id: r.id,
            hearing_id: r.hearing_id,
            hearing_title: r.hearing_title,
            submitted_at: r.submitted_at,
            withdrawn_at: r.withdrawn_at,
            language: r.language,
            witness_role: r.witness_role,
            place_state: r.place_state,
            intake: r.intake,
            assigned_to: r.assigned_to,
            assignee_name: r.assignee_name,
            unread_reply: r.unread_reply,
            themes: Vec::new(),
        })
        .collect();
    attach_themes(conn, &mut rows, &seeded)?;
    Ok(QueuePage {
        rows,
        has_previous,
        has_next,
    })
}

/// Fill each row's themes: the editor's theme tags once seeded, else the witness's.
fn attach_themes(conn: &mut DbConn, rows: &mut [QueueRow], seeded: &[String]) -> QueryResult<()> {
    let chosen: Vec<String> = rows
        .iter()
        .filter(|r| !seeded.contains(&r.id))
        .map(|r| r.id.clone())
        .collect();
    let mut by_id: HashMap<String, Vec<String>> = HashMap::new();
    if !seeded.is_empty() {
        let tags: Vec<(String, String)> = testimony_tags::table
            .filter(testimony_tags::testimony_id.eq_any(seeded))
            .filter(testimony_tags::kind.eq("theme"))
            .select((testimony_tags::testimony_id, testimony_tags::tag_id))
            .order((testimony_tags::testimony_id, testimony_tags::tag_id))
            .load(conn)?;
        for (t, theme) in tags {
            by_id.entry(t).or_default().push(theme);
        }
    }
    if !chosen.is_empty() {
        let themes: Vec<(String, String)> = testimony_themes::table
            .filter(testimony_themes::testimony_id.eq_any(&chosen))
            .select((testimony_themes::testimony_id, testimony_themes::theme_id))
            .order((testimony_themes::testimony_id, testimony_themes::theme_id))
            .load(conn)?;
        for (t, theme) in themes {
            by_id.entry(t).or_default().push(theme);
        }
    }
    for row in rows {
        row.themes = by_id.remove(&row.id).unwrap_or_default();
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// How many testimonies the filter matches.
pub fn count(conn: &mut DbConn, f: &QueueFilter) -> QueryResult<i64> {
    let mut sql = Sql::new(conn);
    let conds = conditions(&mut sql, f);
    sql.text = format!(
        "SELECT COUNT(*) AS n FROM testimonies WHERE {}",
        conds.join(" AND ")
    );
    Ok(sql.query("").get_result::<Count>(conn)?.n)
}

#[derive(QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PgPlan {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

/// The plan of a page query, one line per step (SQLite `EXPLAIN QUERY PLAN`,
/// PostgreSQL `EXPLAIN`), run with the very parameters the page would use.
pub fn explain(conn: &mut DbConn, f: &QueueFilter, at: &PageAt) -> QueryResult<Vec<String>> {
    let (sql, _) = page_sql(conn, f, at);
    if sql.pg {
        Ok(sql
            .query("EXPLAIN ")
            .load::<PgPlan>(conn)?
            .into_iter()
            .map(|p| p.line)
            .collect())
    } else {
        Ok(sql
            .query("EXPLAIN QUERY PLAN ")
            .load::<SqlitePlan>(conn)?
            .into_iter()
            .map(|p| p.detail)
            .collect())
    }
}

#[derive(QueryableByName)]
struct State {
    #[diesel(sql_type = Text)]
    place_state: String,
}

/// The states testimonies tell of, for the filter's choices.
pub fn states(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    Ok(diesel::sql_query(
        "SELECT DISTINCT place_state FROM testimonies WHERE erased_at IS NULL AND place_state <> '' ORDER BY place_state",
    )
    .load::<State>(conn)?
    .into_iter()
    .map(|s| s.place_state)
    .collect())
}

/// What waits for review in one hearing (withdrawn testimony left out).
#[derive(Clone, Debug, QueryableByName)]
pub struct Waiting {
    #[diesel(sql_type = Text)]
    pub hearing_id: String,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = BigInt)]
    pub received: i64,
    #[diesel(sql_type = BigInt)]
    pub in_review: i64,
    #[diesel(sql_type = BigInt)]
    pub needs_follow_up: i64,
    #[diesel(sql_type = BigInt)]
    pub unread: i64,
}

/// Per hearing, how many testimonies are received, in review, waiting for the witness,
/// and have an unread reply: one grouped query. Hearings with none of these are left out.
pub fn waiting_by_hearing(conn: &mut DbConn) -> QueryResult<Vec<Waiting>> {
    diesel::sql_query(
        "SELECT h.id AS hearing_id, h.title AS title, \
         COUNT(CASE WHEN t.status = 'received' THEN 1 END) AS received, \
         COUNT(CASE WHEN t.status = 'in_review' THEN 1 END) AS in_review, \
         COUNT(CASE WHEN t.status = 'needs_follow_up' THEN 1 END) AS needs_follow_up, \
         COUNT(CASE WHEN t.unread_reply THEN 1 END) AS unread \
         FROM testimonies t JOIN hearings h ON h.id = t.hearing_id \
         WHERE t.withdrawn_at IS NULL AND t.erased_at IS NULL \
         AND (t.status IN ('received', 'in_review', 'needs_follow_up') OR t.unread_reply) \
         GROUP BY h.id, h.title, h.starts_on ORDER BY h.starts_on DESC, h.title",
    )
    .load(conn)
}
