//! Access to originals: who can open what witnesses gave, and how access is granted,
//! kept, lost and recovered.

use peoples_upr::domain::account::{Email, NewPassword, Role};
use peoples_upr::domain::ids::TestimonyId;
use peoples_upr::service::{self, accounts, accounts::LoginOutcome};

use crate::both_databases;
use crate::helpers::{PASSWORD, TestApp};

both_databases!(
    a_granted_editor_opens_originals_and_an_ungranted_one_cannot,
    a_password_change_keeps_the_grant_and_a_reset_loses_it,
    the_recovery_key_restores_access,
    admins_grant_and_revoke_access_from_the_accounts_page,
    the_key_lives_in_the_session_and_dies_with_it,
);

/// The organisation key a session holds, read the way the server reads it: the row found
/// and opened with the cookie.
async fn key_in_session(
    app: &TestApp,
    cookie: &str,
) -> Option<peoples_upr::crypto::keys::OrgSecretKey> {
    use actix_session::storage::{SessionKey, SessionStore as _};
    use actix_web::cookie::{Cookie, CookieJar, Key};
    use base64::Engine as _;
    // The cookie carries the session's id and secret, encrypted under the server's cookie key.
    let key = std::fs::read(app.data_dir.path().join("session.key")).unwrap();
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::parse_encoded(format!("upr_session={cookie}")).unwrap());
    let inner = jar
        .private(&Key::from(&key[..64]))
        .get("upr_session")?
        .value()
        .to_string();
    let store = peoples_upr::web::session_store::DbSessionStore::new(app.pool.clone());
    let state = store
        .load(&SessionKey::try_from(inner).unwrap())
        .await
        .unwrap()?;
    let b64: String = serde_json::from_str(state.get("originals")?).unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    Some(peoples_upr::crypto::keys::OrgSecretKey::from_bytes(&bytes).unwrap())
}

async fn the_key_lives_in_the_session_and_dies_with_it(app: TestApp) {
    let id = a_testimony(&app).await;
    let granted = app.create_user("granted@example.org", Role::Editor);
    app.grant(&granted);
    app.create_user("plain@example.org", Role::Editor);

    let editor = app.other_client();
    let login = app.login_with(&editor, "granted@example.org").await;
    assert_eq!(login.status, 303);
    let cookie = login.cookie_value("upr_session").expect("a session cookie");
    let key = key_in_session(&app, &cookie)
        .await
        .expect("the granted session holds the key");
    assert!(
        open(&app, &key, &id)
            .unwrap()
            .body
            .reveal()
            .contains("nine days")
    );

    // At rest the key is sealed under the cookie's secret: the rows do not show it.
    let rows: Vec<Vec<u8>> = app.db(|c| {
        use diesel::prelude::*;
        peoples_upr::db::schema::sessions::table
            .select(peoples_upr::db::schema::sessions::state)
            .load(c)
            .unwrap()
    });
    let raw = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(*key.to_bytes())
    };
    assert!(
        rows.iter()
            .all(|r| !String::from_utf8_lossy(r).contains(&raw))
    );

    // An ungranted editor's session holds no key.
    let plain = app.other_client();
    let login = app.login_with(&plain, "plain@example.org").await;
    let plain_cookie = login.cookie_value("upr_session").unwrap();
    assert!(key_in_session(&app, &plain_cookie).await.is_none());

    // Logout destroys it: the replayed cookie opens nothing and gets the login page.
    let out = crate::helpers::submit_with(&editor, &app.base, "/staff", "/logout", &[]).await;
    assert_eq!(out.status, 303);
    assert!(key_in_session(&app, &cookie).await.is_none());
    let replayed = app.get_with_cookie("/staff", "upr_session", &cookie).await;
    assert_eq!(replayed.status, 303);
    assert!(replayed.location().unwrap().starts_with("/login"));
}

/// A testimony given through the public form; returns its id.
async fn a_testimony(app: &TestApp) -> TestimonyId {
    crate::testimony::open_hearing(app, "sealed");
    let res = crate::testimony::submit_testimony(
        &app.client,
        app,
        "sealed",
        &crate::testimony::typical(),
        vec![],
    )
    .await;
    crate::testimony::take_receipt(&app.client, app, &res).await;
    crate::testimony::latest_testimony(app).id
}

async fn login(app: &TestApp, email: &str, password: &str) -> LoginOutcome {
    let email = Email::parse(email).unwrap();
    accounts::login(&app.state, &email, password, "", "192.0.2.1")
        .await
        .unwrap()
}

/// The organisation key a login unwraps, if any.
async fn originals_at_login(
    app: &TestApp,
    email: &str,
    password: &str,
) -> Option<peoples_upr::crypto::keys::OrgSecretKey> {
    match login(app, email, password).await {
        LoginOutcome::LoggedIn { originals, .. } => originals,
        _ => panic!("{email} could not log in"),
    }
}

fn open(
    app: &TestApp,
    key: &peoples_upr::crypto::keys::OrgSecretKey,
    id: &TestimonyId,
) -> Result<service::testimony::Original, service::ServiceError> {
    app.db(|c| service::testimony::open_original(c, app.data_dir.path(), key, id))
}

