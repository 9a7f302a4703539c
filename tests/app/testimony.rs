//! Witness testimony: public pages, the form, consent, redaction requests, receipts,
//! return visits, and assisted intake.

use diesel::prelude::*;
use peoples_upr::db::{self, schema};
use peoples_upr::domain::account::Role;
use peoples_upr::domain::consent::{ConsentScope, ConsentSet};
use peoples_upr::domain::hearing::HearingStatus;
use peoples_upr::domain::testimony::{Intake, ReviewStatus};
use peoples_upr::i18n::Lang;
use reqwest::multipart::Part;

use crate::both_databases;
use crate::helpers::{Page, TestApp};
use crate::routes_table::{ALL_STAFF, Access::*, Route, r};

/// The rows of the route table for this area.
pub const ROUTES: &[Route] = &[
    r("GET", "/hearings", Public),
    r("GET", "/hearings/{slug}", Public),
    r("POST", "/hearings/{slug}/testimony", Public),
    r("GET", "/receipt", Public),
    r("GET", "/check", Public),
    r("POST", "/check", Public),
    r("GET", "/my-testimony", Public),
    r("POST", "/my-testimony/add", Public),
    r("POST", "/my-testimony/consent", Public),
    r("POST", "/my-testimony/withdraw", Public),
    r("POST", "/my-testimony/erase", Public),
    r("POST", "/my-testimony/details", Public),
    r("POST", "/my-testimony/contact/delete", Public),
    r("POST", "/my-testimony/leave", Public),
    r("GET", "/staff/hearings/{id}/intake", Staff(ALL_STAFF)),
    r("POST", "/staff/hearings/{id}/intake", Staff(ALL_STAFF)),
    r("GET", "/staff/intake/receipt", Staff(ALL_STAFF)),
];

both_databases!(
    a_witness_submits_and_sees_the_receipt,
    every_consent_combination_is_stored_as_chosen,
    a_closed_hearing_refuses_and_keeps_the_text,
    bad_input_comes_back_with_everything_typed,
    a_missing_csrf_token_keeps_the_testimony,
    staff_take_testimony_at_a_hearing_and_print_the_receipt,
    submissions_from_one_address_are_rate_limited,
    consent_is_bound_to_the_consent_text_the_witness_saw,
);

/// The consent text of the test hearings, in English.
pub const CONSENT_EN: &str = "We keep testimony safe and use it only as you choose.";
/// The consent text of the test hearings, in Spanish.
pub const CONSENT_ES: &str =
    "Guardamos los testimonios de forma segura y los usamos solo como usted elija.";

/// A language's texts for a test hearing.
pub fn lang_texts(lang: Lang, title: &str, consent: &str) -> db::hearings::LangTexts {
    db::hearings::LangTexts {
        lang,
        title: title.into(),
        summary: "Testimony about detention and asylum.".into(),
        consent_text: consent.into(),
    }
}

pub fn open_hearing(app: &TestApp, slug: &str) -> String {
    hearing_with_status(app, slug, HearingStatus::Open)
}

pub fn hearing_with_status(app: &TestApp, slug: &str, status: HearingStatus) -> String {
    let organizer = format!("org-{slug}@example.org");
    let org = app.create_user(&organizer, Role::Organizer);
    let now = db::now();
    let fields = db::hearings::HearingFields {
        slug: slug.into(),
        title: format!("Hearing {slug}"),
        summary: "Testimony about detention and asylum.".into(),
        city: "El Paso".into(),
        state: "Texas".into(),
        online: false,
        starts_on: now.date(),
        ends_on: None,
        languages: vec![Lang::En, Lang::Es],
        opens_at: now - chrono::Duration::days(1),
        closes_at: now + chrono::Duration::days(30),
        time_zone: "UTC".into(),
        retention_days: None,
        theme_ids: vec![
            "asylum-access".into(),
            "immigration-detention".into(),
            "children".into(),
        ],
        texts: vec![
            lang_texts(Lang::En, &format!("Hearing {slug}"), CONSENT_EN),
            lang_texts(Lang::Es, &format!("Audiencia {slug}"), CONSENT_ES),
        ],
    };
    app.db(|c| {
        let id = db::hearings::create(c, &fields, &org).unwrap();
        let path: &[HearingStatus] = match status {
            HearingStatus::Draft => &[],
            HearingStatus::Open => &[HearingStatus::Open],
            HearingStatus::Closed => &[HearingStatus::Open, HearingStatus::Closed],
            HearingStatus::Archived => &[
                HearingStatus::Open,
                HearingStatus::Closed,
                HearingStatus::Archived,
            ],
        };
        let mut from = HearingStatus::Draft;
        for to in path {
            assert!(db::hearings::set_status(c, &id, from, *to).unwrap());
            from = *to;
        }
        id
    })
}

