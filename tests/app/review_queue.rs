//! The review queue: filters, keyset pagination, assignment, the dashboard's counts, no
//! testimony text for an ungranted editor, and query plans over 50,000 testimonies.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use peoples_upr::db::queue::{PageAt, QueueFilter, StatusFilter};
use peoples_upr::db::{self, DbConn, schema};
use peoples_upr::domain::account::Role;
use peoples_upr::domain::testimony::ReviewStatus;

use crate::both_databases;
use crate::helpers::{Page, TestApp};
use crate::routes_table::{Access::*, Route, r};

/// The rows of the route table for this area.
pub const ROUTES: &[Route] = &[
    r("GET", "/staff/review", Staff(&[Role::Admin, Role::Editor])),
    r(
        "POST",
        "/staff/testimony/{id}/assign",
        Staff(&[Role::Admin, Role::Editor]),
    ),
];

both_databases!(
    filters_narrow_the_queue,
    pages_visit_every_testimony_once,
    assigning_to_me_fills_my_queue_and_the_trail,
    the_dashboard_counts_what_waits_per_hearing,
    an_ungranted_editor_sees_no_testimony_text,
    fifty_thousand_testimonies_page_by_index,
);

/// A testimony row written straight to the database (metadata only).
#[derive(Insertable, Clone)]
#[diesel(table_name = schema::testimonies)]
pub(crate) struct Seed {
    id: String,
    hearing_id: String,
    receipt_hash: String,
    status: String,
    language: String,
    witness_role: String,
    place_state: String,
    place_city: String,
    period_from: String,
    period_to: Option<String>,
    intake: String,
    submitted_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    withdrawn_at: Option<NaiveDateTime>,
    erased_at: Option<NaiveDateTime>,
    assigned_to: Option<String>,
    unread_reply: bool,
    tags_seeded: bool,
}

pub(crate) fn id_of(n: usize) -> String {
    format!("{n:08x}-0000-4000-8000-{n:012x}")
}

pub(crate) fn seed(n: usize, hearing_id: &str) -> Seed {
    let at = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        + chrono::Duration::seconds(n as i64 * 37);
    Seed {
        id: id_of(n),
        hearing_id: hearing_id.into(),
        receipt_hash: format!("receipt-{n}"),
        status: "received".into(),
        language: "en".into(),
        witness_role: "directly-affected".into(),
        place_state: "Texas".into(),
        place_city: String::new(),
        period_from: "2025-01".into(),
        period_to: None,
        intake: "online".into(),
        submitted_at: at,
        updated_at: at,
        withdrawn_at: None,
        erased_at: None,
        assigned_to: None,
        unread_reply: false,
        tags_seeded: false,
    }
}

pub(crate) fn insert(conn: &mut DbConn, rows: &[Seed]) {
    for chunk in rows.chunks(1000) {
        // Multi-row INSERTs are written per backend.
        let rows = chunk.to_vec();
        let insert = diesel::insert_into(schema::testimonies::table).values(rows);
        match conn {
            DbConn::Sqlite(c) => insert.execute(c).unwrap(),
            DbConn::Pg(c) => insert.execute(c).unwrap(),
        };
    }
}

fn witness_theme(app: &TestApp, testimony: &str, theme: &str) {
    app.db(|c| {
        diesel::insert_into(schema::testimony_themes::table)
            .values((
                schema::testimony_themes::testimony_id.eq(testimony),
                schema::testimony_themes::theme_id.eq(theme),
            ))
            .execute(c)
            .unwrap()
    });
}

fn editor_tag(app: &TestApp, testimony: &str, theme: &str) {
    app.db(|c| {
        diesel::insert_into(schema::testimony_tags::table)
            .values((
                schema::testimony_tags::testimony_id.eq(testimony),
                schema::testimony_tags::kind.eq("theme"),
                schema::testimony_tags::tag_id.eq(theme),
                schema::testimony_tags::added_at.eq(db::now()),
            ))
            .execute(c)
            .unwrap()
    });
}

