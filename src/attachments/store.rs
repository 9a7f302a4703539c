//! Storage of cleaned attachments: each is sealed to the organisation key (only granted
//! staff open it) and written under the data folder, in a folder and file only the
//! server's user can read, outside anything the web server serves.

use std::path::{Path, PathBuf};

use crate::crypto::keys::{OrgSecretKey, Sealer};
use crate::domain::ids::{AttachmentId, TestimonyId};

/// Where a testimony's attachment is stored.
pub fn path(data_dir: &Path, testimony_id: &TestimonyId, attachment_id: &AttachmentId) -> PathBuf {
    data_dir
        .join("attachments")
        .join(testimony_id.as_str())
        .join(format!("{attachment_id}.bin"))
}

/// Write an attachment sealed to the organisation key (with the testimony's sealer;
/// readable only by granted staff), in a folder only the server's user can enter, as a
/// file only it can read. The file is sealed in the memory it was read into.
pub fn store(
    data_dir: &Path,
    sealer: &Sealer,
    testimony_id: &TestimonyId,
    attachment_id: &AttachmentId,
    mut file: super::FileBuf,
) -> std::io::Result<()> {
    let path = path(data_dir, testimony_id, attachment_id);
    if let Some(parent) = path.parent() {
        crate::files::create_private_dir(parent)?;
    }
    // Sealed where it lies: the file is never held twice.
    file.extend_zeroed(Sealer::sealed_len(0));
    sealer.seal_in_place(&mut file);
    crate::files::write_private(&path, &file)
}

/// Read an attachment back with the organisation key, in memory only.
pub fn load(
    data_dir: &Path,
    org: &OrgSecretKey,
    testimony_id: &TestimonyId,
    attachment_id: &AttachmentId,
) -> std::io::Result<Vec<u8>> {
    let sealed = std::fs::read(path(data_dir, testimony_id, attachment_id))?;
    org.open(&sealed)
        .map(|b| b.to_vec())
        .map_err(std::io::Error::other)
}

/// Remove all attachments of a testimony (after a failed save).
pub fn remove_all(data_dir: &Path, testimony_id: &TestimonyId) {
    let _ = std::fs::remove_dir_all(data_dir.join("attachments").join(testimony_id.as_str()));
}
