//! Derived redaction and translations: what the first granted editor's opening applies,
//! suggestions accepted and dismissed, manual redactions, versions and history, and that
//! no withheld word reaches search, the audit trail, a translation or an ungranted editor.

use diesel::prelude::*;
use diesel::sql_types::Text;
use peoples_upr::db::{self, schema};
use peoples_upr::domain::account::Role;
use peoples_upr::domain::ids::TestimonyId;

use crate::both_databases;
use crate::helpers::{TestApp, get_with, submit_with};

both_databases!(
    a_granted_editor_redacts_and_nothing_withheld_leaks,
    a_translation_follows_the_original,
    an_ungranted_editor_sees_only_the_redacted_text,
);

const BODY: &str = "My name is José Pérez and at the gate they called me jose perez. \
Write to me at jose@example.org or call (915) 555-0100. My A-number is A-123-456-789. \
We stayed at 1234 Main St with Tío Beto near El Paso. They kept us in a cold room for nine days.";

/// Words that must never be found once withheld (the witness's name and terms, the city).
const WITNESS_WORDS: [&str; 5] = ["José", "jose perez", "Pérez", "Tío Beto", "El Paso"];

async fn a_testimony(app: &TestApp) -> TestimonyId {
    crate::testimony::open_hearing(app, "redact");
    let mut fields = crate::testimony::typical();
    for (k, v) in fields.iter_mut() {
        match *k {
            "body" => *v = BODY.to_string(),
            "name" => *v = "José Pérez".to_string(),
            _ => {}
        }
    }
    let witness = app.other_client();
    let res = crate::testimony::submit_testimony(&witness, app, "redact", &fields, vec![]).await;
    crate::testimony::take_receipt(&witness, app, &res).await;
    crate::testimony::latest_testimony(app).id
}

fn current(app: &TestApp, id: &TestimonyId, text_id: &str) -> String {
    app.db(|c| db::redaction::current(c, id.as_str(), text_id).unwrap())
        .map(|v| v.body)
        .unwrap_or_default()
}

/// The suggested marks of the original, with the words they cover.
fn suggestions(app: &TestApp, id: &TestimonyId) -> Vec<(String, String)> {
    let marks = app.db(|c| db::redaction::marks(c, id.as_str(), "original").unwrap());
    marks
        .into_iter()
        .filter(|m| m.state == "suggested")
        .map(|m| {
            let words =
                BODY[m.span_start.unwrap() as usize..m.span_end.unwrap() as usize].to_string();
            (m.id, words)
        })
        .collect()
}

fn mark_for(app: &TestApp, id: &TestimonyId, words: &str) -> String {
    suggestions(app, id)
        .into_iter()
        .find(|(_, w)| w == words)
        .unwrap_or_else(|| panic!("a suggestion for {words:?}: {:?}", suggestions(app, id)))
        .0
}

#[derive(QueryableByName)]
struct Body {
    #[diesel(sql_type = Text)]
    body: String,
}

fn index_bodies(app: &TestApp) -> Vec<String> {
    app.db(|c| {
        diesel::sql_query("SELECT body FROM search_index")
            .load::<Body>(c)
            .unwrap()
    })
    .into_iter()
    .map(|b| b.body)
    .collect()
}

fn audit_details(app: &TestApp) -> Vec<String> {
    app.db(|c| {
        schema::audit_log::table
            .filter(schema::audit_log::action.eq("redaction.saved"))
            .select(schema::audit_log::detail)
            .load::<String>(c)
            .unwrap()
    })
}

async fn granted_editor(app: &TestApp) {
    let user = app.create_user("granted@example.org", Role::Editor);
    app.grant(&user);
    app.login("granted@example.org").await;
}