/// The testimony ids a queue page lists, in order.
fn listed(page: &Page) -> Vec<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("table.queue tbody th a").unwrap();
    doc.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.trim_start_matches("/staff/testimony/").to_string())
        .collect()
}

/// A link of the pager by its words.
fn pager_link(page: &Page, words: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("nav.pager a").unwrap();
    doc.select(&sel)
        .find(|a| a.text().collect::<String>().trim() == words)
        .and_then(|a| a.value().attr("href"))
        .map(str::to_string)
}

async fn editor(app: &TestApp, email: &str) -> String {
    let id = app.create_user(email, Role::Editor);
    app.login(email).await;
    id
}

async fn filters_narrow_the_queue(app: TestApp) {
    let h1 = crate::testimony::open_hearing(&app, "queue-one");
    let h2 = crate::testimony::open_hearing(&app, "queue-two");
    let me = editor(&app, "editor@example.org").await;
    let mut a = seed(1, &h1);
    a.period_from = "2024-01".into();
    a.period_to = Some("2024-03".into());
    let mut b = seed(2, &h1);
    b.status = "in_review".into();
    b.language = "es".into();
    b.witness_role = "family-member".into();
    b.place_state = "California".into();
    b.intake = "assisted".into();
    b.period_from = "2025-05".into();
    b.assigned_to = Some(me.clone());
    let mut c = seed(3, &h2);
    c.status = "needs_follow_up".into();
    c.witness_role = "attorney".into();
    c.unread_reply = true;
    c.tags_seeded = true;
    c.period_from = "2023-01".into();
    c.period_to = Some("2025-12".into());
    let mut d = seed(4, &h2);
    d.withdrawn_at = Some(db::now());
    let mut e = seed(5, &h2);
    e.withdrawn_at = Some(db::now());
    e.erased_at = Some(db::now());
    e.period_from = String::new();
    app.db(|conn| insert(conn, &[a, b, c, d, e]));
    witness_theme(&app, &id_of(1), "children");
    witness_theme(&app, &id_of(2), "asylum-access");
    witness_theme(&app, &id_of(3), "asylum-access");
    editor_tag(&app, &id_of(3), "children");

    let cases: Vec<(String, Vec<usize>)> = vec![
        ("".into(), vec![1, 2, 3, 4]),
        ("status=received".into(), vec![1]),
        ("status=in_review".into(), vec![2]),
        ("status=withdrawn".into(), vec![4, 5]),
        ("theme=children".into(), vec![1, 3]),
        ("theme=asylum-access".into(), vec![2]),
        ("role=attorney".into(), vec![3]),
        ("language=es".into(), vec![2]),
        ("state=California".into(), vec![2]),
        ("intake=assisted".into(), vec![2]),
        ("assignee=me".into(), vec![2]),
        (format!("assignee={me}"), vec![2]),
        ("assignee=nobody".into(), vec![1, 3, 4]),
        ("unread=1".into(), vec![3]),
        (format!("hearing={h2}"), vec![3, 4]),
        (format!("hearing={h1}&status=received"), vec![1]),
        ("period_from=2025-04&period_to=2025-06".into(), vec![2, 3]),
        ("period_to=2024-02".into(), vec![1, 3]),
        ("sort=newest".into(), vec![4, 3, 2, 1]),
    ];
    for (query, expected) in cases {
        let page = app.get(&format!("/staff/review?{query}")).await;
        assert_eq!(page.status, 200, "{query}: {}", page.text());
        let want: Vec<String> = expected.iter().map(|n| id_of(*n)).collect();
        assert_eq!(listed(&page), want, "filter {query}");
        let count = page.text_of("#queue-count");
        assert!(
            count.starts_with(&format!("{} testimon", expected.len())),
            "{query}: {count}"
        );
    }
    let unread = app.get("/staff/review").await;
    assert!(unread.text().contains("unread reply"));

    for bad in [
        "status=lost",
        "theme=nothing-like-it",
        "period_from=yesterday",
        "assignee=someone",
        "after=garbage",
        "hearing=nope",
    ] {
        let page = app.get(&format!("/staff/review?{bad}")).await;
        assert_eq!(page.status, 422, "{bad}: {}", page.text());
        assert!(page.body.contains("error-summary"), "{bad}");
    }
    let page = app.get("/staff/review?status=lost").await;
    assert!(page.text().contains("Choose a status from the list."));
}

