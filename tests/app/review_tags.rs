//! Tags (from the witness's themes to the editor's), the vocabulary of affected persons
//! and addressees, and excerpts: consent, the redacted text, and invalidation.

use diesel::prelude::*;
use peoples_upr::db::{self, schema};
use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{Page, TestApp};
use crate::routes_table::{Access::Staff, Route, r};
use crate::testimony::{latest_testimony, open_hearing, submit_testimony, take_receipt, typical};

const REVIEWERS: &[Role] = &[Role::Admin, Role::Editor];

/// This file's routes, for the route × role table.
pub const ROUTES: &[Route] = &[
    r("GET", "/staff/testimony/{id}/tags", Staff(REVIEWERS)),
    r("POST", "/staff/testimony/{id}/tags", Staff(REVIEWERS)),
    r("GET", "/staff/testimony/{id}/excerpts", Staff(REVIEWERS)),
    r("POST", "/staff/testimony/{id}/excerpts", Staff(REVIEWERS)),
    r(
        "POST",
        "/staff/testimony/{id}/excerpts/remove",
        Staff(REVIEWERS),
    ),
    r("GET", "/staff/search", Staff(REVIEWERS)),
    r("GET", "/admin/vocabulary", Staff(&[Role::Admin])),
    r("POST", "/admin/vocabulary", Staff(&[Role::Admin])),
];

both_databases!(
    tags_start_from_the_witness_themes_and_saving_changes_them,
    only_admins_extend_the_vocabulary_and_editors_tag_with_it,
    excerpts_need_quotation_consent_and_a_passage_of_the_redacted_text,
    a_withdrawal_shows_every_excerpt_as_withdrawn,
);

/// Save a redacted text as the redaction service does: a new version, and the index.
pub fn redact(app: &TestApp, testimony_id: &str, text_id: &str, body: &str) {
    use schema::redacted_versions as rv;
    app.db(|c| {
        let count: i64 = rv::table
            .filter(rv::testimony_id.eq(testimony_id))
            .filter(rv::text_id.eq(text_id))
            .count()
            .get_result(c)
            .unwrap();
        diesel::insert_into(rv::table)
            .values((
                rv::id.eq(db::new_id()),
                rv::testimony_id.eq(testimony_id),
                rv::text_id.eq(text_id),
                rv::version.eq(count as i32 + 1),
                rv::body.eq(body),
                rv::changes.eq(""),
                rv::created_at.eq(db::now()),
            ))
            .execute(c)
            .unwrap();
        db::search::put(c, testimony_id, text_id, text_id != "original", body).unwrap();
    });
}

/// Submit a testimony to `slug` (the hearing must be open); returns its id and receipt.
pub async fn testimony_with(
    app: &TestApp,
    slug: &str,
    fields: &[(&str, String)],
) -> (String, String) {
    let witness = app.other_client();
    let res = submit_testimony(&witness, app, slug, fields, vec![]).await;
    let code = take_receipt(&witness, app, &res).await;
    (latest_testimony(app).id.as_str().to_string(), code)
}

/// As the witness with the receipt `code`: open the testimony and post one of its forms.
pub async fn as_witness(app: &TestApp, code: &str, action: &str, fields: &[(&str, &str)]) -> Page {
    let witness = app.other_client();
    crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", code)]).await;
    crate::helpers::submit_with(&witness, &app.base, "/my-testimony", action, fields).await
}

async fn editor(app: &TestApp) {
    app.create_user("editor@example.org", Role::Editor);
    app.login("editor@example.org").await;
}

