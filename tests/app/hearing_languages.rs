//! A hearing's title, summary and consent text in each language it accepts: organizers
//! write them, a hearing opens only with a consent text in each, and a witness reads and
//! agrees to the one in the language of their page.

use peoples_upr::db;
use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::hearings::{
    CONSENT, CONSENT_ES, consent_versions, consent_versions_in, create, fields, login_as,
};
use crate::hearings_lifecycle::post_status;
use crate::helpers::TestApp;
use crate::testimony::{CONSENT_EN, latest_testimony, open_hearing, typical};

both_databases!(
    each_language_has_its_own_title_summary_and_consent_text,
    a_hearing_opens_only_with_a_consent_text_in_each_language,
    a_spanish_witness_agrees_to_the_spanish_consent_text,
);

async fn each_language_has_its_own_title_summary_and_consent_text(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[]).await;
    let texts = app.db(|c| db::hearings::texts_of(c, &id)).unwrap();
    let es = texts.iter().find(|t| t.lang == "es").unwrap();
    assert_eq!(es.title, "Audiencia en El Paso");
    assert_eq!(es.summary, "Testimonios sobre la detención en la frontera.");
    assert_eq!(consent_versions_in(&app, &id, "es").len(), 1);

    let edit = format!("/staff/hearings/{id}/edit");
    let form = app.get(&edit).await;
    assert!(form.contains("In Spanish (Español)"));
    assert!(form.contains("Consent text shown to witnesses, Spanish (Español)"));
    assert_eq!(
        form.field_value("title_es").as_deref(),
        Some("Audiencia en El Paso")
    );
    assert_eq!(
        form.field_value("consent_text_es").as_deref(),
        Some(CONSENT_ES)
    );
    assert_eq!(form.field_value("consent_text").as_deref(), Some(CONSENT));

    // Changing the Spanish consent text makes a new Spanish version only.
    let new_es = "Guardamos su testimonio. Usted decide cómo se usa y puede retirarlo.";
    let saved = app
        .submit(&edit, &edit, &fields(&[("consent_text_es", new_es)], &[]))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let page = app.get(&format!("/staff/hearings/{id}")).await;
    assert!(
        page.contains("The consent text in Spanish is now version 3"),
        "{}",
        page.text()
    );
    assert_eq!(consent_versions(&app, &id), vec![(1, CONSENT.to_string())]);
    assert_eq!(
        consent_versions_in(&app, &id, "es"),
        vec![(2, CONSENT_ES.to_string()), (3, new_es.to_string())]
    );

    // The first language's title is required, the others' are not.
    let bad = app
        .submit(
            &edit,
            &edit,
            &fields(&[("title", ""), ("title_es", "")], &[]),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.contains("Enter a title for the hearing. It is needed in English"));
    assert!(!bad.contains("needed in Spanish"));
}

async fn a_hearing_opens_only_with_a_consent_text_in_each_language(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let langs = [
        ("languages", "en"),
        ("languages", "es"),
        ("languages", "fr"),
    ];
    let id = create(
        &app,
        &[langs[0], langs[1], langs[2], ("consent_text_es", "")],
    )
    .await;
    assert!(consent_versions_in(&app, &id, "es").is_empty());

    let refused = post_status(&app, &id, "open").await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.contains("The hearing cannot open yet: it has no consent text in Spanish, French."),
        "{}",
        refused.text()
    );
    let h = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    assert_eq!(h.status.code(), "draft");

    let edit = format!("/staff/hearings/{id}/edit");
    let saved = app
        .submit(
            &edit,
            &edit,
            &fields(
                &[
                    langs[0],
                    langs[1],
                    langs[2],
                    ("consent_text_fr", "Votre témoignage est gardé en sécurité."),
                ],
                &[],
            ),
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let opened = post_status(&app, &id, "open").await;
    assert_eq!(opened.status, 303, "{}", opened.text());
    let h = app.db(|c| db::hearings::find(c, &id)).unwrap().unwrap();
    assert_eq!(h.status.code(), "open");
}

async fn a_spanish_witness_agrees_to_the_spanish_consent_text(app: TestApp) {
    open_hearing(&app, "idiomas");
    let page = app.get_in("/hearings/idiomas", "es").await;
    assert_eq!(page.status, 200);
    assert!(page.contains("Audiencia idiomas"));
    assert!(page.contains(crate::testimony::CONSENT_ES));
    assert!(!page.contains(CONSENT_EN));
    assert!(!page.contains("id=\"consent-text-language\""));

    let res = app
        .post_multipart("/hearings/idiomas/testimony", Some(&page), &typical())
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let t = latest_testimony(&app);
    let history = app
        .db(|c| db::testimony::consent_history(c, t.id.as_str()))
        .unwrap();
    let text = app
        .db(|c| db::hearings::consent_text(c, &history[0].consent_text_id))
        .unwrap();
    assert_eq!(text.lang, "es");
    assert_eq!(text.body, crate::testimony::CONSENT_ES);

    // A French reader: the hearing does not take French, so the first language's text
    // is shown, and the page says so.
    let fr = app.get_in("/hearings/idiomas", "fr").await;
    assert!(fr.contains(CONSENT_EN));
    assert!(
        fr.contains("Ce texte est affiché en English"),
        "{}",
        fr.text()
    );
}
