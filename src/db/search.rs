//! The full-text index of redacted texts (never originals, identity or messages):
//! FTS5 on SQLite, a `tsvector` column with a GIN index on PostgreSQL. The two backends
//! differ only here.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::DbConn;

#[derive(QueryableByName)]
struct RowId {
    #[diesel(sql_type = BigInt)]
    fts_rowid: i64,
}

/// Put (or replace) the indexed redacted text `text_id` ('original' or a translation id).
pub fn put(
    conn: &mut DbConn,
    testimony_id: &str,
    text_id: &str,
    translated: bool,
    body: &str,
) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => {
            remove_text(conn, testimony_id, text_id)?;
            diesel::sql_query(
                "INSERT INTO search_index (body, testimony_id, text_id, translated) VALUES (?, ?, ?, ?)",
            )
            .bind::<Text, _>(body)
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .bind::<Bool, _>(translated)
            .execute(conn)?;
            diesel::sql_query(
                "INSERT INTO search_rows (testimony_id, text_id, fts_rowid) VALUES (?, ?, last_insert_rowid())",
            )
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .execute(conn)?;
        }
        DbConn::Pg(_) => {
            diesel::sql_query(
                "INSERT INTO search_index (testimony_id, text_id, translated, body) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (testimony_id, text_id) DO UPDATE SET body = EXCLUDED.body, translated = EXCLUDED.translated",
            )
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .bind::<Bool, _>(translated)
            .bind::<Text, _>(body)
            .execute(conn)?;
        }
    }
    Ok(())
}

/// Remove one text from the index.
pub fn remove_text(conn: &mut DbConn, testimony_id: &str, text_id: &str) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => {
            let rows: Vec<RowId> = diesel::sql_query(
                "SELECT fts_rowid FROM search_rows WHERE testimony_id = ? AND text_id = ?",
            )
            .bind::<Text, _>(testimony_id)
            .bind::<Text, _>(text_id)
            .load(conn)?;
            for row in rows {
                diesel::sql_query("DELETE FROM search_index WHERE rowid = ?")
                    .bind::<BigInt, _>(row.fts_rowid)
                    .execute(conn)?;
            }
            diesel::sql_query("DELETE FROM search_rows WHERE testimony_id = ? AND text_id = ?")
                .bind::<Text, _>(testimony_id)
                .bind::<Text, _>(text_id)
                .execute(conn)?;
        }
        DbConn::Pg(_) => {
            diesel::sql_query("DELETE FROM search_index WHERE testimony_id = $1 AND text_id = $2")
                .bind::<Text, _>(testimony_id)
                .bind::<Text, _>(text_id)
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Remove every text of a testimony from the index (erasure).
pub fn remove_testimony(conn: &mut DbConn, testimony_id: &str) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => {
            let rows: Vec<RowId> =
                diesel::sql_query("SELECT fts_rowid FROM search_rows WHERE testimony_id = ?")
                    .bind::<Text, _>(testimony_id)
                    .load(conn)?;
            for row in rows {
                diesel::sql_query("DELETE FROM search_index WHERE rowid = ?")
                    .bind::<BigInt, _>(row.fts_rowid)
                    .execute(conn)?;
            }
            diesel::sql_query("DELETE FROM search_rows WHERE testimony_id = ?")
                .bind::<Text, _>(testimony_id)
                .execute(conn)?;
        }
        DbConn::Pg(_) => {
            diesel::sql_query("DELETE FROM search_index WHERE testimony_id = $1")
                .bind::<Text, _>(testimony_id)
                .execute(conn)?;
        }
    }
    Ok(())
}
