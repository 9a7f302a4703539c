//! Staff passwords after sign-in: reset by an emailed link, changed (ending the other
//! sessions), and signing out.

use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{PASSWORD, TestApp, link_in};

both_databases!(
    password_reset_by_emailed_link,
    changing_the_password_ends_other_sessions,
    logout_ends_the_session,
);

async fn password_reset_by_emailed_link(app: TestApp) {
    app.create_user("forgetful@example.org", Role::Organizer);
    let other_session = app.other_client();
    crate::helpers::submit_with(
        &other_session,
        &app.base,
        "/login",
        "/login",
        &[("email", "forgetful@example.org"), ("password", PASSWORD)],
    )
    .await;

    let unknown = app
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "nobody@example.org")],
        )
        .await;
    let known = app
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "forgetful@example.org")],
        )
        .await;
    assert_eq!(unknown.status, 200);
    assert_eq!(known.status, 200);
    let answer = "If an account exists for that address, we have sent it a link";
    assert!(unknown.contains(answer) && known.contains(answer));
    assert_eq!(unknown.body, known.body, "the same answer, byte for byte");

    let mail = app.wait_for_mail("forgetful@example.org").await;
    assert!(app.mails_to("nobody@example.org").is_empty());
    let link = link_in(&mail, &format!("{}/password/reset/", app.base));
    let path = link.trim_start_matches(&app.base).to_string();
    let mismatch = app
        .submit(
            &path,
            &path,
            &[
                ("password", "a brand new passphrase"),
                ("password_confirm", "another one entirely"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.contains("The two passwords do not match"));
    let done = app
        .submit(
            &path,
            &path,
            &[
                ("password", "a brand new passphrase"),
                ("password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(done.status, 303);

    // Old sessions end, the old password no longer works, the new one does, the link is spent.
    assert_eq!(
        crate::helpers::get_with(&other_session, &app.url("/staff"))
            .await
            .status,
        303
    );
    let old = app
        .submit(
            "/login",
            "/login",
            &[("email", "forgetful@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status, 422);
    let new = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "forgetful@example.org"),
                ("password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(new.status, 303);
    assert_eq!(app.get(&path).await.status, 410);
}

async fn changing_the_password_ends_other_sessions(app: TestApp) {
    app.create_user("org@example.org", Role::Organizer);
    app.login("org@example.org").await;
    let other = app.other_client();
    crate::helpers::submit_with(
        &other,
        &app.base,
        "/login",
        "/login",
        &[("email", "org@example.org"), ("password", PASSWORD)],
    )
    .await;

    let wrong = app
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current", "not it at all"),
                ("password", "my next passphrase"),
                ("password_confirm", "my next passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.contains("Your current password is not right."));

    let ok = app
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "my next passphrase"),
                ("password_confirm", "my next passphrase"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(
        app.get("/staff").await.status,
        200,
        "this session continues"
    );
    assert_eq!(
        crate::helpers::get_with(&other, &app.url("/staff"))
            .await
            .status,
        303,
        "other sessions end"
    );
}

async fn logout_ends_the_session(app: TestApp) {
    app.create_user("ed@example.org", Role::Editor);
    app.login("ed@example.org").await;
    let out = app.submit("/staff", "/logout", &[]).await;
    assert_eq!(out.status, 303);
    assert!(app.get("/login").await.contains("You are logged out."));
    let after = app.get("/staff").await;
    assert_eq!(after.status, 303);
}
