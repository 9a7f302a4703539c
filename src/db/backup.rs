//! What a backup reads from the database: a consistent copy of a SQLite database made
//! while it is in use, and the attachment rows whose sealed files go with it.

use std::path::Path;

use diesel::connection::SimpleConnection as _;
use diesel::prelude::*;

use super::DbConn;
use super::schema::attachments;

/// Write a consistent, compacted copy of a SQLite database to `target` (`VACUUM INTO`),
/// while other connections keep reading and writing. Not for PostgreSQL (use `pg_dump`).
pub fn sqlite_copy(conn: &mut DbConn, target: &Path) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => {
            let path = target.to_string_lossy().replace('\'', "''");
            c.batch_execute(&format!("VACUUM INTO '{path}'"))
        }
        DbConn::Pg(_) => Err(diesel::result::Error::QueryBuilderError(
            "a PostgreSQL database is copied with pg_dump".into(),
        )),
    }
}

/// Every attachment: (testimony id, attachment id).
pub fn attachment_files(conn: &mut DbConn) -> QueryResult<Vec<(String, String)>> {
    attachments::table
        .select((attachments::testimony_id, attachments::id))
        .load(conn)
}
