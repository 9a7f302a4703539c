//! Reading a testimony for review: the original for granted editors (logged), the
//! redacted text only for the others, the witness's identity on request (logged),
//! attachments decrypted for one download (logged), and the review moves.

use diesel::prelude::*;
use peoples_upr::db::schema::{audit_log, redacted_versions, testimonies};
use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{TestApp, get_with, post_with};
use crate::routes_table::{Access::*, Route, r};

pub const ROUTES: &[Route] = &[
    r("GET", "/staff/testimony/{id}", Staff(REVIEWERS)),
    r("POST", "/staff/testimony/{id}/status", Staff(REVIEWERS)),
    // Only for members granted access to originals, which the table's members are not.
    r("GET", "/staff/testimony/{id}/attachment", Staff(&[])),
];

/// Who reviews testimony.
pub const REVIEWERS: &[Role] = &[Role::Editor, Role::Admin];

both_databases!(
    a_granted_editor_reads_the_original_and_it_is_logged,
    an_ungranted_editor_sees_the_redacted_text_only,
    the_identity_is_shown_only_on_request_and_logged,
    attachments_download_for_granted_editors_only,
    review_moves_follow_the_rule,
    every_move_from_every_state_is_stored_or_refused,
);

/// A testimony with a photo, and its id.
async fn a_testimony(app: &TestApp) -> String {
    crate::testimony::open_hearing(app, "reading");
    let photo = peoples_upr::attachments::samples::jpeg_with_everything();
    let res = crate::testimony::submit_testimony(
        &app.client,
        app,
        "reading",
        &crate::testimony::typical(),
        vec![("photo.jpg", photo)],
    )
    .await;
    crate::testimony::take_receipt(&app.client, app, &res).await;
    crate::testimony::latest_testimony(app)
        .id
        .as_str()
        .to_string()
}

/// Save a redacted text of the original, as the redaction tab would.
fn a_redacted_text(app: &TestApp, id: &str, body: &str) {
    app.db(|c| {
        diesel::insert_into(redacted_versions::table)
            .values((
                redacted_versions::id.eq(format!("{id}-v1")),
                redacted_versions::testimony_id.eq(id),
                redacted_versions::text_id.eq("original"),
                redacted_versions::version.eq(1),
                redacted_versions::body.eq(body),
                redacted_versions::changes.eq("+1"),
                redacted_versions::created_at.eq(peoples_upr::db::now()),
            ))
            .execute(c)
            .unwrap()
    });
}

fn audit_actions(app: &TestApp, actor: &str) -> Vec<String> {
    app.db(|c| {
        audit_log::table
            .filter(audit_log::actor_id.eq(actor))
            .order(audit_log::seq.asc())
            .select(audit_log::action)
            .load(c)
            .unwrap()
    })
}

async fn editor(app: &TestApp, email: &str, granted: bool) -> (reqwest::Client, String) {
    let id = app.create_user(email, Role::Editor);
    if granted {
        app.grant(&id);
    }
    let client = app.other_client();
    assert_eq!(app.login_with(&client, email).await.status, 303);
    (client, id)
}

async fn a_granted_editor_reads_the_original_and_it_is_logged(app: TestApp) {
    let id = a_testimony(&app).await;
    let (client, uid) = editor(&app, "granted@example.org", true).await;
    let page = get_with(&client, &app.url(&format!("/staff/testimony/{id}"))).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("nine days"), "the original is shown");
    assert!(page.text().contains("Original text"));
    assert!(
        page.text().contains("Tío Beto"),
        "the listed words are shown"
    );
    assert!(
        !page.text().contains("Rosa Martínez"),
        "the identity stays hidden until asked for"
    );
    assert!(page.text().contains("use in the report without your name"));
    assert!(audit_actions(&app, &uid).contains(&"original.opened".to_string()));
}