/// The fields of a typical complete submission.
pub fn typical() -> Vec<(&'static str, String)> {
    vec![
        (
            "body",
            "They kept us in a cold room for nine days.\n\nMy son was sick and saw no doctor."
                .into(),
        ),
        ("witness_role", "directly-affected".into()),
        ("place_state", "Texas".into()),
        ("place_city", "El Paso".into()),
        ("period_from", "2025-03".into()),
        ("period_to", "2025-04".into()),
        ("themes", "immigration-detention".into()),
        ("themes", "children".into()),
        ("language", "en".into()),
        ("name", "Rosa Martínez".into()),
        ("email", "rosa@example.org".into()),
        ("phone", "+1 915 555 0100".into()),
        ("consent", "publish".into()),
        ("consent", "quote".into()),
        ("consent", "contact".into()),
        ("redact_name", "1".into()),
        ("redact_places", "1".into()),
        ("redact_terms", "Calle Oregon\nTío Beto".into()),
    ]
}

/// Post the testimony form as a browser does (multipart), with the page's CSRF token
/// and consent text version.
pub async fn submit_testimony(
    client: &reqwest::Client,
    app: &TestApp,
    slug: &str,
    fields: &[(&str, String)],
    files: Vec<(&str, Vec<u8>)>,
) -> Page {
    submit_testimony_at(client, &app.base, slug, fields, files).await
}

/// The same, to the instance of the application at `base`.
pub async fn submit_testimony_at(
    client: &reqwest::Client,
    base: &str,
    slug: &str,
    fields: &[(&str, String)],
    files: Vec<(&str, Vec<u8>)>,
) -> Page {
    let page = crate::helpers::get_with(client, &format!("{base}/hearings/{slug}")).await;
    let mut form = page.form_keys().text("website", "");
    for (k, v) in fields {
        form = form.text(k.to_string(), v.clone());
    }
    for (name, bytes) in files {
        form = form.part(
            "attachments",
            Part::bytes(bytes).file_name(name.to_string()),
        );
    }
    let res = client
        .post(format!("{base}/hearings/{slug}/testimony"))
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

/// The receipt code shown after a successful submission.
pub async fn take_receipt(client: &reqwest::Client, app: &TestApp, submitted: &Page) -> String {
    assert_eq!(
        submitted.status,
        303,
        "submission failed: {}",
        submitted.text()
    );
    assert_eq!(submitted.location(), Some("/receipt"));
    let page = crate::helpers::get_with(client, &app.url("/receipt")).await;
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("#receipt-code").unwrap();
    doc.select(&sel)
        .next()
        .expect("a receipt code")
        .text()
        .collect()
}

pub fn latest_testimony(app: &TestApp) -> db::testimony::Testimony {
    app.db(|c| {
        schema::testimonies::table
            .order(schema::testimonies::submitted_at.desc())
            .select(db::testimony::Testimony::as_select())
            .first(c)
            .unwrap()
    })
}

async fn a_witness_submits_and_sees_the_receipt(app: TestApp) {
    open_hearing(&app, "el-paso");
    let res = submit_testimony(&app.client, &app, "el-paso", &typical(), vec![]).await;
    let code = take_receipt(&app.client, &app, &res).await;
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits.len(), 25, "{code}");
    let again = app.get("/receipt").await;
    assert_eq!(again.status, 200, "viewable again for a while");
    assert_eq!(again.text_of("#receipt-code"), code);

    let t = latest_testimony(&app);
    assert_eq!(
        t.receipt_hash,
        app.keys.keyed_hash("receipt", digits.as_bytes())
    );
    assert!(!t.receipt_hash.contains(&digits));
    assert_eq!(t.status, ReviewStatus::Received);
    let original = app.original(&t.id);
    assert_eq!(
        original.body.reveal(),
        "They kept us in a cold room for nine days.\n\nMy son was sick and saw no doctor."
    );
    // The witness asked for places to be redacted: the city is sealed, not in clear.
    assert_eq!(
        (t.place_state.as_str(), t.place_city.as_str()),
        ("Texas", "")
    );
    assert_eq!(original.city.as_deref(), Some("El Paso"));
    assert_eq!(
        (t.period_from.as_str(), t.period_to.as_deref()),
        ("2025-03", Some("2025-04"))
    );
    assert_eq!(t.intake, Intake::Online);
    assert_eq!(original.name.as_deref(), Some("Rosa Martínez"));
    assert!(
        app.keys.open_str(t.witness_name.as_ref().unwrap()).is_err(),
        "the server's own data key does not open a name"
    );
    let consent = app
        .db(|c| db::testimony::current_consent(c, t.id.as_str()))
        .unwrap();
    assert_eq!(
        consent.chosen(),
        &ConsentSet::new([
            ConsentScope::PublishAnonymously,
            ConsentScope::QuoteVerbatim,
            ConsentScope::ContactForFollowUp
        ])
    );
    let history = app
        .db(|c| db::testimony::consent_history(c, t.id.as_str()))
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].method, "online");
    let shown = app
        .db(|c| db::hearings::consent_text(c, &history[0].consent_text_id))
        .unwrap();
    assert_eq!(
        shown.body,
        "We keep testimony safe and use it only as you choose."
    );
    let redaction = app
        .db(|c| db::testimony::redaction(c, t.id.as_str()))
        .unwrap();
    assert!(
        redaction.redact_name
            && redaction.redact_places
            && !redaction.redact_other_names
            && !redaction.redact_dates
    );
    assert_eq!(original.terms, vec!["Calle Oregon", "Tío Beto"]);
    let mut themes = app
        .db(|c| db::testimony::theme_ids(c, t.id.as_str()))
        .unwrap();
    themes.sort();
    assert_eq!(themes, vec!["children", "immigration-detention"]);
}

