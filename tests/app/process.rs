//! The real binary as a separate process: `peoples-upr serve` on a free port with the
//! settings a test gives it, stopped (SIGKILL) when the test drops it or asks.

use std::io::BufRead as _;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running `peoples-upr serve`; killed when dropped.
pub struct Server {
    child: Child,
    /// Its address, `http://127.0.0.1:PORT`.
    pub base: String,
    log: PathBuf,
    /// Every line it printed on standard output so far.
    printed: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    /// Start `peoples-upr serve` with only these settings (and a quiet log written to `log`);
    /// returns once it says where it runs.
    pub fn start(env: &[(&str, String)], log: &Path) -> Self {
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
        let mut child = cmd.spawn().expect("start the binary");
        let stdout = child.stdout.take().expect("stdout");
        let mut server = Server {
            child,
            base: String::new(),
            log: log.to_path_buf(),
            printed: Default::default(),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let printed = server.printed.clone();
        std::thread::spawn(move || {
            // Read to the end, even once nobody listens: a closed pipe would stop the server.
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut kept) = printed.lock() {
                    kept.push(line.clone());
                }
                let _ = tx.send(line);
            }
        });
        let mut seen = Vec::new();
        while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(60)) {
            if let Some(rest) = line.strip_prefix("People's UPR is running at ") {
                server.base = rest.split('/').take(3).collect::<Vec<_>>().join("/");
                return server;
            }
            seen.push(line);
        }
        panic!(
            "the server did not start: {}\n{}",
            seen.join("\n"),
            server.log_text()
        );
    }

    /// What it wrote to its log so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// What it printed on standard output so far (its notices, and its log at `UPR_LOG`).
    pub fn printed(&self) -> String {
        self.printed
            .lock()
            .map(|p| p.join("\n"))
            .unwrap_or_default()
    }

    /// Fail the test, with the log, if the server has exited.
    pub fn assert_running(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("the server exited ({status}): {}", self.log_text());
        }
    }

    /// Stop it at once with SIGKILL, as a power cut or the out-of-memory killer would:
    /// no shutdown code runs. Returns once the process is gone.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL the server");
        let status = self.child.wait().expect("the killed server is reaped");
        assert_eq!(
            status.signal(),
            Some(9),
            "the server ended by SIGKILL: {status}"
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
