//! The retention purge: a set number of days after a hearing closes, its witnesses'
//! contact details (the sealed email and phone) and attachments (rows and sealed files)
//! are deleted. One transaction per hearing, with an audit entry that gives counts only.
//! Report tables are never touched: published report versions stay as they were.

use std::path::Path;

use super::{ServiceError, audit, transaction};
use crate::attachments;
use crate::db::{self, DbConn, hearings::Hearing};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::{AttachmentId, TestimonyId};
use crate::domain::retention;

/// What a hearing's purge removes (or, in a dry run, would remove): counts only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HearingPurge {
    pub hearing_id: String,
    /// The hearing's title, for the command's listing (never witness data).
    pub title: String,
    /// Testimonies whose email and/or phone number go.
    pub contacts: usize,
    /// Attachments that go.
    pub attachments: usize,
}

/// "3 contact details, 5 attachments": what the audit entry and the command say.
pub fn describe(contacts: usize, attachments: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}",
        plural(contacts, "contact detail", "contact details"),
        plural(attachments, "attachment", "attachments")
    )
}

impl HearingPurge {
    /// What this hearing's purge removes, in words (counts only).
    pub fn counts(&self) -> String {
        describe(self.contacts, self.attachments)
    }
}

fn is_due(h: &Hearing, default_days: i64, now: chrono::NaiveDateTime) -> bool {
    let closed = retention::closed_since(h.status(), h.closes_at, h.closed_at, now);
    retention::purge_due(
        closed,
        retention::effective_days(h.retention_days, default_days),
        now,
    )
}

/// The hearings whose time has come and that still hold something to purge, with the
/// counts. Reads only: this is the dry run.
pub fn due(conn: &mut DbConn, default_days: i64) -> Result<Vec<HearingPurge>, ServiceError> {
    let now = db::now();
    let mut out = Vec::new();
    for h in db::retention::candidates(conn)? {
        if !is_due(&h, default_days, now) {
            continue;
        }
        let found = HearingPurge {
            contacts: db::retention::with_contact(conn, &h.id)?.len(),
            attachments: db::retention::attachments_of_hearing(conn, &h.id)?.len(),
            hearing_id: h.id,
            title: h.title,
        };
        if found.contacts + found.attachments > 0 {
            out.push(found);
        }
    }
    Ok(out)
}

/// Purge every hearing that is due: in one transaction per hearing, clear the sealed
/// contact details and delete the attachment rows, with an audit entry by the system
/// giving the counts; then delete the attachment files. Returns what was purged.
pub fn purge(
    conn: &mut DbConn,
    data_dir: &Path,
    default_days: i64,
) -> Result<Vec<HearingPurge>, ServiceError> {
    let mut purged = Vec::new();
    for candidate in due(conn, default_days)? {
        let done = transaction(conn, |conn| {
            // Checked again inside the transaction: the hearing may have been reopened.
            let Some(h) = db::hearings::find(conn, &candidate.hearing_id)? else {
                return Ok(None);
            };
            if !is_due(&h, default_days, db::now()) {
                return Ok(None);
            }
            let contacts = db::retention::with_contact(conn, &h.id)?;
            let files = db::retention::attachments_of_hearing(conn, &h.id)?;
            db::retention::clear_contacts(conn, &contacts)?;
            let ids: Vec<String> = files.iter().map(|(_, a)| a.clone()).collect();
            db::retention::delete_attachments(conn, &ids)?;
            let result = HearingPurge {
                hearing_id: h.id.clone(),
                title: h.title,
                contacts: contacts.len(),
                attachments: files.len(),
            };
            if result.contacts + result.attachments > 0 {
                audit::record(
                    conn,
                    &Actor::System,
                    Action::Purged,
                    RecordKind::Hearing,
                    &h.id,
                    result.counts(),
                )?;
            }
            Ok(Some((result, files)))
        })?;
        let Some((result, files)) = done else {
            continue;
        };
        remove_files(data_dir, &files);
        if result.contacts + result.attachments > 0 {
            purged.push(result);
        }
    }
    if !purged.is_empty() {
        db::flush_deleted(conn)?;
    }
    Ok(purged)
}

/// Delete the sealed files of attachments whose rows are gone, and their emptied folders.
fn remove_files(data_dir: &Path, files: &[(String, String)]) {
    let mut failed = 0;
    for (testimony, attachment) in files {
        let testimony = TestimonyId::from(testimony.as_str());
        let path = attachments::path(
            data_dir,
            &testimony,
            &AttachmentId::from(attachment.as_str()),
        );
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => failed += 1,
        }
        if let Some(folder) = path.parent() {
            // Only an empty folder goes; one with other files stays.
            let _ = std::fs::remove_dir(folder);
        }
    }
    if failed > 0 {
        tracing::warn!(
            files = failed,
            "purged attachments whose sealed files could not be deleted"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_numbers_only() {
        let p = HearingPurge {
            hearing_id: "h".into(),
            title: "t".into(),
            contacts: 3,
            attachments: 1,
        };
        assert_eq!(p.counts(), "3 contact details, 1 attachment");
    }
}
