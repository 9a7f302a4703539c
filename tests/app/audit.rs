//! The audit trail: account actions write it, a witness's consent change leaves no trace of
//! who they are or what they said, and an edited, deleted or cut-off history is found by
//! the service, the admin page and the `verify-audit` command. Role changes, with their
//! refusals.

use diesel::prelude::*;
use peoples_upr::db::{self, audit::AuditRow, schema::audit_log};
use peoples_upr::domain::account::Role;
use peoples_upr::domain::audit::{Action, Actor};
use peoples_upr::service::{accounts, audit};

use crate::both_databases;
use crate::helpers::{Page, TestApp};

both_databases!(
    account_actions_write_the_trail,
    role_changes_refuse_your_own_and_the_last_admin_and_end_sessions,
    a_consent_change_names_no_one,
    tampering_is_detected_by_the_service_the_page_and_the_command,
    only_administrators_read_the_trail_and_bad_filters_are_explained,
);

/// The whole trail, oldest first.
fn trail(app: &TestApp) -> Vec<AuditRow> {
    app.db(|c| db::audit::batch_after(c, 0, 100_000)).unwrap()
}

/// The entries with this action by this staff member about this record.
fn by(rows: &[AuditRow], action: Action, actor: &str, record: &str) -> Vec<AuditRow> {
    rows.iter()
        .filter(|r| {
            r.action == action.code()
                && r.actor_kind == "staff"
                && r.actor_id.as_deref() == Some(actor)
                && r.record_id == record
        })
        .cloned()
        .collect()
}

/// Post a form from the accounts page (with its token).
async fn from_users_page(app: &TestApp, action: &str, fields: &[(&str, &str)]) -> Page {
    app.submit("/admin/users", action, fields).await
}

async fn account_actions_write_the_trail(app: TestApp) {
    let admin = app.create_user("admin@example.org", Role::Admin);
    app.grant(&admin);
    let editor = app.create_user("ed@example.org", Role::Editor);
    app.login("admin@example.org").await;
    let rows = trail(&app);
    let login = by(&rows, Action::Login, &admin, &admin);
    assert_eq!(login.len(), 1, "{rows:?}");
    assert_eq!(login[0].detail, "with access to originals");

    let grant = from_users_page(&app, &format!("/admin/users/{editor}/originals/grant"), &[]).await;
    assert_eq!(grant.status, 303);
    let revoke = from_users_page(
        &app,
        &format!("/admin/users/{editor}/originals/revoke"),
        &[],
    )
    .await;
    assert_eq!(revoke.status, 303);
    let role = from_users_page(
        &app,
        &format!("/admin/users/{editor}/role"),
        &[("role", "organizer")],
    )
    .await;
    assert_eq!(role.status, 303, "{}", role.text());
    let disable = from_users_page(&app, &format!("/admin/users/{editor}/disable"), &[]).await;
    assert_eq!(disable.status, 303);
    let invite = from_users_page(
        &app,
        "/admin/invites",
        &[("email", "new@example.org"), ("role", "editor")],
    )
    .await;
    assert_eq!(invite.status, 303);

    let rows = trail(&app);
    assert_eq!(by(&rows, Action::GrantGiven, &admin, &editor).len(), 1);
    assert_eq!(by(&rows, Action::GrantRevoked, &admin, &editor).len(), 1);
    let changed = by(&rows, Action::RoleChanged, &admin, &editor);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].detail, "editor → organizer");
    assert_eq!(by(&rows, Action::UserDisabled, &admin, &editor).len(), 1);
    let invited: Vec<_> = rows
        .iter()
        .filter(|r| r.action == Action::UserInvited.code())
        .collect();
    assert_eq!(invited.len(), 1);
    assert_eq!(invited[0].detail, "role editor");
    assert!(
        rows.iter().all(|r| !r.detail.contains("@example.org")),
        "no email address in the trail: {rows:?}"
    );

    // A login without the grant says so by saying nothing; logging out is recorded too.
    let other = app.other_client();
    let ed2 = app.create_user("ed2@example.org", Role::Editor);
    app.login_with(&other, "ed2@example.org").await;
    let out = crate::helpers::submit_with(&other, &app.base, "/staff", "/logout", &[]).await;
    assert_eq!(out.status, 303);
    let rows = trail(&app);
    assert_eq!(by(&rows, Action::Login, &ed2, &ed2)[0].detail, "");
    assert_eq!(by(&rows, Action::Logout, &ed2, &ed2).len(), 1);
    // A failed login records nothing.
    let before = rows.len();
    let failed = crate::helpers::submit_with(
        &app.other_client(),
        &app.base,
        "/login",
        "/login",
        &[
            ("email", "ed2@example.org"),
            ("password", "not the password"),
        ],
    )
    .await;
    assert_eq!(failed.status, 422);
    assert_eq!(trail(&app).len(), before);
    let v = app.db(audit::verify).unwrap();
    assert!(v.is_intact(), "{v:?}");
    assert_eq!(v.entries, before as i64);
}

