//! Public pages served from a shared copy: each visitor still gets their own
//! anti-forgery token and a new submission key, signed-in staff get their own page, and
//! a change staff post shows on the next request.

use peoples_upr::domain::account::Role;

use crate::both_databases;
use crate::hearings::{create, login_as};
use crate::hearings_lifecycle::post_status;
use crate::helpers::{TestApp, get_with};
use crate::testimony::{open_hearing, submit_testimony, take_receipt, typical};

both_databases!(
    a_shared_form_page_carries_each_visitors_token_and_a_new_key,
    signed_in_staff_get_their_own_page,
    a_change_staff_post_shows_on_the_next_request,
    a_form_sent_after_staff_close_the_hearing_is_refused,
);

async fn a_shared_form_page_carries_each_visitors_token_and_a_new_key(app: TestApp) {
    open_hearing(&app, "compartida");
    let first = app.get("/hearings/compartida").await;
    let again = app.get("/hearings/compartida").await;
    assert_eq!(first.csrf(), again.csrf(), "the visitor's own token");
    let key = |p: &crate::helpers::Page| p.field_value("submission_key").unwrap_or_default();
    assert_eq!(key(&first).len(), key(&again).len());
    assert!(!key(&first).is_empty());
    assert_ne!(key(&first), key(&again), "every form gets a new key");
    assert!(!again.body.contains('\u{1}'), "no slot is left unfilled");

    let other = app.other_client();
    let theirs = get_with(&other, &app.url("/hearings/compartida")).await;
    assert_ne!(
        theirs.csrf(),
        first.csrf(),
        "another visitor, another token"
    );

    // Both visitors' forms are accepted: each token is the one their cookie expects.
    let mine = submit_testimony(&app.client, &app, "compartida", &typical(), vec![]).await;
    let yours = submit_testimony(&other, &app, "compartida", &typical(), vec![]).await;
    let a = take_receipt(&app.client, &app, &mine).await;
    let b = take_receipt(&other, &app, &yours).await;
    assert_ne!(a, b, "two testimonies, two receipts");
}

async fn signed_in_staff_get_their_own_page(app: TestApp) {
    open_hearing(&app, "personal");
    let visitor = app.other_client();
    let public = get_with(&visitor, &app.url("/hearings")).await;
    assert!(public.contains("Hearing personal"));
    assert!(!public.body.contains("/logout"));
    login_as(&app, "ines@example.org", Role::Editor).await;
    let staff = app.get("/hearings").await;
    assert!(staff.contains("Hearing personal"));
    assert!(
        staff.body.contains("/logout"),
        "the staff member's own header"
    );
    assert!(staff.contains("ines@example.org"));
    let again = get_with(&visitor, &app.url("/hearings")).await;
    assert!(
        !again.contains("ines@example.org"),
        "nothing of theirs is shared"
    );
}

async fn a_change_staff_post_shows_on_the_next_request(app: TestApp) {
    login_as(&app, "olga@example.org", Role::Organizer).await;
    let id = create(&app, &[]).await;
    assert_eq!(post_status(&app, &id, "open").await.status, 303);
    let visitor = app.other_client();
    let list = get_with(&visitor, &app.url("/hearings")).await;
    assert!(list.contains("Hearing in El Paso"));
    let page = get_with(&visitor, &app.url("/hearings/el-paso-2026")).await;
    assert_eq!(page.status, 200);

    assert_eq!(post_status(&app, &id, "closed").await.status, 303);
    assert_eq!(post_status(&app, &id, "archived").await.status, 303);
    let list = get_with(&visitor, &app.url("/hearings")).await;
    assert!(
        !list.contains("Hearing in El Paso"),
        "archived: gone at once"
    );
    let page = get_with(&visitor, &app.url("/hearings/el-paso-2026")).await;
    assert_eq!(page.status, 404);
}

/// The hearing a submission is checked against is kept a few seconds like the pages, and
/// dropped with them when staff change something.
async fn a_form_sent_after_staff_close_the_hearing_is_refused(app: TestApp) {
    let id = open_hearing(&app, "cierre");
    let visitor = app.other_client();
    let page = get_with(&visitor, &app.url("/hearings/cierre")).await;
    assert!(!page.csrf().is_empty(), "the form is shown");
    login_as(&app, "ada@example.org", Role::Admin).await;
    assert_eq!(post_status(&app, &id, "closed").await.status, 303);

    let mut form = page.form_keys().text("website", "");
    for (k, v) in typical() {
        form = form.text(k, v);
    }
    let late = visitor
        .post(app.url("/hearings/cierre/testimony"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(late.status().as_u16(), 409);
    let body = late.text().await.unwrap();
    assert!(body.contains("This hearing no longer accepts testimony"));
}
