//! The server under test: the release binary, run as `demo` on a fresh database and
//! then as `serve` on a free port of 127.0.0.1, with its peak memory read from /proc.

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use diesel::{Connection as _, RunQueryDsl as _};

/// The demo editor the staff phases sign in as.
pub struct Editor {
    pub email: String,
    pub password: String,
}

/// A running server; stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub database_url: String,
    pub editor: Editor,
    pub demo_took: Duration,
    pub workers: usize,
    /// The PostgreSQL database made for this run, dropped at the end.
    scratch_pg: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some((admin_url, name)) = &self.scratch_pg
            && let Ok(mut c) = diesel::PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut c);
        }
    }
}

fn b64_random(n: usize) -> String {
    let bytes: Vec<u8> = (0..n).map(|_| rand::random::<u8>()).collect();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A fresh database for the run: a file in the temporary folder, or a new PostgreSQL
/// database next to the one named by `database` (which is left untouched).
fn fresh_database(
    database: &str,
    dir: &std::path::Path,
) -> anyhow::Result<(String, Option<(String, String)>)> {
    if !database.starts_with("postgres") {
        return Ok((
            format!("sqlite://{}", dir.join("load.sqlite3").display()),
            None,
        ));
    }
    let name = format!("upr_load_{}", hex::encode(rand::random::<[u8; 6]>()));
    let mut admin = diesel::PgConnection::establish(database)?;
    diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin)?;
    let (head, query) = match database.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (database, String::new()),
    };
    let after_scheme = head.find("://").map_or(0, |i| i + 3);
    let base = match head[after_scheme..].find('/') {
        Some(i) => &head[..after_scheme + i],
        None => head,
    };
    Ok((
        format!("{base}/{name}{query}"),
        Some((database.to_string(), name)),
    ))
}

/// The settings both commands get: the same database, keys, data and mail folders.
/// Submissions are throttled per client address; the server is told to trust
/// `X-Forwarded-For` so that each simulated witness can give its own address.
fn command(env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_peoples-upr"));
    cmd.env_clear().env("UPR_LOG", "warn");
    // The allocator's own settings (`MIMALLOC_PURGE_DELAY`, ...), to measure their effect.
    for (k, v) in std::env::vars().filter(|(k, _)| k.starts_with("MIMALLOC_")) {
        cmd.env(k, v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Fill a fresh database with `demo --testimonies N`, then start `serve`.
pub fn start(database: &str, testimonies: u64) -> anyhow::Result<Server> {
    let dir = tempfile::tempdir()?;
    let (database_url, scratch_pg) = fresh_database(database, dir.path())?;
    let env = vec![
        ("DATABASE_URL", database_url.clone()),
        (
            "UPR_DATA_DIR",
            dir.path().join("data").display().to_string(),
        ),
        (
            "UPR_MAIL_DIR",
            dir.path().join("mail").display().to_string(),
        ),
        ("UPR_SESSION_KEY", b64_random(64)),
        ("UPR_DATA_KEY", b64_random(32)),
        ("UPR_TRUST_FORWARDED_FOR", "true".into()),
    ];
    eprintln!("Filling the database with `demo --testimonies {testimonies}`...");
    let t = Instant::now();
    let out = command(&env)
        .args(["demo", "--testimonies", &testimonies.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()?;
    let demo_took = t.elapsed();
    let printed = String::from_utf8_lossy(&out.stdout);
    anyhow::ensure!(out.status.success(), "demo failed: {printed}");
    let editor = printed
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|w| w.len() == 4 && w[1] == "editor" && w[3] == "granted")
        .map(|w| Editor {
            email: w[0].to_string(),
            password: w[2].to_string(),
        })
        .ok_or_else(|| anyhow::anyhow!("no editor in the demo's output: {printed}"))?;
    eprintln!("The demo took {:.1} s.", demo_took.as_secs_f64());

    let mut child = command(&env)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(dir.path().join("server.log"))?)
        .spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Read to the end, even once nobody listens: a closed pipe would stop the server.
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line);
        }
    });
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) {
        if let Some(rest) = line.strip_prefix("People's UPR is running at ") {
            let base = rest.split('/').take(3).collect::<Vec<_>>().join("/");
            return Ok(Server {
                child,
                base,
                database_url,
                editor,
                demo_took,
                workers,
                scratch_pg,
                _dir: dir,
            });
        }
    }
    let _ = child.kill();
    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default();
    anyhow::bail!("the server did not start: {log}")
}

impl Server {
    /// The server process's peak resident memory so far (VmHWM), in bytes.
    pub fn peak_memory(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}
