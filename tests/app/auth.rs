//! Staff accounts: first admin, invitations, login, throttling, disabling, password changes.

use peoples_upr::db;
use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{PASSWORD, TestApp, link_in};

both_databases!(
    setup_link_creates_the_first_admin_once,
    admin_invites_an_editor_who_sets_a_password_and_logs_in,
    invitation_links_refuse_reuse_and_expiry,
    invite_form_rejects_bad_input_and_keeps_it,
    login_rejects_bad_input_without_revealing_accounts,
    a_thousand_guesses_do_not_get_through,
    disabled_accounts_cannot_log_in_and_their_sessions_end,
    a_right_password_forgives_no_failures_of_its_address,
);

async fn a_right_password_forgives_no_failures_of_its_address(app: TestApp) {
    app.create_user("real@example.org", Role::Editor);
    for who in ["a@example.org", "b@example.org", "real@example.org"] {
        let res = app
            .submit(
                "/login",
                "/login",
                &[("email", who), ("password", "a wrong password here")],
            )
            .await;
        assert_eq!(res.status, 422);
    }
    let before = app.state.throttles.login.failures("127.0.0.1");
    assert_eq!(before, 3);
    let ok = app
        .submit(
            "/login",
            "/login",
            &[("email", "real@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(
        app.state.throttles.login.failures("127.0.0.1"),
        before,
        "a success forgives none of the address's failures"
    );
}

async fn setup_link_creates_the_first_admin_once(app: TestApp) {
    app.forget_org_key();
    let token = app
        .db(peoples_upr::service::accounts::issue_setup_token)
        .unwrap()
        .expect("no users yet, so a setup token");
    let path = format!("/setup/{token}");
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("Create the first administrator"));

    // Bad input comes back with 422, messages, and what was typed (not the password).
    let bad = app
        .submit(
            &path,
            &path,
            &[
                ("display_name", "Ana Admin"),
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("Enter an email address like name@example.org."));
    assert!(bad.contains("Use at least 12 characters"));
    assert_eq!(
        bad.field_value("display_name").as_deref(),
        Some("Ana Admin")
    );
    assert_eq!(bad.field_value("email").as_deref(), Some("not-an-email"));
    assert_eq!(bad.field_value("password").as_deref(), Some(""));

    let ok = app
        .submit(
            &path,
            &path,
            &[
                ("display_name", "Ana Admin"),
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    // The recovery key is shown once; it opens the organisation key it made.
    assert_eq!(ok.status, 200);
    assert!(ok.contains("shown now and never again"));
    let shown = ok.text_of("#recovery-key");
    let recovery = peoples_upr::crypto::keys::RecoveryKey::parse(&shown).expect("a recovery key");
    let org = app
        .db(|c| peoples_upr::service::keys::recover(c, &recovery))
        .expect("the recovery key opens the organisation key");
    let public = app.db(peoples_upr::service::keys::org_public).unwrap();
    assert_eq!(org.public().to_bytes(), public.to_bytes());
    let users = app.get("/admin/users").await;
    assert_eq!(users.status, 200);
    assert!(users.contains("ana@example.org"));

    // The link is spent, and no new one is issued once an account exists.
    let again = app.other_client();
    let spent = crate::helpers::get_with(&again, &app.url(&path)).await;
    assert_eq!(spent.status, 410);
    assert!(
        app.db(peoples_upr::service::accounts::issue_setup_token)
            .unwrap()
            .is_none()
    );
}

async fn admin_invites_an_editor_who_sets_a_password_and_logs_in(app: TestApp) {
    app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
    let sent = app
        .submit(
            "/admin/users",
            "/admin/invites",
            &[("email", "Eddie@Example.org"), ("role", "editor")],
        )
        .await;
    assert_eq!(sent.status, 303);
    let users = app.get("/admin/users").await;
    assert!(users.contains("Invitation sent to eddie@example.org"));
    assert!(users.contains("Pending invitations"));
    assert!(users.contains("eddie@example.org"));

    let mail = app.wait_for_mail("eddie@example.org").await;
    assert!(
        mail.contains("invited you to join the People's UPR as Editor"),
        "{mail}"
    );
    let link = link_in(&mail, &format!("{}/invite/", app.base));
    let path = link.trim_start_matches(&app.base).to_string();

    let editor = app.other_client();
    let page = crate::helpers::get_with(&editor, &link).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("eddie@example.org"));
    let done = crate::helpers::submit_with(
        &editor,
        &app.base,
        &path,
        &path,
        &[
            ("display_name", "Eddie Editor"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(
        done.location(),
        Some("/staff"),
        "accepting logs the person in"
    );
    let home = crate::helpers::get_with(&editor, &app.url("/staff")).await;
    assert_eq!(home.status, 200);
    assert!(home.contains("Welcome, Eddie Editor"));
    assert!(home.contains("Editor"));
    let user = app
        .db(|c| db::users::find_by_email(c, "eddie@example.org"))
        .unwrap()
        .unwrap();
    assert_eq!(user.role(), Role::Editor);
}

async fn invitation_links_refuse_reuse_and_expiry(app: TestApp) {
    app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
    app.submit(
        "/admin/users",
        "/admin/invites",
        &[("email", "one@example.org"), ("role", "organizer")],
    )
    .await;
    app.submit(
        "/admin/users",
        "/admin/invites",
        &[("email", "two@example.org"), ("role", "editor")],
    )
    .await;
    let one = link_in(
        &app.wait_for_mail("one@example.org").await,
        &format!("{}/invite/", app.base),
    );
    let two = link_in(
        &app.wait_for_mail("two@example.org").await,
        &format!("{}/invite/", app.base),
    );
    let one_path = one.trim_start_matches(&app.base).to_string();

    let visitor = app.other_client();
    let fields = [
        ("display_name", "One"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let first =
        crate::helpers::submit_with(&visitor, &app.base, &one_path, &one_path, &fields).await;
    assert_eq!(first.status, 303);
    let reused = crate::helpers::get_with(&visitor, &one).await;
    assert_eq!(reused.status, 410);
    assert!(reused.contains("already been used"), "{}", reused.text());

    // Expire the second invitation.
    app.db(|c| {
        use diesel::prelude::*;
        use peoples_upr::db::schema::staff_tokens;
        diesel::update(staff_tokens::table.filter(staff_tokens::email.eq("two@example.org")))
            .set(staff_tokens::expires_at.eq(db::now() - chrono::Duration::hours(1)))
            .execute(c)
            .unwrap();
    });
    let expired = crate::helpers::get_with(&visitor, &two).await;
    assert_eq!(expired.status, 410);
    assert!(expired.contains("expired"), "{}", expired.text());
    assert!(
        expired.contains("ask an administrator to invite you again")
            || expired.contains("Ask an administrator to invite you again")
    );

    let unknown = crate::helpers::get_with(&visitor, &app.url("/invite/not-a-real-token")).await;
    assert_eq!(unknown.status, 410);
    assert!(unknown.contains("not valid"));
}

async fn invite_form_rejects_bad_input_and_keeps_it(app: TestApp) {
    app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
    let empty = app
        .submit(
            "/admin/users",
            "/admin/invites",
            &[("email", ""), ("role", "editor")],
        )
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.contains("Enter an email address."));

    let long = format!("{}@example.org", "a".repeat(300));
    let oversized = app
        .submit(
            "/admin/users",
            "/admin/invites",
            &[("email", &long), ("role", "editor")],
        )
        .await;
    assert_eq!(oversized.status, 422);
    assert!(oversized.contains("too long"));
    assert_eq!(
        oversized.field_value("email").as_deref(),
        Some(long.as_str())
    );

    let bad_role = app
        .submit(
            "/admin/users",
            "/admin/invites",
            &[("email", "x@example.org"), ("role", "root")],
        )
        .await;
    assert_eq!(bad_role.status, 422);
    assert!(bad_role.contains("Choose a role"));
    assert_eq!(
        bad_role.field_value("email").as_deref(),
        Some("x@example.org")
    );

    let existing = app
        .submit(
            "/admin/users",
            "/admin/invites",
            &[("email", "admin@example.org"), ("role", "editor")],
        )
        .await;
    assert_eq!(existing.status, 422);
    assert!(existing.contains("already has an account"));
    assert!(existing.is_checked("role", "editor"));
}

async fn login_rejects_bad_input_without_revealing_accounts(app: TestApp) {
    app.create_user("known@example.org", Role::Editor);
    let empty = app
        .submit("/login", "/login", &[("email", ""), ("password", "")])
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.contains("Enter an email address."));
    assert!(empty.contains("Enter your password."));

    let wrong = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "known@example.org"),
                ("password", "wrong password here"),
            ],
        )
        .await;
    let unknown = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "nobody@example.org"),
                ("password", "wrong password here"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(unknown.status, 422);
    let msg = "The email address or the password is not right.";
    assert!(wrong.contains(msg) && unknown.contains(msg));
    assert_eq!(
        wrong.field_value("email").as_deref(),
        Some("known@example.org")
    );
    assert_eq!(wrong.field_value("password").as_deref(), Some(""));

    let huge = "p".repeat(10_000);
    let oversized = app
        .submit(
            "/login",
            "/login",
            &[("email", "known@example.org"), ("password", &huge)],
        )
        .await;
    assert_eq!(oversized.status, 422);
}

async fn a_thousand_guesses_do_not_get_through(app: TestApp) {
    app.create_user("target@example.org", Role::Admin);
    let page = app.get("/login").await;
    let token = page.csrf();
    let mut refused = 0;
    for i in 0..1000 {
        let guess = format!("guess number {i:04}");
        let res = app
            .post(
                "/login",
                &[
                    ("csrf_token", &token),
                    ("email", "target@example.org"),
                    ("password", &guess),
                ],
            )
            .await;
        assert!(
            res.status == 422 || res.status == 429,
            "guess {i}: {}",
            res.status
        );
        if res.status == 429 {
            refused += 1;
            assert!(
                res.contains("Too many failed attempts. Wait"),
                "{}",
                res.text()
            );
        }
    }
    assert!(
        refused > 980,
        "the account must lock after a few guesses ({refused} refused)"
    );
    // Even the right password is refused while locked, from this address and from another.
    let right = app
        .post(
            "/login",
            &[
                ("csrf_token", &token),
                ("email", "target@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(right.status, 429);
    let other = app.other_client();
    let elsewhere = crate::helpers::submit_with(
        &other,
        &app.base,
        "/login",
        "/login",
        &[("email", "target@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(
        elsewhere.status, 429,
        "the per-account lock is shared, not per address"
    );
}

async fn disabled_accounts_cannot_log_in_and_their_sessions_end(app: TestApp) {
    app.create_user("admin@example.org", Role::Admin);
    let editor_id = app.create_user("ed@example.org", Role::Editor);
    let editor = app.other_client();
    let login = crate::helpers::submit_with(
        &editor,
        &app.base,
        "/login",
        "/login",
        &[("email", "ed@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(login.status, 303);
    assert_eq!(
        crate::helpers::get_with(&editor, &app.url("/staff"))
            .await
            .status,
        200
    );

    app.login("admin@example.org").await;
    let disabled = app
        .submit(
            "/admin/users",
            &format!("/admin/users/{editor_id}/disable"),
            &[],
        )
        .await;
    assert_eq!(disabled.status, 303);
    assert!(
        app.get("/admin/users")
            .await
            .contains("ed@example.org is disabled")
    );

    let after = crate::helpers::get_with(&editor, &app.url("/staff")).await;
    assert_eq!(after.status, 303);
    assert!(after.location().unwrap().starts_with("/login"));
    let again = crate::helpers::submit_with(
        &editor,
        &app.base,
        "/login",
        "/login",
        &[("email", "ed@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(again.status, 422);
    assert!(again.contains("This account has been disabled"));

    // Admins cannot lock themselves out.
    let me = app
        .db(|c| db::users::find_by_email(c, "admin@example.org"))
        .unwrap()
        .unwrap();
    let own = app
        .submit(
            "/admin/users",
            &format!("/admin/users/{}/disable", me.id),
            &[],
        )
        .await;
    assert_eq!(own.status, 400);
    assert!(own.contains("You cannot disable your own account"));

    let enabled = app
        .submit(
            "/admin/users",
            &format!("/admin/users/{editor_id}/enable"),
            &[],
        )
        .await;
    assert_eq!(enabled.status, 303);
    let back = crate::helpers::submit_with(
        &editor,
        &app.base,
        "/login",
        "/login",
        &[("email", "ed@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(back.status, 303);
}