async fn every_consent_combination_is_stored_as_chosen(app: TestApp) {
    open_hearing(&app, "combos");
    let mut fields = typical();
    fields.retain(|(k, _)| *k != "consent");
    for mask in 0u32..64 {
        app.state.throttles.submit.succeed("127.0.0.1");
        let chosen: Vec<ConsentScope> = ConsentScope::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, s)| s)
            .collect();
        let mut f = fields.clone();
        for s in &chosen {
            f.push(("consent", s.code().to_string()));
        }
        let res = submit_testimony(&app.client, &app, "combos", &f, vec![]).await;
        assert_eq!(res.status, 303, "combination {mask}: {}", res.text());
        let t = latest_testimony(&app);
        let stored = app
            .db(|c| db::testimony::current_consent(c, t.id.as_str()))
            .unwrap();
        assert_eq!(
            stored.chosen(),
            &ConsentSet::new(chosen.clone()),
            "combination {mask}"
        );
        let _ = app.get("/receipt").await;
    }
    let count: i64 = app
        .db(|c| schema::consent_records::table.count().get_result(c))
        .unwrap();
    assert_eq!(count, 64);
}

async fn a_closed_hearing_refuses_and_keeps_the_text(app: TestApp) {
    let id = open_hearing(&app, "closing");
    let page = app.get("/hearings/closing").await;
    app.db(|c| db::hearings::set_status(c, &id, HearingStatus::Open, HearingStatus::Closed))
        .unwrap();
    let page = app
        .post_multipart("/hearings/closing/testimony", Some(&page), &typical())
        .await;
    assert_eq!(page.status, 409);
    assert!(page.contains("This hearing no longer accepts testimony, so yours was not sent."));
    assert!(
        page.field_value("body")
            .unwrap()
            .contains("They kept us in a cold room for nine days.")
    );
    let count: i64 = app
        .db(|c| schema::testimonies::table.count().get_result(c))
        .unwrap();
    assert_eq!(count, 0);
}

