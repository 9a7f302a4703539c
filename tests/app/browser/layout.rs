//! Every page on a small phone (360 px), a large one (412 px) and a desktop (1280 px):
//! nothing wider than the screen, wide tables scroll inside their own box (with a hint and
//! keyboard access), and the staff menu stays on one row on a desktop.

use peoples_upr::domain::account::Role;

use super::harness::Browser;
use crate::helpers::{Backend, PASSWORD, TestApp};

/// What a page's layout looks like to the measuring script.
#[derive(Debug, serde::Deserialize)]
struct Measure {
    scroll_width: i64,
    inner_width: i64,
    /// Rows the staff menu takes (0 when there is none).
    menu_rows: usize,
    /// Tables wider than their box whose box cannot be scrolled by keyboard.
    stuck_tables: usize,
}

async fn measure(browser: &Browser) -> Measure {
    let value = browser
        .client
        .execute(
            r#"const items = [...document.querySelectorAll('.site-header .nav > li')];
               const tables = [...document.querySelectorAll('table')];
               return {
                 scroll_width: document.documentElement.scrollWidth,
                 inner_width: window.innerWidth,
                 menu_rows: new Set(items.map(li => Math.round(li.getBoundingClientRect().top))).size,
                 stuck_tables: tables.filter(t => {
                   const box = t.closest('.table-wrap');
                   const wider = t.scrollWidth > (box ? box.clientWidth : window.innerWidth);
                   return wider && !(box && box.tabIndex === 0 && box.getAttribute('role') === 'region');
                 }).length,
               };"#,
            vec![],
        )
        .await
        .expect("measure the page");
    serde_json::from_value(value).expect("a measure")
}

async fn check_page(browser: &Browser, app: &TestApp, path: &str, staff: bool) {
    for width in [360, 412, 1280] {
        browser.set_width(width).await;
        browser.goto(app, path).await;
        let m = measure(browser).await;
        assert_eq!(m.inner_width, i64::from(width), "{path}: {m:?}");
        if m.scroll_width > m.inner_width {
            let culprit = browser
                .client
                .execute(
                    r#"const w = window.innerWidth;
                       return [...document.querySelectorAll('body *')]
                         .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
                         .slice(0, 5)
                         .map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))
                         .join(', ');"#,
                    vec![],
                )
                .await
                .expect("find what is too wide");
            panic!("{path} at {width} px is wider than the screen: {m:?}; {culprit}");
        }
        assert_eq!(m.stuck_tables, 0, "{path} at {width} px: {m:?}");
        if staff && width == 1280 {
            assert_eq!(m.menu_rows, 1, "{path}: the staff menu fits one row: {m:?}");
        }
    }
}

#[actix_web::test]
async fn every_page_fits_a_phone_and_a_desktop() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let hearing = crate::testimony::open_hearing(&app, "layout");
    let res = crate::testimony::submit_testimony(
        &app.client,
        &app,
        "layout",
        &crate::testimony::typical(),
        vec![],
    )
    .await;
    let code = crate::testimony::take_receipt(&app.client, &app, &res).await;

    for path in [
        "/",
        "/hearings",
        "/hearings/layout",
        "/check",
        "/about",
        "/privacy",
        "/login",
        "/password/forgot",
        "/no-such-page",
    ] {
        check_page(&browser, &app, path, false).await;
    }
    // The witness's own page.
    browser.goto(&app, "/check").await;
    browser.fill("#code", &code).await;
    browser
        .click_and_wait("main form button[type=submit]")
        .await;
    check_page(&browser, &app, "/my-testimony", false).await;

    app.create_user("ada@example.org", Role::Admin);
    browser.goto(&app, "/login").await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;
    for path in [
        "/staff".to_string(),
        "/staff/hearings".to_string(),
        "/staff/hearings/new".to_string(),
        format!("/staff/hearings/{hearing}"),
        format!("/staff/hearings/{hearing}/edit"),
        format!("/staff/hearings/{hearing}/intake"),
        "/admin/users".to_string(),
        "/admin/themes".to_string(),
        "/admin/organisation".to_string(),
        "/account/password".to_string(),
        "/account/two-step".to_string(),
        "/admin/security".to_string(),
    ] {
        check_page(&browser, &app, &path, true).await;
    }
    browser.close().await;
}
