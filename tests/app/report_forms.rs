//! The report's smaller forms, given bad input: the page comes back with the message and
//! everything typed, and nothing is saved.

use diesel::prelude::*;
use peoples_upr::db::schema;

use crate::both_databases;
use crate::helpers::TestApp;
use crate::reports::{one_quotable, start};

both_databases!(
    an_organisation_without_a_name_is_refused_and_kept,
    an_unknown_theme_on_a_saved_section_is_refused_and_kept,
);

async fn an_organisation_without_a_name_is_refused_and_kept(app: TestApp) {
    let (hearing, _, _) = one_quotable(&app, "submitters").await;
    let vid = start(&app, &hearing, "Submitters report").await;
    let details = format!("/staff/reports/{vid}/details");
    let submitters = || -> i64 {
        app.db(|c| schema::report_submitters::table.count().get_result(c))
            .unwrap()
    };
    let before = submitters();
    let refused = app
        .submit(
            &details,
            &format!("/staff/reports/{vid}/submitters"),
            &[
                ("name", "   "),
                ("short_code", "RCN"),
                ("description", "Lawyers at the border since 2004"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.contains("Give the organisation's name."));
    assert_eq!(refused.field_value("short_code").as_deref(), Some("RCN"));
    assert!(refused.contains("Lawyers at the border since 2004"));
    assert_eq!(submitters(), before, "nothing was added");
}

async fn an_unknown_theme_on_a_saved_section_is_refused_and_kept(app: TestApp) {
    let (hearing, _, _) = one_quotable(&app, "sections").await;
    let vid = start(&app, &hearing, "Sections report").await;
    let list = format!("/staff/reports/{vid}/sections");
    let added = app
        .submit(
            &list,
            &list,
            &[("title", "Detention"), ("findings", "First findings")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.text());
    let section: String = app
        .db(|c| {
            schema::report_sections::table
                .filter(schema::report_sections::version_id.eq(&vid))
                .select(schema::report_sections::id)
                .first(c)
        })
        .unwrap();
    let path = format!("/staff/report-sections/{section}");
    let refused = app
        .submit(
            &path,
            &path,
            &[
                ("title", "Detention of children"),
                ("theme_id", "no-such-theme"),
                ("findings", "Findings typed before the mistake"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.contains("Choose one of the themes, or none."));
    assert_eq!(
        refused.field_value("title").as_deref(),
        Some("Detention of children")
    );
    assert!(refused.contains("Findings typed before the mistake"));
    let stored: (String, Option<String>, String) = app
        .db(|c| {
            schema::report_sections::table
                .find(&section)
                .select((
                    schema::report_sections::title,
                    schema::report_sections::theme_id,
                    schema::report_sections::findings,
                ))
                .first(c)
        })
        .unwrap();
    assert_eq!(
        stored,
        ("Detention".to_string(), None, "First findings".to_string()),
        "the saved section is as it was"
    );
}
