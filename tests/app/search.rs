//! Search over redacted texts: ranked, filtered, never the original, safe with any input,
//! and forgetting what a witness erased.

use peoples_upr::db;
use peoples_upr::domain::account::Role;
use peoples_upr::domain::testimony::ReviewStatus;

use crate::both_databases;
use crate::helpers::TestApp;
use crate::review_tags::{as_witness, redact, testimony_with};
use crate::testimony::{open_hearing, typical};

both_databases!(
    search_finds_redacted_words_ranked_and_never_the_original,
    search_honours_the_filters_and_survives_any_input,
    erasure_takes_testimony_out_of_search_and_excerpts,
    a_word_in_very_many_texts_ranks_the_most_recent_and_says_so,
    a_search_ranked_a_moment_ago_shows_each_text_as_it_is_now,
);

async fn editor(app: &TestApp) {
    app.create_user("searcher@example.org", Role::Editor);
    app.login("searcher@example.org").await;
}

fn with_body(body: &str) -> Vec<(&'static str, String)> {
    let mut fields = typical();
    fields.retain(|(k, _)| *k != "body");
    fields.push(("body", body.to_string()));
    fields
}

/// The address of the link with this text, or empty when the page has none.
fn link(page: &crate::helpers::Page, text: &str) -> String {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("a").unwrap();
    doc.select(&sel)
        .find(|a| a.text().collect::<String>().trim() == text)
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_default()
        .to_string()
}

/// The testimony ids of a results page, in order.
fn result_ids(page: &crate::helpers::Page) -> Vec<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("ol.search-results a").unwrap();
    doc.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.trim_start_matches("/staff/testimony/").to_string())
        .collect()
}

async fn search_finds_redacted_words_ranked_and_never_the_original(app: TestApp) {
    open_hearing(&app, "find");
    let (once, _) = testimony_with(
        &app,
        "find",
        &with_body("The guard at Zacatecas gate kept the blankets."),
    )
    .await;
    let (twice, _) = testimony_with(&app, "find", &typical()).await;
    let (other, _) = testimony_with(&app, "find", &typical()).await;
    redact(
        &app,
        &once,
        "original",
        "The guard at [place withheld] gate kept the blankets from the children.",
    );
    redact(
        &app,
        &twice,
        "original",
        "Blankets <b>& cried</b> were never given; we asked for blankets.",
    );
    redact(&app, &other, "original", "Nothing about that here.");
    redact(&app, &other, "tr-1", "Las mantas nunca llegaron.");
    editor(&app).await;

    let page = app.get("/staff/search?q=blankets").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        result_ids(&page),
        vec![twice.clone(), once.clone()],
        "twice ranks above once"
    );
    assert!(
        page.body.contains("<mark>blankets</mark>") || page.body.contains("<mark>Blankets</mark>")
    );
    let results = page.text_of("ol.search-results");
    // PostgreSQL leaves markup out of its snippets; SQLite keeps it, escaped.
    assert!(results.contains("& cried"), "{results}");
    assert!(
        !page.body.contains("<b>"),
        "nothing of the text is taken as markup"
    );
    assert!(page.contains(&format!("Testimony {}", &twice[..8])));
    assert!(page.contains("Hearing find"));

    // The secret word is in the original only: never findable.
    let secret = app.get("/staff/search?q=Zacatecas").await;
    assert_eq!(secret.status, 200);
    assert!(result_ids(&secret).is_empty());
    assert!(secret.contains("Nothing was found"));
    assert!(secret.contains("Try fewer words"));
    assert!(!secret.body.contains("Zacatecas gate"));

    // A hit in a translation says so.
    let translated = app.get("/staff/search?q=mantas").await;
    assert_eq!(result_ids(&translated), vec![other.clone()]);
    assert!(
        translated
            .text_of("ol.search-results li")
            .contains("translation")
    );

    // No query: just the form.
    let empty = app.get("/staff/search").await;
    assert_eq!(empty.status, 200);
    assert!(!empty.contains("Results") && !empty.contains("Nothing was found"));
    assert!(empty.body.contains("name=\"q\""));

    // An organizer does not search testimony.
    let client = app.other_client();
    app.create_user("organizer@example.org", Role::Organizer);
    app.login_with(&client, "organizer@example.org").await;
    let refused = crate::helpers::get_with(&client, &app.url("/staff/search?q=blankets")).await;
    assert_eq!(refused.status, 403);
}

