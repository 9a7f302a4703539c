//! The two yardsticks the server is compared with: a bare actix-web "hello world" and a
//! loop of raw durable inserts into the server's own database. Also the valid PNG the
//! upload flood sends.

use std::time::{Duration, Instant};

use diesel::sql_types::Text;
use diesel::{Connection as _, RunQueryDsl as _};
use peoples_upr::db::{DatabaseUrl, DbConn};

use crate::client::Stats;

/// A bare actix-web app with one handler, on a free port of 127.0.0.1, with `workers`
/// workers, in its own thread. Returns its address and the handle that stops it.
pub fn hello_world(workers: usize) -> anyhow::Result<(String, actix_web::dev::ServerHandle)> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ran = actix_web::rt::System::new().block_on(async move {
            let server = actix_web::HttpServer::new(|| {
                actix_web::App::new()
                    .route("/", actix_web::web::get().to(|| async { "Hello world!" }))
            })
            .workers(workers)
            .bind("127.0.0.1:0")?;
            let addr = server.addrs()[0];
            let running = server.run();
            let _ = tx.send((format!("http://{addr}"), running.handle()));
            running.await
        });
        if let Err(e) = ran {
            eprintln!("the hello-world server stopped: {e}");
        }
    });
    Ok(rx.recv_timeout(Duration::from_secs(30))?)
}

/// How the raw inserts were made, for the output.
pub fn raw_insert_writers(url: &DatabaseUrl, clients: usize) -> usize {
    match url {
        // SQLite has one writer at a time: more threads only wait for the lock.
        DatabaseUrl::Sqlite(_) => 1,
        DatabaseUrl::Postgres(_) => clients.min(10),
    }
}

/// Single-row inserts, each its own committed transaction, into a scratch table of the
/// server's database, through the application's own pool (so with the same PRAGMAs),
/// from `writers` threads for `seconds` seconds.
pub fn raw_inserts(url: &DatabaseUrl, writers: usize, seconds: u64) -> anyhow::Result<Stats> {
    let pool = peoples_upr::db::connect(url)?;
    let mut conn = pool.get()?;
    let create = "CREATE TABLE IF NOT EXISTS load_scratch \
                  (id TEXT PRIMARY KEY, body TEXT NOT NULL, made_at TEXT NOT NULL)";
    match &mut *conn {
        DbConn::Sqlite(c) => diesel::sql_query(create).execute(c)?,
        DbConn::Pg(c) => diesel::sql_query(create).execute(c)?,
    };
    drop(conn);
    let name = format!("raw durable inserts ({writers} writer(s))");
    eprintln!("{name}: {seconds} s...");
    let body = "They kept us in a cold room for nine days. ".repeat(8);
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let threads: Vec<_> = (0..writers)
        .map(|_| {
            let pool = pool.clone();
            let body = body.clone();
            let name = name.clone();
            std::thread::spawn(move || {
                let mut stats = Stats::new(&name, 1);
                let mut conn = match pool.get() {
                    Ok(c) => c,
                    Err(e) => {
                        stats.fail(e.to_string());
                        return stats;
                    }
                };
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match insert(&mut conn, &body) {
                        Ok(()) => stats.record(t.elapsed()),
                        Err(e) => stats.fail(e.to_string()),
                    }
                }
                stats
            })
        })
        .collect();
    let mut total = Stats::new(&name, writers);
    for t in threads {
        match t.join() {
            Ok(s) => total.merge(s),
            Err(_) => total.fail("a writer thread panicked".into()),
        }
    }
    total.elapsed = start.elapsed();
    eprintln!("{}", total.summary());
    Ok(total)
}

fn insert(conn: &mut DbConn, body: &str) -> diesel::QueryResult<()> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = chrono::Utc::now().to_rfc3339();
    let sql = "INSERT INTO load_scratch (id, body, made_at) VALUES ($1, $2, $3)";
    let sqlite_sql = "INSERT INTO load_scratch (id, body, made_at) VALUES (?, ?, ?)";
    match conn {
        DbConn::Sqlite(c) => c.transaction(|c| {
            diesel::sql_query(sqlite_sql)
                .bind::<Text, _>(&id)
                .bind::<Text, _>(body)
                .bind::<Text, _>(&now)
                .execute(c)
        }),
        DbConn::Pg(c) => c.transaction(|c| {
            diesel::sql_query(sql)
                .bind::<Text, _>(&id)
                .bind::<Text, _>(body)
                .bind::<Text, _>(&now)
                .execute(c)
        }),
    }
    .map(|_| ())
}

/// A valid PNG of about `bytes` bytes: a greyscale image whose pixel rows are noise,
/// stored in uncompressed deflate blocks (so the size is what it says).
pub fn png_of_size(bytes: usize) -> Vec<u8> {
    let width: usize = 1024;
    let height = (bytes / (width + 1)).max(1);
    let mut raw = Vec::with_capacity(height * (width + 1));
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..height {
        raw.push(0); // filter: none
        raw.extend((0..width).map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        }));
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());

    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(width as u32).to_be_bytes());
    ihdr.extend_from_slice(&(height as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", ihdr), (b"IDAT", zlib), (b"IEND", Vec::new())] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(&data);
        png.extend_from_slice(&crc_input);
        png.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    }
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
