//! The Argon2id cost of a staff key is stored beside it: keys wrapped before the cost was
//! stored read back at the cost they were made with (19 MiB, 2 passes), keys made now at
//! the current one, and a sign-in moves an earlier hash and key to the current cost
//! without ending the session or losing the grant.

use diesel::connection::SimpleConnection as _;
use peoples_upr::crypto::keys::StaffSecretKey;
use peoples_upr::db::keys::UserKeyRow;
use peoples_upr::db::{self, DatabaseUrl, DbConn};
use peoples_upr::domain::account::Role;
use peoples_upr::password::Cost;

use crate::helpers::{
    Backend, PASSWORD, TestApp, create_pg_database, postgres_admin_url, replace_db_name,
};

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

/// An account as an earlier version left it: password hash and key at 19 MiB, granted.
fn as_before(app: &TestApp, email: &str) -> String {
    use argon2::password_hash::{PasswordHasher as _, SaltString};
    use diesel::prelude::*;
    use peoples_upr::db::schema::users;
    let id = app.create_user(email, Role::Editor);
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let hash = Cost::EARLIER
        .argon2(None)
        .unwrap()
        .hash_password(PASSWORD.as_bytes(), &salt)
        .unwrap()
        .to_string();
    let (_, keys) = StaffSecretKey::create_at(PASSWORD, Cost::EARLIER).unwrap();
    app.db(|c| {
        diesel::update(users::table.find(&id))
            .set(users::password_hash.eq(&hash))
            .execute(c)
            .unwrap();
        let row = UserKeyRow {
            public_key: keys.public_key,
            wrapped_secret: keys.wrapped_secret,
            kdf_salt: keys.salt,
            kdf_memory_kib: 19 * 1024,
            kdf_passes: 2,
        };
        db::keys::put_user_key(c, &id, &row).unwrap();
    });
    app.grant(&id);
    id
}

async fn a_sign_in_moves_hash_and_key_to_the_current_cost(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let id = as_before(&app, "earlier@example.org");
    let hash_of = |app: &TestApp| {
        app.db(|c| db::users::find(c, &id).unwrap().unwrap())
            .password_hash
    };
    assert!(!peoples_upr::password::is_current(&hash_of(&app)));
    assert_eq!(app.db(|c| cost_of(c, &id)), Some(Cost::EARLIER));

    app.login("earlier@example.org").await;
    assert!(peoples_upr::password::is_current(&hash_of(&app)));
    assert_eq!(app.db(|c| cost_of(c, &id)), Some(Cost::CURRENT));
    // The session goes on, and the same password opens the same grant.
    assert_eq!(app.get("/staff/review").await.status, 200);
    let unlocked = app.db(|c| peoples_upr::service::keys::unlock(c, &id, PASSWORD).unwrap());
    assert!(unlocked.org.is_some() && unlocked.upgrade.is_none());
    let elsewhere = app.other_client();
    let again = app.login_with(&elsewhere, "earlier@example.org").await;
    assert_eq!(again.status, 303, "{}", again.text());
}

#[actix_web::test]
async fn a_sqlite_sign_in_moves_hash_and_key_to_the_current_cost() {
    a_sign_in_moves_hash_and_key_to_the_current_cost(Backend::Sqlite).await;
}

#[actix_web::test]
async fn a_postgres_sign_in_moves_hash_and_key_to_the_current_cost() {
    a_sign_in_moves_hash_and_key_to_the_current_cost(Backend::Postgres).await;
}
