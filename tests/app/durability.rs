//! Durability: the real binary, started as its own process, takes testimony from many
//! witnesses at once and is killed with SIGKILL in the middle of it. Restarted on the same
//! database, it knows every testimony whose receipt page a witness saw: the words as sent,
//! and the consent as given.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use peoples_upr::db;
use peoples_upr::domain::consent::{ConsentScope, ConsentSet};

use crate::both_databases;
use crate::helpers::{Page, TestApp, get_with, submit_with};
use crate::process::Server;
use crate::testimony::open_hearing;

both_databases!(
    every_receipt_shown_before_a_sigkill_is_kept,
    a_database_that_could_lose_a_commit_is_named_at_start,
);

/// Witnesses sending at the same time.
const CLIENTS: usize = 24;
/// Receipts to see before the server is killed.
const RECEIPTS_BEFORE_KILL: usize = 48;

/// A submission whose receipt page the witness saw.
#[derive(Clone, Debug)]
struct Receipted {
    code: String,
    body: String,
    consent: ConsentSet,
}

/// What the witnesses saw, shared between them.
#[derive(Default)]
struct Witnessed {
    receipts: Mutex<Vec<Receipted>>,
    /// Set just before the SIGKILL: failures after it are expected, failures before are not.
    killing: AtomicBool,
    failures_before_kill: Mutex<Vec<String>>,
}

/// The words of witness `client`'s `n`-th testimony: unique, with accents, punctuation
/// that HTML escapes, and a paragraph break.
fn words(client: usize, n: usize) -> String {
    format!(
        "Witness {client}, testimony {n}: they held us nine days in the cold room (\"la hielera\") & my son saw no doctor.\n\nAfter {n} nights, <nobody> told us why. Señora Núñez waited with us."
    )
}

/// The consent of that testimony: a different combination each time, without the scope
/// that needs contact details.
fn consent_for(client: usize, n: usize) -> ConsentSet {
    let open: Vec<ConsentScope> = ConsentScope::ALL
        .into_iter()
        .filter(|s| *s != ConsentScope::ContactForFollowUp)
        .collect();
    let mask = (client * 7 + n) % (1 << open.len());
    ConsentSet::new(
        open.into_iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, s)| s),
    )
}

/// One witness's whole visit: fetch the form, send it, open the receipt page.
/// `Ok(None)` when the answer was not a receipt; `Err` when the server could not be reached.
async fn send_one(
    base: &str,
    slug: &str,
    address: &str,
    body: &str,
    consent: &ConsentSet,
) -> Result<Option<String>, String> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()
        .expect("http client");
    let get = |path: String| {
        let client = client.clone();
        async move {
            let res = client.get(path).send().await.map_err(|e| e.to_string())?;
            let status = res.status().as_u16();
            let body = res.text().await.map_err(|e| e.to_string())?;
            Ok::<_, String>((status, body))
        }
    };
    let (status, html) = get(format!("{base}/hearings/{slug}")).await?;
    let page = Page {
        status,
        headers: Default::default(),
        body: html,
    };
    if status != 200 {
        return Ok(None);
    }
    let mut form = page
        .form_keys()
        .text("website", "")
        .text("body", body.to_string())
        .text("witness_role", "directly-affected")
        .text("place_state", "Texas")
        .text("period_from", "2025-03")
        .text("themes", "immigration-detention")
        .text("language", "en");
    for scope in consent.iter() {
        form = form.text("consent", scope.code());
    }
    let res = client
        .post(format!("{base}/hearings/{slug}/testimony"))
        .header("X-Forwarded-For", address)
        .multipart(form)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let answer = res.text().await.map_err(|e| e.to_string())?;
    if status != 303 || location.as_deref() != Some("/receipt") {
        let text = Page {
            status,
            headers: Default::default(),
            body: answer,
        }
        .text();
        return Err(format!("answer {status}: {text}"));
    }
    let (status, html) = get(format!("{base}/receipt")).await?;
    let receipt = Page {
        status,
        headers: Default::default(),
        body: html,
    };
    let code = receipt.text_of("#receipt-code");
    Ok((status == 200 && !code.is_empty()).then_some(code))
}

