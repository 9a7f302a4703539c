//! The public hearing pages: which hearings show, in which language, with dates in the
//! hearing's time zone and themes in alphabetical order.

use diesel::prelude::*;
use peoples_upr::db;
use peoples_upr::domain::consent::ConsentScope;
use peoples_upr::domain::hearing::HearingStatus;
use peoples_upr::i18n::Lang;

use crate::both_databases;
use crate::helpers::TestApp;
use crate::testimony::{hearing_with_status, open_hearing};

both_databases!(
    deadlines_are_in_words_in_the_hearing_time_zone,
    themes_are_in_alphabetical_order_in_each_language,
    public_pages_show_open_and_closed_hearings_only,
    public_pages_follow_the_chosen_language,
);

async fn deadlines_are_in_words_in_the_hearing_time_zone(app: TestApp) {
    use peoples_upr::db::schema::hearings;
    let id = open_hearing(&app, "zona");
    app.db(|c| {
        diesel::update(hearings::table.find(&id))
            .set(hearings::time_zone.eq("America/Chicago"))
            .execute(c)
            .unwrap()
    });
    let h = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    for (lang, code) in [(Lang::Es, "es"), (Lang::En, "en"), (Lang::Fr, "fr")] {
        let expected = peoples_upr::i18n::format_datetime(h.closes_at, h.zone(), lang);
        assert!(
            !expected.contains(' '),
            "never broken across lines: {expected:?}"
        );
        let page = app.get_in("/hearings/zona", code).await;
        assert!(page.body.contains(&expected), "{code}: {expected}");
        let list = app.get_in("/hearings", code).await;
        assert!(list.body.contains(&expected), "{code}: {expected}");
    }
    let spanish = app.get_in("/hearings/zona", "es").await;
    assert!(spanish.contains("a las"), "{}", spanish.text());
    assert!(!spanish.contains("UTC"));
}

async fn themes_are_in_alphabetical_order_in_each_language(app: TestApp) {
    open_hearing(&app, "orden");
    for lang in ["en", "es", "fr", "ht"] {
        let page = app.get_in("/hearings/orden", lang).await;
        let doc = scraper::Html::parse_document(&page.body);
        let sel = scraper::Selector::parse(r#"label[for^="theme-"]"#).unwrap();
        let labels: Vec<String> = doc
            .select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect();
        assert_eq!(labels.len(), 3, "{lang}: {labels:?}");
        let mut sorted = labels.clone();
        sorted.sort_by_key(|l| peoples_upr::domain::text::sort_key(l));
        assert_eq!(labels, sorted, "{lang}");
    }
}

async fn public_pages_show_open_and_closed_hearings_only(app: TestApp) {
    hearing_with_status(&app, "draft-one", HearingStatus::Draft);
    open_hearing(&app, "open-one");
    hearing_with_status(&app, "closed-one", HearingStatus::Closed);
    hearing_with_status(&app, "archived-one", HearingStatus::Archived);
    let list = app.get("/hearings").await;
    assert_eq!(list.status, 200);
    assert!(list.contains("Hearing open-one") && list.contains("Testimony is accepted until"));
    assert!(list.contains("Hearing closed-one") && list.contains("no longer accepts testimony"));
    assert!(!list.contains("Hearing draft-one") && !list.contains("Hearing archived-one"));
    assert_eq!(app.get("/hearings/draft-one").await.status, 404);
    assert_eq!(app.get("/hearings/archived-one").await.status, 404);
    let open = app.get("/hearings/open-one").await;
    assert!(open.body.contains("enctype=\"multipart/form-data\""));
    assert!(open.contains("Up to 50,000 characters"));
    for scope in ConsentScope::ALL {
        assert!(
            !open.is_checked("consent", scope.code()),
            "no consent is ticked in advance"
        );
    }
    let closed = app.get("/hearings/closed-one").await;
    assert!(closed.contains("This hearing is closed. It no longer accepts testimony."));
    assert!(
        !closed.body.contains("name=\"witness_role\""),
        "a closed hearing shows no form"
    );
}

async fn public_pages_follow_the_chosen_language(app: TestApp) {
    open_hearing(&app, "idiomas");
    let spanish = app
        .get_in("/hearings", "es-US,es;q=0.9,en;q=0.5")
        .await
        .body;
    assert!(spanish.contains("<html lang=\"es\" dir=\"ltr\">"));
    assert!(spanish.contains("Audiencias"));
    let switched = app.get("/lang/ht?next=/hearings/idiomas").await;
    assert_eq!(switched.status, 303);
    assert_eq!(switched.location(), Some("/hearings/idiomas"));
    let creole = app.get("/hearings/idiomas").await;
    assert!(creole.body.contains("<html lang=\"ht\""));
    assert!(
        creole.contains("Odyans yo"),
        "the page is in Haitian Creole"
    );
    assert!(!creole.contains("Hearings"), "and not in English");
    let french = app.get("/lang/fr?next=/check").await;
    assert_eq!(french.location(), Some("/check"));
    assert!(app.get("/check").await.body.contains("<html lang=\"fr\""));
    assert_eq!(app.get("/lang/xx").await.status, 404);
    let evil = app.get("/lang/es?next=//evil.example").await;
    assert_eq!(evil.location(), Some("/"), "no open redirect");
}