async fn a_granted_editor_opens_originals_and_an_ungranted_one_cannot(app: TestApp) {
    let id = a_testimony(&app).await;
    let granted = app.create_user("granted@example.org", Role::Editor);
    app.grant(&granted);
    app.create_user("plain@example.org", Role::Editor);

    let key = originals_at_login(&app, "granted@example.org", PASSWORD)
        .await
        .expect("a granted account unwraps the organisation key at login");
    let original = open(&app, &key, &id).unwrap();
    assert!(original.body.reveal().contains("nine days"));
    assert_eq!(original.name.as_deref(), Some("Rosa Martínez"));
    assert_eq!(original.email.as_deref(), Some("rosa@example.org"));

    assert!(
        originals_at_login(&app, "plain@example.org", PASSWORD)
            .await
            .is_none(),
        "an ungranted account gets no key"
    );
    // No other key opens an original.
    let stranger = peoples_upr::crypto::keys::OrgSecretKey::generate();
    assert!(matches!(
        open(&app, &stranger, &id),
        Err(service::ServiceError::Sealed(_))
    ));
    // A wrong password unwraps nothing.
    assert!(matches!(
        login(&app, "granted@example.org", "not the password at all").await,
        LoginOutcome::Refused
    ));
}

async fn a_password_change_keeps_the_grant_and_a_reset_loses_it(app: TestApp) {
    let id = a_testimony(&app).await;
    let user = app.create_user("ed@example.org", Role::Editor);
    app.grant(&user);

    let new = NewPassword::parse(
        "a new and longer passphrase",
        "a new and longer passphrase",
        None,
    )
    .unwrap();
    let changed = app
        .db(|c| accounts::change_password(c, &user, PASSWORD, &new))
        .unwrap();
    assert!(changed.is_some());
    let key = originals_at_login(&app, "ed@example.org", "a new and longer passphrase")
        .await
        .expect("the grant survives a password change");
    assert!(open(&app, &key, &id).is_ok());

    // A reset: the reset page says the grant ends, and it does.
    let ask = app
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "ed@example.org")],
        )
        .await;
    assert_eq!(ask.status, 200);
    let mail = app.wait_for_mail("ed@example.org").await;
    let link = crate::helpers::link_in(&mail, &format!("{}/password/reset/", app.base));
    let path = link.trim_start_matches(&app.base).to_string();
    let page = app.get(&path).await;
    assert!(
        page.contains("Your access to originals ends with this reset."),
        "{}",
        page.text()
    );
    let done = app
        .submit(
            &path,
            &path,
            &[
                ("password", "a reset passphrase for ed"),
                ("password_confirm", "a reset passphrase for ed"),
            ],
        )
        .await;
    assert_eq!(done.status, 303);
    assert!(
        originals_at_login(&app, "ed@example.org", "a reset passphrase for ed")
            .await
            .is_none(),
        "a reset password loses the grant"
    );
    // An administrator grants it again; it opens from the next login.
    app.grant(&user);
    assert!(
        originals_at_login(&app, "ed@example.org", "a reset passphrase for ed")
            .await
            .is_some()
    );
}

async fn the_recovery_key_restores_access(app: TestApp) {
    let id = a_testimony(&app).await;
    let user = app.create_user("last@example.org", Role::Admin);
    assert!(
        originals_at_login(&app, "last@example.org", PASSWORD)
            .await
            .is_none()
    );
    let wrong = peoples_upr::crypto::keys::RecoveryKey::generate();
    assert!(matches!(
        app.db(|c| accounts::recover_access(c, &wrong, &user)),
        Err(service::ServiceError::Sealed(_))
    ));
    let typed = peoples_upr::crypto::keys::RecoveryKey::parse(&app.recovery.display()).unwrap();
    app.db(|c| accounts::recover_access(c, &typed, &user))
        .unwrap()
        .unwrap();
    let key = originals_at_login(&app, "last@example.org", PASSWORD)
        .await
        .expect("the recovery key granted access");
    assert!(open(&app, &key, &id).is_ok());
}

async fn admins_grant_and_revoke_access_from_the_accounts_page(app: TestApp) {
    let admin = app.create_user("ada@example.org", Role::Admin);
    app.grant(&admin);
    let editor = app.create_user("eve@example.org", Role::Editor);
    app.login("ada@example.org").await;
    let page = app.get("/admin/users").await;
    assert!(page.contains("Cannot open"), "{}", page.text());

    let path = format!("/admin/users/{editor}/originals/grant");
    let granted = app.submit("/admin/users", &path, &[]).await;
    assert_eq!(granted.status, 303);
    let page = app.get("/admin/users").await;
    assert!(page.contains("eve@example.org can open originals from their next login."));
    assert!(
        originals_at_login(&app, "eve@example.org", PASSWORD)
            .await
            .is_some()
    );

    // Eve is logged in elsewhere; revoking ends that session at once.
    let eve = app.other_client();
    let res = app.login_with(&eve, "eve@example.org").await;
    assert_eq!(res.status, 303);
    let path = format!("/admin/users/{editor}/originals/revoke");
    let revoked = app.submit("/admin/users", &path, &[]).await;
    assert_eq!(revoked.status, 303);
    assert!(
        originals_at_login(&app, "eve@example.org", PASSWORD)
            .await
            .is_none()
    );
    let after = crate::helpers::get_with(&eve, &app.url("/staff")).await;
    assert_eq!(after.status, 303, "the revoked session ended");
    assert!(after.location().unwrap().starts_with("/login"));

    // An administrator who cannot open originals cannot grant them either.
    app.create_user("bob@example.org", Role::Admin);
    let bob = app.other_client();
    app.login_with(&bob, "bob@example.org").await;
    let page = crate::helpers::get_with(&bob, &app.url("/admin/users")).await;
    assert!(page.contains("Your own account cannot open originals"));
    let path = format!("/admin/users/{editor}/originals/grant");
    let refused = crate::helpers::submit_with(&bob, &app.base, "/admin/users", &path, &[]).await;
    assert_eq!(refused.status, 400);
}
