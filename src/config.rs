//! Typed settings, read from environment variables and an optional TOML file, and
//! validated at start. Every setting is documented in the README.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::db::DatabaseUrl;

/// How outgoing email is delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailTransport {
    /// Write each message as an `.eml` file into a folder (development and tests).
    File(PathBuf),
    /// Write a line per message to the log: recipient kind and subject only, never the body.
    Log,
    /// Send through an SMTP server.
    Smtp(SmtpSettings),
}

/// How to reach the SMTP server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
}

/// The SMTP connection's encryption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// TLS from the first byte (usually port 465).
    Tls,
    /// Plain connection upgraded with STARTTLS (usually port 587).
    StartTls,
    /// No encryption: only for a relay on the same machine.
    None,
}

/// Limits on witness attachments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachmentLimits {
    pub max_file_bytes: usize,
    pub max_total_bytes: usize,
    pub max_files: usize,
    /// Memory all uploads in progress may hold together (see `attachments::budget`).
    pub memory_bytes: usize,
    /// How long an upload waits for room in that memory before it is read without its
    /// files (the witness is asked to attach them again).
    pub memory_wait: std::time::Duration,
}

/// All settings, validated.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    pub base_url: String,
    /// Whether `UPR_BASE_URL` was given; if not, the address actually bound is used.
    pub base_url_set: bool,
    pub session_key: Option<Vec<u8>>,
    pub data_key: Option<Vec<u8>>,
    pub mail: MailTransport,
    pub mail_from: String,
    pub trust_forwarded_for: bool,
    pub invite_hours: i64,
    pub attachments: AttachmentLimits,
    pub log_filter: String,
    pub mail_poll_seconds: u64,
    pub workers: usize,
    /// Days after a hearing closes when its contact details and attachments are purged,
    /// unless the hearing sets its own.
    pub retention_days: i64,
    /// How often the purge runs in the server, in minutes (0: never; `purge` still works).
    pub purge_interval_minutes: u64,
}

/// A setting that could not be used, with the name the person must fix.
#[derive(Debug, thiserror::Error)]
#[error("setting {name}: {message}")]
pub struct ConfigError {
    pub name: String,
    pub message: String,
}

fn err(name: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        name: name.to_string(),
        message: message.into(),
    }
}

/// The names a setting goes by in the environment; file keys are the same in lower case
/// without the `UPR_` prefix (`database_url`, `bind`, `smtp_host`, ...).
pub const SETTINGS: &[&str] = &[
    "DATABASE_URL",
    "UPR_DATA_DIR",
    "UPR_BIND",
    "UPR_BASE_URL",
    "UPR_SESSION_KEY",
    "UPR_DATA_KEY",
    "UPR_MAIL_TRANSPORT",
    "UPR_MAIL_DIR",
    "UPR_MAIL_FROM",
    "UPR_MAIL_POLL_SECONDS",
    "UPR_SMTP_HOST",
    "UPR_SMTP_PORT",
    "UPR_SMTP_TLS",
    "UPR_SMTP_USERNAME",
    "UPR_SMTP_PASSWORD",
    "UPR_TRUST_FORWARDED_FOR",
    "UPR_INVITE_HOURS",
    "UPR_ATTACHMENT_MAX_MB",
    "UPR_ATTACHMENTS_TOTAL_MB",
    "UPR_UPLOAD_MEMORY_MB",
    "UPR_UPLOAD_WAIT_SECONDS",
    "UPR_ATTACHMENTS_MAX_FILES",
    "UPR_LOG",
    "UPR_WORKERS",
    "UPR_RETENTION_DAYS",
    "UPR_PURGE_INTERVAL_MINUTES",
];

fn file_key(env_name: &str) -> String {
    env_name.trim_start_matches("UPR_").to_ascii_lowercase()
}

