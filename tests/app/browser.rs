//! Journeys in a real browser (headless Chromium through chromedriver). Skipped with a
//! notice when Chromium is absent, except under CI.

pub mod harness;
mod layout;
mod messages;
mod receipts;
mod reports;
mod review;
mod witness;

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

    browser.goto(&app, "/admin/audit").await;
    assert!(browser.text().await.contains("Intact"));
    browser.check_accessibility("audit trail page").await;
    browser.goto(&app, "/admin/vocabulary").await;
    browser.check_accessibility("vocabulary page").await;

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
    let text = browser.text().await;
    assert!(
        text.contains("Your account is ready and you are logged in"),
        "{text}"
    );
    assert!(text.contains("Welcome, Nadia Editor"), "{text}");
    assert!(text.contains("Editor"));
    browser.check_accessibility("staff home").await;
    browser.close().await;
}

/// Fill the testimony form the way a witness would.
async fn fill_testimony(browser: &Browser) {
    browser
        .fill("#body", "Nos tuvieron nueve días en un cuarto frío.\nMi hijo estaba enfermo y no vio a ningún médico.")
        .await;
    browser.click("#role-family-member").await;
    browser.fill("#place_state", "Texas").await;
    browser.fill("#place_city", "El Paso").await;
    browser.click("#theme-children").await;
    browser.click("#consent-publish").await;
    browser.click("#consent-quote").await;
    browser.click("#redact_name").await;
    browser.fill("#redact_terms", "Calle Oregon").await;
}

#[actix_web::test]
async fn a_witness_testifies_in_spanish_and_later_withdraws_consent_to_quotation() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "audiencia");

    browser.goto(&app, "/hearings/audiencia").await;
    browser.click_and_wait("a[hreflang=es]").await;
    assert_eq!(browser.lang().await, "es");
    assert_eq!(browser.path().await, "/hearings/audiencia");
    browser
        .check_accessibility("hearing page with its form, in Spanish")
        .await;
    assert!(
        !browser.is_ticked("#consent-publish").await,
        "nothing is ticked in advance"
    );
    // The title and consent text are the hearing's Spanish ones.
    assert!(browser.text().await.contains("Audiencia audiencia"));
    browser.click("details.consent-text summary").await;
    assert_eq!(
        browser
            .text_of("details.consent-text .testimony-text")
            .await,
        crate::testimony::CONSENT_ES
    );
    assert!(!browser.exists("#consent-text-language").await);
    browser
        .check_accessibility("hearing page with the consent text open, in Spanish")
        .await;

    // A first try without the testimony text comes back with what was chosen kept.
    browser.click("#role-family-member").await;
    browser.click("#consent-media").await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert!(browser.exists(".error-summary").await);
    assert!(browser.is_ticked("#consent-media").await);
    browser
        .check_accessibility("form with errors, in Spanish")
        .await;
    browser.click("#consent-media").await;

    fill_testimony(&browser).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/receipt");
    let code = browser.text_of("#receipt-code").await;
    assert_eq!(
        code.chars().filter(char::is_ascii_digit).count(),
        25,
        "{code}"
    );
    browser.check_accessibility("receipt page").await;

    browser.goto(&app, "/check").await;
    browser.check_accessibility("check page").await;
    browser.fill("#code", &code).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/my-testimony");
    assert!(browser.text().await.contains("Nos tuvieron nueve días"));
    assert!(browser.is_ticked("#consent-quote").await);
    browser.click("details.consent-text summary").await;
    assert_eq!(
        browser
            .text_of("details.consent-text .testimony-text")
            .await,
        crate::testimony::CONSENT_ES
    );
    browser.check_accessibility("my testimony page").await;

    browser.click("#consent-quote").await;
    browser
        .click_and_wait("form[action='/my-testimony/consent'] button")
        .await;
    assert!(
        !browser.is_ticked("#consent-quote").await,
        "the change shows"
    );
    assert!(browser.is_ticked("#consent-publish").await);
    assert!(browser.exists(".flash").await);

    let t = app.db(|c| {
        use diesel::prelude::*;
        peoples_upr::db::schema::testimonies::table
            .select(peoples_upr::db::schema::testimonies::id)
            .first::<String>(c)
            .unwrap()
    });
    let consent = app
        .db(|c| peoples_upr::db::testimony::current_consent(c, &t))
        .unwrap();
    let history = app
        .db(|c| peoples_upr::db::testimony::consent_history(c, &t))
        .unwrap();
    assert_eq!(
        history.len(),
        2,
        "the change is a new record of the history"
    );
    for record in &history {
        let text = app
            .db(|c| peoples_upr::db::hearings::consent_text(c, &record.consent_text_id))
            .unwrap();
        assert_eq!(text.lang, "es", "the record names the Spanish text");
        assert_eq!(text.body, crate::testimony::CONSENT_ES);
    }
    assert!(!consent.permits(peoples_upr::domain::consent::ConsentScope::QuoteVerbatim));
    assert!(consent.permits(peoples_upr::domain::consent::ConsentScope::PublishAnonymously));
    browser.close().await;
}

