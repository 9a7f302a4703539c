//! The Argon2id cost of a staff key is stored beside it: keys wrapped before the cost was
//! stored read back at the cost they were made with (19 MiB, 2 passes), keys made now at
//! the current one, and a person whose key is either kind signs in and opens originals.

use diesel::connection::SimpleConnection as _;
use peoples_upr::db::{self, DatabaseUrl, DbConn};
use peoples_upr::domain::account::Role;
use peoples_upr::password::Cost;

use crate::helpers::{Backend, TestApp, create_pg_database, postgres_admin_url, replace_db_name};

fn cost_of(conn: &mut DbConn, user_id: &str) -> Option<Cost> {
    let row = db::keys::user_key(conn, user_id).unwrap().unwrap();
    Cost::stored(row.kdf_memory_kib, row.kdf_passes)
}

fn a_key_from_before_keeps_its_cost(url: &DatabaseUrl) {
    let pool = db::connect(url).unwrap();
    let mut conn = pool.get().unwrap();
    db::migrate_before(&mut conn, "2026-12-06-000018").unwrap();
    let bytes = match &*conn {
        DbConn::Sqlite(_) => "X'0102'",
        DbConn::Pg(_) => "'\\x0102'::bytea",
    };
    conn.batch_execute(&format!(
        "INSERT INTO users (id, email, display_name, role, password_hash, disabled, session_version, created_at, updated_at)
           VALUES ('u1', 'old@example.org', 'Old Editor', 'editor', 'x', FALSE, 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
         INSERT INTO user_keys (user_id, public_key, wrapped_secret, kdf_salt, created_at)
           VALUES ('u1', {bytes}, {bytes}, {bytes}, '2026-11-01 00:00:00');"
    ))
    .unwrap();
    let applied = db::migrate(&mut conn, |_| Ok(())).unwrap();
    assert!(
        applied.iter().any(|m| m.contains("kdf_cost")),
        "{applied:?}"
    );
    assert_eq!(cost_of(&mut conn, "u1"), Some(Cost::EARLIER));
}

#[test]
fn a_sqlite_staff_key_from_before_keeps_its_cost() {
    let dir = tempfile::tempdir().unwrap();
    a_key_from_before_keeps_its_cost(&DatabaseUrl::Sqlite(dir.path().join("old.db")));
}

#[test]
fn a_postgres_staff_key_from_before_keeps_its_cost() {
    let Some(admin) = postgres_admin_url() else {
        return;
    };
    let guard = create_pg_database(&admin);
    let url = replace_db_name(&admin, &guard.name);
    a_key_from_before_keeps_its_cost(&DatabaseUrl::Postgres(url));
}

#[actix_web::test]
async fn a_key_made_now_is_stored_at_the_current_cost() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let id = app.create_user("new@example.org", Role::Editor);
    assert_eq!(app.db(|c| cost_of(c, &id)), Some(Cost::CURRENT));
}
