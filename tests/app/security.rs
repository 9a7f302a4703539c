//! Web security: headers, CSRF on every state-changing request, error pages, the command line.

use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::TestApp;
use crate::routes_table::all_routes;

both_databases!(
    every_response_carries_the_security_headers,
    every_post_route_refuses_a_missing_or_wrong_csrf_token,
    errors_are_pages_in_the_site_layout,
    session_cookie_is_http_only_and_same_site,
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
    app.login("admin@example.org").await;
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

async fn session_cookie_is_http_only_and_same_site(app: TestApp) {
    let page = app.get("/login").await;
    let cookie = page
        .header("set-cookie")
        .expect("a session cookie for the login form");
    assert!(cookie.starts_with("upr_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http in tests");
    assert!(!cookie.contains(&page.csrf()), "the cookie is encrypted");
}

async fn behind_https_cookies_are_secure_and_hsts_is_sent(app: TestApp) {
    let https = [("UPR_BASE_URL", "https://upr.example.org")];
    let Some(app) = TestApp::spawn_with(app.backend, &https).await else {
        return;
    };
    let page = app.get("/login").await;
    let cookie = page.header("set-cookie").expect("a session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert_eq!(
        page.header("strict-transport-security"),
        Some("max-age=31536000")
    );
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
