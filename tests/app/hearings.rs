//! Hearings for staff: creating, editing, the lifecycle, counts, and the theme vocabulary.

use diesel::prelude::*;
use peoples_upr::db;
use peoples_upr::domain::account::Role;
use peoples_upr::domain::hearing::HearingStatus;

use crate::both_databases;
use crate::helpers::{Page, TestApp, get_with, submit_with};
use crate::routes_table::{ALL_STAFF, Access::*, Route, r};

pub const MANAGERS: &[Role] = &[Role::Admin, Role::Organizer];

/// The rows of the route table for this area.
pub const ROUTES: &[Route] = &[
    r("GET", "/staff/hearings", Staff(ALL_STAFF)),
    r("GET", "/staff/hearings/new", Staff(MANAGERS)),
    r("POST", "/staff/hearings/new", Staff(MANAGERS)),
    r("GET", "/staff/hearings/{id}", Staff(ALL_STAFF)),
    r("GET", "/staff/hearings/{id}/edit", Staff(MANAGERS)),
    r("POST", "/staff/hearings/{id}/edit", Staff(MANAGERS)),
    r("POST", "/staff/hearings/{id}/status", Staff(MANAGERS)),
    r("GET", "/admin/themes", Staff(&[Role::Admin])),
    r("POST", "/admin/themes", Staff(&[Role::Admin])),
];

both_databases!(
    organizer_creates_a_draft_hearing_and_sees_it_in_the_list,
    bad_input_is_refused_with_messages_and_kept,
    addresses_are_derived_from_the_title_and_unique,
);

pub const CONSENT: &str =
    "Your testimony is kept safely and used only as you choose. You can withdraw it.";
/// The consent text of the form's hearing in Spanish.
pub const CONSENT_ES: &str =
    "Su testimonio se guarda de forma segura y se usa solo como usted elija. Puede retirarlo.";

/// A valid hearing form with `with` replacing the fields of the same names, and the
/// fields named in `without` left out.
pub fn fields<'a>(with: &[(&'a str, &'a str)], without: &[&str]) -> Vec<(&'a str, &'a str)> {
    let base = [
        ("title", "Hearing in El Paso"),
        ("slug", "el-paso-2026"),
        ("summary", "Testimony on detention along the border."),
        ("city", "El Paso"),
        ("state", "Texas"),
        ("starts_on", "2026-03-05"),
        ("ends_on", "2026-03-06"),
        ("themes", "immigration-detention"),
        ("themes", "children"),
        ("languages", "en"),
        ("languages", "es"),
        ("opens_at", "2026-02-01T09:00"),
        ("closes_at", "2026-03-31T17:00"),
        ("consent_text", CONSENT),
        ("title_es", "Audiencia en El Paso"),
        (
            "summary_es",
            "Testimonios sobre la detención en la frontera.",
        ),
        ("consent_text_es", CONSENT_ES),
    ];
    let mut out: Vec<(&str, &str)> = base
        .into_iter()
        .filter(|(k, _)| !without.contains(k) && !with.iter().any(|(w, _)| w == k))
        .collect();
    out.extend_from_slice(with);
    out
}

/// Create a hearing through the form and return its id.
pub async fn create(app: &TestApp, with: &[(&str, &str)]) -> String {
    let page = app
        .submit(
            "/staff/hearings/new",
            "/staff/hearings/new",
            &fields(with, &[]),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    page.location()
        .and_then(|l| l.strip_prefix("/staff/hearings/"))
        .expect("redirect to the hearing's page")
        .to_string()
}

pub async fn login_as(app: &TestApp, email: &str, role: Role) {
    app.create_user(email, role);
    app.login(email).await;
}

/// A second signed-in visitor.
pub async fn other_visitor(app: &TestApp, email: &str, role: Role) -> reqwest::Client {
    app.create_user(email, role);
    let client = app.other_client();
    let res = submit_with(
        &client,
        &app.base,
        "/login",
        "/login",
        &[("email", email), ("password", crate::helpers::PASSWORD)],
    )
    .await;
    assert_eq!(res.status, 303);
    client
}

/// The cells of the list's row for a hearing.
pub fn row_cells(page: &Page, title: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let tr = scraper::Selector::parse("tbody tr").unwrap();
    let th = scraper::Selector::parse("th").unwrap();
    let td = scraper::Selector::parse("td").unwrap();
    let text = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    doc.select(&tr)
        .find(|row| row.select(&th).any(|h| text(h) == title))
        .map(|row| row.select(&td).map(text).collect())
        .unwrap_or_default()
}

/// The ids an element's `aria-describedby` names.
pub fn described_by(page: &Page, id: &str) -> String {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse(&format!("#{id}")).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("aria-describedby"))
        .unwrap_or_default()
        .to_string()
}

