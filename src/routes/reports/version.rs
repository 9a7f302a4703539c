//! A version's overview: where it stands, what to fix, its word count against the
//! limit, its files (previews before publication, the stored files and manifest after),
//! the other versions, and the moves: finalise, reopen, publish, new version, take down.

use actix_web::{HttpResponse, get, http::header, post, web::Data, web::Path, web::Query};
use askama::Template;

use super::{Header, errors};
use crate::db::reports::{self as q, published as pubq};
use crate::domain::FormErrors;
use crate::domain::account::Permission;
use crate::domain::ids::UserId;
use crate::domain::report::WordCheck;
use crate::error::AppError;
use crate::report::compile::Problem;
use crate::report::model::VersionStatus;
use crate::service::reports::publish::{self, KINDS, NotPublished};
use crate::service::reports::{self as svc, Refusal, content};
use crate::state::AppState;
use crate::web::{self, Ctx, Form, Staff};

/// Another version of the same report.
pub struct VersionRow {
    pub id: String,
    pub number: i32,
    pub status: String,
    pub current: bool,
}

/// A file of the version.
pub struct FileRow {
    pub kind: &'static str,
    pub label: &'static str,
    pub sha256: Option<String>,
}

#[derive(Template)]
#[template(path = "reports/version.html")]
pub struct OverviewPage {
    pub ctx: Ctx,
    pub header: Header,
    pub d: Overview,
    pub errors: FormErrors,
}

/// What the overview shows.
pub struct Overview {
    pub problems: Vec<String>,
    pub words: usize,
    pub limit: usize,
    pub over_by: Option<usize>,
    pub joint: bool,
    pub testimonies: String,
    pub recommendations: usize,
    pub files: Vec<FileRow>,
    pub versions: Vec<VersionRow>,
    pub granted: bool,
    pub published_at: Option<String>,
    pub manifest_ok: Option<bool>,
    pub leaks: Vec<String>,
}

fn label(kind: &str) -> &'static str {
    match kind {
        "html" => "Web page (HTML)",
        "docx" => "Submission (DOCX)",
        "csv" => "Matrix of recommendations (CSV)",
        _ => "Whole report (JSON)",
    }
}

async fn overview(
    staff: Staff,
    state: &AppState,
    id: String,
    leaks: Vec<String>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let granted = staff.ctx.originals().is_some();
    let (header, d) = web::run_db(&state.pool, move |conn| {
        let header = Header::load(conn, &id, "")?;
        let compiled = content::compile(conn, &id, None)?;
        let r = &compiled.report;
        let v = q::find_version(conn, &id)?.ok_or(AppError::NotFound)?;
        let published = header.status == VersionStatus::Published;
        let mut files = Vec::new();
        for kind in KINDS {
            let sha256 = if published {
                pubq::output(conn, &id, kind)?.map(|(sha, _)| sha)
            } else {
                None
            };
            files.push(FileRow {
                kind,
                label: label(kind),
                sha256,
            });
        }
        let manifest_ok = if published {
            Some(publish::verify(conn, &id)?.is_empty())
        } else {
            None
        };
        let versions = q::versions_of(conn, &header.report_id)?
            .into_iter()
            .map(|o| VersionRow {
                current: o.id == id,
                status: VersionStatus::parse(&o.status)
                    .map(|s| s.label())
                    .unwrap_or("Draft")
                    .to_string(),
                id: o.id,
                number: o.number,
            })
            .collect();
        let d = Overview {
            problems: compiled
                .problems
                .iter()
                .filter(|p| !matches!(p, Problem::OverWordLimit { .. }))
                .map(Problem::message)
                .collect(),
            words: r.words.count,
            limit: r.words.limit,
            over_by: match r.words.check {
                WordCheck::Over { by } => Some(by),
                WordCheck::Within { .. } => None,
            },
            joint: r.is_joint(),
            testimonies: r.introduction.testimonies.to_string(),
            recommendations: r.conclusions.recommendations.len(),
            files,
            versions,
            granted,
            published_at: v
                .published_at
                .map(|t| t.format("%-d %B %Y %H:%M UTC").to_string()),
            manifest_ok,
            leaks,
        };
        Ok((header, d))
    })
    .await?;
    let page = OverviewPage {
        ctx: staff.ctx,
        header,
        d,
        errors,
    };
    web::form_page(&page, &page.errors)
}

#[get("/staff/reports/{id}")]
pub async fn show(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    overview(
        staff,
        &state,
        id.into_inner(),
        Vec::new(),
        FormErrors::default(),
    )
    .await
}

/// After a move: back to the overview with a message, or the overview with the refusal.
async fn after(
    staff: Staff,
    state: &AppState,
    id: String,
    outcome: Result<(), Vec<Refusal>>,
    done: &str,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash(done);
            Ok(web::see_other(&format!("/staff/reports/{id}")))
        }
        Err(refusals) => overview(staff, state, id, Vec::new(), errors(refusals)).await,
    }
}

