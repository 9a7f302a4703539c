//! Reports: an editor builds a report from approved testimony, publishes it, and the
//! public page, the downloads, the manifest and traceability hold; what may not be used
//! never appears; consent changes flag a published version. Publishing's gates are in
//! `report_publishing.rs`, bad input in `report_forms.rs`.

use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::helpers::{Page, TestApp, get_with, submit_with};
use crate::review_tags::testimony_with;
use crate::routes_table::{Access::Public, Access::Staff, Route, r};
use crate::testimony::{open_hearing, typical};

const REVIEWERS: &[Role] = &[Role::Admin, Role::Editor];

/// This file's routes, for the route × role table.
pub const ROUTES: &[Route] = &[
    // The public pages first: a later row takes the fixture's version down.
    r("GET", "/reports", Public),
    r("GET", "/reports/{id}", Public),
    r("GET", "/reports/version/{id}", Public),
    r("GET", "/reports/version/{id}/download", Public),
    r("GET", "/staff/reports", Staff(REVIEWERS)),
    r("POST", "/staff/reports", Staff(REVIEWERS)),
    r("GET", "/staff/reports/{id}", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/finalise", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/reopen", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/publish", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/new-version", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/take-down", Staff(REVIEWERS)),
    r("GET", "/staff/reports/{id}/download", Staff(REVIEWERS)),
    r("GET", "/staff/reports/{id}/details", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/details", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/submitters", Staff(REVIEWERS)),
    r(
        "POST",
        "/staff/reports/{id}/submitters/remove",
        Staff(REVIEWERS),
    ),
    r("GET", "/staff/reports/{id}/sections", Staff(REVIEWERS)),
    r("POST", "/staff/reports/{id}/sections", Staff(REVIEWERS)),
    r("GET", "/staff/report-sections/{id}", Staff(REVIEWERS)),
    r("POST", "/staff/report-sections/{id}", Staff(REVIEWERS)),
    r(
        "POST",
        "/staff/report-sections/{id}/delete",
        Staff(REVIEWERS),
    ),
    r(
        "GET",
        "/staff/reports/{id}/recommendations",
        Staff(REVIEWERS),
    ),
    r(
        "POST",
        "/staff/reports/{id}/recommendations",
        Staff(REVIEWERS),
    ),
    r(
        "GET",
        "/staff/report-recommendations/{id}",
        Staff(REVIEWERS),
    ),
    r(
        "POST",
        "/staff/report-recommendations/{id}",
        Staff(REVIEWERS),
    ),
    r(
        "POST",
        "/staff/report-recommendations/{id}/delete",
        Staff(REVIEWERS),
    ),
    r(
        "POST",
        "/staff/report-recommendations/{id}/notes",
        Staff(REVIEWERS),
    ),
];

both_databases!(an_editor_builds_publishes_and_traces_a_report,);

/// Ids of a published report, for the route table.
pub struct ReportFixture {
    pub report_id: String,
    pub version_id: String,
    pub section_id: String,
    pub recommendation_id: String,
}

/// A published version straight in the database (files included), for the route table.
pub fn published_fixture(app: &TestApp, hearing_id: &str, publisher: &str) -> ReportFixture {
    use peoples_upr::db::reports::{self as q, parts as p, published as pubq};
    app.db(|c| {
        let report_id = peoples_upr::db::new_id();
        let version_id = peoples_upr::db::new_id();
        q::insert_report(c, &report_id, None).unwrap();
        let details = q::Details {
            title: "Table report".into(),
            ..Default::default()
        };
        q::insert_version(c, &version_id, &report_id, 1, None, &details, None).unwrap();
        q::set_hearings(c, &version_id, &[hearing_id.to_string()]).unwrap();
        let section_id = p::add_section(c, &version_id, "Detention", None, "Findings.").unwrap();
        let fields = p::RecommendationFields {
            body: "End the detention of children".into(),
            category: 5,
            state_position: "no_response".into(),
            ..Default::default()
        };
        let recommendation_id = p::add_recommendation(c, &version_id, &fields, &[]).unwrap();
        for kind in ["html", "docx", "csv", "json"] {
            pubq::put_output(
                c,
                &version_id,
                kind,
                "0",
                b"<!doctype html><title>x</title>",
            )
            .unwrap();
        }
        q::mark_published(c, &version_id, publisher, peoples_upr::db::now(), "{}").unwrap();
        ReportFixture {
            report_id,
            version_id,
            section_id,
            recommendation_id,
        }
    })
}

/// A testimony made ready for a report by a granted editor: submitted with `fields` and
/// the words `body`, redacted as the witness asked (opening it does that), approved,
/// and (when `passage` is given) with an excerpt of it. Returns (id, receipt, excerpt id).
pub async fn ready(
    app: &TestApp,
    slug: &str,
    fields: &[(&'static str, String)],
    body: &str,
    passage: Option<(&str, bool)>,
    approve: bool,
) -> (String, String, Option<String>) {
    let mut fields: Vec<(&str, String)> = fields
        .iter()
        .filter(|(k, _)| *k != "body")
        .cloned()
        .collect();
    fields.push(("body", body.to_string()));
    let (id, code) = testimony_with(app, slug, &fields).await;
    let opened = app.get(&format!("/staff/testimony/{id}")).await;
    assert_eq!(opened.status, 200);
    let mut excerpt = None;
    if let Some((passage, attributed)) = passage {
        let path = format!("/staff/testimony/{id}/excerpts");
        let mut form = vec![("text_id", "original"), ("passage", passage)];
        if attributed {
            form.push(("attributed", "1"));
        }
        let res = app.submit(&path, &path, &form).await;
        assert_eq!(res.status, 303, "excerpt: {}", res.text());
        excerpt = app
            .db(|c| peoples_upr::db::excerpts::of_testimony(c, &id).unwrap())
            .last()
            .map(|e| e.id.clone());
    }
    if approve {
        let show = format!("/staff/testimony/{id}");
        let status = format!("{show}/status");
        for action in ["review", "approve"] {
            let res = app.submit(&show, &status, &[("action", action)]).await;
            assert_eq!(res.status, 303, "{action}: {}", res.text());
        }
    }
    (id, code, excerpt)
}

pub fn with(extra: &[(&'static str, &str)], name: &str) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = typical()
        .into_iter()
        .filter(|(k, _)| *k != "name")
        .collect();
    fields.push(("name", name.to_string()));
    fields.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    fields
}

/// A hearing `slug`, a granted editor signed in, and one approved testimony of Rosa
/// Martínez with a quotable excerpt. Returns (hearing id, testimony id, excerpt id).
pub(crate) async fn one_quotable(app: &TestApp, slug: &str) -> (String, String, String) {
    let hearing = open_hearing(app, slug);
    granted_editor(app, "editor@example.org").await;
    let (id, _, excerpt) = ready(
        app,
        slug,
        &with(&[], "Rosa Martínez"),
        "They kept us in a cold room for nine days.",
        Some(("a cold room", false)),
        true,
    )
    .await;
    (hearing, id, excerpt.unwrap())
}

async fn granted_editor(app: &TestApp, email: &str) {
    let id = app.create_user(email, Role::Editor);
    app.grant(&id);
    app.login(email).await;
}

fn id_after(page: &Page, prefix: &str) -> String {
    let location = page
        .location()
        .unwrap_or_else(|| panic!("a redirect: {}", page.text()));
    location
        .trim_start_matches(prefix)
        .split(['/', '#', '?'])
        .next()
        .unwrap()
        .to_string()
}

/// Start a report over `hearing` and return its first version's id.
pub(crate) async fn start(app: &TestApp, hearing: &str, title: &str) -> String {
    let res = app
        .submit(
            "/staff/reports",
            "/staff/reports",
            &[("title", title), ("hearings", hearing)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    id_after(&res, "/staff/reports/")
}

pub(crate) async fn add_section(
    app: &TestApp,
    vid: &str,
    title: &str,
    findings: &str,
    excerpts: &[&str],
) {
    let list = format!("/staff/reports/{vid}/sections");
    let res = app
        .submit(&list, &list, &[("title", title), ("findings", findings)])
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let sid = id_after(&res, "/staff/report-sections/");
    let path = format!("/staff/report-sections/{sid}");
    let mut form = vec![("title", title), ("findings", findings)];
    form.extend(excerpts.iter().map(|e| ("excerpts", *e)));
    let res = app.submit(&path, &path, &form).await;
    assert_eq!(res.status, 303, "{}", res.text());
}

pub(crate) async fn add_recommendation(
    app: &TestApp,
    vid: &str,
    text: &str,
    excerpts: &[&str],
) -> Page {
    let list = format!("/staff/reports/{vid}/recommendations");
    let mut form = vec![
        ("text", text),
        ("addressees", "Immigration and Customs Enforcement"),
        ("themes", "Children"),
        ("sdg_targets", "10.7, 16.3"),
        ("follows_up", "26.123"),
        ("position", "no_response"),
    ];
    form.extend(excerpts.iter().map(|e| ("excerpts", *e)));
    app.submit(&list, &list, &form).await
}

async fn download(app: &TestApp, path: &str) -> Vec<u8> {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.bytes().await.unwrap().to_vec()
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

async fn an_editor_builds_publishes_and_traces_a_report(app: TestApp) {
    let hearing = open_hearing(&app, "rep");
    granted_editor(&app, "editor@example.org").await;
    let (t1, code1, e1) = ready(
        &app,
        "rep",
        &with(&[], "Rosa Martínez"),
        "They kept us in a cold room for nine days in El Paso.",
        Some(("a cold room for nine days", false)),
        true,
    )
    .await;
    let (t2, _, e2) = ready(
        &app,
        "rep",
        &with(&[("consent", "attribute")], "Ana Lucía Pérez"),
        "My daughter waited alone at the border for a week.",
        Some(("waited alone at the border", true)),
        true,
    )
    .await;
    // Approved, but the witness did not consent to use in a report.
    let no_report: Vec<(&'static str, String)> = with(&[], "Nadia Q")
        .into_iter()
        .filter(|(k, v)| !(*k == "consent" && (v == "publish" || v == "quote")))
        .collect();
    let (_, _, _) = ready(
        &app,
        "rep",
        &no_report,
        "Unpublishable words about the van.",
        None,
        true,
    )
    .await;
    // Quoted, then withdrawn by the witness.
    let (t4, code4, e4) = ready(
        &app,
        "rep",
        &with(&[], "Wen Li"),
        "Withdrawn words about the hielera.",
        Some(("the hielera", false)),
        true,
    )
    .await;
    // Quoted but never approved.
    let (_, _, e5) = ready(
        &app,
        "rep",
        &with(&[], "Omar K"),
        "Unapproved words about the bus.",
        Some(("the bus", false)),
        false,
    )
    .await;
    let withdrawn =
        crate::review_tags::as_witness(&app, &code4, "/my-testimony/withdraw", &[("confirm", "1")])
            .await;
    assert!(withdrawn.status < 400, "{}", withdrawn.text());
    let (e1, e2, e4, e5) = (e1.unwrap(), e2.unwrap(), e4.unwrap(), e5.unwrap());

    let vid = start(&app, &hearing, "People's UPR: immigration detention").await;
    let details = format!("/staff/reports/{vid}/details");
    let res = app
        .submit(
            &details,
            &details,
            &[
                ("title", "People's UPR: immigration detention"),
                ("cycle", "Fourth cycle (2025)"),
                ("contact_name", "Coalition desk"),
                ("contact_email", "desk@coalition.example"),
                ("keywords", "detention, children"),
                ("introduction", "Hearings were held in public."),
                ("hearings", &hearing),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    add_section(
        &app,
        &vid,
        "Detention conditions",
        "Witnesses described cold cells.\n\nChildren were held apart.",
        &[&e1, &e2, &e4, &e5],
    )
    .await;
    let rec1 = add_recommendation(&app, &vid, "End the detention of children", &[&e1, &e2]).await;
    assert_eq!(rec1.status, 303, "{}", rec1.text());
    let rec2 = add_recommendation(
        &app,
        &vid,
        "Establish independent monitoring of all detention facilities",
        &[&e2, &e5],
    )
    .await;
    assert_eq!(rec2.status, 303, "{}", rec2.text());

    let overview = app.get(&format!("/staff/reports/{vid}")).await;
    assert!(
        overview.contains("can no longer be used"),
        "{}",
        overview.text()
    );
    let fin = app
        .submit(
            &format!("/staff/reports/{vid}"),
            &format!("/staff/reports/{vid}/finalise"),
            &[],
        )
        .await;
    assert_eq!(fin.status, 303, "{}", fin.text());
    let pubd = app
        .submit(
            &format!("/staff/reports/{vid}"),
            &format!("/staff/reports/{vid}/publish"),
            &[],
        )
        .await;
    assert_eq!(pubd.status, 303, "{}", pubd.text());

    // The JSON says where the conclusions paragraph falls; the page numbers follow it.
    let json: serde_json::Value = serde_json::from_slice(
        &download(&app, &format!("/reports/version/{vid}/download?kind=json")).await,
    )
    .unwrap();
    assert_eq!(json["schema_version"], 1);
    let p = json["conclusions"]["lead"]["number"].as_u64().unwrap();
    assert!(p > 3, "paragraphs before the conclusions: {p}");
    let recs = json["conclusions"]["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["number"], format!("{p}.1"));
    assert_eq!(recs[1]["number"], format!("{p}.2"));
    assert_eq!(
        recs[1]["category"]["number"], 5,
        "“Establish” is specific action"
    );

    let page = app.get(&format!("/reports/version/{vid}")).await;
    assert_eq!(page.status, 200);
    assert!(page.contains(&format!("{p}.1")) && page.contains(&format!("{p}.2")));
    assert!(page.body.contains("<svg") && page.body.contains("<desc"));
    assert!(page.contains("a cold room for nine days"));
    assert!(
        page.contains("Ana Lucía Pérez"),
        "named with attribution consent: {}",
        page.text()
    );
    assert!(!page.contains("Rosa Martínez"), "not named without it");
    for never in ["van", "hielera", "the bus"] {
        assert!(!page.contains(never), "{never} must not appear");
    }
    assert!(page.contains("fewer than 5"), "small cells protected");
    assert!(app.get("/reports").await.contains("immigration detention"));

    // Downloads: each matches the manifest; the DOCX opens with the counted words; the CSV parses.
    let manifest: serde_json::Value = serde_json::from_slice(
        &download(
            &app,
            &format!("/staff/reports/{vid}/download?kind=manifest"),
        )
        .await,
    )
    .unwrap();
    assert_eq!(manifest["testimonies"].as_array().unwrap().len(), 2);
    for o in manifest["outputs"].as_array().unwrap() {
        let kind = o["kind"].as_str().unwrap();
        let bytes = download(
            &app,
            &format!("/reports/version/{vid}/download?kind={kind}"),
        )
        .await;
        assert_eq!(sha(&bytes), o["sha256"].as_str().unwrap(), "{kind}");
        match kind {
            "docx" => {
                let text = peoples_upr::report::docx::read_docx_text(&bytes).unwrap();
                assert_eq!(
                    peoples_upr::domain::report::word_count(&text.body),
                    json["words"]["count"].as_u64().unwrap() as usize
                );
                assert!(text.body.contains(&format!("{p}.1")));
            }
            "csv" => {
                let mut reader = csv::Reader::from_reader(bytes.as_slice());
                let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
                assert_eq!(rows.len(), 2);
                assert_eq!(&rows[0][0], format!("{p}.1"));
            }
            _ => {}
        }
    }
    assert!(
        app.get(&format!("/staff/reports/{vid}"))
            .await
            .contains("every file matches its SHA-256")
    );

    // Traceability: the testimony page lists the recommendation; the witness sees it.
    let staff_view = app.get(&format!("/staff/testimony/{t1}")).await;
    assert!(
        staff_view.contains(&format!("Recommendation {p}.1")),
        "{}",
        staff_view.text()
    );
    let witness = app.other_client();
    submit_with(&witness, &app.base, "/check", "/check", &[("code", &code1)]).await;
    let mine = get_with(&witness, &app.url("/my-testimony")).await;
    assert!(
        mine.contains(&format!("informed recommendation {p}.1")),
        "{}",
        mine.text()
    );
    let _ = t2;

    // Consent changes after publication: the version is flagged; a new one drops it.
    let changed = crate::review_tags::as_witness(
        &app,
        &code1,
        "/my-testimony/consent",
        &[("consent", "publish"), ("consent", "contact")],
    )
    .await;
    assert!(changed.status < 400, "{}", changed.text());
    let flagged = app.get(&format!("/staff/reports/{vid}")).await;
    assert!(
        flagged.contains("Consent changed after publication"),
        "{}",
        flagged.text()
    );
    let next = app
        .submit(
            &format!("/staff/reports/{vid}"),
            &format!("/staff/reports/{vid}/new-version"),
            &[],
        )
        .await;
    assert_eq!(next.status, 303);
    let v2 = id_after(&next, "/staff/reports/");
    let v2_page = app
        .get(&format!("/staff/reports/{v2}/download?kind=html"))
        .await;
    assert!(
        !v2_page.contains("a cold room for nine days"),
        "dropped in the next version"
    );
    assert_eq!(t4.len(), 36);
}
