//! Who runs the site: loading and saving the organisation's settings, and the copy every
//! page reads its name from without a query.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use super::{ServiceError, transaction};
use crate::db::{self, DbConn};
use crate::domain::account::Email;
use crate::domain::organisation::Organisation;
use crate::i18n::Lang;

/// The settings as stored; [`Organisation::default`] until an administrator saves them.
pub fn load(conn: &mut DbConn) -> Result<Organisation, ServiceError> {
    let contact = db::organisation::contact(conn)?;
    let texts = db::organisation::texts(conn)?;
    Ok(Organisation {
        contact_email: contact
            .as_ref()
            .and_then(|c| Email::parse(&c.contact_email).ok()),
        contact_other: contact
            .as_ref()
            .map(|c| c.contact_other.clone())
            .unwrap_or_default(),
        saved_at: contact.map(|c| c.updated_at),
        texts: texts
            .into_iter()
            .filter_map(db::organisation::TextsRow::into_texts)
            .collect(),
    })
}

/// Save the contact and every language's texts at once (a language missing from
/// `settings` is saved empty: it shows its defaults). Returns the settings as now stored.
pub fn save(
    conn: &mut DbConn,
    settings: &Organisation,
    by: &str,
) -> Result<Organisation, ServiceError> {
    transaction(conn, |conn| {
        let at = db::now();
        let email = settings
            .contact_email
            .as_ref()
            .map(Email::as_str)
            .unwrap_or_default();
        db::organisation::set_contact(conn, email, settings.contact_other.trim(), by, at)?;
        for lang in Lang::ALL {
            let mut texts = settings.texts(lang);
            for t in [
                &mut texts.name,
                &mut texts.description,
                &mut texts.privacy_notice,
            ] {
                *t = t.trim().to_string();
            }
            db::organisation::set_texts(conn, lang, &texts, at)?;
        }
        load(conn)
    })
}

/// How long an instance trusts its copy of the settings. With one instance the copy is
/// replaced whenever an administrator saves; several instances sharing one PostgreSQL
/// database each re-read it at most this often, so a save shows everywhere within a minute.
pub const REFRESH_AFTER: Duration = Duration::from_secs(60);

/// The settings in memory, so that showing the organisation's name on every page costs
/// no query.
pub struct OrganisationCache {
    inner: RwLock<Cached>,
}

struct Cached {
    value: Arc<Organisation>,
    loaded_at: Instant,
}

impl OrganisationCache {
    /// A copy loaded just now.
    pub fn new(value: Organisation) -> Self {
        Self {
            inner: RwLock::new(Cached {
                value: Arc::new(value),
                loaded_at: Instant::now(),
            }),
        }
    }

    /// The current copy.
    pub fn get(&self) -> Arc<Organisation> {
        let cached = self.inner.read().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&cached.value)
    }

    /// Replace the copy (after a save, or a re-read).
    pub fn set(&self, value: Organisation) {
        let mut cached = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        *cached = Cached {
            value: Arc::new(value),
            loaded_at: Instant::now(),
        };
    }

    /// Whether the copy is due to be re-read. The first caller to ask takes the job (the
    /// copy counts as fresh from then on), so concurrent requests do not all query.
    pub fn claim_refresh(&self) -> bool {
        let fresh = |c: &Cached| c.loaded_at.elapsed() < REFRESH_AFTER;
        if fresh(&self.inner.read().unwrap_or_else(PoisonError::into_inner)) {
            return false;
        }
        let mut cached = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        if fresh(&cached) {
            return false;
        }
        cached.loaded_at = Instant::now();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_is_fresh_after_loading_and_replaced_on_set() {
        let cache = OrganisationCache::new(Organisation::default());
        assert!(!cache.claim_refresh());
        cache.set(Organisation {
            contact_other: "PO Box 1".into(),
            ..Default::default()
        });
        assert_eq!(cache.get().contact_other, "PO Box 1");
    }
}