#[actix_web::test]
async fn the_testimony_form_works_without_javascript() {
    let Some(browser) = Browser::start_with(false).await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "sin-js");
    browser.goto(&app, "/lang/es?next=/hearings/sin-js").await;
    assert_eq!(browser.path().await, "/hearings/sin-js");
    fill_testimony(&browser).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/receipt");
    let code = browser.text_of("#receipt-code").await;
    assert_eq!(code.chars().filter(char::is_ascii_digit).count(), 25);
    let stored: i64 = app.db(|c| {
        use diesel::prelude::*;
        peoples_upr::db::schema::testimonies::table
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(stored, 1);
    browser.close().await;
}

#[actix_web::test]
async fn public_pages_and_error_pages_pass_the_accessibility_check() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "abierta");
    crate::testimony::hearing_with_status(
        &app,
        "cerrada",
        peoples_upr::domain::hearing::HearingStatus::Closed,
    );
    for lang in ["en", "ht"] {
        browser.goto(&app, &format!("/lang/{lang}?next=/")).await;
        assert_eq!(browser.lang().await, lang);
        browser
            .check_accessibility(&format!("home page ({lang})"))
            .await;
        browser.goto(&app, "/hearings").await;
        browser
            .check_accessibility(&format!("hearing list ({lang})"))
            .await;
        browser.goto(&app, "/hearings/cerrada").await;
        browser
            .check_accessibility(&format!("closed hearing ({lang})"))
            .await;
        browser.goto(&app, "/no-such-page").await;
        assert!(browser.exists("main h1").await);
        browser
            .check_accessibility(&format!("not-found page ({lang})"))
            .await;
        browser.goto(&app, "/receipt").await;
        browser
            .check_accessibility(&format!("receipt already shown ({lang})"))
            .await;
    }
    browser.goto(&app, "/check").await;
    browser.fill("#code", "123").await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert!(browser.exists(".error-summary").await);
    browser
        .check_accessibility("check page with an error")
        .await;
    browser.close().await;
}

#[actix_web::test]
async fn staff_take_testimony_and_print_the_receipt_in_the_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let id = crate::testimony::open_hearing(&app, "en-persona");
    app.create_user("org@example.org", Role::Organizer);
    browser.goto(&app, "/login").await;
    browser.fill("#email", "org@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;

    browser
        .goto(&app, &format!("/staff/hearings/{id}/intake"))
        .await;
    browser.check_accessibility("assisted intake page").await;
    assert!(browser.is_ticked("#consent_method-spoken").await);
    fill_testimony(&browser).await;
    browser.click("#consent_method-written").await;
    browser.fill("#interpreter", "Marie Joseph").await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/staff/intake/receipt");
    let code = browser.text_of("#receipt-code").await;
    assert_eq!(code.chars().filter(char::is_ascii_digit).count(), 25);
    browser.check_accessibility("printable receipt").await;
    browser.close().await;
}

#[actix_web::test]
async fn about_and_privacy_pass_the_accessibility_check_in_every_language() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    for lang in ["en", "es", "fr", "ht"] {
        browser
            .goto(&app, &format!("/lang/{lang}?next=/about"))
            .await;
        assert_eq!(browser.lang().await, lang);
        browser
            .check_accessibility(&format!("about page ({lang})"))
            .await;
        browser.click_and_wait("footer a[href='/privacy']").await;
        assert_eq!(browser.path().await, "/privacy");
        browser
            .check_accessibility(&format!("privacy page ({lang})"))
            .await;
    }

    // An administrator says who runs the site; a mistake comes back whole.
    app.create_user("admin@example.org", Role::Admin);
    browser.goto(&app, "/lang/en?next=/login").await;
    browser.fill("#email", "admin@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;
    browser
        .click_and_wait("header a[href='/admin/organisation']")
        .await;
    browser
        .check_accessibility("organisation settings page")
        .await;
    browser.fill("#contact_email", "not an email").await;
    browser.fill("#name_ht", "Kolektif Temwen").await;
    browser
        .click_and_wait("form[action='/admin/organisation'] button[type=submit]")
        .await;
    assert!(browser.exists(".error-summary").await);
    assert_eq!(browser.value("#name_ht").await, "Kolektif Temwen");
    browser
        .check_accessibility("organisation settings page with errors")
        .await;
    browser.fill("#contact_email", "team@example.org").await;
    browser
        .click_and_wait("form[action='/admin/organisation'] button[type=submit]")
        .await;
    assert!(browser.text().await.contains("Saved."));
    browser.goto(&app, "/lang/ht?next=/about").await;
    let text = browser.text().await;
    assert!(
        text.contains("Se Kolektif Temwen ki jere sit sa a."),
        "{text}"
    );
    assert!(text.contains("team@example.org"));
    browser
        .check_accessibility("about page with the organisation's settings (ht)")
        .await;
    browser.close().await;
}