async fn search_honours_the_filters_and_survives_any_input(app: TestApp) {
    let first_hearing = open_hearing(&app, "north");
    let second_hearing = open_hearing(&app, "south");
    let (north, _) = testimony_with(&app, "north", &typical()).await;
    let (south, _) = testimony_with(&app, "south", &typical()).await;
    let (withdrawn, code) = testimony_with(&app, "south", &typical()).await;
    for id in [&north, &south, &withdrawn] {
        redact(&app, id, "original", "The cold room had no windows.");
    }
    as_witness(&app, &code, "/my-testimony/withdraw", &[("confirm", "1")]).await;
    app.db(|c| db::review::set_status(c, &south, ReviewStatus::InReview, None))
        .unwrap();
    editor(&app).await;

    let all = app.get("/staff/search?q=windows").await;
    let mut ids = result_ids(&all);
    ids.sort();
    let mut expected = vec![north.clone(), south.clone()];
    expected.sort();
    assert_eq!(ids, expected, "withdrawn testimony is never found");

    let in_review = app.get("/staff/search?q=windows&status=in_review").await;
    assert_eq!(result_ids(&in_review), vec![south.clone()]);
    let received = app.get("/staff/search?q=windows&status=received").await;
    assert_eq!(result_ids(&received), vec![north.clone()]);
    let by_hearing = app
        .get(&format!("/staff/search?q=windows&hearing={first_hearing}"))
        .await;
    assert_eq!(result_ids(&by_hearing), vec![north.clone()]);
    let by_hearing = app
        .get(&format!(
            "/staff/search?q=windows&hearing={second_hearing}&status=received"
        ))
        .await;
    assert!(result_ids(&by_hearing).is_empty());
    assert!(by_hearing.contains("with these filters"));

    // Themes: the witness's until tags are saved, then the editor's.
    let themed = app.get("/staff/search?q=windows&theme=children").await;
    assert_eq!(result_ids(&themed).len(), 2);
    let path = format!("/staff/testimony/{north}/tags");
    let saved = app
        .submit(&path, &path, &[("themes", "asylum-access")])
        .await;
    assert_eq!(saved.status, 303);
    let themed = app.get("/staff/search?q=windows&theme=children").await;
    assert_eq!(result_ids(&themed), vec![south.clone()]);
    let themed = app.get("/staff/search?q=windows&theme=asylum-access").await;
    assert_eq!(result_ids(&themed), vec![north.clone()]);
    let role = app.get("/staff/search?q=windows&role=attorney").await;
    assert!(result_ids(&role).is_empty());
    let lang = app.get("/staff/search?q=windows&language=en").await;
    assert_eq!(result_ids(&lang).len(), 2);

    for input in [
        "%22unbalanced",
        "AND%20OR%20NOT%20*",
        "windows%20OR",
        "NEAR(cold%20room)",
        "body%3Acold",
        "-%20%22%22%20'",
        "%5E*%3A(",
    ] {
        let page = app.get(&format!("/staff/search?q={input}")).await;
        assert_eq!(page.status, 200, "{input}: {}", page.text());
        assert!(page.contains("Results"), "{input}");
    }
    let quoted = app.get("/staff/search?q=%22cold%20room%22").await;
    assert_eq!(
        result_ids(&quoted).len(),
        2,
        "words in quotes are still found"
    );
}

async fn erasure_takes_testimony_out_of_search_and_excerpts(app: TestApp) {
    open_hearing(&app, "erase");
    let (id, code) = testimony_with(&app, "erase", &typical()).await;
    redact(
        &app,
        &id,
        "original",
        "The detention officer took our papers.",
    );
    redact(&app, &id, "tr-9", "El oficial se llevó nuestros papeles.");
    editor(&app).await;
    let path = format!("/staff/testimony/{id}/excerpts");
    let created = app
        .submit(
            &path,
            &path,
            &[("text_id", "original"), ("passage", "took our papers")],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.text());
    assert_eq!(
        result_ids(&app.get("/staff/search?q=papers").await),
        vec![id.clone()]
    );

    let erased = as_witness(&app, &code, "/my-testimony/erase", &[("confirm", "1")]).await;
    assert_eq!(erased.status, 303);
    assert!(result_ids(&app.get("/staff/search?q=papers").await).is_empty());
    assert!(result_ids(&app.get("/staff/search?q=papeles").await).is_empty());
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(
        page.contains("no longer usable: withdrawn by the witness"),
        "{}",
        page.text()
    );
    assert!(
        !page.contains("took our papers"),
        "the words went with the erasure"
    );
}

