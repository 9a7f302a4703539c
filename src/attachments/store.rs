//! Storage of cleaned attachments: each is sealed with the data keys and written under the
//! data folder, outside anything the web server serves.

use std::path::{Path, PathBuf};

use crate::crypto::DataKeys;

/// Where a testimony's attachment is stored.
pub fn path(data_dir: &Path, testimony_id: &str, attachment_id: &str) -> PathBuf {
    data_dir
        .join("attachments")
        .join(testimony_id)
        .join(format!("{attachment_id}.bin"))
}

/// Write an attachment, encrypted.
pub fn store(
    data_dir: &Path,
    keys: &DataKeys,
    testimony_id: &str,
    attachment_id: &str,
    bytes: &[u8],
) -> std::io::Result<()> {
    let path = path(data_dir, testimony_id, attachment_id);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, keys.seal(bytes))
}

/// Read an attachment back.
pub fn load(
    data_dir: &Path,
    keys: &DataKeys,
    testimony_id: &str,
    attachment_id: &str,
) -> anyhow::Result<Vec<u8>> {
    let sealed = std::fs::read(path(data_dir, testimony_id, attachment_id))?;
    Ok(keys.open(&sealed)?)
}

/// Remove all attachments of a testimony (after a failed save).
pub fn remove_all(data_dir: &Path, testimony_id: &str) {
    let _ = std::fs::remove_dir_all(data_dir.join("attachments").join(testimony_id));
}