/// The versions of a hearing's English consent text, oldest first.
pub fn consent_versions(app: &TestApp, hearing: &str) -> Vec<(i32, String)> {
    consent_versions_in(app, hearing, "en")
}

/// The versions of a hearing's consent text in one language, oldest first.
pub fn consent_versions_in(app: &TestApp, hearing: &str, lang: &str) -> Vec<(i32, String)> {
    use peoples_upr::db::schema::consent_texts as ct;
    app.db(|c| {
        ct::table
            .filter(ct::hearing_id.eq(hearing))
            .filter(ct::lang.eq(lang))
            .order(ct::version.asc())
            .select((ct::version, ct::body))
            .load(c)
            .unwrap()
    })
}

pub fn add_testimony(app: &TestApp, hearing: &str, status: &str) {
    use peoples_upr::db::schema::testimonies as t;
    let id = uuid::Uuid::new_v4().to_string();
    app.db(|c| {
        diesel::insert_into(t::table)
            .values((
                t::id.eq(&id),
                t::hearing_id.eq(hearing),
                t::receipt_hash.eq(format!("hash-{id}")),
                t::status.eq(if status == "withdrawn" {
                    "received"
                } else {
                    status
                }),
                t::withdrawn_at.eq((status == "withdrawn").then(db::now)),
                t::sealed_body.eq(app.org.public().seal_str("What happened.")),
                t::language.eq("en"),
                t::witness_role.eq("other"),
                t::place_state.eq("Texas"),
                t::place_city.eq("El Paso"),
                t::period_from.eq("2025-01"),
                t::intake.eq("online"),
                t::submitted_at.eq(db::now()),
                t::updated_at.eq(db::now()),
            ))
            .execute(c)
            .unwrap();
    });
}

