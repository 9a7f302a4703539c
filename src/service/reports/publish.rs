//! Publishing a final version, in a granted editor's session: compile with witnesses'
//! names opened where they consented to be named, render every output, scan every
//! output for what was withheld from the testimony it uses and for personal data,
//! and only when nothing is found store the files, their SHA-256 and the manifest.
//! A hit blocks publication and is logged (where and which testimony, never the words).

use sha2::{Digest as _, Sha256};

use super::content::{self, Opener};
use super::{Refusal, record, version};
use crate::crypto::keys::OrgSecretKey;
use crate::db::reports::{self as q, parts as p, published as pubq};
use crate::db::{self, DbConn};
use crate::domain::audit::Action;
use crate::domain::ids::{TestimonyId, UserId};
use crate::report::compile::Compiled;
use crate::report::leak::{self, Hit, Needle, NeedleKind, Output, Quoted};
use crate::report::model::{CompiledReport, VersionStatus};
use crate::report::{RenderError, csv, docx, html, json};
use crate::service::{ServiceError, transaction};

/// One output file of a version.
pub struct File {
    /// "html", "docx", "csv", "json".
    pub kind: &'static str,
    pub bytes: Vec<u8>,
}

impl File {
    /// The name it downloads as.
    pub fn file_name(&self, report: &CompiledReport) -> String {
        format!("report-v{}.{}", report.version, self.kind)
    }

    pub fn content_type(&self) -> &'static str {
        content_type(self.kind)
    }

    pub fn sha256(&self) -> String {
        hex::encode(Sha256::digest(&self.bytes))
    }
}

/// The media type of an output kind.
pub fn content_type(kind: &str) -> &'static str {
    match kind {
        "html" => "text/html; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/json",
    }
}

/// The output kinds, in the order they are listed.
pub const KINDS: [&str; 4] = ["html", "docx", "csv", "json"];

fn render_err(e: RenderError) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("rendering a report failed: {e}"))
}

/// Render every output of a compiled report.
pub fn render_all(report: &CompiledReport) -> Result<Vec<File>, ServiceError> {
    let page = html::render_html(report).map_err(|e| {
        ServiceError::Internal(anyhow::anyhow!("rendering a report page failed: {e}"))
    })?;
    Ok(vec![
        File {
            kind: "html",
            bytes: page.into_bytes(),
        },
        File {
            kind: "docx",
            bytes: docx::render_docx(report).map_err(render_err)?,
        },
        File {
            kind: "csv",
            bytes: csv::render_csv(report).map_err(render_err)?,
        },
        File {
            kind: "json",
            bytes: json::render_json(report).map_err(render_err)?,
        },
    ])
}

/// The searchable text of each output.
pub fn texts(files: &[File]) -> Result<Vec<Output>, ServiceError> {
    let mut out = Vec::new();
    for f in files {
        let utf8 = || String::from_utf8_lossy(&f.bytes).into_owned();
        let (name, text) = match f.kind {
            "html" => ("HTML page", leak::html_text(&utf8())),
            "docx" => {
                let t = docx::read_docx_text(&f.bytes).map_err(render_err)?;
                ("DOCX", format!("{}\n{}", t.body, t.notes))
            }
            "csv" => ("CSV matrix", leak::csv_text(&utf8())),
            _ => ("JSON", leak::json_text(&utf8())),
        };
        out.push(Output {
            name: name.to_string(),
            text,
        });
    }
    Ok(out)
}

/// What must not appear: for each testimony used, its withheld words, its sealed
/// place, and its witness's name and contact details. Returns the needles and the
/// names that may appear (witnesses who consented to be named in this version).
fn needles(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    compiled: &Compiled,
    named: &[String],
) -> Result<(Vec<Needle>, Vec<String>), ServiceError> {
    let mut out = Vec::new();
    let mut allowed = Vec::new();
    for id in &compiled.used {
        let t = db::testimony::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        let tid = TestimonyId::from(id.clone());
        let mut push = |kind: NeedleKind, text: String| {
            out.push(Needle {
                testimony_id: id.clone(),
                kind,
                text,
            })
        };
        for words in crate::service::redaction::withheld(conn, org, &tid)? {
            push(NeedleKind::Redacted, words);
        }
        let open = |v: &Option<Vec<u8>>| v.as_deref().map(|s| org.open_str(s)).transpose();
        if let Some(city) = open(&t.sealed_city)? {
            push(NeedleKind::Place, city);
        }
        if let Some(name) = open(&t.witness_name)? {
            if named.contains(id) {
                allowed.push(name.clone());
            }
            push(NeedleKind::Name, name);
        }
        for contact in [open(&t.contact_email)?, open(&t.contact_phone)?]
            .into_iter()
            .flatten()
        {
            push(NeedleKind::Contact, contact);
        }
    }
    Ok((out, allowed))
}

/// Why a version was not published.
pub enum NotPublished {
    Refused(Vec<Refusal>),
    /// The leak scan found these; nothing was published.
    Leaks(Vec<Hit>),
}

