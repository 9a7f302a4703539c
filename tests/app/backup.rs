//! Backup and restore: a SQLite backup taken while the app runs comes back whole into a
//! fresh folder, serves, and opens originals only with a granted password or the recovery
//! key; its bytes hold nothing a witness gave in clear. On PostgreSQL, `pg_dump` and
//! `pg_restore` bring the database back and the app reads it.

use std::path::Path;
use std::process::Command;

use diesel::prelude::*;
use indicatif::ProgressBar;
use peoples_upr::attachments::samples;
use peoples_upr::backup::{backup, restore};
use peoples_upr::config::Config;
use peoples_upr::db::{self, DatabaseUrl};
use peoples_upr::domain::account::Role;

use crate::helpers::{
    Backend, PASSWORD, TestApp, create_pg_database, get_with, postgres_admin_url, replace_db_name,
    submit_with,
};
use crate::testimony::{latest_testimony, open_hearing, submit_testimony, typical};

const BODY: &str = "Officers held Marisol Quintero Vega at the Sunland yard for eleven days.";
const NAME: &str = "Marisol Quintero Vega";
const EMAIL: &str = "marisol.private@example.org";

/// Give testimony with a sealed body, name, email and a photo; the confirmation goes out.
async fn populate(app: &TestApp) -> peoples_upr::db::testimony::Testimony {
    open_hearing(app, "kept");
    let mut fields = typical();
    for (k, v) in fields.iter_mut() {
        match *k {
            "body" => *v = BODY.into(),
            "name" => *v = NAME.into(),
            "email" => *v = EMAIL.into(),
            _ => {}
        }
    }
    let files = vec![("photo.png", samples::png_with_metadata())];
    let res = submit_testimony(&app.client, app, "kept", &fields, files).await;
    assert_eq!(res.status, 303, "{}", res.text());
    app.state.mailer.send_due().await.unwrap();
    latest_testimony(app)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Run one of PostgreSQL's tools; it must succeed.
fn pg_tool(name: &str, args: &[String]) {
    let out = Command::new(name).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Rows in each table of a SQLite file.
fn row_counts(file: &Path) -> Vec<(String, i64)> {
    let mut c = diesel::SqliteConnection::establish(&file.to_string_lossy()).unwrap();
    let tables: Vec<Named> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .load(&mut c)
    .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let counted: Counted =
                diesel::sql_query(format!("SELECT COUNT(*) AS n FROM \"{}\"", t.name))
                    .get_result(&mut c)
                    .unwrap();
            (t.name, counted.n)
        })
        .collect()
}

/// Every testimony row of a database, as text.
fn testimony_rows(url: &DatabaseUrl) -> Vec<String> {
    let pool = db::connect(url).unwrap();
    let mut conn = pool.get().unwrap();
    let mut rows: Vec<String> = db::schema::testimonies::table
        .select(db::testimony::Testimony::as_select())
        .load(&mut conn)
        .unwrap()
        .iter()
        .map(|t| format!("{t:?}"))
        .collect();
    rows.sort();
    rows
}

fn config_for(data_dir: &Path, database_url: Option<&str>, base: &str) -> Config {
    let mut values = std::collections::HashMap::new();
    values.insert("UPR_DATA_DIR".to_string(), data_dir.display().to_string());
    values.insert("UPR_WORKERS".into(), "1".into());
    values.insert("UPR_BASE_URL".into(), base.into());
    values.insert("UPR_PURGE_INTERVAL_MINUTES".into(), "0".into());
    if let Some(url) = database_url {
        values.insert("DATABASE_URL".into(), url.into());
    }
    Config::from_values(&values).unwrap()
}

