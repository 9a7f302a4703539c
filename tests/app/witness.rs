//! The witness after sending: receipts and return visits, their own copy of their words,
//! confirmation mail, and what the database keeps of them.

use diesel::prelude::*;
use peoples_upr::db::{self, schema};
use peoples_upr::domain::consent::ConsentScope;

use crate::both_databases;
use crate::helpers::{Page, TestApp};
use crate::testimony::{latest_testimony, open_hearing, submit_testimony, take_receipt, typical};

/// A witness opens their testimony with the receipt, in a browser of their own, and
/// adds to it.
pub async fn witness_adds(app: &TestApp, code: &str, text: &str) -> Page {
    let witness = app.other_client();
    crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", code)]).await;
    crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/add",
        &[("body", text)],
    )
    .await
}

both_databases!(
    saved_consent_is_said_back_in_plain_words,
    the_witness_changes_their_redaction_request_themes_place_and_period,
    control_characters_never_reach_the_database,
    wrong_receipts_slow_down_but_never_lock_out_a_valid_one,
    the_witness_returns_changes_consent_adds_and_withdraws,
    names_and_contacts_are_unreadable_in_the_raw_database,
    a_mail_outage_does_not_lose_a_submission,
    the_confirmation_email_is_in_the_witness_language_and_carries_no_testimony,
);

async fn control_characters_never_reach_the_database(app: TestApp) {
    open_hearing(&app, "nul");
    let mut fields = typical();
    for (k, v) in fields.iter_mut() {
        match *k {
            "body" => *v = "They kept us\0 for nine\u{1b} days.\r\nNo doctor.".into(),
            "name" => *v = "Rosa\0 Martínez".into(),
            "place_state" => *v = "Te\0xas".into(),
            _ => {}
        }
    }
    let res = submit_testimony(&app.client, &app, "nul", &fields, vec![]).await;
    assert_eq!(res.status, 303, "{}", res.text());
    let code = take_receipt(&app.client, &app, &res).await;
    let t = latest_testimony(&app);
    assert_eq!(t.place_state, "Texas");
    let original = app.original(&t.id);
    assert_eq!(
        original.body.reveal(),
        "They kept us for nine days.\nNo doctor."
    );
    assert_eq!(original.name.as_deref(), Some("Rosa Martínez"));

    // The same through a plain form: an addition on the witness's page.
    let added = witness_adds(&app, &code, "More\0 later.").await;
    assert_eq!(added.status, 303);
    let original = app.original(&t.id);
    assert_eq!(original.additions[0].reveal(), "More later.");
}

/// An open hearing accepting testimony, with three themes, in English and Spanish.
async fn wrong_receipts_slow_down_but_never_lock_out_a_valid_one(app: TestApp) {
    let bad = app.submit("/check", "/check", &[("code", "12345")]).await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("A receipt code has 25 digits."));
    assert_eq!(bad.field_value("code").as_deref(), Some("12345"));
    let unknown = app
        .submit(
            "/check",
            "/check",
            &[("code", "11111-22222-33333-44444-55555")],
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.contains("We found no testimony with this code."));
    assert_eq!(
        app.get("/my-testimony").await.status,
        303,
        "no testimony was opened"
    );

    // A venue: many wrong codes came from this address before. A witness there with a
    // valid code still gets in, and their success forgives none of those failures.
    open_hearing(&app, "venue");
    let res = submit_testimony(&app.client, &app, "venue", &typical(), vec![]).await;
    let code = take_receipt(&app.client, &app, &res).await;
    let throttle = &app.state.throttles.receipt;
    for _ in 0..40 {
        throttle.fail("127.0.0.1");
    }
    let before = throttle.failures("127.0.0.1");
    assert!(!throttle.slowdown("127.0.0.1").is_zero(), "slowed down");
    let witness = app.other_client();
    let opened =
        crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", &code)])
            .await;
    assert_eq!(opened.status, 303, "not locked out");
    assert_eq!(opened.location(), Some("/my-testimony"));
    assert_eq!(throttle.failures("127.0.0.1"), before);
}

