//! The printed part: settings and machine at the top, then the results as markdown
//! tables (so they can be pasted into the README), each row against its target.

use crate::Settings;
use crate::client::Stats;

/// The default number of demo testimonies.
/// The default number of demo testimonies. The targets for the review queue and search
/// are stated over 50,000 (`UPR_LOAD_TESTIMONIES=50000`), but making those takes the
/// demo about ten minutes on two cores, so the default keeps a run near five minutes.
pub const DEFAULT_TESTIMONIES: u64 = 10_000;

/// Everything the phases measured.
pub struct Measured {
    pub hello: Stats,
    /// Home, hearing list, hearing page, stylesheet.
    pub pages: Vec<Stats>,
    pub submissions: Stats,
    pub raw: Stats,
    pub queue: Stats,
    pub search: Stats,
    /// The hearing page while logins run.
    pub during: Stats,
    pub logins: Stats,
    pub uploads: Stats,
}

/// One row of the main table.
pub struct Row {
    stats: Stats,
    ratio: Option<(f64, &'static str)>,
    target: String,
    met: Option<bool>,
}

/// A figure that is not a rate: memory, bytes.
pub struct Measure {
    what: String,
    value: String,
    target: String,
    met: Option<bool>,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// The rows, each compared with its yardstick and target.
pub fn rows(m: Measured) -> Vec<Row> {
    let hello_rate = m.hello.rate();
    let raw_rate = m.raw.rate();
    let page_p99 = m.pages.get(2).map_or(0.0, |p| p.ms(0.99));
    let mut rows = vec![Row {
        stats: m.hello,
        ratio: Some((1.0, "hello")),
        target: "yardstick".into(),
        met: None,
    }];
    for (i, p) in m.pages.into_iter().enumerate() {
        let r = ratio(p.rate(), hello_rate);
        let public = i < 3;
        rows.push(Row {
            stats: p,
            ratio: Some((r, "hello")),
            target: if public {
                "≥ 0.5× hello".into()
            } else {
                "-".into()
            },
            met: public.then_some(r >= 0.5),
        });
    }
    let r = ratio(m.submissions.rate(), raw_rate);
    let p99 = m.submissions.ms(0.99);
    let ok = m.submissions.ok > 0;
    rows.push(Row {
        ratio: Some((r, "raw")),
        target: "p99 < 25 ms, ≥ 0.3× raw".into(),
        met: Some(ok && p99 < 25.0 && r >= 0.3),
        stats: m.submissions,
    });
    rows.push(Row {
        stats: m.raw,
        ratio: Some((1.0, "raw")),
        target: "yardstick".into(),
        met: None,
    });
    for staff in [m.queue, m.search] {
        let ok = staff.ok > 0 && staff.ms(0.99) < 50.0;
        rows.push(Row {
            stats: staff,
            ratio: None,
            target: "p99 < 50 ms".into(),
            met: Some(ok),
        });
    }
    let r = ratio(m.during.ms(0.99), page_p99);
    let ok = m.during.ok > 0;
    rows.push(Row {
        stats: m.during,
        ratio: Some((r, "p99 alone")),
        target: "p99 ≤ 1.5× the page alone".into(),
        met: Some(ok && r <= 1.5),
    });
    rows.push(Row {
        stats: m.logins,
        ratio: None,
        target: "-".into(),
        met: None,
    });
    let ok = m.uploads.ok > 0;
    rows.push(Row {
        stats: m.uploads,
        ratio: None,
        target: "answers (memory below)".into(),
        met: Some(ok),
    });
    rows
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Peak memory before the logins, after them, and after the upload flood, and the
/// bytes of the form page: `bytes` is (form, css) plain, then (form, css) with gzip
/// asked for.
pub fn measures(memory: [Option<u64>; 3], bytes: [(usize, bool); 4]) -> Vec<Measure> {
    let row = |what: &str, v: Option<u64>| Measure {
        what: what.into(),
        value: v.map_or("unknown".into(), |b| format!("{:.1} MB", mb(b))),
        target: "< 64 MB".into(),
        met: v.map(|b| b < 64 << 20),
    };
    let plain = bytes[0].0 + bytes[1].0;
    let wire = bytes[2].0 + bytes[3].0;
    let compressed = match (bytes[2].1, bytes[3].1) {
        (true, true) => "both gzip-compressed",
        (true, false) => "the page compressed, the stylesheet not",
        (false, true) => "the stylesheet compressed, the page not",
        (false, false) => "the server did not compress",
    };
    vec![
        row(
            "server peak memory (VmHWM) after the page, submission and staff phases",
            memory[0],
        ),
        row("server peak memory (VmHWM) after the logins", memory[1]),
        row(
            "server peak memory (VmHWM) after the upload flood",
            memory[2],
        ),
        form_bytes(
            "form page, HTML + CSS, uncompressed".into(),
            plain,
            bytes[0].0,
            bytes[1].0,
        ),
        form_bytes(
            format!("form page, HTML + CSS, on the wire with gzip asked ({compressed})"),
            wire,
            bytes[2].0,
            bytes[3].0,
        ),
    ]
}

/// The form page's size: the total, then the page's and the stylesheet's shares.
fn form_bytes(what: String, total: usize, page: usize, css: usize) -> Measure {
    let kb = |n: usize| n as f64 / 1024.0;
    Measure {
        what,
        value: format!("{:.1} KB ({:.1} + {:.1})", kb(total), kb(page), kb(css)),
        target: "< 40 KB".into(),
        met: Some(total < 40 * 1024),
    }
}

fn met(m: Option<bool>) -> &'static str {
    match m {
        Some(true) => "met",
        Some(false) => "**missed**",
        None => "",
    }
}

/// The machine: cores, CPU model, memory, and the date.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU".to_string(), |(_, m)| m.trim().to_string());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or("unknown".into(), |kb| {
            format!("{:.1} GB", kb as f64 / 1048576.0)
        });
    format!(
        "{cores} cores ({model}), {memory} of memory, {}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    )
}

