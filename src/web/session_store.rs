//! Server-side sessions: an actix-session [`SessionStore`] over the database.
//!
//! The session cookie holds `<id>.<secret>`, each 32 random bytes in base64url. The row is
//! found by the SHA-256 of the id, never the id itself, and the session state is encrypted
//! (XChaCha20-Poly1305) under a key derived from the secret, which only the cookie holds.
//! So a copy of the database opens no session, and a cookie is useless once its row is
//! gone: logging out, a password change or disabling an account end sessions at once.
//!
//! A cookie that is malformed, unknown, expired or does not decrypt loads as no session
//! (a fresh, anonymous one). A session whose state becomes empty has its row deleted, and
//! a session ended while a request was in flight is not brought back by that request.

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize as _, Zeroizing};

use crate::db::{self, DbError, Pool, sessions::SessionRow};

/// Format byte that starts every stored state, so the scheme can change later.
const STATE_V1: u8 = 1;
/// Length of the nonce stored before the ciphertext.
const NONCE_LEN: usize = 24;
/// Bytes of randomness in the session id and in the secret.
const PART_LEN: usize = 32;

/// Sessions kept in the database, shared by every instance using it.
#[derive(Clone)]
pub struct DbSessionStore {
    pool: Pool,
}

impl DbSessionStore {
    /// A store over the application's connection pool.
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }
}

/// What a session cookie gives: where the row is, and the key that opens it.
struct CookieKey {
    id_hash: String,
    key: Zeroizing<[u8; 32]>,
}

impl CookieKey {
    /// Read a cookie value `<id>.<secret>`; anything else is no session.
    fn parse(value: &str) -> Option<Self> {
        let (id, secret) = value.split_once('.')?;
        let id = decode_part(id)?;
        let secret = Zeroizing::new(decode_part(secret)?);
        Some(Self::from_parts(&id, &secret))
    }

    /// A new random session: the cookie value and its key.
    fn mint() -> (String, Self) {
        let mut id = [0u8; PART_LEN];
        let mut secret = Zeroizing::new([0u8; PART_LEN]);
        rand::thread_rng().fill_bytes(&mut id);
        rand::thread_rng().fill_bytes(&mut *secret);
        let value = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(id),
            URL_SAFE_NO_PAD.encode(secret.as_slice())
        );
        (value, Self::from_parts(&id, &secret))
    }

    #[allow(clippy::expect_used)] // HMAC accepts keys of any length.
    fn from_parts(id: &[u8; PART_LEN], secret: &[u8; PART_LEN]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("any key length");
        mac.update(b"peoples-upr/session-state/v1");
        Self {
            id_hash: hex::encode(Sha256::digest(id)),
            key: Zeroizing::new(mac.finalize().into_bytes().into()),
        }
    }

    /// Encrypt a session state, bound to this session's row.
    fn seal(&self, state: &HashMap<String, String>) -> Result<Vec<u8>, anyhow::Error> {
        let mut plain = serde_json::to_vec(state)?;
        let mut nonce = [0u8; NONCE_LEN];
        rand::thread_rng().fill_bytes(&mut nonce);
        let sealed = XChaCha20Poly1305::new(Key::from_slice(&*self.key)).encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &plain,
                aad: self.id_hash.as_bytes(),
            },
        );
        plain.zeroize();
        let sealed = sealed.map_err(|_| anyhow::anyhow!("session state encryption failed"))?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(STATE_V1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypt a stored state; `None` when this key does not open it.
    fn open(&self, stored: &[u8]) -> Option<HashMap<String, String>> {
        let (&version, rest) = stored.split_first()?;
        if version != STATE_V1 || rest.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = rest.split_at(NONCE_LEN);
        let plain = Zeroizing::new(
            XChaCha20Poly1305::new(Key::from_slice(&*self.key))
                .decrypt(
                    XNonce::from_slice(nonce),
                    Payload {
                        msg: body,
                        aad: self.id_hash.as_bytes(),
                    },
                )
                .ok()?,
        );
        serde_json::from_slice(&plain).ok()
    }
}

fn decode_part(part: &str) -> Option<[u8; PART_LEN]> {
    URL_SAFE_NO_PAD.decode(part).ok()?.try_into().ok()
}

/// The staff member a state belongs to, so all their sessions can be ended at once.
fn user_of(state: &HashMap<String, String>) -> Option<String> {
    let raw = state.get(super::ctx::keys::USER_ID)?;
    serde_json::from_str(raw).ok()
}

fn expiry(ttl: &Duration) -> chrono::NaiveDateTime {
    db::now() + chrono::Duration::seconds(ttl.whole_seconds())
}

