//! Who runs this site: administrators set the organisation's name, description, contact
//! and privacy notice per language; visitors read them on `/about` and `/privacy`, in
//! their language, and see the name and both links in every page's footer.

use peoples_upr::domain::account::{Email, Role};
use peoples_upr::domain::organisation::{OrgTexts, Organisation};
use peoples_upr::i18n::Lang;

use crate::both_databases;
use crate::helpers::{Page, TestApp, get_with};
use crate::routes_table::{Public, Route, Staff, r};

pub const ROUTES: &[Route] = &[
    r("GET", "/about", Public),
    r("GET", "/privacy", Public),
    r("GET", "/admin/organisation", Staff(&[Role::Admin])),
    r("POST", "/admin/organisation", Staff(&[Role::Admin])),
];

both_databases!(
    a_fresh_install_shows_the_defaults_in_every_language,
    admin_sets_two_languages_and_visitors_read_them_in_theirs,
    bad_input_comes_back_with_messages_and_everything_typed,
    every_public_page_names_the_organisation_and_links_about_and_privacy,
    settings_saved_elsewhere_show_once_the_admin_page_reads_them,
);

/// A phrase of each language's default privacy notice.
const DEFAULT_NOTICE: [(&str, &str); 4] = [
    ("en", "Who can read your testimony"),
    ("es", "Quién puede leer su testimonio"),
    ("fr", "Qui peut lire votre témoignage"),
    ("ht", "Kiyès ki ka li temwayaj ou"),
];

const NOTICE_EN: &str =
    "Only two of us read testimony.\n\nWe delete contact details after 90 days.";
const NOTICE_ES: &str =
    "Solo dos personas leen los testimonios.\n\nBorramos los datos de contacto a los 90 días.";

/// The paragraphs of the page's main text.
fn paragraphs(page: &Page) -> Vec<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("main .notice-text p").unwrap();
    doc.select(&sel)
        .map(|p| p.text().collect::<String>().trim().to_string())
        .collect()
}

/// The footer's text and whether it links to `/about` and `/privacy`.
fn footer(page: &Page) -> (String, bool) {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("footer.site-footer").unwrap();
    let Some(footer) = doc.select(&sel).next() else {
        return (String::new(), false);
    };
    let text = footer.text().collect::<Vec<_>>().join(" ");
    let links = scraper::Selector::parse("a[href]").unwrap();
    let hrefs: Vec<_> = footer
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    let linked = hrefs.contains(&"/about") && hrefs.contains(&"/privacy");
    (
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        linked,
    )
}

/// GET as `client`, with a browser set to `lang`.
async fn get_in_with(client: &reqwest::Client, url: String, lang: String) -> Page {
    let res = client
        .get(url)
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    Page {
        status,
        headers,
        body: res.text().await.unwrap(),
    }
}

async fn login_admin(app: &TestApp) {
    app.create_user("admin@example.org", Role::Admin);
    app.login("admin@example.org").await;
}

async fn a_fresh_install_shows_the_defaults_in_every_language(app: TestApp) {
    let about = app.get_in("/about", "en").await;
    assert_eq!(about.status, 200);
    assert!(about.contains("This site is run by People's UPR."));
    assert!(about.contains("The organisers have not published a contact address yet."));
    assert!(about.contains("People's Universal Periodic Review"));
    for (lang, phrase) in DEFAULT_NOTICE {
        let page = app.get_in("/privacy", lang).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&format!("lang=\"{lang}\"")));
        let text = paragraphs(&page).join("\n");
        assert!(text.starts_with(phrase), "{lang}: {text}");
        assert!(paragraphs(&page).len() >= 5, "{lang}: paragraphs kept");
    }
    let es = app.get_in("/about", "es").await;
    assert!(es.contains("Este sitio lo administra EPU del Pueblo."));
}

