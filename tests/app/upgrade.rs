//! Upgrading a database made before sealed originals: clear text and values under the old
//! data key are sealed on the first start, the clear copies go, and the recovery key
//! printed then opens them.

use std::collections::HashMap;

use diesel::connection::SimpleConnection as _;
use diesel::prelude::*;
use peoples_upr::config::Config;
use peoples_upr::crypto::DataKeys;
use peoples_upr::crypto::keys::OrgSecretKey;
use peoples_upr::db::{self, DbConn};
use peoples_upr::domain::ids::{AttachmentId, TestimonyId};

use crate::helpers::{PgDatabase, create_pg_database, postgres_admin_url, replace_db_name};

const BODY: &str = "Detained at 1200 Calle Luna, A-123-456-789, by officer Smith.";

fn config(dir: &std::path::Path, database_url: Option<String>) -> Config {
    let mut values: HashMap<String, String> = HashMap::new();
    values.insert("UPR_DATA_DIR".into(), dir.display().to_string());
    if let Some(url) = database_url {
        values.insert("DATABASE_URL".into(), url);
    }
    Config::from_values(&values).unwrap()
}

/// An older database: migrations up to the testimony tables only, one account, and one
/// testimony with its text in clear and its name, terms and attachment under the data key.
fn older_database(conn: &mut DbConn, keys: &DataKeys, dir: &std::path::Path) {
    db::migrate_before(conn, "2026-11-24-000004").unwrap();
    let binary = |b: &[u8]| match conn {
        DbConn::Sqlite(_) => format!("X'{}'", hex::encode(b)),
        DbConn::Pg(_) => format!("'\\x{}'::bytea", hex::encode(b)),
    };
    let name = binary(&keys.seal_str("Rosa Martínez"));
    let terms = binary(&keys.seal_str("Calle Luna"));
    conn.batch_execute(&format!(
        "INSERT INTO users (id, email, display_name, role, password_hash, disabled, session_version, created_at, updated_at)
           VALUES ('u1', 'old@example.org', 'Old Admin', 'admin', 'x', FALSE, 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
         INSERT INTO hearings (id, slug, title, summary, city, state, online, starts_on, languages, opens_at, closes_at, status, created_at, updated_at)
           VALUES ('h1', 'old', 'Old hearing', 's', 'El Paso', 'Texas', FALSE, '2026-11-01', 'en', '2026-11-01 00:00:00', '2026-12-01 00:00:00', 'open', '2026-11-01 00:00:00', '2026-11-01 00:00:00');
         INSERT INTO consent_texts (id, hearing_id, version, body, created_at) VALUES ('c1', 'h1', 1, 'text', '2026-11-01 00:00:00');
         INSERT INTO testimonies (id, hearing_id, receipt_hash, status, body, language, witness_role, place_state, place_city, period_from, witness_name, intake, submitted_at, updated_at, withdrawn_at)
           VALUES ('t1', 'h1', 'rh', 'withdrawn', '{BODY}', 'en', 'other', 'Texas', 'Sunland Park', '2025-01', {name}, 'online', '2026-11-02 00:00:00', '2026-11-02 00:00:00', '2026-11-03 00:00:00');
         INSERT INTO consent_records (id, testimony_id, seq, scopes, consent_text_id, method, recorded_at)
           VALUES ('r1', 't1', 1, 'publish,quote', 'c1', 'online', '2026-11-02 00:00:00');
         INSERT INTO redaction_requests (testimony_id, redact_name, redact_places, redact_other_names, redact_dates, terms, updated_at)
           VALUES ('t1', TRUE, TRUE, FALSE, FALSE, {terms}, '2026-11-02 00:00:00');
         INSERT INTO testimony_additions (id, testimony_id, body, created_at) VALUES ('a1', 't1', 'Added later: Sunland Park.', '2026-11-02 00:00:00');
         INSERT INTO attachments (id, testimony_id, content_type, size_bytes, sha256, created_at)
           VALUES ('f1', 't1', 'application/pdf', 5, 'abc', '2026-11-02 00:00:00');"
    ))
    .unwrap();
    let path =
        peoples_upr::attachments::path(dir, &TestimonyId::from("t1"), &AttachmentId::from("f1"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, keys.seal(b"%PDF-photo-of-Calle-Luna")).unwrap();
}

fn upgrade_seals_everything(database_url: Option<String>, _guard: Option<PgDatabase>) {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path(), database_url);
    let keys = peoples_upr::startup::data_keys(&config).unwrap();
    let pool = db::connect(&config.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    older_database(&mut conn, &keys, dir.path());

    let (applied, recovery) = peoples_upr::startup::migrate(&mut conn, &config, &keys).unwrap();
    assert!(applied.iter().any(|m| m.contains("drop_clear_text")));
    let recovery = recovery.expect("accounts but no organisation key: one is made, shown once");
    let org = peoples_upr::service::keys::recover(&mut conn, &recovery).unwrap();
    open_everything(&mut conn, &org, dir.path());

    // Running again changes nothing and makes no second key.
    let (again, none) = peoples_upr::startup::migrate(&mut conn, &config, &keys).unwrap();
    assert!(again.is_empty() && none.is_none());

    if let DbConn::Sqlite(_) = &*conn {
        drop(conn);
        drop(pool);
        let mut raw = Vec::new();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                raw.extend(std::fs::read(path).unwrap());
            }
        }
        let text = String::from_utf8_lossy(&raw);
        for secret in [
            "Calle Luna",
            "A-123-456-789",
            "officer Smith",
            "Sunland Park",
        ] {
            assert!(
                !text.contains(secret),
                "{secret} is still in the database files"
            );
        }
    }
}

