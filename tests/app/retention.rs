//! Retention: a set number of days after a hearing closes, its witnesses' contact details
//! and attachments are purged (with an audit entry giving counts only); hearings still
//! open or within their window keep theirs; the witness form says when; the hearing form
//! refuses a bad number of days.

use diesel::prelude::*;
use peoples_upr::attachments::samples;
use peoples_upr::db::{self, schema};
use peoples_upr::domain::account::Role;
use peoples_upr::domain::hearing::HearingStatus;
use peoples_upr::i18n::{Lang, format_date};

use crate::both_databases;
use crate::hearings::{fields, login_as};
use crate::helpers::{TestApp, get_with};
use crate::testimony::{hearing_with_status, open_hearing, submit_testimony, typical};

both_databases!(
    a_long_closed_hearing_loses_contacts_and_attachments_and_others_keep_them,
    the_witness_form_says_when_contact_details_go,
    a_bad_number_of_days_is_refused_and_kept,
);

/// Give testimony with an email, a phone and a photo at a hearing; returns its id.
async fn testimony_with_file(app: &TestApp, slug: &str) -> String {
    let files = vec![("photo.png", samples::png_with_metadata())];
    let res = submit_testimony(&app.client, app, slug, &typical(), files).await;
    assert_eq!(res.status, 303, "{}", res.text());
    app.db(|c| {
        schema::testimonies::table
            .inner_join(schema::hearings::table)
            .filter(schema::hearings::slug.eq(slug))
            .select(schema::testimonies::id)
            .first(c)
            .unwrap()
    })
}

/// Close a hearing as if it had closed `days_ago` days ago.
fn closed_days_ago(app: &TestApp, hearing_id: &str, days_ago: i64) {
    let then = db::now() - chrono::Duration::days(days_ago);
    app.db(|c| {
        assert!(
            db::hearings::set_status(c, hearing_id, HearingStatus::Open, HearingStatus::Closed)
                .unwrap()
        );
        diesel::update(schema::hearings::table.find(hearing_id))
            .set((
                schema::hearings::closed_at.eq(Some(then)),
                schema::hearings::opens_at.eq(then - chrono::Duration::days(30)),
                schema::hearings::closes_at.eq(then),
            ))
            .execute(c)
            .unwrap()
    });
}

/// Text as `Page::text` gives it: every run of white space (no-break spaces too) as one space.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contact_of(app: &TestApp, testimony: &str) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    app.db(|c| {
        schema::testimonies::table
            .find(testimony)
            .select((
                schema::testimonies::contact_email,
                schema::testimonies::contact_phone,
            ))
            .first(c)
            .unwrap()
    })
}

fn attachment_files(app: &TestApp, testimony: &str) -> Vec<std::path::PathBuf> {
    let ids: Vec<String> = app.db(|c| {
        schema::attachments::table
            .filter(schema::attachments::testimony_id.eq(testimony))
            .select(schema::attachments::id)
            .load(c)
            .unwrap()
    });
    ids.iter()
        .map(|a| {
            peoples_upr::attachments::path(
                app.data_dir.path(),
                &testimony.into(),
                &a.as_str().into(),
            )
        })
        .collect()
}

async fn a_long_closed_hearing_loses_contacts_and_attachments_and_others_keep_them(app: TestApp) {
    let old = open_hearing(&app, "long-ago");
    let recent = open_hearing(&app, "recently");
    open_hearing(&app, "still-open");
    let gone = testimony_with_file(&app, "long-ago").await;
    let kept_closed = testimony_with_file(&app, "recently").await;
    let kept_open = testimony_with_file(&app, "still-open").await;
    let old_files = attachment_files(&app, &gone);
    assert_eq!(old_files.len(), 1);
    assert!(old_files[0].exists());
    closed_days_ago(&app, &old, 200);
    closed_days_ago(&app, &recent, 10);

    // The dry run counts and changes nothing.
    let due = app.db(|c| peoples_upr::service::retention::due(c, 90).unwrap());
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].hearing_id, old);
    assert_eq!(due[0].counts(), "1 contact detail, 1 attachment");
    assert!(contact_of(&app, &gone).0.is_some());

    let dir = app.data_dir.path().to_path_buf();
    let purged = app.db(|c| peoples_upr::service::retention::purge(c, &dir, 90).unwrap());
    assert_eq!(purged, due);
    assert_eq!(contact_of(&app, &gone), (None, None));
    assert!(
        attachment_files(&app, &gone).is_empty(),
        "the rows are gone"
    );
    assert!(!old_files[0].exists(), "the sealed file is gone");

    // The trail says counts, by the system, on the hearing.
    let entries: Vec<(String, String, String, String)> = app.db(|c| {
        schema::audit_log::table
            .filter(schema::audit_log::action.eq("retention.purged"))
            .select((
                schema::audit_log::actor_kind,
                schema::audit_log::record_kind,
                schema::audit_log::record_id,
                schema::audit_log::detail,
            ))
            .load(c)
            .unwrap()
    });
    assert_eq!(
        entries,
        vec![(
            "system".to_string(),
            "hearing".to_string(),
            old.clone(),
            "1 contact detail, 1 attachment".to_string()
        )]
    );

    // Granted staff asking for the identity see the name, but no contact any more.
    let editor = app.create_user("granted@example.org", Role::Editor);
    app.grant(&editor);
    let client = app.other_client();
    assert_eq!(
        app.login_with(&client, "granted@example.org").await.status,
        303
    );
    let page = get_with(
        &client,
        &app.url(&format!("/staff/testimony/{gone}?identity=1")),
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Rosa Martínez"));
    assert!(!page.text().contains("rosa@example.org"));
    assert!(!page.text().contains("555 0100"));

    // The hearing within its window, and the open one, keep everything.
    for kept in [&kept_closed, &kept_open] {
        let (email, phone) = contact_of(&app, kept);
        assert!(email.is_some() && phone.is_some());
        let files = attachment_files(&app, kept);
        assert_eq!(files.len(), 1);
        assert!(files[0].exists());
    }
    let page = get_with(
        &client,
        &app.url(&format!("/staff/testimony/{kept_closed}?identity=1")),
    )
    .await;
    assert!(page.text().contains("rosa@example.org"));

    // A second run finds nothing more, and writes no entry.
    let again = app.db(|c| peoples_upr::service::retention::purge(c, &dir, 90).unwrap());
    assert!(again.is_empty());
    // A hearing's own days win: 5 days purges the recent one too.
    app.db(|c| {
        diesel::update(schema::hearings::table.find(&recent))
            .set(schema::hearings::retention_days.eq(Some(5)))
            .execute(c)
            .unwrap()
    });
    let purged = app.db(|c| peoples_upr::service::retention::purge(c, &dir, 90).unwrap());
    assert_eq!(purged.len(), 1);
    assert_eq!(purged[0].hearing_id, recent);
    assert!(contact_of(&app, &kept_open).0.is_some());
}

