//! Messages with the witness: an editor asks, the witness reads it with their receipt and
//! answers, the editor reads the answer; what the email says, who may write, and what the
//! database keeps.

use diesel::prelude::*;
use peoples_upr::db::schema;
use peoples_upr::domain::account::Role;
use peoples_upr::domain::testimony::ReviewStatus;

use crate::both_databases;
use crate::helpers::{Page, TestApp, get_with, submit_with};
use crate::testimony::{latest_testimony, open_hearing, submit_testimony, take_receipt, typical};

both_databases!(
    an_editor_asks_and_the_witness_answers,
    no_email_notice_without_consent_to_contact,
    ungranted_editors_neither_read_nor_write,
    a_withdrawn_testimony_takes_no_message_and_no_reply,
    a_message_to_an_older_testimony_waits_for_its_witness,
);

const QUESTION: &str = "Which detention centre was it, and in which week?";
const ANSWER: &str = "It was the Otero centre, the first week of March.";

/// A testimony given with `fields` by a witness in their own browser; its id and receipt.
async fn given(app: &TestApp, slug: &str, fields: &[(&str, String)]) -> (String, String) {
    open_hearing(app, slug);
    let witness = app.other_client();
    let res = submit_testimony(&witness, app, slug, fields, vec![]).await;
    let code = take_receipt(&witness, app, &res).await;
    (latest_testimony(app).id.as_str().to_string(), code)
}

/// An editor's browser, logged in; granted access to originals when `granted`.
async fn editor(app: &TestApp, email: &str, granted: bool) -> reqwest::Client {
    let id = app.create_user(email, Role::Editor);
    if granted {
        app.grant(&id);
    }
    let client = app.other_client();
    assert_eq!(app.login_with(&client, email).await.status, 303);
    client
}

/// A fresh browser of the witness, checked in with the receipt.
async fn witness_in(app: &TestApp, code: &str) -> reqwest::Client {
    let witness = app.other_client();
    let opened = submit_with(&witness, &app.base, "/check", "/check", &[("code", code)]).await;
    assert_eq!(opened.location(), Some("/my-testimony"));
    witness
}

async fn write(app: &TestApp, editor: &reqwest::Client, id: &str, body: &str) -> Page {
    let path = format!("/staff/testimony/{id}/messages");
    submit_with(editor, &app.base, &path, &path, &[("body", body)]).await
}

async fn answer(app: &TestApp, witness: &reqwest::Client, text: &str) -> Page {
    submit_with(
        witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/reply",
        &[("reply", text)],
    )
    .await
}

fn status_of(app: &TestApp, id: &str) -> (ReviewStatus, bool) {
    let t = app.db(|c| {
        peoples_upr::db::testimony::find(c, id)
            .unwrap()
            .expect("the testimony")
    });
    (t.status, t.unread_reply)
}

fn notices_queued(app: &TestApp) -> i64 {
    app.db(|c| {
        schema::outbox::table
            .filter(schema::outbox::kind.eq("witness-message"))
            .count()
            .get_result(c)
            .unwrap()
    })
}

fn audit_details(app: &TestApp, action: &str) -> Vec<String> {
    app.db(|c| {
        schema::audit_log::table
            .filter(schema::audit_log::action.eq(action))
            .order(schema::audit_log::seq.asc())
            .select(schema::audit_log::detail)
            .load(c)
            .unwrap()
    })
}

fn message_rows(app: &TestApp, id: &str) -> Vec<(String, Option<Vec<u8>>)> {
    app.db(|c| {
        schema::witness_messages::table
            .filter(schema::witness_messages::testimony_id.eq(id))
            .order(schema::witness_messages::created_at.asc())
            .select((
                schema::witness_messages::direction,
                schema::witness_messages::witness_copy,
            ))
            .load(c)
            .unwrap()
    })
}

