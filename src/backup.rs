//! Backup and restore: one archive file (a zip, stored uncompressed) holding a consistent
//! copy of the SQLite database, the sealed attachment files, and the server's data key
//! file. Originals are in it only sealed: after a restore, a granted staff password or the
//! recovery key opens them, and nothing in the archive does. A PostgreSQL database is
//! copied with `pg_dump` instead; the archive then holds the data folder's files only.

use std::fs::File;
use std::io::{BufWriter, Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use diesel::Connection as _;
use indicatif::ProgressBar;
use zip::write::SimpleFileOptions;

use crate::config::Config;
use crate::db::{self, DatabaseUrl};

/// The archive's description of itself.
const MANIFEST: &str = "peoples-upr-backup.json";
/// The SQLite database copy in the archive.
const DATABASE: &str = "database.sqlite3";
/// The server's data key file, in the archive and in the data folder.
const DATA_KEY: &str = "data.key";
/// The archive layout this version writes and reads.
const FORMAT: u32 = 1;

/// What an archive says about itself.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Manifest {
    format: u32,
    /// `sqlite` (the database is in the archive) or `postgres` (it is not).
    database: String,
    created_at: String,
    attachments: usize,
    data_key: bool,
}

/// What a backup wrote.
#[derive(Debug)]
pub struct Written {
    /// Whether the database is in the archive (SQLite); on PostgreSQL it is not.
    pub database: bool,
    pub attachments: usize,
    /// Whether the data key file is in the archive (not when `UPR_DATA_KEY` is set).
    pub data_key: bool,
    /// Attachment rows whose file had gone (erased during the backup).
    pub missing: usize,
    pub bytes: u64,
}

/// Removes temporary files when a backup or restore stops half-way.
struct Leftovers(Vec<PathBuf>);

