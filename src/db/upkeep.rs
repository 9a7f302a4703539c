//! Whether PostgreSQL keeps the planner's statistics up to date by itself.
//!
//! Autovacuum (PostgreSQL's default) analyses a table once enough of it has changed. With
//! it off nothing does: the server's connections keep the plans they made while the
//! tables were small, such as reading a whole table to find one testimony by a unique
//! key, and every submission grows slower as testimony comes in. The server reads the
//! setting at start and says so when it is off. SQLite plans from its indexes alone.

use diesel::QueryResult;

use super::DbConn;

/// What, in the database's settings, would let its plans go stale, and what to do.
pub fn warnings(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    match conn {
        DbConn::Sqlite(_) => Ok(Vec::new()),
        DbConn::Pg(_) => {
            let autovacuum = super::durability::show(conn, "autovacuum")?;
            Ok(for_autovacuum(&autovacuum).into_iter().collect())
        }
    }
}

/// The warning for PostgreSQL's `autovacuum` setting, when it is off.
fn for_autovacuum(setting: &str) -> Option<String> {
    (setting != "on").then(|| {
        format!(
            "PostgreSQL runs with autovacuum = {setting}: nothing gathers the planner's \
             statistics as testimony comes in, and submissions, the review queue and search \
             grow slower. Set autovacuum = on in postgresql.conf, or run `vacuumdb --analyze` \
             on this database every day."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::for_autovacuum;

    #[test]
    fn autovacuum_off_is_named_with_what_to_do() {
        assert_eq!(for_autovacuum("on"), None);
        let warning = for_autovacuum("off").expect("a warning");
        assert!(warning.contains("autovacuum = off"), "{warning}");
        assert!(warning.contains("vacuumdb --analyze"), "{warning}");
    }
}
