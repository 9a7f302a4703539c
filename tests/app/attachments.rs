//! Witnesses' files: checked by their content and the limits, stripped of what they say
//! about where and by whom they were made, and stored sealed.

use peoples_upr::db;

use crate::both_databases;
use crate::helpers::TestApp;
use crate::testimony::{latest_testimony, open_hearing, submit_testimony, take_receipt, typical};

both_databases!(attachments_are_checked_by_content_and_limits_and_stripped);

async fn attachments_are_checked_by_content_and_limits_and_stripped(app: TestApp) {
    let limits = [
        ("UPR_ATTACHMENT_MAX_MB", "1"),
        ("UPR_ATTACHMENTS_MAX_FILES", "2"),
    ];
    let Some(app) = TestApp::spawn_with(app.backend, &limits).await else {
        return;
    };
    open_hearing(&app, "files");
    let jpeg = peoples_upr::attachments::samples::jpeg_with_gps();

    let exe = b"MZ\x90\x00\x03\x00\x00\x00 this is a program".to_vec();
    let res = submit_testimony(
        &app.client,
        &app,
        "files",
        &typical(),
        vec![("photo.jpg", exe)],
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.contains("“photo.jpg” is not a picture or a PDF."));
    assert!(res.contains("Please choose your files again"));
    assert!(res.field_value("body").unwrap().contains("nine days"));

    let big = {
        let mut b = jpeg.clone();
        b.resize(1024 * 1024 + 10, 0);
        b
    };
    let res = submit_testimony(
        &app.client,
        &app,
        "files",
        &typical(),
        vec![("big.jpg", big)],
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.contains("“big.jpg” is larger than 1 MB."));
    assert_eq!(res.field_value("name").as_deref(), Some("Rosa Martínez"));

    let three = vec![
        ("a.jpg", jpeg.clone()),
        ("b.jpg", jpeg.clone()),
        ("c.jpg", jpeg.clone()),
    ];
    let res = submit_testimony(&app.client, &app, "files", &typical(), three).await;
    assert_eq!(res.status, 422);
    assert!(res.contains("Attach at most 2 files."));

    let pdf = peoples_upr::attachments::samples::pdf_with_author();
    let res = submit_testimony(
        &app.client,
        &app,
        "files",
        &typical(),
        vec![("gps.jpg", jpeg), ("letter.pdf", pdf)],
    )
    .await;
    take_receipt(&app.client, &app, &res).await;
    let t = latest_testimony(&app);
    let files = app
        .db(|c| db::testimony::attachments_of(c, t.id.as_str()))
        .unwrap();
    assert_eq!(files.len(), 2);
    let image = files
        .iter()
        .find(|f| f.content_type == "image/jpeg")
        .unwrap();
    let image_id = peoples_upr::domain::ids::AttachmentId::from(image.id.as_str());
    let stored_raw = std::fs::read(peoples_upr::attachments::path(
        app.data_dir.path(),
        &t.id,
        &image_id,
    ))
    .unwrap();
    assert!(
        !String::from_utf8_lossy(&stored_raw).contains("JFIF"),
        "stored encrypted"
    );
    let stored =
        peoples_upr::attachments::load(app.data_dir.path(), &app.org, &t.id, &image_id).unwrap();
    let text = String::from_utf8_lossy(&stored);
    assert!(
        !text.contains("GPSLatitude") && !text.contains("Exif"),
        "location removed"
    );
    assert!(stored.starts_with(&[0xFF, 0xD8]));
    assert!(files.iter().any(|f| f.content_type == "application/pdf"));
}
