//! Witnesses' files take a bounded share of memory: while other uploads hold all of it,
//! a testimony is read without its files and the form comes back with everything typed
//! and a request to attach them again; once the memory is free, files are received.

use std::io::Write as _;

use crate::helpers::{Backend, TestApp};
use crate::testimony::{open_hearing, submit_testimony, take_receipt, typical};

/// An upload that announces a body of `announced` bytes, sends its first bytes and then
/// stalls, holding its share of the upload memory until the connection is closed.
fn stalled_upload(app: &TestApp, slug: &str, announced: usize) -> std::net::TcpStream {
    let address = app.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let head = format!(
        "POST /hearings/{slug}/testimony HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {announced}\r\n\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"big.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&[0xFF; 4096]).unwrap();
    stream.flush().unwrap();
    stream
}

/// A server whose witnesses' files may take at most `memory_mb` of memory, each file and
/// each testimony's files at most 1 MB, and a file waits at most a second for room.
async fn app_with_upload_memory(memory_mb: &str) -> Option<TestApp> {
    TestApp::spawn_with(
        Backend::Sqlite,
        &[
            ("UPR_ATTACHMENT_MAX_MB", "1"),
            ("UPR_ATTACHMENTS_TOTAL_MB", "1"),
            ("UPR_UPLOAD_MEMORY_MB", memory_mb),
            ("UPR_UPLOAD_WAIT_SECONDS", "1"),
        ],
    )
    .await
}

/// The witness is asked to attach their files again, once others have finished.
fn assert_asked_to_try_again(busy: &crate::helpers::Page) {
    assert_eq!(busy.status, 422, "{}", busy.text());
    assert!(
        busy.contains("Many people are sending files right now"),
        "{}",
        busy.text()
    );
}

/// Once the stalled upload is gone, the same testimony with its file goes through.
async fn sent_once_there_is_room(
    app: &TestApp,
    held: std::net::TcpStream,
    slug: &str,
    fields: &[(&str, String)],
    file: (&str, Vec<u8>),
) {
    drop(held);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    let sent = submit_testimony(&app.client, app, slug, fields, vec![file]).await;
    take_receipt(&app.client, app, &sent).await;
    let testimony = crate::testimony::latest_testimony(app);
    let files = app.db(|c| peoples_upr::db::testimony::attachments_of(c, testimony.id.as_str()));
    assert_eq!(
        files.unwrap().len(),
        1,
        "the file was received once there was room"
    );
}

#[actix_web::test]
async fn files_wait_for_room_and_the_witness_keeps_what_they_typed() {
    let Some(app) = app_with_upload_memory("1").await else {
        return;
    };
    open_hearing(&app, "memoria");
    let photo = peoples_upr::attachments::samples::jpeg_plain();
    let mut fields = typical();
    let words = "They kept us in the cold room for three days.".to_string();
    for (k, v) in fields.iter_mut() {
        if *k == "body" {
            *v = words.clone();
        }
    }

    // It announces more than one testimony's files may take: it holds the whole budget.
    let held = stalled_upload(&app, "memoria", 2_000_000);
    // Let the server take the stalled upload's share first.
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    let busy = submit_testimony(
        &app.client,
        &app,
        "memoria",
        &fields,
        vec![("photo.jpg", photo.clone())],
    )
    .await;
    assert_asked_to_try_again(&busy);
    assert!(busy.body.contains(&words), "what was typed is kept");

    sent_once_there_is_room(&app, held, "memoria", &fields, ("photo.jpg", photo)).await;
}

#[actix_web::test]
async fn a_pdf_waits_for_the_room_rewriting_it_takes_where_a_photo_of_its_size_does_not() {
    let Some(app) = app_with_upload_memory("2").await else {
        return;
    };
    open_hearing(&app, "papeles");
    let pdf = peoples_upr::attachments::samples::pdf_of_size(450_000);
    let photo = peoples_upr::attachments::samples::jpeg_of_size(450_000);
    assert!(pdf.len() >= 440_000 && photo.len() >= 440_000);
    let fields = typical();

    // 900 KB of the 2 MB are held by an upload that stalls. A photo of 450 KB is cleaned
    // and sealed where it lies: it fits beside it. A PDF of 450 KB is rewritten, which
    // holds it three times over (1.35 MB): it does not.
    let held = stalled_upload(&app, "papeles", 900_000);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    let sent = submit_testimony(
        &app.client,
        &app,
        "papeles",
        &fields,
        vec![("photo.jpg", photo)],
    )
    .await;
    take_receipt(&app.client, &app, &sent).await;
    let busy = submit_testimony(
        &app.client,
        &app,
        "papeles",
        &fields,
        vec![("statement.pdf", pdf.clone())],
    )
    .await;
    assert_asked_to_try_again(&busy);

    sent_once_there_is_room(&app, held, "papeles", &fields, ("statement.pdf", pdf)).await;
}