async fn tags_start_from_the_witness_themes_and_saving_changes_them(app: TestApp) {
    open_hearing(&app, "tags");
    let (id, _) = testimony_with(&app, "tags", &typical()).await;
    editor(&app).await;
    let path = format!("/staff/testimony/{id}/tags");
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("the themes the witness chose are checked"));
    assert!(page.is_checked("themes", "immigration-detention"));
    assert!(page.is_checked("themes", "children"));
    assert!(!page.is_checked("themes", "asylum-access"));
    assert!(!page.is_checked("affected", "women"));
    assert!(page.contains("Department of Homeland Security"));

    let unknown = app
        .submit(
            &path,
            &path,
            &[("themes", "children"), ("addressees", "no-such-agency")],
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert!(
        unknown.contains("An addressee is not in the list"),
        "{}",
        unknown.text()
    );
    assert!(!latest_testimony(&app).tags_seeded, "nothing was saved");

    let saved = app
        .submit(
            &path,
            &path,
            &[
                ("themes", "children"),
                ("themes", "asylum-access"),
                ("affected", "women"),
                ("affected", "children"),
                ("addressees", "ice"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let page = app.get(&path).await;
    assert!(page.contains("The tags were saved"));
    assert!(!page.contains("the themes the witness chose are checked"));
    assert!(page.is_checked("themes", "asylum-access"));
    assert!(page.is_checked("themes", "children"));
    assert!(!page.is_checked("themes", "immigration-detention"));
    assert!(page.is_checked("affected", "women") && page.is_checked("affected", "children"));
    assert!(page.is_checked("addressees", "ice"));
    assert!(latest_testimony(&app).tags_seeded);

    let trail = app.db(|c| {
        db::audit::list(
            c,
            &db::audit::Filter {
                action: Some("tags.changed".into()),
                record_id: Some(id.clone()),
                ..Default::default()
            },
            10,
        )
        .unwrap()
    });
    assert_eq!(trail.len(), 1);
    assert!(
        trail[0]
            .detail
            .starts_with("themes +1 -1, affected +2 -0, addressees +1 -0"),
        "{}",
        trail[0].detail
    );
    assert!(trail[0].detail.contains("+addressee:ice"));

    // Once saved, the witness's themes no longer decide: unticking everything sticks.
    let cleared = app.submit(&path, &path, &[]).await;
    assert_eq!(cleared.status, 303);
    let page = app.get(&path).await;
    assert!(!page.is_checked("themes", "children") && !page.is_checked("affected", "women"));
}

async fn only_admins_extend_the_vocabulary_and_editors_tag_with_it(app: TestApp) {
    open_hearing(&app, "vocab");
    let (id, _) = testimony_with(&app, "vocab", &typical()).await;
    for (email, role) in [
        ("ed@example.org", Role::Editor),
        ("org@example.org", Role::Organizer),
    ] {
        let client = app.other_client();
        app.create_user(email, role);
        app.login_with(&client, email).await;
        let page = crate::helpers::get_with(&client, &app.url("/admin/vocabulary")).await;
        assert_eq!(page.status, 403, "{role:?}");
    }

    app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
    let dashboard = app.get("/staff").await;
    assert!(dashboard.body.contains("href=\"/admin/vocabulary\""));
    let list = app.get("/admin/vocabulary").await;
    assert_eq!(list.status, 200);
    assert!(list.contains("Immigration and Customs Enforcement"));
    assert!(list.contains("survivors of torture"));

    let added = app
        .submit(
            "/admin/vocabulary",
            "/admin/vocabulary",
            &[("kind", "addressee"), ("name", "Bureau of Prisons")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.text());
    assert!(
        app.get("/admin/vocabulary")
            .await
            .contains("Bureau of Prisons")
    );
    let again = app
        .submit(
            "/admin/vocabulary",
            "/admin/vocabulary",
            &[("kind", "addressee"), ("name", "bureau of prisons")],
        )
        .await;
    assert_eq!(again.status, 422);
    assert!(again.contains("already in the list"));
    assert_eq!(
        again.field_value("name").as_deref(),
        Some("bureau of prisons")
    );
    let empty = app
        .submit(
            "/admin/vocabulary",
            "/admin/vocabulary",
            &[("kind", "addressee")],
        )
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.contains("Enter the name to add."));

    let trail = app.db(|c| {
        db::audit::list(
            c,
            &db::audit::Filter {
                action: Some("vocabulary.added".into()),
                ..Default::default()
            },
            10,
        )
        .unwrap()
    });
    assert_eq!(trail.len(), 1);

    // An admin reviews too: the new addressee is offered on the tags page.
    let tags = app.get(&format!("/staff/testimony/{id}/tags")).await;
    assert_eq!(tags.status, 200);
    assert!(tags.contains("Bureau of Prisons"));
    assert!(tags.is_checked("themes", "children"));
}

fn without_quote() -> Vec<(&'static str, String)> {
    let mut fields = typical();
    fields.retain(|(k, v)| !(*k == "consent" && v == "quote"));
    fields
}

fn latest_consent_record(app: &TestApp, id: &str) -> String {
    app.db(|c| db::testimony::consent_history(c, id))
        .unwrap()
        .into_iter()
        .max_by_key(|r| r.seq)
        .unwrap()
        .id
}

const REDACTED: &str = "They kept us in a cold room for nine days.\n\nMy son was sick and saw no doctor in [place withheld].";

async fn excerpts_need_quotation_consent_and_a_passage_of_the_redacted_text(app: TestApp) {
    open_hearing(&app, "quotes");
    let (unquotable, _) = testimony_with(&app, "quotes", &without_quote()).await;
    let (id, code) = testimony_with(&app, "quotes", &typical()).await;
    redact(&app, &unquotable, "original", REDACTED);
    editor(&app).await;

    let path = format!("/staff/testimony/{unquotable}/excerpts");
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("does not allow quoting"));
    let refused = app
        .submit(
            &path,
            &path,
            &[("text_id", "original"), ("passage", "a cold room")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.contains("current consent does not allow quoting"));

    let path = format!("/staff/testimony/{id}/excerpts");
    let before = app
        .submit(
            &path,
            &path,
            &[("text_id", "original"), ("passage", "a cold room")],
        )
        .await;
    assert_eq!(before.status, 422, "no redacted text yet");
    redact(&app, &id, "original", "An older redaction.");
    redact(&app, &id, "original", REDACTED);
    let page = app.get(&path).await;
    assert!(
        page.contains("[place withheld]"),
        "the current redacted text is shown"
    );
    assert!(!page.contains("An older redaction."));
    assert!(page.contains("did not agree to be named"));

    let absent = app
        .submit(
            &path,
            &path,
            &[("text_id", "original"), ("passage", "El Paso")],
        )
        .await;
    assert_eq!(absent.status, 422);
    assert!(absent.contains("passage is not in the redacted text; copy it from the text above"));
    assert_eq!(absent.field_value("passage").as_deref(), Some("El Paso"));
    let older = app
        .submit(
            &path,
            &path,
            &[("text_id", "original"), ("passage", "An older redaction.")],
        )
        .await;
    assert_eq!(older.status, 422, "only the current version counts");
    let named = app
        .submit(
            &path,
            &path,
            &[
                ("text_id", "original"),
                ("passage", "a cold room"),
                ("attributed", "1"),
            ],
        )
        .await;
    assert_eq!(named.status, 422);
    assert!(named.contains("does not allow naming them"));

    let created = app
        .submit(
            &path,
            &path,
            &[
                ("text_id", "original"),
                ("passage", " My son was sick and saw no doctor "),
                ("theme_id", "children"),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.text());
    let excerpts = app.db(|c| db::excerpts::of_testimony(c, &id)).unwrap();
    assert_eq!(excerpts.len(), 1);
    let e = &excerpts[0];
    assert_eq!(e.body, "My son was sick and saw no doctor");
    assert_eq!(
        &REDACTED[e.span_start as usize..e.span_end as usize],
        "My son was sick and saw no doctor"
    );
    assert_eq!(
        e.consent_record_id.as_deref(),
        Some(latest_consent_record(&app, &id).as_str())
    );
    assert_eq!(e.theme_id.as_deref(), Some("children"));
    assert!(!e.translated && !e.attributed && e.is_valid());
    let page = app.get(&path).await;
    assert!(page.contains("The excerpt was selected."));
    assert!(
        page.text_of("blockquote")
            .contains("My son was sick and saw no doctor")
    );
    assert!(!page.contains("no longer usable"));

    // The witness takes back quotation: the excerpt is invalidated at once.
    let changed = as_witness(
        &app,
        &code,
        "/my-testimony/consent",
        &[("consent", "publish"), ("consent", "contact")],
    )
    .await;
    assert_eq!(changed.status, 303);
    let page = app.get(&path).await;
    assert!(
        page.contains("no longer usable: consent changed"),
        "{}",
        page.text()
    );
    assert!(page.contains("does not allow quoting"));

    // An excerpt can be removed.
    let eid = excerpts[0].id.clone();
    let removed = app
        .submit(&path, &format!("{path}/remove"), &[("excerpt_id", &eid)])
        .await;
    assert_eq!(removed.status, 303);
    assert!(
        app.db(|c| db::excerpts::of_testimony(c, &id))
            .unwrap()
            .is_empty()
    );
    let actions: Vec<String> = app.db(|c| {
        db::audit::list(
            c,
            &db::audit::Filter {
                record_id: Some(id.clone()),
                ..Default::default()
            },
            50,
        )
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect()
    });
    for action in ["excerpt.created", "excerpt.invalidated", "excerpt.removed"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

async fn a_withdrawal_shows_every_excerpt_as_withdrawn(app: TestApp) {
    open_hearing(&app, "gone");
    let (id, code) = testimony_with(&app, "gone", &typical()).await;
    redact(&app, &id, "original", REDACTED);
    editor(&app).await;
    let path = format!("/staff/testimony/{id}/excerpts");
    let created = app
        .submit(
            &path,
            &path,
            &[("text_id", "original"), ("passage", "a cold room")],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.text());

    let withdrawn = as_witness(&app, &code, "/my-testimony/withdraw", &[("confirm", "1")]).await;
    assert_eq!(withdrawn.status, 303);
    let page = app.get(&path).await;
    assert!(
        page.contains("no longer usable: withdrawn by the witness"),
        "{}",
        page.text()
    );
    assert!(page.contains("nothing of it can be quoted"));
    let refused = app
        .submit(
            &path,
            &path,
            &[("text_id", "original"), ("passage", "a cold room")],
        )
        .await;
    assert_eq!(refused.status, 422);

    let tags = app.get(&format!("/staff/testimony/{id}/tags")).await;
    assert!(tags.contains("its tags can no longer change"));
    let refused = app
        .post(
            &format!("/staff/testimony/{id}/tags"),
            &[("csrf_token", &page.csrf()), ("themes", "children")],
        )
        .await;
    assert_eq!(refused.status, 422);
}