async fn admin_sets_two_languages_and_visitors_read_them_in_theirs(app: TestApp) {
    login_admin(&app).await;
    let page = app.get("/staff").await;
    assert!(page.body.contains("href=\"/admin/organisation\""));
    let page = app.get("/admin/organisation").await;
    assert_eq!(page.status, 200);
    assert!(page.contains("Nothing has been saved yet"));
    assert!(page.contains("Left empty, visitors reading Spanish see “EPU del Pueblo”."));

    let saved = app
        .submit(
            "/admin/organisation",
            "/admin/organisation",
            &[
                ("contact_email", "Contact@Border-Witness.example.org"),
                ("contact_other", "PO Box 12, El Paso, TX"),
                ("name_en", "Border Witness Project"),
                (
                    "description_en",
                    "We listen to people at the border.\n\nWe are <b>volunteers</b>.",
                ),
                ("privacy_en", NOTICE_EN),
                ("name_es", "Proyecto Testigos de la Frontera"),
                ("description_es", "Escuchamos a la gente en la frontera."),
                ("privacy_es", NOTICE_ES),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(saved.location(), Some("/admin/organisation"));
    let page = app.get("/admin/organisation").await;
    assert!(page.contains("Saved."));
    assert!(page.contains("Last saved"));
    assert_eq!(
        page.field_value("contact_email").as_deref(),
        Some("contact@border-witness.example.org")
    );
    assert_eq!(page.field_value("privacy_es").as_deref(), Some(NOTICE_ES));
    assert_eq!(page.field_value("name_fr").as_deref(), Some(""));

    // An anonymous visitor, in English.
    let visitor = app.other_client();
    let get_in = |path: &str, lang: &str| get_in_with(&visitor, app.url(path), lang.to_string());
    let about = get_in("/about", "en").await;
    assert!(about.contains("This site is run by Border Witness Project."));
    assert_eq!(
        paragraphs(&about)[..2],
        [
            "We listen to people at the border.".to_string(),
            "We are <b>volunteers</b>.".to_string()
        ]
    );
    assert!(
        !about.body.contains("<b>volunteers"),
        "administrators' text is escaped"
    );
    assert!(
        about
            .body
            .contains("href=\"mailto:contact@border-witness.example.org\"")
    );
    assert!(about.contains("PO Box 12, El Paso, TX"));
    let privacy = get_in("/privacy", "en").await;
    assert_eq!(
        paragraphs(&privacy),
        [
            "Only two of us read testimony.",
            "We delete contact details after 90 days."
        ]
    );
    assert!(privacy.contains("How Border Witness Project treats what you give"));

    // In Spanish: the Spanish texts.
    let about = get_in("/about", "es").await;
    assert!(about.contains("Este sitio lo administra Proyecto Testigos de la Frontera."));
    assert!(about.contains("Escuchamos a la gente en la frontera."));
    assert!(
        about.contains("PO Box 12, El Paso, TX"),
        "the contact is shared"
    );
    let privacy = get_in("/privacy", "es").await;
    assert_eq!(
        paragraphs(&privacy),
        [
            "Solo dos personas leen los testimonios.",
            "Borramos los datos de contacto a los 90 días."
        ]
    );

    // French and Haitian Creole were left empty: their own defaults, never the English.
    for (lang, name) in [("fr", "EPU du Peuple"), ("ht", "EPU Pèp la")] {
        let about = get_in("/about", lang).await;
        assert!(about.contains(name), "{lang}: {}", about.text());
        assert!(!about.contains("Border Witness Project"));
        assert!(!about.contains("We listen"));
        let privacy = get_in("/privacy", lang).await;
        let phrase = DEFAULT_NOTICE.iter().find(|(l, _)| *l == lang).unwrap().1;
        assert!(paragraphs(&privacy)[0].starts_with(phrase));
        assert!(!privacy.contains("Only two of us"));
    }
}

async fn bad_input_comes_back_with_messages_and_everything_typed(app: TestApp) {
    login_admin(&app).await;
    let long_name = "N".repeat(121);
    let long_notice = "x".repeat(20_001);
    let page = app
        .submit(
            "/admin/organisation",
            "/admin/organisation",
            &[
                ("contact_email", "not an email"),
                ("contact_other", "Kept other contact"),
                ("name_en", "Kept name"),
                ("description_en", "Kept description"),
                ("name_es", &long_name),
                ("privacy_fr", &long_notice),
                ("privacy_ht", "Kept notice\n\nin two paragraphs"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("class=\"error-summary\""));
    assert!(page.contains("Enter an email address like name@example.org."));
    assert!(
        page.contains("The name in Spanish is too long: use at most 120 characters (it has 121).")
    );
    assert!(page.contains(
        "The privacy notice in French is too long: use at most 20,000 characters (it has 20,001)."
    ));
    assert_eq!(
        page.field_value("contact_email").as_deref(),
        Some("not an email")
    );
    assert_eq!(
        page.field_value("contact_other").as_deref(),
        Some("Kept other contact")
    );
    assert_eq!(page.field_value("name_en").as_deref(), Some("Kept name"));
    assert_eq!(
        page.field_value("description_en").as_deref(),
        Some("Kept description")
    );
    assert_eq!(page.field_value("name_es"), Some(long_name));
    assert_eq!(page.field_value("privacy_fr"), Some(long_notice));
    assert_eq!(
        page.field_value("privacy_ht").as_deref(),
        Some("Kept notice\n\nin two paragraphs")
    );
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("#name_es").unwrap();
    let input = doc.select(&sel).next().unwrap();
    assert_eq!(input.value().attr("aria-invalid"), Some("true"));
    assert!(
        input
            .value()
            .attr("aria-describedby")
            .unwrap()
            .contains("name_es-error")
    );

    // The email is required; nothing was saved by the refused posts.
    let page = app
        .submit(
            "/admin/organisation",
            "/admin/organisation",
            &[("name_en", "Kept name")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.contains("Enter an email address where witnesses and others can write"));
    assert_eq!(page.field_value("name_en").as_deref(), Some("Kept name"));
    let stored = app.db(peoples_upr::db::organisation::contact).unwrap();
    assert!(stored.is_none());
    assert!(
        app.get_in("/about", "en")
            .await
            .contains("run by People's UPR")
    );
}

/// Save settings directly, as an administrator of another instance would.
fn save_directly(app: &TestApp, names: &[(Lang, &str)]) -> Organisation {
    let admin = app.create_user("elsewhere@example.org", Role::Admin);
    let settings = Organisation {
        contact_email: Some(Email::parse("team@example.org").unwrap()),
        texts: names
            .iter()
            .map(|(lang, name)| {
                (
                    *lang,
                    OrgTexts {
                        name: name.to_string(),
                        ..Default::default()
                    },
                )
            })
            .collect(),
        ..Default::default()
    };
    app.db(|c| peoples_upr::service::organisation::save(c, &settings, &admin))
        .unwrap()
}

async fn every_public_page_names_the_organisation_and_links_about_and_privacy(app: TestApp) {
    crate::testimony::open_hearing(&app, "footer");
    let saved = save_directly(
        &app,
        &[(Lang::En, "Border Witness Project"), (Lang::Es, "Testigos")],
    );
    app.state.organisation.set(saved);
    let paths = [
        "/",
        "/hearings",
        "/hearings/footer",
        "/check",
        "/receipt",
        "/about",
        "/privacy",
        "/no-such-page",
    ];
    for (lang, expected) in [
        ("en", "This site is run by Border Witness Project."),
        ("es", "Este sitio lo administra Testigos."),
        ("fr", "Ce site est géré par EPU du Peuple."),
        ("ht", "Se EPU Pèp la ki jere sit sa a."),
    ] {
        for path in paths {
            let page = app.get_in(path, lang).await;
            let (text, linked) = footer(&page);
            assert!(text.contains(expected), "{lang} {path}: footer says {text}");
            assert!(linked, "{lang} {path}: footer links /about and /privacy");
        }
    }
    // Staff pages share the footer, in English whatever the visitor's language.
    for path in ["/login", "/password/forgot"] {
        let (text, linked) = footer(&app.get_in(path, "es").await);
        assert!(
            text.contains("This site is run by Border Witness Project.") && linked,
            "{path}: {text}"
        );
    }
    login_admin(&app).await;
    let (text, linked) = footer(&app.get_in("/staff", "en").await);
    assert!(text.contains("Border Witness Project") && linked);
}

async fn settings_saved_elsewhere_show_once_the_admin_page_reads_them(app: TestApp) {
    login_admin(&app).await;
    save_directly(&app, &[(Lang::En, "Saved Elsewhere")]);
    let page = app.get("/admin/organisation").await;
    assert_eq!(
        page.field_value("name_en").as_deref(),
        Some("Saved Elsewhere")
    );
    assert_eq!(
        page.field_value("contact_email").as_deref(),
        Some("team@example.org")
    );
    let about = get_with(&app.other_client(), &app.url("/about")).await;
    assert!(about.contains("This site is run by Saved Elsewhere."));
}
