//! Who may do what with hearings: organizers and their own hearings, editors who only read,
//! testimony counts, and the theme vocabulary.

use peoples_upr::db;
use peoples_upr::domain::account::Role;
use peoples_upr::domain::hearing::HearingStatus;

use crate::both_databases;
use crate::hearings::{
    add_testimony, create, described_by, fields, login_as, other_visitor, row_cells,
};
use crate::hearings_lifecycle::post_status;
use crate::helpers::{TestApp, get_with, submit_with};

both_databases!(
    organizers_edit_only_their_own_hearings,
    editors_see_hearings_but_cannot_change_them,
    counts_show_testimony_by_status,
    admins_extend_the_theme_vocabulary,
);

async fn organizers_edit_only_their_own_hearings(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[]).await;
    let edit = format!("/staff/hearings/{id}/edit");
    let show = format!("/staff/hearings/{id}");

    let other = other_visitor(&app, "otto@example.org", Role::Organizer).await;
    assert_eq!(get_with(&other, &app.url(&edit)).await.status, 403);
    let token = get_with(&other, &app.url("/staff/hearings/new"))
        .await
        .csrf();
    let post = |path: String, extra: Vec<(&'static str, &'static str)>| {
        let other = &other;
        let token = token.clone();
        let app = &app;
        async move {
            let mut all = vec![("csrf_token", token.as_str())];
            all.extend(extra);
            crate::helpers::post_with(other, &app.url(&path), &all).await
        }
    };
    let refused = post(edit.clone(), fields(&[("title", "Taken over")], &[])).await;
    assert_eq!(refused.status, 403);
    let refused = post(format!("{show}/status"), vec![("status", "open")]).await;
    assert_eq!(refused.status, 403);
    // They can look, without the buttons.
    let page = get_with(&other, &app.url(&show)).await;
    assert_eq!(page.status, 200);
    assert!(!page.contains("Open for testimony"));
    assert!(!page.contains("Edit the hearing"));
    let hearing = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    assert_eq!(hearing.title, "Hearing in El Paso");
    assert_eq!(hearing.status, HearingStatus::Draft);

    // An administrator can edit and open anyone's hearing.
    let admin = other_visitor(&app, "ada@example.org", Role::Admin).await;
    let form = get_with(&admin, &app.url(&edit)).await;
    assert_eq!(form.status, 200);
    let saved = submit_with(
        &admin,
        &app.base,
        &edit,
        &edit,
        &fields(&[("title", "Edited by the administrator")], &[]),
    )
    .await;
    assert_eq!(saved.status, 303);
    let opened = submit_with(
        &admin,
        &app.base,
        &show,
        &format!("{show}/status"),
        &[("status", "open")],
    )
    .await;
    assert_eq!(opened.status, 303);
    let hearing = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    assert_eq!(hearing.title, "Edited by the administrator");
    assert_eq!(hearing.status, HearingStatus::Open);
    // The hearing stays the organizer's own.
    let list = app.get("/staff/hearings").await;
    assert!(list.contains("Edited by the administrator"));
}

async fn editors_see_hearings_but_cannot_change_them(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[]).await;
    assert_eq!(post_status(&app, &id, "open").await.status, 303);

    let editor = other_visitor(&app, "eddie@example.org", Role::Editor).await;
    let list = get_with(&editor, &app.url("/staff/hearings")).await;
    assert_eq!(list.status, 200);
    assert!(list.contains("Hearing in El Paso"));
    assert!(!list.contains("New hearing"));
    let page = get_with(&editor, &app.url(&format!("/staff/hearings/{id}"))).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("Status: Open"));
    assert!(
        page.contains("Take testimony"),
        "editors take testimony too"
    );
    assert!(!page.contains("Edit the hearing"));
    assert!(!page.body.contains("/status\""));

    assert_eq!(
        get_with(&editor, &app.url("/staff/hearings/new"))
            .await
            .status,
        403
    );
    assert_eq!(
        get_with(&editor, &app.url(&format!("/staff/hearings/{id}/edit")))
            .await
            .status,
        403
    );
    let token = list.csrf();
    for (path, extra) in [
        (
            "/staff/hearings/new".to_string(),
            fields(&[("slug", "mine")], &[]),
        ),
        (format!("/staff/hearings/{id}/edit"), fields(&[], &[])),
        (
            format!("/staff/hearings/{id}/status"),
            vec![("status", "closed")],
        ),
    ] {
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend(extra);
        let res = crate::helpers::post_with(&editor, &app.url(&path), &all).await;
        assert_eq!(res.status, 403, "POST {path}");
    }
    let hearing = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    assert_eq!(hearing.status, HearingStatus::Open);
    assert_eq!(
        app.db(|c| db::hearings::list_for_staff(c, None))
            .unwrap()
            .len(),
        1
    );
}

