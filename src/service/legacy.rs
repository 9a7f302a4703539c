//! The upgrade to sealed originals, run once between the migration that adds the sealed
//! columns and the one that drops the clear ones: testimony text and additions stored in
//! clear, and names, contacts, redaction terms and attachments stored under the old data
//! key, are sealed to the organisation key. A database that has accounts but no
//! organisation key gets one here, and its recovery key is returned to be shown once.

use std::path::Path;

use diesel::prelude::*;

use super::{ServiceError, keys};
use crate::crypto::DataKeys;
use crate::crypto::keys::{OrgPublicKey, RecoveryKey, is_org_sealed};
use crate::db::{self, DbConn};
use crate::domain::ids::{AttachmentId, TestimonyId};

mod old {
    //! The columns as they were before sealed originals.
    diesel::table! {
        #[sql_name = "testimonies"]
        testimonies (id) {
            id -> Text,
            body -> Text,
            place_city -> Text,
            witness_name -> Nullable<Binary>,
            contact_email -> Nullable<Binary>,
            contact_phone -> Nullable<Binary>,
            sealed_body -> Nullable<Binary>,
            sealed_city -> Nullable<Binary>,
        }
    }
    diesel::table! {
        #[sql_name = "testimony_additions"]
        additions (id) {
            id -> Text,
            body -> Text,
            sealed_body -> Nullable<Binary>,
        }
    }
}

/// What the upgrade did.
#[derive(Debug, Default)]
pub struct Upgrade {
    pub testimonies: usize,
    pub additions: usize,
    pub attachments: usize,
    /// Made when the database had accounts but no organisation key: show it once.
    pub recovery: Option<RecoveryKey>,
}

type OldRow = (
    String,
    String,
    String,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
);

/// Seal what an older version stored in clear or under the data key.
pub fn seal_clear_text(
    conn: &mut DbConn,
    data_keys: &DataKeys,
    data_dir: &Path,
) -> Result<Upgrade, ServiceError> {
    let mut done = Upgrade::default();
    let has_users = db::users::count(conn)? > 0;
    let old_rows: Vec<OldRow> = old::testimonies::table
        .filter(old::testimonies::sealed_body.is_null())
        .select((
            old::testimonies::id,
            old::testimonies::body,
            old::testimonies::place_city,
            old::testimonies::witness_name,
            old::testimonies::contact_email,
            old::testimonies::contact_phone,
        ))
        .load(conn)?;
    let old_additions: Vec<(String, String)> = old::additions::table
        .filter(old::additions::sealed_body.is_null())
        .select((old::additions::id, old::additions::body))
        .load(conn)?;
    if !has_users && old_rows.is_empty() && old_additions.is_empty() {
        return Ok(done);
    }
    if !keys::org_key_exists(conn)? {
        let (_, recovery) = keys::create_org_key(conn)?;
        done.recovery = Some(recovery);
    }
    let org = keys::org_public(conn)?;
    let reseal = |v: Option<Vec<u8>>| -> Result<Option<Vec<u8>>, ServiceError> {
        match v {
            Some(b) if !is_org_sealed(&b) => Ok(Some(org.seal(&data_keys.open(&b)?))),
            other => Ok(other),
        }
    };
    for (id, body, city, name, email, phone) in old_rows {
        let request = db::testimony::redaction(conn, &id).optional()?;
        let seal_city = request.as_ref().is_some_and(|r| r.redact_places) && !city.is_empty();
        diesel::update(old::testimonies::table.find(&id))
            .set((
                old::testimonies::sealed_body.eq(Some(org.seal_str(&body))),
                old::testimonies::body.eq(""),
                old::testimonies::witness_name.eq(reseal(name)?),
                old::testimonies::contact_email.eq(reseal(email)?),
                old::testimonies::contact_phone.eq(reseal(phone)?),
                old::testimonies::sealed_city.eq(seal_city.then(|| org.seal_str(&city))),
                old::testimonies::place_city.eq(if seal_city { "" } else { city.as_str() }),
            ))
            .execute(conn)?;
        if let Some(terms) = request.and_then(|r| r.terms) {
            db::testimony::set_redaction_terms(conn, &id, reseal(Some(terms))?.as_deref())?;
        }
        for row in db::testimony::attachments_of(conn, &id)? {
            reseal_file(data_dir, data_keys, &org, &id, &row.id)?;
            done.attachments += 1;
        }
        done.testimonies += 1;
    }
    for (id, body) in old_additions {
        diesel::update(old::additions::table.find(&id))
            .set((
                old::additions::sealed_body.eq(Some(org.seal_str(&body))),
                old::additions::body.eq(""),
            ))
            .execute(conn)?;
        done.additions += 1;
    }
    Ok(done)
}

fn reseal_file(
    data_dir: &Path,
    data_keys: &DataKeys,
    org: &OrgPublicKey,
    testimony_id: &str,
    attachment_id: &str,
) -> Result<(), ServiceError> {
    let path = crate::attachments::path(
        data_dir,
        &TestimonyId::from(testimony_id),
        &AttachmentId::from(attachment_id),
    );
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if is_org_sealed(&bytes) {
        return Ok(());
    }
    let plain = zeroize::Zeroizing::new(data_keys.open(&bytes)?);
    crate::files::write_private(&path, &org.seal(&plain))?;
    Ok(())
}
