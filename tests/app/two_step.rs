//! Two-step sign-in: enrolling with an authenticator app, signing in with its codes or a
//! recovery code, turning it off, new recovery codes, and the administrator's setting that
//! makes it required.

use diesel::prelude::*;
use peoples_upr::db::schema::audit_log;
use peoples_upr::domain::account::Role;
use peoples_upr::domain::ids::TestimonyId;

use crate::both_databases;
use crate::helpers::{PASSWORD, Page, TestApp, get_with, post_with, submit_with};
use crate::routes_table::{ALL_STAFF, Route, Staff, r};

/// The routes of two-step sign-in, for the route × role table.
pub const ROUTES: &[Route] = &[
    r("GET", "/account/two-step", Staff(ALL_STAFF)),
    r("POST", "/account/two-step", Staff(ALL_STAFF)),
    r("POST", "/account/two-step/disable", Staff(ALL_STAFF)),
    r("POST", "/account/two-step/recovery-codes", Staff(ALL_STAFF)),
    r("GET", "/admin/security", Staff(&[Role::Admin])),
    r("POST", "/admin/security", Staff(&[Role::Admin])),
];

both_databases!(
    signing_in_after_enrolling_needs_a_fresh_code,
    a_recovery_code_works_once,
    a_bad_code_on_enrolment_comes_back_with_the_error,
    turning_off_and_new_codes_need_the_password_and_a_code,
    the_admin_setting_forces_enrolment_before_originals_open,
);

/// The code an authenticator app shows `offset` seconds from now for `secret` (Base32).
fn code(secret: &str, offset: i64) -> String {
    let bytes = totp_rs::Secret::try_from_base32(secret)
        .unwrap()
        .as_bytes()
        .to_vec();
    let totp = totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(bytes)
        .build()
        .unwrap();
    let at = chrono::Utc::now().timestamp() + offset;
    totp.generate(u64::try_from(at).unwrap()).to_string()
}

/// A code that is not the one for `secret` at any step near now.
fn wrong_code(secret: &str) -> String {
    let near: Vec<String> = (-2..=2).map(|s| code(secret, s * 30)).collect();
    (0..10)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !near.contains(c))
        .unwrap()
}

/// The secret the enrolment page shows, without its spaces.
fn secret_on(page: &Page) -> String {
    page.text_of("#secret").replace(' ', "")
}

