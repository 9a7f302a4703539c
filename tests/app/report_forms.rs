//! The report's smaller forms, given bad input: the page comes back with the message and
//! everything typed, and nothing is saved.

use diesel::prelude::*;
use peoples_upr::db::schema;

use crate::both_databases;
use crate::helpers::TestApp;
use crate::reports::{add_recommendation, one_quotable, start};

both_databases!(
    report_forms_refuse_bad_input_and_keep_what_was_typed,
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

async fn report_forms_refuse_bad_input_and_keep_what_was_typed(app: TestApp) {
    let (hearing, _, e1) = one_quotable(&app, "forms").await;
    let empty = app
        .submit("/staff/reports", "/staff/reports", &[("title", "  ")])
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.contains("Give the report a title."));
    assert!(empty.contains("Choose at least one hearing"));

    let vid = start(&app, &hearing, "Forms report").await;
    let details = format!("/staff/reports/{vid}/details");
    let bad = app
        .submit(
            &details,
            &details,
            &[
                ("title", "Forms report"),
                ("contact_email", "not an email"),
                ("cycle", "Fourth cycle"),
                ("hearings", &hearing),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.field_value("cycle").as_deref(), Some("Fourth cycle"));
    assert_eq!(
        bad.field_value("contact_email").as_deref(),
        Some("not an email")
    );

    let no_evidence = add_recommendation(&app, &vid, "Stop the separation of families", &[]).await;
    assert_eq!(no_evidence.status, 422);
    assert!(no_evidence.contains("Choose at least one excerpt"));
    assert!(no_evidence.contains("Stop the separation of families"));
    let list = format!("/staff/reports/{vid}/recommendations");
    let bad_sdg = app
        .submit(
            &list,
            &list,
            &[
                ("text", "The detention of children"),
                ("sdg_targets", "eighteen"),
                ("follows_up", "soon"),
                ("excerpts", &e1),
            ],
        )
        .await;
    assert_eq!(bad_sdg.status, 422);
    assert!(bad_sdg.contains("Write SDG targets as goal.target"));
    assert!(bad_sdg.contains("Write previous recommendations as their UN numbers"));
    assert!(
        bad_sdg.contains("does not start with a verb"),
        "the editor is warned"
    );
    assert!(
        bad_sdg.is_checked("excerpts", &e1),
        "the chosen excerpt stays chosen"
    );

    let section = app
        .submit(
            &format!("/staff/reports/{vid}/sections"),
            &format!("/staff/reports/{vid}/sections"),
            &[("title", ""), ("findings", "Kept findings")],
        )
        .await;
    assert_eq!(section.status, 422);
    assert!(section.contains("Kept findings"));

    let note = app
        .submit(
            &list,
            &list,
            // The same excerpt twice (a crafted form): cited once, no error.
            &[
                ("text", "Investigate every death in custody"),
                ("excerpts", &e1),
                ("excerpts", &e1),
            ],
        )
        .await;
    assert_eq!(note.status, 303);
    let rid = app.db(|c| peoples_upr::db::reports::parts::recommendations(c, &vid).unwrap())[0]
        .id
        .clone();
    let cited = app.db(|c| peoples_upr::db::reports::parts::evidence(c, &rid).unwrap());
    assert_eq!(cited, std::slice::from_ref(&e1));
    let edit = format!("/staff/report-recommendations/{rid}");
    let bad_note = app
        .submit(
            &edit,
            &format!("{edit}/notes"),
            &[("noted_on", "yesterday"), ("note", "Met the agency")],
        )
        .await;
    assert_eq!(bad_note.status, 422);
    assert!(bad_note.contains("Give the date of the note"));
    assert!(bad_note.contains("Met the agency"));
    let unknown = app
        .get(&format!("/staff/reports/{vid}/download?kind=exe"))
        .await;
    assert_eq!(unknown.status, 404);
}