pub fn print_settings(s: &Settings) {
    println!("Load benchmark of peoples-upr");
    println!("  machine: {}", machine());
    println!(
        "  UPR_LOAD_CLIENTS={} UPR_LOAD_STAFF_CLIENTS={} UPR_LOAD_SECONDS={} (per phase) UPR_LOAD_TESTIMONIES={} UPR_LOAD_DATABASE={} UPR_LOAD_THREADS={} UPR_LOAD_UPLOAD_MB={}",
        s.clients, s.staff_clients, s.seconds, s.testimonies, s.database, s.threads, s.upload_mb
    );
    println!(
        "  Throttling: the server trusts X-Forwarded-For in this run and each submission \
         gives a new address, so the limit of 20 submissions an hour per address does not \
         refuse the load. Logins use the right password, which the login throttle does not count."
    );
    println!();
}

pub fn print_tables(s: &Settings, rows: &[Row], measures: &[Measure]) {
    println!();
    println!(
        "Machine: {}. {} clients, {} s per phase, {} demo testimonies, database: {}.",
        machine(),
        s.clients,
        s.seconds,
        s.testimonies,
        if s.database.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    println!();
    println!("| phase | clients | req/s | p50 ms | p99 ms | errors | ratio | target | |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|---|");
    for r in rows {
        let ratio = r
            .ratio
            .map_or(String::new(), |(v, to)| format!("{v:.2}× {to}"));
        println!(
            "| {} | {} | {:.1} | {:.2} | {:.2} | {} | {} | {} | {} |",
            r.stats.name,
            r.stats.clients,
            r.stats.rate(),
            r.stats.ms(0.50),
            r.stats.ms(0.99),
            r.stats.errors,
            ratio,
            r.target,
            met(r.met)
        );
    }
    println!();
    println!("| measure | value | target | |");
    println!("|---|---:|---|---|");
    for m in measures {
        println!(
            "| {} | {} | {} | {} |",
            m.what,
            m.value,
            m.target,
            met(m.met)
        );
    }
    if s.testimonies < 50_000 {
        println!();
        println!(
            "The queue and search targets are stated over 50,000 testimonies; this run has {} \
             (UPR_LOAD_TESTIMONIES=50000 for the full size).",
            s.testimonies
        );
    }
    if s.clients != 64 || s.database.starts_with("postgres") {
        println!();
        println!("The submission target is stated for 64 clients on SQLite.");
    }
    for r in rows {
        if let Some(e) = &r.stats.first_error {
            println!();
            println!("First error in \"{}\": {e}", r.stats.name);
        }
    }
}
