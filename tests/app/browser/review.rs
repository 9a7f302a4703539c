//! The editor's desk in the browser: a granted editor opens a testimony from the queue,
//! accepts the suggested redactions and adds one of their own, tags it, selects an
//! excerpt, approves it and finds it by a word of its text, while the redacted words stay
//! unfindable; an editor without the grant sees the redacted text only. Every page passes
//! the accessibility check.

use diesel::prelude::*;
use peoples_upr::db::schema::{excerpts, testimonies};
use peoples_upr::domain::account::Role;

use super::harness::Browser;
use crate::helpers::{Backend, TestApp};

const BODY: &str = "On 03/14/2025 an officer took my phone. My number is A123-456-789 and my \
lawyer writes from lawyer@example.org. We were held at 1200 Montana Avenue. The guard \
Ramírez laughed at us. My son was sick and saw no doctor for nine days.";

#[actix_web::test]
async fn an_editor_redacts_tags_quotes_approves_and_finds_a_testimony() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "desk");
    let mut fields = crate::testimony::typical();
    for (k, v) in fields.iter_mut() {
        if *k == "body" {
            *v = BODY.to_string();
        }
    }
    let witness = app.other_client();
    let res = crate::testimony::submit_testimony(&witness, &app, "desk", &fields, vec![]).await;
    crate::testimony::take_receipt(&witness, &app, &res).await;
    let id = crate::testimony::latest_testimony(&app)
        .id
        .as_str()
        .to_string();
    let short: String = id.chars().take(8).collect();
    let granted = app.create_user("granted@example.org", Role::Editor);
    app.grant(&granted);
    app.create_user("plain@example.org", Role::Editor);

    // From the queue to the testimony.
    browser.log_in(&app, "granted@example.org").await;
    browser.goto(&app, "/account/two-step").await;
    browser
        .check_accessibility("the two-step sign-in set-up page")
        .await;
    browser.goto(&app, "/staff/review").await;
    browser.check_accessibility("the review queue").await;
    browser
        .click_and_wait(&format!("a[href='/staff/testimony/{id}']"))
        .await;
    let text = browser.text().await;
    assert!(text.contains("Original text"), "{text}");
    assert!(text.contains("Ramírez"));
    browser
        .check_accessibility("a testimony's overview, original view")
        .await;

    // The suggestions accepted, and one redaction of the editor's own.
    browser
        .click_and_wait("nav.tabs a[href$='/redaction']")
        .await;
    browser.check_accessibility("the redaction tab").await;
    for _ in 0..20 {
        if !browser.exists("button[name=decision][value=accept]").await {
            break;
        }
        browser
            .click_and_wait("button[name=decision][value=accept]")
            .await;
    }
    assert!(!browser.exists("button[name=decision][value=accept]").await);
    browser.fill("#words", "Ramírez").await;
    browser.set_value("#category", "other-person").await;
    browser
        .click_and_wait("form[action$='/redaction/add'] button[type=submit]")
        .await;
    browser
        .check_accessibility("the redaction tab after redacting")
        .await;
    let redacted = app
        .db(|c| peoples_upr::db::redaction::current(c, &id, "original"))
        .unwrap()
        .expect("a redacted text")
        .body;
    for gone in [
        "Ramírez",
        "A123-456-789",
        "lawyer@example.org",
        "1200 Montana Avenue",
        "Rosa",
    ] {
        assert!(!redacted.contains(gone), "{gone} left in: {redacted}");
    }
    assert!(
        redacted.contains("[other person's name withheld]"),
        "{redacted}"
    );

    // A theme added to the witness's own.
    browser.click_and_wait("nav.tabs a[href$='/tags']").await;
    browser.check_accessibility("the tags tab").await;
    assert!(browser.is_ticked("#themes-immigration-detention").await);
    browser.click("#themes-detention-conditions-health").await;
    browser
        .click_and_wait("form[action$='/tags'] button[type=submit]")
        .await;
    browser.click_and_wait("nav.tabs a[href$='/tags']").await;
    assert!(
        browser
            .is_ticked("#themes-detention-conditions-health")
            .await
    );

    browser
        .click_and_wait("nav.tabs a[href$='/translation']")
        .await;
    browser.check_accessibility("the translation tab").await;

    // An excerpt from the redacted text.
    browser
        .click_and_wait("nav.tabs a[href$='/excerpts']")
        .await;
    browser.check_accessibility("the excerpts tab").await;
    browser
        .fill(
            "#passage",
            "My son was sick and saw no doctor for nine days.",
        )
        .await;
    browser
        .click_and_wait("form[action$='/excerpts'] button[type=submit]")
        .await;
    let stored: i64 = app.db(|c| {
        excerpts::table
            .filter(excerpts::testimony_id.eq(&id))
            .filter(excerpts::invalidated_at.is_null())
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(stored, 1, "{}", browser.text().await);

    // Reviewed and approved.
    browser.goto(&app, &format!("/staff/testimony/{id}")).await;
    browser
        .click_and_wait("form[action$='/status']:has(input[value='review']) button")
        .await;
    browser
        .click_and_wait("form[action$='/status']:has(input[value='approve']) button")
        .await;
    assert!(
        browser
            .text()
            .await
            .contains("The testimony is now approved.")
    );
    let status: String = app.db(|c| {
        testimonies::table
            .find(&id)
            .select(testimonies::status)
            .first(c)
            .unwrap()
    });
    assert_eq!(status, "approved");

    // Found by a word of its text; never by a redacted one.
    browser.goto(&app, "/staff/search?q=doctor").await;
    assert!(browser.text().await.contains(&format!("Testimony {short}")));
    browser.check_accessibility("search results").await;
    browser.goto(&app, "/staff/search?q=Ram%C3%ADrez").await;
    let text = browser.text().await;
    assert!(!text.contains(&format!("Testimony {short}")), "{text}");
    assert!(text.contains("Nothing was found"));
    browser
        .click_and_wait("header form[action='/logout'] button")
        .await;

    // Without the grant: the redacted text only.
    browser.log_in(&app, "plain@example.org").await;
    browser.goto(&app, &format!("/staff/testimony/{id}")).await;
    let text = browser.text().await;
    assert!(text.contains("Redacted only"), "{text}");
    assert!(text.contains("saw no doctor"));
    for secret in ["Ramírez", "Rosa", "A123-456-789", "Montana"] {
        assert!(!text.contains(secret), "{secret} shown without the grant");
    }
    browser
        .check_accessibility("a testimony's overview, redacted view")
        .await;
    browser.close().await;
}