/// The recovery codes a page shows.
fn codes_on(page: &Page) -> Vec<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("#recovery-codes li").unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Turn two-step sign-in on for the signed-in `client` with the code of the step before
/// now (so that the codes of now and the next step remain for signing in). Returns the
/// secret and the recovery codes.
async fn enrol(app: &TestApp, client: &reqwest::Client) -> (String, Vec<String>) {
    let page = get_with(client, &app.url("/account/two-step")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let secret = secret_on(&page);
    let done = post_with(
        client,
        &app.url("/account/two-step"),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("code", code(&secret, -30).as_str()),
        ],
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(done.contains("Two-step sign-in is on"));
    let codes = codes_on(&done);
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

async fn login(app: &TestApp, client: &reqwest::Client, email: &str, code: &str) -> Page {
    submit_with(
        client,
        &app.base,
        "/login",
        "/login",
        &[("email", email), ("password", PASSWORD), ("code", code)],
    )
    .await
}

async fn logout(app: &TestApp, client: &reqwest::Client) {
    let staff = get_with(client, &app.url("/staff")).await;
    let out = post_with(
        client,
        &app.url("/logout"),
        &[("csrf_token", staff.csrf().as_str())],
    )
    .await;
    assert_eq!(out.status, 303);
}

/// Whether `client` is signed in (a staff page opens rather than leading to login).
async fn signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    let page = get_with(client, &app.url("/staff")).await;
    let to_login = page.location().is_some_and(|l| l.starts_with("/login"));
    assert!(page.status == 200 || to_login, "status {}", page.status);
    page.status == 200
}

fn audit_actions(app: &TestApp) -> Vec<String> {
    app.db(|c| {
        audit_log::table
            .order(audit_log::seq.asc())
            .select(audit_log::action)
            .load(c)
            .unwrap()
    })
}

/// A testimony given through the public form; returns its id.
async fn a_testimony(app: &TestApp) -> TestimonyId {
    crate::testimony::open_hearing(app, "two-step");
    let witness = app.other_client();
    let res = crate::testimony::submit_testimony(
        &witness,
        app,
        "two-step",
        &crate::testimony::typical(),
        vec![],
    )
    .await;
    crate::testimony::take_receipt(&witness, app, &res).await;
    crate::testimony::latest_testimony(app).id
}

/// Whether `client` can read the original of `id`.
async fn reads_original(app: &TestApp, client: &reqwest::Client, id: &TestimonyId) -> bool {
    let page = get_with(client, &app.url(&format!("/staff/testimony/{id}"))).await;
    assert_eq!(page.status, 200);
    page.text().contains("nine days")
}

async fn signing_in_after_enrolling_needs_a_fresh_code(app: TestApp) {
    let id = a_testimony(&app).await;
    let editor = app.create_user("ed@example.org", Role::Editor);
    app.grant(&editor);
    let client = app.other_client();
    assert_eq!(app.login_with(&client, "ed@example.org").await.status, 303);
    let page = get_with(&client, &app.url("/account/two-step")).await;
    assert!(page.body.contains(r#"src="data:image/svg+xml;base64,"#));
    assert!(!page.body.contains("style="));
    let (secret, _) = enrol(&app, &client).await;
    assert!(
        !app.data_files_contain(secret.as_bytes()),
        "the secret is stored sealed"
    );
    assert!(audit_actions(&app).contains(&"two_step.enabled".to_string()));
    let on = get_with(&client, &app.url("/account/two-step")).await;
    assert_eq!(on.text_of("#codes-left strong"), "10");
    logout(&app, &client).await;

    // The password alone: asked for the code, the email kept, no session.
    let without = login(&app, &client, "ed@example.org", "").await;
    assert_eq!(without.status, 422);
    assert!(without.contains("Enter the code from your authenticator app"));
    assert_eq!(
        without.field_value("email").as_deref(),
        Some("ed@example.org")
    );
    assert_eq!(without.field_value("password").as_deref(), Some(""));
    assert!(!signed_in(&app, &client).await);

    // A wrong code is refused and counts as a failed attempt.
    let before = app.state.throttles.login.failures("127.0.0.1");
    let wrong = login(&app, &client, "ed@example.org", &wrong_code(&secret)).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.contains("That code is not right"));
    assert_eq!(app.state.throttles.login.failures("127.0.0.1"), before + 1);
    assert!(!signed_in(&app, &client).await);

    // The right code: in, with originals open.
    let now = code(&secret, 0);
    assert_eq!(
        login(&app, &client, "ed@example.org", &now).await.status,
        303
    );
    assert!(reads_original(&app, &client, &id).await);
    logout(&app, &client).await;

    // The same code again, in the same time step: refused.
    let again = login(&app, &client, "ed@example.org", &now).await;
    assert_eq!(again.status, 422);
    assert!(!signed_in(&app, &client).await);
    // The next step's code works.
    let next = code(&secret, 30);
    assert_eq!(
        login(&app, &client, "ed@example.org", &next).await.status,
        303
    );
    assert!(reads_original(&app, &client, &id).await);
}

async fn a_recovery_code_works_once(app: TestApp) {
    app.create_user("ana@example.org", Role::Organizer);
    let client = app.other_client();
    assert_eq!(app.login_with(&client, "ana@example.org").await.status, 303);
    let (_, codes) = enrol(&app, &client).await;
    logout(&app, &client).await;

    let used = codes[3].to_uppercase();
    assert_eq!(
        login(&app, &client, "ana@example.org", &used).await.status,
        303
    );
    assert!(audit_actions(&app).contains(&"two_step.code_used".to_string()));
    let on = get_with(&client, &app.url("/account/two-step")).await;
    assert_eq!(on.text_of("#codes-left strong"), "9");
    logout(&app, &client).await;

    let twice = login(&app, &client, "ana@example.org", &codes[3]).await;
    assert_eq!(twice.status, 422);
    assert!(!signed_in(&app, &client).await);
    assert_eq!(
        login(&app, &client, "ana@example.org", &codes[4])
            .await
            .status,
        303
    );

    // Phone and codes lost: the command line turns it off and ends the sessions.
    let id = app.db(|c| {
        peoples_upr::db::users::find_by_email(c, "ana@example.org")
            .unwrap()
            .unwrap()
            .id
    });
    assert!(
        app.db(|c| peoples_upr::service::two_step::turn_off(c, &id))
            .unwrap()
    );
    assert!(!signed_in(&app, &client).await);
    assert_eq!(app.login_with(&client, "ana@example.org").await.status, 303);
    assert!(
        !app.db(|c| peoples_upr::service::two_step::turn_off(c, &id))
            .unwrap()
    );
}

async fn a_bad_code_on_enrolment_comes_back_with_the_error(app: TestApp) {
    app.create_user("ed@example.org", Role::Editor);
    let client = app.other_client();
    assert_eq!(app.login_with(&client, "ed@example.org").await.status, 303);
    let page = get_with(&client, &app.url("/account/two-step")).await;
    let secret = secret_on(&page);
    let bad = post_with(
        &client,
        &app.url("/account/two-step"),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("code", wrong_code(&secret).as_str()),
        ],
    )
    .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("That code is not right"));
    assert_eq!(secret_on(&bad), secret, "the same secret is offered again");
    let empty = post_with(
        &client,
        &app.url("/account/two-step"),
        &[("csrf_token", page.csrf().as_str()), ("code", "")],
    )
    .await;
    assert_eq!(empty.status, 422);
    assert!(empty.contains("Enter the 6-digit code"));
    assert!(!audit_actions(&app).contains(&"two_step.enabled".to_string()));
    // Not on: the password alone still signs in.
    logout(&app, &client).await;
    assert_eq!(app.login_with(&client, "ed@example.org").await.status, 303);
}