async fn role_changes_refuse_your_own_and_the_last_admin_and_end_sessions(app: TestApp) {
    let admin = app.create_user("admin@example.org", Role::Admin);
    let editor = app.create_user("ed@example.org", Role::Editor);
    app.login("admin@example.org").await;
    let ed_client = app.other_client();
    app.login_with(&ed_client, "ed@example.org").await;
    assert_eq!(
        crate::helpers::get_with(&ed_client, &app.url("/staff"))
            .await
            .status,
        200
    );

    let own = from_users_page(
        &app,
        &format!("/admin/users/{admin}/role"),
        &[("role", "editor")],
    )
    .await;
    assert_eq!(own.status, 422);
    assert!(
        own.contains("You cannot change your own role."),
        "{}",
        own.text()
    );
    let missing = from_users_page(&app, &format!("/admin/users/{editor}/role"), &[]).await;
    assert_eq!(missing.status, 422);
    assert!(missing.contains("Choose a role to change to"));

    // The only active administrator cannot be made anything else.
    let last = app
        .db(|c| accounts::change_role(c, &Actor::System, &admin, Role::Editor))
        .unwrap();
    assert!(matches!(last, Err(accounts::RoleRefusal::LastAdmin)));
    assert_eq!(
        app.db(|c| db::users::find(c, &admin))
            .unwrap()
            .unwrap()
            .role(),
        Role::Admin
    );

    let page = app.get("/admin/users").await;
    assert!(
        page.body
            .contains(&format!("action=\"/admin/users/{editor}/role\""))
    );
    assert!(
        !page
            .body
            .contains(&format!("action=\"/admin/users/{admin}/role\"")),
        "no form to change your own role"
    );
    let done = from_users_page(
        &app,
        &format!("/admin/users/{editor}/role"),
        &[("role", "admin")],
    )
    .await;
    assert_eq!(done.status, 303);
    let after = app.get("/admin/users").await;
    assert!(after.contains("ed@example.org is now Administrator (was Editor)"));
    // The changed person is logged out, so the new role applies at their next login.
    let ed_page = crate::helpers::get_with(&ed_client, &app.url("/staff")).await;
    assert_eq!(ed_page.status, 303);
    assert!(ed_page.location().unwrap_or_default().starts_with("/login"));
    // Two administrators now: one may be made an editor by the other.
    let back = app
        .db(|c| {
            accounts::change_role(
                c,
                &Actor::Staff(admin.as_str().into()),
                &editor,
                Role::Editor,
            )
        })
        .unwrap();
    assert!(back.is_ok());
    let rows = trail(&app);
    let changes: Vec<_> = by(&rows, Action::RoleChanged, &admin, &editor)
        .into_iter()
        .map(|r| r.detail)
        .collect();
    assert_eq!(changes, ["editor → admin", "admin → editor"]);
}

