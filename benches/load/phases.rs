//! What each phase does, as an [`Op`]: fetch a page and check it, give testimony through
//! the form, sign in, upload.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::multipart::{Form, Part};

use crate::client::{Op, check, client, excerpt, get_page, input_value};

/// Markers that show a page is the right one and complete.
pub const HOME: &str = "href=\"/hearings\"";
pub const HEARINGS: &str = "href=\"/hearings/";
pub const FORM: &str = "name=\"submission_key\"";
pub const RECEIPT: &str = "id=\"print-receipt\"";
pub const QUEUE: &str = "/staff/testimony/";
pub const SEARCH: &str = "class=\"search-results\"";
pub const STYLESHEET: &str = "body";

/// GET `url` from one of `clients` and check the page has `marker`.
pub fn page(clients: &Arc<Vec<reqwest::Client>>, url: String, marker: &'static str) -> Op {
    let clients = clients.clone();
    Arc::new(move |i, _| {
        let client = clients[i % clients.len()].clone();
        let url = url.clone();
        Box::pin(async move { get_page(&client, &url, marker).await.map(|_| ()) })
    })
}

/// Each simulated witness gives its own address: the server throttles submissions per
/// address, and trusts `X-Forwarded-For` in this run.
fn next_address(counter: &AtomicU64) -> String {
    let n = counter.fetch_add(1, Ordering::Relaxed);
    format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255)
}

/// A complete submission: fetch the form, then post it (multipart, as a browser does)
/// with its anti-forgery token, and count it when the receipt page comes back.
/// With `attachment`, each submission also carries that file.
pub fn submission(base: &str, slug: &str, clients: usize, attachment: Option<&'static [u8]>) -> Op {
    let clients: Arc<Vec<reqwest::Client>> = Arc::new((0..clients).map(|_| client(true)).collect());
    let form_url = format!("{base}/hearings/{slug}");
    let post_url = format!("{form_url}/testimony");
    let addresses = Arc::new(AtomicU64::new(1));
    Arc::new(move |i, n| {
        let client = clients[i].clone();
        let (form_url, post_url) = (form_url.clone(), post_url.clone());
        let address = next_address(&addresses);
        Box::pin(async move {
            let page = get_page(&client, &form_url, FORM).await?;
            let field = |name: &str| {
                input_value(&page, name).ok_or_else(|| format!("no {name} on the form"))
            };
            let mut form = Form::new()
                .text("csrf_token", field("csrf_token")?)
                .text("consent_text_id", field("consent_text_id")?)
                .text("submission_key", field("submission_key")?)
                .text("website", "");
            for (k, v) in testimony(i, n, field("themes")?) {
                form = form.text(k, v);
            }
            if let Some(bytes) = attachment {
                form = form.part(
                    "attachments",
                    Part::bytes(bytes)
                        .file_name("photo.png")
                        .mime_str("image/png")
                        .map_err(|e| e.to_string())?,
                );
            }
            let res = client
                .post(&post_url)
                .header("X-Forwarded-For", address)
                .multipart(form)
                .send()
                .await
                .map_err(|e| format!("POST {post_url}: {e}"))?;
            let status = res.status().as_u16();
            let body = res.text().await.map_err(|e| e.to_string())?;
            check("the receipt", status, &body, RECEIPT)
        })
    })
}

/// A typical testimony, a little different each time, under one of the form's themes.
fn testimony(client: usize, n: u64, theme: String) -> Vec<(&'static str, String)> {
    vec![
        (
            "body",
            format!(
                "They kept us in a cold room for nine days (visit {n} of witness {client}).\n\n\
                 My son was sick and saw no doctor."
            ),
        ),
        ("witness_role", "directly-affected".into()),
        ("place_state", "Texas".into()),
        ("place_city", "El Paso".into()),
        ("period_from", "2025-03".into()),
        ("period_to", "2025-04".into()),
        ("themes", theme),
        ("language", "en".into()),
        ("name", "Rosa Martínez".into()),
        ("email", format!("witness{client}-{n}@example.org")),
        ("phone", "+1 915 555 0100".into()),
        ("consent", "publish".into()),
        ("consent", "quote".into()),
        ("consent", "contact".into()),
        ("redact_name", "1".into()),
        ("redact_places", "1".into()),
        ("redact_terms", "Calle Oregon\nTío Beto".into()),
    ]
}

/// One sign-in as a fresh browser would: GET /login for the token, then POST the
/// password; counted when the server answers with the redirect into the staff pages.
pub async fn login(base: &str, email: &str, password: &str) -> Result<reqwest::Client, String> {
    let client = client(false);
    let page = get_page(&client, &format!("{base}/login"), "name=\"password\"").await?;
    let csrf = input_value(&page, "csrf_token").ok_or("no token on the login page")?;
    let res = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", email),
            ("password", password),
            ("next", ""),
        ])
        .send()
        .await
        .map_err(|e| format!("POST /login: {e}"))?;
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("Location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if status != 303 || !location.starts_with("/staff") {
        let body = res.text().await.unwrap_or_default();
        return Err(format!(
            "login: status {status} to {location:?}: {}",
            excerpt(&body)
        ));
    }
    Ok(client)
}

/// Repeated sign-ins of the demo editor, each from a fresh browser.
pub fn logins(base: &str, email: &str, password: &str) -> Op {
    let (base, email, password) = (base.to_string(), email.to_string(), password.to_string());
    Arc::new(move |_, _| {
        let (base, email, password) = (base.clone(), email.clone(), password.clone());
        Box::pin(async move { login(&base, &email, &password).await.map(|_| ()) })
    })
}

/// The first hearing on the public list whose page has the testimony form.
pub async fn open_hearing(base: &str) -> Result<String, String> {
    let c = client(true);
    let list = get_page(&c, &format!("{base}/hearings"), HEARINGS).await?;
    for part in list.split("href=\"/hearings/").skip(1) {
        let Some(slug) = part.split('"').next() else {
            continue;
        };
        if get_page(&c, &format!("{base}/hearings/{slug}"), FORM)
            .await
            .is_ok()
        {
            return Ok(slug.to_string());
        }
    }
    Err("no hearing on /hearings takes testimony".into())
}

/// Bytes of a response body as sent: with `gzip`, the server may compress it, and the
/// client (built without decompression) counts the compressed bytes.
pub async fn transferred(url: &str, gzip: bool) -> Result<(usize, bool), String> {
    let c = client(true);
    let mut req = c.get(url);
    if gzip {
        req = req.header("Accept-Encoding", "gzip");
    }
    let res = req.send().await.map_err(|e| e.to_string())?;
    let compressed = res
        .headers()
        .get("Content-Encoding")
        .is_some_and(|v| v.as_bytes() == b"gzip");
    let body = res.bytes().await.map_err(|e| e.to_string())?;
    Ok((body.len(), compressed))
}
