//! A headless Chromium driven through chromedriver, for journeys that later issues extend:
#![allow(dead_code)]
//! `Browser::start()`, then `goto`, `fill`, `click`, `text`, and `check_accessibility`
//! (axe-core, injected into the page, must find no WCAG 2.2 A/AA violations).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

use crate::helpers::TestApp;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where `npm ci --prefix tests/browser` puts axe-core.
const AXE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/browser/node_modules/axe-core/axe.min.js"
);

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn skip(why: &str) -> Option<Browser> {
    if required() {
        panic!(
            "CI=true but {why}: browser tests must run in CI (.ci/run installs chromium, chromium-driver and axe-core)"
        );
    }
    eprintln!("notice: {why}; skipping this browser test");
    None
}

/// A browser session with its own profile and chromedriver.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    base: std::sync::Mutex<String>,
}

impl Browser {
    /// Start Chromium with JavaScript on.
    pub async fn start() -> Option<Self> {
        Self::start_with(true).await
    }

    /// Start Chromium; with `javascript` false, pages run with scripts disabled.
    pub async fn start_with(javascript: bool) -> Option<Self> {
        if !std::path::Path::new(CHROMIUM).exists() || !std::path::Path::new(CHROMEDRIVER).exists()
        {
            return skip("chromium or chromedriver is not installed");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().expect("profile dir");
        let mut prefs = serde_json::Map::new();
        if !javascript {
            prefs.insert(
                "profile.managed_default_content_settings.javascript".into(),
                2.into(),
            );
        }
        let caps: serde_json::Map<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--no-first-run",
                        "--window-size=1024,900",
                        format!("--user-data-dir={}", profile.path().display()),
                    ],
                    "prefs": prefs,
                }
            }))
            .expect("capabilities");
        let url = format!("http://127.0.0.1:{port}");
        let mut last_err = String::new();
        for _ in 0..50 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Some(Self {
                        client,
                        driver,
                        _profile: profile,
                        base: std::sync::Mutex::new(String::new()),
                    });
                }
                Err(e) => {
                    last_err = e.to_string();
                    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("could not start a Chromium session: {last_err}");
    }

    /// Open a path of the app.
    pub async fn goto(&self, app: &TestApp, path: &str) {
        *self.base.lock().unwrap() = app.base.clone();
        self.client.goto(&app.url(path)).await.expect("navigate");
    }

    /// Make the page `width` CSS pixels wide (a phone is 360), whatever frame the window has.
    pub async fn set_width(&self, width: u32) {
        let mut outer = width;
        for _ in 0..3 {
            self.client
                .set_window_size(outer, 900)
                .await
                .expect("resize the window");
            let inner = self
                .client
                .execute("return window.innerWidth;", vec![])
                .await
                .expect("read the width")
                .as_u64()
                .unwrap_or_default() as u32;
            if inner == width {
                return;
            }
            outer = (outer + width).saturating_sub(inner);
        }
    }

    /// Open a full URL (e.g. from an email).
    pub async fn goto_url(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Sign in as a staff member with the test password.
    pub async fn log_in(&self, app: &TestApp, email: &str) {
        self.goto(app, "/login").await;
        self.fill("#email", email).await;
        self.fill("#password", crate::helpers::PASSWORD).await;
        self.click_and_wait("main button[type=submit]").await;
    }

    /// Set a control's value directly: month inputs take typed keys in the browser's own
    /// order, and typing into a select is unreliable across platforms.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).value = arguments[1];",
                vec![css.into(), value.into()],
            )
            .await
            .expect("set a value");
    }

    /// Replace the value of the input matched by `css`.
    pub async fn fill(&self, css: &str, value: &str) {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.clear().await.expect("clear");
        el.send_keys(value).await.expect("type");
    }

    /// Click the element matched by `css` (a checkbox, a radio button: no new page).
    pub async fn click(&self, css: &str) {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Click a link or submit button and wait for the next page to load.
    pub async fn click_and_wait(&self, css: &str) {
        let old = self.client.find(Locator::Css("html")).await.expect("html");
        self.click(css).await;
        for _ in 0..150 {
            if old.tag_name().await.is_err()
                && let Ok(body) = self.client.find(Locator::Css("body")).await
                && body.text().await.is_ok()
            {
                return;
            }
            actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("clicking {css} did not load a new page within 15 s");
    }

    /// Whether an element matches `css`.
    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Whether the checkbox or radio button matched by `css` is ticked.
    pub async fn is_ticked(&self, css: &str) -> bool {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.is_selected().await.expect("selected state")
    }

    /// The text of the element matched by `css`.
    pub async fn text_of(&self, css: &str) -> String {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.text().await.expect("text")
    }

    /// The value of the input matched by `css`.
    pub async fn value(&self, css: &str) -> String {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        let body = self.client.find(Locator::Css("body")).await.expect("body");
        body.text().await.expect("text")
    }

    /// The current URL's path.
    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("url")
            .path()
            .to_string()
    }

    /// The `lang` attribute of the page.
    pub async fn lang(&self) -> String {
        let html = self.client.find(Locator::Css("html")).await.expect("html");
        html.attr("lang").await.ok().flatten().unwrap_or_default()
    }

    /// Run axe-core on the current page and fail on any WCAG 2.x A/AA violation.
    pub async fn check_accessibility(&self, what: &str) {
        let axe = match std::fs::read_to_string(AXE) {
            Ok(s) => s,
            Err(_) if !required() => {
                eprintln!(
                    "notice: axe-core is not installed (npm ci --prefix tests/browser); skipping the accessibility check of {what}"
                );
                return;
            }
            Err(e) => panic!("axe-core is missing at {AXE}: {e}"),
        };
        self.client
            .execute(&axe, vec![])
            .await
            .expect("inject axe-core");
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                      .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                      .catch(e => done(['axe failed: ' + e]));"#,
                vec![],
            )
            .await
            .expect("run axe-core");
        let violations: Vec<String> = serde_json::from_value(result).unwrap_or_default();
        assert!(
            violations.is_empty(),
            "accessibility violations on the {what}:\n{}",
            violations.join("\n")
        );
    }

    /// End the session and the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
