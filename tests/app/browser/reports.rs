//! A report in the browser: an editor starts a report over approved testimony, writes a
//! section quoting an excerpt, adds two recommendations citing excerpts, finalises and
//! publishes it; the public page shows the numbered recommendations and the charts, and
//! its DOCX, CSV and JSON download. Every page passes the accessibility check.

use peoples_upr::domain::account::Role;

use super::harness::Browser;
use crate::helpers::{Backend, TestApp};
use crate::reports::{ready, with};

#[actix_web::test]
async fn an_editor_builds_and_publishes_a_report_in_the_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let hearing = crate::testimony::open_hearing(&app, "report");
    let editor = app.create_user("editor@example.org", Role::Editor);
    app.grant(&editor);
    app.login("editor@example.org").await;
    let (_, _, e1) = ready(
        &app,
        "report",
        &with(&[], "Rosa Martínez"),
        "They kept us in a cold room for nine days.",
        Some(("a cold room for nine days", false)),
        true,
    )
    .await;
    let (_, _, e2) = ready(
        &app,
        "report",
        &with(&[], "Wen Li"),
        "My daughter waited alone at the border for a week.",
        Some(("waited alone at the border", false)),
        true,
    )
    .await;
    let (e1, e2) = (e1.unwrap(), e2.unwrap());

    browser.log_in(&app, "editor@example.org").await;
    browser.goto(&app, "/staff/reports").await;
    browser.check_accessibility("the reports page").await;
    browser.fill("#title", "People's UPR: detention").await;
    browser.click(&format!("#hearing-{hearing}")).await;
    browser
        .click_and_wait("main form[action='/staff/reports'] button[type=submit]")
        .await;
    let path = browser.path().await;
    assert!(path.ends_with("/details"), "{path}");
    browser.check_accessibility("a report's details").await;
    browser.fill("#cycle", "Fourth cycle (2025)").await;
    browser
        .click_and_wait("form[action$='/details'] button[type=submit]")
        .await;

    browser
        .click_and_wait("nav.tabs a[href$='/sections']")
        .await;
    browser
        .check_accessibility("the summary of proceedings")
        .await;
    browser.fill("#title", "Detention conditions").await;
    browser
        .fill("#findings", "Witnesses described cold cells.")
        .await;
    browser
        .click_and_wait("form[action$='/sections'] button[type=submit]")
        .await;
    browser.click(&format!("#excerpt-{e1}")).await;
    browser
        .click_and_wait("form[method=post][action^='/staff/report-sections/'] button[type=submit]")
        .await;
    assert!(browser.text().await.contains("The section was saved"));
    browser
        .check_accessibility("a section with its excerpts")
        .await;

    for (text, excerpt) in [
        ("End the detention of children", &e1),
        (
            "Establish independent monitoring of all detention facilities",
            &e2,
        ),
    ] {
        browser
            .click_and_wait("nav.tabs a[href$='/recommendations']")
            .await;
        browser.fill("#text", text).await;
        browser.click(&format!("#excerpt-{excerpt}")).await;
        browser
            .click_and_wait("form[action$='/recommendations'] button[type=submit]")
            .await;
        assert!(
            browser
                .text()
                .await
                .contains("The recommendation was added")
        );
    }
    browser.check_accessibility("the recommendations").await;

    browser.click_and_wait("nav.tabs li:first-child a").await;
    browser
        .click_and_wait("form[action$='/finalise'] button")
        .await;
    browser
        .click_and_wait("form[action$='/publish'] button")
        .await;
    let text = browser.text().await;
    assert!(text.contains("The version is published"), "{text}");
    assert!(text.contains("every file matches its SHA-256"));
    browser
        .check_accessibility("a published version's overview")
        .await;

    browser.click_and_wait("a[href^='/reports/version/']").await;
    let public = browser.path().await;
    let text = browser.text().await;
    let numbers: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.ends_with(".1") || w.ends_with(".2"))
        .collect();
    assert!(
        numbers.iter().any(|n| n.ends_with(".1")) && numbers.iter().any(|n| n.ends_with(".2")),
        "numbered recommendations: {text}"
    );
    assert!(
        browser.exists("svg[role=img] title").await,
        "charts are drawn"
    );
    assert!(text.contains("a cold room for nine days"));
    browser.check_accessibility("the public report page").await;

    for (kind, content_type) in [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("csv", "text/csv; charset=utf-8"),
        ("json", "application/json"),
    ] {
        assert!(
            browser.exists(&format!("a[href='?kind={kind}']")).await,
            "{kind} link"
        );
        let res = app
            .client
            .get(app.url(&format!("{public}?kind={kind}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{kind}");
        assert_eq!(res.headers()["content-type"], content_type, "{kind}");
        assert!(!res.bytes().await.unwrap().is_empty());
    }
    browser.close().await;
}
