//! Bad input at scale: random and malformed posts to the public testimony form and the
//! receipt check (invalid UTF-8, huge fields, missing and unknown fields, duplicated
//! keys, wrong types and content types) never produce a server error, and the server
//! keeps serving other visitors throughout. Seeded, so a failure can be replayed.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::helpers::{Backend, TestApp, get_with};

const FIELDS: &[&str] = &[
    "csrf_token",
    "consent_text_id",
    "body",
    "witness_role",
    "place_state",
    "place_city",
    "period_from",
    "period_to",
    "themes",
    "language",
    "name",
    "email",
    "phone",
    "consent",
    "redact_name",
    "redact_terms",
    "code",
    "attachments",
];

/// Bytes a field may hold: plausible, empty, invalid UTF-8, control characters,
/// huge, or markup.
fn value(rng: &mut StdRng) -> Vec<u8> {
    match rng.gen_range(0..8) {
        0 => Vec::new(),
        1 => vec![0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1],
        2 => "\u{0}\u{1}\r\n\t\u{202e}".as_bytes().to_vec(),
        3 => vec![b'x'; rng.gen_range(60_000..400_000)],
        4 => b"<script>alert(1)</script>&amp;%00%ZZ".to_vec(),
        5 => rng
            .gen_range(-1_000_000i64..1_000_000)
            .to_string()
            .into_bytes(),
        6 => [
            "publish",
            "quote",
            "2025-13",
            "es",
            "immigration-detention",
            "A123456789",
        ][rng.gen_range(0..6)]
        .as_bytes()
        .to_vec(),
        _ => (0..rng.gen_range(1..64))
            .map(|_| rng.r#gen::<u8>())
            .collect(),
    }
}

fn urlencoded(fields: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        out.extend(k.as_bytes());
        out.push(b'=');
        for b in v {
            if b.is_ascii_alphanumeric() {
                out.push(*b);
            } else {
                out.extend(format!("%{b:02X}").as_bytes());
            }
        }
    }
    out
}

fn multipart(fields: &[(String, Vec<u8>)], boundary: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"").as_bytes(),
        );
        if k == "attachments" {
            out.extend(b"; filename=\"x.pdf\"\r\nContent-Type: application/pdf");
        }
        out.extend(b"\r\n\r\n");
        out.extend(v);
        out.extend(b"\r\n");
    }
    out.extend(format!("--{boundary}--\r\n").as_bytes());
    out
}

#[actix_web::test]
async fn random_and_malformed_public_posts_never_break_the_server() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    crate::testimony::open_hearing(&app, "fuzz");
    let form = get_with(&app.client, &app.url("/hearings/fuzz")).await;
    let csrf = form.csrf();
    let seed: u64 = std::env::var("UPR_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261123);
    let mut rng = StdRng::seed_from_u64(seed);
    let bystander = app.other_client();
    for round in 0..300 {
        let mut fields: Vec<(String, Vec<u8>)> = Vec::new();
        for _ in 0..rng.gen_range(0..12) {
            let name = if rng.gen_bool(0.9) {
                FIELDS[rng.gen_range(0..FIELDS.len())].to_string()
            } else {
                format!("unknown{}", rng.gen_range(0..5))
            };
            fields.push((name, value(&mut rng)));
        }
        if rng.gen_bool(0.5) {
            fields.push(("csrf_token".into(), csrf.clone().into_bytes()));
        }
        let path = if rng.gen_bool(0.6) {
            "/hearings/fuzz/testimony"
        } else {
            "/check"
        };
        let boundary = "fuzzBOUNDARY42";
        let (content_type, body) = match rng.gen_range(0..5) {
            0 => (
                "application/x-www-form-urlencoded".to_string(),
                urlencoded(&fields),
            ),
            1 => (
                format!("multipart/form-data; boundary={boundary}"),
                multipart(&fields, boundary),
            ),
            2 => (
                "multipart/form-data".to_string(),
                multipart(&fields, boundary),
            ),
            3 => (
                "application/json".to_string(),
                b"{\"body\": [1, 2, {\"x\": null}]}".to_vec(),
            ),
            _ => ("text/plain; charset=utf-8".to_string(), value(&mut rng)),
        };
        let res = app
            .client
            .post(app.url(path))
            .header("content-type", content_type.clone())
            .body(body)
            .send()
            .await;
        if let Ok(res) = res {
            let status = res.status().as_u16();
            assert!(
                status < 500,
                "round {round} (seed {seed}): {path} with {content_type} gave {status}"
            );
        }
        if round % 25 == 0 {
            let home = get_with(&bystander, &app.url("/hearings/fuzz")).await;
            assert_eq!(
                home.status, 200,
                "round {round}: another visitor is still served"
            );
        }
    }
    let page = get_with(&bystander, &app.url("/check")).await;
    assert_eq!(page.status, 200);
}