/// Wait (up to 15 s) for the notice that a message waits, sent to a witness.
async fn wait_for_notice(app: &TestApp) -> String {
    for _ in 0..150 {
        if let Some(m) = app
            .mails_to("address-not-kept.invalid")
            .into_iter()
            .find(|m| m.contains("A message waits for you"))
        {
            return m;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no notice of a message arrived within 15 s");
}

async fn an_editor_asks_and_the_witness_answers(app: TestApp) {
    let (id, code) = given(&app, "preguntas", &typical()).await;
    let editor = editor(&app, "granted@example.org", true).await;
    let path = format!("/staff/testimony/{id}/messages");

    let empty = get_with(&editor, &app.url(&path)).await;
    assert_eq!(empty.status, 200);
    assert!(empty.contains("No messages yet"), "{}", empty.text());

    // A message must say something, and not too much; what was typed comes back.
    let blank = write(&app, &editor, &id, "   ").await;
    assert_eq!(blank.status, 422);
    assert!(blank.contains("Write the message to the witness."));
    let long = "a".repeat(5_001);
    let too_long = write(&app, &editor, &id, &long).await;
    assert_eq!(too_long.status, 422);
    assert!(too_long.contains("under 5000 characters"));
    assert_eq!(too_long.field_value("body").as_deref(), Some(long.as_str()));
    assert_eq!(status_of(&app, &id).0, ReviewStatus::Received);

    let sent = write(&app, &editor, &id, QUESTION).await;
    assert_eq!(sent.status, 303, "{}", sent.text());
    assert_eq!(sent.location(), Some(path.as_str()));
    assert_eq!(status_of(&app, &id).0, ReviewStatus::NeedsFollowUp);
    let thread = get_with(&editor, &app.url(&path)).await;
    assert!(thread.contains(QUESTION));
    assert!(
        thread.contains("email"),
        "the flash says the witness was told"
    );

    // The witness gave an address and allowed contact: told that a message waits, not what.
    let notice = wait_for_notice(&app).await;
    assert!(notice.contains(&format!("{}/check", app.base)), "{notice}");
    assert!(!notice.contains("detention centre"), "{notice}");
    assert!(!notice.contains("rosa@example.org"), "{notice}");
    assert_eq!(notices_queued(&app), 1);
    assert_eq!(
        audit_details(&app, "message.sent"),
        vec!["email notice queued"]
    );

    // The witness, in a browser of their own, reads it and answers.
    let witness = witness_in(&app, &code).await;
    let page = get_with(&witness, &app.url("/my-testimony")).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("From the organisation"));
    assert!(page.contains(QUESTION));
    let blank = answer(&app, &witness, " ").await;
    assert_eq!(blank.status, 422);
    assert!(blank.contains("Write your answer."));
    let long = "b".repeat(5_001);
    let too_long = answer(&app, &witness, &long).await;
    assert_eq!(too_long.status, 422);
    assert!(
        too_long.contains("longer than 5,000 characters"),
        "{}",
        too_long.text()
    );
    assert_eq!(
        too_long.field_value("reply").as_deref(),
        Some(long.as_str())
    );
    let replied = answer(&app, &witness, ANSWER).await;
    assert_eq!(replied.status, 303, "{}", replied.text());
    let page = get_with(&witness, &app.url("/my-testimony")).await;
    assert!(page.contains("Your answer was sent."));
    assert!(page.contains("From you") && page.contains(ANSWER));
    assert_eq!(
        status_of(&app, &id),
        (ReviewStatus::InReview, true),
        "back in the queue, unread"
    );
    assert_eq!(audit_details(&app, "message.received").len(), 1);

    // The editor reads the answer; it is no longer unread.
    let thread = get_with(&editor, &app.url(&path)).await;
    assert!(thread.contains(ANSWER) && thread.contains("The witness"));
    let (q, a) = (
        thread.body.find(QUESTION).unwrap(),
        thread.body.find(ANSWER).unwrap(),
    );
    assert!(q < a, "newest last");
    assert_eq!(status_of(&app, &id), (ReviewStatus::InReview, false));

    // Neither is kept in clear, and the trail holds no words.
    assert!(!app.data_files_contain(QUESTION.as_bytes()));
    assert!(!app.data_files_contain(ANSWER.as_bytes()));
    let rows = message_rows(&app, &id);
    assert_eq!(rows.len(), 2);
    let trail: Vec<String> = app.db(|c| {
        schema::audit_log::table
            .select(schema::audit_log::detail)
            .load(c)
            .unwrap()
    });
    assert!(
        trail
            .iter()
            .all(|d| !d.contains("Otero") && !d.contains("detention"))
    );
}

async fn no_email_notice_without_consent_to_contact(app: TestApp) {
    let mut fields = typical();
    fields.retain(|(k, v)| !(*k == "consent" && v == "contact"));
    let (id, code) = given(&app, "sin-contacto", &fields).await;
    let editor = editor(&app, "granted@example.org", true).await;
    let sent = write(&app, &editor, &id, QUESTION).await;
    assert_eq!(sent.status, 303);
    assert_eq!(
        notices_queued(&app),
        0,
        "an address, but no consent to contact"
    );
    assert_eq!(audit_details(&app, "message.sent"), vec!["no email"]);
    let witness = witness_in(&app, &code).await;
    let page = get_with(&witness, &app.url("/my-testimony")).await;
    assert!(page.contains(QUESTION), "they see it when they come back");
}

async fn ungranted_editors_neither_read_nor_write(app: TestApp) {
    let (id, _) = given(&app, "sin-acceso", &typical()).await;
    let granted = editor(&app, "granted@example.org", true).await;
    assert_eq!(write(&app, &granted, &id, QUESTION).await.status, 303);

    let plain = editor(&app, "plain@example.org", false).await;
    let path = format!("/staff/testimony/{id}/messages");
    let page = get_with(&plain, &app.url(&path)).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("needs access to originals"));
    assert!(!page.contains(QUESTION));
    let refused = write(&app, &plain, &id, "Another question?").await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("needs access to originals"));
    assert_eq!(
        refused.field_value("body").as_deref(),
        Some("Another question?")
    );
    assert_eq!(message_rows(&app, &id).len(), 1);
}

