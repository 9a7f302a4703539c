//! Demo data: what a newcomer notices after `peoples-upr demo` — hearings on the public
//! pages, staff who sign in with the printed passwords, a review queue with testimony,
//! redacted texts without the planted names and A-numbers, excerpts only where quotation
//! is allowed — and a second run refused.

use diesel::prelude::*;
use peoples_upr::db::{self, schema};
use peoples_upr::demo::{self, DemoError, DemoOptions, DemoSummary};
use peoples_upr::domain::consent::ConsentScope;
use peoples_upr::domain::pii;
use peoples_upr::service;

use crate::both_databases;
use crate::helpers::{TestApp, submit_with};

both_databases!(demo_data_fills_an_empty_database_once);

/// Run the demo on the test's database (which starts without an organisation key, as a
/// fresh install does).
fn run_demo(app: &TestApp, testimonies: u64) -> Result<DemoSummary, DemoError> {
    let opts = DemoOptions {
        testimonies,
        seed: 7,
        keys: app.keys.clone(),
        site: app.base.clone(),
    };
    let dir = app.data_dir.path().to_path_buf();
    app.db(|c| demo::run(c, &dir, &opts, &|_| {}))
}

async fn demo_data_fills_an_empty_database_once(app: TestApp) {
    app.forget_org_key();
    let summary = run_demo(&app, 40).expect("the demo runs on an empty database");

    // Hearings and staff exist.
    assert_eq!(summary.hearings.len(), 6);
    let public = app.get("/hearings").await;
    for title in [
        "People's hearing in El Paso",
        "People's hearing in Miami",
        "Online hearing",
    ] {
        assert!(public.contains(title), "{title} on {}", public.text());
    }
    assert_eq!(app.db(db::users::count).unwrap(), 4);
    let c = &summary.counts;
    assert_eq!(
        c.received + c.in_review + c.waiting + c.approved + c.excluded + c.withdrawn,
        40
    );

    // The printed password of the granted editor signs in, and the queue lists testimony.
    let editor = summary
        .staff
        .iter()
        .find(|s| s.user_id == summary.editor)
        .expect("the granted editor is in the table");
    assert!(editor.granted);
    let login = submit_with(
        &app.client,
        &app.base,
        "/login",
        "/login",
        &[
            ("email", editor.email.as_str()),
            ("password", editor.password.as_str()),
        ],
    )
    .await;
    assert_eq!(login.status, 303, "{}", login.text());
    let queue = app.get("/staff/review").await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("/staff/testimony/"), "{}", queue.text());

    // Approved testimony is redacted: no planted A-number, no witness's name.
    assert!(!summary.approved.is_empty());
    let (mut names, mut numbers) = (0, 0);
    for approved in &summary.approved {
        let original = app
            .db(|c| {
                service::testimony::open_original(
                    c,
                    app.data_dir.path(),
                    &summary.org,
                    &approved.id,
                )
            })
            .unwrap();
        let body = original.body.reveal();
        let redacted = app
            .db(|c| db::redaction::current(c, approved.id.as_str(), "original"))
            .unwrap()
            .expect("an approved testimony has a redacted text")
            .body;
        if let Some(name) = original.name.as_deref().filter(|n| body.contains(*n)) {
            names += 1;
            assert!(!redacted.contains(name), "{name} in {redacted}");
        }
        for planted in pii::a_numbers(body) {
            numbers += 1;
            let words = &body[planted.span];
            assert!(!redacted.contains(words), "{words} in {redacted}");
        }
        assert!(pii::a_numbers(&redacted).is_empty(), "{redacted}");
    }
    assert!(names > 0, "some approved witness said their name");
    assert!(numbers > 0, "some approved testimony gave an A-number");

    // Excerpts exist only where the witness allows quotation.
    let excerpts: Vec<String> = app.db(|c| {
        schema::excerpts::table
            .filter(schema::excerpts::invalidated_at.is_null())
            .select(schema::excerpts::testimony_id)
            .load(c)
            .unwrap()
    });
    assert!(!excerpts.is_empty());
    assert_eq!(excerpts.len(), summary.excerpts());
    for testimony in &excerpts {
        let consent = app
            .db(|c| db::testimony::current_consent(c, testimony))
            .unwrap();
        assert!(consent.permits(ConsentScope::QuoteVerbatim));
    }

    // A second run is refused, by the service and by the command (exit code 2).
    assert!(matches!(run_demo(&app, 1), Err(DemoError::NotEmpty(_))));
    let (code, out) = app.command(&["demo", "--testimonies", "3"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("fresh data directory"), "{out}");
    assert_eq!(app.db(db::users::count).unwrap(), 4, "nothing was added");
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = diesel::sql_types::Float)]
    reltuples: f32,
}

/// On PostgreSQL the demo gathers the planner's statistics as it loads, so that its
/// connection does not go on finding one row by a full scan, the plan it made while the
/// tables were empty (3,000 testimonies took 90 s instead of 55), whether or
/// not autovacuum runs.
#[actix_web::test]
async fn the_demo_gathers_the_planner_statistics_as_it_loads() {
    let Some(app) = TestApp::spawn(crate::helpers::Backend::Postgres).await else {
        return;
    };
    app.forget_org_key();
    run_demo(&app, 70).expect("the demo runs on an empty database");
    let known: Counted = app.db(|c| {
        diesel::sql_query("SELECT reltuples FROM pg_class WHERE relname = 'testimonies'")
            .get_result(c)
            .unwrap()
    });
    assert!(
        known.reltuples >= 64.0,
        "the planner knows of {} testimonies",
        known.reltuples
    );
}