fn open_everything(conn: &mut DbConn, org: &OrgSecretKey, dir: &std::path::Path) {
    let id = TestimonyId::from("t1");
    let original = peoples_upr::service::testimony::open_original(conn, dir, org, &id).unwrap();
    assert_eq!(original.body.reveal(), BODY);
    assert_eq!(original.name.as_deref(), Some("Rosa Martínez"));
    assert_eq!(original.terms, vec!["Calle Luna"]);
    assert_eq!(original.city.as_deref(), Some("Sunland Park"));
    assert_eq!(original.additions[0].reveal(), "Added later: Sunland Park.");
    assert_eq!(original.attachments[0].1, b"%PDF-photo-of-Calle-Luna");
    let t = db::testimony::find(conn, "t1").unwrap().unwrap();
    assert_eq!(
        t.place_city, "",
        "the city the witness asked to redact is sealed"
    );
    assert!(t.is_withdrawn(), "withdrawal is kept, as a time");
    let consent = db::testimony::current_consent(conn, "t1").unwrap();
    assert!(
        consent
            .chosen()
            .contains(peoples_upr::domain::consent::ConsentScope::QuoteVerbatim)
    );
    let raw = std::fs::read(peoples_upr::attachments::path(
        dir,
        &id,
        &AttachmentId::from("f1"),
    ))
    .unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("Calle"));
    // The upgrade emptied the clear columns before dropping them.
    let left: i64 = peoples_upr::db::schema::testimonies::table
        .filter(peoples_upr::db::schema::testimonies::sealed_body.is_null())
        .count()
        .get_result(conn)
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn an_older_sqlite_database_is_sealed_on_upgrade() {
    upgrade_seals_everything(None, None);
}

#[test]
fn an_older_postgres_database_is_sealed_on_upgrade() {
    let Some(admin) = postgres_admin_url() else {
        return;
    };
    let guard = create_pg_database(&admin);
    let url = replace_db_name(&admin, &guard.name);
    upgrade_seals_everything(Some(url), Some(guard));
}

/// A database already past the sealing step takes later migrations without running it.
#[test]
fn a_sealed_database_takes_later_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path(), None);
    let keys = peoples_upr::startup::data_keys(&config).unwrap();
    let pool = db::connect(&config.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    let first = db::migrate_before(&mut conn, "2026-11-25").unwrap();
    assert!(first.iter().any(|m| m.contains("drop_clear_text")));
    let (later, recovery) = peoples_upr::startup::migrate(&mut conn, &config, &keys).unwrap();
    assert!(!later.is_empty(), "there are later migrations to apply");
    assert!(recovery.is_none());
}
