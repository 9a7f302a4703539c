//! Server-side sessions: public pages write none, ended sessions cannot be replayed, the
//! database holds no readable session state, expired rows are swept, and anti-forgery
//! tokens are bound to the visitor's cookie.

use diesel::prelude::*;
use peoples_upr::db::{self, schema::sessions};
use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{PASSWORD, Page, TestApp, get_with, link_in, post_with, submit_with};
use crate::testimony::{open_hearing, submit_testimony, take_receipt, typical};

both_databases!(
    public_pages_create_no_session,
    a_cookie_replayed_after_logout_gets_the_login_page,
    disabling_an_account_ends_its_sessions_at_once,
    a_password_change_ends_the_other_sessions_only,
    a_password_reset_ends_every_session,
    the_database_holds_no_readable_session_state,
    expired_sessions_are_refused_and_swept,
    anti_forgery_tokens_are_bound_to_the_cookie,
    a_witness_who_leaves_cannot_come_back_with_the_old_cookie,
    logins_at_once_all_get_in_while_pages_are_served,
);

const SESSION: &str = "upr_session";
const CSRF: &str = "upr_csrf";

/// Log `client` in as `email` and return the session cookie it was given.
async fn login_cookie(app: &TestApp, client: &reqwest::Client, email: &str) -> String {
    let res = submit_with(
        client,
        &app.base,
        "/login",
        "/login",
        &[("email", email), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(res.status, 303, "login of {email}: {}", res.text());
    res.cookie_value(SESSION)
        .expect("a session cookie at login")
}

fn sent_to_login(page: &Page) -> bool {
    page.status == 303 && page.location().is_some_and(|l| l.starts_with("/login"))
}

fn rows_of(app: &TestApp, user_id: &str) -> i64 {
    let id = user_id.to_string();
    app.db(|c| {
        sessions::table
            .filter(sessions::user_id.eq(id))
            .count()
            .get_result(c)
    })
    .unwrap()
}

async fn public_pages_create_no_session(app: TestApp) {
    open_hearing(&app, "quiet");
    app.create_user("known@example.org", Role::Editor);
    let paths = [
        "/",
        "/hearings",
        "/hearings/quiet",
        "/check",
        "/login",
        "/password/forgot",
        "/about",
        "/privacy",
        "/lang/es?next=/hearings",
        "/hearings",
        "/no-such-page",
    ];
    for round in 0..2 {
        for path in paths {
            let page = app.get(path).await;
            assert!(page.status < 500, "{path}: {}", page.status);
            assert_eq!(
                page.set_cookie(SESSION),
                None,
                "{path} set a session cookie"
            );
            if round == 1 {
                assert_eq!(page.set_cookie(CSRF), None, "{path}: the cookie is kept");
            }
        }
    }
    let form = app.get("/hearings/quiet").await;
    assert!(!form.csrf().is_empty(), "the hearing page has its form");
    assert!(
        form.body.contains("<html lang=\"es\""),
        "the language is kept"
    );
    // Refused form posts write nothing either.
    let wrong_code = app.submit("/check", "/check", &[("code", "12345")]).await;
    assert_eq!(wrong_code.status, 422);
    let wrong_login = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "known@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong_login.status, 422);
    assert_eq!(wrong_login.set_cookie(SESSION), None);
    // Many visitors, each with their own cookies: still nothing.
    for _ in 0..5 {
        let visitor = app.other_client();
        for (i, path) in ["/hearings/quiet", "/", "/check"].into_iter().enumerate() {
            let page = get_with(&visitor, &app.url(path)).await;
            assert_eq!(page.set_cookie(CSRF).is_some(), i == 0, "{path}");
            assert_eq!(page.set_cookie(SESSION), None);
        }
    }
    assert_eq!(app.session_rows(), 0, "public pages wrote session rows");
}

async fn a_cookie_replayed_after_logout_gets_the_login_page(app: TestApp) {
    let id = app.create_user("ed@example.org", Role::Editor);
    let cookie = login_cookie(&app, &app.client, "ed@example.org").await;
    assert_eq!(
        app.get_with_cookie("/staff", SESSION, &cookie).await.status,
        200,
        "the cookie works while logged in"
    );
    assert_eq!(rows_of(&app, &id), 1);
    let out = app.submit("/staff", "/logout", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(rows_of(&app, &id), 0, "logging out deletes the row");
    let replayed = app.get_with_cookie("/staff", SESSION, &cookie).await;
    assert!(sent_to_login(&replayed), "{}", replayed.status);
    assert!(app.get("/login").await.contains("You are logged out."));
    assert_eq!(app.session_rows(), 0, "the farewell is gone once shown");
}

async fn disabling_an_account_ends_its_sessions_at_once(app: TestApp) {
    app.create_user("admin@example.org", Role::Admin);
    let id = app.create_user("ed@example.org", Role::Editor);
    let editor = app.other_client();
    let cookie = login_cookie(&app, &editor, "ed@example.org").await;
    login_cookie(&app, &app.other_client(), "ed@example.org").await;
    assert_eq!(rows_of(&app, &id), 2);

    app.login("admin@example.org").await;
    let disabled = app
        .submit("/admin/users", &format!("/admin/users/{id}/disable"), &[])
        .await;
    assert_eq!(disabled.status, 303);
    assert_eq!(rows_of(&app, &id), 0, "every session of the account ended");
    assert!(sent_to_login(
        &app.get_with_cookie("/staff", SESSION, &cookie).await
    ));
    assert_eq!(app.get("/staff").await.status, 200, "the admin continues");
}

async fn a_password_change_ends_the_other_sessions_only(app: TestApp) {
    let id = app.create_user("org@example.org", Role::Organizer);
    let mine = login_cookie(&app, &app.client, "org@example.org").await;
    let other = login_cookie(&app, &app.other_client(), "org@example.org").await;
    let changed = app
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
    assert_eq!(changed.status, 303);
    assert_eq!(
        app.get("/staff").await.status,
        200,
        "this session continues"
    );
    assert_eq!(rows_of(&app, &id), 1, "only this session is left");
    assert!(sent_to_login(
        &app.get_with_cookie("/staff", SESSION, &other).await
    ));
    assert!(
        sent_to_login(&app.get_with_cookie("/staff", SESSION, &mine).await),
        "this session continues under a new cookie; the old one is spent"
    );
}

async fn a_password_reset_ends_every_session(app: TestApp) {
    let id = app.create_user("forgetful@example.org", Role::Editor);
    let one = login_cookie(&app, &app.other_client(), "forgetful@example.org").await;
    let two = login_cookie(&app, &app.other_client(), "forgetful@example.org").await;
    app.submit(
        "/password/forgot",
        "/password/forgot",
        &[("email", "forgetful@example.org")],
    )
    .await;
    let mail = app.wait_for_mail("forgetful@example.org").await;
    let link = link_in(&mail, &format!("{}/password/reset/", app.base));
    let path = link.trim_start_matches(&app.base).to_string();
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
    assert_eq!(rows_of(&app, &id), 0);
    for cookie in [one, two] {
        assert!(sent_to_login(
            &app.get_with_cookie("/staff", SESSION, &cookie).await
        ));
    }
}

async fn the_database_holds_no_readable_session_state(app: TestApp) {
    let id = app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
    let page = app.get("/admin/users").await;
    let token = page.csrf();
    let sent = app
        .post(
            "/admin/invites",
            &[
                ("csrf_token", token.as_str()),
                ("email", "newcomer@example.org"),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303);
    // The flash is in the session now, waiting for the next page.
    let rows: Vec<(String, Vec<u8>, Option<String>)> = app.db(|c| {
        sessions::table
            .select((sessions::id_hash, sessions::state, sessions::user_id))
            .load(c)
            .unwrap()
    });
    assert_eq!(rows.len(), 1);
    let (_, state, user_id) = &rows[0];
    assert_eq!(
        user_id.as_deref(),
        Some(id.as_str()),
        "kept to end sessions"
    );
    let raw = String::from_utf8_lossy(state);
    for clear in [
        id.as_str(),
        "newcomer",
        "Invitation",
        "flash",
        "uid",
        token.as_str(),
    ] {
        assert!(
            !raw.contains(clear),
            "`{clear}` is readable in the session row"
        );
    }
    assert!(
        app.get("/admin/users")
            .await
            .contains("Invitation sent to newcomer@example.org"),
        "yet the session reads it back"
    );
}

async fn expired_sessions_are_refused_and_swept(app: TestApp) {
    let id = app.create_user("ed@example.org", Role::Editor);
    let cookie = login_cookie(&app, &app.client, "ed@example.org").await;
    login_cookie(&app, &app.other_client(), "ed@example.org").await;
    assert_eq!(rows_of(&app, &id), 2);
    // Age one session past its end.
    let aged = app.db(|c| {
        let one: String = sessions::table.select(sessions::id_hash).first(c).unwrap();
        diesel::update(sessions::table.find(one))
            .set(sessions::expires_at.eq(db::now() - chrono::Duration::minutes(1)))
            .execute(c)
            .unwrap()
    });
    assert_eq!(aged, 1);
    let swept = app.db(db::sessions::sweep_expired).unwrap();
    assert_eq!(swept, 1);
    assert_eq!(rows_of(&app, &id), 1, "the live session stays");
    // Age the other: it is refused before it is swept.
    app.db(|c| {
        diesel::update(sessions::table)
            .set(sessions::expires_at.eq(db::now() - chrono::Duration::minutes(1)))
            .execute(c)
            .unwrap()
    });
    let statuses = [
        app.get_with_cookie("/staff", SESSION, &cookie).await,
        app.get("/staff").await,
    ];
    assert!(statuses.iter().all(sent_to_login));
    assert_eq!(app.db(db::sessions::sweep_expired).unwrap(), 1);
    assert_eq!(app.session_rows(), 0);
}

async fn anti_forgery_tokens_are_bound_to_the_cookie(app: TestApp) {
    app.create_user("ed@example.org", Role::Editor);
    let first = app.get("/login").await;
    let cookie = first
        .set_cookie(CSRF)
        .expect("a cookie with the first form");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(
        !cookie.contains("Max-Age") && !cookie.contains("Expires"),
        "it lasts the browser session: {cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http in tests");
    let token = first.csrf();
    let value = first.cookie_value(CSRF).unwrap();
    assert!(
        !token.contains(&value) && token != value,
        "the token is not the cookie"
    );
    let fields = |t: &str| {
        vec![
            ("csrf_token", t.to_string()),
            ("email", "ed@example.org".to_string()),
            ("password", PASSWORD.to_string()),
        ]
    };

    // Without the cookie, the right token is refused.
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = bare
        .post(app.url("/login"))
        .form(&fields(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    // A token made for one cookie is refused with another.
    let other = app.other_client();
    let theirs = get_with(&other, &app.url("/login")).await;
    assert_ne!(theirs.csrf(), token);
    let pairs = fields(&token);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let crossed = post_with(&other, &app.url("/login"), &pairs).await;
    assert_eq!(crossed.status, 403);
    assert!(crossed.contains("The form has expired"));
    // A cookie of the wrong shape is no cookie.
    let forged = bare
        .post(app.url("/login"))
        .header("Cookie", format!("{CSRF}=forged"))
        .form(&fields(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    // The pair that belongs together works, again and again (nothing is used up).
    for _ in 0..2 {
        let again = app
            .post("/check", &[("csrf_token", token.as_str()), ("code", "1")])
            .await;
        assert_eq!(again.status, 422, "{}", again.text());
    }
    let ok = post_with(&app.client, &app.url("/login"), &pairs).await;
    assert_eq!(ok.status, 303, "{}", ok.text());
    // Signed in, the same cookie's anonymous token no longer works: tokens are bound to
    // the person too, so a planted cookie gives no token for them.
    let stale = app.post("/logout", &[("csrf_token", token.as_str())]).await;
    assert_eq!(stale.status, 403);
    assert_eq!(app.get("/staff").await.status, 200);
    assert_eq!(app.submit("/staff", "/logout", &[]).await.status, 303);
}

async fn a_witness_who_leaves_cannot_come_back_with_the_old_cookie(app: TestApp) {
    open_hearing(&app, "leaving");
    let res = submit_testimony(&app.client, &app, "leaving", &typical(), vec![]).await;
    let code = take_receipt(&app.client, &app, &res).await;
    assert_eq!(
        app.session_rows(),
        1,
        "the sending browser may view the receipt again for a while"
    );

    let witness = app.other_client();
    let opened = submit_with(&witness, &app.base, "/check", "/check", &[("code", &code)]).await;
    assert_eq!(opened.status, 303);
    let cookie = opened.cookie_value(SESSION).expect("a receipt session");
    assert_eq!(
        app.get_with_cookie("/my-testimony", SESSION, &cookie)
            .await
            .status,
        200
    );
    let left = submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/leave",
        &[],
    )
    .await;
    assert_eq!(left.status, 303);
    let replayed = app.get_with_cookie("/my-testimony", SESSION, &cookie).await;
    assert_eq!(replayed.status, 303);
    assert_eq!(replayed.location(), Some("/check"));
    let back = get_with(&witness, &app.url("/check")).await;
    assert!(
        back.contains("Your testimony is closed on this device"),
        "{}",
        back.text()
    );
    assert_eq!(
        app.session_rows(),
        1,
        "nothing of the witness who left is left, only the sending browser's receipt"
    );
}

/// Logins take turns at the password check; a burst of them all succeed, each with its
/// own working session, and the public pages answer meanwhile.
async fn logins_at_once_all_get_in_while_pages_are_served(app: TestApp) {
    open_hearing(&app, "turnos");
    let people: Vec<String> = (0..6).map(|i| format!("staff{i}@example.org")).collect();
    for email in &people {
        app.create_user(email, Role::Editor);
    }
    let clients: Vec<reqwest::Client> = people.iter().map(|_| app.other_client()).collect();
    let logins =
        futures_util::future::join_all(people.iter().zip(&clients).map(|(email, client)| async {
            let fields = [("email", email.as_str()), ("password", PASSWORD)];
            submit_with(client, &app.base, "/login", "/login", &fields).await
        }));
    let visitor = app.other_client();
    let pages = async {
        let mut statuses = Vec::new();
        for _ in 0..10 {
            statuses.push(
                get_with(&visitor, &app.url("/hearings/turnos"))
                    .await
                    .status,
            );
        }
        statuses
    };
    let (logins, statuses) = tokio::join!(logins, pages);
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    for (page, email) in logins.iter().zip(&people) {
        assert_eq!(page.status, 303, "{email}: {}", page.text());
    }
    for (client, email) in clients.iter().zip(&people) {
        let staff = get_with(client, &app.url("/staff")).await;
        assert_eq!(staff.status, 200);
        assert!(staff.contains(email), "{email} is signed in");
    }
}
