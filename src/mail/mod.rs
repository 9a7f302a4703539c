//! Outgoing email: the transport chosen by configuration, the encrypted outbox, and the
//! background sender that retries until the mail server answers.
//!
//! Handlers never send mail themselves: they add a message to the outbox inside their own
//! database work, so a mail server that is down never loses or blocks anything.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;

use crate::config::{MailTransport, SmtpTls};
use crate::crypto::DataKeys;
use crate::db::{self, DbConn, Pool};

/// A message as it waits in the outbox (sealed) and as it is sent.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// Sent to a witness: their address is never written to a mail file (the file
    /// transport names a placeholder instead), and the outbox forgets it once sent.
    #[serde(default)]
    pub witness: bool,
}

/// What the file transport writes instead of a witness's address.
pub const WITNESS_PLACEHOLDER: &str = "Witness <witness@address-not-kept.invalid>";

/// Where messages go.
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
    Log,
}

impl Transport {
    /// Build the transport named by the configuration. The file folder is created.
    pub fn from_config(mail: &MailTransport) -> anyhow::Result<Self> {
        Ok(match mail {
            MailTransport::File(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    anyhow::anyhow!("cannot create the mail folder {}: {e}", dir.display())
                })?;
                Transport::File(AsyncFileTransport::new(dir))
            }
            MailTransport::Log => Transport::Log,
            MailTransport::Smtp(s) => {
                let builder = match s.tls {
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)?,
                    SmtpTls::StartTls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)?
                    }
                    SmtpTls::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host)
                    }
                };
                let mut builder = builder.port(s.port).timeout(Some(Duration::from_secs(20)));
                if let (Some(u), Some(p)) = (&s.username, &s.password) {
                    builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
                }
                Transport::Smtp(builder.build())
            }
        })
    }

    async fn send(&self, from: &Mailbox, mail: &OutgoingMail, kind: &str) -> anyhow::Result<()> {
        let to = match self {
            Transport::File(_) if mail.witness => WITNESS_PLACEHOLDER,
            _ => mail.to.as_str(),
        };
        let message = Message::builder()
            .from(from.clone())
            .to(to.parse()?)
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone())?;
        match self {
            Transport::Smtp(t) => {
                t.send(message).await?;
            }
            Transport::File(t) => {
                t.send(message).await?;
            }
            Transport::Log => tracing::info!(kind, "mail not delivered (UPR_MAIL_TRANSPORT=log)"),
        }
        Ok(())
    }
}

/// Seal a message and add it to the outbox. Call inside the handler's own database work.
pub fn enqueue(
    conn: &mut DbConn,
    keys: &DataKeys,
    kind: &str,
    mail: &OutgoingMail,
) -> diesel::QueryResult<()> {
    let json = serde_json::to_vec(mail)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    db::outbox::enqueue(conn, kind, keys.seal(&json)).map(|_| ())
}

/// Attempts before a message is given up on (about a day and a half of retries).
const MAX_ATTEMPTS: i32 = 12;

/// The wait before retry number `attempts` (1-based): 30 s doubling, at most 4 hours.
fn retry_delay(attempts: i32) -> chrono::Duration {
    let secs = 30i64
        .saturating_mul(1 << attempts.clamp(0, 12))
        .min(4 * 3600);
    chrono::Duration::seconds(secs)
}

/// The background sender.
#[derive(Clone)]
pub struct Mailer {
    transport: Arc<Transport>,
    from: Mailbox,
    pool: Pool,
    keys: DataKeys,
    wake: Arc<Notify>,
    poll: Duration,
}

impl Mailer {
    pub fn new(
        transport: Transport,
        from: &str,
        pool: Pool,
        keys: DataKeys,
        poll: Duration,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            transport: Arc::new(transport),
            from: from.parse()?,
            pool,
            keys,
            wake: Arc::new(Notify::new()),
            poll,
        })
    }

    /// Ask the sender to look at the outbox now (after a handler enqueued something).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Send what is due, forever. Spawn this once per instance.
    pub async fn run(self) {
        loop {
            if let Err(e) = self.send_due().await {
                tracing::warn!(error = format!("{e:#}"), "outbox pass failed; will retry");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.poll) => {}
            }
        }
    }

    /// One pass over the outbox. Returns how many messages were delivered.
    pub async fn send_due(&self) -> anyhow::Result<usize> {
        let pool = self.pool.clone();
        let claimed = actix_web::web::block(move || -> anyhow::Result<_> {
            let mut conn = pool.get()?;
            Ok(db::outbox::claim_due(
                &mut conn,
                20,
                chrono::Duration::minutes(5),
            )?)
        })
        .await??;
        let mut delivered = 0;
        for item in claimed {
            let outcome = match self.keys.open(&item.payload) {
                Ok(json) => match serde_json::from_slice::<OutgoingMail>(&json) {
                    Ok(mail) => self.transport.send(&self.from, &mail, &item.kind).await,
                    Err(e) => Err(anyhow::anyhow!("unreadable outbox message: {e}")),
                },
                Err(e) => Err(anyhow::Error::new(e)),
            };
            let pool = self.pool.clone();
            let id = item.id.clone();
            let attempts = item.attempts + 1;
            let result = match &outcome {
                Ok(()) => {
                    delivered += 1;
                    tracing::info!(kind = item.kind, "mail sent");
                    None
                }
                Err(e) => {
                    let retry =
                        (attempts < MAX_ATTEMPTS).then(|| db::now() + retry_delay(attempts));
                    let reason = describe_failure(e);
                    tracing::warn!(
                        kind = item.kind,
                        attempts,
                        gives_up = retry.is_none(),
                        reason,
                        "mail not sent"
                    );
                    Some((reason.to_string(), retry))
                }
            };
            actix_web::web::block(move || -> anyhow::Result<()> {
                let mut conn = pool.get()?;
                match result {
                    None => db::outbox::mark_sent(&mut conn, &id)?,
                    Some((error, retry)) => db::outbox::mark_failed(&mut conn, &id, &error, retry)?,
                };
                Ok(())
            })
            .await??;
        }
        Ok(delivered)
    }
}

/// A reason for a failed send that names no address: server replies can quote the recipient.
fn describe_failure(e: &anyhow::Error) -> &'static str {
    if let Some(smtp) = e.downcast_ref::<lettre::transport::smtp::Error>() {
        if smtp.is_timeout() {
            "the mail server did not answer in time"
        } else if smtp.is_permanent() {
            "the mail server refused the message"
        } else if smtp.is_transient() {
            "the mail server asked to try later"
        } else {
            "could not connect to the mail server"
        }
    } else if e.downcast_ref::<lettre::transport::file::Error>().is_some() {
        "could not write the mail file"
    } else if e.downcast_ref::<crate::crypto::OpenError>().is_some() {
        "the stored message could not be decrypted"
    } else {
        "the message could not be built"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_cap() {
        assert_eq!(retry_delay(1), chrono::Duration::seconds(60));
        assert_eq!(retry_delay(2), chrono::Duration::seconds(120));
        assert_eq!(retry_delay(30), chrono::Duration::hours(4));
    }
}