async fn the_witness_returns_changes_consent_adds_and_withdraws(app: TestApp) {
    open_hearing(&app, "return");
    let res = submit_testimony(&app.client, &app, "return", &typical(), vec![]).await;
    let code = take_receipt(&app.client, &app, &res).await;
    let t = latest_testimony(&app);

    let witness = app.other_client();
    let typed = code.replace('-', " ");
    let opened =
        crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", &typed)])
            .await;
    assert_eq!(opened.status, 303);
    assert_eq!(opened.location(), Some("/my-testimony"));
    let mine = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    assert_eq!(mine.status, 200);
    assert!(mine.contains("Received: it has arrived and waits to be read."));
    assert!(mine.contains("They kept us in a cold room for nine days."));
    assert!(mine.is_checked("consent", "quote"));
    assert!(
        !mine.contains("rosa@example.org") && !mine.contains("Rosa Martínez"),
        "contact details are not shown back"
    );

    let changed = as_witness(
        &witness,
        &app,
        "/my-testimony/consent",
        &[("consent", "publish"), ("consent", "contact")],
    )
    .await;
    assert_eq!(changed.status, 303);
    let mine = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    assert!(mine.contains("Your choices were saved."));
    assert!(!mine.is_checked("consent", "quote") && mine.is_checked("consent", "publish"));
    let consent = app
        .db(|c| db::testimony::current_consent(c, t.id.as_str()))
        .unwrap();
    assert!(!consent.permits(ConsentScope::QuoteVerbatim));
    assert!(consent.permits(ConsentScope::PublishAnonymously));
    assert_eq!(
        app.db(|c| db::testimony::consent_history(c, t.id.as_str()))
            .unwrap()
            .len(),
        2,
        "the history is kept"
    );

    let empty = as_witness(&witness, &app, "/my-testimony/add", &[("body", "  ")]).await;
    assert_eq!(empty.status, 422);
    assert!(empty.contains("Write what you want to add."));
    let added = as_witness(
        &witness,
        &app,
        "/my-testimony/add",
        &[("body", "The guard's name was on his badge.")],
    )
    .await;
    assert_eq!(added.status, 303);
    assert!(
        crate::helpers::get_with(&witness, &app.url("/my-testimony"))
            .await
            .contains("The guard's name was on his badge.")
    );
    assert_eq!(
        latest_testimony(&app).sealed_body,
        t.sealed_body,
        "the original is never edited"
    );
    let original = app.original(&t.id);
    assert_eq!(
        original.additions[0].reveal(),
        "The guard's name was on his badge.",
        "staff with the key read the addition"
    );

    let deleted = as_witness(&witness, &app, "/my-testimony/contact/delete", &[]).await;
    assert_eq!(deleted.status, 303);
    let after = latest_testimony(&app);
    assert!(after.contact_email.is_none() && after.contact_phone.is_none());
    assert!(
        !app.db(|c| db::testimony::current_consent(c, t.id.as_str()))
            .unwrap()
            .permits(ConsentScope::ContactForFollowUp)
    );
    assert!(
        crate::helpers::get_with(&witness, &app.url("/my-testimony"))
            .await
            .contains("We have no contact details for you.")
    );

    let unconfirmed = as_witness(&witness, &app, "/my-testimony/withdraw", &[]).await;
    assert_eq!(unconfirmed.status, 422);
    assert!(unconfirmed.contains("Tick the box to confirm"));
    let withdrawn = as_witness(
        &witness,
        &app,
        "/my-testimony/withdraw",
        &[("confirm", "1")],
    )
    .await;
    assert_eq!(withdrawn.status, 303);
    let consent = app
        .db(|c| db::testimony::current_consent(c, t.id.as_str()))
        .unwrap();
    assert!(
        ConsentScope::ALL.iter().all(|s| !consent.permits(*s)),
        "withdrawal voids every use at once"
    );
    let mine = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    assert!(mine.contains("Withdrawn: it will not be used in any way."));
    assert!(
        !mine.body.contains("action=\"/my-testimony/consent\""),
        "no more consent changes"
    );

    let left = as_witness(&witness, &app, "/my-testimony/leave", &[]).await;
    assert_eq!(left.status, 303);
    assert_eq!(
        crate::helpers::get_with(&witness, &app.url("/my-testimony"))
            .await
            .status,
        303
    );
}

/// Post one of the forms of the witness's page.
async fn as_witness(
    witness: &reqwest::Client,
    app: &TestApp,
    action: &str,
    fields: &[(&str, &str)],
) -> Page {
    crate::helpers::submit_with(witness, &app.base, "/my-testimony", action, fields).await
}

