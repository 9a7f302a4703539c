//! The review queue page: testimonies by filter, a page at a time, oldest first, with
//! metadata only (never text or identity); and assigning a testimony to an editor.

use actix_web::{HttpRequest, HttpResponse, get, post, web::Data, web::Path};
use askama::Template;

use crate::db::queue::{
    AssigneeFilter, Cursor, PageAt, QueueFilter, QueuePage, Sort, StatusFilter,
};
use crate::db::{self, users::User};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::testimony::{Intake, ReviewStatus, TestimonyLanguage, WitnessRole, YearMonth};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// The query string of the queue, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub hearing: String,
    pub status: String,
    pub theme: String,
    pub role: String,
    pub language: String,
    pub state: String,
    pub period_from: String,
    pub period_to: String,
    pub intake: String,
    pub assignee: String,
    pub unread: String,
    pub sort: String,
    pub after: String,
    pub before: String,
    pub last: String,
}

impl QueueQuery {
    /// The filters (no page position) as query-string pairs, empty ones left out.
    fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("hearing", &self.hearing),
            ("status", &self.status),
            ("theme", &self.theme),
            ("role", &self.role),
            ("language", &self.language),
            ("state", &self.state),
            ("period_from", &self.period_from),
            ("period_to", &self.period_to),
            ("intake", &self.intake),
            ("assignee", &self.assignee),
            ("unread", &self.unread),
            ("sort", &self.sort),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect()
    }

    /// The queue's address with these filters and one more pair.
    fn link(&self, extra: Option<(&'static str, String)>) -> String {
        let mut pairs = self.filter_pairs();
        pairs.extend(extra);
        if pairs.is_empty() {
            "/staff/review".into()
        } else {
            format!(
                "/staff/review?{}",
                serde_html_form::to_string(&pairs).unwrap_or_default()
            )
        }
    }
}

/// A choice in a select.
pub struct Choice {
    pub value: String,
    pub label: String,
}

fn choice(value: impl Into<String>, label: impl Into<String>) -> Choice {
    Choice {
        value: value.into(),
        label: label.into(),
    }
}

/// A row as the table shows it.
pub struct Row {
    pub id: String,
    pub short_id: String,
    pub hearing: String,
    pub received: String,
    pub status: String,
    pub language: String,
    pub role: String,
    pub state: String,
    pub themes: Vec<String>,
    pub assignee: String,
    pub mine: bool,
    pub withdrawn: bool,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "review/queue.html")]
pub struct QueuePageView {
    pub ctx: Ctx,
    pub errors: FormErrors,
    pub q: QueueQuery,
    pub hearings: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub themes: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub states: Vec<Choice>,
    pub intakes: Vec<Choice>,
    pub assignees: Vec<Choice>,
    pub rows: Vec<Row>,
    pub total: i64,
    pub first: Option<String>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub last: Option<String>,
    pub here: String,
    pub my_queue: bool,
}

/// Everything the form's selects offer.
struct Options {
    hearings: Vec<(String, String)>,
    themes: Vec<db::hearings::Theme>,
    states: Vec<String>,
    reviewers: Vec<User>,
}

/// Staff who may be given testimony to review: enabled editors and administrators.
fn reviewers(users: Vec<User>) -> Vec<User> {
    users
        .into_iter()
        .filter(|u| !u.disabled && u.role().can(Permission::ReviewTestimony))
        .collect()
}

fn load_options(conn: &mut db::DbConn) -> Result<Options, AppError> {
    let hearings = db::hearings::list_for_staff(conn, None)?
        .into_iter()
        .map(|h| (h.id, h.title))
        .collect();
    Ok(Options {
        hearings,
        themes: db::hearings::all_themes(conn)?,
        states: db::queue::states(conn)?,
        reviewers: reviewers(db::users::list(conn)?),
    })
}

