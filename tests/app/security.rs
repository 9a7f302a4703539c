//! Web security: headers, CSRF on every state-changing request, error pages, the command line.

use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::TestApp;
use crate::routes_table::all_routes;

both_databases!(
    every_response_carries_the_security_headers,
    every_post_route_refuses_a_missing_or_wrong_csrf_token,
    errors_are_pages_in_the_site_layout,
    cookies_are_http_only_and_same_site,
    behind_https_cookies_are_secure_and_hsts_is_sent,
);

async fn every_response_carries_the_security_headers(app: TestApp) {
    for path in [
        "/",
        "/login",
        "/no-such-page",
        "/static/site.css",
        "/staff",
        "/healthz",
    ] {
        let page = app.get(path).await;
        let csp = page
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(
            page.header("referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
        assert_eq!(
            page.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert!(page.header("x-request-id").is_some(), "{path}");
    }
    assert_eq!(
        app.get("/static/site.css").await.header("cache-control"),
        Some("public, max-age=86400")
    );
    assert_eq!(
        app.get("/login").await.header("cache-control"),
        Some("no-store")
    );
}

async fn every_post_route_refuses_a_missing_or_wrong_csrf_token(app: TestApp) {
    app.create_user("admin@example.org", Role::Admin);
    let login = app.login("admin@example.org").await;
    // The right token, sent with the session but without the cookie it was made for.
    let session = login.cookie_value("upr_session").unwrap();
    let token = app.get("/staff").await.csrf();
    let cookieless = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for route in all_routes().into_iter().filter(|r| r.method == "POST") {
        let path = route.concrete_path();
        let missing = app.post(&path, &[("email", "x@example.org")]).await;
        assert_eq!(missing.status, 403, "POST {path} without a token");
        assert!(
            missing.contains("The form has expired"),
            "POST {path}: {}",
            missing.text()
        );
        let wrong = app
            .post(
                &path,
                &[("csrf_token", "forged"), ("email", "x@example.org")],
            )
            .await;
        assert_eq!(wrong.status, 403, "POST {path} with a wrong token");
        let unbound = cookieless
            .post(app.url(&path))
            .header("Cookie", format!("upr_session={session}"))
            .form(&[("csrf_token", token.as_str()), ("email", "x@example.org")])
            .send()
            .await
            .unwrap();
        assert_eq!(
            unbound.status().as_u16(),
            403,
            "POST {path} without the anti-forgery cookie"
        );
    }
    // Still logged in: a refused post changes nothing.
    assert_eq!(app.get("/staff").await.status, 200);
}

async fn errors_are_pages_in_the_site_layout(app: TestApp) {
    let missing = app.get("/no-such-page").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<main id=\"main\""));
    assert!(missing.contains("Page not found"));
    let spanish = app.get_in("/no-such-page", "es-MX,es;q=0.9").await.body;
    assert!(spanish.contains("Página no encontrada"), "{spanish}");

    app.create_user("ed@example.org", Role::Editor);
    app.login("ed@example.org").await;
    let forbidden = app.get("/admin/users").await;
    assert_eq!(forbidden.status, 403);
    assert!(forbidden.contains("Your account does not give access to this page"));
    assert!(
        forbidden.contains("Log out"),
        "signed-in navigation is kept on error pages"
    );
}

async fn cookies_are_http_only_and_same_site(app: TestApp) {
    let page = app.get("/login").await;
    assert_eq!(
        page.set_cookie("upr_session"),
        None,
        "no session for a form"
    );
    let csrf = page
        .set_cookie("upr_csrf")
        .expect("an anti-forgery cookie for the login form");
    assert!(
        csrf.contains("HttpOnly") && csrf.contains("SameSite=Lax"),
        "{csrf}"
    );
    assert!(!csrf.contains("Secure"), "plain http in tests");
    assert!(
        !csrf.contains(&page.csrf()),
        "the form token is not the cookie"
    );

    app.create_user("ed@example.org", Role::Editor);
    let login = app.login("ed@example.org").await;
    let session = login.set_cookie("upr_session").expect("a session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    assert!(!session.contains("Secure"), "plain http in tests");
    assert!(
        !session.contains("Max-Age") && !session.contains("Expires"),
        "a browser session: {session}"
    );
    assert!(!session.contains(&app.get("/staff").await.csrf()));

    let lang = app.get("/lang/es?next=/").await;
    let chosen = lang.set_cookie("upr_lang").expect("a language cookie");
    assert!(
        chosen.starts_with("upr_lang=es") && chosen.contains("SameSite=Lax"),
        "{chosen}"
    );
    assert!(chosen.contains("Max-Age=31536000"), "kept a year: {chosen}");
}

async fn behind_https_cookies_are_secure_and_hsts_is_sent(app: TestApp) {
    let https = [("UPR_BASE_URL", "https://upr.example.org")];
    let Some(app) = TestApp::spawn_with(app.backend, &https).await else {
        return;
    };
    let page = app.get("/login").await;
    let csrf = page.set_cookie("upr_csrf").expect("an anti-forgery cookie");
    assert!(csrf.contains("Secure"), "{csrf}");
    assert_eq!(
        page.header("strict-transport-security"),
        Some("max-age=31536000")
    );
    let lang = app.get("/lang/es?next=/").await;
    let chosen = lang.set_cookie("upr_lang").expect("a language cookie");
    assert!(chosen.contains("Secure"), "{chosen}");

    // The test client speaks plain http, so it would not send Secure cookies back: log in
    // with the cookie given by hand.
    app.create_user("ed@example.org", Role::Editor);
    let value = page.cookie_value("upr_csrf").unwrap();
    let login = app
        .client
        .post(app.url("/login"))
        .header("Cookie", format!("upr_csrf={value}"))
        .form(&[
            ("csrf_token", page.csrf().as_str()),
            ("email", "ed@example.org"),
            ("password", crate::helpers::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status().as_u16(), 303);
    let session = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("upr_session="))
        .expect("a session cookie")
        .to_string();
    assert!(session.contains("Secure"), "{session}");
}

#[test]
fn the_command_line_refuses_other_databases_and_manages_users() {
    let bin = env!("CARGO_BIN_EXE_peoples-upr");
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], env: &[(&str, &str)], stdin: &str| {
        use std::io::Write as _;
        let mut cmd = std::process::Command::new(bin);
        cmd.args(args)
            .env_clear()
            .env("UPR_DATA_DIR", dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, out) = run(
        &["migrate"],
        &[("DATABASE_URL", "mysql://root@localhost/upr")],
        "",
    );
    assert!(!ok);
    assert!(out.contains("`mysql`, which is not supported"), "{out}");

    let (ok, out) = run(&["migrate"], &[], "");
    assert!(ok, "{out}");
    let (ok, out) = run(
        &[
            "user",
            "create",
            "--email",
            "cli@example.org",
            "--role",
            "admin",
        ],
        &[],
        "short\n",
    );
    assert!(!ok);
    assert!(out.contains("at least 12 characters"), "{out}");
    let (ok, out) = run(
        &[
            "user",
            "create",
            "--email",
            "cli@example.org",
            "--role",
            "admin",
        ],
        &[],
        "a long enough passphrase\n",
    );
    assert!(ok, "{out}");
    let (ok, out) = run(
        &[
            "user",
            "create",
            "--email",
            "cli@example.org",
            "--role",
            "admin",
        ],
        &[],
        "a long enough passphrase\n",
    );
    assert!(!ok && out.contains("already exists"), "{out}");
    let (ok, out) = run(
        &[
            "user",
            "create",
            "--email",
            "x@example.org",
            "--role",
            "root",
        ],
        &[],
        "",
    );
    assert!(!ok && out.contains("not a role"), "{out}");
    let (_, out) = run(&["user", "list"], &[], "");
    assert!(
        out.contains("cli@example.org") && out.contains("admin") && out.contains("active"),
        "{out}"
    );
    let (ok, out) = run(&["user", "disable", "cli@example.org"], &[], "");
    assert!(ok, "{out}");
    let (_, out) = run(&["user", "list"], &[], "");
    assert!(out.contains("disabled"), "{out}");
    let (ok, out) = run(&["user", "disable", "nobody@example.org"], &[], "");
    assert!(!ok && out.contains("no account"), "{out}");
    let (ok, out) = run(&["--help"], &[], "");
    assert!(
        ok && out.contains("serve") && out.contains("migrate") && out.contains("user"),
        "{out}"
    );
}

/// Run the real binary with debug logs, go through login, an invitation and a testimony
/// with a name and contact details, and check that no secret reached the log.
#[actix_web::test]
async fn logs_never_hold_passwords_tokens_cookies_or_testimony() {
    use std::io::Read as _;
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = KillOnDrop(
        std::process::Command::new(env!("CARGO_BIN_EXE_peoples-upr"))
            .arg("serve")
            .env_clear()
            .env("UPR_DATA_DIR", dir.path())
            .env("UPR_BIND", format!("127.0.0.1:{port}"))
            .env("UPR_LOG", "debug")
            .env("UPR_MAIL_POLL_SECONDS", "1")
            .env("UPR_WORKERS", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut up = false;
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "the server started");

    let password = "a long secret passphrase";
    {
        use peoples_upr::config::Config;
        let mut values = std::collections::HashMap::new();
        values.insert("UPR_DATA_DIR".to_string(), dir.path().display().to_string());
        let config = Config::from_values(&values).unwrap();
        let pool = peoples_upr::db::connect(&config.database_url).unwrap();
        let mut conn = pool.get().unwrap();
        use peoples_upr::domain::account::{Email, NewPassword};
        peoples_upr::service::accounts::create(
            &mut conn,
            &peoples_upr::service::accounts::NewAccount {
                email: Email::parse("admin@example.org").unwrap(),
                display_name: "Admin".into(),
                role: Role::Admin,
                password: NewPassword::parse(password, password, None).unwrap(),
            },
        )
        .unwrap();
    }
    let login = crate::helpers::submit_with(
        &client,
        &base,
        "/login",
        "/login",
        &[("email", "admin@example.org"), ("password", password)],
    )
    .await;
    assert_eq!(login.status, 303);
    let wrong = crate::helpers::submit_with(
        &client,
        &base,
        "/password/forgot",
        "/login",
        &[
            ("email", "admin@example.org"),
            ("password", "wrong guess here"),
        ],
    )
    .await;
    assert_eq!(wrong.status, 422, "a wrong password is refused");
    crate::helpers::submit_with(
        &client,
        &base,
        "/admin/users",
        "/admin/invites",
        &[("email", "invitee@example.org"), ("role", "editor")],
    )
    .await;
    let mail =
        crate::helpers::wait_for_mail_in(&dir.path().join("mail"), "invitee@example.org").await;
    let invite = crate::helpers::link_in(&mail, &format!("{base}/invite/"));
    let token = invite.rsplit('/').next().unwrap().to_string();
    crate::helpers::get_with(&client, &invite).await;

    // A hearing, opened, and a testimony with identity and contact details.
    let new = crate::helpers::get_with(&client, &format!("{base}/staff/hearings/new")).await;
    let fields = [
        ("csrf_token", new.csrf()),
        ("title", "Log check hearing".to_string()),
        ("slug", "log-check".to_string()),
        ("city", "Miami".to_string()),
        ("state", "Florida".to_string()),
        ("starts_on", "2026-01-10".to_string()),
        ("opens_at", "2026-01-01T00:00".to_string()),
        ("closes_at", "2099-01-01T00:00".to_string()),
        ("themes", "children".to_string()),
        ("languages", "en".to_string()),
        ("consent_text", "We keep it safe.".to_string()),
    ];
    let created = client
        .post(format!("{base}/staff/hearings/new"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    let hearing_path = created.headers()["location"].to_str().unwrap().to_string();
    let page = crate::helpers::get_with(&client, &format!("{base}{hearing_path}")).await;
    crate::helpers::post_with(
        &client,
        &format!("{base}{hearing_path}/status"),
        &[("csrf_token", &page.csrf()), ("status", "open")],
    )
    .await;
    let witness = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form_page = crate::helpers::get_with(&witness, &format!("{base}/hearings/log-check")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", form_page.csrf())
        .text(
            "consent_text_id",
            form_page.field_value("consent_text_id").unwrap(),
        )
        .text("body", "Testimony words that must stay out of logs")
        .text("witness_role", "family-member")
        .text("language", "en")
        .text("name", "Witness Secretname")
        .text("email", "witness.secret@example.org")
        .text("consent", "contact")
        .text("redact_terms", "Secretstreet");
    let sent = witness
        .post(format!("{base}/hearings/log-check/testimony"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status().as_u16(), 303);
    let receipt_page = crate::helpers::get_with(&witness, &format!("{base}/receipt")).await;
    let doc = scraper::Html::parse_document(&receipt_page.body);
    let code: String = doc
        .select(&scraper::Selector::parse("#receipt-code").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    crate::helpers::submit_with(&witness, &base, "/check", "/check", &[("code", &code)]).await;
    crate::helpers::wait_for_mail_in(&dir.path().join("mail"), "address-not-kept.invalid").await;
    let cookie = login
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_string();

    child.0.kill().unwrap();
    child.0.wait().unwrap();
    let mut out = String::new();
    let (mut stdout, mut stderr) = (
        child.0.stdout.take().unwrap(),
        child.0.stderr.take().unwrap(),
    );
    stdout.read_to_string(&mut out).unwrap();
    stderr.read_to_string(&mut out).unwrap();
    assert!(out.contains("request"), "requests were logged:\n{out}");
    assert!(
        out.contains("/invite/{token}"),
        "routes are logged by pattern"
    );
    for secret in [
        password,
        "wrong guess here",
        &token,
        &cookie,
        &code,
        &code.replace('-', ""),
        "Testimony words",
        "Witness Secretname",
        "witness.secret@example.org",
        "invitee@example.org",
        "Secretstreet",
    ] {
        assert!(
            !out.contains(secret),
            "`{secret}` appears in the log:\n{out}"
        );
    }
}

/// A child process that is ended when the test ends, even by a failed assertion.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