async fn bad_input_comes_back_with_everything_typed(app: TestApp) {
    open_hearing(&app, "checks");
    let mut fields = typical();
    fields.retain(|(k, _)| !matches!(*k, "body" | "email" | "phone"));
    fields.push(("body", "   ".into()));
    fields.push(("email", "not an email".into()));
    fields.push(("phone", "call me".into()));
    fields.push(("period_to", "2024-01".into()));
    let res = submit_testimony(&app.client, &app, "checks", &fields, vec![]).await;
    assert_eq!(res.status, 422);
    assert!(res.contains("There is a problem"));
    assert!(res.contains("Write your testimony."));
    assert!(res.contains("Write an email address like name@example.org, or leave it empty."));
    assert!(res.contains("Write a phone number with digits"));
    assert_eq!(res.field_value("email").as_deref(), Some("not an email"));
    assert_eq!(res.field_value("name").as_deref(), Some("Rosa Martínez"));
    assert_eq!(res.field_value("place_city").as_deref(), Some("El Paso"));
    assert!(res.is_checked("witness_role", "directly-affected"));
    assert!(
        res.is_checked("themes", "children") && res.is_checked("themes", "immigration-detention")
    );
    assert!(!res.is_checked("themes", "asylum-access"));
    assert!(
        res.is_checked("consent", "publish")
            && res.is_checked("consent", "quote")
            && !res.is_checked("consent", "media")
    );
    assert!(res.is_checked("redact_name", "1") && !res.is_checked("redact_dates", "1"));
    assert_eq!(
        res.field_value("redact_terms").as_deref(),
        Some("Calle Oregon\nTío Beto")
    );
    assert!(
        res.body
            .contains("aria-describedby=\"body-hint body-error\""),
        "the error is tied to its field"
    );

    let long = "a".repeat(50_001);
    let mut fields = typical();
    fields.retain(|(k, _)| *k != "body");
    fields.push(("body", long.clone()));
    let res = submit_testimony(&app.client, &app, "checks", &fields, vec![]).await;
    assert_eq!(res.status, 422);
    assert!(res.contains("This is longer than 50,000 characters."));
    assert_eq!(res.field_value("body").map(|b| b.len()), Some(50_001));

    let mut fields = typical();
    fields.retain(|(k, _)| !matches!(*k, "email" | "phone" | "witness_role"));
    let res = submit_testimony(&app.client, &app, "checks", &fields, vec![]).await;
    assert_eq!(res.status, 422);
    assert!(res.contains("Choose who you are in this testimony."));
    assert!(res.contains("To be contacted, give an email address or a phone number"));

    let mut fields = typical();
    fields.push(("website", "http://spam.example".into()));
    let res = submit_testimony(&app.client, &app, "checks", &fields, vec![]).await;
    assert_eq!(res.status, 422, "the honeypot refuses");
    assert!(res.field_value("body").unwrap().contains("nine days"));

    let count: i64 = app
        .db(|c| schema::testimonies::table.count().get_result(c))
        .unwrap();
    assert_eq!(count, 0, "nothing invalid was stored");
}

async fn a_missing_csrf_token_keeps_the_testimony(app: TestApp) {
    open_hearing(&app, "tokens");
    let _ = app.get("/hearings/tokens").await;
    let page = app
        .post_multipart("/hearings/tokens/testimony", None, &typical())
        .await;
    assert_eq!(page.status, 403);
    assert!(page.contains("The form has expired"));
    assert!(page.contains("Your text is kept below"));
    assert!(page.field_value("body").unwrap().contains("nine days"));
    assert!(!page.csrf().is_empty(), "a fresh token to send it again");
    let count: i64 = app
        .db(|c| schema::testimonies::table.count().get_result(c))
        .unwrap();
    assert_eq!(count, 0);
}