async fn a_consent_change_names_no_one(app: TestApp) {
    crate::testimony::open_hearing(&app, "consent-trail");
    let fields = crate::testimony::typical();
    let res =
        crate::testimony::submit_testimony(&app.client, &app, "consent-trail", &fields, vec![])
            .await;
    let code = crate::testimony::take_receipt(&app.client, &app, &res).await;
    let t = crate::testimony::latest_testimony(&app);
    let witness = app.other_client();
    crate::helpers::submit_with(&witness, &app.base, "/check", "/check", &[("code", &code)]).await;
    let changed = crate::helpers::submit_with(
        &witness,
        &app.base,
        "/my-testimony",
        "/my-testimony/consent",
        &[("consent", "publish")],
    )
    .await;
    assert_eq!(changed.status, 303);
    let rows: Vec<_> = trail(&app)
        .into_iter()
        .filter(|r| r.action == Action::ConsentChanged.code() && r.record_id == t.id.as_str())
        .collect();
    assert_eq!(rows.len(), 1, "one consent change");
    let detail = rows[0].detail.to_lowercase();
    assert_eq!(rows[0].actor_kind, "witness");
    assert!(rows[0].actor_id.is_none());
    let body = &fields.iter().find(|(k, _)| *k == "body").unwrap().1;
    let mut secrets: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect();
    secrets.extend(["rosa", "martínez", "rosa@example.org", "555"].map(String::from));
    for s in &secrets {
        assert!(!detail.contains(s.as_str()), "{s:?} in {detail:?}");
    }
    assert!(detail.contains("publish"), "it says what is allowed now");
}

/// Run `peoples-upr verify-audit` against the test's database: (succeeded, output).
fn verify_command(app: &TestApp) -> (Option<i32>, String) {
    app.command(&["verify-audit"])
}

async fn tampering_is_detected_by_the_service_the_page_and_the_command(app: TestApp) {
    let admin = app.create_user("admin@example.org", Role::Admin);
    for n in 0..4 {
        let id = app.create_user(&format!("p{n}@example.org"), Role::Editor);
        app.db(|c| accounts::set_disabled(c, &Actor::Staff(admin.as_str().into()), &id, true))
            .unwrap();
    }
    app.login("admin@example.org").await;
    let rows = trail(&app);
    assert_eq!(rows.len(), 5);
    let v = app.db(audit::verify).unwrap();
    assert_eq!((v.entries, v.problem.clone()), (5, None));
    assert!(
        app.get("/admin/audit")
            .await
            .contains("Intact: 5 entries checked")
    );
    let (code, out) = verify_command(&app);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("5 entries checked") && out.contains("intact"),
        "{out}"
    );

    // An edited detail.
    let set_detail = |seq: i64, detail: &str| {
        app.db(|c| {
            diesel::update(audit_log::table.find(seq))
                .set(audit_log::detail.eq(detail))
                .execute(c)
        })
        .unwrap()
    };
    set_detail(2, "nothing happened");
    assert_eq!(
        app.db(audit::verify).unwrap().problem,
        Some(audit::Break::Edited { seq: 2 })
    );
    let page = app.get("/admin/audit").await;
    assert_eq!(page.status, 200);
    assert!(
        page.contains("entry 2 was changed after it was written")
            && page.contains("Restore the database from a backup"),
        "{}",
        page.text()
    );
    let (code, out) = verify_command(&app);
    assert_eq!(code, Some(1), "exit {code:?}: {out}");
    assert!(
        out.contains("entry 2 was changed after it was written"),
        "{out}"
    );
    set_detail(2, &rows[1].detail);
    assert!(app.db(audit::verify).unwrap().is_intact());

    // A deleted middle entry.
    let delete = |seq: i64| {
        app.db(|c| diesel::delete(audit_log::table.find(seq)).execute(c))
            .unwrap()
    };
    let restore = |row: &AuditRow| {
        app.db(|c| diesel::insert_into(audit_log::table).values(row).execute(c))
            .unwrap()
    };
    delete(3);
    assert_eq!(
        app.db(audit::verify).unwrap().problem,
        Some(audit::Break::Gap { after: 2, found: 4 })
    );
    assert!(
        app.get("/admin/audit")
            .await
            .contains("entries between 2 and 4 are missing")
    );
    let (code, out) = verify_command(&app);
    assert_eq!(code, Some(1), "exit {code:?}: {out}");
    assert!(out.contains("entries between 2 and 4 are missing"), "{out}");
    restore(&rows[2]);
    assert!(app.db(audit::verify).unwrap().is_intact());

    // The last entry deleted: only the head kept apart from the log tells.
    delete(5);
    assert_eq!(
        app.db(audit::verify).unwrap().problem,
        Some(audit::Break::Head {
            head_seq: 5,
            last_seq: 4
        })
    );
    assert!(
        app.get("/admin/audit")
            .await
            .contains("the log ends at entry 4")
    );
    let (code, out) = verify_command(&app);
    assert_eq!(code, Some(1), "exit {code:?}: {out}");
}

