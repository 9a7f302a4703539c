//! The excerpts a version may cite, as checkboxes: quotable excerpts of approved,
//! consented testimony in the version's hearings, with their source (never a name).

use crate::db::DbConn;
use crate::db::reports as q;
use crate::error::AppError;
use crate::report::projection::Attribution;
use crate::service::reports::content::publishable;

/// One excerpt to choose.
pub struct ExcerptChoice {
    pub id: String,
    pub text: String,
    /// "T-1a2b3c4d · attorney or legal representative · Detention conditions".
    pub source: String,
    pub checked: bool,
}

/// The excerpts of a version's hearings, chosen ones first; with `theme`, only those of
/// testimony with that theme (chosen ones always shown). Also the chosen ids that can
/// no longer be used.
pub fn choices(
    conn: &mut DbConn,
    version_id: &str,
    chosen: &[String],
    theme: &str,
) -> Result<(Vec<ExcerptChoice>, Vec<String>), AppError> {
    let hearings = q::hearing_ids(conn, version_id)?;
    let mut out = Vec::new();
    for t in publishable(conn, &hearings, None)? {
        let themed = theme.is_empty() || t.themes().iter().any(|x| x == theme);
        for e in t.excerpts() {
            let checked = chosen.contains(&e.id);
            if !checked && !themed {
                continue;
            }
            let named = if e.attribution == Attribution::Role {
                ""
            } else {
                " · named with consent"
            };
            out.push(ExcerptChoice {
                id: e.id.clone(),
                text: e.text.clone(),
                source: format!(
                    "{} · {} · {}{}{named}",
                    t.reference(),
                    t.role().label().to_lowercase(),
                    if t.themes().is_empty() {
                        "no theme".to_string()
                    } else {
                        t.themes().join(", ")
                    },
                    if e.translated { " · translation" } else { "" },
                ),
                checked,
            });
        }
    }
    out.sort_by_key(|c| !c.checked);
    let unusable = chosen
        .iter()
        .filter(|id| !out.iter().any(|c| &c.id == *id))
        .cloned()
        .collect();
    Ok((out, unusable))
}

/// The theme labels to filter by.
pub fn theme_labels(conn: &mut DbConn) -> Result<Vec<String>, AppError> {
    let mut labels: Vec<String> = crate::db::hearings::all_themes(conn)?
        .iter()
        .map(|t| t.label(crate::i18n::Lang::En))
        .collect();
    labels.sort();
    Ok(labels)
}
