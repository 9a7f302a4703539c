//! The public side of reports: the list of published versions, each version's page
//! and its downloads, served exactly as stored when it was published. A version taken
//! down is gone (410).

use actix_web::{HttpResponse, get, web::Data, web::Path, web::Query};
use askama::Template;

use super::version::{DownloadQuery, file_response};
use crate::db::reports::{self as q, published as pubq};
use crate::error::AppError;
use crate::report::model::VersionStatus;
use crate::service::reports::publish::{KINDS, content_type};
use crate::state::AppState;
use crate::web::{self, Ctx};

/// A published version in the list.
pub struct Row {
    pub version_id: String,
    pub title: String,
    pub number: i32,
    pub published: String,
}

#[derive(Template)]
#[template(path = "reports/public_list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub rows: Vec<Row>,
}

#[get("/reports")]
pub async fn list(ctx: Ctx, state: Data<AppState>) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let rows = web::run_db(&state.pool, move |conn| {
        Ok(pubq::public_versions(conn)?
            .into_iter()
            .map(|v| Row {
                published: crate::i18n::message(
                    lang,
                    "reports-version",
                    &[
                        ("number", &v.number.to_string()),
                        (
                            "date",
                            &v.published_at
                                .map(|t| crate::i18n::format_date(t.date(), lang))
                                .unwrap_or_default(),
                        ),
                    ],
                ),
                version_id: v.id,
                title: v.title,
                number: v.number,
            })
            .collect())
    })
    .await?;
    web::page(&ListPage { ctx, rows })
}

/// A stored file of a public version, or why not.
fn public_file(
    conn: &mut crate::db::DbConn,
    version_id: &str,
    kind: &str,
) -> Result<(i32, Vec<u8>), AppError> {
    let v = q::find_version(conn, version_id)?.ok_or(AppError::NotFound)?;
    if VersionStatus::parse(&v.status) != Some(VersionStatus::Published) {
        return Err(AppError::NotFound);
    }
    if v.taken_down_at.is_some() {
        return Err(AppError::Gone(
            "This version of the report was taken down by its editors. Look for a newer version on the reports page.".into(),
        ));
    }
    let (_, bytes) = pubq::output(conn, version_id, kind)?.ok_or(AppError::NotFound)?;
    Ok((v.number, bytes))
}

/// The newest public version of a report: its page, or with `?kind=` one of its files
/// (the page links its downloads that way).
#[get("/reports/{id}")]
pub async fn latest(
    state: Data<AppState>,
    id: Path<String>,
    query: Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let latest = web::run_db(&state.pool, move |conn| {
        Ok(q::versions_of(conn, &id)?
            .into_iter()
            .find(|v| v.status == "published" && v.taken_down_at.is_none())
            .ok_or(AppError::NotFound)?
            .id)
    })
    .await?;
    serve(&state, latest, query.into_inner().kind_or_page()).await
}

/// A public version's page, or with `?kind=` one of its files.
#[get("/reports/version/{id}")]
pub async fn version(
    state: Data<AppState>,
    id: Path<String>,
    query: Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    serve(&state, id.into_inner(), query.into_inner().kind_or_page()).await
}

async fn serve(state: &AppState, id: String, kind: String) -> Result<HttpResponse, AppError> {
    if !KINDS.contains(&kind.as_str()) {
        return Err(AppError::NotFound);
    }
    let k = kind.clone();
    let (number, bytes) = web::run_db(&state.pool, move |conn| public_file(conn, &id, &k)).await?;
    Ok(file_response(
        &format!("report-v{number}.{kind}"),
        content_type(&kind),
        bytes,
    ))
}

#[get("/reports/version/{id}/download")]
pub async fn download(
    state: Data<AppState>,
    id: Path<String>,
    query: Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    serve(&state, id.into_inner(), query.into_inner().kind_or_page()).await
}