#[post("/staff/reports/{id}/finalise")]
pub async fn finalise(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<super::Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let (id, by) = (id.into_inner(), UserId::from(staff.user.id.clone()));
    let vid = id.clone();
    let outcome =
        crate::service::run(&state.pool, move |conn| svc::finalise(conn, &by, &vid)).await?;
    after(
        staff,
        &state,
        id,
        outcome,
        "The version is final. Publish it, or reopen it to change it.",
    )
    .await
}

#[post("/staff/reports/{id}/reopen")]
pub async fn reopen(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<super::Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let (id, by) = (id.into_inner(), UserId::from(staff.user.id.clone()));
    let vid = id.clone();
    let outcome =
        crate::service::run(&state.pool, move |conn| svc::reopen(conn, &by, &vid)).await?;
    after(staff, &state, id, outcome, "The version is a draft again.").await
}

#[post("/staff/reports/{id}/publish")]
pub async fn publish_version(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<super::Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let id = id.into_inner();
    let Some(org) = staff.ctx.originals() else {
        let errors = errors(vec![Refusal::new(
            "version",
            "Publishing needs an editor granted access to originals: the leak scan compares every file with what was withheld from the testimony. Ask such an editor to publish.",
        )]);
        return overview(staff, &state, id, Vec::new(), errors).await;
    };
    let (by, vid) = (UserId::from(staff.user.id.clone()), id.clone());
    let outcome = crate::service::run(&state.pool, move |conn| {
        publish::publish(conn, &org, &by, &vid)
    })
    .await?;
    match outcome {
        Ok(()) => {
            staff.ctx.set_flash("The version is published. Its files and manifest are stored and can no longer change.");
            Ok(web::see_other(&format!("/staff/reports/{id}")))
        }
        Err(NotPublished::Refused(refusals)) => {
            overview(staff, &state, id, Vec::new(), errors(refusals)).await
        }
        Err(NotPublished::Leaks(hits)) => {
            let errors = errors(vec![Refusal::new(
                "version",
                format!(
                    "Not published: the leak scan found {} thing(s) that must not be published. Fix the redaction or the text, then publish again.",
                    hits.len()
                ),
            )]);
            let leaks = hits.iter().map(|h| h.message()).collect();
            overview(staff, &state, id, leaks, errors).await
        }
    }
}

#[post("/staff/reports/{id}/new-version")]
pub async fn new_version(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<super::Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let (id, by) = (id.into_inner(), UserId::from(staff.user.id.clone()));
    let new =
        crate::service::run(&state.pool, move |conn| svc::new_version(conn, &by, &id)).await?;
    staff
        .ctx
        .set_flash("A new draft version was made from it: everything was copied.");
    Ok(web::see_other(&format!("/staff/reports/{new}")))
}

#[post("/staff/reports/{id}/take-down")]
pub async fn take_down(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    Form(_): Form<super::Empty>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let (id, by) = (id.into_inner(), UserId::from(staff.user.id.clone()));
    let vid = id.clone();
    let outcome =
        crate::service::run(&state.pool, move |conn| svc::take_down(conn, &by, &vid)).await?;
    after(
        staff,
        &state,
        id,
        outcome,
        "The version was taken down from the public site.",
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DownloadQuery {
    pub kind: String,
}

impl DownloadQuery {
    /// The kind asked for; none means the web page.
    pub fn kind_or_page(self) -> String {
        match self.kind.trim() {
            "" => "html".to_string(),
            k => k.to_string(),
        }
    }
}

/// A file of the version: for a published version the stored file (or its manifest);
/// before publication, compiled now (names of witnesses shown as pending).
#[get("/staff/reports/{id}/download")]
pub async fn download(
    staff: Staff,
    state: Data<AppState>,
    id: Path<String>,
    query: Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(Permission::ReviewTestimony)?;
    let kind = query.into_inner().kind_or_page();
    if kind != "manifest" && !KINDS.contains(&kind.as_str()) {
        return Err(AppError::NotFound);
    }
    let (id, by) = (id.into_inner(), UserId::from(staff.user.id.clone()));
    let (name, content_type, bytes) = web::run_db(&state.pool, move |conn| {
        let (v, status) = svc::version(conn, &id)?;
        if kind == "manifest" {
            let m = v.manifest.ok_or(AppError::NotFound)?;
            return Ok((
                format!("report-v{}-manifest.json", v.number),
                "application/json",
                m.into_bytes(),
            ));
        }
        if status == VersionStatus::Published {
            let (_, bytes) = pubq::output(conn, &id, &kind)?.ok_or(AppError::NotFound)?;
            return Ok((
                format!("report-v{}.{kind}", v.number),
                publish::content_type(&kind),
                bytes,
            ));
        }
        let (report, file) = publish::draft_file(conn, &by, &id, &kind, None)?;
        Ok((file.file_name(&report), file.content_type(), file.bytes))
    })
    .await?;
    Ok(file_response(&name, content_type, bytes))
}

/// A file as a response: HTML shows in the browser, the others download.
pub fn file_response(name: &str, content_type: &str, bytes: Vec<u8>) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, content_type));
    if !content_type.starts_with("text/html") {
        res.insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ));
    }
    res.body(bytes)
}