async fn pages_visit_every_testimony_once(app: TestApp) {
    let h = crate::testimony::open_hearing(&app, "queue-pages");
    editor(&app, "pager@example.org").await;
    let rows: Vec<Seed> = (1..=120).map(|n| seed(n, &h)).collect();
    app.db(|c| insert(c, &rows));
    let all: Vec<String> = (1..=120).map(id_of).collect();

    let mut seen = Vec::new();
    let mut page = app.get("/staff/review").await;
    assert_eq!(page.status, 200);
    assert!(pager_link(&page, "Previous page").is_none());
    let mut pages = 1;
    loop {
        let ids = listed(&page);
        assert!(ids.len() <= 50);
        seen.extend(ids);
        match pager_link(&page, "Next page") {
            Some(next) => {
                page = app.get(&next.replace("&amp;", "&")).await;
                assert_eq!(page.status, 200);
                pages += 1;
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, all, "each testimony once, oldest first");
    assert!(page.text_of("#queue-count").starts_with("120 testimonies"));

    // Back from the last page by "Previous" gives the page before it.
    let previous = pager_link(&page, "Previous page").expect("a previous page");
    let back = app.get(&previous).await;
    assert_eq!(listed(&back), all[50..100].to_vec());

    // The last page is the newest fifty, in queue order.
    let first = app.get("/staff/review?hearing=".to_string().as_str()).await;
    let last_link = pager_link(&first, "Last page").expect("a last page link");
    let last = app.get(&last_link).await;
    assert_eq!(listed(&last), all[70..].to_vec());
    assert!(pager_link(&last, "Next page").is_none());
    assert!(pager_link(&last, "Previous page").is_some());

    // Newest first, with a filter kept across pages.
    let mut seen = Vec::new();
    let mut page = app
        .get(&format!("/staff/review?sort=newest&hearing={h}"))
        .await;
    loop {
        seen.extend(listed(&page));
        match pager_link(&page, "Next page") {
            Some(next) => {
                assert!(next.contains("sort=newest") && next.contains("hearing="));
                page = app.get(&next).await;
            }
            None => break,
        }
    }
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(seen, reversed);
}

async fn assigning_to_me_fills_my_queue_and_the_trail(app: TestApp) {
    let h = crate::testimony::open_hearing(&app, "queue-assign");
    let me = editor(&app, "mine@example.org").await;
    let organizer = app.create_user("organizer@example.org", Role::Organizer);
    app.db(|c| insert(c, &[seed(1, &h), seed(2, &h)]));
    let target = id_of(2);

    let mine = app.get("/staff/review?assignee=me").await;
    assert!(listed(&mine).is_empty());
    assert!(mine.text().contains("My queue"));

    let res = app
        .submit(
            "/staff/review",
            &format!("/staff/testimony/{target}/assign"),
            &[("assignee", "me"), ("next", "/staff/review?assignee=me")],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/staff/review?assignee=me"));
    let mine = app.get("/staff/review?assignee=me").await;
    assert_eq!(listed(&mine), vec![target.clone()]);
    assert!(mine.text().contains("The testimony is assigned."));
    assert!(mine.text().contains("Test Person"), "the assignee's name");
    let entries: i64 = app.db(|c| {
        schema::audit_log::table
            .filter(schema::audit_log::action.eq("assigned"))
            .filter(schema::audit_log::record_id.eq(&target))
            .filter(schema::audit_log::actor_id.eq(&me))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(entries, 1);

    // An organizer cannot be given testimony to review; nothing changes.
    let res = app
        .submit(
            "/staff/review",
            &format!("/staff/testimony/{target}/assign"),
            &[("assignee", organizer.as_str()), ("next", "/staff/review")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = app.get("/staff/review?assignee=me").await;
    assert_eq!(listed(&page), vec![target.clone()]);
    let queue = app.get("/staff/review").await;
    assert!(
        !queue.text().contains("was not assigned"),
        "flash shown once"
    );

    // Without `next`, back to the testimony; empty means nobody.
    let res = app
        .submit(
            "/staff/review",
            &format!("/staff/testimony/{target}/assign"),
            &[("assignee", "")],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.location(),
        Some(format!("/staff/testimony/{target}").as_str())
    );
    let nobody = app.get("/staff/review?assignee=nobody").await;
    assert_eq!(listed(&nobody), vec![id_of(1), target]);
}

async fn the_dashboard_counts_what_waits_per_hearing(app: TestApp) {
    let h1 = crate::testimony::open_hearing(&app, "queue-dash-one");
    let h2 = crate::testimony::open_hearing(&app, "queue-dash-two");
    let mut rows = vec![seed(1, &h1), seed(2, &h1)];
    let mut s = seed(3, &h1);
    s.status = "in_review".into();
    rows.push(s);
    let mut s = seed(4, &h1);
    s.status = "needs_follow_up".into();
    rows.push(s);
    let mut s = seed(5, &h1);
    s.status = "in_review".into();
    s.unread_reply = true;
    rows.push(s);
    let mut s = seed(6, &h1);
    s.withdrawn_at = Some(db::now());
    rows.push(s);
    let mut s = seed(7, &h2);
    s.status = "approved".into();
    rows.push(s);
    let mut s = seed(8, &h2);
    s.status = "needs_follow_up".into();
    rows.push(s);
    app.db(|c| insert(c, &rows));

    app.create_user("organizer@example.org", Role::Organizer);
    let organizer = app.other_client();
    app.login_with(&organizer, "organizer@example.org").await;
    let page = crate::helpers::get_with(&organizer, &app.url("/staff")).await;
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("Waiting for review"));
    assert!(!page.body.contains("/staff/review"));

    editor(&app, "dash@example.org").await;
    let page = app.get("/staff").await;
    assert!(page.body.contains("href=\"/staff/review?assignee=me\""));
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("#waiting tbody tr").unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    let table: Vec<Vec<String>> = doc
        .select(&sel)
        .map(|tr| {
            tr.select(&cell)
                .map(|c| c.text().next().unwrap_or_default().trim().to_string())
                .collect()
        })
        .collect();
    assert!(
        table.contains(&vec![
            "Hearing queue-dash-one".to_string(),
            "2".into(),
            "2".into(),
            "1".into(),
            "1".into()
        ]),
        "{table:?}"
    );
    assert!(
        table.contains(&vec![
            "Hearing queue-dash-two".to_string(),
            "0".into(),
            "0".into(),
            "1".into(),
            "0".into()
        ]),
        "{table:?}"
    );
    assert!(
        page.body
            .contains(&format!("/staff/review?hearing={h1}&amp;status=received"))
    );
    let linked = app
        .get(&format!("/staff/review?hearing={h1}&status=received"))
        .await;
    assert_eq!(listed(&linked), vec![id_of(1), id_of(2)]);

    let hearing = app.get(&format!("/staff/hearings/{h1}")).await;
    assert!(
        hearing
            .body
            .contains(&format!("href=\"/staff/review?hearing={h1}\""))
    );
}

async fn an_ungranted_editor_sees_no_testimony_text(app: TestApp) {
    crate::testimony::open_hearing(&app, "queue-text");
    let witness = app.other_client();
    let mut fields = crate::testimony::typical();
    fields[0].1 = "The guard called himself Quetzalcoatlus and laughed.".into();
    let res =
        crate::testimony::submit_testimony(&witness, &app, "queue-text", &fields, vec![]).await;
    crate::testimony::take_receipt(&witness, &app, &res).await;
    let id = crate::testimony::latest_testimony(&app)
        .id
        .as_str()
        .to_string();
    editor(&app, "ungranted@example.org").await;
    let page = app.get("/staff/review").await;
    assert_eq!(page.status, 200);
    assert_eq!(listed(&page), vec![id]);
    for secret in [
        "Quetzalcoatlus",
        "Rosa",
        "rosa@example.org",
        "555 0100",
        "El Paso",
    ] {
        assert!(
            !page.body.contains(secret),
            "{secret} leaked into the queue"
        );
    }
    assert!(page.text().contains("Texas"));
}

/// Whether a plan walks an index rather than the whole table.
fn plan_uses_index(app: &TestApp, plan: &[String]) -> bool {
    let text = plan.join("\n");
    match app.backend {
        crate::helpers::Backend::Sqlite => {
            !plan.iter().any(|l| {
                l.contains("SCAN testimonies")
                    && !l.contains("USING INDEX")
                    && !l.contains("USING COVERING INDEX")
            }) && text.contains("testimonies_")
        }
        crate::helpers::Backend::Postgres => {
            !text.contains("Seq Scan on testimonies") && text.contains("testimonies_")
        }
    }
}

async fn fifty_thousand_testimonies_page_by_index(app: TestApp) {
    const N: usize = 50_000;
    let hearings: Vec<String> = (0..5)
        .map(|i| crate::testimony::open_hearing(&app, &format!("queue-scale-{i}")))
        .collect();
    let statuses = [
        "received",
        "received",
        "in_review",
        "approved",
        "excluded",
        "needs_follow_up",
    ];
    let roles = ["directly-affected", "family-member", "attorney", "monitor"];
    let started = std::time::Instant::now();
    let rows: Vec<Seed> = (1..=N)
        .map(|n| {
            let mut s = seed(n, &hearings[(n * 7) % hearings.len()]);
            s.status = statuses[(n * 13) % statuses.len()].into();
            s.witness_role = roles[n % roles.len()].into();
            if n % 97 == 0 {
                s.withdrawn_at = Some(s.submitted_at);
            }
            if n % 11 == 0 {
                s.language = "es".into();
            }
            s
        })
        .collect();
    app.db(|c| {
        c.transaction::<_, diesel::result::Error, _>(|c| {
            insert(c, &rows);
            Ok(())
        })
        .unwrap();
        diesel::sql_query("ANALYZE").execute(c).unwrap();
    });
    println!(
        "{:?}: inserted {N} testimonies in {:?}",
        app.backend,
        started.elapsed()
    );

    let filters = [
        ("default queue", QueueFilter::default()),
        (
            "status filter",
            QueueFilter {
                status: Some(StatusFilter::Review(ReviewStatus::InReview)),
                ..QueueFilter::default()
            },
        ),
        (
            "hearing filter",
            QueueFilter {
                hearing: Some(hearings[2].clone()),
                ..QueueFilter::default()
            },
        ),
    ];
    for (name, filter) in &filters {
        for at in [PageAt::First, PageAt::Last] {
            let plan = app.db(|c| db::queue::explain(c, filter, &at).unwrap());
            let sql = app.db(|c| db::queue::page_query_text(c, filter, &at));
            assert!(
                plan_uses_index(&app, &plan),
                "{name} {at:?} scans the table:\n{sql}\n{}",
                plan.join("\n")
            );
            let page = app.db(|c| db::queue::page(c, filter, &at).unwrap());
            assert_eq!(page.rows.len(), 50, "{name} {at:?}");
        }
    }

    editor(&app, "scale@example.org").await;
    let t = std::time::Instant::now();
    let first = app.get("/staff/review").await;
    println!(
        "{:?}: first page over HTTP in {:?}",
        app.backend,
        t.elapsed()
    );
    assert_eq!(first.status, 200);
    assert_eq!(listed(&first).first(), Some(&id_of(1)));
    let last_link = pager_link(&first, "Last page").expect("a last page");
    let t = std::time::Instant::now();
    let last = app.get(&last_link).await;
    println!(
        "{:?}: last page over HTTP in {:?}",
        app.backend,
        t.elapsed()
    );
    assert_eq!(listed(&last).last(), Some(&id_of(N)));
    let t = std::time::Instant::now();
    let filtered = app
        .get(&format!(
            "/staff/review?hearing={}&status=in_review&last=1",
            hearings[1]
        ))
        .await;
    println!(
        "{:?}: last page of a hearing and status over HTTP in {:?}",
        app.backend,
        t.elapsed()
    );
    assert_eq!(listed(&filtered).len(), 50);
}