async fn counts_show_testimony_by_status(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[]).await;
    let quiet = create(&app, &[("title", "Quiet hearing"), ("slug", "quiet")]).await;
    for (status, n) in [
        ("received", 3),
        ("in_review", 2),
        ("approved", 4),
        ("excluded", 1),
        ("withdrawn", 1),
    ] {
        for _ in 0..n {
            add_testimony(&app, &id, status);
        }
    }

    let list = app.get("/staff/hearings").await;
    let cells = row_cells(&list, "Hearing in El Paso");
    assert_eq!(cells[cells.len() - 4..], ["3", "2", "4", "1"], "{cells:?}");
    let cells = row_cells(&list, "Quiet hearing");
    assert_eq!(cells[cells.len() - 4..], ["0", "0", "0", "0"], "{cells:?}");

    let page = app.get(&format!("/staff/hearings/{id}")).await;
    for says in ["3 received", "2 in review", "4 approved", "1 withdrawn"] {
        assert!(page.contains(says), "{says}: {}", page.text());
    }
    let page = app.get(&format!("/staff/hearings/{quiet}")).await;
    assert!(page.contains("0 received"));
}

async fn admins_extend_the_theme_vocabulary(app: TestApp) {
    // Organizers and editors may not.
    let organizer = other_visitor(&app, "olga@example.org", Role::Organizer).await;
    let editor = other_visitor(&app, "eddie@example.org", Role::Editor).await;
    for client in [&organizer, &editor] {
        assert_eq!(
            get_with(client, &app.url("/admin/themes")).await.status,
            403
        );
        let token = get_with(client, &app.url("/staff/hearings")).await.csrf();
        let res = crate::helpers::post_with(
            client,
            &app.url("/admin/themes"),
            &[("csrf_token", token.as_str()), ("name", "Sneaky")],
        )
        .await;
        assert_eq!(res.status, 403);
    }

    login_as(&app, "ada@example.org", Role::Admin).await;
    let page = app.get("/admin/themes").await;
    assert_eq!(page.status, 200);
    assert!(page.contains("Asylum access asylum-access Built-in"));
    assert!(page.contains("Data transparency"));

    let added = app
        .submit(
            "/admin/themes",
            "/admin/themes",
            &[("name", "Climate displacement")],
        )
        .await;
    assert_eq!(added.status, 303);
    assert_eq!(added.location(), Some("/admin/themes"));
    let page = app.get("/admin/themes").await;
    assert!(page.contains("The theme “Climate displacement” was added."));
    assert!(page.contains("Climate displacement climate-displacement Added"));

    // Organizers can now choose it.
    let form = get_with(&organizer, &app.url("/staff/hearings/new")).await;
    assert!(form.body.contains(r#"value="climate-displacement""#));
    assert!(form.contains("Climate displacement"));

    // Duplicates, ignoring case, and bad names are refused with what was typed.
    for (name, says) in [
        (
            "climate DISPLACEMENT",
            "already has a theme like this: “Climate displacement”",
        ),
        (
            "Asylum Access",
            "already has a theme like this: “Asylum access”",
        ),
        ("Asylum access!", "already has a theme like this"),
        ("   ", "Enter the name of the theme."),
        ("???", "Use at least one letter a to z or digit"),
    ] {
        let page = app
            .submit("/admin/themes", "/admin/themes", &[("name", name)])
            .await;
        assert_eq!(page.status, 422, "{name}");
        assert!(page.contains(says), "{name}: {}", page.text());
        assert_eq!(page.field_value("name").as_deref(), Some(name));
        assert!(described_by(&page, "name").contains("name-error"));
    }
    let long = "x".repeat(81);
    let page = app
        .submit("/admin/themes", "/admin/themes", &[("name", &long)])
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Use at most 80 characters"));

    let themes = app.db(db::hearings::all_themes).unwrap();
    assert_eq!(themes.iter().filter(|t| !t.builtin).count(), 1);
}
