//! Whether the database keeps a commit through a power cut before it says it is done.
//!
//! A receipt page is shown only after its testimony is committed; that promise holds
//! through a power cut only if the database has put the commit on the disk by then.
//! SQLite connections are opened with `synchronous = FULL`; on PostgreSQL it is the
//! server's configuration (`fsync`, `synchronous_commit`), which an operator may have
//! turned off for speed. The server reads both at start and says so when they are off.

use diesel::prelude::*;
use diesel::sql_types::Text;

use super::DbConn;

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    value: String,
}

/// One way the database may lose a commit it has reported done, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(pub String);

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What, in this connection's settings, would let a power cut take committed testimony.
pub fn warnings(conn: &mut DbConn) -> QueryResult<Vec<Warning>> {
    let mut found = Vec::new();
    match conn {
        DbConn::Sqlite(_) => {
            // 2 is FULL, 3 EXTRA; NORMAL (1) in WAL mode keeps the last commits only in
            // the operating system's cache.
            let mode: Setting = diesel::sql_query(
                "SELECT CAST(synchronous AS TEXT) AS value FROM pragma_synchronous",
            )
            .get_result(conn)?;
            if mode.value.parse::<u8>().unwrap_or(0) < 2 {
                found.push(Warning(
                    "SQLite is not writing each commit to the disk (PRAGMA synchronous is below FULL): \
                     a power cut could lose testimonies whose witnesses hold receipts."
                        .into(),
                ));
            }
        }
        DbConn::Pg(_) => {
            let fsync = show(conn, "fsync")?;
            if fsync != "on" {
                found.push(Warning(format!(
                    "PostgreSQL runs with fsync = {fsync}: a power cut or crash of the machine \
                     can lose or corrupt committed testimony. Set fsync = on in postgresql.conf."
                )));
            }
            let commit = show(conn, "synchronous_commit")?;
            if commit == "off" {
                found.push(Warning(format!(
                    "PostgreSQL runs with synchronous_commit = {commit}: a witness can be shown a \
                     receipt for a testimony a power cut then takes. Set synchronous_commit = on \
                     (postgresql.conf, or ALTER DATABASE/ROLE ... RESET synchronous_commit)."
                )));
            }
        }
    }
    Ok(found)
}

pub(super) fn show(conn: &mut DbConn, name: &str) -> QueryResult<String> {
    let setting: Setting = diesel::sql_query("SELECT current_setting($1) AS value")
        .bind::<Text, _>(name)
        .get_result(conn)?;
    Ok(setting.value)
}