async fn names_and_contacts_are_unreadable_in_the_raw_database(app: TestApp) {
    open_hearing(&app, "secret");
    let res = submit_testimony(&app.client, &app, "secret", &typical(), vec![]).await;
    take_receipt(&app.client, &app, &res).await;
    let secrets = [
        "Rosa Martínez",
        "rosa@example.org",
        "915 555 0100",
        "Tío Beto",
        "Calle Oregon",
    ];
    let raw: Vec<(Option<Vec<u8>>, Option<Vec<u8>>, Option<Vec<u8>>)> = app.db(|c| {
        schema::testimonies::table
            .select((
                schema::testimonies::witness_name,
                schema::testimonies::contact_email,
                schema::testimonies::contact_phone,
            ))
            .load(c)
            .unwrap()
    });
    let terms: Vec<Option<Vec<u8>>> = app.db(|c| {
        schema::redaction_requests::table
            .select(schema::redaction_requests::terms)
            .load(c)
            .unwrap()
    });
    let mut stored = Vec::new();
    for (a, b, c) in raw {
        stored.extend([a, b, c].into_iter().flatten());
    }
    stored.extend(terms.into_iter().flatten());
    assert_eq!(stored.len(), 4);
    for bytes in &stored {
        let text = String::from_utf8_lossy(bytes);
        for s in secrets {
            assert!(!text.contains(s), "{s} readable in a stored value");
        }
    }
    if app.backend == crate::helpers::Backend::Sqlite {
        let mut dump = Vec::new();
        for entry in std::fs::read_dir(app.data_dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().contains("sqlite3") {
                dump.extend(std::fs::read(path).unwrap());
            }
        }
        let text = String::from_utf8_lossy(&dump);
        assert!(
            !text.contains("nine days"),
            "the testimony text is sealed too"
        );
        for s in secrets {
            assert!(!text.contains(s), "{s} readable in the database files");
        }
    }
}