async fn log_in(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = submit_with(
        &client,
        base,
        "/login",
        "/login",
        &[("email", email), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(page.status, 303, "{email} logs in: {}", page.text());
    client
}

#[actix_web::test]
async fn a_backup_comes_back_whole_and_opens_only_with_a_password_or_the_recovery_key() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let t = populate(&app).await;
    let granted = app.create_user("granted@example.org", Role::Editor);
    app.grant(&granted);
    app.create_user("later@example.org", Role::Editor);

    // Taken while the app runs, with its pool open.
    let out = tempfile::tempdir().unwrap();
    let archive = out.path().join("upr.backup");
    let written = backup(&app.state.config, &archive, false, &ProgressBar::hidden()).unwrap();
    assert!(written.database && written.data_key);
    assert_eq!((written.attachments, written.missing), (1, 0));
    let again = backup(&app.state.config, &archive, false, &ProgressBar::hidden()).unwrap_err();
    assert!(again.to_string().contains("--force"), "{again}");
    backup(&app.state.config, &archive, true, &ProgressBar::hidden()).unwrap();
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        1,
        "no temporary file is left beside the backup"
    );

    // The archive holds the database in readable form, but nothing the witness gave.
    let raw = std::fs::read(&archive).unwrap();
    assert!(
        contains(&raw, "CREATE TABLE"),
        "the database copy is stored as is"
    );
    for secret in [BODY, "eleven days", NAME, EMAIL, "555 0100"] {
        assert!(
            !contains(&raw, secret),
            "{secret} is readable in the backup"
        );
    }

    // Restored into an empty folder by the command; a non-empty one is refused.
    let fresh = tempfile::tempdir().unwrap();
    let data = fresh.path().join("data");
    let archive_arg = archive.to_string_lossy().to_string();
    let (ok, said) = crate::startup::run(&data, &["restore", &archive_arg], "");
    assert!(ok, "{said}");
    let (ok, said) = crate::startup::run(&data, &["restore", &archive_arg], "");
    assert!(!ok);
    assert!(said.contains("already exists"), "{said}");

    // The same rows in every table, the same testimony, the same sealed files.
    let live_file = app.data_dir.path().join("peoples-upr.sqlite3");
    let restored_file = data.join("peoples-upr.sqlite3");
    let live = row_counts(&live_file);
    assert!(live.iter().any(|(t, n)| t == "testimonies" && *n == 1));
    assert_eq!(live, row_counts(&restored_file));
    assert_eq!(
        testimony_rows(&DatabaseUrl::Sqlite(live_file)),
        testimony_rows(&DatabaseUrl::Sqlite(restored_file))
    );
    let files = |dir: &Path| {
        let rows = app.db(|c| db::testimony::attachments_of(c, t.id.as_str()).unwrap());
        rows.iter()
            .map(|a| {
                std::fs::read(peoples_upr::attachments::path(
                    dir,
                    &t.id,
                    &a.id.as_str().into(),
                ))
                .unwrap()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(files(app.data_dir.path()), files(&data));
    assert!(!data.join("session.key").exists(), "sessions do not travel");

    // The restored copy serves; the granted password opens the original.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let prepared = peoples_upr::startup::prepare(config_for(&data, None, &base)).unwrap();
    let server = peoples_upr::startup::run(listener, prepared).unwrap();
    actix_web::rt::spawn(server);
    let path = format!("/staff/testimony/{}", t.id);
    let client = log_in(&base, "granted@example.org").await;
    let page = get_with(&client, &format!("{base}{path}")).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains(BODY), "{}", page.text());

    // An account without the grant does not, until the recovery key gives it access.
    let later = log_in(&base, "later@example.org").await;
    assert!(
        !get_with(&later, &format!("{base}{path}"))
            .await
            .text()
            .contains(BODY)
    );
    let wrong = crate::startup::run(
        &data,
        &["originals", "recover", "--email", "later@example.org"],
        "ABCD",
    );
    assert!(!wrong.0);
    let (ok, said) = crate::startup::run(
        &data,
        &["originals", "recover", "--email", "later@example.org"],
        &app.recovery.display(),
    );
    assert!(ok, "{said}");
    let later = log_in(&base, "later@example.org").await;
    assert!(
        get_with(&later, &format!("{base}{path}"))
            .await
            .text()
            .contains(BODY)
    );
}

#[actix_web::test]
async fn pg_dump_and_pg_restore_bring_a_postgres_database_back() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    if Command::new("pg_dump").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true but pg_dump is not installed"
        );
        eprintln!("notice: pg_dump is not installed; skipping the PostgreSQL backup test");
        return;
    }
    let t = populate(&app).await;
    let out = tempfile::tempdir().unwrap();
    let archive = out.path().join("files.backup");
    let written = backup(&app.state.config, &archive, false, &ProgressBar::hidden()).unwrap();
    assert!(!written.database, "pg_dump copies a PostgreSQL database");
    assert!(written.data_key);
    assert_eq!(written.attachments, 1);

    let DatabaseUrl::Postgres(url) = &app.state.config.database_url else {
        panic!("a PostgreSQL run has a PostgreSQL URL");
    };
    let dump = out.path().join("upr.dump");
    pg_tool(
        "pg_dump",
        &[
            "--format=custom".into(),
            format!("--file={}", dump.display()),
            format!("--dbname={url}"),
        ],
    );
    let admin = postgres_admin_url().unwrap();
    let target = create_pg_database(&admin);
    let target_url = replace_db_name(&admin, &target.name);
    pg_tool(
        "pg_restore",
        &[
            "--no-owner".into(),
            format!("--dbname={target_url}"),
            dump.display().to_string(),
        ],
    );

    let fresh = tempfile::tempdir().unwrap();
    let data = fresh.path().join("data");
    let config = config_for(&data, Some(&target_url), "http://127.0.0.1:9");
    let files = restore(&config, &archive, &ProgressBar::hidden()).unwrap();
    assert!(!files.database && files.data_key);
    assert_eq!(files.attachments, 1);

    // The app starts on it and reads the same testimony, opened with the organisation key.
    let prepared = peoples_upr::startup::prepare(config.clone()).unwrap();
    assert_eq!(
        testimony_rows(&app.state.config.database_url),
        testimony_rows(&config.database_url)
    );
    let mut conn = prepared.state.pool.get().unwrap();
    let original =
        peoples_upr::service::testimony::open_original(&mut conn, &data, &app.org, &t.id).unwrap();
    assert_eq!(original.body.reveal(), BODY);
    assert_eq!(original.attachments.len(), 1);
    let bytes = |o: &peoples_upr::service::testimony::Original| {
        o.attachments
            .iter()
            .map(|(_, b)| b.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(bytes(&original), bytes(&app.original(&t.id)));
}