async fn an_ungranted_editor_sees_the_redacted_text_only(app: TestApp) {
    let id = a_testimony(&app).await;
    let (client, uid) = editor(&app, "plain@example.org", false).await;
    let url = app.url(&format!("/staff/testimony/{id}"));
    let page = get_with(&client, &url).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("Redacted only"));
    assert!(text.contains("No redacted text yet"));
    for secret in ["nine days", "Rosa", "Tío Beto", "Calle Oregon", "El Paso"] {
        assert!(
            !text.contains(secret),
            "{secret} shown to an ungranted editor"
        );
    }
    assert!(!audit_actions(&app, &uid).contains(&"original.opened".to_string()));

    // Once a redacted text exists, that is what they read.
    a_redacted_text(
        &app,
        &id,
        "They kept us in a cold room for [date withheld].",
    );
    let page = get_with(&client, &url).await;
    assert!(page.text().contains("[date withheld]"));
    assert!(!page.text().contains("nine days"));
}

async fn the_identity_is_shown_only_on_request_and_logged(app: TestApp) {
    let id = a_testimony(&app).await;
    let (client, uid) = editor(&app, "granted@example.org", true).await;
    let page = get_with(
        &client,
        &app.url(&format!("/staff/testimony/{id}?identity=1")),
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Rosa Martínez"));
    assert!(page.text().contains("rosa@example.org"));
    assert!(audit_actions(&app, &uid).contains(&"identity.opened".to_string()));
    // The trail says who opened it, never what it says.
    let details: Vec<String> =
        app.db(|c| audit_log::table.select(audit_log::detail).load(c).unwrap());
    assert!(
        details
            .iter()
            .all(|d| !d.contains("Rosa") && !d.contains("rosa@"))
    );

    // Ungranted editors get no identity, whatever they ask.
    let (plain, _) = editor(&app, "plain@example.org", false).await;
    let page = get_with(
        &plain,
        &app.url(&format!("/staff/testimony/{id}?identity=1")),
    )
    .await;
    assert!(!page.text().contains("Rosa"));
}

async fn attachments_download_for_granted_editors_only(app: TestApp) {
    let id = a_testimony(&app).await;
    let file: String = app.db(|c| {
        use peoples_upr::db::schema::attachments;
        attachments::table
            .filter(attachments::testimony_id.eq(&id))
            .select(attachments::id)
            .first(c)
            .unwrap()
    });
    let (client, uid) = editor(&app, "granted@example.org", true).await;
    let page = get_with(&client, &app.url(&format!("/staff/testimony/{id}"))).await;
    assert!(page.body.contains(&format!("attachment?file={file}")));
    let res = client
        .get(app.url(&format!("/staff/testimony/{id}/attachment?file={file}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");
    for planted in peoples_upr::attachments::samples::PLANTED {
        assert!(
            !bytes
                .windows(planted.len())
                .any(|w| w == planted.as_bytes()),
            "cleaned on the way in: {planted}"
        );
    }
    assert!(audit_actions(&app, &uid).contains(&"attachment.opened".to_string()));

    let (plain, _) = editor(&app, "plain@example.org", false).await;
    let denied = get_with(
        &plain,
        &app.url(&format!("/staff/testimony/{id}/attachment?file={file}")),
    )
    .await;
    assert_eq!(denied.status, 403);
    let missing = get_with(
        &client,
        &app.url(&format!("/staff/testimony/{id}/attachment?file=nope")),
    )
    .await;
    assert_eq!(missing.status, 404);
}

fn status_of(app: &TestApp, id: &str) -> String {
    app.db(|c| {
        testimonies::table
            .find(id)
            .select(testimonies::status)
            .first(c)
            .unwrap()
    })
}

async fn review_moves_follow_the_rule(app: TestApp) {
    let id = a_testimony(&app).await;
    let (client, uid) = editor(&app, "plain@example.org", false).await;
    let page_url = app.url(&format!("/staff/testimony/{id}"));
    let url = app.url(&format!("/staff/testimony/{id}/status"));
    let csrf = get_with(&client, &page_url).await.csrf();
    let act = |action: &'static str, reason: &'static str| {
        let (client, url, csrf) = (client.clone(), url.clone(), csrf.clone());
        async move {
            post_with(
                &client,
                &url,
                &[
                    ("csrf_token", &csrf),
                    ("action", action),
                    ("reason", reason),
                ],
            )
            .await
        }
    };

    let res = act("review", "").await;
    assert_eq!(res.status, 303);
    assert_eq!(status_of(&app, &id), "in_review");
    let page = get_with(&client, &page_url).await;
    assert!(page.text().contains("The testimony is now in review."));

    // Approval needs a redacted text.
    let res = act("approve", "").await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("redact it first"));
    assert_eq!(status_of(&app, &id), "in_review");

    // Excluding needs a reason; what was typed is kept.
    let res = act("exclude", "  ").await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("Say why this testimony is excluded"));
    let res = act("exclude", "Outside the hearing's scope").await;
    assert_eq!(res.status, 303);
    assert_eq!(status_of(&app, &id), "excluded");
    assert!(
        get_with(&client, &page_url)
            .await
            .text()
            .contains("Excluded because: Outside the hearing's scope")
    );
    // From excluded, approval is not a move.
    let res = act("approve", "").await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("cannot go from there"));

    let res = act("fly", "").await;
    assert_eq!(res.status, 422);

    let actions = audit_actions(&app, &uid);
    assert_eq!(
        actions.iter().filter(|a| *a == "status.changed").count(),
        2,
        "{actions:?}"
    );

    // Once the witness withdraws, nothing moves.
    app.db(|c| peoples_upr::db::testimony::withdraw(c, &id).unwrap());
    let res = act("review", "").await;
    assert_eq!(res.status, 422);
    assert!(res.text().contains("withdrew"));
    assert_eq!(status_of(&app, &id), "excluded");
}

