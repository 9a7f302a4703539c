//! The data folder is private: folders 0700 and files 0600, so that other accounts on the
//! machine can read neither the database, nor the keys, nor attachments, nor mail.

use std::io::Write as _;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};

/// From now on, files and folders this process creates are its user's only (umask 077):
/// this covers files written by libraries too (SQLite's journal, mail files).
pub fn restrict_new_files() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Create a folder (and its parents) readable only by this user.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir)?;
    set_mode(dir, 0o700)
}

/// Create (or empty) a file readable only by this user, open for writing.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let file = options.open(path)?;
    set_mode(path, 0o600)?;
    Ok(file)
}

/// Write a file readable only by this user, replacing any earlier one.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// Make a folder and everything in it private: folders 0700, files 0600. Run at start on
/// the data folder, so that files made by an older version are closed too.
pub fn secure_tree(dir: &Path) -> std::io::Result<()> {
    if !dir.exists() {
        return create_private_dir(dir);
    }
    set_mode(dir, 0o700)?;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let done = match entry.file_type() {
            Ok(kind) if kind.is_dir() => secure_tree(&entry.path()),
            Ok(kind) if kind.is_file() => set_mode(&entry.path(), 0o600),
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        };
        gone_is_fine(done)?;
    }
    Ok(())
}

/// A file removed between listing the folder and closing it (SQLite's journal and
/// shared-memory files go when another process closes the database) needs no closing.
fn gone_is_fine(done: std::io::Result<()>) -> std::io::Result<()> {
    match done {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Make a file private if it exists (SQLite's database, journal and shared-memory files).
pub fn secure_file(path: &Path) -> std::io::Result<()> {
    gone_is_fine(set_mode(path, 0o600))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_file_gone_while_closing_the_folder_is_no_error() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(gone_is_fine(Err(missing)).is_ok());
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(gone_is_fine(Err(denied)).is_err());
    }

    #[test]
    fn trees_become_private() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("f"), b"x").unwrap();
        std::fs::set_permissions(sub.join("f"), std::fs::Permissions::from_mode(0o644)).unwrap();
        secure_tree(dir.path()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sub.join("f")), 0o600);
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(dir.path()), 0o700);
        write_private(&dir.path().join("g"), b"y").unwrap();
        assert_eq!(mode(&dir.path().join("g")), 0o600);
    }
}