/// More matches than are ranked: the best of the most recently saved are shown, the page
/// says so, and a filter that narrows the matches ranks them all again.
async fn a_word_in_very_many_texts_ranks_the_most_recent_and_says_so(app: TestApp) {
    use crate::review_queue::{id_of, insert, seed};
    use diesel::Connection as _;
    let many = open_hearing(&app, "many");
    let few = open_hearing(&app, "few");
    let total = db::search::RANKED_AT_MOST as usize + 100;
    let oldest = id_of(1);
    let newest = id_of(total);
    let rows: Vec<_> = (1..=total)
        .map(|n| seed(n, if n == 1 { &few } else { &many }))
        .collect();
    app.db(|c| {
        c.transaction::<_, diesel::result::Error, _>(|c| {
            insert(c, &rows);
            for n in 1..=total {
                let body = if n == 1 || n == total {
                    "Blankets, blankets, blankets."
                } else {
                    "They kept the blankets from us for days in the cold room."
                };
                db::search::put(c, &id_of(n), "original", false, body)?;
            }
            Ok(())
        })
        .unwrap();
    });
    editor(&app).await;

    let page = app.get("/staff/search?q=blankets").await;
    assert_eq!(page.status, 200);
    let ids = result_ids(&page);
    assert_eq!(ids.len(), 20, "one page of results");
    assert_eq!(ids[0], newest, "the best of the recent texts comes first");
    assert!(
        !ids.contains(&oldest),
        "the oldest text is past the ranked ones"
    );
    let note = page.text_of("[role=status]");
    assert!(
        note.contains("Results 1 to 20")
            && note.contains(&format!(
                "More than {} texts match",
                db::search::RANKED_AT_MOST
            ))
            && note.contains("Add a word or a filter"),
        "{note}"
    );

    // The next page goes on where the first stopped, with the same words.
    let next = link(&page, "Next page");
    assert!(
        next.contains("q=blankets") && next.contains("page=2"),
        "{next}"
    );
    assert!(
        link(&page, "Previous page").is_empty(),
        "the first page has none"
    );
    let second = app.get(&next).await;
    let second_ids = result_ids(&second);
    assert_eq!(second_ids.len(), 20);
    assert!(
        second_ids.iter().all(|id| !ids.contains(id)),
        "no result twice"
    );
    assert!(
        second.text_of("[role=status]").contains("Results 21 to 40"),
        "{}",
        second.text_of("[role=status]")
    );
    assert!(
        second
            .body
            .contains(r#"<ol class="search-results" start="21">"#)
    );
    assert!(link(&second, "Previous page").contains("page=1"));

    // The last page that ranked hits fill has no next page; past it, a way back.
    let last_page = db::search::RANKED_AT_MOST / 20;
    let last = app
        .get(&format!("/staff/search?q=blankets&page={last_page}"))
        .await;
    assert_eq!(result_ids(&last).len(), 20);
    assert!(link(&last, "Next page").is_empty());
    let past = app.get("/staff/search?q=blankets&page=99999").await;
    assert_eq!(past.status, 200);
    assert_eq!(result_ids(&past).len(), 20, "taken as the last page");
    for unreadable in ["zero", "-3", "0", ""] {
        let first = app
            .get(&format!("/staff/search?q=blankets&page={unreadable}"))
            .await;
        assert_eq!(first.status, 200, "{unreadable}");
        assert_eq!(result_ids(&first), ids, "{unreadable} is the first page");
    }

    let narrowed = app
        .get(&format!("/staff/search?q=blankets&hearing={few}"))
        .await;
    assert_eq!(result_ids(&narrowed), vec![oldest.clone()]);
    assert!(!narrowed.contains("More than"), "all matches were ranked");
    assert!(
        link(&narrowed, "Next page").is_empty(),
        "one result, one page"
    );
    let beyond = app
        .get(&format!("/staff/search?q=blankets&hearing={few}&page=2"))
        .await;
    assert_eq!(beyond.status, 200);
    assert!(result_ids(&beyond).is_empty());
    assert!(
        beyond
            .text_of("[role=status]")
            .contains("past the last result")
    );
    assert_eq!(
        app.get(&link(&beyond, "Go to the first page of results"))
            .await
            .body
            .matches("/staff/testimony/")
            .count(),
        1
    );

    let other_hearing = app
        .get(&format!("/staff/search?q=blankets&hearing={many}"))
        .await;
    assert!(
        other_hearing.text_of("[role=status]").contains("More than"),
        "the filtered matches are still too many"
    );
}

/// Another instance's change, made straight in the database: nothing kept here is
/// dropped by it.
fn elsewhere<T>(app: &TestApp, f: impl FnOnce(&mut db::DbConn) -> T) -> T {
    f(&mut app.pool.get().unwrap())
}

async fn a_search_ranked_a_moment_ago_shows_each_text_as_it_is_now(app: TestApp) {
    use diesel::prelude::*;
    use peoples_upr::db::schema::testimonies;
    open_hearing(&app, "kept");
    let (first, _) = testimony_with(&app, "kept", &typical()).await;
    let (second, _) = testimony_with(&app, "kept", &typical()).await;
    let (third, _) = testimony_with(&app, "kept", &typical()).await;
    redact(
        &app,
        &first,
        "original",
        "They took our papers at the gate.",
    );
    redact(&app, &second, "original", "The papers were never returned.");
    editor(&app).await;
    let mut found = result_ids(&app.get("/staff/search?q=papers").await);
    found.sort();
    let mut both = vec![first.clone(), second.clone()];
    both.sort();
    assert_eq!(found, both);

    // Withdrawn, and a new text indexed, on another instance.
    elsewhere(&app, |c| {
        diesel::update(testimonies::table.find(&second))
            .set(testimonies::withdrawn_at.eq(Some(db::now())))
            .execute(c)
            .unwrap();
        db::search::put(c, &third, "original", false, "Papers, papers, papers.").unwrap();
    });
    assert_eq!(
        result_ids(&app.get("/staff/search?q=papers").await),
        vec![first.clone()],
        "the withdrawn text is gone at once; the ranking is the one made a moment ago"
    );
    // Any change staff post here, or a few seconds, and the search is ranked again.
    app.state.clear_kept_copies();
    assert_eq!(
        result_ids(&app.get("/staff/search?q=papers").await),
        vec![third, first]
    );
}