/// Turn the query into a filter and a page position, noting what could not be read.
fn parse(
    q: &QueueQuery,
    me: &str,
    options: &Options,
    errors: &mut FormErrors,
) -> (QueueFilter, PageAt) {
    let mut f = QueueFilter::default();
    let hearing = q.hearing.trim();
    if !hearing.is_empty() {
        if options.hearings.iter().any(|(id, _)| id == hearing) {
            f.hearing = Some(hearing.to_string());
        } else {
            errors.add(
                "hearing",
                "There is no such hearing. Choose one from the list.",
            );
        }
    }
    match q.status.trim() {
        "" => {}
        "withdrawn" => f.status = Some(StatusFilter::Withdrawn),
        s => match ReviewStatus::parse(s) {
            Some(s) => f.status = Some(StatusFilter::Review(s)),
            None => errors.add("status", "Choose a status from the list."),
        },
    }
    let theme = q.theme.trim();
    if !theme.is_empty() {
        if options.themes.iter().any(|t| t.id == theme) {
            f.theme = Some(theme.to_string());
        } else {
            errors.add("theme", "There is no such theme. Choose one from the list.");
        }
    }
    if !q.role.trim().is_empty() {
        match WitnessRole::parse(&q.role) {
            Some(r) => f.role = Some(r),
            None => errors.add("role", "Choose a witness role from the list."),
        }
    }
    if !q.language.trim().is_empty() {
        match TestimonyLanguage::parse(&q.language) {
            Some(l) => f.language = Some(l),
            None => errors.add("language", "Choose a language from the list."),
        }
    }
    let state = q.state.trim();
    if !state.is_empty() {
        if state.chars().count() <= 100 {
            f.state = Some(state.to_string());
        } else {
            errors.add("state", "Choose a state from the list.");
        }
    }
    for (field, raw, slot) in [
        ("period_from", &q.period_from, &mut f.period_from),
        ("period_to", &q.period_to, &mut f.period_to),
    ] {
        if !raw.trim().is_empty() {
            match YearMonth::parse(raw) {
                Some(m) => *slot = Some(m),
                None => errors.add(
                    field,
                    "Enter a month as year and month, for example 2025-03.",
                ),
            }
        }
    }
    if let (Some(from), Some(to)) = (f.period_from, f.period_to)
        && to < from
    {
        errors.add(
            "period_to",
            "The end of the period must be the same month as its start or later.",
        );
    }
    if !q.intake.trim().is_empty() {
        match Intake::parse(q.intake.trim()) {
            Some(i) => f.intake = Some(i),
            None => errors.add("intake", "Choose how the testimony came in from the list."),
        }
    }
    f.assignee = match q.assignee.trim() {
        "" => AssigneeFilter::Anyone,
        "me" => AssigneeFilter::User(me.to_string()),
        "nobody" => AssigneeFilter::Nobody,
        id if options.reviewers.iter().any(|u| u.id == id) => AssigneeFilter::User(id.to_string()),
        _ => {
            errors.add("assignee", "Choose an editor from the list.");
            AssigneeFilter::Anyone
        }
    };
    match q.unread.trim() {
        "" => {}
        "1" | "on" | "true" => f.unread_only = true,
        _ => errors.add("unread", "Tick the box or leave it empty."),
    }
    f.sort = match q.sort.trim() {
        "" | "oldest" => Sort::Oldest,
        "newest" => Sort::Newest,
        _ => {
            errors.add("sort", "Choose an order from the list.");
            Sort::Oldest
        }
    };
    let at = if !q.after.trim().is_empty() {
        Cursor::decode(&q.after).map(PageAt::After)
    } else if !q.before.trim().is_empty() {
        Cursor::decode(&q.before).map(PageAt::Before)
    } else if !q.last.trim().is_empty() {
        Some(PageAt::Last)
    } else {
        Some(PageAt::First)
    };
    let at = at.unwrap_or_else(|| {
        errors.add(
            "page",
            "The page asked for could not be found; this is the first page.",
        );
        PageAt::First
    });
    (f, at)
}

fn rows(page: QueuePage, options: &Options, me: &str) -> Vec<Row> {
    let theme_label = |id: &str| {
        options
            .themes
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.label(Lang::En))
            .unwrap_or_else(|| id.to_string())
    };
    page.rows
        .into_iter()
        .map(|r| Row {
            short_id: crate::domain::ids::short(&r.id),
            hearing: r.hearing_title,
            received: crate::i18n::format_date(r.submitted_at.date(), Lang::En),
            status: if r.withdrawn_at.is_some() {
                "withdrawn".into()
            } else {
                crate::domain::review::label(r.status).into()
            },
            language: TestimonyLanguage::parse(&r.language)
                .map(|l| match l {
                    TestimonyLanguage::Known(l) => l.english_name().to_string(),
                    TestimonyLanguage::Other => "Other".into(),
                })
                .unwrap_or(r.language),
            role: WitnessRole::parse(&r.witness_role)
                .map(|w| w.label().to_string())
                .unwrap_or(r.witness_role),
            state: r.place_state,
            themes: r.themes.iter().map(|t| theme_label(t)).collect(),
            mine: r.assigned_to.as_deref() == Some(me),
            assignee: r.assignee_name.unwrap_or_default(),
            withdrawn: r.withdrawn_at.is_some(),
            unread: r.unread_reply,
            id: r.id,
        })
        .collect()
}