async fn organizer_creates_a_draft_hearing_and_sees_it_in_the_list(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let list = app.get("/staff/hearings").await;
    assert_eq!(list.status, 200);
    assert!(list.contains("New hearing"));
    assert!(list.contains("No hearings yet."));

    let form = app.get("/staff/hearings/new").await;
    assert_eq!(form.status, 200);
    assert!(form.contains("Times are in the hearing's time zone"));
    assert!(form.contains("Asylum access"), "themes are offered by name");
    assert!(form.contains("Haitian Creole"));
    assert!(form.is_checked("languages", "en"));
    let consent = form.field_value("consent_text").unwrap();
    assert!(consent.contains("kept safely") && consent.contains("withdraw"));

    let id = create(&app, &[]).await;
    let page = app.get(&format!("/staff/hearings/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("was created as a draft"), "{}", page.text());
    assert!(page.contains("Hearing in El Paso"));
    assert!(page.contains("Status: Draft"));
    assert!(page.contains("/hearings/el-paso-2026 (not public while the hearing is draft)"));
    assert!(page.contains("March 5, 2026 to March 6, 2026"));
    assert!(page.contains("El Paso, Texas"));
    assert!(page.contains("February 1, 2026, 9:00 AM (UTC) to March 31, 2026, 5:00 PM (UTC)"));
    assert!(page.contains("English, Spanish"));
    assert!(page.contains("Immigration detention"));
    assert!(page.contains("Open for testimony"));
    assert!(!page.body.contains("/intake"), "no intake while a draft");

    let hearing = app
        .db(|c| db::hearings::find(c, &id))
        .unwrap()
        .expect("stored");
    assert_eq!(hearing.status, HearingStatus::Draft);
    assert_eq!(hearing.slug, "el-paso-2026");
    assert_eq!(hearing.languages, "en,es");
    let themes = app.db(|c| db::hearings::themes_of(c, &id)).unwrap();
    assert_eq!(themes.len(), 2);

    let list = app.get("/staff/hearings").await;
    let cells = row_cells(&list, "Hearing in El Paso");
    assert_eq!(
        cells.first().map(String::as_str),
        Some("Draft"),
        "{cells:?}"
    );

    // Another organizer does not see it in their list; an administrator does.
    let other = other_visitor(&app, "otto@example.org", Role::Organizer).await;
    let theirs = get_with(&other, &app.url("/staff/hearings")).await;
    assert!(!theirs.contains("Hearing in El Paso"));
    let admin = other_visitor(&app, "ada@example.org", Role::Admin).await;
    let all = get_with(&admin, &app.url("/staff/hearings")).await;
    assert!(all.contains("Hearing in El Paso"));

    // An online hearing needs no city or state.
    let online = create(
        &app,
        &[
            ("title", "Online hearing on detention"),
            ("slug", ""),
            ("online", "yes"),
            ("city", ""),
            ("state", ""),
        ],
    )
    .await;
    let page = app.get(&format!("/staff/hearings/{online}")).await;
    assert!(page.contains("Place Online"), "{}", page.text());
}

async fn bad_input_is_refused_with_messages_and_kept(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let post = |with: Vec<(&'static str, &'static str)>, without: Vec<&'static str>| {
        let app = &app;
        async move {
            app.submit(
                "/staff/hearings/new",
                "/staff/hearings/new",
                &fields(&with, &without),
            )
            .await
        }
    };

    // Several mistakes at once: all reported, everything typed kept.
    let page = post(
        vec![
            ("title", ""),
            ("slug", "El Paso!"),
            ("summary", "Kept summary"),
            ("city", "Ciudad Juárez"),
            ("themes", "children"),
            ("themes", "lgbti"),
            ("languages", "fr"),
            ("opens_at", "2026-04-01T09:00"),
            ("closes_at", "2026-03-01T09:00"),
        ],
        vec![],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("class=\"error-summary\""));
    assert!(page.contains("Enter a title for the hearing."));
    assert!(page.contains("Use only lower-case letters a to z, digits and dashes"));
    assert!(
        page.contains("for example el-paso"),
        "a suggestion from what was typed"
    );
    assert!(page.contains("The submission window closes before it opens."));
    assert!(described_by(&page, "title").contains("title-error"));
    assert!(described_by(&page, "closes_at").contains("closes_at-error"));
    assert_eq!(page.field_value("slug").as_deref(), Some("El Paso!"));
    assert_eq!(page.field_value("city").as_deref(), Some("Ciudad Juárez"));
    assert_eq!(page.field_value("summary").as_deref(), Some("Kept summary"));
    assert_eq!(
        page.field_value("opens_at").as_deref(),
        Some("2026-04-01T09:00")
    );
    assert_eq!(page.field_value("consent_text").as_deref(), Some(CONSENT));
    assert!(page.is_checked("themes", "children"));
    assert!(page.is_checked("themes", "lgbti"));
    assert!(!page.is_checked("themes", "immigration-detention"));
    assert!(page.is_checked("languages", "fr"));
    assert!(!page.is_checked("languages", "en"));

    // No theme, no language.
    let page = post(vec![], vec!["themes", "languages"]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Choose at least one theme."));
    assert!(page.contains("Choose at least one language testimony can be given in."));
    assert!(
        described_by(&page, "themes").is_empty(),
        "the legend is the target"
    );
    assert!(
        page.body
            .contains(r#"aria-describedby="themes-hint themes-error""#)
    );
    assert!(!page.is_checked("languages", "en"));

    // An unknown theme.
    let page = post(vec![("themes", "no-such-theme")], vec![]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Choose themes from the list."));

    // Oversized consent text, kept as typed.
    let long = "a".repeat(5_001);
    let long: &'static str = Box::leak(long.into_boxed_str());
    let page = post(vec![("consent_text", long)], vec![]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("The consent text is too long: use at most 5,000 characters"));
    assert_eq!(
        page.field_value("consent_text").map(|v| v.len()),
        Some(5_001)
    );

    // Empty consent text.
    let page = post(vec![("consent_text", "  ")], vec![]).await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Enter the consent text witnesses agree to."));

    // A place is needed unless online; dates must make sense.
    let page = post(
        vec![
            ("city", ""),
            ("state", ""),
            ("starts_on", "2026-03-05"),
            ("ends_on", "2026-03-01"),
        ],
        vec![],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Enter the city where the hearing takes place"));
    assert!(page.contains("Enter the state where the hearing takes place"));
    assert!(page.contains("The end date is before the start date."));

    let page = post(
        vec![("starts_on", "05/03/2026"), ("opens_at", "tomorrow")],
        vec![],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Enter the start date as a date"));
    assert!(page.contains("Enter when the submission window opens as a date and time"));

    // Limits on length.
    let title: &'static str = Box::leak("t".repeat(201).into_boxed_str());
    let summary: &'static str = Box::leak("s".repeat(2_001).into_boxed_str());
    let city: &'static str = Box::leak("c".repeat(101).into_boxed_str());
    let page = post(
        vec![("title", title), ("summary", summary), ("city", city)],
        vec![],
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Use at most 200 characters for the title."));
    assert!(page.contains("Use at most 2,000 characters for the summary."));
    assert!(page.contains("Use at most 100 characters for the city."));

    // Nothing was stored.
    let stored = app.db(|c| db::hearings::list_for_staff(c, None)).unwrap();
    assert!(stored.is_empty());
}

async fn addresses_are_derived_from_the_title_and_unique(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(
        &app,
        &[
            ("title", "Audiencia en El Paso, Texas — 2026"),
            ("slug", ""),
        ],
    )
    .await;
    let hearing = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    assert_eq!(hearing.slug, "audiencia-en-el-paso-texas-2026");

    // The same address again, typed or derived, is refused with what was typed kept.
    let typed = app
        .submit(
            "/staff/hearings/new",
            "/staff/hearings/new",
            &fields(
                &[
                    ("title", "Another hearing"),
                    ("slug", "audiencia-en-el-paso-texas-2026"),
                ],
                &[],
            ),
        )
        .await;
    assert_eq!(typed.status, 422);
    assert!(typed.contains(
        "Another hearing already uses the address /hearings/audiencia-en-el-paso-texas-2026."
    ));
    assert_eq!(
        typed.field_value("title").as_deref(),
        Some("Another hearing")
    );
    assert!(typed.is_checked("themes", "children"));

    let derived = app
        .submit(
            "/staff/hearings/new",
            "/staff/hearings/new",
            &fields(
                &[("title", "Audiencia en El Paso, Texas 2026"), ("slug", "")],
                &[],
            ),
        )
        .await;
    assert_eq!(derived.status, 422);
    assert!(derived.contains("(made from the title)"));
    assert_eq!(derived.field_value("slug").as_deref(), Some(""));

    // A title with nothing to make an address from asks for one.
    let nothing = app
        .submit(
            "/staff/hearings/new",
            "/staff/hearings/new",
            &fields(&[("title", "— — —"), ("slug", "")], &[]),
        )
        .await;
    assert_eq!(nothing.status, 422);
    assert!(nothing.contains("No web address can be made from this title."));

    // Editing a hearing may keep its own address.
    let edit = format!("/staff/hearings/{id}/edit");
    let kept = app
        .submit(
            &edit,
            &edit,
            &fields(
                &[
                    ("title", "Audiencia en El Paso"),
                    ("slug", "audiencia-en-el-paso-texas-2026"),
                ],
                &[],
            ),
        )
        .await;
    assert_eq!(kept.status, 303, "{}", kept.text());
}

/// Set an input's value directly (date and time inputs take typed keys in the browser's
/// locale order, which varies).
async fn set_value(browser: &crate::browser::harness::Browser, css: &str, value: &str) {
    browser
        .client
        .execute(
            "document.querySelector(arguments[0]).value = arguments[1];",
            vec![css.into(), value.into()],
        )
        .await
        .expect("set value");
}

#[actix_web::test]
async fn the_hearing_pages_are_accessible_in_the_browser() {
    let Some(browser) = crate::browser::harness::Browser::start().await else {
        return;
    };
    let app = TestApp::spawn(crate::helpers::Backend::Sqlite)
        .await
        .unwrap();
    app.create_user("ada@example.org", Role::Admin);
    browser.goto(&app, "/login").await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", crate::helpers::PASSWORD).await;
    browser.click_and_wait("main button[type=submit]").await;

    browser.goto(&app, "/staff/hearings").await;
    browser.check_accessibility("empty hearing list").await;
    browser
        .click_and_wait("main a[href='/staff/hearings/new']")
        .await;
    browser.check_accessibility("new hearing form").await;

    browser.click_and_wait("main button[type=submit]").await;
    let text = browser.text().await;
    assert!(
        text.contains("There is a problem") && text.contains("Choose at least one theme."),
        "{text}"
    );
    browser
        .check_accessibility("new hearing form with errors")
        .await;

    browser.fill("#title", "Hearing in Miami").await;
    browser.fill("#city", "Miami").await;
    browser.fill("#state", "Florida").await;
    set_value(&browser, "#starts_on", "2026-05-02").await;
    set_value(&browser, "#opens_at", "2026-04-01T09:00").await;
    set_value(&browser, "#closes_at", "2026-05-31T17:00").await;
    browser.click("#theme-family-unity").await;
    browser.click("#language-ht").await;
    browser
        .fill("#consent_text_ht", "Temwayaj ou an sekirite.")
        .await;
    browser.click_and_wait("main button[type=submit]").await;
    let text = browser.text().await;
    assert!(text.contains("was created as a draft"), "{text}");
    assert!(text.contains("/hearings/hearing-in-miami"), "{text}");
    browser.check_accessibility("draft hearing page").await;

    browser
        .click_and_wait("form[action$='/status'] button[type=submit]")
        .await;
    let text = browser.text().await;
    assert!(
        text.contains("The hearing is open for testimony."),
        "{text}"
    );
    assert!(text.contains("Take testimony"));
    browser.check_accessibility("open hearing page").await;

    browser.click_and_wait("main a[href$='/edit']").await;
    assert_eq!(browser.value("#title").await, "Hearing in Miami");
    browser.check_accessibility("hearing edit form").await;

    browser.goto(&app, "/staff/hearings").await;
    browser.check_accessibility("hearing list").await;

    browser.goto(&app, "/admin/themes").await;
    browser.check_accessibility("theme vocabulary").await;
    browser.click_and_wait("main button[type=submit]").await;
    assert!(
        browser
            .text()
            .await
            .contains("Enter the name of the theme.")
    );
    browser
        .check_accessibility("theme vocabulary with an error")
        .await;
    browser.close().await;
}
