//! The audit trail for administrators: whether the chain is intact, and its entries,
//! filtered and newest first, a hundred to a page.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, web::Data};
use askama::Template;
use chrono::{NaiveDate, NaiveDateTime};

use crate::db::{self, audit::Filter};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::audit::{Action, RecordKind};
use crate::error::AppError;
use crate::service::audit::Verification;
use crate::state::AppState;
use crate::web::{self, Ctx, Staff};

/// Entries on one page.
pub const PAGE: i64 = 100;

/// The filters as typed (kept to show them again).
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct AuditQuery {
    pub action: String,
    pub actor: String,
    pub kind: String,
    pub record: String,
    pub from: String,
    pub until: String,
    pub before: String,
}

/// One entry as the page shows it.
pub struct EntryRow {
    pub seq: i64,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub kind: String,
    pub short_id: String,
    pub record_id: String,
    /// Where the record can be seen, when it has a page.
    pub link: Option<String>,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub ctx: Ctx,
    pub checked: i64,
    /// The first break of the chain, in words.
    pub problem: Option<String>,
    pub actions: Vec<(&'static str, &'static str)>,
    pub actors: Vec<(String, String)>,
    pub kinds: Vec<&'static str>,
    pub q: AuditQuery,
    pub errors: FormErrors,
    pub rows: Vec<EntryRow>,
    /// The link to the next, older page.
    pub older: Option<String>,
}

fn date(errors: &mut FormErrors, field: &'static str, raw: &str, what: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.add(
            field,
            format!("Enter the {what} date as year-month-day, for example 2026-11-23."),
        );
    }
    parsed
}

fn start_of(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// Turn the typed filters into a query, or say what to fix.
fn parse(q: &AuditQuery, staff_ids: &[(String, String)]) -> Result<Filter, FormErrors> {
    let mut errors = FormErrors::default();
    let mut f = Filter::default();
    let action = q.action.trim();
    if !action.is_empty() {
        match Action::parse(action) {
            Some(a) => f.action = Some(a.code().to_string()),
            None => errors.add("action", "Choose an action from the list."),
        }
    }
    let actor = q.actor.trim();
    if !actor.is_empty() {
        if staff_ids.iter().any(|(id, _)| id == actor) {
            f.actor_id = Some(actor.to_string());
        } else {
            errors.add("actor", "Choose a staff member from the list.");
        }
    }
    let kind = q.kind.trim();
    if !kind.is_empty() {
        match RecordKind::parse(kind) {
            Some(k) => f.record_kind = Some(k.code().to_string()),
            None => errors.add("kind", "Choose a kind of record from the list."),
        }
    }
    let record = q.record.trim();
    if !record.is_empty() {
        let valid = record.len() <= 64
            && record
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if valid {
            f.record_id = Some(record.to_lowercase());
        } else {
            errors.add(
                "record",
                "A record id has only letters, digits and dashes (paste it from an entry below).",
            );
        }
    }
    let from = date(&mut errors, "from", &q.from, "first");
    let until = date(&mut errors, "until", &q.until, "last");
    if let (Some(a), Some(b)) = (from, until)
        && a > b
    {
        errors.add("until", "The last date must be on or after the first date.");
    }
    f.from = from.map(start_of);
    f.until = until.and_then(|d| d.succ_opt()).map(start_of);
    let before = q.before.trim();
    if !before.is_empty() {
        match before.parse::<i64>() {
            Ok(n) if n > 0 => f.before = Some(n),
            _ => errors.add(
                "before",
                "That page of older entries does not exist. Start again from the newest.",
            ),
        }
    }
    errors.into_result().map(|()| f)
}

fn when(at: NaiveDateTime) -> String {
    at.format("%-d %B %Y, %H:%M:%S UTC").to_string()
}

fn describe(v: &Verification) -> Option<String> {
    v.problem.as_ref().map(|b| {
        format!(
            "The audit trail has been tampered with: {b}. Restore the database from a backup made before this happened, compare the head of the trail with the backup's, and investigate who could write to the database."
        )
    })
}

#[get("/admin/audit")]
pub async fn show(
    staff: Staff,
    req: HttpRequest,
    state: Data<AppState>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ViewAudit)?;
    let (q, unreadable) = match serde_urlencoded::from_str::<AuditQuery>(req.query_string()) {
        Ok(q) => (q, false),
        Err(_) => (AuditQuery::default(), true),
    };
    let (verification, users) = web::run_db(&state.pool, |conn| {
        Ok((crate::service::audit::verify(conn)?, db::users::list(conn)?))
    })
    .await?;
    let names: HashMap<String, String> = users
        .iter()
        .map(|u| (u.id.clone(), u.display_name.clone()))
        .collect();
    let mut actors: Vec<(String, String)> = users
        .into_iter()
        .map(|u| {
            let name = format!("{} ({})", u.display_name, u.role().label());
            (u.id, name)
        })
        .collect();
    actors.sort_by_key(|a| a.1.to_lowercase());
    let parsed = if unreadable {
        let mut errors = FormErrors::default();
        errors.add(
            "action",
            "The filters could not be read. Choose them again below.",
        );
        Err(errors)
    } else {
        parse(&q, &actors)
    };
    let (rows, older, errors) = match parsed {
        Ok(filter) => {
            let f = filter.clone();
            let mut found = web::run_db(&state.pool, move |conn| {
                Ok(db::audit::list(conn, &f, PAGE + 1)?)
            })
            .await?;
            let more = found.len() as i64 > PAGE;
            found.truncate(PAGE as usize);
            let older = match (more, found.last()) {
                (true, Some(last)) => {
                    let next = AuditQuery {
                        before: last.seq.to_string(),
                        ..q.clone()
                    };
                    Some(format!(
                        "/admin/audit?{}",
                        serde_urlencoded::to_string(&next).unwrap_or_default()
                    ))
                }
                _ => None,
            };
            let rows = found
                .into_iter()
                .map(|r| {
                    let actor = match (r.actor_kind.as_str(), &r.actor_id) {
                        ("staff", Some(id)) => names
                            .get(id)
                            .cloned()
                            .unwrap_or_else(|| format!("staff account {}", short(id))),
                        (kind, _) => kind.to_string(),
                    };
                    let action = Action::parse(&r.action)
                        .map(|a| a.label().to_string())
                        .unwrap_or_else(|| r.action.clone());
                    let link = (r.record_kind == RecordKind::Testimony.code())
                        .then(|| format!("/staff/testimony/{}", r.record_id));
                    EntryRow {
                        seq: r.seq,
                        when: when(r.at),
                        actor,
                        action,
                        short_id: short(&r.record_id),
                        kind: r.record_kind,
                        record_id: r.record_id,
                        link,
                        detail: r.detail,
                    }
                })
                .collect();
            (rows, older, FormErrors::default())
        }
        Err(errors) => (Vec::new(), None, errors),
    };
    let page = AuditPage {
        ctx: staff.ctx,
        checked: verification.entries,
        problem: describe(&verification),
        actions: Action::ALL.iter().map(|a| (a.code(), a.label())).collect(),
        actors,
        kinds: RecordKind::ALL.iter().map(|k| k.code()).collect(),
        q,
        errors,
        rows,
        older,
    };
    web::form_page(&page, &page.errors)
}

/// The first eight characters of an id, enough to tell records apart on the page.
fn short(id: &str) -> String {
    id.chars().take(8).collect()
}