async fn a_withdrawn_testimony_takes_no_message_and_no_reply(app: TestApp) {
    let (id, code) = given(&app, "retirado", &typical()).await;
    let editor = editor(&app, "granted@example.org", true).await;
    assert_eq!(write(&app, &editor, &id, QUESTION).await.status, 303);
    let witness = witness_in(&app, &code).await;
    let withdrawn = submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/withdraw",
        &[("confirm", "1")],
    )
    .await;
    assert_eq!(withdrawn.status, 303);

    let refused = write(&app, &editor, &id, "One more question?").await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("withdrew"), "{}", refused.text());
    let page = get_with(&witness, &app.url("/my-testimony")).await;
    assert!(page.contains(QUESTION), "what was asked stays readable");
    let refused = answer(&app, &witness, ANSWER).await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("Your testimony is withdrawn."));
    assert_eq!(message_rows(&app, &id).len(), 1);
    assert!(!status_of(&app, &id).1, "no unread reply");
}

async fn a_message_to_an_older_testimony_waits_for_its_witness(app: TestApp) {
    let (id, code) = given(&app, "antes", &typical()).await;
    // Given before witness public keys existed.
    app.db(|c| {
        diesel::update(schema::testimonies::table.find(&id))
            .set(schema::testimonies::witness_public_key.eq(None::<Vec<u8>>))
            .execute(c)
            .unwrap()
    });
    let editor = editor(&app, "granted@example.org", true).await;
    assert_eq!(write(&app, &editor, &id, QUESTION).await.status, 303);
    let copy = message_rows(&app, &id)[0].1.clone().unwrap();
    assert!(
        !peoples_upr::crypto::keys::is_sealed_box(&copy),
        "kept under the data key"
    );

    let witness = witness_in(&app, &code).await;
    let page = get_with(&witness, &app.url("/my-testimony")).await;
    assert!(page.contains(QUESTION), "{}", page.text());
    let copy = message_rows(&app, &id)[0].1.clone().unwrap();
    assert!(
        peoples_upr::crypto::keys::is_sealed_box(&copy),
        "resealed to the witness's key once they came back"
    );
    assert!(latest_testimony(&app).witness_public_key.is_some());
}
