//! Tagging a testimony with themes, affected persons and addressees, and extending the
//! vocabulary of affected persons and addressees. Each write is one transaction with its
//! audit entry (kinds, counts and tag ids: never testimony text or identity).

use std::collections::BTreeSet;

use super::{ServiceError, audit, transaction};
use crate::db::tags::TagKind;
use crate::db::{self, DbConn};
use crate::domain::audit::{Action, Actor, RecordKind};
use crate::domain::hearing::slugify;
use crate::domain::ids::{TestimonyId, UserId};

/// The tags an editor chose, by kind (ids as the form sent them).
#[derive(Clone, Debug, Default)]
pub struct TagChoice {
    pub themes: Vec<String>,
    pub affected: Vec<String>,
    pub addressees: Vec<String>,
}

/// Why tags were not saved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TagRefusal {
    #[error("the witness withdrew this testimony; its tags can no longer change")]
    Withdrawn,
    #[error("{0} is not in the list; reload the page and choose from the boxes shown")]
    Unknown(String),
}

/// What a save changed, per kind: (added, removed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagChanges {
    pub added: Vec<(TagKind, String)>,
    pub removed: Vec<(TagKind, String)>,
}

impl TagChanges {
    fn count(list: &[(TagKind, String)], kind: TagKind) -> usize {
        list.iter().filter(|(k, _)| *k == kind).count()
    }

    /// "themes +1 -0, affected +2 -0, addressees +1 -0", then the ids.
    pub fn detail(&self) -> String {
        let counts = [
            (TagKind::Theme, "themes"),
            (TagKind::Affected, "affected"),
            (TagKind::Addressee, "addressees"),
        ]
        .iter()
        .map(|(k, name)| {
            format!(
                "{name} +{} -{}",
                Self::count(&self.added, *k),
                Self::count(&self.removed, *k)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
        let ids = |list: &[(TagKind, String)], sign: char| {
            list.iter()
                .map(|(k, id)| format!("{sign}{}:{id}", k.code()))
                .collect::<Vec<_>>()
        };
        let mut all = ids(&self.added, '+');
        all.extend(ids(&self.removed, '-'));
        if all.is_empty() {
            counts
        } else {
            format!("{counts} ({})", all.join(" "))
        }
    }
}

/// Save a testimony's tags: the chosen set replaces the one in force (the witness's themes
/// until the first save).
pub fn save(
    conn: &mut DbConn,
    by: &UserId,
    id: &TestimonyId,
    choice: &TagChoice,
) -> Result<Result<TagChanges, TagRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let t = db::testimony::find(conn, id.as_str())?.ok_or(ServiceError::NotFound)?;
        if t.is_withdrawn() {
            return Ok(Err(TagRefusal::Withdrawn));
        }
        let themes: BTreeSet<String> = db::hearings::all_themes(conn)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        let affected: BTreeSet<String> = db::tags::vocabulary_of(conn, TagKind::Affected)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        let addressees: BTreeSet<String> = db::tags::vocabulary_of(conn, TagKind::Addressee)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        let mut wanted = BTreeSet::new();
        for (kind, ids, known, what) in [
            (TagKind::Theme, &choice.themes, &themes, "A theme"),
            (
                TagKind::Affected,
                &choice.affected,
                &affected,
                "An affected group",
            ),
            (
                TagKind::Addressee,
                &choice.addressees,
                &addressees,
                "An addressee",
            ),
        ] {
            for tag in ids {
                let tag = tag.trim();
                if tag.is_empty() {
                    continue;
                }
                if !known.contains(tag) {
                    return Ok(Err(TagRefusal::Unknown(what.to_string())));
                }
                wanted.insert((kind, tag.to_string()));
            }
        }
        let before: BTreeSet<(TagKind, String)> =
            db::tags::current(conn, id.as_str(), t.tags_seeded)?
                .into_iter()
                .collect();
        let changes = TagChanges {
            added: wanted.difference(&before).cloned().collect(),
            removed: before.difference(&wanted).cloned().collect(),
        };
        if t.tags_seeded {
            for (kind, tag) in &changes.removed {
                db::tags::remove(conn, id.as_str(), *kind, tag)?;
            }
            for (kind, tag) in &changes.added {
                db::tags::add(conn, id.as_str(), *kind, tag, by.as_str())?;
            }
        } else {
            // The witness's themes were only the starting point: write the whole set.
            for (kind, tag) in &wanted {
                db::tags::add(conn, id.as_str(), *kind, tag, by.as_str())?;
            }
            db::tags::mark_seeded(conn, id.as_str())?;
        }
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::TagsChanged,
            RecordKind::Testimony,
            id.as_str(),
            changes.detail(),
        )?;
        Ok(Ok(changes))
    })
}

/// Why a vocabulary entry was not added.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VocabularyRefusal {
    #[error("\u{201c}{0}\u{201d} is already in the list")]
    Exists(String),
}

/// Add an affected group or an addressee to the vocabulary. Returns its id.
pub fn add_vocabulary(
    conn: &mut DbConn,
    by: &UserId,
    kind: TagKind,
    name: &str,
) -> Result<Result<String, VocabularyRefusal>, ServiceError> {
    transaction(conn, |conn| {
        let lower = name.to_lowercase();
        if let Some(existing) = db::tags::vocabulary_of(conn, kind)?
            .into_iter()
            .find(|t| t.name.to_lowercase() == lower)
        {
            return Ok(Err(VocabularyRefusal::Exists(existing.name)));
        }
        let slug = slugify(name);
        let mut id = if slug.is_empty() {
            db::new_id()
        } else {
            slug.clone()
        };
        if db::tags::vocabulary_id_taken(conn, &id)? {
            id = format!("{}-{slug}", kind.code());
            if db::tags::vocabulary_id_taken(conn, &id)? {
                id = db::new_id();
            }
        }
        db::tags::add_vocabulary(conn, &id, kind, name)?;
        audit::record(
            conn,
            &Actor::Staff(by.clone()),
            Action::VocabularyAdded,
            RecordKind::Vocabulary,
            &id,
            format!("{} added", kind.code()),
        )?;
        Ok(Ok(id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_detail_counts_each_kind_and_names_ids() {
        let changes = TagChanges {
            added: vec![
                (TagKind::Theme, "children".into()),
                (TagKind::Affected, "women".into()),
                (TagKind::Affected, "migrants".into()),
                (TagKind::Addressee, "ice".into()),
            ],
            removed: vec![],
        };
        assert_eq!(
            changes.detail(),
            "themes +1 -0, affected +2 -0, addressees +1 -0 (+theme:children +affected:women +affected:migrants +addressee:ice)"
        );
        assert_eq!(
            TagChanges::default().detail(),
            "themes +0 -0, affected +0 -0, addressees +0 -0"
        );
    }
}