fn choices(options: &Options) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    let hearings = options
        .hearings
        .iter()
        .map(|(id, title)| choice(id, title))
        .collect();
    let themes = options
        .themes
        .iter()
        .map(|t| choice(&t.id, t.label(Lang::En)))
        .collect();
    let states = options.states.iter().map(|s| choice(s, s)).collect();
    let mut assignees = vec![choice("me", "Me"), choice("nobody", "Nobody")];
    assignees.extend(
        options
            .reviewers
            .iter()
            .map(|u| choice(&u.id, format!("{} ({})", u.display_name, u.email))),
    );
    (hearings, themes, states, assignees)
}

#[get("/staff/review")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let mut errors = FormErrors::default();
    let q: QueueQuery = serde_html_form::from_str(req.query_string()).unwrap_or_else(|_| {
        errors.add(
            "page",
            "The address of this page could not be read; showing the whole queue.",
        );
        QueueQuery::default()
    });
    let me = staff.user.id.clone();
    let (options, page, total, q, errors) = {
        let me = me.clone();
        web::run_db(&state.pool, move |conn| {
            let options = load_options(conn)?;
            let (filter, at) = parse(&q, &me, &options, &mut errors);
            let (filter, at) = if errors.is_empty() {
                (filter, at)
            } else {
                (QueueFilter::default(), PageAt::First)
            };
            let page = db::queue::page(conn, &filter, &at)?;
            let total = db::queue::count(conn, &filter)?;
            Ok((options, page, total, q, errors))
        })
        .await?
    };
    let shown_q = if errors.is_empty() {
        q.clone()
    } else {
        QueueQuery::default()
    };
    let first_key = page.rows.first().map(|r| r.cursor().encode());
    let last_key = page.rows.last().map(|r| r.cursor().encode());
    let (previous, first) = if page.has_previous {
        (
            first_key.map(|k| shown_q.link(Some(("before", k)))),
            Some(shown_q.link(None)),
        )
    } else {
        (None, None)
    };
    let (next, last) = if page.has_next {
        (
            last_key.map(|k| shown_q.link(Some(("after", k)))),
            Some(shown_q.link(Some(("last", "1".into())))),
        )
    } else {
        (None, None)
    };
    let (hearings, themes, states, assignees) = choices(&options);
    let here = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/staff/review".into());
    let view = QueuePageView {
        my_queue: q.assignee.trim() == "me",
        rows: rows(page, &options, &me),
        ctx: staff.ctx,
        q,
        errors,
        hearings,
        statuses: ReviewStatus::ALL
            .iter()
            .map(|s| choice(s.code(), crate::domain::review::label(*s)))
            .chain([choice("withdrawn", "withdrawn")])
            .collect(),
        themes,
        roles: WitnessRole::ALL
            .iter()
            .map(|r| choice(r.code(), r.label()))
            .collect(),
        languages: Lang::ALL
            .iter()
            .map(|l| choice(l.code(), l.english_name()))
            .chain([choice("other", "Other")])
            .collect(),
        states,
        intakes: vec![
            choice("online", "Online form"),
            choice("assisted", "Taken at a hearing"),
        ],
        assignees,
        total,
        first,
        previous,
        next,
        last,
        here,
    };
    web::form_page(&view, &view.errors)
}

/// The assignment form.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AssignForm {
    /// A user id, `me`, or empty for nobody.
    pub assignee: String,
    /// Where to go afterwards (a path on this site).
    pub next: String,
}

#[post("/staff/testimony/{id}/assign")]
pub async fn assign(
    staff: Staff,
    state: Data<AppState>,
    path: Path<String>,
    Form(form): Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = TestimonyId::from(path.into_inner());
    let back = web::safe_next(Some(&form.next))
        .unwrap_or_else(|| format!("/staff/testimony/{}", id.as_str()));
    let me = UserId::from(staff.user.id.clone());
    let wanted = form.assignee.trim().to_string();
    let by = me.clone();
    let outcome = crate::service::run(&state.pool, move |conn| {
        let to = match wanted.as_str() {
            "" => None,
            "me" => Some(me),
            other => {
                let ok = db::users::find(conn, other)?
                    .is_some_and(|u| !u.disabled && u.role().can(Permission::ReviewTestimony));
                if !ok {
                    return Ok(Err(()));
                }
                Some(UserId::from(other.to_string()))
            }
        };
        crate::service::review::assign(conn, &by, &id, to.as_ref())?;
        Ok(Ok(to.is_some()))
    })
    .await?;
    match outcome {
        Ok(true) => staff.ctx.set_flash("The testimony is assigned."),
        Ok(false) => staff.ctx.set_flash("The testimony is assigned to nobody."),
        Err(()) => staff.ctx.set_flash(
            "The testimony was not assigned: choose an editor or administrator whose account is active.",
        ),
    }
    Ok(web::see_other(&back))
}
