//! The real binary at start: links name the address actually bound, the file mail
//! transport says it writes to disk, the data folder is private, and the first
//! administrator made from the command line gets the recovery key that later restores
//! access.

use std::io::{BufRead as _, Write as _};
use std::process::{Command, Stdio};

fn binary(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_peoples-upr"));
    cmd.env_clear()
        .env("UPR_DATA_DIR", dir)
        .env("UPR_LOG", "warn")
        .env("UPR_WORKERS", "1");
    cmd
}

/// Run a command with `input` on standard input; (succeeded, stdout + stderr).
pub fn run(dir: &std::path::Path, args: &[&str], input: &str) -> (bool, String) {
    let mut child = binary(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[actix_web::test]
async fn links_name_the_address_actually_bound_and_the_data_folder_is_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut child = KillOnDrop(
        binary(&data)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // Read the server's output to the end in the background (a closed pipe would stop it).
    let stdout = child.0.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(60)) {
        let done = line.contains("/setup/");
        lines.push(line);
        if done {
            break;
        }
    }
    let text = lines.join("\n");
    let running = lines
        .iter()
        .find(|l| l.starts_with("People's UPR is running at "))
        .unwrap_or_else(|| panic!("{text}"));
    let base = running
        .trim_start_matches("People's UPR is running at ")
        .split('/')
        .take(3)
        .collect::<Vec<_>>()
        .join("/");
    assert!(base.starts_with("http://127.0.0.1:"), "{text}");
    assert!(!base.ends_with(":0"), "the real port, not 0: {text}");
    assert!(text.contains("Mail is written to files in"), "{text}");
    assert!(text.contains(&format!("{base}/setup/")), "{text}");
    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status().as_u16(), 200);

    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    for name in ["peoples-upr.sqlite3", "data.key", "session.key"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    assert_eq!(mode(&data.join("mail")), 0o700);
}

#[test]
fn the_first_administrator_gets_the_recovery_key_that_restores_access() {
    let dir = tempfile::tempdir().unwrap();
    let password = "a long secret passphrase\n";
    let (ok, out) = run(
        dir.path(),
        &[
            "user",
            "create",
            "--email",
            "ed@example.org",
            "--role",
            "editor",
        ],
        password,
    );
    assert!(
        !ok && out.contains("the first account must be an administrator"),
        "{out}"
    );

    let (ok, out) = run(
        dir.path(),
        &[
            "user",
            "create",
            "--email",
            "ada@example.org",
            "--role",
            "admin",
        ],
        password,
    );
    assert!(ok, "{out}");
    assert!(out.contains("RECOVERY KEY"), "{out}");
    let key = out
        .lines()
        .map(str::trim)
        .find(|l| peoples_upr::crypto::keys::RecoveryKey::parse(l).is_some())
        .unwrap_or_else(|| panic!("no recovery key printed: {out}"))
        .to_string();

    let (ok, out) = run(
        dir.path(),
        &[
            "user",
            "create",
            "--email",
            "ed@example.org",
            "--role",
            "editor",
        ],
        password,
    );
    assert!(ok && !out.contains("RECOVERY KEY"), "{out}");
    let wrong = peoples_upr::crypto::keys::RecoveryKey::generate().display();
    let (ok, out) = run(
        dir.path(),
        &["originals", "recover", "--email", "ed@example.org"],
        &format!("{wrong}\n"),
    );
    assert!(!ok && out.contains("does not open"), "{out}");
    let (ok, out) = run(
        dir.path(),
        &["originals", "recover", "--email", "ed@example.org"],
        &format!("{key}\n"),
    );
    assert!(
        ok && out.contains("can open originals from their next login"),
        "{out}"
    );
    let (ok, out) = run(
        dir.path(),
        &["originals", "recover", "--email", "ed@example.org"],
        "not a key\n",
    );
    assert!(!ok && out.contains("that is not a recovery key"), "{out}");
}