impl Config {
    /// Read the settings from the process environment, and from the TOML file named by
    /// `UPR_CONFIG` if set. Environment variables win over the file.
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut values = HashMap::new();
        if let Ok(path) = std::env::var("UPR_CONFIG") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| err("UPR_CONFIG", format!("cannot read {path}: {e}")))?;
            values
                .extend(parse_file(&text).map_err(|m| err("UPR_CONFIG", format!("{path}: {m}")))?);
        }
        for name in SETTINGS {
            if let Ok(v) = std::env::var(name) {
                values.insert(name.to_string(), v);
            }
        }
        Self::from_values(&values)
    }

    /// Build settings from `NAME => value` pairs (environment names). Unset means default.
    pub fn from_values(values: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            values
                .get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let data_dir = PathBuf::from(get("UPR_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = match get("DATABASE_URL") {
            Some(raw) => {
                DatabaseUrl::parse(&raw).map_err(|e| err("DATABASE_URL", e.to_string()))?
            }
            None => DatabaseUrl::Sqlite(data_dir.join("peoples-upr.sqlite3")),
        };
        let bind: SocketAddr = get("UPR_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|_| {
                err(
                    "UPR_BIND",
                    "expected ADDRESS:PORT, for example 127.0.0.1:8080",
                )
            })?;
        let base_url_set = get("UPR_BASE_URL").is_some();
        let base_url = get("UPR_BASE_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(err(
                "UPR_BASE_URL",
                "must start with http:// or https:// (it is used in links sent by email)",
            ));
        }
        let session_key = get("UPR_SESSION_KEY")
            .map(|v| decode_key("UPR_SESSION_KEY", &v, 64))
            .transpose()?;
        let data_key = get("UPR_DATA_KEY")
            .map(|v| decode_key("UPR_DATA_KEY", &v, 32))
            .transpose()?;
        let mail = match get("UPR_MAIL_TRANSPORT").as_deref().unwrap_or("file") {
            "file" => MailTransport::File(
                get("UPR_MAIL_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| data_dir.join("mail")),
            ),
            "log" => MailTransport::Log,
            "smtp" => {
                let host = get("UPR_SMTP_HOST").ok_or_else(|| {
                    err("UPR_SMTP_HOST", "is required when UPR_MAIL_TRANSPORT=smtp")
                })?;
                let tls = match get("UPR_SMTP_TLS").as_deref().unwrap_or("starttls") {
                    "tls" => SmtpTls::Tls,
                    "starttls" => SmtpTls::StartTls,
                    "none" => SmtpTls::None,
                    other => {
                        return Err(err(
                            "UPR_SMTP_TLS",
                            format!("`{other}` is not one of tls, starttls, none"),
                        ));
                    }
                };
                let default_port = match tls {
                    SmtpTls::Tls => 465,
                    SmtpTls::StartTls => 587,
                    SmtpTls::None => 25,
                };
                let port = number(&get, "UPR_SMTP_PORT", default_port, 1, 65535)? as u16;
                let username = get("UPR_SMTP_USERNAME");
                let password = get("UPR_SMTP_PASSWORD");
                if username.is_some() != password.is_some() {
                    return Err(err(
                        "UPR_SMTP_USERNAME",
                        "set both UPR_SMTP_USERNAME and UPR_SMTP_PASSWORD, or neither",
                    ));
                }
                MailTransport::Smtp(SmtpSettings {
                    host,
                    port,
                    tls,
                    username,
                    password,
                })
            }
            other => {
                return Err(err(
                    "UPR_MAIL_TRANSPORT",
                    format!("`{other}` is not one of file, log, smtp"),
                ));
            }
        };
        let mail_from =
            get("UPR_MAIL_FROM").unwrap_or_else(|| "People's UPR <no-reply@localhost>".into());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(err(
                "UPR_MAIL_FROM",
                "is not a valid sender, for example `People's UPR <upr@example.org>`",
            ));
        }
        let trust_forwarded_for = match get("UPR_TRUST_FORWARDED_FOR").as_deref() {
            None | Some("false" | "0" | "no") => false,
            Some("true" | "1" | "yes") => true,
            Some(_) => return Err(err("UPR_TRUST_FORWARDED_FOR", "expected true or false")),
        };
        let mb = 1024 * 1024;
        let attachments = AttachmentLimits {
            max_file_bytes: number(&get, "UPR_ATTACHMENT_MAX_MB", 10, 1, 100)? as usize * mb,
            max_total_bytes: number(&get, "UPR_ATTACHMENTS_TOTAL_MB", 25, 1, 500)? as usize * mb,
            max_files: number(&get, "UPR_ATTACHMENTS_MAX_FILES", 5, 0, 20)? as usize,
            memory_bytes: number(&get, "UPR_UPLOAD_MEMORY_MB", 32, 1, 4096)? as usize * mb,
            memory_wait: std::time::Duration::from_secs(number(
                &get,
                "UPR_UPLOAD_WAIT_SECONDS",
                30,
                1,
                600,
            )? as u64),
        };
        if attachments.memory_bytes < attachments.max_total_bytes {
            return Err(err(
                "UPR_UPLOAD_MEMORY_MB",
                "must be at least UPR_ATTACHMENTS_TOTAL_MB: one witness's files must fit in it",
            ));
        }
        Ok(Self {
            database_url,
            data_dir,
            bind,
            base_url,
            base_url_set,
            session_key,
            data_key,
            mail,
            mail_from,
            trust_forwarded_for,
            invite_hours: number(&get, "UPR_INVITE_HOURS", 72, 1, 24 * 30)?,
            attachments,
            log_filter: get("UPR_LOG").unwrap_or_else(|| "info".into()),
            mail_poll_seconds: number(&get, "UPR_MAIL_POLL_SECONDS", 5, 1, 3600)? as u64,
            workers: number(
                &get,
                "UPR_WORKERS",
                std::thread::available_parallelism()
                    .map(|n| n.get() as i64)
                    .unwrap_or(2),
                1,
                256,
            )? as usize,
            retention_days: number(
                &get,
                "UPR_RETENTION_DAYS",
                crate::domain::retention::DEFAULT_DAYS,
                0,
                crate::domain::retention::MAX_DAYS,
            )?,
            purge_interval_minutes: number(&get, "UPR_PURGE_INTERVAL_MINUTES", 60, 0, 7 * 24 * 60)?
                as u64,
        })
    }

    /// Whether cookies must carry `Secure` (the public address is HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

