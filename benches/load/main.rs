//! Measured speed: drive the real server with concurrent clients and print a table.
//!
//! `cargo bench --bench load` builds the release binary, fills a fresh database with
//! `demo`, starts `serve` on a free port of 127.0.0.1 and, for each phase, runs N
//! clients for T seconds, counting only correct answers (status 200 and a marker in the
//! page). It compares public pages with a bare actix-web "hello world" and submissions
//! with raw durable inserts into the same database, measures page latency while 16
//! logins run at once, floods the form with large uploads, and reads the server's peak
//! memory. Settings (environment): UPR_LOAD_CLIENTS (64), UPR_LOAD_SECONDS (10 per
//! phase), UPR_LOAD_TESTIMONIES, UPR_LOAD_DATABASE (`sqlite`, or a `postgres://` URL
//! under which a scratch database is made and dropped), UPR_LOAD_STAFF_CLIENTS (4: editors
//! working at once in the queue and search phases), UPR_LOAD_THREADS (2, the load
//! generator's own threads), UPR_LOAD_UPLOAD_MB (8). It is a measurement, not a test.

// A measuring program: a failed step ends it with its message, as in tests.
#![allow(clippy::expect_used)]

mod baselines;
mod client;
mod phases;
mod report;
mod server;

use std::sync::Arc;

use client::{Stats, run_phase};
use report::{Measure, Row};

/// The run's settings, from the environment.
pub struct Settings {
    pub clients: usize,
    /// Editors working at once in the queue and search phases.
    pub staff_clients: usize,
    pub seconds: u64,
    pub testimonies: u64,
    pub database: String,
    pub threads: usize,
    pub upload_mb: usize,
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

impl Settings {
    fn from_env() -> Self {
        Settings {
            clients: env("UPR_LOAD_CLIENTS", 64).max(1) as usize,
            staff_clients: env("UPR_LOAD_STAFF_CLIENTS", 4).max(1) as usize,
            seconds: env("UPR_LOAD_SECONDS", 10).max(1),
            testimonies: env("UPR_LOAD_TESTIMONIES", report::DEFAULT_TESTIMONIES),
            database: std::env::var("UPR_LOAD_DATABASE").unwrap_or_else(|_| "sqlite".into()),
            threads: env("UPR_LOAD_THREADS", 2).max(1) as usize,
            upload_mb: env("UPR_LOAD_UPLOAD_MB", 8).clamp(1, 10) as usize,
        }
    }
}

/// How many logins run at once in the login phase.
const LOGINS: usize = 16;

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this file too, and
    // then it only says how to run it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("The load benchmark runs with: cargo bench --bench load");
        return Ok(());
    }
    let s = Settings::from_env();
    report::print_settings(&s);
    let mut server = server::start(&s.database, s.testimonies)?;
    println!(
        "The demo filled the database in {:.1} s; the server runs at {} with {} workers.",
        server.demo_took.as_secs_f64(),
        server.base,
        server.workers
    );
    let url = peoples_upr::db::DatabaseUrl::parse(&server.database_url)?;
    let writers = baselines::raw_insert_writers(&url, s.clients);
    let raw = baselines::raw_inserts(&url, writers, s.seconds)?;

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(s.threads)
        .enable_all()
        .build()?;
    let (rows, measures) = rt.block_on(http_phases(&s, &mut server, raw))?;
    report::print_tables(&s, &rows, &measures);
    Ok(())
}

/// Every phase that goes through HTTP, in order; returns the table's rows and the
/// other measures (memory, bytes).
async fn http_phases(
    s: &Settings,
    server: &mut server::Server,
    raw: Stats,
) -> anyhow::Result<(Vec<Row>, Vec<Measure>)> {
    let n = s.clients;
    let base = server.base.clone();
    let per_client = |follow: bool| -> Arc<Vec<reqwest::Client>> {
        Arc::new((0..n).map(|_| client::client(follow)).collect())
    };

    let (hello_url, hello_handle) = baselines::hello_world(server.workers)?;
    let hello = run_phase(
        "hello world (bare actix-web)",
        n,
        s.seconds,
        phases::page(&per_client(true), format!("{hello_url}/"), "Hello world!"),
        true,
    )
    .await;
    hello_handle.stop(false).await;

    let slug = phases::open_hearing(&base)
        .await
        .map_err(anyhow::Error::msg)?;
    let public = per_client(true);
    let mut pages = Vec::new();
    for (name, path, marker) in [
        ("home page", "/".to_string(), phases::HOME),
        ("hearing list", "/hearings".to_string(), phases::HEARINGS),
        (
            "hearing page with its form",
            format!("/hearings/{slug}"),
            phases::FORM,
        ),
        (
            "stylesheet",
            "/static/site.css".to_string(),
            phases::STYLESHEET,
        ),
    ] {
        let op = phases::page(&public, format!("{base}{path}"), marker);
        pages.push(run_phase(name, n, s.seconds, op, true).await);
    }
    let submissions = run_phase(
        "complete submissions (form, then post)",
        n,
        s.seconds,
        phases::submission(&base, &slug, n, None),
        true,
    )
    .await;

    let editor = phases::login(&base, &server.editor.email, &server.editor.password)
        .await
        .map_err(anyhow::Error::msg)?;
    let staff = Arc::new(vec![editor]);
    let queue = run_phase(
        "editor's review queue",
        s.staff_clients,
        s.seconds,
        phases::page(&staff, format!("{base}/staff/review"), phases::QUEUE),
        true,
    )
    .await;
    let search = run_phase(
        "search (signed in as the editor)",
        s.staff_clients,
        s.seconds,
        phases::page(
            &staff,
            format!("{base}/staff/search?q=detention"),
            phases::SEARCH,
        ),
        true,
    )
    .await;

    let memory_before_logins = server.peak_memory();
    let (during, logins) = tokio::join!(
        run_phase(
            "hearing page while 16 logins run",
            n,
            s.seconds,
            phases::page(&public, format!("{base}/hearings/{slug}"), phases::FORM),
            true,
        ),
        run_phase(
            "logins (16 at once, Argon2)",
            LOGINS,
            s.seconds,
            phases::logins(&base, &server.editor.email, &server.editor.password),
            false,
        )
    );
    let memory_pages = server.peak_memory();

    let png: &'static [u8] =
        Box::leak(baselines::png_of_size(s.upload_mb << 20).into_boxed_slice());
    let uploads = run_phase(
        &format!("upload flood ({} MB PNG each)", s.upload_mb),
        n,
        s.seconds,
        phases::submission(&base, &slug, n, Some(png)),
        true,
    )
    .await;
    let memory_uploads = server.peak_memory();
    anyhow::ensure!(server.alive(), "the server stopped during the run");

    let form = format!("{base}/hearings/{slug}");
    let css = format!("{base}/static/site.css");
    let mut bytes = [(0, false); 4];
    for (i, (url, gzip)) in [(&form, false), (&css, false), (&form, true), (&css, true)]
        .into_iter()
        .enumerate()
    {
        bytes[i] = phases::transferred(url, gzip)
            .await
            .map_err(anyhow::Error::msg)?;
    }

    let rows = report::rows(report::Measured {
        hello,
        pages,
        submissions,
        raw,
        queue,
        search,
        during,
        logins,
        uploads,
    });
    let measures = report::measures([memory_before_logins, memory_pages, memory_uploads], bytes);
    Ok((rows, measures))
}
