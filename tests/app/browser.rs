//! Journeys in a real browser (headless Chromium through chromedriver). Skipped with a
//! notice when Chromium is absent, except under CI.

pub mod harness;

use peoples_upr::domain::account::Role;

use crate::helpers::{Backend, PASSWORD, TestApp, link_in};
use harness::Browser;

#[actix_web::test]
async fn admin_invites_an_editor_who_joins_in_the_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    app.create_user("admin@example.org", Role::Admin);

    browser.goto(&app, "/login").await;
    browser.check_accessibility("login page").await;
    browser.fill("#email", "admin@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;
    assert!(browser.text().await.contains("Welcome, Test Person"));

    browser.goto(&app, "/admin/users").await;
    browser.check_accessibility("staff accounts page").await;
    browser.fill("#email", "new.editor@example.org").await;
    browser.click("#role-editor").await;
    browser
        .click_and_wait("form[action='/admin/invites'] button[type=submit]")
        .await;
    assert!(
        browser
            .text()
            .await
            .contains("Invitation sent to new.editor@example.org")
    );
    browser
        .click_and_wait("header form[action='/logout'] button")
        .await;

    let mail = app.wait_for_mail("new.editor@example.org").await;
    let link = link_in(&mail, &format!("{}/invite/", app.base));
    browser.goto_url(&link).await;
    browser.check_accessibility("invitation page").await;
    browser.fill("#display_name", "Nadia Editor").await;
    browser.fill("#password", "short").await;
    browser.fill("#password_confirm", "short").await;
    browser.click_and_wait("main button[type=submit]").await;
    let text = browser.text().await;
    assert!(
        text.contains("There is a problem") && text.contains("Use at least 12 characters"),
        "{text}"
    );
    assert_eq!(browser.value("#display_name").await, "Nadia Editor");
    browser
        .check_accessibility("invitation page with errors")
        .await;

    browser.fill("#password", PASSWORD).await;
    browser.fill("#password_confirm", PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;
    assert!(browser.text().await.contains("Your account is ready"));
    browser.fill("#email", "new.editor@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;
    let text = browser.text().await;
    assert!(text.contains("Welcome, Nadia Editor"), "{text}");
    assert!(text.contains("Editor"));
    browser.check_accessibility("staff home").await;
    browser.close().await;
}