fn number(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, ConfigError> {
    match get(name) {
        None => Ok(default),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(err(
                name,
                format!("expected a whole number from {min} to {max}, got `{v}`"),
            )),
        },
    }
}

fn decode_key(name: &str, value: &str, len: usize) -> Result<Vec<u8>, ConfigError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value)
        .map_err(|_| err(name, format!("must be base64 ({len} random bytes); generate one with `openssl rand -base64 {len}`")))?;
    if bytes.len() < len {
        return Err(err(
            name,
            format!(
                "must hold at least {len} bytes, got {}; generate one with `openssl rand -base64 {len}`",
                bytes.len()
            ),
        ));
    }
    Ok(bytes)
}

/// Read a TOML settings file into environment names (`bind = "..."` becomes `UPR_BIND`).
fn parse_file(text: &str) -> Result<HashMap<String, String>, String> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    let mut out = HashMap::new();
    for (key, value) in table {
        let name = SETTINGS
            .iter()
            .find(|n| file_key(n) == key)
            .ok_or_else(|| format!("unknown setting `{key}`"))?;
        let v = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            _ => return Err(format!("`{key}` must be a string, number or true/false")),
        };
        out.insert(name.to_string(), v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_need_no_setup() {
        let c = Config::from_values(&HashMap::new()).unwrap();
        assert_eq!(
            c.database_url,
            DatabaseUrl::Sqlite("data/peoples-upr.sqlite3".into())
        );
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.base_url, "http://127.0.0.1:8080");
        assert_eq!(c.mail, MailTransport::File("data/mail".into()));
        assert!(!c.secure_cookies());
        assert_eq!(c.retention_days, 90);
        assert_eq!(c.purge_interval_minutes, 60);
    }

    #[test]
    fn refuses_unknown_database_scheme_with_the_setting_name() {
        let e = Config::from_values(&values(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert_eq!(e.name, "DATABASE_URL");
        assert!(e.message.contains("mysql"));
    }

    #[test]
    fn smtp_needs_a_host_and_valid_tls() {
        let e = Config::from_values(&values(&[("UPR_MAIL_TRANSPORT", "smtp")])).unwrap_err();
        assert_eq!(e.name, "UPR_SMTP_HOST");
        let e = Config::from_values(&values(&[
            ("UPR_MAIL_TRANSPORT", "smtp"),
            ("UPR_SMTP_HOST", "mail"),
            ("UPR_SMTP_TLS", "maybe"),
        ]))
        .unwrap_err();
        assert_eq!(e.name, "UPR_SMTP_TLS");
    }

    #[test]
    fn bad_numbers_and_keys_are_named() {
        let e = Config::from_values(&values(&[("UPR_INVITE_HOURS", "0")])).unwrap_err();
        assert_eq!(e.name, "UPR_INVITE_HOURS");
        let e = Config::from_values(&values(&[("UPR_RETENTION_DAYS", "-1")])).unwrap_err();
        assert_eq!(e.name, "UPR_RETENTION_DAYS");
        let e = Config::from_values(&values(&[("UPR_SESSION_KEY", "c2hvcnQ=")])).unwrap_err();
        assert!(e.message.contains("64 bytes"));
    }

    #[test]
    fn file_settings_use_lower_case_names() {
        let v = parse_file("bind = \"0.0.0.0:9000\"\ninvite_hours = 24\n").unwrap();
        assert_eq!(v["UPR_BIND"], "0.0.0.0:9000");
        assert_eq!(v["UPR_INVITE_HOURS"], "24");
        assert!(parse_file("colour = \"red\"").is_err());
    }
}