async fn a_mail_outage_does_not_lose_a_submission(app: TestApp) {
    // Nothing listens on this port: every delivery attempt fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let settings = [
        ("UPR_MAIL_TRANSPORT", "smtp"),
        ("UPR_SMTP_HOST", "127.0.0.1"),
        ("UPR_SMTP_PORT", closed.as_str()),
        ("UPR_SMTP_TLS", "none"),
    ];
    let Some(app) = TestApp::spawn_with(app.backend, &settings).await else {
        return;
    };
    open_hearing(&app, "outage");
    let res = submit_testimony(&app.client, &app, "outage", &typical(), vec![]).await;
    take_receipt(&app.client, &app, &res).await;
    assert_eq!(
        app.db(|c| schema::testimonies::table.count().get_result::<i64>(c))
            .unwrap(),
        1
    );
    let mut attempts = 0;
    for _ in 0..100 {
        attempts = app
            .db(|c| {
                schema::outbox::table
                    .select(schema::outbox::attempts)
                    .first::<i32>(c)
            })
            .unwrap();
        if attempts > 0 {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(attempts >= 1, "the sender tried");
    let (sent, failed, error): (
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
        Option<String>,
    ) = app.db(|c| {
        schema::outbox::table
            .select((
                schema::outbox::sent_at,
                schema::outbox::failed_at,
                schema::outbox::last_error,
            ))
            .first(c)
            .unwrap()
    });
    assert!(sent.is_none() && failed.is_none(), "kept for a later retry");
    let error = error.unwrap();
    assert!(
        !error.contains("rosa@example.org"),
        "no address in the stored error: {error}"
    );
}

async fn the_confirmation_email_is_in_the_witness_language_and_carries_no_testimony(app: TestApp) {
    open_hearing(&app, "correo");
    app.get("/lang/es?next=/hearings/correo").await;
    let mut fields = typical();
    fields.retain(|(k, _)| *k != "language");
    fields.push(("language", "es".into()));
    let res = submit_testimony(&app.client, &app, "correo", &fields, vec![]).await;
    let code = take_receipt(&app.client, &app, &res).await;
    // The mail file names no witness address: a placeholder stands in for it.
    let mail = app.wait_for_mail("address-not-kept.invalid").await;
    assert!(mail.contains("Recibimos su testimonio"), "{mail}");
    let files: Vec<String> = std::fs::read_dir(&app.mail_dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        files.iter().all(|f| !f.contains("rosa@example.org")),
        "the witness's address is kept in no mail file"
    );
    assert!(
        !mail.contains("nine days")
            && !mail.contains(&code)
            && !mail.contains(&code.replace('-', ""))
    );

    // Without consent to contact, no email is sent.
    let mut fields = typical();
    fields.retain(|(k, v)| !(*k == "consent" && v == "contact") && *k != "email");
    fields.push(("email", "quiet@example.org".into()));
    let res = submit_testimony(&app.client, &app, "correo", &fields, vec![]).await;
    take_receipt(&app.client, &app, &res).await;
    // The outbox row is written in the same transaction as the testimony: none was.
    let confirmations: i64 = app
        .db(|c| {
            schema::outbox::table
                .filter(schema::outbox::kind.eq("testimony-confirmation"))
                .count()
                .get_result(c)
        })
        .unwrap();
    assert_eq!(confirmations, 1, "only the first witness's confirmation");
    app.state.mailer.send_due().await.unwrap();
    assert_eq!(
        app.mails_to("address-not-kept.invalid").len(),
        1,
        "still only the first confirmation"
    );
}

async fn the_witness_changes_their_redaction_request_themes_place_and_period(app: TestApp) {
    open_hearing(&app, "details");
    let res = submit_testimony(&app.client, &app, "details", &typical(), vec![]).await;
    let code = take_receipt(&app.client, &app, &res).await;
    let t = latest_testimony(&app);
    let witness = app.other_client();
    crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", &code)]).await;
    let page = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    // What they asked for at first, including the sealed terms and city, shows back.
    assert!(page.is_checked("redact_places", "1"));
    assert_eq!(page.field_value("place_city").as_deref(), Some("El Paso"));
    assert!(
        page.field_value("redact_terms")
            .unwrap()
            .contains("Tío Beto")
    );

    // A bad period comes back with everything typed.
    let fields = [
        ("redact_name", "1"),
        ("redact_dates", "1"),
        ("redact_terms", "Tío Beto\nLa Perla shelter"),
        ("themes", "children"),
        ("place_state", "New Mexico"),
        ("place_city", "Las Cruces"),
        ("period_from", "2025-06"),
        ("period_to", "2025-01"),
    ];
    let bad = crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/details",
        &fields,
    )
    .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.field_value("place_city").as_deref(), Some("Las Cruces"));
    assert!(
        bad.field_value("redact_terms")
            .unwrap()
            .contains("La Perla shelter")
    );
    assert!(bad.is_checked("redact_dates", "1"));

    let mut good = fields.to_vec();
    good.retain(|(k, _)| *k != "period_to");
    good.push(("period_to", "2025-08"));
    let saved = crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/details",
        &good,
    )
    .await;
    assert_eq!(saved.status, 303);
    let page = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    assert!(page.contains("Last changed on"), "{}", page.text());
    assert!(!page.is_checked("redact_places", "1"));

    let after = latest_testimony(&app);
    assert_eq!(after.place_state, "New Mexico");
    assert_eq!(
        after.place_city, "Las Cruces",
        "no longer to be redacted: in clear"
    );
    assert_eq!(
        (after.period_from.as_str(), after.period_to.as_deref()),
        ("2025-06", Some("2025-08"))
    );
    let request = app
        .db(|c| db::testimony::redaction(c, t.id.as_str()))
        .unwrap();
    assert!(request.redact_name && request.redact_dates && !request.redact_places);
    assert_eq!(
        app.original(&t.id).terms,
        vec!["Tío Beto", "La Perla shelter"]
    );
    let themes = app
        .db(|c| db::testimony::theme_ids(c, t.id.as_str()))
        .unwrap();
    assert_eq!(themes, vec!["children"]);
    let records = app.db(|c| db::details::changes(c, t.id.as_str())).unwrap();
    assert_eq!(records.len(), 1, "a dated record of the change");
    let history = app
        .db(|c| db::testimony::consent_history(c, t.id.as_str()))
        .unwrap();
    assert_eq!(history.len(), 1, "consent is untouched");
}

async fn saved_consent_is_said_back_in_plain_words(app: TestApp) {
    open_hearing(&app, "plain");
    let res = submit_testimony(&app.client, &app, "plain", &typical(), vec![]).await;
    let code = take_receipt(&app.client, &app, &res).await;
    let witness = app.other_client();
    crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", &code)]).await;
    // Quotation stays ticked while use in the report is unticked.
    let saved = crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/consent",
        &[("consent", "quote"), ("consent", "share_un")],
    )
    .await;
    assert_eq!(saved.status, 303);
    let page = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    let flash = page.text_of(".flash");
    assert!(
        flash.contains("You now allow: sharing with United Nations experts."),
        "{flash}"
    );
    assert!(
        flash.contains(
            "Not in effect, because you did not allow use in the report: quoting your words exactly."
        ),
        "{flash}"
    );
    let nothing = crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/consent",
        &[],
    )
    .await;
    assert_eq!(nothing.status, 303);
    let page = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    assert!(
        page.text_of(".flash")
            .contains("You now allow no use of your testimony.")
    );
}