async fn a_granted_editor_redacts_and_nothing_withheld_leaks(app: TestApp) {
    let id = a_testimony(&app).await;
    granted_editor(&app).await;
    let page_path = format!("/staff/testimony/{}/redaction", id.as_str());

    // The first opening applies the witness's name (any case, any accents), terms and city.
    let page = app.get(&page_path).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let body = current(&app, &id, "original");
    for w in WITNESS_WORDS {
        assert!(
            !body.to_lowercase().contains(&w.to_lowercase()),
            "{w} withheld: {body}"
        );
    }
    assert!(
        body.contains("My name is [name withheld] and at the gate they called me [name withheld].")
    );
    assert!(body.contains("[place withheld]"), "{body}");
    assert!(page.contains("Suggestions to confirm"));

    // The patterns are suggested, not applied.
    let words: Vec<String> = suggestions(&app, &id).into_iter().map(|(_, w)| w).collect();
    for expected in [
        "jose@example.org",
        "(915) 555-0100",
        "A-123-456-789",
        "1234 Main St",
    ] {
        assert!(
            words.iter().any(|w| w == expected),
            "{expected} in {words:?}"
        );
        assert!(body.contains(expected), "not yet withheld: {expected}");
    }
    assert!(
        page.contains("A-123-456-789"),
        "the granted editor sees the words"
    );

    // An excerpt of the current text, to see it invalidated when the text changes.
    let excerpt_id = app.db(|c| {
        let id_ = db::new_id();
        diesel::insert_into(schema::excerpts::table)
            .values((
                schema::excerpts::id.eq(&id_),
                schema::excerpts::testimony_id.eq(id.as_str()),
                schema::excerpts::text_id.eq("original"),
                schema::excerpts::span_start.eq(0),
                schema::excerpts::span_end.eq(10),
                schema::excerpts::body.eq("a cold room"),
                schema::excerpts::created_at.eq(db::now()),
            ))
            .execute(c)
            .unwrap();
        id_
    });

    // Accept the email, the A-number and the address; dismiss the phone.
    for w in ["jose@example.org", "A-123-456-789", "1234 Main St"] {
        let mark = mark_for(&app, &id, w);
        let res = app
            .submit(
                &page_path,
                &format!("{page_path}/decide"),
                &[("mark_id", &mark), ("decision", "accept")],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.text());
    }
    let phone = mark_for(&app, &id, "(915) 555-0100");
    let res = app
        .submit(
            &page_path,
            &format!("{page_path}/decide"),
            &[("mark_id", &phone), ("decision", "dismiss")],
        )
        .await;
    assert_eq!(res.status, 303);
    let body = current(&app, &id, "original");
    assert!(
        body.contains("Write to me at [contact withheld] or call (915) 555-0100."),
        "{body}"
    );
    assert!(
        body.contains("My A-number is [identifier withheld]."),
        "{body}"
    );
    assert!(
        body.contains("We stayed at [place withheld] with"),
        "{body}"
    );
    assert!(suggestions(&app, &id).is_empty());

    let invalidated: Option<String> = app.db(|c| {
        schema::excerpts::table
            .find(&excerpt_id)
            .select(schema::excerpts::invalidated_reason)
            .first(c)
            .unwrap()
    });
    assert_eq!(invalidated.as_deref(), Some("redaction"));

    // A manual redaction of one occurrence; a wrong occurrence and absent words are refused.
    let res = app
        .submit(
            &page_path,
            &format!("{page_path}/add"),
            &[
                ("words", "NINE DAYS"),
                ("category", "date"),
                ("scope", "one"),
                ("occurrence", "2"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.contains("occur 1 time"), "{}", res.text());
    assert_eq!(res.field_value("words").as_deref(), Some("NINE DAYS"));
    let res = app
        .submit(
            &page_path,
            &format!("{page_path}/add"),
            &[
                ("words", "a purple horse"),
                ("category", "other"),
                ("scope", "every"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.contains("do not occur"));
    let res = app
        .submit(
            &page_path,
            &format!("{page_path}/add"),
            &[
                ("words", "NINE DAYS"),
                ("category", "date"),
                ("scope", "one"),
                ("occurrence", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let body = current(&app, &id, "original");
    assert!(body.ends_with("a cold room for [date withheld]."), "{body}");

    // Lifting a redaction brings the words back, as a new version.
    let address = app
        .db(|c| db::redaction::marks(c, id.as_str(), "original").unwrap())
        .into_iter()
        .find(|m| {
            m.state == "applied"
                && m.span_start
                    .is_some_and(|s| BODY[s as usize..].starts_with("1234 Main St"))
        })
        .unwrap()
        .id;
    let res = app
        .submit(
            &page_path,
            &format!("{page_path}/remove"),
            &[("mark_id", &address)],
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(current(&app, &id, "original").contains("We stayed at 1234 Main St with"));

    // Versions: the first opening, three accepted, one manual, one removal.
    let versions = app.db(|c| db::redaction::versions(c, id.as_str(), "original").unwrap());
    assert_eq!(versions.len(), 6);
    assert_eq!(versions[0].version, 6);
    let page = app.get(&page_path).await;
    assert!(page.contains("Saved versions"));
    assert!(page.contains("-1 place"), "{}", page.text());
    assert!(page.contains("dismissed"));

    // Nothing withheld is findable, nor written in the audit trail.
    let withheld = [
        "José",
        "jose perez",
        "Tío Beto",
        "El Paso",
        "jose@example.org",
        "A-123-456-789",
        "nine days",
    ];
    let bodies = index_bodies(&app);
    assert_eq!(bodies.len(), 1);
    for w in withheld {
        assert!(
            bodies
                .iter()
                .all(|b| !b.to_lowercase().contains(&w.to_lowercase())),
            "{w} in the search index"
        );
    }
    let details = audit_details(&app);
    assert!(details.len() >= 6, "{details:?}");
    for d in &details {
        for w in withheld.iter().chain(&["1234 Main St", "(915) 555-0100"]) {
            assert!(!d.to_lowercase().contains(&w.to_lowercase()), "{w} in {d}");
        }
    }
}

async fn a_translation_follows_the_original(app: TestApp) {
    let id = a_testimony(&app).await;
    granted_editor(&app).await;
    let path = format!("/staff/testimony/{}/translation", id.as_str());
    let res = app
        .submit(
            &path,
            &path,
            &[
                ("language", "es"),
                ("translated_by", ""),
                ("body", "Soy Jose Perez."),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "the translator is required");
    assert!(res.contains("Soy Jose Perez."));
    let res = app
        .submit(
            &path,
            &path,
            &[
                ("language", "es"),
                ("translated_by", "Ana Torres"),
                (
                    "body",
                    "Soy JOSE PEREZ. Vivimos en 1234 Main St con Tio Beto. Escríbanme a jose@example.org.",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let tid = app.db(|c| db::translations::of_testimony(c, id.as_str()).unwrap())[0]
        .id
        .clone();
    let redacted = current(&app, &id, &tid);
    assert!(
        redacted.starts_with("Soy [nombre omitido]. Vivimos en 1234 Main St con [omitido]."),
        "{redacted}"
    );
    let page = app.get(&path).await;
    assert!(
        page.contains("Translated into Spanish by Ana Torres"),
        "{}",
        page.text()
    );

    // A span accepted in the original becomes a term in the translation.
    let page_path = format!("/staff/testimony/{}/redaction", id.as_str());
    for w in ["1234 Main St", "jose@example.org"] {
        let mark = mark_for(&app, &id, w);
        let res = app
            .submit(
                &page_path,
                &format!("{page_path}/decide"),
                &[("mark_id", &mark), ("decision", "accept")],
            )
            .await;
        assert_eq!(res.status, 303);
    }
    let redacted = current(&app, &id, &tid);
    assert_eq!(
        redacted,
        "Soy [nombre omitido]. Vivimos en [lugar omitido] con [omitido]. Escríbanme a [contacto omitido]."
    );
    // A redaction made on the translation itself.
    let tr_page = format!("{page_path}?text={tid}");
    let res = app
        .submit(
            &tr_page,
            &format!("{page_path}/add"),
            &[
                ("words", "Vivimos"),
                ("category", "other"),
                ("scope", "every"),
                ("text", &tid),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    assert!(current(&app, &id, &tid).contains("[omitido] en [lugar omitido]"));
    assert!(
        current(&app, &id, "original").contains("stayed"),
        "the original is untouched"
    );

    let translated: i64 = app.db(|c| {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::sql_query("SELECT COUNT(*) AS n FROM search_index WHERE translated = TRUE")
            .load::<N>(c)
            .unwrap()[0]
            .n
    });
    assert_eq!(translated, 1);
    for b in index_bodies(&app) {
        for w in ["jose", "perez", "Tio Beto", "Main St", "Vivimos"] {
            assert!(!b.to_lowercase().contains(&w.to_lowercase()), "{w} in {b}");
        }
    }
}

async fn an_ungranted_editor_sees_only_the_redacted_text(app: TestApp) {
    let id = a_testimony(&app).await;
    app.create_user("plain@example.org", Role::Editor);
    let plain = app.other_client();
    assert_eq!(
        app.login_with(&plain, "plain@example.org").await.status,
        303
    );
    let page_path = format!("/staff/testimony/{}/redaction", id.as_str());

    let page = get_with(&plain, &app.url(&page_path)).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("No redacted text yet"), "{}", page.text());

    granted_editor(&app).await;
    assert_eq!(app.get(&page_path).await.status, 200);
    let mark = mark_for(&app, &id, "A-123-456-789");

    let page = get_with(&plain, &app.url(&page_path)).await;
    assert_eq!(page.status, 200);
    assert!(page.contains("[name withheld]"));
    assert!(page.contains("A-123-456-789"), "still in the redacted text");
    for w in WITNESS_WORDS {
        assert!(!page.body.contains(w), "{w} shown to an ungranted editor");
    }
    assert!(!page.contains("Suggestions to confirm"));

    for (action, fields) in [
        (
            "decide",
            vec![("mark_id", mark.as_str()), ("decision", "accept")],
        ),
        ("remove", vec![("mark_id", mark.as_str())]),
        (
            "add",
            vec![
                ("words", "cold room"),
                ("category", "other"),
                ("scope", "every"),
            ],
        ),
    ] {
        let res = submit_with(
            &plain,
            &app.base,
            &page_path,
            &format!("{page_path}/{action}"),
            &fields,
        )
        .await;
        assert_eq!(res.status, 422, "{action}");
        assert!(res.contains("needs access to originals"), "{action}");
    }
    assert!(current(&app, &id, "original").contains("A-123-456-789"));
    let tr = format!("/staff/testimony/{}/translation", id.as_str());
    let res = submit_with(
        &plain,
        &app.base,
        &tr,
        &tr,
        &[
            ("language", "en"),
            ("translated_by", "X"),
            ("body", "hello"),
        ],
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.contains("needs access to originals"));
    assert!(
        app.db(|c| db::translations::of_testimony(c, id.as_str()).unwrap())
            .is_empty()
    );
}
