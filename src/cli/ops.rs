//! Commands that keep the data safe over time: the retention purge, backup and restore.

use super::open_database;
use crate::config::Config;

pub(super) fn purge(config: &Config, dry_run: bool) -> anyhow::Result<()> {
    let mut conn = open_database(config)?;
    let found = if dry_run {
        crate::service::retention::due(&mut conn, config.retention_days)?
    } else {
        crate::service::retention::purge(&mut conn, &config.data_dir, config.retention_days)?
    };
    if found.is_empty() {
        println!(
            "Nothing to purge: no hearing past its retention holds contact details or attachments."
        );
        return Ok(());
    }
    let (contacts, files) = found
        .iter()
        .fold((0, 0), |(c, a), p| (c + p.contacts, a + p.attachments));
    for p in &found {
        println!("{:<40} {}", p.title, p.counts());
    }
    let total = crate::service::retention::describe(contacts, files);
    if dry_run {
        println!(
            "Would delete {total} from {} hearing(s). Nothing was deleted (--dry-run).",
            found.len()
        );
    } else {
        println!(
            "Deleted {total} from {} hearing(s); the audit trail has an entry for each.",
            found.len()
        );
    }
    Ok(())
}

/// A progress bar on standard error for copying bytes.
fn byte_bar(verb: &str) -> indicatif::ProgressBar {
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{verb} {{bytes}}/{{total_bytes}} {{wide_bar}} {{eta}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

pub(super) fn backup(config: &Config, file: &std::path::Path, force: bool) -> anyhow::Result<()> {
    let written = crate::backup::backup(config, file, force, &byte_bar("Backing up"))?;
    let mut held = Vec::new();
    if written.database {
        held.push("the database".to_string());
    }
    held.push(format!("{} sealed attachment(s)", written.attachments));
    if written.data_key {
        held.push("the data key file".into());
    }
    println!(
        "Wrote {} ({} bytes): {}.",
        file.display(),
        written.bytes,
        held.join(", ")
    );
    if written.missing > 0 {
        println!(
            "{} attachment(s) were erased while the backup ran and are not in it.",
            written.missing
        );
    }
    if !written.data_key {
        println!(
            "UPR_DATA_KEY is set, so the backup does not hold the data key: keep it with your secrets; a restore needs the same value for receipts to open their testimony."
        );
    }
    println!(
        "Originals are in it only sealed: after a restore, a granted staff password or the recovery key opens them. Keep the recovery key apart from the backup."
    );
    if !written.database {
        println!();
        println!(
            "The database is on PostgreSQL: back it up with pg_dump (the server may keep running):"
        );
        println!("    pg_dump --format=custom --file=peoples-upr.dump \"$DATABASE_URL\"");
        println!("and restore it into a new, empty database with:");
        println!("    createdb peoples_upr_restored");
        println!(
            "    pg_restore --no-owner --dbname=postgres://USER@HOST/peoples_upr_restored peoples-upr.dump"
        );
    }
    Ok(())
}

pub(super) fn restore(config: &Config, file: &std::path::Path) -> anyhow::Result<()> {
    let restored = crate::backup::restore(config, file, &byte_bar("Restoring"))?;
    println!(
        "Restored {}{} attachment(s){} into {}.",
        if restored.database {
            "the database, "
        } else {
            ""
        },
        restored.attachments,
        if restored.data_key {
            " and the data key file"
        } else {
            ""
        },
        config.data_dir.display()
    );
    if !restored.database {
        println!(
            "Restore the PostgreSQL database with pg_restore into the database DATABASE_URL names:"
        );
        println!("    pg_restore --no-owner --dbname=\"$DATABASE_URL\" peoples-upr.dump");
    }
    println!(
        "Start the server with `peoples-upr serve`. Everyone logs in again: sessions do not travel with a backup."
    );
    Ok(())
}