async fn staff_take_testimony_at_a_hearing_and_print_the_receipt(app: TestApp) {
    let id = open_hearing(&app, "in-person");
    let editor = app.create_user("ed@example.org", Role::Editor);
    app.login("ed@example.org").await;
    let path = format!("/staff/hearings/{id}/intake");
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("How did the witness give consent?"));
    assert!(page.is_checked("consent_method", "spoken"));

    let mut fields: Vec<(&str, String)> = typical();
    fields.push(("consent_method", "written".into()));
    fields.push(("interpreter", "Marie Joseph".into()));
    fields.push(("interpretation_language", "Haitian Creole".into()));
    let res = app.post_multipart(&path, Some(&page), &fields).await;
    assert_eq!(res.status, 303);
    let receipt = app.get("/staff/intake/receipt").await;
    assert_eq!(receipt.status, 200);
    assert!(receipt.contains("Print this page"));
    assert!(receipt.body.contains("id=\"receipt-code\""));
    let code = receipt.text_of("#receipt-code");
    let again = app.get("/staff/intake/receipt").await;
    assert_eq!(again.status, 200, "viewable again for a while");
    assert_eq!(again.text_of("#receipt-code"), code);

    let t = latest_testimony(&app);
    assert_eq!(t.intake, Intake::Assisted);
    assert_eq!(t.intake_by.as_deref(), Some(editor.as_str()));
    assert_eq!(t.interpreter.as_deref(), Some("Marie Joseph"));
    assert_eq!(t.interpretation_language.as_deref(), Some("Haitian Creole"));
    let history = app
        .db(|c| db::testimony::consent_history(c, t.id.as_str()))
        .unwrap();
    assert_eq!(history[0].method, "written");
    assert_eq!(history[0].recorded_by.as_deref(), Some(editor.as_str()));

    // Without a consent method the form comes back with everything typed.
    let page = app.get(&path).await;
    let res = app.post_multipart(&path, Some(&page), &typical()).await;
    assert_eq!(res.status, 422);
    let body = res.body;
    assert!(body.contains("Choose how the witness gave consent"));
    assert!(body.contains("nine days"));

    // A closed hearing takes no testimony.
    app.db(|c| db::hearings::set_status(c, &id, HearingStatus::Open, HearingStatus::Closed))
        .unwrap();
    assert!(app.get(&path).await.contains("This hearing is not open"));
}

async fn submissions_from_one_address_are_rate_limited(app: TestApp) {
    open_hearing(&app, "flood");
    let mut last = None;
    for _ in 0..21 {
        let res = submit_testimony(&app.client, &app, "flood", &typical(), vec![]).await;
        if res.status == 303 {
            let _ = app.get("/receipt").await;
        }
        last = Some(res);
    }
    let last = last.unwrap();
    assert_eq!(last.status, 429);
    assert!(last.contains("Many testimonies have been sent from this connection."));
    assert!(last.field_value("body").unwrap().contains("nine days"));
}

async fn consent_is_bound_to_the_consent_text_the_witness_saw(app: TestApp) {
    let id = open_hearing(&app, "versions");
    let page = app.get("/hearings/versions").await;
    let first = page.field_value("consent_text_id").unwrap();
    // The organizers change the consent text while the witness is writing.
    app.db(|c| {
        let h = db::hearings::find(c, &id).unwrap().unwrap();
        let themes = db::hearings::themes_of(c, &id).unwrap();
        let fields = db::hearings::HearingFields {
            slug: h.slug.clone(),
            title: h.title.clone(),
            summary: h.summary.clone(),
            city: h.city.clone(),
            state: h.state.clone(),
            online: h.online,
            starts_on: h.starts_on,
            ends_on: h.ends_on,
            languages: h.languages(),
            opens_at: h.opens_at,
            closes_at: h.closes_at,
            time_zone: "UTC".into(),
            retention_days: None,
            theme_ids: themes.into_iter().map(|t| t.id).collect(),
            texts: vec![
                lang_texts(
                    Lang::En,
                    &h.title,
                    "New wording: we may also share counts with partners.",
                ),
                lang_texts(Lang::Es, &h.title, CONSENT_ES),
            ],
        };
        db::hearings::update(c, &id, &fields).unwrap();
    });
    let stale = app
        .post_multipart("/hearings/versions/testimony", Some(&page), &typical())
        .await;
    assert_eq!(stale.status, 422);
    assert!(stale.contains("have just updated how this hearing uses testimony"));
    assert!(stale.contains("New wording: we may also share counts with partners."));
    assert!(
        stale.is_checked("consent", "quote"),
        "the choices are kept to confirm"
    );
    let second = stale.field_value("consent_text_id").unwrap();
    assert_ne!(first, second);

    let res = app
        .post_multipart("/hearings/versions/testimony", Some(&stale), &typical())
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let t = latest_testimony(&app);
    let history = app
        .db(|c| db::testimony::consent_history(c, t.id.as_str()))
        .unwrap();
    assert_eq!(history[0].consent_text_id, second);
    let text = app.db(|c| db::hearings::consent_text(c, &second)).unwrap();
    assert_eq!(text.lang, "en");
    assert_eq!(
        text.body,
        "New wording: we may also share counts with partners."
    );
    let old = app.db(|c| db::hearings::consent_text(c, &first)).unwrap();
    assert!(text.version > old.version);
}
