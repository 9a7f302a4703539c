//! Witnesses' files take a bounded share of memory: while other uploads hold all of it,
//! a testimony is read without its files and the form comes back with everything typed
//! and a request to attach them again; once the memory is free, files are received.

use std::io::Write as _;

use crate::helpers::{Backend, TestApp};
use crate::testimony::{open_hearing, submit_testimony, take_receipt, typical};

/// An upload that announces a large body, sends its first bytes and then stalls,
/// holding its share of the upload memory until the connection is closed.
fn stalled_upload(app: &TestApp, slug: &str) -> std::net::TcpStream {
    let address = app.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let head = format!(
        "POST /hearings/{slug}/testimony HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 900000\r\n\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"big.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&[0xFF; 4096]).unwrap();
    stream.flush().unwrap();
    stream
}

#[actix_web::test]
async fn files_wait_for_room_and_the_witness_keeps_what_they_typed() {
    let Some(app) = TestApp::spawn_with(
        Backend::Sqlite,
        &[
            ("UPR_ATTACHMENT_MAX_MB", "1"),
            ("UPR_ATTACHMENTS_TOTAL_MB", "1"),
            ("UPR_UPLOAD_MEMORY_MB", "1"),
            ("UPR_UPLOAD_WAIT_SECONDS", "1"),
        ],
    )
    .await
    else {
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

    let held = stalled_upload(&app, "memoria");
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
    assert_eq!(busy.status, 422, "{}", busy.text());
    assert!(
        busy.contains("Many people are sending files right now"),
        "{}",
        busy.text()
    );
    assert!(busy.body.contains(&words), "what was typed is kept");

    drop(held);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    let sent = submit_testimony(
        &app.client,
        &app,
        "memoria",
        &fields,
        vec![("photo.jpg", photo)],
    )
    .await;
    take_receipt(&app.client, &app, &sent).await;
    let testimony = crate::testimony::latest_testimony(&app);
    let files = app.db(|c| peoples_upr::db::testimony::attachments_of(c, testimony.id.as_str()));
    assert_eq!(
        files.unwrap().len(),
        1,
        "the file was received once there was room"
    );
}
