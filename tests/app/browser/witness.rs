//! The witness's page in the browser: they change their redaction request, then erase
//! everything they gave; each page passes the accessibility check, and afterwards the
//! database and the data folder hold none of it.

use super::fill_testimony;
use super::harness::Browser;
use crate::helpers::{Backend, TestApp};

#[actix_web::test]
async fn a_witness_changes_a_redaction_request_then_erases_everything() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "borrar");
    browser.goto(&app, "/lang/es?next=/hearings/borrar").await;
    fill_testimony(&browser).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    let code = browser.text_of("#receipt-code").await;
    let t = crate::testimony::latest_testimony(&app);
    let sealed = t.sealed_body.clone().unwrap();

    browser.goto(&app, "/check").await;
    browser.fill("#code", &code).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/my-testimony");
    assert_eq!(browser.value("#redact_terms").await, "Calle Oregon");

    // A term added, the dates to be removed too; a bad period first, which comes back whole.
    browser
        .fill("#redact_terms", "Calle Oregon\nTío Beto")
        .await;
    browser.click("#redact_dates").await;
    browser.set_value("#period_from", "2030-01").await;
    browser
        .click_and_wait("form[action='/my-testimony/details'] button")
        .await;
    assert!(browser.exists(".error-summary").await);
    assert!(browser.value("#redact_terms").await.contains("Tío Beto"));
    browser
        .check_accessibility("the witness's page with an error in their details, in Spanish")
        .await;
    browser.set_value("#period_from", "").await;
    browser
        .click_and_wait("form[action='/my-testimony/details'] button")
        .await;
    assert!(browser.exists(".flash").await);
    assert!(browser.is_ticked("#redact_dates").await);
    assert_eq!(app.original(&t.id).terms, vec!["Calle Oregon", "Tío Beto"]);

    // Erasure, confirmed once.
    browser.click("#erase_confirm").await;
    browser
        .click_and_wait("form[action='/my-testimony/erase'] button")
        .await;
    let text = browser.text().await;
    assert!(text.contains("retirado y borrado"), "{text}");
    assert!(!text.contains("nueve días"));
    browser
        .check_accessibility("the witness's page after erasure, in Spanish")
        .await;
    browser.close().await;

    let after = crate::testimony::latest_testimony(&app);
    assert!(after.erased_at.is_some() && after.sealed_body.is_none());
    assert!(
        !app.data_files_contain(&sealed[1..33]),
        "the sealed words are gone from the database files"
    );
    assert!(
        !app.data_dir
            .path()
            .join("attachments")
            .join(after.id.as_str())
            .exists()
    );
}
