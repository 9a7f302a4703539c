//! The test harness: `TestApp` starts the real server on port 0 with its own database and
//! mail folder; `both_databases!` runs a test once per backend.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use peoples_upr::config::Config;
use peoples_upr::db::{DbConn, Pool};
use peoples_upr::domain::account::Role;

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Run an async test body once per backend: `both_databases!(name, body_fn);`
/// The PostgreSQL run needs `UPR_TEST_POSTGRES_URL`; without it the run is skipped with a
/// notice, except under CI (`CI=true`), where it fails.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[actix_web::test]
                async fn $name() {
                    let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await.unwrap();
                    super::$name(app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $name() {
                    let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await else {
                        return;
                    };
                    super::$name(app).await;
                }
            )*
        }
    };
}

/// The password every test account gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// The running application and a client with its own cookie jar.
pub struct TestApp {
    pub base: String,
    pub backend: Backend,
    pub pool: Pool,
    pub keys: peoples_upr::crypto::DataKeys,
    pub mail_dir: PathBuf,
    pub data_dir: tempfile::TempDir,
    pub client: reqwest::Client,
    pub state: actix_web::web::Data<peoples_upr::state::AppState>,
    /// The organisation key, made at start as the first administrator would.
    pub org: peoples_upr::crypto::keys::OrgSecretKey,
    /// Its recovery key.
    pub recovery: peoples_upr::crypto::keys::RecoveryKey,
    _db_guard: Option<PgDatabase>,
}

/// A throwaway PostgreSQL database, dropped at the end of the test.
pub struct PgDatabase {
    admin_url: String,
    pub name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        use diesel::Connection as _;
        use diesel::connection::SimpleConnection as _;
        if let Ok(mut c) = diesel::PgConnection::establish(&self.admin_url) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("UPR_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true but UPR_TEST_POSTGRES_URL is not set: the PostgreSQL tests must run in CI"
                );
            }
            eprintln!(
                "notice: UPR_TEST_POSTGRES_URL is not set; skipping the PostgreSQL run of this test"
            );
            None
        }
    }
}

pub fn create_pg_database(admin_url: &str) -> PgDatabase {
    use diesel::Connection as _;
    use diesel::connection::SimpleConnection as _;
    let name = format!("upr_test_{}", uuid::Uuid::new_v4().simple());
    let mut c = diesel::PgConnection::establish(admin_url)
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL server: {e}"));
    c.batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create test database");
    PgDatabase {
        admin_url: admin_url.to_string(),
        name,
    }
}

pub fn replace_db_name(url: &str, name: &str) -> String {
    let (head, tail) = url.rsplit_once('/').expect("database URL has a path");
    let query = tail
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    format!("{head}/{name}{query}")
}

impl TestApp {
    /// Start the app. Returns `None` when PostgreSQL was asked for but is not configured.
    pub async fn spawn(backend: Backend) -> Option<Self> {
        Self::spawn_with(backend, &[]).await
    }

