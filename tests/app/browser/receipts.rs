//! Receipts in the browser: a double-tapped form makes one testimony, and on a phone
//! (360 px) the receipt never breaks a group of digits nor overflows the screen, in the
//! witness's language, also when staff print it at an in-person hearing.

use diesel::prelude::*;
use peoples_upr::domain::account::Role;

use super::fill_testimony;
use super::harness::Browser;
use crate::helpers::{Backend, PASSWORD, TestApp};

fn testimonies(app: &TestApp) -> i64 {
    app.db(|c| {
        peoples_upr::db::schema::testimonies::table
            .count()
            .get_result(c)
            .unwrap()
    })
}

/// How the receipt code lies on the page.
#[derive(Debug, serde::Deserialize)]
struct Layout {
    /// Groups of digits shown.
    groups: usize,
    /// Groups split across lines.
    split: usize,
    /// Lines the code takes.
    lines: usize,
    scroll_width: i64,
    inner_width: i64,
}

async fn layout(browser: &Browser) -> Layout {
    let value = browser
        .client
        .execute(
            r#"const groups = [...document.querySelectorAll('#receipt-code .receipt-group')];
               return {
                 groups: groups.length,
                 split: groups.filter(g => g.getClientRects().length !== 1).length,
                 lines: new Set(groups.map(g => Math.round(g.getBoundingClientRect().top))).size,
                 scroll_width: document.documentElement.scrollWidth,
                 inner_width: window.innerWidth,
               };"#,
            vec![],
        )
        .await
        .expect("measure the receipt");
    serde_json::from_value(value).expect("a layout")
}

/// The receipt fits a phone: no group broken, nothing wider than the screen.
async fn assert_fits_a_phone(browser: &Browser, what: &str) {
    let l = layout(browser).await;
    assert_eq!(l.inner_width, 360, "the window is a phone's: {l:?}");
    assert_eq!(l.groups, 5, "{what}: {l:?}");
    assert_eq!(l.split, 0, "{what}: no group is split across lines: {l:?}");
    assert!(l.lines >= 2, "{what}: the code wraps between groups: {l:?}");
    assert!(
        l.scroll_width <= l.inner_width,
        "{what}: no horizontal overflow: {l:?}"
    );
}

async fn is_hidden(browser: &Browser, id: &str) -> bool {
    let value = browser
        .client
        .execute(
            "return document.getElementById(arguments[0]).hidden;",
            vec![serde_json::json!(id)],
        )
        .await
        .expect("read hidden");
    value.as_bool().expect("a boolean")
}

#[actix_web::test]
async fn a_double_tapped_form_makes_one_testimony() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "doble");
    browser.goto(&app, "/hearings/doble").await;
    fill_testimony(&browser).await;
    // On a slow connection the form goes out twice before any answer comes back...
    let answers = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const form = document.querySelector('main form');
               const send = () => fetch(form.action, {
                 method: 'POST', body: new FormData(form), redirect: 'manual',
               }).then(r => r.type);
               Promise.all([send(), send()]).then(done, e => done(String(e)));"#,
            vec![],
        )
        .await
        .expect("post twice");
    assert_eq!(
        answers,
        serde_json::json!(["opaqueredirect", "opaqueredirect"]),
        "both posts are answered with the receipt page"
    );
    // ...and the witness, seeing nothing happen, presses the button once more.
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/receipt");
    let code = browser.text_of("#receipt-code").await;
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits.len(), 25, "{code}");
    assert_eq!(testimonies(&app), 1, "one form, one testimony");
    let t = crate::testimony::latest_testimony(&app);
    assert_eq!(
        t.receipt_hash,
        app.keys.keyed_hash("receipt", digits.as_bytes()),
        "the receipt shown is the testimony's"
    );
    browser.close().await;
}

#[actix_web::test]
async fn on_a_phone_the_receipt_wraps_between_groups_and_can_be_printed_and_reloaded() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "telefono");
    browser.set_width(360).await;
    browser.goto(&app, "/lang/ht?next=/hearings/telefono").await;
    fill_testimony(&browser).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/receipt");
    assert_eq!(browser.lang().await, "ht");
    let code = browser.text_of("#receipt-code").await;
    assert_fits_a_phone(&browser, "receipt page").await;
    assert!(
        !is_hidden(&browser, "print-receipt").await,
        "with scripts, the print button shows"
    );
    assert!(
        is_hidden(&browser, "print-hint").await,
        "and the hint to use the browser's menu goes"
    );
    let text = browser.text().await;
    assert!(text.contains("15 minit"), "the warning: {text}");
    assert!(text.contains(&format!("{}/check", app.base)), "{text}");
    browser.check_accessibility("receipt page at 360 px").await;

    browser.client.refresh().await.expect("reload");
    assert_eq!(
        browser.text_of("#receipt-code").await,
        code,
        "a reload shows the same receipt"
    );
    browser.close().await;
}

#[actix_web::test]
async fn a_haitian_creole_intake_receipt_prints_with_the_site_address() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let id = crate::testimony::open_hearing(&app, "an-pesonn");
    app.create_user("org@example.org", Role::Organizer);
    browser.goto(&app, "/login").await;
    browser.fill("#email", "org@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;

    browser
        .goto(&app, &format!("/staff/hearings/{id}/intake"))
        .await;
    assert!(browser.text().await.contains("The witness's testimony"));
    fill_testimony(&browser).await;
    browser.click("#receipt_language option[value=ht]").await;
    browser.set_width(360).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/staff/intake/receipt");
    assert!(browser.exists("section.printed-receipt[lang=ht]").await);
    let printed = browser.text_of("section.printed-receipt").await;
    assert!(printed.contains("Kòd resi ou"), "{printed}");
    assert!(printed.contains(&app.base), "{printed}");
    assert!(
        printed.contains(&format!("{}/check", app.base)),
        "{printed}"
    );
    assert_fits_a_phone(&browser, "printable intake receipt").await;
    browser
        .check_accessibility("printable intake receipt at 360 px")
        .await;
    browser.close().await;
}