async fn only_administrators_read_the_trail_and_bad_filters_are_explained(app: TestApp) {
    for (email, role) in [
        ("ed@example.org", Role::Editor),
        ("org@example.org", Role::Organizer),
    ] {
        app.create_user(email, role);
        let client = app.other_client();
        app.login_with(&client, email).await;
        let page = crate::helpers::get_with(&client, &app.url("/admin/audit")).await;
        assert_eq!(page.status, 403, "{email}");
        let home = crate::helpers::get_with(&client, &app.url("/staff")).await;
        assert!(!home.body.contains("href=\"/admin/audit\""));
    }
    let admin = app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
    assert!(
        app.get("/staff")
            .await
            .body
            .contains("href=\"/admin/audit\"")
    );

    for (query, message) in [
        ("from=yesterday", "Enter the first date as year-month-day"),
        ("action=nope", "Choose an action from the list."),
        ("actor=someone", "Choose a staff member from the list."),
        ("kind=planet", "Choose a kind of record from the list."),
        ("record=%3Cscript%3E", "A record id has only letters"),
        ("before=abc", "That page of older entries does not exist."),
        (
            "from=2026-02-01&until=2026-01-01",
            "The last date must be on or after the first date.",
        ),
    ] {
        let page = app.get(&format!("/admin/audit?{query}")).await;
        assert_eq!(page.status, 422, "{query}");
        assert!(page.contains(message), "{query}: {}", page.text());
    }

    // A long trail: a hundred to a page, then older entries.
    app.db(|c| {
        for n in 0..120 {
            audit::record(
                c,
                &Actor::System,
                Action::VocabularyAdded,
                peoples_upr::domain::audit::RecordKind::Vocabulary,
                &format!("term-{n}"),
                "",
            )
            .unwrap();
        }
    });
    let first = app.get("/admin/audit?action=vocabulary.added").await;
    assert_eq!(first.status, 200);
    assert!(first.contains("term-119") && !first.contains("term-19 "));
    let doc = scraper::Html::parse_document(&first.body);
    let rows = doc
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .count();
    assert_eq!(rows, 100);
    let older = doc
        .select(&scraper::Selector::parse("a").unwrap())
        .find(|a| a.text().collect::<String>() == "Older entries")
        .and_then(|a| a.value().attr("href"))
        .expect("a link to older entries")
        .to_string();
    let second = app.get(&older).await;
    assert_eq!(second.status, 200);
    let doc = scraper::Html::parse_document(&second.body);
    let rows = doc
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .count();
    assert_eq!(rows, 20);
    let table = second.text_of("tbody");
    assert!(
        table.contains("Added to a vocabulary") && !table.contains("Signed in"),
        "the filter is kept on older pages: {table}"
    );

    // The admin's own login, by actor.
    let mine = app
        .get(&format!("/admin/audit?actor={admin}&action=login"))
        .await;
    assert_eq!(mine.status, 200);
    assert!(mine.contains("Signed in") && mine.contains("Test Person"));
}
