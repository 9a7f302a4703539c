//! The mail outbox: messages wait here until the background sender delivers them.
//! Payloads are encrypted, and emptied once sent.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::outbox;
use super::{DbConn, new_id, now};

/// A message claimed for sending.
pub struct Claimed {
    pub id: String,
    pub kind: String,
    pub payload: Vec<u8>,
    pub attempts: i32,
}

/// Add a sealed message to the outbox, due now.
pub fn enqueue(conn: &mut DbConn, kind: &str, payload: Vec<u8>) -> QueryResult<String> {
    let id = new_id();
    let t = now();
    diesel::insert_into(outbox::table)
        .values((
            outbox::id.eq(&id),
            outbox::kind.eq(kind),
            outbox::payload.eq(payload),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(t),
            outbox::created_at.eq(t),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Claim up to `limit` due messages for `hold`. A claim is exclusive across instances:
/// an instance that dies mid-send lets its claims lapse and another picks them up.
///
/// On PostgreSQL one statement picks the due rows with `FOR UPDATE SKIP LOCKED`, so
/// instances claiming at the same moment take different messages without waiting on
/// each other. SQLite has one writer at a time; there each row is taken by a
/// compare-and-set on `claimed_until`.
pub fn claim_due(
    conn: &mut DbConn,
    limit: i64,
    hold: chrono::Duration,
) -> QueryResult<Vec<Claimed>> {
    let t = now();
    match conn {
        DbConn::Pg(pg) => claim_skip_locked(pg, t, limit, hold),
        DbConn::Sqlite(_) => claim_one_by_one(conn, t, limit, hold),
    }
}

#[derive(QueryableByName)]
struct ClaimedRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Binary)]
    payload: Vec<u8>,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    attempts: i32,
    #[diesel(sql_type = diesel::sql_types::Timestamp)]
    next_attempt_at: NaiveDateTime,
}

fn claim_skip_locked(
    pg: &mut diesel::PgConnection,
    t: NaiveDateTime,
    limit: i64,
    hold: chrono::Duration,
) -> QueryResult<Vec<Claimed>> {
    use diesel::sql_types::{BigInt, Timestamp};
    let mut rows: Vec<ClaimedRow> = diesel::sql_query(
        "UPDATE outbox SET claimed_until = $1 \
         WHERE id IN (SELECT id FROM outbox \
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
               AND (claimed_until IS NULL OR claimed_until < $2) \
             ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) \
         RETURNING id, kind, payload, attempts, next_attempt_at",
    )
    .bind::<Timestamp, _>(t + hold)
    .bind::<Timestamp, _>(t)
    .bind::<BigInt, _>(limit)
    .load(pg)?;
    rows.sort_by_key(|r| r.next_attempt_at);
    Ok(rows
        .into_iter()
        .map(|r| Claimed {
            id: r.id,
            kind: r.kind,
            payload: r.payload,
            attempts: r.attempts,
        })
        .collect())
}

fn claim_one_by_one(
    conn: &mut DbConn,
    t: NaiveDateTime,
    limit: i64,
    hold: chrono::Duration,
) -> QueryResult<Vec<Claimed>> {
    let due: Vec<String> = outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .filter(outbox::next_attempt_at.le(t))
        .filter(
            outbox::claimed_until
                .is_null()
                .or(outbox::claimed_until.lt(t)),
        )
        .order(outbox::next_attempt_at.asc())
        .limit(limit)
        .select(outbox::id)
        .load(conn)?;
    let mut claimed = Vec::new();
    for id in due {
        let n = diesel::update(
            outbox::table
                .filter(outbox::id.eq(&id))
                .filter(outbox::sent_at.is_null())
                .filter(
                    outbox::claimed_until
                        .is_null()
                        .or(outbox::claimed_until.lt(t)),
                ),
        )
        .set(outbox::claimed_until.eq(t + hold))
        .execute(conn)?;
        if n == 1 {
            let (kind, payload, attempts) = outbox::table
                .find(&id)
                .select((outbox::kind, outbox::payload, outbox::attempts))
                .first(conn)?;
            claimed.push(Claimed {
                id,
                kind,
                payload,
                attempts,
            });
        }
    }
    Ok(claimed)
}

/// Record delivery and drop the content.
pub fn mark_sent(conn: &mut DbConn, id: &str) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(now()),
            outbox::payload.eq(Vec::<u8>::new()),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
}

/// Record a failed attempt: retry at `retry_at`, or give up when it is `None`
/// (the content is then dropped too).
pub fn mark_failed(
    conn: &mut DbConn,
    id: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    let error: String = error.chars().take(500).collect();
    match retry_at {
        Some(at) => diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(at),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(error),
            ))
            .execute(conn),
        None => diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::failed_at.eq(now()),
                outbox::payload.eq(Vec::<u8>::new()),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(error),
            ))
            .execute(conn),
    }
}

/// Messages waiting to be sent, and messages given up on.
pub fn counts(conn: &mut DbConn) -> QueryResult<(i64, i64)> {
    let pending = outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .count()
        .get_result(conn)?;
    let failed = outbox::table
        .filter(outbox::failed_at.is_not_null())
        .count()
        .get_result(conn)?;
    Ok((pending, failed))
}