/// A witness sending testimony after testimony until the server stops answering.
async fn witness(base: String, slug: &'static str, client: usize, seen: Arc<Witnessed>) {
    for n in 0.. {
        let body = words(client, n);
        let consent = consent_for(client, n);
        // Each submission from its own address, so that no flood limit applies.
        let address = format!("10.{}.{}.{}", client, n / 200, n % 200 + 1);
        let outcome = send_one(&base, slug, &address, &body, &consent).await;
        let failure = match outcome {
            Ok(Some(code)) => {
                seen.receipts.lock().unwrap().push(Receipted {
                    code,
                    body,
                    consent,
                });
                continue;
            }
            Ok(None) => "no receipt page".to_string(),
            Err(e) => e,
        };
        if !seen.killing.load(Ordering::SeqCst) {
            seen.failures_before_kill
                .lock()
                .unwrap()
                .push(format!("witness {client}, testimony {n}: {failure}"));
        }
        return;
    }
}

/// What the restarted server shows a witness who enters `code` on the receipt check page.
async fn witness_page(base: &str, code: &str) -> Page {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    let opened = submit_with(&client, base, "/check", "/check", &[("code", code)]).await;
    assert_eq!(
        (opened.status, opened.location()),
        (303, Some("/my-testimony")),
        "the receipt {code} opens its testimony: {}",
        opened.text()
    );
    get_with(&client, &format!("{base}/my-testimony")).await
}

