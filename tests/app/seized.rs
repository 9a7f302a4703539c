//! A seized server reveals no testimony: after a witness gave testimony (with identifying
//! words in the text, their name and contacts, and photos and a PDF full of metadata), a
//! copy of the data folder (and on PostgreSQL a `pg_dump`) holds none of it.

use peoples_upr::attachments::samples;
use peoples_upr::db::DatabaseUrl;

use crate::both_databases;
use crate::helpers::{Backend, TestApp};
use crate::testimony::{latest_testimony, open_hearing, submit_testimony, take_receipt, typical};

both_databases!(a_copy_of_the_data_holds_nothing_a_witness_gave);

/// What the witness wrote or gave that must never be readable at rest.
const SECRETS: &[&str] = &[
    "A-123-456-789",
    "1420 Calle Esperanza",
    "Juan Pérez Gómez",
    "Rosa Martínez",
    "rosa.secret@example.org",
    "+1 915 555 0142",
    "Apartment 4B at Sunland",
    "Tío Beto",
];

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn all_bytes(dir: &std::path::Path, into: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_bytes(&path, into);
        } else {
            into.extend(std::fs::read(&path).unwrap());
        }
    }
}

/// Every way a string could sit in the bytes: as text, and hex-encoded (a `pg_dump` of
/// binary columns).
fn found(haystack: &[u8], needle: &str) -> bool {
    let text = String::from_utf8_lossy(haystack);
    let hex = hex::encode(needle.as_bytes());
    text.contains(needle) || text.contains(&hex) || text.contains(&hex.to_uppercase())
}

async fn a_copy_of_the_data_holds_nothing_a_witness_gave(app: TestApp) {
    open_hearing(&app, "seized");
    let mut fields = typical();
    for (k, v) in fields.iter_mut() {
        match *k {
            "body" => {
                *v = "Officers took Juan Pérez Gómez from 1420 Calle Esperanza. His number is A-123-456-789.".into()
            }
            "name" => *v = "Rosa Martínez".into(),
            "email" => *v = "rosa.secret@example.org".into(),
            "phone" => *v = "+1 915 555 0142".into(),
            _ => {}
        }
    }
    let files = vec![
        ("photo.jpg", samples::jpeg_with_everything()),
        ("gps.jpg", samples::jpeg_with_gps()),
        ("scan.png", samples::png_with_metadata()),
        ("letter.pdf", samples::pdf_with_author()),
    ];
    let res = submit_testimony(&app.client, &app, "seized", &fields, files).await;
    assert_eq!(res.status, 303, "{}", res.text());
    let code = take_receipt(&app.client, &app, &res).await;
    let added =
        crate::witness::witness_adds(&app, &code, "We lived in Apartment 4B at Sunland.").await;
    assert_eq!(added.status, 303);
    // The confirmation email goes out, and its outbox row is emptied.
    app.state.mailer.send_due().await.unwrap();

    // Granted staff still read all of it, and the files carry no metadata.
    let t = latest_testimony(&app);
    let original = app.original(&t.id);
    assert!(original.body.reveal().contains("A-123-456-789"));
    assert_eq!(original.phone.as_deref(), Some("+1 915 555 0142"));
    assert_eq!(original.attachments.len(), 4);
    for (_, bytes) in &original.attachments {
        for planted in samples::PLANTED {
            assert!(!found(bytes, planted), "{planted} survived cleaning");
        }
    }

    // The seized copy.
    let copy = tempfile::tempdir().unwrap();
    copy_tree(app.data_dir.path(), copy.path());
    let mut seized = Vec::new();
    all_bytes(copy.path(), &mut seized);
    if app.backend == Backend::Postgres {
        let DatabaseUrl::Postgres(url) = &app.state.config.database_url else {
            panic!("a PostgreSQL run has a PostgreSQL URL");
        };
        let dump = std::process::Command::new("pg_dump")
            .arg(format!("--dbname={url}"))
            .output()
            .expect("pg_dump runs");
        assert!(
            dump.status.success(),
            "{}",
            String::from_utf8_lossy(&dump.stderr)
        );
        assert!(String::from_utf8_lossy(&dump.stdout).contains("CREATE TABLE public.testimonies"));
        seized.extend(dump.stdout);
    } else {
        assert!(
            copy.path().join("peoples-upr.sqlite3").exists(),
            "the copy holds the database"
        );
    }
    for secret in SECRETS
        .iter()
        .chain(samples::PLANTED)
        .chain(&[samples::GPS])
    {
        assert!(!found(&seized, secret), "{secret} is readable in the copy");
    }
    assert!(app.data_dir.path().join("data.key").exists());
    assert!(
        app.mail_dir.read_dir().unwrap().next().is_some(),
        "mail was written"
    );
    assert_private(app.data_dir.path());
}

/// Folders 0700 and files 0600, all the way down: no other account on the machine reads
/// the database, keys, attachments or mail.
fn assert_private(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(dir), 0o700, "{}", dir.display());
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            assert_private(&path);
        } else {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
}