fn session_key(value: String) -> Result<SessionKey, anyhow::Error> {
    SessionKey::try_from(value).map_err(anyhow::Error::new)
}

/// Write a session row: insert a new one, or update an existing live one.
async fn write(
    pool: &Pool,
    cookie: &CookieKey,
    state: &HashMap<String, String>,
    ttl: &Duration,
    new: bool,
) -> Result<(), anyhow::Error> {
    let sealed = cookie.seal(state)?;
    let id_hash = cookie.id_hash.clone();
    let user_id = user_of(state);
    let expires_at = expiry(ttl);
    db::run(pool, move |conn| {
        let _turn = db::writer_turn(conn);
        let row = SessionRow {
            id_hash: &id_hash,
            state: &sealed,
            user_id: user_id.as_deref(),
            expires_at,
        };
        // An update that finds no row leaves it so: the session ended meanwhile.
        let written = if new {
            db::sessions::insert(conn, row)
        } else {
            db::sessions::update(conn, row)
        };
        written.map_err(DbError::from)
    })
    .await?;
    Ok(())
}

async fn delete_row(pool: &Pool, id_hash: String) -> Result<(), anyhow::Error> {
    db::run(pool, move |conn| {
        let _turn = db::writer_turn(conn);
        db::sessions::delete(conn, &id_hash).map_err(DbError::from)
    })
    .await?;
    Ok(())
}

impl SessionStore for DbSessionStore {
    async fn load(
        &self,
        session_key: &SessionKey,
    ) -> Result<Option<HashMap<String, String>>, LoadError> {
        let Some(cookie) = CookieKey::parse(session_key.as_ref()) else {
            return Ok(None);
        };
        let id_hash = cookie.id_hash.clone();
        let stored = db::run(&self.pool, move |conn| {
            db::sessions::find_live(conn, &id_hash).map_err(DbError::from)
        })
        .await
        .map_err(|e| LoadError::Other(e.into()))?;
        Ok(stored.and_then(|bytes| cookie.open(&bytes)))
    }

    async fn save(
        &self,
        session_state: HashMap<String, String>,
        ttl: &Duration,
    ) -> Result<SessionKey, SaveError> {
        let (value, cookie) = CookieKey::mint();
        // An empty session needs no row: the cookie simply leads nowhere.
        if !session_state.is_empty() {
            write(&self.pool, &cookie, &session_state, ttl, true)
                .await
                .map_err(SaveError::Other)?;
        }
        session_key(value).map_err(SaveError::Other)
    }

    async fn update(
        &self,
        session_key: SessionKey,
        session_state: HashMap<String, String>,
        ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        let Some(cookie) = CookieKey::parse(session_key.as_ref()) else {
            // Not ours (the middleware only updates keys that loaded): start a new one.
            return self
                .save(session_state, ttl)
                .await
                .map_err(|e| UpdateError::Other(e.into()));
        };
        let done = if session_state.is_empty() {
            delete_row(&self.pool, cookie.id_hash.clone()).await
        } else {
            write(&self.pool, &cookie, &session_state, ttl, false).await
        };
        done.map_err(UpdateError::Other)?;
        Ok(session_key)
    }

    async fn update_ttl(&self, session_key: &SessionKey, ttl: &Duration) -> anyhow::Result<()> {
        let Some(cookie) = CookieKey::parse(session_key.as_ref()) else {
            return Ok(());
        };
        let expires_at = expiry(ttl);
        db::run(&self.pool, move |conn| {
            let _turn = db::writer_turn(conn);
            db::sessions::extend(conn, &cookie.id_hash, expires_at).map_err(DbError::from)
        })
        .await?;
        Ok(())
    }

    async fn delete(&self, session_key: &SessionKey) -> anyhow::Result<()> {
        match CookieKey::parse(session_key.as_ref()) {
            Some(cookie) => delete_row(&self.pool, cookie.id_hash).await,
            None => Ok(()),
        }
    }
}