async fn every_receipt_shown_before_a_sigkill_is_kept(app: TestApp) {
    let slug = "durable";
    open_hearing(&app, slug);
    let mut env = vec![
        ("UPR_DATA_DIR", app.data_dir.path().display().to_string()),
        ("UPR_MAIL_DIR", app.mail_dir.display().to_string()),
        ("UPR_TRUST_FORWARDED_FOR", "true".to_string()),
        ("UPR_WORKERS", "2".to_string()),
    ];
    if let db::DatabaseUrl::Postgres(url) = &app.state.config.database_url {
        env.push(("DATABASE_URL", url.clone()));
    }
    let logs = tempfile::tempdir().unwrap();
    let mut server = Server::start(&env, &logs.path().join("first.log"));

    let seen = Arc::new(Witnessed::default());
    let witnesses: Vec<_> = (0..CLIENTS)
        .map(|client| {
            actix_web::rt::spawn(witness(server.base.clone(), slug, client, seen.clone()))
        })
        .collect();
    // Wait for the first receipts, then kill the server while the witnesses keep sending.
    for _ in 0..1200 {
        let shown = seen.receipts.lock().unwrap().len();
        let failed = !seen.failures_before_kill.lock().unwrap().is_empty();
        if shown >= RECEIPTS_BEFORE_KILL || failed {
            break;
        }
        server.assert_running();
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    seen.killing.store(true, Ordering::SeqCst);
    server.kill();
    for w in witnesses {
        w.await.expect("a witness finished");
    }
    let failures = seen.failures_before_kill.lock().unwrap().clone();
    assert!(
        failures.is_empty(),
        "submissions failed while the server was up: {failures:#?}\n{}",
        server.log_text()
    );
    // A database whose plans would go stale was named at start.
    assert_eq!(
        server
            .printed()
            .contains("WARNING: PostgreSQL runs with autovacuum = off"),
        autovacuum_off(&app),
        "{}",
        server.printed()
    );
    let receipts = seen.receipts.lock().unwrap().clone();
    assert!(
        receipts.len() >= RECEIPTS_BEFORE_KILL,
        "only {} receipts were shown before the kill",
        receipts.len()
    );

    // Restarted on the same database, the server works as before.
    let mut server = Server::start(&env, &logs.path().join("second.log"));
    let home = get_with(&app.client, &server.base).await;
    assert_eq!(home.status, 200, "{}", home.text());
    let form = get_with(&app.client, &format!("{}/hearings/{slug}", server.base)).await;
    assert_eq!(form.status, 200);
    assert!(!form.csrf().is_empty(), "the form is offered again");

    // Every receipt a witness saw opens its testimony, with the words and consent given.
    for r in &receipts {
        let mine = witness_page(&server.base, &r.code).await;
        assert_eq!(mine.status, 200, "{}", mine.text());
        assert_eq!(
            mine.text_of(".testimony-text"),
            r.body,
            "the witness's words for {}",
            r.code
        );
        for scope in ConsentScope::ALL {
            assert_eq!(
                mine.is_checked("consent", scope.code()),
                r.consent.contains(scope),
                "consent to {} for {}",
                scope.code(),
                r.code
            );
        }

        let digits: String = r.code.chars().filter(char::is_ascii_digit).collect();
        let hash = app.keys.keyed_hash("receipt", digits.as_bytes());
        let t = app
            .db(|c| db::testimony::find_by_receipt_hash(c, &hash))
            .unwrap()
            .unwrap_or_else(|| panic!("the testimony of {} is in the database", r.code));
        assert_eq!(app.original(&t.id).body.reveal(), r.body, "sealed intact");
        let history = app
            .db(|c| db::testimony::consent_history(c, t.id.as_str()))
            .unwrap();
        assert_eq!(history.len(), 1, "one consent record for {}", r.code);
        assert_eq!(history[0].method, "online");
        assert_eq!(history[0].scopes(), r.consent);
    }

    // New testimony is taken as before.
    let after = send_one(
        &server.base,
        slug,
        "10.250.0.1",
        &words(99, 0),
        &consent_for(99, 0),
    )
    .await;
    assert!(
        matches!(after, Ok(Some(_))),
        "a receipt after the restart: {after:?}"
    );
    server.assert_running();
}

/// The server's connections keep each commit through a power cut, and a setting that
/// would not is named (the server prints it at start).
async fn a_database_that_could_lose_a_commit_is_named_at_start(app: TestApp) {
    use diesel::connection::SimpleConnection as _;
    let safe = app.db(db::durability::warnings).unwrap();
    assert!(safe.is_empty(), "the defaults keep each commit: {safe:?}");

    let (weaken, restore, named) = match app.backend {
        crate::helpers::Backend::Sqlite => (
            "PRAGMA synchronous = NORMAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA synchronous",
        ),
        crate::helpers::Backend::Postgres => (
            "SET synchronous_commit = off",
            "RESET synchronous_commit",
            "synchronous_commit = off",
        ),
    };
    let unsafe_settings = app.db(|c| {
        c.batch_execute(weaken).unwrap();
        let found = db::durability::warnings(c);
        c.batch_execute(restore).unwrap();
        found
    });
    let unsafe_settings = unsafe_settings.unwrap();
    assert_eq!(unsafe_settings.len(), 1, "{unsafe_settings:?}");
    assert!(
        unsafe_settings[0].0.contains(named),
        "{}",
        unsafe_settings[0]
    );

    // Plans that would go stale are named too: PostgreSQL with autovacuum off.
    let stale = app.db(db::upkeep::warnings).unwrap();
    assert_eq!(stale.len(), usize::from(autovacuum_off(&app)), "{stale:?}");
}

/// Whether the test's database is PostgreSQL with autovacuum off (some machines run it so).
fn autovacuum_off(app: &TestApp) -> bool {
    use diesel::RunQueryDsl as _;
    #[derive(diesel::QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        autovacuum: String,
    }
    match app.backend {
        crate::helpers::Backend::Sqlite => false,
        crate::helpers::Backend::Postgres => app.db(|c| {
            diesel::sql_query("SHOW autovacuum")
                .get_result::<Setting>(c)
                .unwrap()
                .autovacuum
                == "off"
        }),
    }
}
