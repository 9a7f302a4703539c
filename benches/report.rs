//! Compile a report over many testimonies and time each output.
//!
//! `cargo bench --bench report` fills a fresh SQLite database in a temporary folder with
//! `demo` data (10,000 testimonies and a report of 300 recommendations by default; set
//! `UPR_BENCH_TESTIMONIES` and `UPR_BENCH_RECOMMENDATIONS` to change them), then times
//! loading the publishable projection, compiling, rendering each output, and the leak
//! scan, and prints a table. It is a measurement, not a test: nothing is asserted.

// A measuring program: a failed step ends it with its message, as in tests.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use peoples_upr::demo::{self, DemoOptions};
use peoples_upr::service::reports::{content, publish};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn timed<T>(
    rows: &mut Vec<(String, Duration, String)>,
    what: &str,
    f: impl FnOnce() -> (T, String),
) -> T {
    let start = Instant::now();
    let (value, note) = f();
    rows.push((what.to_string(), start.elapsed(), note));
    value
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this file too, and
    // then it only says how to run it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("The report benchmark runs with: cargo bench --bench report");
        return Ok(());
    }
    let testimonies = env("UPR_BENCH_TESTIMONIES", 10_000);
    let recommendations = env("UPR_BENCH_RECOMMENDATIONS", 300) as usize;
    let dir = tempfile::tempdir()?;
    let url = peoples_upr::db::DatabaseUrl::Sqlite(dir.path().join("bench.sqlite3"));
    let pool = peoples_upr::db::connect(&url)?;
    let mut conn = pool.get()?;
    peoples_upr::db::migrate(&mut conn, |_| Ok(()))?;
    let keys = peoples_upr::crypto::DataKeys::new(&rand::random::<[u8; 32]>());
    let opts = DemoOptions {
        testimonies,
        seed: 7,
        keys,
        site: "http://127.0.0.1:8080".into(),
    };
    eprintln!("Making {testimonies} testimonies (this takes a few minutes)...");
    let bar = indicatif::ProgressBar::new(testimonies);
    let made = demo::run(&mut conn, dir.path(), &opts, &|n| bar.set_position(n))?;
    bar.finish_and_clear();
    eprintln!("Making a report of {recommendations} recommendations...");
    let report = demo::report::make(&mut conn, &made, recommendations)?;
    // A new draft of the published version: compiled from the database like any draft.
    let version =
        peoples_upr::service::reports::new_version(&mut conn, &made.editor, &report.version_id)?;

    let mut rows = Vec::new();
    let hearings: Vec<String> = made
        .hearings
        .iter()
        .map(|h| h.as_str().to_string())
        .collect();
    let projection = timed(&mut rows, "load the publishable projection", || {
        let t = content::publishable(&mut conn, &hearings, None).expect("projection");
        let n = t.len();
        (t, format!("{n} publishable testimonies"))
    });
    let stored = timed(&mut rows, "load the version's content", || {
        (
            content::load_content(&mut conn, &version).expect("content"),
            String::new(),
        )
    });
    let compiled = timed(&mut rows, "compile", || {
        let c = peoples_upr::report::compile::compile(&stored, &projection);
        let note = format!(
            "{} recommendations, {} sources, {} words",
            c.report.conclusions.recommendations.len(),
            c.report.sources.len(),
            c.report.words.count
        );
        (c, note)
    });
    let r = &compiled.report;
    let mut files = Vec::new();
    for kind in publish::KINDS {
        let bytes = timed(&mut rows, &format!("render {kind}"), || {
            let b = match kind {
                "html" => peoples_upr::report::html::render_html(r)
                    .expect("html")
                    .into_bytes(),
                "docx" => peoples_upr::report::docx::render_docx(r).expect("docx"),
                "csv" => peoples_upr::report::csv::render_csv(r).expect("csv"),
                _ => peoples_upr::report::json::render_json(r).expect("json"),
            };
            let n = b.len();
            (b, format!("{} KB", n / 1024))
        });
        files.push(publish::File { kind, bytes });
    }
    timed(&mut rows, "leak scan (without the sealed needles)", || {
        let texts = publish::texts(&files).expect("texts");
        let hits = peoples_upr::report::leak::scan(
            &texts,
            &[],
            std::slice::from_ref(&r.contact.email),
            &[],
        );
        ((), format!("{} pattern findings", hits.len()))
    });
    let total: Duration = rows.iter().map(|r| r.1).sum();
    println!();
    println!(
        "Report benchmark: {testimonies} testimonies, {recommendations} recommendations (SQLite, this machine)"
    );
    println!("{:<42} {:>10}", "step", "time");
    for (what, took, note) in &rows {
        println!("{what:<42} {:>8.1} ms  {note}", took.as_secs_f64() * 1000.0);
    }
    println!("{:<42} {:>8.1} ms", "total", total.as_secs_f64() * 1000.0);
    if let Some(why) = report.not_published {
        println!("(the demo report was not published: {why})");
    }
    Ok(())
}
