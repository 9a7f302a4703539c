//! Two instances on one PostgreSQL database: the test's own server and the real binary
//! started as a second process with the same keys and mail folder. Logins and
//! submissions go to both in turn; a session made on one works on the other, testimony
//! given to either is seen by both, and every confirmation email goes out exactly once
//! although both instances send from the same outbox.

use base64::Engine as _;
use peoples_upr::db::DatabaseUrl;
use peoples_upr::domain::account::Role;

use crate::helpers::{Backend, TestApp, get_with, mails_in, submit_with};
use crate::process::Server;
use crate::testimony::{open_hearing, submit_testimony_at, typical};

#[actix_web::test]
async fn two_instances_share_sessions_testimony_and_send_each_email_once() {
    let b64 = |n: usize| {
        let bytes: Vec<u8> = (0..n).map(|_| rand::random::<u8>()).collect();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    };
    let (session_key, data_key) = (b64(64), b64(32));
    let Some(app) = TestApp::spawn_with(
        Backend::Postgres,
        &[
            ("UPR_SESSION_KEY", &session_key),
            ("UPR_DATA_KEY", &data_key),
        ],
    )
    .await
    else {
        return;
    };
    let DatabaseUrl::Postgres(url) = app.state.config.database_url.clone() else {
        panic!("a PostgreSQL app");
    };
    let second_data = tempfile::tempdir().unwrap();
    let log = second_data.path().join("server.log");
    let mut second = Server::start(
        &[
            ("DATABASE_URL", url),
            ("UPR_SESSION_KEY", session_key),
            ("UPR_DATA_KEY", data_key),
            ("UPR_DATA_DIR", second_data.path().display().to_string()),
            ("UPR_MAIL_DIR", app.mail_dir.display().to_string()),
            ("UPR_MAIL_POLL_SECONDS", "1".into()),
        ],
        &log,
    );
    let b = second.base.clone();
    let a = app.base.clone();
    open_hearing(&app, "shared");
    app.create_user("editor@example.org", Role::Editor);

    // A session made on one instance works on the other, and a logout on one ends it.
    for (login_at, use_at) in [(&a, &b), (&b, &a)] {
        let client = app.other_client();
        let res = submit_with(
            &client,
            login_at,
            "/login",
            "/login",
            &[
                ("email", "editor@example.org"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await;
        assert_eq!(res.status, 303, "login at {login_at}: {}", res.text());
        second.assert_running();
        let staff = get_with(&client, &format!("{use_at}/staff")).await;
        assert_eq!(
            staff.status, 200,
            "the session from {login_at} works at {use_at}"
        );
        assert!(staff.contains("editor@example.org"), "{}", staff.text());
    }

    // Submissions to both in turn: each gets its receipt page and its confirmation email.
    let mut emails = Vec::new();
    for i in 0..6 {
        let base = if i % 2 == 0 { &a } else { &b };
        let email = format!("witness{i}@example.org");
        let mut fields = typical();
        for (k, v) in fields.iter_mut() {
            if *k == "email" {
                *v = email.clone();
            }
        }
        let witness = app.other_client();
        let res = submit_testimony_at(&witness, base, "shared", &fields, vec![]).await;
        assert_eq!(res.status, 303, "submission {i} at {base}: {}", res.text());
        emails.push(email);
    }
    let editor = app.other_client();
    submit_with(
        &editor,
        &b,
        "/login",
        "/login",
        &[
            ("email", "editor@example.org"),
            ("password", crate::helpers::PASSWORD),
        ],
    )
    .await;
    for base in [&a, &b] {
        let queue = get_with(&editor, &format!("{base}/staff/review")).await;
        assert_eq!(queue.status, 200);
        assert!(
            queue.contains("6 testimonies") || queue.body.matches("/staff/testimony/").count() >= 6,
            "{base} sees all six: {}",
            queue.text()
        );
    }
    // Both instances poll the outbox every second. A witness's address is never written
    // to a mail file: the six confirmations show as six files to the placeholder.
    let witness_mail = || mails_in(&app.mail_dir, "witness@address-not-kept.invalid").len();
    let unsent = || {
        use diesel::prelude::*;
        use peoples_upr::db::schema::outbox;
        app.db(|c| {
            outbox::table
                .filter(outbox::kind.eq("testimony-confirmation"))
                .filter(outbox::sent_at.is_null())
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
    };
    for _ in 0..150 {
        if unsent() == 0 && witness_mail() >= emails.len() {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A few more polls of both instances: nothing is sent twice.
    actix_web::rt::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(unsent(), 0, "every confirmation was sent");
    assert_eq!(
        witness_mail(),
        emails.len(),
        "each confirmation went out exactly once"
    );
}

/// On PostgreSQL, an instance claiming messages while another holds some skips those
/// rows instead of waiting for them (or taking them too), and gets them once released.
#[actix_web::test]
async fn claims_skip_the_messages_another_instance_is_claiming() {
    use diesel::connection::SimpleConnection as _;
    use peoples_upr::db::outbox;
    // The app's own sender stays asleep: only this test claims.
    let Some(app) =
        TestApp::spawn_with(Backend::Postgres, &[("UPR_MAIL_POLL_SECONDS", "3600")]).await
    else {
        return;
    };
    let hold = chrono::Duration::minutes(5);
    let mut first = app.pool.get().unwrap();
    let mut second = app.pool.get().unwrap();
    let ids: Vec<String> = (0..3)
        .map(|i| outbox::enqueue(&mut first, "test", vec![i]).unwrap())
        .collect();
    // A waiting statement fails after two seconds instead of hanging the test.
    second
        .batch_execute("SET statement_timeout = '2s'")
        .unwrap();

    first.batch_execute("BEGIN").unwrap();
    let held = outbox::claim_due(&mut first, 1, hold).unwrap();
    assert_eq!(held.len(), 1);
    let others = outbox::claim_due(&mut second, 10, hold)
        .expect("the other instance is not kept waiting by the held row");
    let mut others: Vec<String> = others.into_iter().map(|c| c.id).collect();
    others.sort();
    let mut expected: Vec<String> = ids
        .iter()
        .filter(|id| **id != held[0].id)
        .cloned()
        .collect();
    expected.sort();
    assert_eq!(
        others, expected,
        "the two rows not held, and not the held one"
    );

    // The first instance gives up its claim (its transaction ends unfinished): the
    // message is free again and the other instance takes it.
    first.batch_execute("ROLLBACK").unwrap();
    let later = outbox::claim_due(&mut second, 10, hold).unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].id, held[0].id);
    assert!(
        outbox::claim_due(&mut second, 10, hold).unwrap().is_empty(),
        "all claimed"
    );
}
