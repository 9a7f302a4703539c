//! A witness's erasure: what is left of their testimony once they ask for it to be erased.

use diesel::prelude::*;
use peoples_upr::db::{self, schema};

use crate::both_databases;
use crate::helpers::TestApp;
use crate::testimony::{latest_testimony, open_hearing, submit_testimony, take_receipt, typical};
use crate::witness::witness_adds;

both_databases!(erasure_leaves_only_the_fact_of_withdrawal);

async fn erasure_leaves_only_the_fact_of_withdrawal(app: TestApp) {
    use peoples_upr::attachments::samples;
    open_hearing(&app, "erase");
    let res = submit_testimony(
        &app.client,
        &app,
        "erase",
        &typical(),
        vec![("photo.jpg", samples::jpeg_with_gps())],
    )
    .await;
    let code = take_receipt(&app.client, &app, &res).await;
    let added = witness_adds(&app, &code, "One more thing to say.").await;
    assert_eq!(added.status, 303);
    let before = latest_testimony(&app);
    let sealed = before.sealed_body.clone().unwrap();
    let files_dir = app
        .data_dir
        .path()
        .join("attachments")
        .join(before.id.as_str());
    assert!(files_dir.exists());

    let witness = app.other_client();
    crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", &code)]).await;
    // Confirmation is asked for once.
    let unconfirmed = crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/erase",
        &[],
    )
    .await;
    assert_eq!(unconfirmed.status, 422);
    assert!(unconfirmed.contains("Tick the box to confirm that you want to erase everything"));
    let erased = crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/erase",
        &[("confirm", "1")],
    )
    .await;
    assert_eq!(erased.status, 303);
    let page = crate::helpers::get_with(&witness, &app.url("/my-testimony")).await;
    assert!(page.contains("withdrawn and erased on"), "{}", page.text());
    assert!(!page.contains("nine days"));

    let after = latest_testimony(&app);
    assert!(after.is_withdrawn() && after.erased_at.is_some());
    assert!(after.sealed_body.is_none() && after.witness_copy.is_none());
    assert!(after.witness_name.is_none() && after.contact_email.is_none());
    assert_eq!(after.place_state, "");
    let id = after.id.as_str().to_string();
    let left: (i64, i64, i64, i64) = app.db(|c| {
        (
            schema::testimony_additions::table
                .filter(schema::testimony_additions::testimony_id.eq(&id))
                .count()
                .get_result(c)
                .unwrap(),
            schema::attachments::table
                .filter(schema::attachments::testimony_id.eq(&id))
                .count()
                .get_result(c)
                .unwrap(),
            schema::consent_records::table
                .filter(schema::consent_records::testimony_id.eq(&id))
                .count()
                .get_result(c)
                .unwrap(),
            schema::redaction_requests::table
                .filter(schema::redaction_requests::testimony_id.eq(&id))
                .count()
                .get_result(c)
                .unwrap(),
        )
    });
    assert_eq!(left, (0, 0, 0, 0));
    assert!(!files_dir.exists(), "the files are gone from the disk");
    assert_eq!(
        app.db(db::kept_receipts::count).unwrap(),
        0,
        "the receipt kept for a repeated post is gone"
    );
    // The hearing still counts it, as withdrawn.
    let (_, withdrawn) = app
        .db(|c| db::testimony::counts_of_hearing(c, before.hearing_id.as_str()))
        .unwrap();
    assert_eq!(withdrawn, 1);
    if app.backend == crate::helpers::Backend::Sqlite {
        // Not even the sealed words remain in the database files.
        assert!(
            !app.data_files_contain(&sealed[1..33]),
            "the sealed words are still in the database files"
        );
    }
}
