//! A hearing's life: its statuses and the versions of its consent text.

use peoples_upr::db;
use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::hearings::{CONSENT, consent_versions, create, fields, login_as};
use crate::helpers::{Page, TestApp};

both_databases!(
    the_window_is_entered_and_shown_in_the_hearing_time_zone,
    the_lifecycle_moves_only_as_allowed,
    editing_the_consent_text_makes_a_new_version,
);

pub async fn post_status(app: &TestApp, id: &str, status: &str) -> Page {
    let page = format!("/staff/hearings/{id}");
    app.submit(
        &page,
        &format!("/staff/hearings/{id}/status"),
        &[("status", status)],
    )
    .await
}

async fn the_lifecycle_moves_only_as_allowed(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[]).await;
    let path = format!("/staff/hearings/{id}");
    let status = || {
        app.db(|c| db::hearings::find(c, &id))
            .unwrap()
            .unwrap()
            .status
            .code()
    };

    // A draft cannot be archived directly.
    let refused = post_status(&app, &id, "archived").await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.contains("A hearing that is draft cannot be moved to archived."),
        "{}",
        refused.text()
    );
    assert!(
        refused.contains("Open for testimony"),
        "the page is shown again"
    );
    assert_eq!(status(), "draft");

    for (to, now, says) in [
        ("open", "open", "The hearing is open for testimony."),
        ("closed", "closed", "The hearing is closed"),
        ("open", "open", "The hearing is open for testimony."),
        ("closed", "closed", "The hearing is closed"),
        ("archived", "archived", "The hearing is archived"),
    ] {
        let moved = post_status(&app, &id, to).await;
        assert_eq!(moved.status, 303, "to {to}: {}", moved.text());
        assert_eq!(moved.location(), Some(path.as_str()));
        assert_eq!(status(), now);
        let page = app.get(&path).await;
        assert!(page.contains(says), "{}", page.text());
        match now {
            "open" => {
                assert!(page.contains("Close"));
                assert!(!page.contains("Reopen"));
                assert!(page.body.contains(r#"href="/hearings/el-paso-2026""#));
                assert!(
                    page.body
                        .contains(&format!(r#"href="/staff/hearings/{id}/intake""#))
                );
                assert!(page.contains("Take testimony"));
            }
            "closed" => {
                assert!(page.contains("Reopen") && page.contains("Archive"));
                assert!(page.body.contains(r#"href="/hearings/el-paso-2026""#));
                assert!(!page.contains("Take testimony"));
            }
            _ => {
                assert!(!page.body.contains(r#"href="/hearings/el-paso-2026""#));
                assert!(page.contains("There is nothing more to do with this hearing's status."));
                assert!(!page.body.contains("/status\""));
            }
        }
    }

    // Archived is final; unknown statuses are refused too.
    let refused = post_status(&app, &id, "open").await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("A hearing that is archived cannot be moved to open."));
    let again = post_status(&app, &id, "archived").await;
    assert_eq!(again.status, 422);
    assert!(again.contains("This hearing is already archived."));
    let bogus = post_status(&app, &id, "published").await;
    assert_eq!(bogus.status, 422);
    assert!(bogus.contains("That status does not exist."));
    assert_eq!(status(), "archived");

    // Unknown hearings are not found.
    let missing = post_status(&app, "00000000-0000-4000-8000-000000000000", "open").await;
    assert_eq!(missing.status, 404);
}

async fn editing_the_consent_text_makes_a_new_version(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[]).await;
    let edit = format!("/staff/hearings/{id}/edit");

    let form = app.get(&edit).await;
    assert_eq!(form.status, 200);
    assert_eq!(
        form.field_value("title").as_deref(),
        Some("Hearing in El Paso")
    );
    assert_eq!(form.field_value("slug").as_deref(), Some("el-paso-2026"));
    assert_eq!(form.field_value("starts_on").as_deref(), Some("2026-03-05"));
    assert_eq!(
        form.field_value("closes_at").as_deref(),
        Some("2026-03-31T17:00")
    );
    assert!(form.is_checked("themes", "children"));
    assert!(!form.is_checked("themes", "asylum-access"));
    assert!(form.is_checked("languages", "es"));
    assert_eq!(form.field_value("consent_text").as_deref(), Some(CONSENT));
    assert!(form.contains("This is version 1"));

    // A refused edit keeps what was typed and changes nothing.
    let bad = app
        .submit(&edit, &edit, &fields(&[("title", "")], &["themes"]))
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("Choose at least one theme."));
    assert_eq!(consent_versions(&app, &id).len(), 1);

    let new_consent =
        "We keep your testimony safe. You choose how it is used, and you can withdraw it.";
    let saved = app
        .submit(
            &edit,
            &edit,
            &fields(
                &[
                    ("title", "Hearing in El Paso and Juárez"),
                    ("themes", "asylum-access"),
                    ("online", "yes"),
                    ("consent_text", new_consent),
                ],
                &[],
            ),
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let page = app.get(&format!("/staff/hearings/{id}")).await;
    assert!(
        page.contains("The consent text in English is now version 3"),
        "{}",
        page.text()
    );
    assert!(page.contains("Hearing in El Paso and Juárez"));
    assert!(page.contains("Consent text (version 3)"));
    assert!(page.contains(new_consent));
    assert!(page.contains("Asylum access"));
    assert!(!page.contains("Immigration detention"));
    assert!(page.contains("Online, and in El Paso, Texas"));

    let current = app
        .db(|c| {
            let h = db::hearings::find(c, &id)?.ok_or(diesel::result::Error::NotFound)?;
            db::hearings::current_consent_text(c, &h, h.first_language())
        })
        .unwrap();
    assert_eq!(current.version, 3);
    assert_eq!(current.body, new_consent);
    assert_eq!(
        consent_versions(&app, &id),
        vec![(1, CONSENT.to_string()), (3, new_consent.to_string())]
    );

    // Saving without changing the text adds no version.
    let same = app
        .submit(&edit, &edit, &fields(&[("consent_text", new_consent)], &[]))
        .await;
    assert_eq!(same.status, 303);
    assert_eq!(consent_versions(&app, &id).len(), 2);
    let page = app.get(&format!("/staff/hearings/{id}")).await;
    assert!(page.contains("Changes saved."));
    assert!(!page.contains("is now version"));
}

async fn the_window_is_entered_and_shown_in_the_hearing_time_zone(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[("time_zone", "America/Chicago")]).await;
    let h = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    // 09:00 in Chicago in February is 15:00 UTC.
    assert_eq!(
        h.opens_at.format("%Y-%m-%d %H:%M").to_string(),
        "2026-02-01 15:00"
    );
    assert_eq!(h.time_zone, "America/Chicago");
    let page = app.get(&format!("/staff/hearings/{id}")).await;
    assert!(
        page.contains("February 1, 2026, 9:00 AM (CST)"),
        "{}",
        page.text()
    );
    let edit = app.get(&format!("/staff/hearings/{id}/edit")).await;
    assert_eq!(
        edit.field_value("opens_at").as_deref(),
        Some("2026-02-01T09:00")
    );

    // An unknown zone, and a time the clocks skip, are refused with everything kept.
    let path = format!("/staff/hearings/{id}/edit");
    let bad = app
        .submit(&path, &path, &fields(&[("time_zone", "Mars/Olympus")], &[]))
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("Choose the hearing's time zone from the list."));
    let skipped = app
        .submit(
            &path,
            &path,
            &fields(
                &[
                    ("time_zone", "America/Chicago"),
                    ("opens_at", "2026-03-08T02:30"),
                ],
                &[],
            ),
        )
        .await;
    assert_eq!(skipped.status, 422);
    assert!(skipped.contains("does not exist in this time zone"));
    assert_eq!(
        skipped.field_value("opens_at").as_deref(),
        Some("2026-03-08T02:30")
    );
}