/// Publish a final version. `org` is the publishing editor's unwrapped organisation key.
pub fn publish(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    version_id: &str,
) -> Result<Result<(), NotPublished>, ServiceError> {
    transaction(conn, |conn| {
        let (v, status) = version(conn, version_id)?;
        if status != VersionStatus::Final {
            return Ok(Err(NotPublished::Refused(vec![Refusal::new(
                "version",
                "Finalise this version before publishing it.",
            )])));
        }
        let at = db::now();
        let opener = Opener { org, by };
        let (compiled, testimony) =
            content::compile_dated(conn, version_id, Some(&opener), at.date())?;
        let blocking: Vec<Refusal> = compiled
            .problems
            .iter()
            .filter(|p| p.blocks())
            .map(|p| Refusal::new("version", p.message()))
            .collect();
        if !blocking.is_empty() {
            return Ok(Err(NotPublished::Refused(blocking)));
        }
        let named: Vec<String> = testimony
            .iter()
            .filter(|t| t.names_witness())
            .map(|t| t.id().to_string())
            .collect();
        let files = render_all(&compiled.report)?;
        let (needles, mut allowed) = needles(conn, org, &compiled, &named)?;
        allowed.push(compiled.report.contact.email.clone());
        // The hearings' places are public: a witness's withheld city may be one of them.
        for h in &compiled.report.introduction.hearings {
            allowed.extend(h.place.split(", ").map(str::to_string));
        }
        let quotes: Vec<Quoted> = testimony
            .iter()
            .filter(|t| compiled.used.iter().any(|u| u == t.id()))
            .flat_map(|t| {
                t.excerpts().iter().map(|e| Quoted {
                    testimony_id: t.id().to_string(),
                    text: e.text.clone(),
                })
            })
            .collect();
        let hits = leak::scan(&texts(&files)?, &needles, &allowed, &quotes);
        if !hits.is_empty() {
            record(
                conn,
                by,
                Action::ReportPublishBlocked,
                version_id,
                format!(
                    "{} finding(s) over {} testimonies: {}",
                    hits.len(),
                    compiled.used.len(),
                    hits.iter().map(Hit::message).collect::<Vec<_>>().join(" ")
                ),
            )?;
            return Ok(Err(NotPublished::Leaks(hits)));
        }
        let mut outputs = Vec::new();
        for f in &files {
            let sha = f.sha256();
            pubq::put_output(conn, version_id, f.kind, &sha, &f.bytes)?;
            outputs.push(serde_json::json!({
                "kind": f.kind,
                "file": f.file_name(&compiled.report),
                "sha256": sha,
                "bytes": f.bytes.len(),
            }));
        }
        let mut used = Vec::new();
        for t in testimony
            .iter()
            .filter(|t| compiled.used.iter().any(|u| u == t.id()))
        {
            pubq::add_manifest_item(
                conn,
                version_id,
                t.id(),
                t.redacted_version_id(),
                t.consent_record_id(),
            )?;
            used.push(serde_json::json!({
                "testimony": t.id(),
                "redacted_version": t.redacted_version_id(),
                "consent_record": t.consent_record_id(),
            }));
        }
        for r in &compiled.report.conclusions.recommendations {
            p::set_published_number(conn, &r.id, &r.number.to_string())?;
        }
        let manifest = serde_json::json!({
            "report": v.report_id,
            "version": v.number,
            "published_at": at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "testimonies": used,
            "outputs": outputs,
        });
        let manifest = serde_json::to_string_pretty(&manifest)
            .map_err(|e| ServiceError::Internal(e.into()))?;
        q::mark_published(conn, version_id, by.as_str(), at, &manifest)?;
        record(
            conn,
            by,
            Action::ReportPublished,
            version_id,
            format!(
                "version {}: {} testimonies, {} recommendations",
                v.number,
                compiled.used.len(),
                compiled.report.conclusions.recommendations.len()
            ),
        )?;
        Ok(Ok(()))
    })
}

/// Compile a version and render one output, for a preview or download before
/// publication (a published version is served from its stored files).
pub fn draft_file(
    conn: &mut DbConn,
    by: &UserId,
    version_id: &str,
    kind: &str,
    opener: Option<&Opener<'_>>,
) -> Result<(CompiledReport, File), ServiceError> {
    let compiled = content::compile(conn, version_id, opener)?;
    let file = render_all(&compiled.report)?
        .into_iter()
        .find(|f| f.kind == kind)
        .ok_or(ServiceError::NotFound)?;
    if kind != "html" {
        transaction(conn, |conn| {
            record(
                conn,
                by,
                Action::Exported,
                version_id,
                format!("draft {kind}"),
            )
        })?;
    }
    Ok((compiled.report, file))
}

/// Check a published version's stored files against its manifest: the kinds whose
/// SHA-256 does not match (empty when all match).
pub fn verify(conn: &mut DbConn, version_id: &str) -> Result<Vec<String>, ServiceError> {
    let (v, _) = version(conn, version_id)?;
    let manifest: serde_json::Value = v
        .manifest
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok())
        .ok_or(ServiceError::NotFound)?;
    let mut bad = Vec::new();
    for o in manifest["outputs"].as_array().into_iter().flatten() {
        let kind = o["kind"].as_str().unwrap_or_default();
        let expected = o["sha256"].as_str().unwrap_or_default();
        match pubq::output(conn, version_id, kind)? {
            Some((_, bytes)) if hex::encode(Sha256::digest(&bytes)) == expected => {}
            _ => bad.push(kind.to_string()),
        }
    }
    Ok(bad)
}