/// Through the service, on the database: each allowed move is stored with its audit entry;
/// each refused one changes nothing.
async fn every_move_from_every_state_is_stored_or_refused(app: TestApp) {
    use peoples_upr::domain::ids::{TestimonyId, UserId};
    use peoples_upr::domain::review::{ExclusionReason, Facts, Move, next};
    use peoples_upr::domain::testimony::ReviewStatus;
    let id = a_testimony(&app).await;
    let by = UserId::from(app.create_user("editor@example.org", Role::Editor).as_str());
    let tid = TestimonyId::from(id.as_str());
    let moves = || {
        [
            Move::Review,
            Move::Approve,
            Move::Exclude(ExclusionReason::parse("Duplicate of another testimony").unwrap()),
            Move::AskWitness,
            Move::WitnessReplied,
        ]
    };
    let entries =
        |app: &TestApp| -> i64 { app.db(|c| audit_log::table.count().get_result(c).unwrap()) };
    for has_redacted_text in [false, true] {
        if has_redacted_text {
            a_redacted_text(&app, &id, "[name withheld] was held.");
        }
        for from in ReviewStatus::ALL {
            for m in moves() {
                app.db(|c| peoples_upr::db::review::set_status(c, &id, from, None).unwrap());
                let before = entries(&app);
                let expected = next(
                    from,
                    Facts {
                        withdrawn: false,
                        has_redacted_text,
                    },
                    &m,
                );
                let got = app
                    .db(|c| peoples_upr::service::review::change_status(c, &by, &tid, &m))
                    .unwrap();
                assert_eq!(got, expected, "{from:?} {m:?}");
                let stored = status_of(&app, &id);
                let written = entries(&app) - before;
                match expected {
                    Ok(to) => {
                        assert_eq!(stored, to.code(), "{from:?} {m:?}");
                        assert_eq!(written, i64::from(to != from), "{from:?} {m:?}");
                    }
                    Err(_) => {
                        assert_eq!(stored, from.code(), "{from:?} {m:?} changed the state");
                        assert_eq!(written, 0, "{from:?} {m:?} wrote to the trail");
                    }
                }
            }
        }
    }
    // Withdrawn: every move from every state is refused and nothing changes.
    app.db(|c| peoples_upr::db::testimony::withdraw(c, &id).unwrap());
    for from in ReviewStatus::ALL {
        for m in moves() {
            app.db(|c| peoples_upr::db::review::set_status(c, &id, from, None).unwrap());
            let got = app
                .db(|c| peoples_upr::service::review::change_status(c, &by, &tid, &m))
                .unwrap();
            assert_eq!(
                got,
                Err(peoples_upr::domain::review::Refusal::Withdrawn),
                "{from:?} {m:?}"
            );
            assert_eq!(status_of(&app, &id), from.code());
        }
    }
}
