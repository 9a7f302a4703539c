//! The load generator's side: HTTP clients, the loop that drives N clients for T seconds
//! and keeps a latency histogram, and the small HTML readers the phases need.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;

/// One request (or one sequence of requests) a phase repeats; `Err` says what was wrong.
pub type Op = Arc<
    dyn Fn(usize, u64) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send>> + Send + Sync,
>;

/// What a phase measured: correct answers, errors, and the latency of correct answers.
pub struct Stats {
    pub name: String,
    pub clients: usize,
    pub ok: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    pub hist: Histogram<u64>,
    pub elapsed: Duration,
}

impl Stats {
    pub fn new(name: &str, clients: usize) -> Self {
        Stats {
            name: name.to_string(),
            clients,
            ok: 0,
            errors: 0,
            first_error: None,
            hist: histogram(),
            elapsed: Duration::ZERO,
        }
    }

    /// Correct answers per second.
    pub fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.ok as f64 / secs
        } else {
            0.0
        }
    }

    /// A latency percentile in milliseconds.
    pub fn ms(&self, q: f64) -> f64 {
        self.hist.value_at_quantile(q) as f64 / 1000.0
    }

    pub fn record(&mut self, took: Duration) {
        let micros = (took.as_micros() as u64).clamp(1, 600_000_000);
        let _ = self.hist.record(micros);
        self.ok += 1;
    }

    pub fn fail(&mut self, why: String) {
        self.errors += 1;
        if self.first_error.is_none() {
            self.first_error = Some(why);
        }
    }

    pub fn merge(&mut self, other: Stats) {
        self.ok += other.ok;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        let _ = self.hist.add(&other.hist);
    }

    /// One line for the log as the run goes.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{:<44} {:>9.1} req/s  p50 {:>8.2} ms  p99 {:>8.2} ms  ({} ok, {} errors)",
            self.name,
            self.rate(),
            self.ms(0.50),
            self.ms(0.99),
            self.ok,
            self.errors
        );
        if let Some(e) = &self.first_error {
            line.push_str(&format!("\n    first error: {e}"));
        }
        line
    }
}

/// Microseconds from 1 µs to 10 minutes, three significant digits.
fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("histogram bounds")
}

/// A client with its own connection pool (kept alive), cookie jar, and no redirects
/// followed unless `follow` is set. Only 127.0.0.1 is ever asked.
pub fn client(follow: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .no_proxy()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(4)
        .timeout(Duration::from_secs(120))
        .redirect(if follow {
            reqwest::redirect::Policy::limited(3)
        } else {
            reqwest::redirect::Policy::none()
        })
        .build()
        .expect("an HTTP client")
}

/// Run `op` from `clients` concurrent tasks until `seconds` have passed, with a progress
/// bar (unless another phase running at the same time shows one); each task calls
/// `op(client index, iteration)` in a loop.
pub async fn run_phase(name: &str, clients: usize, seconds: u64, op: Op, bar: bool) -> Stats {
    let bar = if bar {
        indicatif::ProgressBar::new(seconds)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:<44} {wide_bar} {pos}/{len} s")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(name.to_string());
    let done = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut tasks = Vec::with_capacity(clients);
    for i in 0..clients {
        let op = op.clone();
        let done = done.clone();
        let name = name.to_string();
        tasks.push(tokio::spawn(async move {
            let mut stats = Stats::new(&name, 1);
            let mut n = 0;
            while Instant::now() < deadline {
                let t = Instant::now();
                match op(i, n).await {
                    Ok(()) => stats.record(t.elapsed()),
                    Err(e) => stats.fail(e),
                }
                n += 1;
                done.fetch_add(1, Ordering::Relaxed);
            }
            stats
        }));
    }
    let ticker = {
        let bar = bar.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(250)).await;
                bar.set_position(start.elapsed().as_secs().min(seconds));
            }
        })
    };
    let mut total = Stats::new(name, clients);
    for t in tasks {
        match t.await {
            Ok(s) => total.merge(s),
            Err(e) => total.fail(format!("a client task ended: {e}")),
        }
    }
    total.elapsed = start.elapsed();
    ticker.abort();
    bar.finish_and_clear();
    eprintln!("{}", total.summary());
    total
}

/// The value of the first `<input name="{name}" value="...">` on a page, unescaped.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[at..tag_end];
    let v = tag.find("value=\"")? + "value=\"".len();
    let len = tag[v..].find('"')?;
    Some(unescape(&tag[v..v + len]))
}

fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&#43;", "+")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// GET a page and check its status is 200 and its body contains `marker`.
pub async fn get_page(client: &reqwest::Client, url: &str, marker: &str) -> Result<String, String> {
    let res = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("GET {url}: {e}"))?;
    let status = res.status().as_u16();
    let body = res.text().await.map_err(|e| format!("GET {url}: {e}"))?;
    check(url, status, &body, marker)?;
    Ok(body)
}

/// A status of 200 and the marker in the body, or what was wrong.
pub fn check(what: &str, status: u16, body: &str, marker: &str) -> Result<(), String> {
    if status != 200 {
        return Err(format!("{what}: status {status}: {}", excerpt(body)));
    }
    if !body.contains(marker) {
        return Err(format!(
            "{what}: no {marker:?} in the page: {}",
            excerpt(body)
        ));
    }
    Ok(())
}

/// The start of the page's error summary if it has one, else the start of the page.
pub fn excerpt(body: &str) -> String {
    let from = body.find("class=\"error-summary\"").unwrap_or(0);
    let text: String = body[from..]
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, t)| t.trim()))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    text.chars().take(300).collect()
}
