//! Receipts that cannot be lost, testimony that cannot be doubled: a form is submitted
//! once, however often it is posted; its receipt can be viewed again in the same browser
//! session for 15 minutes; the printed receipt of an in-person hearing is in the witness's
//! language with the site's address; the confirmation email names the site.

use std::sync::Arc;

use diesel::prelude::*;
use peoples_upr::db::{self, schema};
use peoples_upr::domain::account::Role;
use reqwest::multipart::Form;

use crate::both_databases;
use crate::helpers::{Page, TestApp};
use crate::testimony::{latest_testimony, open_hearing, typical};

both_databases!(
    the_same_form_posted_again_makes_one_testimony_and_the_same_receipt,
    two_posts_of_one_form_at_once_make_one_testimony,
    the_receipt_can_be_viewed_again_for_fifteen_minutes_then_never,
    a_refused_form_comes_back_with_its_submission_key,
    a_haitian_creole_intake_receipt_is_in_haitian_creole_with_the_site_address,
    the_intake_form_speaks_to_staff_about_the_witness,
    the_confirmation_email_names_the_site_address,
);

/// Post the testimony form of `page` (its CSRF token, consent text and submission key)
/// as a browser does, from `client`.
pub async fn post_form(
    client: &reqwest::Client,
    app: &TestApp,
    slug: &str,
    page: &Page,
    fields: &[(&str, String)],
) -> Page {
    let mut form = Form::new();
    for name in ["csrf_token", "consent_text_id", "submission_key"] {
        let value = if name == "csrf_token" {
            page.csrf()
        } else {
            page.field_value(name).unwrap_or_default()
        };
        form = form.text(name, value);
    }
    for (k, v) in fields {
        form = form.text(k.to_string(), v.clone());
    }
    let res = client
        .post(app.url(&format!("/hearings/{slug}/testimony")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    Page {
        status,
        headers,
        body: res.text().await.unwrap(),
    }
}

/// A second browser holding the same form: it has the anti-forgery cookie the form was
/// made for, but not the session cookie the first answer set (the answer was lost).
fn same_form_elsewhere(app: &TestApp, page: &Page) -> reqwest::Client {
    let csrf = page
        .cookie_value("upr_csrf")
        .expect("the form set its cookie");
    let jar = reqwest::cookie::Jar::default();
    jar.add_cookie_str(
        &format!("upr_csrf={csrf}; Path=/"),
        &app.base.parse().unwrap(),
    );
    reqwest::Client::builder()
        .cookie_provider(Arc::new(jar))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The code on a receipt page, or `None` when it shows none.
pub fn code_on(page: &Page) -> Option<String> {
    Some(page.text_of("#receipt-code")).filter(|c| !c.is_empty())
}

async fn receipt_of(client: &reqwest::Client, app: &TestApp) -> Page {
    crate::helpers::get_with(client, &app.url("/receipt")).await
}

fn testimonies(app: &TestApp) -> i64 {
    app.db(|c| schema::testimonies::table.count().get_result(c))
        .unwrap()
}

fn confirmations(app: &TestApp) -> i64 {
    app.db(|c| {
        schema::outbox::table
            .filter(schema::outbox::kind.eq("testimony-confirmation"))
            .count()
            .get_result(c)
    })
    .unwrap()
}

async fn the_same_form_posted_again_makes_one_testimony_and_the_same_receipt(app: TestApp) {
    open_hearing(&app, "twice");
    let page = app.get("/hearings/twice").await;
    let key = page.field_value("submission_key").unwrap();
    assert_eq!(key.len(), 43, "256 bits in base64url: {key}");
    assert_ne!(
        app.get("/hearings/twice")
            .await
            .field_value("submission_key"),
        Some(key.clone()),
        "each rendering has its own key"
    );

    let first = post_form(&app.client, &app, "twice", &page, &typical()).await;
    assert_eq!(first.status, 303, "{}", first.text());
    assert_eq!(first.location(), Some("/receipt"));
    let code = code_on(&receipt_of(&app.client, &app).await).unwrap();
    // A double tap: the same form again, from the same browser.
    let second = post_form(&app.client, &app, "twice", &page, &typical()).await;
    assert_eq!(second.status, 303, "{}", second.text());
    assert_eq!(second.location(), Some("/receipt"));
    assert_eq!(
        code_on(&receipt_of(&app.client, &app).await),
        Some(code.clone())
    );
    // The first answer was lost: the same form comes again without the session it set.
    let elsewhere = same_form_elsewhere(&app, &page);
    let third = post_form(&elsewhere, &app, "twice", &page, &typical()).await;
    assert_eq!(third.status, 303, "{}", third.text());
    assert_eq!(third.location(), Some("/receipt"));
    assert_eq!(
        code_on(&receipt_of(&elsewhere, &app).await),
        Some(code.clone())
    );

    assert_eq!(testimonies(&app), 1, "one form, one testimony");
    assert_eq!(confirmations(&app), 1, "and one confirmation email");
    let t = latest_testimony(&app);
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(
        t.receipt_hash,
        app.keys.keyed_hash("receipt", digits.as_bytes())
    );
    let stored: Option<String> = app
        .db(|c| {
            schema::testimonies::table
                .select(schema::testimonies::submission_hash)
                .first(c)
        })
        .unwrap();
    let stored = stored.expect("the testimony keeps the hash of its form's key");
    assert!(!stored.contains(&key), "the key itself is not stored");
    let kept: Vec<u8> = app
        .db(|c| {
            schema::kept_receipts::table
                .select(schema::kept_receipts::sealed_receipt)
                .first(c)
        })
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&kept).contains(&digits[..10]),
        "the kept receipt is sealed"
    );

    // The same page loaded again is a new form: a new testimony.
    let fresh = app.get("/hearings/twice").await;
    let other = post_form(&app.client, &app, "twice", &fresh, &typical()).await;
    assert_eq!(other.status, 303);
    assert_ne!(code_on(&receipt_of(&app.client, &app).await), Some(code));
    assert_eq!(testimonies(&app), 2);
}

async fn two_posts_of_one_form_at_once_make_one_testimony(app: TestApp) {
    open_hearing(&app, "race");
    let page = app.get("/hearings/race").await;
    let elsewhere = same_form_elsewhere(&app, &page);
    let fields = typical();
    let (a, b) = futures_util::future::join(
        post_form(&app.client, &app, "race", &page, &fields),
        post_form(&elsewhere, &app, "race", &page, &fields),
    )
    .await;
    assert_eq!(
        (a.status, b.status),
        (303, 303),
        "{} / {}",
        a.text(),
        b.text()
    );
    assert_eq!(testimonies(&app), 1);
    assert_eq!(confirmations(&app), 1);
    let first = code_on(&receipt_of(&app.client, &app).await).unwrap();
    let second = code_on(&receipt_of(&elsewhere, &app).await).unwrap();
    assert_eq!(first, second, "both posts answer with the one receipt");
}

/// Move a kept receipt's time into the past, as if `minutes` had gone by.
fn age_kept_receipts(app: &TestApp, minutes: i64) {
    let ago = chrono::Duration::minutes(minutes);
    app.db(|c| {
        let rows: Vec<(String, chrono::NaiveDateTime, chrono::NaiveDateTime)> =
            schema::kept_receipts::table
                .select((
                    schema::kept_receipts::submission_hash,
                    schema::kept_receipts::submitted_at,
                    schema::kept_receipts::expires_at,
                ))
                .load(c)
                .unwrap();
        for (hash, at, until) in rows {
            diesel::update(schema::kept_receipts::table.find(hash))
                .set((
                    schema::kept_receipts::submitted_at.eq(at - ago),
                    schema::kept_receipts::expires_at.eq(until - ago),
                ))
                .execute(c)
                .unwrap();
        }
    });
}

async fn the_receipt_can_be_viewed_again_for_fifteen_minutes_then_never(app: TestApp) {
    open_hearing(&app, "reload");
    let page = app.get("/hearings/reload").await;
    let res = post_form(&app.client, &app, "reload", &page, &typical()).await;
    assert_eq!(res.status, 303);
    let shown = receipt_of(&app.client, &app).await;
    assert_eq!(shown.status, 200);
    let code = code_on(&shown).unwrap();
    assert!(shown.contains("for 15 minutes after you sent your testimony, in this browser only"));
    assert!(shown.contains("it cannot be recovered"));
    assert!(
        shown
            .body
            .contains(r#"<button type="button" id="print-receipt" hidden>"#)
    );
    assert!(
        shown
            .body
            .contains(r#"<script src="/static/print.js" defer>"#)
    );
    assert!(shown.contains("You can print this page with your browser’s Print menu."));
    assert!(shown.contains(&app.base) && shown.contains(&format!("{}/check", app.base)));
    let groups: Vec<String> = {
        let doc = scraper::Html::parse_document(&shown.body);
        let sel = scraper::Selector::parse("#receipt-code .receipt-group").unwrap();
        doc.select(&sel).map(|g| g.text().collect()).collect()
    };
    assert_eq!(groups.join("-"), code, "five groups, each in its own span");
    assert_eq!(groups.len(), 5);
    let script = app.get("/static/print.js").await;
    assert_eq!(script.status, 200);
    assert!(script.body.contains("window.print()"));

    // Ten minutes later, a reload still shows it; another browser never sees it.
    age_kept_receipts(&app, 10);
    assert_eq!(
        code_on(&receipt_of(&app.client, &app).await),
        Some(code.clone())
    );
    let stranger = receipt_of(&app.other_client(), &app).await;
    assert_eq!(stranger.status, 410);
    assert_eq!(code_on(&stranger), None);

    // Past fifteen minutes it is gone, for good.
    age_kept_receipts(&app, 6);
    let gone = receipt_of(&app.client, &app).await;
    assert_eq!(gone.status, 410);
    assert_eq!(code_on(&gone), None);
    assert!(gone.contains("no longer shown"));
    assert!(!gone.body.contains("receipt-group"));
    let swept = app
        .db(|c| db::kept_receipts::sweep_expired(c, db::now()))
        .unwrap();
    assert_eq!(swept, 1, "the sweeper deletes it");
    assert_eq!(app.db(db::kept_receipts::count).unwrap(), 0);
    // The same form posted again now says it was sent, and still makes nothing new.
    let late = post_form(&app.client, &app, "reload", &page, &typical()).await;
    assert_eq!(late.status, 409);
    assert!(late.contains("This form was already sent"));
    assert!(!late.body.contains("receipt-group"));
    assert_eq!(testimonies(&app), 1);
}

async fn a_refused_form_comes_back_with_its_submission_key(app: TestApp) {
    open_hearing(&app, "refused");
    let page = app.get("/hearings/refused").await;
    let key = page.field_value("submission_key").unwrap();
    let mut empty = typical();
    empty.retain(|(k, _)| *k != "body");
    let invalid = post_form(&app.client, &app, "refused", &page, &empty).await;
    assert_eq!(invalid.status, 422);
    assert_eq!(invalid.field_value("submission_key"), Some(key.clone()));

    let mut forged = page.clone();
    forged.body = forged.body.replace(&page.csrf(), "not-the-token");
    let refused = post_form(&app.client, &app, "refused", &forged, &typical()).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.field_value("submission_key"), Some(key.clone()));
    assert!(refused.field_value("body").unwrap().contains("nine days"));
    assert_eq!(testimonies(&app), 0);

    // Sent again as it came back, it is taken once.
    for _ in 0..2 {
        let sent = post_form(&app.client, &app, "refused", &invalid, &typical()).await;
        assert_eq!(sent.status, 303, "{}", sent.text());
    }
    assert_eq!(testimonies(&app), 1);

    // A form without a key (a page from before keys existed) is still taken.
    let mut old = page.clone();
    old.body = old.body.replace(&key, "");
    let sent = post_form(&app.client, &app, "refused", &old, &typical()).await;
    assert_eq!(sent.status, 303, "{}", sent.text());
    assert_eq!(testimonies(&app), 2);
}

async fn login_staff(app: &TestApp) -> String {
    let id = open_hearing(app, "lakay");
    app.create_user("staff@example.org", Role::Organizer);
    app.login("staff@example.org").await;
    id
}

async fn a_haitian_creole_intake_receipt_is_in_haitian_creole_with_the_site_address(app: TestApp) {
    let id = login_staff(&app).await;
    let path = format!("/staff/hearings/{id}/intake");
    let page = app.get(&path).await;
    assert!(
        page.body
            .contains(r#"<select id="receipt_language" name="receipt_language""#)
    );
    let mut fields = typical();
    fields.retain(|(k, _)| *k != "language");
    fields.push(("language", "other".into()));
    fields.push(("consent_method", "spoken".into()));
    fields.push(("interpretation_language", "Haitian Creole".into()));
    fields.push(("receipt_language", "ht".into()));
    let res = app.post_multipart(&path, Some(&page), &fields).await;
    assert_eq!(res.status, 303, "{}", res.text());
    assert_eq!(res.location(), Some("/staff/intake/receipt"));
    let receipt = app.get("/staff/intake/receipt").await;
    assert_eq!(receipt.status, 200);
    assert!(receipt.body.contains(r#"<html lang="en""#), "a staff page");
    assert!(
        receipt
            .body
            .contains(r#"<section class="printed-receipt" lang="ht""#)
    );
    let printed = receipt.text_of("section.printed-receipt");
    for words in [
        "Kòd resi ou",
        "Ekri kòd sa a",
        "Sit entènèt",
        "Verifye temwayaj ou nan",
        "Odyans",
        "Hearing lakay",
    ] {
        assert!(printed.contains(words), "{words} in {printed}");
    }
    assert!(printed.contains(&app.base));
    assert!(printed.contains(&format!("{}/check", app.base)));
    assert!(!printed.contains("Your receipt code"), "not in English");
    let code = receipt.text_of("#receipt-code");
    assert_eq!(code.chars().filter(char::is_ascii_digit).count(), 25);

    // The same form posted again is the same testimony and the same receipt.
    let again = app.post_multipart(&path, Some(&page), &fields).await;
    assert_eq!(again.status, 303);
    assert_eq!(
        app.get("/staff/intake/receipt")
            .await
            .text_of("#receipt-code"),
        code
    );
    assert_eq!(testimonies(&app), 1);
    // The confirmation email is in the witness's language too, with the site's address.
    let mail = app.wait_for_mail("address-not-kept.invalid").await;
    assert!(mail.contains("Nou resevwa temwayaj ou"), "{mail}");
    assert!(mail.contains(&format!("{}/check", app.base)), "{mail}");

    // By default the receipt is in the language of the testimony, when the site has it.
    let page = app.get(&path).await;
    let mut fields = typical();
    fields.retain(|(k, _)| *k != "language" && *k != "email");
    fields.push(("language", "es".into()));
    fields.push(("consent_method", "written".into()));
    let res = app.post_multipart(&path, Some(&page), &fields).await;
    assert_eq!(res.status, 303, "{}", res.text());
    let receipt = app.get("/staff/intake/receipt").await;
    assert!(
        receipt
            .body
            .contains(r#"<section class="printed-receipt" lang="es""#)
    );
    assert!(
        receipt
            .text_of("section.printed-receipt")
            .contains("Su código de recibo")
    );
}

async fn the_intake_form_speaks_to_staff_about_the_witness(app: TestApp) {
    let id = login_staff(&app).await;
    // Even with a Spanish language cookie, staff pages are English.
    app.get("/lang/es?next=/").await;
    let path = format!("/staff/hearings/{id}/intake");
    let page = app.get(&path).await;
    for words in [
        "The witness's testimony",
        "How did the witness give consent?",
        "Who is the witness in this testimony?",
        "About the witness (optional)",
        "What does the witness allow us to do with their testimony?",
        "Quote the witness's words exactly.",
        "Remove the witness's name",
        "Language of the printed receipt",
    ] {
        assert!(page.contains(words), "{words}");
    }
    for witness_words in ["Quote my words exactly.", "Remove my name", "About you"] {
        assert!(!page.contains(witness_words), "{witness_words}");
    }
    let mut fields = typical();
    fields.retain(|(k, _)| *k != "body");
    fields.push(("consent_method", "spoken".into()));
    fields.push(("receipt_language", "xx".into()));
    let res = app.post_multipart(&path, Some(&page), &fields).await;
    assert_eq!(res.status, 422);
    assert!(res.contains("Write the witness's testimony."));
    assert!(res.contains("Choose the language of the receipt from the list."));
    assert_eq!(
        res.field_value("submission_key"),
        page.field_value("submission_key")
    );
    // The public form still speaks to the witness.
    let public = crate::helpers::get_with(&app.other_client(), &app.url("/hearings/lakay")).await;
    assert!(public.contains("Quote my words exactly."));
    assert!(!public.contains("Language of the printed receipt"));
}

async fn the_confirmation_email_names_the_site_address(app: TestApp) {
    open_hearing(&app, "mail");
    let page = app.get("/hearings/mail").await;
    let res = post_form(&app.client, &app, "mail", &page, &typical()).await;
    assert_eq!(res.status, 303);
    let mail = app.wait_for_mail("address-not-kept.invalid").await;
    assert!(mail.contains("We received your testimony"), "{mail}");
    assert!(
        mail.contains(&format!("the People's UPR on {}.", app.base)),
        "{mail}"
    );
    assert!(mail.contains(&format!("{}/check", app.base)), "{mail}");
    let code = code_on(&receipt_of(&app.client, &app).await).unwrap();
    assert!(!mail.contains(&code) && !mail.contains("nine days"));
}

/// A database made before submission keys upgrades without the sealing step, which only
/// the migration that drops clear text needs.
fn upgrades_from_the_previous_version(database_url: peoples_upr::db::DatabaseUrl) {
    let pool = db::connect(&database_url).unwrap();
    let mut conn = pool.get().unwrap();
    db::migrate_before(&mut conn, "2026-11-25-000007").unwrap();
    let applied = db::migrate(&mut conn, |_| {
        anyhow::bail!("sealing runs only before the migration that drops clear text")
    })
    .unwrap();
    assert!(
        applied.iter().any(|m| m.contains("submission_keys")),
        "{applied:?}"
    );
    assert_eq!(db::kept_receipts::count(&mut conn).unwrap(), 0);
}

#[test]
fn a_sqlite_database_from_before_submission_keys_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    upgrades_from_the_previous_version(peoples_upr::db::DatabaseUrl::Sqlite(
        dir.path().join("old.db"),
    ));
}

#[test]
fn a_postgres_database_from_before_submission_keys_upgrades() {
    let Some(admin) = crate::helpers::postgres_admin_url() else {
        return;
    };
    let guard = crate::helpers::create_pg_database(&admin);
    let url = crate::helpers::replace_db_name(&admin, &guard.name);
    upgrades_from_the_previous_version(peoples_upr::db::DatabaseUrl::Postgres(url));
    drop(guard);
}
