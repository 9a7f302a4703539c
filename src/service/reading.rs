//! Reading a testimony for review. What the witness gave is opened only with a granted
//! member's organisation key, and every opening (the original, the identity, an
//! attachment) is written to the audit trail in the same transaction that reads it.

use std::path::Path;

use super::{ServiceError, audit, transaction};
use crate::attachments;
use crate::crypto::keys::OrgSecretKey;
use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::ids::{AttachmentId, TestimonyId, UserId};
use crate::domain::text::OriginalText;

/// The original words as a granted editor reads them: the testimony, what the witness added
/// later, the words they asked to be removed, and the city when it was sealed.
pub struct OpenedOriginal {
    pub body: OriginalText,
    pub additions: Vec<(chrono::NaiveDateTime, OriginalText)>,
    pub terms: Vec<String>,
    pub sealed_city: Option<String>,
}

/// Open the original (logged).
pub fn open_original(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
) -> Result<OpenedOriginal, ServiceError> {
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        let body = match t.sealed_body.as_deref() {
            Some(sealed) => org.open_text(sealed)?,
            None => OriginalText::opened(String::new()),
        };
        let terms = db::testimony::redaction(conn, id.as_str())
            .map(|r| r.terms)
            .or_else(|e| match e {
                diesel::result::Error::NotFound => Ok(None),
                other => Err(other),
            })?
            .as_deref()
            .map(|sealed| org.open_str(sealed))
            .transpose()?
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default();
        let mut additions = Vec::new();
        for a in db::testimony::additions(conn, id.as_str())? {
            if let Some(sealed) = a.sealed_body.as_deref() {
                additions.push((a.created_at, org.open_text(sealed)?));
            }
        }
        let sealed_city = t
            .sealed_city
            .as_deref()
            .map(|s| org.open_str(s))
            .transpose()?;
        if t.erased_at.is_none() {
            audit::record(
                conn,
                &Actor::Staff(by.clone()),
                Action::OriginalOpened,
                RecordKind::Testimony,
                id.as_str(),
                format!("with {} addition(s)", additions.len()),
            )?;
        }
        Ok(OpenedOriginal {
            body,
            additions,
            terms,
            sealed_city,
        })
    })
}

/// Who the witness is, as they gave it.
pub struct Identity {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Identity {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.email.is_none() && self.phone.is_none()
    }
}

/// Open the witness's name and contact details (logged).
pub fn open_identity(
    conn: &mut DbConn,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
) -> Result<Identity, ServiceError> {
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        let open = |v: &Option<Vec<u8>>| v.as_deref().map(|s| org.open_str(s)).transpose();
        let identity = Identity {
            name: open(&t.witness_name)?,
            email: open(&t.contact_email)?,
            phone: open(&t.contact_phone)?,
        };
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::IdentityOpened,
            RecordKind::Testimony,
            id.as_str(),
            "",
        )?;
        Ok(identity)
    })
}

/// An attachment, decrypted in memory for one download.
pub struct OpenedAttachment {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub file_name: String,
}

/// Open one attachment of a testimony (logged). Never written in clear anywhere.
pub fn open_attachment(
    conn: &mut DbConn,
    data_dir: &Path,
    org: &OrgSecretKey,
    by: &UserId,
    id: &TestimonyId,
    attachment: &AttachmentId,
) -> Result<OpenedAttachment, ServiceError> {
    transaction(conn, |conn| {
        let row = db::testimony::attachments_of(conn, id.as_str())?
            .into_iter()
            .find(|a| a.id == attachment.as_str())
            .ok_or(ServiceError::NotFound)?;
        let bytes = attachments::load(data_dir, org, id, attachment)?;
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::AttachmentOpened,
            RecordKind::Testimony,
            id.as_str(),
            format!("attachment {} ({})", row.id, row.content_type),
        )?;
        let extension = match row.content_type.as_str() {
            "image/jpeg" => "jpg",
            "image/png" => "png",
            "image/webp" => "webp",
            "application/pdf" => "pdf",
            _ => "bin",
        };
        Ok(OpenedAttachment {
            file_name: format!(
                "testimony-{}-{}.{extension}",
                crate::domain::ids::short(id.as_str()),
                crate::domain::ids::short(&row.id)
            ),
            content_type: row.content_type,
            bytes,
        })
    })
}