async fn the_witness_form_says_when_contact_details_go(app: TestApp) {
    let id = open_hearing(&app, "dated");
    let closes: chrono::NaiveDateTime = app.db(|c| {
        schema::hearings::table
            .find(&id)
            .select(schema::hearings::closes_at)
            .first(c)
            .unwrap()
    });
    let day = closes.date() + chrono::Duration::days(90);
    let page = app.get("/hearings/dated").await;
    assert_eq!(page.status, 200);
    let expected = format!(
        "Contact details and attachments are deleted 90 days after this hearing closes (on {}).",
        format_date(day, Lang::En)
    );
    assert!(page.text().contains(&words(&expected)), "{}", page.text());
    let page = app.get_in("/hearings/dated", "es").await;
    assert!(page.text().contains(&words(&format!(
        "se eliminan 90 días después del cierre de esta audiencia (el {})",
        format_date(day, Lang::Es)
    ))));

    // The hearing's own setting: right after closing.
    app.db(|c| {
        diesel::update(schema::hearings::table.find(&id))
            .set(schema::hearings::retention_days.eq(Some(0)))
            .execute(c)
            .unwrap()
    });
    let page = app.get("/hearings/dated").await;
    assert!(page.text().contains(&words(&format!(
        "Contact details and attachments are deleted when this hearing closes (on {}).",
        format_date(closes.date(), Lang::En)
    ))));
    // A closed hearing shows no form, and so no date.
    hearing_with_status(&app, "over", HearingStatus::Closed);
    assert!(
        !app.get("/hearings/over")
            .await
            .text()
            .contains("are deleted")
    );
}

#[actix_web::test]
async fn the_purge_command_lists_then_deletes() {
    let app = TestApp::spawn(crate::helpers::Backend::Sqlite)
        .await
        .unwrap();
    let old = open_hearing(&app, "long-ago");
    let gone = testimony_with_file(&app, "long-ago").await;
    closed_days_ago(&app, &old, 200);
    let dir = app.data_dir.path();
    let (ok, said) = crate::startup::run(dir, &["purge", "--dry-run"], "");
    assert!(ok, "{said}");
    assert!(said.contains("Hearing long-ago"), "{said}");
    assert!(
        said.contains("Would delete 1 contact detail, 1 attachment from 1 hearing(s)"),
        "{said}"
    );
    assert!(
        contact_of(&app, &gone).0.is_some(),
        "a dry run deletes nothing"
    );

    let (ok, said) = crate::startup::run(dir, &["purge"], "");
    assert!(ok, "{said}");
    assert!(
        said.contains("Deleted 1 contact detail, 1 attachment from 1 hearing(s)"),
        "{said}"
    );
    assert_eq!(contact_of(&app, &gone), (None, None));
    assert!(!said.contains("rosa"), "counts only");
    let (_, said) = crate::startup::run(dir, &["purge"], "");
    assert!(said.contains("Nothing to purge"), "{said}");
}

async fn a_bad_number_of_days_is_refused_and_kept(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    for (typed, says) in [
        ("-3", "Enter 0 or more days"),
        ("ninety", "whole number from 0 to 3650"),
        ("4000", "at most 3650 days"),
    ] {
        let page = app
            .submit(
                "/staff/hearings/new",
                "/staff/hearings/new",
                &fields(&[("retention_days", typed)], &[]),
            )
            .await;
        assert_eq!(page.status, 422, "{typed}");
        assert!(page.text().contains(says), "{typed}: {}", page.text());
        assert_eq!(page.field_value("retention_days").as_deref(), Some(typed));
        assert_eq!(page.field_value("city").as_deref(), Some("El Paso"));
    }
    // A good number is kept on the hearing, and shown when editing.
    let page = app
        .submit(
            "/staff/hearings/new",
            "/staff/hearings/new",
            &fields(&[("retention_days", "30")], &[]),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    let (id, days): (String, Option<i32>) = app.db(|c| {
        schema::hearings::table
            .filter(schema::hearings::slug.eq("el-paso-2026"))
            .select((schema::hearings::id, schema::hearings::retention_days))
            .first(c)
            .unwrap()
    });
    assert_eq!(days, Some(30));
    let edit = app.get(&format!("/staff/hearings/{id}/edit")).await;
    assert_eq!(edit.field_value("retention_days").as_deref(), Some("30"));
    let shown = app.get(&format!("/staff/hearings/{id}")).await;
    assert!(
        shown
            .text()
            .contains("30 days after closing (set for this hearing)"),
        "{}",
        shown.text()
    );
}
