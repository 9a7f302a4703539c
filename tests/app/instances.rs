//! Two instances on one PostgreSQL database: the test's own server and the real binary
//! started as a second process with the same keys and mail folder. Logins and
//! submissions go to both in turn; a session made on one works on the other, testimony
//! given to either is seen by both, and every confirmation email goes out exactly once
//! although both instances send from the same outbox.

use std::io::BufRead as _;
use std::process::{Command, Stdio};

use base64::Engine as _;
use peoples_upr::db::DatabaseUrl;
use peoples_upr::domain::account::Role;

use crate::helpers::{Backend, TestApp, get_with, mails_in, submit_with};
use crate::testimony::{open_hearing, submit_testimony_at, typical};

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `peoples-upr serve` with these settings; returns the process and its address.
fn second_instance(env: &[(&str, String)], log: &std::path::Path) -> (KillOnDrop, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_peoples-upr"));
    cmd.env_clear()
        .env("UPR_LOG", "warn")
        .env("UPR_WORKERS", "1")
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).expect("a log file"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = KillOnDrop(cmd.spawn().expect("start the binary"));
    let stdout = child.0.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Read to the end, even once nobody listens: a closed pipe would stop the server.
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(60)) {
        if let Some(rest) = line.strip_prefix("People's UPR is running at ") {
            let base = rest.split('/').take(3).collect::<Vec<_>>().join("/");
            return (child, base);
        }
        seen.push(line);
    }
    panic!("the second instance did not start: {}", seen.join("\n"));
}

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
    let (mut child, b) = second_instance(
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
    let alive = |child: &mut KillOnDrop| {
        if let Ok(Some(status)) = child.0.try_wait() {
            panic!(
                "the second instance exited ({status}): {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
    };
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
        alive(&mut child);
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
