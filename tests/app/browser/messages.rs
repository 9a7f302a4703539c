//! Messages in the browser: an editor asks the witness a question, the witness reads it
//! with their receipt and answers, and the editor reads the answer; the witness's page with
//! a message and the staff messages page pass the accessibility check.

use peoples_upr::domain::account::Role;

use super::harness::Browser;
use crate::helpers::{Backend, TestApp};

#[actix_web::test]
async fn an_editor_asks_and_the_witness_answers_with_their_receipt() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "mensajes");
    let witness = app.other_client();
    let res = crate::testimony::submit_testimony(
        &witness,
        &app,
        "mensajes",
        &crate::testimony::typical(),
        vec![],
    )
    .await;
    let code = crate::testimony::take_receipt(&witness, &app, &res).await;
    let id = crate::testimony::latest_testimony(&app).id;
    let editor = app.create_user("granted@example.org", Role::Editor);
    app.grant(&editor);

    // The editor asks.
    browser.log_in(&app, "granted@example.org").await;
    let path = format!("/staff/testimony/{id}/messages");
    browser.goto(&app, &path).await;
    browser
        .check_accessibility("the staff messages page, empty")
        .await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert!(browser.exists(".error-summary").await);
    browser
        .check_accessibility("the staff messages page with an error")
        .await;
    browser
        .fill("#body", "Do you remember the name of the officer's unit?")
        .await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert!(browser.text().await.contains("Message sent."));
    browser
        .click_and_wait("header form[action='/logout'] button")
        .await;

    // The witness reads it with their receipt and answers.
    browser.goto(&app, "/check").await;
    browser.fill("#code", &code).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/my-testimony");
    let text = browser.text().await;
    assert!(text.contains("From the organisation"), "{text}");
    assert!(text.contains("the name of the officer's unit"));
    browser
        .check_accessibility("the witness's page with a message")
        .await;
    browser
        .fill("#reply", "It said Border Patrol, Station 4.")
        .await;
    browser
        .click_and_wait("form[action='/my-testimony/reply'] button")
        .await;
    let text = browser.text().await;
    assert!(text.contains("Your answer was sent."), "{text}");
    assert!(text.contains("Station 4"));
    browser
        .check_accessibility("the witness's page after answering")
        .await;
    browser
        .click_and_wait("form[action='/my-testimony/leave'] button")
        .await;

    // The editor reads the answer.
    browser.log_in(&app, "granted@example.org").await;
    browser.goto(&app, &path).await;
    let text = browser.text().await;
    assert!(text.contains("The witness"), "{text}");
    assert!(text.contains("It said Border Patrol, Station 4."));
    browser
        .check_accessibility("the staff messages page with an answer")
        .await;
    browser.close().await;
    assert!(!crate::testimony::latest_testimony(&app).unread_reply);
}