async fn turning_off_and_new_codes_need_the_password_and_a_code(app: TestApp) {
    app.create_user("ed@example.org", Role::Editor);
    let client = app.other_client();
    assert_eq!(app.login_with(&client, "ed@example.org").await.status, 303);
    let (secret, old_codes) = enrol(&app, &client).await;
    let page = get_with(&client, &app.url("/account/two-step")).await;
    let csrf = page.csrf();
    let post = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let mut all = vec![("csrf_token", csrf.clone())];
        all.extend(fields);
        let client = client.clone();
        let url = app.url(path);
        async move {
            let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_with(&client, &url, &refs).await
        }
    };

    let bad = post(
        "/account/two-step/recovery-codes",
        vec![
            ("codes_password", "not my password at all".into()),
            ("codes_code", code(&secret, 0)),
        ],
    )
    .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("Your password is not right."));
    let fresh = post(
        "/account/two-step/recovery-codes",
        vec![
            ("codes_password", PASSWORD.into()),
            ("codes_code", code(&secret, 0)),
        ],
    )
    .await;
    assert_eq!(fresh.status, 200, "{}", fresh.text());
    let new_codes = codes_on(&fresh);
    assert_eq!(new_codes.len(), 10);
    assert!(audit_actions(&app).contains(&"two_step.codes_regenerated".to_string()));

    let wrong = post(
        "/account/two-step/disable",
        vec![
            ("disable_password", PASSWORD.into()),
            ("disable_code", old_codes[0].clone()),
        ],
    )
    .await;
    assert_eq!(wrong.status, 422, "old recovery codes no longer work");
    assert!(wrong.contains("That code is not right"));
    let off = post(
        "/account/two-step/disable",
        vec![
            ("disable_password", PASSWORD.into()),
            ("disable_code", new_codes[0].clone()),
        ],
    )
    .await;
    assert_eq!(off.status, 303, "{}", off.text());
    assert!(audit_actions(&app).contains(&"two_step.disabled".to_string()));
    logout(&app, &client).await;
    assert_eq!(app.login_with(&client, "ed@example.org").await.status, 303);
}

async fn the_admin_setting_forces_enrolment_before_originals_open(app: TestApp) {
    let id = a_testimony(&app).await;
    app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
    let bad = app
        .submit(
            "/admin/security",
            "/admin/security",
            &[("two_step_required", "sometimes")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("Choose who must use two-step sign-in."));
    let saved = app
        .submit(
            "/admin/security",
            "/admin/security",
            &[("two_step_required", "originals")],
        )
        .await;
    assert_eq!(saved.status, 303);
    assert!(
        app.get("/admin/security")
            .await
            .is_checked("two_step_required", "originals")
    );
    assert!(audit_actions(&app).contains(&"setting.changed".to_string()));

    // An editor without access to originals is not covered.
    app.create_user("plain@example.org", Role::Editor);
    let plain = app.other_client();
    let res = app.login_with(&plain, "plain@example.org").await;
    assert_eq!(res.location(), Some("/staff"));

    // A granted editor is let in only to enrol, with originals closed.
    let editor = app.create_user("ed@example.org", Role::Editor);
    app.grant(&editor);
    let client = app.other_client();
    let res = app.login_with(&client, "ed@example.org").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/account/two-step"));
    for path in ["/staff", &format!("/staff/testimony/{id}")] {
        let page = get_with(&client, &app.url(path)).await;
        assert_eq!(page.status, 303, "{path}");
        assert_eq!(page.location(), Some("/account/two-step"), "{path}");
    }
    let page = get_with(&client, &app.url("/account/two-step")).await;
    assert!(page.contains("Your organisation requires two-step sign-in"));
    let (secret, _) = enrol(&app, &client).await;
    let done = get_with(&client, &app.url("/staff")).await;
    assert_eq!(done.status, 200, "enrolled: the staff pages open");
    assert!(
        !reads_original(&app, &client, &id).await,
        "originals stay closed until the next sign-in"
    );
    // It cannot be turned off while required.
    let on = get_with(&client, &app.url("/account/two-step")).await;
    assert!(on.contains("cannot be turned off"));
    let off = post_with(
        &client,
        &app.url("/account/two-step/disable"),
        &[
            ("csrf_token", on.csrf().as_str()),
            ("disable_password", PASSWORD),
            ("disable_code", code(&secret, 0).as_str()),
        ],
    )
    .await;
    assert_eq!(off.status, 422);
    logout(&app, &client).await;
    assert_eq!(
        login(&app, &client, "ed@example.org", &code(&secret, 0))
            .await
            .location(),
        Some("/staff")
    );
    assert!(reads_original(&app, &client, &id).await);
}