    /// Start the app with extra settings (environment names).
    pub async fn spawn_with(backend: Backend, extra: &[(&str, &str)]) -> Option<Self> {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mail_dir = data_dir.path().join("mail");
        let mut values: HashMap<String, String> = HashMap::new();
        values.insert("UPR_DATA_DIR".into(), data_dir.path().display().to_string());
        values.insert("UPR_MAIL_DIR".into(), mail_dir.display().to_string());
        values.insert("UPR_MAIL_POLL_SECONDS".into(), "1".into());
        values.insert("UPR_WORKERS".into(), "1".into());
        let guard = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                let admin = postgres_admin_url()?;
                let guard = create_pg_database(&admin);
                values.insert("DATABASE_URL".into(), replace_db_name(&admin, &guard.name));
                Some(guard)
            }
        };
        for (k, v) in extra {
            values.insert(k.to_string(), v.to_string());
        }
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind port 0");
        let port = listener.local_addr().expect("local addr").port();
        let base = format!("http://127.0.0.1:{port}");
        values
            .entry("UPR_BASE_URL".into())
            .or_insert_with(|| base.clone());
        let config = Config::from_values(&values).expect("test config is valid");
        let prepared = peoples_upr::startup::prepare(config).expect("app prepares");
        let state = prepared.state.clone();
        let (org, recovery) = {
            let mut conn = state.pool.get().expect("db connection");
            peoples_upr::service::keys::create_org_key(&mut conn).expect("organisation key")
        };
        let server = peoples_upr::startup::run(listener, prepared).expect("server starts");
        actix_web::rt::spawn(server);
        Some(Self {
            base,
            backend,
            pool: state.pool.clone(),
            keys: state.keys.clone(),
            mail_dir,
            data_dir,
            client: new_client(),
            state,
            org,
            recovery,
            _db_guard: guard,
        })
    }

    /// A second, independent visitor (own cookies) of the same app.
    pub fn other_client(&self) -> reqwest::Client {
        new_client()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Run database work directly (test setup and checks). The public pages' shared
    /// copies are dropped after it, as the server would after a change staff post.
    pub fn db<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> T {
        let mut conn = self.pool.get().expect("db connection");
        let out = f(&mut conn);
        self.state.clear_kept_copies();
        out
    }

    /// Create an account directly in the database (with its key pair, ungranted).
    pub fn create_user(&self, email: &str, role: Role) -> String {
        use peoples_upr::domain::account::{Email, NewPassword};
        use peoples_upr::service::accounts::{NewAccount, create};
        let new = NewAccount {
            email: Email::parse(email).expect("test email"),
            display_name: "Test Person".into(),
            role,
            password: NewPassword::parse(PASSWORD, PASSWORD, None).expect("test password"),
        };
        self.db(|c| create(c, &new).expect("create user").user.id)
    }

    /// Grant an account access to originals, as an administrator would.
    pub fn grant(&self, user_id: &str) {
        self.db(|c| {
            peoples_upr::service::keys::grant(c, &self.org, user_id, None)
                .expect("grant")
                .expect("the account has a key pair")
        });
    }

    /// Forget the organisation key, as on a database where nobody was ever set up.
    pub fn forget_org_key(&self) {
        use diesel::RunQueryDsl as _;
        self.db(|c| {
            diesel::delete(peoples_upr::db::schema::org_keys::table)
                .execute(c)
                .expect("delete the organisation key")
        });
    }

    pub async fn get(&self, path: &str) -> Page {
        get_with(&self.client, &self.url(path)).await
    }

    /// Post a form with the given fields (no CSRF token added).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        post_with(&self.client, &self.url(path), fields).await
    }

    /// GET as a browser set to the given `Accept-Language`.
    pub async fn get_in(&self, path: &str, accept_language: &str) -> Page {
        read(
            self.client
                .get(self.url(path))
                .header("Accept-Language", accept_language)
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    /// Post text fields as `multipart/form-data`, with the CSRF token and consent text
    /// version of `form_page` when given.
    pub async fn post_multipart(
        &self,
        path: &str,
        form_page: Option<&Page>,
        fields: &[(&str, String)],
    ) -> Page {
        let mut form = form_page.map_or_else(reqwest::multipart::Form::new, Page::form_keys);
        for (k, v) in fields {
            form = form.text(k.to_string(), v.clone());
        }
        read(
            self.client
                .post(self.url(path))
                .multipart(form)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// Load `page_path`, take its CSRF token, and post `fields` to `action`.
    pub async fn submit(&self, page_path: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        submit_with(&self.client, &self.base, page_path, action, fields).await
    }

    /// Log `client` in with the test password; returns the answer to the login.
    pub async fn login_with(&self, client: &reqwest::Client, email: &str) -> Page {
        submit_with(
            client,
            &self.base,
            "/login",
            "/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await
    }

    /// A testimony's original, opened with the organisation key.
    pub fn original(
        &self,
        id: &peoples_upr::domain::ids::TestimonyId,
    ) -> peoples_upr::service::testimony::Original {
        self.db(|c| {
            peoples_upr::service::testimony::open_original(c, self.data_dir.path(), &self.org, id)
        })
        .expect("the original opens")
    }

    /// Whether the bytes `needle` are anywhere in the files of the data folder's top level
    /// (the SQLite database, its journal, the keys).
    pub fn data_files_contain(&self, needle: &[u8]) -> bool {
        let mut raw = Vec::new();
        for entry in std::fs::read_dir(self.data_dir.path()).expect("read the data folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_file() {
                raw.extend(std::fs::read(path).expect("read a data file"));
            }
        }
        raw.windows(needle.len()).any(|w| w == needle)
    }

    /// Run `peoples-upr ARGS` on this app's data: (exit code, standard output and error).
    pub fn command(&self, args: &[&str]) -> (Option<i32>, String) {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_peoples-upr"));
        cmd.env_clear().env("UPR_DATA_DIR", self.data_dir.path());
        if let peoples_upr::db::DatabaseUrl::Postgres(url) = &self.state.config.database_url {
            cmd.env("DATABASE_URL", url);
        }
        let out = cmd.env("UPR_LOG", "warn").args(args).output().unwrap();
        let text = [out.stdout, out.stderr].concat();
        (
            out.status.code(),
            String::from_utf8_lossy(&text).into_owned(),
        )
    }

    /// Log this client in.
    pub async fn login(&self, email: &str) -> Page {
        let page = self
            .submit(
                "/login",
                "/login",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            page.status,
            303,
            "login of {email} should succeed: {}",
            page.text()
        );
        page
    }

    /// How many session rows the database holds.
    pub fn session_rows(&self) -> i64 {
        self.db(peoples_upr::db::sessions::count)
            .expect("count sessions")
    }

    /// GET `path` as a browser that holds only the cookie `name=value` (a replayed cookie).
    pub async fn get_with_cookie(&self, path: &str, name: &str, value: &str) -> Page {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        read(
            client
                .get(self.url(path))
                .header("Cookie", format!("{name}={value}"))
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    /// Wait (up to 15 s) for an email to `to` and return its decoded text.
    pub async fn wait_for_mail(&self, to: &str) -> String {
        wait_for_mail_in(&self.mail_dir, to).await
    }

    /// All mails delivered to `to` so far.
    pub fn mails_to(&self, to: &str) -> Vec<String> {
        mails_in(&self.mail_dir, to)
    }
}

fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

/// A response, read whole.
#[derive(Debug, Clone)]
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// The whole `Set-Cookie` header for the cookie `name`, if the response sets it.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        let prefix = format!("{name}=");
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with(&prefix))
            .map(str::to_string)
    }

    /// The value the response gives the cookie `name`.
    pub fn cookie_value(&self, name: &str) -> Option<String> {
        let header = self.set_cookie(name)?;
        let pair = header.split(';').next()?;
        pair.split_once('=').map(|(_, v)| v.to_string())
    }

    /// The page's CSRF token (the first hidden `csrf_token` field).
    pub fn csrf(&self) -> String {
        let doc = scraper::Html::parse_document(&self.body);
        let sel = scraper::Selector::parse(r#"input[name="csrf_token"]"#).expect("selector");
        doc.select(&sel)
            .next()
            .and_then(|e| e.value().attr("value"))
            .map(str::to_string)
            .unwrap_or_default()
    }

    /// A multipart form holding this form page's hidden keys: its anti-forgery token,
    /// consent text version and submission key.
    pub fn form_keys(&self) -> reqwest::multipart::Form {
        reqwest::multipart::Form::new()
            .text("csrf_token", self.csrf())
            .text(
                "consent_text_id",
                self.field_value("consent_text_id").unwrap_or_default(),
            )
            .text(
                "submission_key",
                self.field_value("submission_key").unwrap_or_default(),
            )
    }

    /// The visible text of the page, whitespace folded.
    pub fn text(&self) -> String {
        let doc = scraper::Html::parse_document(&self.body);
        doc.root_element()
            .text()
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The value attribute of the input named `name`, or the text of the textarea.
    pub fn field_value(&self, name: &str) -> Option<String> {
        let doc = scraper::Html::parse_document(&self.body);
        let input =
            scraper::Selector::parse(&format!(r#"input[name="{name}"]"#)).expect("selector");
        if let Some(e) = doc.select(&input).next() {
            return e.value().attr("value").map(str::to_string);
        }
        let area =
            scraper::Selector::parse(&format!(r#"textarea[name="{name}"]"#)).expect("selector");
        doc.select(&area).next().map(|e| e.text().collect())
    }

    /// Whether the checkbox or radio `name` with `value` is checked.
    pub fn is_checked(&self, name: &str, value: &str) -> bool {
        let doc = scraper::Html::parse_document(&self.body);
        let sel = scraper::Selector::parse(&format!(r#"input[name="{name}"][value="{value}"]"#))
            .expect("selector");
        doc.select(&sel)
            .next()
            .is_some_and(|e| e.value().attr("checked").is_some())
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.text().contains(needle)
    }

    /// The text of the first element matching a CSS selector (empty when none).
    pub fn text_of(&self, selector: &str) -> String {
        let doc = scraper::Html::parse_document(&self.body);
        let sel = scraper::Selector::parse(selector).expect("selector");
        doc.select(&sel)
            .next()
            .map(|e| e.text().collect::<String>().trim().to_string())
            .unwrap_or_default()
    }
}

pub async fn get_with(client: &reqwest::Client, url: &str) -> Page {
    read(client.get(url).send().await.expect("GET")).await
}

pub async fn post_with(client: &reqwest::Client, url: &str, fields: &[(&str, &str)]) -> Page {
    read(client.post(url).form(fields).send().await.expect("POST")).await
}

pub async fn submit_with(
    client: &reqwest::Client,
    base: &str,
    page_path: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Page {
    let page = get_with(client, &format!("{base}{page_path}")).await;
    let token = page.csrf();
    assert!(
        !token.is_empty(),
        "{page_path} has no CSRF token (status {})",
        page.status
    );
    let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    post_with(client, &format!("{base}{action}"), &all).await
}

async fn read(res: reqwest::Response) -> Page {
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.text().await.unwrap_or_default();
    Page {
        status,
        headers,
        body,
    }
}

pub fn mails_in(dir: &std::path::Path, to: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut found: Vec<(std::time::SystemTime, String)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| {
            let raw = std::fs::read_to_string(e.path()).ok()?;
            let modified = e.metadata().ok()?.modified().ok()?;
            let to_line = raw
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("to:"))?
                .to_string();
            to_line.contains(to).then(|| (modified, decode_mail(&raw)))
        })
        .collect();
    found.sort_by_key(|(t, _)| *t);
    found.into_iter().map(|(_, m)| m).collect()
}

pub async fn wait_for_mail_in(dir: &std::path::Path, to: &str) -> String {
    for _ in 0..150 {
        if let Some(m) = mails_in(dir, to).pop() {
            return m;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no email to {to} arrived within 15 s");
}

/// Headers as they are, body decoded from quoted-printable or base64.
fn decode_mail(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let lower = head.to_ascii_lowercase();
    let body = if lower.contains("content-transfer-encoding: quoted-printable") {
        let decoded =
            quoted_printable::decode(body.as_bytes(), quoted_printable::ParseMode::Robust)
                .unwrap_or_default();
        String::from_utf8_lossy(&decoded).into_owned()
    } else if lower.contains("content-transfer-encoding: base64") {
        use base64::Engine as _;
        let compact: String = body.split_whitespace().collect();
        String::from_utf8_lossy(
            &base64::engine::general_purpose::STANDARD
                .decode(compact)
                .unwrap_or_default(),
        )
        .into_owned()
    } else {
        body.to_string()
    };
    format!("{head}\n\n{body}")
}

/// The first link in a mail that starts with `prefix`.
pub fn link_in(mail: &str, prefix: &str) -> String {
    let start = mail
        .find(prefix)
        .unwrap_or_else(|| panic!("no link starting {prefix} in mail:\n{mail}"));
    mail[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .expect("link")
        .to_string()
}