/// Delete expired session rows, and the receipts kept for repeated forms whose time is
/// over, now and then every `every`, for as long as the server runs. A tick missed while
/// the database was slow is skipped, not made up.
pub async fn sweep_expired_sessions(pool: Pool, every: std::time::Duration) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        interval.tick().await;
        let swept = db::run(&pool, |conn| {
            let sessions = db::sessions::sweep_expired(conn).map_err(DbError::from)?;
            let receipts =
                db::kept_receipts::sweep_expired(conn, db::now()).map_err(DbError::from)?;
            Ok::<_, DbError>((sessions, receipts))
        })
        .await;
        match swept {
            Ok((0, 0)) => {}
            Ok((sessions, receipts)) => {
                tracing::debug!(sessions, receipts, "expired sessions and receipts swept")
            }
            Err(e) => tracing::warn!(error = %e, "sweeping expired sessions failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    async fn store() -> (tempfile::TempDir, DbSessionStore) {
        let dir = tempfile::tempdir().unwrap();
        let url = db::DatabaseUrl::Sqlite(dir.path().join("s.db"));
        let pool = db::connect(&url).unwrap();
        db::migrate(&mut pool.get().unwrap(), |_| Ok(())).unwrap();
        (dir, DbSessionStore::new(pool))
    }

    /// The same id with another secret: finds the row, cannot open it.
    fn with_other_secret(value: &str) -> SessionKey {
        let (id, _) = value.split_once('.').unwrap();
        let (other, _) = CookieKey::mint();
        let (_, secret) = other.split_once('.').unwrap();
        SessionKey::try_from(format!("{id}.{secret}")).unwrap()
    }

    #[actix_web::test]
    async fn state_is_encrypted_and_opens_only_with_the_cookie_secret() {
        let (_dir, store) = store().await;
        let uid = "\"0b7f7d2e-user-id\"";
        let saved = store
            .save(
                state(&[("uid", uid), ("flash", "\"hello there\"")]),
                &Duration::hours(1),
            )
            .await
            .unwrap();
        let loaded = store.load(&saved).await.unwrap().unwrap();
        assert_eq!(
            loaded.get("flash").map(String::as_str),
            Some("\"hello there\"")
        );

        let rows: Vec<(String, Vec<u8>, Option<String>)> = {
            use crate::db::schema::sessions;
            use diesel::prelude::*;
            let mut conn = store.pool.get().unwrap();
            sessions::table
                .select((sessions::id_hash, sessions::state, sessions::user_id))
                .load(&mut conn)
                .unwrap()
        };
        assert_eq!(rows.len(), 1);
        let (id_hash, bytes, user_id) = &rows[0];
        let (id, _) = saved.as_ref().split_once('.').unwrap();
        assert!(!id_hash.contains(id), "the id itself is never stored");
        let raw = String::from_utf8_lossy(bytes);
        assert!(!raw.contains("0b7f7d2e") && !raw.contains("hello"), "{raw}");
        assert_eq!(user_id.as_deref(), Some("0b7f7d2e-user-id"));

        let wrong = with_other_secret(saved.as_ref());
        assert!(store.load(&wrong).await.unwrap().is_none());
        for junk in ["", "x", "a.b", "....", &"A".repeat(300)] {
            let key = SessionKey::try_from(junk.to_string()).unwrap();
            assert!(store.load(&key).await.unwrap().is_none(), "{junk}");
        }
    }

    #[actix_web::test]
    async fn emptied_ended_and_expired_sessions_are_gone() {
        let (_dir, store) = store().await;
        let ttl = Duration::hours(1);
        let key = store.save(state(&[("a", "1")]), &ttl).await.unwrap();
        let key = store.update(key, HashMap::new(), &ttl).await.unwrap();
        assert!(store.load(&key).await.unwrap().is_none(), "emptied");

        let key = store.save(state(&[("a", "1")]), &ttl).await.unwrap();
        store.delete(&key).await.unwrap();
        let key = store.update(key, state(&[("a", "2")]), &ttl).await.unwrap();
        assert!(
            store.load(&key).await.unwrap().is_none(),
            "not brought back"
        );

        let key = store
            .save(state(&[("a", "1")]), &Duration::seconds(-5))
            .await
            .unwrap();
        assert!(store.load(&key).await.unwrap().is_none(), "expired");
        let mut conn = store.pool.get().unwrap();
        assert_eq!(db::sessions::sweep_expired(&mut conn).unwrap(), 1);
        assert_eq!(db::sessions::count(&mut conn).unwrap(), 0);
    }

    #[actix_web::test]
    async fn an_account_s_sessions_end_together_except_the_one_kept() {
        let (_dir, store) = store().await;
        let ttl = Duration::hours(1);
        let mine = state(&[("uid", "\"u1\"")]);
        let a = store.save(mine.clone(), &ttl).await.unwrap();
        let b = store.save(mine, &ttl).await.unwrap();
        let other = store.save(state(&[("uid", "\"u2\"")]), &ttl).await.unwrap();
        let keep = CookieKey::parse(a.as_ref()).unwrap().id_hash;
        let mut conn = store.pool.get().unwrap();
        assert_eq!(
            db::sessions::end_for_user(&mut conn, "u1", Some(&keep)).unwrap(),
            1
        );
        drop(conn);
        assert!(store.load(&a).await.unwrap().is_some());
        assert!(store.load(&b).await.unwrap().is_none());
        assert!(store.load(&other).await.unwrap().is_some());
    }
}
