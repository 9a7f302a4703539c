//! Publishing a report: the leak scan blocks a planted name and says where, not what;
//! only an editor granted access to originals publishes; a published version never
//! changes, and taking it down leaves a notice.

use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{TestApp, submit_with};
use crate::reports::{add_recommendation, add_section, one_quotable, start};

both_databases!(
    the_leak_scan_blocks_a_planted_name_and_says_where_not_what,
    only_a_granted_editor_publishes_and_a_published_version_never_changes,
);

/// Recommend "End cold rooms" on the evidence of `excerpt` and finalise version `vid`;
/// returns the version's overview page.
async fn finalised(app: &TestApp, vid: &str, excerpt: &str) -> String {
    let added = add_recommendation(app, vid, "End cold rooms", &[excerpt]).await;
    assert_eq!(added.status, 303, "{}", added.text());
    let overview = format!("/staff/reports/{vid}");
    let finalise = app
        .submit(&overview, &format!("{overview}/finalise"), &[])
        .await;
    assert_eq!(finalise.status, 303, "{}", finalise.text());
    overview
}

async fn the_leak_scan_blocks_a_planted_name_and_says_where_not_what(app: TestApp) {
    let (hearing, t1, e1) = one_quotable(&app, "leak").await;
    let vid = start(&app, &hearing, "Leaky report").await;
    add_section(
        &app,
        &vid,
        "Conditions",
        "As Rosa Martínez told us, the rooms were cold.",
        &[&e1],
    )
    .await;
    let overview = finalised(&app, &vid, &e1).await;
    let blocked = app
        .submit(&overview, &format!("{overview}/publish"), &[])
        .await;
    assert_eq!(blocked.status, 422);
    let leaks = blocked.text_of("#leaks");
    assert!(leaks.contains("HTML page, line"), "{leaks}");
    assert!(leaks.contains("DOCX") && leaks.contains("JSON"), "{leaks}");
    assert!(
        leaks.contains(&t1) && leaks.contains("the witness's name"),
        "{leaks}"
    );
    assert!(
        !leaks.contains("Martínez"),
        "the hit never repeats the leaked words"
    );
    assert!(
        app.get("/reports")
            .await
            .contains("No report has been published")
    );
    assert_eq!(
        app.get(&format!("/reports/version/{vid}")).await.status,
        404,
        "nothing was published"
    );
}

async fn only_a_granted_editor_publishes_and_a_published_version_never_changes(app: TestApp) {
    let (hearing, _, e1) = one_quotable(&app, "grant").await;
    let vid = start(&app, &hearing, "Granted report").await;
    let overview = finalised(&app, &vid, &e1).await;

    let other = app.other_client();
    app.create_user("plain@example.org", Role::Editor);
    app.login_with(&other, "plain@example.org").await;
    let refused = submit_with(
        &other,
        &app.base,
        &overview,
        &format!("{overview}/publish"),
        &[],
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("Publishing needs an editor granted access to originals"));

    assert_eq!(
        app.submit(&overview, &format!("{overview}/publish"), &[])
            .await
            .status,
        303
    );
    let details = format!("{overview}/details");
    let edit = app
        .submit(
            &details,
            &details,
            &[("title", "Changed"), ("hearings", &hearing)],
        )
        .await;
    assert_eq!(edit.status, 422);
    assert!(edit.contains("published and cannot change"));
    let down = app
        .submit(&overview, &format!("{overview}/take-down"), &[])
        .await;
    assert_eq!(down.status, 303);
    assert_eq!(
        app.get(&format!("/reports/version/{vid}")).await.status,
        410
    );
}