impl Drop for Leftovers {
    fn drop(&mut self) {
        for path in &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A name is an id as the application makes them (letters, digits, dashes).
fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The attachment files under the data folder: (testimony id, attachment id).
fn attachments_on_disk(data_dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let root = data_dir.join("attachments");
    let mut out = Vec::new();
    if !root.exists() {
        return Ok(out);
    }
    for folder in std::fs::read_dir(&root)? {
        let folder = folder?;
        let testimony = folder.file_name().to_string_lossy().to_string();
        if !folder.file_type()?.is_dir() || !is_id(&testimony) {
            continue;
        }
        for file in std::fs::read_dir(folder.path())? {
            let name = file?.file_name().to_string_lossy().to_string();
            if let Some(id) = name.strip_suffix(".bin").filter(|id| is_id(id)) {
                out.push((testimony.clone(), id.to_string()));
            }
        }
    }
    Ok(out)
}

/// Write a backup of the running (or stopped) application to `target`, refusing to
/// replace an existing file unless `force`. SQLite: `VACUUM INTO` a temporary file beside
/// the target (a consistent copy while the server keeps writing), then the attachments
/// that copy refers to and the data key file, all into a temporary archive that is
/// renamed to `target` once complete. PostgreSQL: the same without the database.
pub fn backup(
    config: &Config,
    target: &Path,
    force: bool,
    bar: &ProgressBar,
) -> anyhow::Result<Written> {
    if target.exists() && !force {
        bail!(
            "{} already exists; choose another name, or add --force to replace it",
            target.display()
        );
    }
    crate::files::restrict_new_files();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .context("the backup needs a file name")?;
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stamp = uuid::Uuid::new_v4().simple().to_string();
    let partial = folder.join(format!(".{name}.{stamp}.partial"));
    let snapshot = folder.join(format!(".{name}.{stamp}.sqlite3"));
    let _leftovers = Leftovers(vec![partial.clone(), snapshot.clone()]);

    let (database, rows) = match &config.database_url {
        DatabaseUrl::Sqlite(path) => {
            if !path.exists() {
                bail!("there is no database at {} to back up", path.display());
            }
            let mut conn = db::connect_one(&config.database_url)?;
            db::backup::sqlite_copy(&mut conn, &snapshot)
                .context("the database could not be copied")?;
            let mut copy = db::DbConn::Sqlite(diesel::SqliteConnection::establish(
                &snapshot.to_string_lossy(),
            )?);
            (
                Some(snapshot.clone()),
                db::backup::attachment_files(&mut copy)?,
            )
        }
        DatabaseUrl::Postgres(_) => (None, attachments_on_disk(&config.data_dir)?),
    };
    let mut files = Vec::new();
    let mut missing = 0;
    for (testimony, attachment) in rows {
        let path = crate::attachments::path(
            &config.data_dir,
            &testimony.as_str().into(),
            &attachment.as_str().into(),
        );
        match std::fs::metadata(&path) {
            Ok(meta) => files.push((
                format!("attachments/{testimony}/{attachment}.bin"),
                path,
                meta.len(),
            )),
            Err(_) => missing += 1,
        }
    }
    let key_file = config.data_dir.join(DATA_KEY);
    let data_key = config.data_key.is_none() && key_file.exists();
    if data_key {
        files.push((DATA_KEY.to_string(), key_file, 0));
    }
    if let Some(copy) = &database {
        files.push((
            DATABASE.to_string(),
            copy.clone(),
            std::fs::metadata(copy)?.len(),
        ));
    }
    bar.set_length(files.iter().map(|f| f.2).sum());

    let manifest = Manifest {
        format: FORMAT,
        database: if database.is_some() {
            "sqlite"
        } else {
            "postgres"
        }
        .into(),
        created_at: chrono::Utc::now().to_rfc3339(),
        attachments: files
            .iter()
            .filter(|f| f.0.starts_with("attachments/"))
            .count(),
        data_key,
    };
    let mut zip = zip::ZipWriter::new(BufWriter::new(crate::files::create_private(&partial)?));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .unix_permissions(0o600);
    zip.start_file(MANIFEST, options)?;
    zip.write_all(&serde_json::to_vec_pretty(&manifest)?)?;
    for (entry, path, size) in &files {
        zip.start_file(
            entry.as_str(),
            options.large_file(*size >= u64::from(u32::MAX)),
        )?;
        let mut source = bar.wrap_read(File::open(path)?);
        std::io::copy(&mut source, &mut zip)?;
    }
    let file = zip
        .finish()?
        .into_inner()
        .map_err(|e| anyhow::anyhow!("the backup could not be written: {}", e.error()))?;
    file.sync_all()?;
    let bytes = file.metadata()?.len();
    drop(file);
    std::fs::rename(&partial, target)
        .with_context(|| format!("the backup could not be named {}", target.display()))?;
    bar.finish_and_clear();
    Ok(Written {
        database: database.is_some(),
        attachments: manifest.attachments,
        data_key,
        missing,
        bytes,
    })
}

/// What a restore brought back.
#[derive(Debug)]
pub struct Restored {
    /// Whether the archive held the database (SQLite); from PostgreSQL it does not.
    pub database: bool,
    pub attachments: usize,
    pub data_key: bool,
}

/// Whether a folder is absent or has nothing in it.
fn is_empty_dir(dir: &Path) -> anyhow::Result<bool> {
    Ok(!dir.exists() || std::fs::read_dir(dir)?.next().is_none())
}

/// Where an archive entry goes, or `None` for an entry this version does not know.
fn destination(entry: &str, data_dir: &Path, database: Option<&Path>) -> Option<PathBuf> {
    match entry {
        DATABASE => database.map(|d| d.to_path_buf()),
        DATA_KEY => Some(data_dir.join(DATA_KEY)),
        _ => {
            let rest = entry.strip_prefix("attachments/")?;
            let (testimony, file) = rest.split_once('/')?;
            let id = file.strip_suffix(".bin")?;
            (is_id(testimony) && is_id(id))
                .then(|| data_dir.join("attachments").join(testimony).join(file))
        }
    }
}

/// Bring a backup back into an empty data folder (and, for SQLite, a database file that
/// does not exist yet). The files are written private, as the server writes them.
pub fn restore(config: &Config, archive: &Path, bar: &ProgressBar) -> anyhow::Result<Restored> {
    crate::files::restrict_new_files();
    let mut zip = zip::ZipArchive::new(
        File::open(archive).with_context(|| format!("cannot open {}", archive.display()))?,
    )
    .context("this file is not a People's UPR backup")?;
    let manifest: Manifest = {
        let mut text = String::new();
        zip.by_name(MANIFEST)
            .context("this file is not a People's UPR backup")?
            .read_to_string(&mut text)?;
        serde_json::from_str(&text).context("this backup's description cannot be read")?
    };
    if manifest.format != FORMAT {
        bail!(
            "this backup was written by another version of People's UPR (format {})",
            manifest.format
        );
    }
    let database = match (&config.database_url, manifest.database.as_str()) {
        (DatabaseUrl::Sqlite(path), "sqlite") => {
            if path.exists() {
                bail!(
                    "the database {} already exists: restore only into a new database",
                    path.display()
                );
            }
            Some(path.clone())
        }
        (DatabaseUrl::Postgres(_), "sqlite") => bail!(
            "this backup holds a SQLite database, but DATABASE_URL names PostgreSQL: set DATABASE_URL to a SQLite file to restore it"
        ),
        (_, "postgres") => None,
        (_, other) => bail!("this backup names an unknown database `{other}`"),
    };
    if !is_empty_dir(&config.data_dir)? {
        bail!(
            "the data folder {} is not empty: restore only into an empty folder (set UPR_DATA_DIR to a new one)",
            config.data_dir.display()
        );
    }
    crate::files::create_private_dir(&config.data_dir)?;
    let mut written = Leftovers(Vec::new());
    bar.set_length(
        (0..zip.len())
            .filter_map(|i| zip.by_index(i).ok().map(|f| f.size()))
            .sum(),
    );
    let mut restored = Restored {
        database: false,
        attachments: 0,
        data_key: false,
    };
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let name = entry.name().to_string();
        if name == MANIFEST {
            continue;
        }
        let Some(path) = destination(&name, &config.data_dir, database.as_deref()) else {
            bail!("this backup holds an entry this version does not know: {name}");
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::files::create_private_dir(parent)?;
        }
        let mut file = crate::files::create_private(&path)?;
        written.0.push(path);
        std::io::copy(&mut bar.wrap_read(&mut entry), &mut file)?;
        file.sync_all()?;
        match name.as_str() {
            DATABASE => restored.database = true,
            DATA_KEY => restored.data_key = true,
            _ => restored.attachments += 1,
        }
    }
    if database.is_some() && !restored.database {
        bail!("this backup does not hold its database");
    }
    // Complete: nothing to remove.
    written.0.clear();
    bar.finish_and_clear();
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_go_only_where_the_server_keeps_them() {
        let data = Path::new("/d");
        let db = Path::new("/d/x.sqlite3");
        assert_eq!(
            destination(DATABASE, data, Some(db)),
            Some(db.to_path_buf())
        );
        assert_eq!(destination(DATABASE, data, None), None);
        assert_eq!(
            destination(DATA_KEY, data, None),
            Some(data.join("data.key"))
        );
        assert_eq!(
            destination("attachments/ab-1/cd-2.bin", data, None),
            Some(data.join("attachments/ab-1/cd-2.bin"))
        );
        assert_eq!(destination("attachments/../x.bin", data, None), None);
        assert_eq!(destination("attachments/a/../../etc.bin", data, None), None);
        assert_eq!(destination("session.key", data, None), None);
    }
}
