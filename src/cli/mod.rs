//! The command line: serve, migrate, manage staff accounts, verify the audit trail, purge
//! what retention ends, back up and restore, and fill an empty database with demo data.

use std::io::{BufRead as _, IsTerminal as _};
use std::net::TcpListener;

use clap::{Parser, Subcommand};

mod demo;
mod ops;

use crate::config::Config;
use crate::db;
use crate::domain::account::{Email, NewPassword, Role};

/// Run a People's UPR: hearings, witness testimony, and the report.
///
/// Settings come from environment variables (see the README); with none set, data is kept
/// in ./data with SQLite.
#[derive(Debug, Parser)]
#[command(name = "peoples-upr", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web server (applies pending migrations first).
    Serve {
        /// Address and port to listen on [default: UPR_BIND, else 127.0.0.1:8080].
        #[arg(long, value_name = "ADDRESS:PORT")]
        bind: Option<String>,
    },
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Manage staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Access to originals (what witnesses wrote and gave, sealed at rest).
    #[command(subcommand)]
    Originals(OriginalsCommand),
    /// Check that the audit trail is intact: every entry carries the hash of the one before
    /// it, and the last matches the head kept apart from the log. Exits with 1 when an
    /// entry was edited, deleted or cut off.
    VerifyAudit,
    /// Fill an empty database with realistic demo data: an organisation, staff (their
    /// passwords are printed at the end), six hearings, and testimony in four languages,
    /// reviewed, redacted, tagged, translated and excerpted. Refused (exit code 2) when the
    /// database holds accounts or hearings: use a fresh data directory, for example
    /// `UPR_DATA_DIR=./demo-data peoples-upr demo`.
    Demo {
        /// How many testimonies to make (10000 for a benchmark).
        #[arg(long, value_name = "N", default_value_t = crate::demo::DEFAULT_TESTIMONIES)]
        testimonies: u64,
        /// The seed of the composed data: the same seed makes the same testimony.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// How many recommendations the demo report makes (300 for a benchmark).
        #[arg(long, value_name = "N", default_value_t = 12)]
        recommendations: usize,
    },
    /// Delete the contact details (email, phone) and attachments of testimony given at
    /// hearings closed longer than their retention (UPR_RETENTION_DAYS unless the hearing
    /// sets its own), and print the counts. The server also does this every hour.
    Purge {
        /// Only list what would be deleted, as counts; delete nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a backup to FILE while the server runs: on SQLite, one archive with a
    /// consistent copy of the database, the sealed attachments and the data key file; on
    /// PostgreSQL, the data folder's files, and how to use pg_dump for the database.
    Backup {
        /// The archive to write.
        file: std::path::PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Bring a backup back into an empty data folder (UPR_DATA_DIR) and, on SQLite, a
    /// database file that does not exist yet; then `serve` starts on it.
    Restore {
        /// The archive written by `backup`.
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum OriginalsCommand {
    /// Grant an account access to originals with the recovery key, when no administrator
    /// with access can. The key is asked at a prompt, or read as one line from standard
    /// input when it is not a terminal. The account must have logged in (or been created)
    /// since sealed originals arrived.
    Recover {
        /// The account's email address.
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is asked at a prompt, or read as one line from
    /// standard input when it is not a terminal; it is never taken from the command line.
    Create {
        /// The person's email address (their login).
        #[arg(long)]
        email: String,
        /// admin, organizer or editor.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The name shown to colleagues [default: the part of the email before @].
        #[arg(long)]
        name: Option<String>,
    },
    /// List accounts: email, role, status.
    List,
    /// Disable an account: it can no longer log in and its sessions end at once.
    Disable {
        /// The account's email address.
        email: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// The account's email address.
        email: String,
    },
    /// Turn off two-step sign-in for someone who lost their phone and recovery codes:
    /// their sessions end and they sign in with the password alone (then set it up again).
    TwoStepOff {
        /// The account's email address.
        email: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("`{s}` is not a role; use admin, organizer or editor"))
}

/// Start logging. `UPR_LOG` (or `RUST_LOG`) sets the filter.
pub fn init_tracing(filter: &str) {
    let filter = std::env::var("RUST_LOG").unwrap_or_else(|_| filter.to_string());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_target(false)
        .try_init();
}

/// Run a parsed command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let mut config = Config::from_env()?;
    init_tracing(&config.log_filter);
    match cli.command {
        Command::Serve { bind } => {
            if let Some(bind) = bind {
                config.bind = bind.parse().map_err(|_| {
                    anyhow::anyhow!("--bind expects ADDRESS:PORT, for example 127.0.0.1:8080")
                })?;
            }
            serve(config)
        }
        Command::Migrate => {
            crate::files::restrict_new_files();
            let keys = crate::startup::data_keys(&config)?;
            let mut conn = db::connect_one(&config.database_url)?;
            let (applied, recovery) = crate::startup::migrate(&mut conn, &config, &keys)?;
            if let Some(recovery) = recovery {
                print_upgrade_recovery(&recovery);
            }
            if applied.is_empty() {
                println!(
                    "The database at {} is up to date.",
                    config.database_url.describe()
                );
            } else {
                println!(
                    "Applied {} migration(s) to {}.",
                    applied.len(),
                    config.database_url.describe()
                );
            }
            Ok(())
        }
        Command::User(cmd) => user(config, cmd),
        Command::Originals(OriginalsCommand::Recover { email }) => recover(config, &email),
        Command::VerifyAudit => verify_audit(&config),
        Command::Demo {
            testimonies,
            seed,
            recommendations,
        } => demo::demo(&config, testimonies, seed, recommendations),
        Command::Purge { dry_run } => ops::purge(&config, dry_run),
        Command::Backup { file, force } => ops::backup(&config, &file, force),
        Command::Restore { file } => ops::restore(&config, &file),
    }
}

/// The exit code for a failed command: 2 when the demo refused a database that is not
/// empty, 1 otherwise.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<crate::demo::DemoError>() {
        Some(crate::demo::DemoError::NotEmpty(_)) => 2,
        _ => 1,
    }
}

/// Print the recovery key made when an older database was upgraded.
fn print_upgrade_recovery(recovery: &crate::crypto::keys::RecoveryKey) {
    println!();
    println!("Testimony is now sealed: only staff granted access to originals can read it.");
    println!("This database had no organisation key, so one was made. Its RECOVERY KEY is shown");
    println!("this once and kept nowhere. Print it or write it down, and keep it offline:");
    println!();
    println!("    {}", recovery.display());
    println!();
    println!(
        "No account has access to originals yet. Log in once, then give yourself access with:"
    );
    println!("    peoples-upr originals recover --email you@example.org");
    println!();
}

/// Print the recovery key made with the first administrator.
fn print_first_recovery(recovery: &crate::crypto::keys::RecoveryKey) {
    println!();
    println!("This account holds the organisation key that opens what witnesses give.");
    println!("Its RECOVERY KEY is shown this once and kept nowhere. Print it or write it down,");
    println!("and keep it offline: it restores access when no administrator can.");
    println!();
    println!("    {}", recovery.display());
    println!();
}

fn serve(mut config: Config) -> anyhow::Result<()> {
    let bind = config.bind;
    let listener = TcpListener::bind(bind).map_err(|e| {
        anyhow::anyhow!(
            "cannot listen on {bind}: {e}. Is another server using it? Choose another with --bind."
        )
    })?;
    if !config.base_url_set {
        config.base_url = format!("http://{}", listener.local_addr()?);
    }
    let base_url = config.base_url.clone();
    let described = config.database_url.describe();
    let mail_notice = match &config.mail {
        crate::config::MailTransport::File(dir) => Some(format!(
            "Mail is written to files in {} and not sent (UPR_MAIL_TRANSPORT=file). Set UPR_MAIL_TRANSPORT=smtp to send it.",
            dir.display()
        )),
        crate::config::MailTransport::Log => Some(
            "Mail is not sent: only a line is logged for each message (UPR_MAIL_TRANSPORT=log)."
                .into(),
        ),
        crate::config::MailTransport::Smtp(_) => None,
    };
    actix_web::rt::System::new().block_on(async move {
        let prepared = crate::startup::prepare(config)?;
        if let Some(recovery) = &prepared.upgrade_recovery {
            print_upgrade_recovery(recovery);
        }
        let (setup, unsafe_settings, stale_plans) = {
            let mut conn = prepared.state.pool.get()?;
            let setup = crate::service::accounts::issue_setup_token(&mut conn)?;
            let unsafe_settings = crate::db::durability::warnings(&mut conn)?;
            (setup, unsafe_settings, crate::db::upkeep::warnings(&mut conn)?)
        };
        tracing::info!(database = %described, address = %bind, "serving");
        println!("People's UPR is running at {base_url}/ (data: {described}).");
        if let Some(notice) = mail_notice {
            println!("{notice}");
        }
        for warning in unsafe_settings {
            tracing::warn!(%warning, "the database may lose committed testimony");
            println!("WARNING: {warning}");
        }
        for warning in stale_plans {
            tracing::warn!(%warning, "the database's plans may go stale");
            println!("WARNING: {warning}");
        }
        if let Some(token) = setup {
            println!();
            println!("No account exists yet. Create the first administrator by opening, once, within 24 hours:");
            println!("    {base_url}/setup/{token}");
            println!("or from a terminal: peoples-upr user create --email you@example.org --role admin");
            println!();
        }
        crate::startup::run(listener, prepared)?.await?;
        Ok(())
    })
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Same password again: ")?;
        if first != second {
            anyhow::bail!("the two passwords differ; run the command again");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

/// Open the database for a command: private files, migrations applied.
pub(crate) fn open_database(config: &Config) -> anyhow::Result<db::DbConn> {
    crate::files::restrict_new_files();
    crate::files::secure_tree(&config.data_dir)?;
    let keys = crate::startup::data_keys(config)?;
    let mut conn = db::connect_one(&config.database_url)?;
    let (_, recovery) = crate::startup::migrate(&mut conn, config, &keys)?;
    if let Some(recovery) = recovery {
        print_upgrade_recovery(&recovery);
    }
    Ok(conn)
}

/// Walk the audit chain, with a progress bar on standard error for long chains.
fn verify_audit(config: &Config) -> anyhow::Result<()> {
    let mut conn = open_database(config)?;
    let total = crate::service::audit::written(&mut conn)?;
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total.max(0) as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("Checking {pos}/{len} entries {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let checked = crate::service::audit::verify_with_progress(&mut conn, |n| {
        bar.set_position(n.max(0) as u64)
    });
    bar.finish_and_clear();
    let checked = checked?;
    println!("{} entries checked.", checked.entries);
    match checked.problem {
        None => {
            println!("The audit trail is intact.");
            Ok(())
        }
        Some(problem) => anyhow::bail!(
            "the audit trail is broken: {problem}. Restore the database from a backup made before this, compare the head of the trail with the backup's, and investigate who could write to the database"
        ),
    }
}

fn recover(config: Config, email: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
    let mut conn = open_database(&config)?;
    let user = db::users::find_by_email(&mut conn, email.as_str())?
        .ok_or_else(|| anyhow::anyhow!("no account for {email} (see `peoples-upr user list`)"))?;
    let typed = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Recovery key: ")?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line
    };
    let recovery = crate::crypto::keys::RecoveryKey::parse(&typed).ok_or_else(|| {
        anyhow::anyhow!(
            "that is not a recovery key: it has 64 letters and digits in groups of four"
        )
    })?;
    match crate::service::accounts::recover_access(&mut conn, &recovery, &user.id) {
        Ok(Ok(_)) => {
            println!("{email} can open originals from their next login.");
            Ok(())
        }
        Ok(Err(_)) => anyhow::bail!(
            "{email} has no key pair yet: they must log in once (or reset their password), then run this again"
        ),
        Err(crate::service::ServiceError::Sealed(_)) => {
            anyhow::bail!("this recovery key does not open this database's organisation key")
        }
        Err(e) => Err(e.into()),
    }
}

fn user(config: Config, cmd: UserCommand) -> anyhow::Result<()> {
    let mut conn = open_database(&config)?;
    match cmd {
        UserCommand::Create { email, role, name } => {
            let email = Email::parse(&email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
            if db::users::find_by_email(&mut conn, email.as_str())?.is_some() {
                anyhow::bail!(
                    "an account for {email} already exists (see `peoples-upr user list`)"
                );
            }
            if role != Role::Admin && db::users::count(&mut conn)? == 0 {
                anyhow::bail!(
                    "the first account must be an administrator (--role admin): it holds the key that opens what witnesses give"
                );
            }
            let name = name
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| {
                    email
                        .as_str()
                        .split('@')
                        .next()
                        .unwrap_or_default()
                        .to_string()
                });
            let password = read_password()?;
            let password = NewPassword::parse(&password, &password, Some(email.as_str()))
                .map_err(|(_, m)| anyhow::anyhow!(m))?;
            let created = crate::service::accounts::create_by_command(
                &mut conn,
                &crate::service::accounts::NewAccount {
                    email: email.clone(),
                    display_name: name,
                    role,
                    password,
                },
            )?;
            println!(
                "Created {role} account for {email}. Log in at {}/login",
                config.base_url
            );
            if let Some(recovery) = &created.recovery {
                print_first_recovery(recovery);
            }
        }
        UserCommand::List => {
            let users = db::users::list(&mut conn)?;
            if users.is_empty() {
                println!(
                    "No accounts yet. Create one with `peoples-upr user create --email ... --role admin`."
                );
            }
            for u in users {
                println!(
                    "{:<40} {:<10} {:<8} {}",
                    u.email,
                    u.role,
                    if u.disabled { "disabled" } else { "active" },
                    u.display_name
                );
            }
        }
        UserCommand::Disable { email }
        | UserCommand::Enable { email }
        | UserCommand::TwoStepOff { email }
            if Email::parse(&email).is_err() =>
        {
            anyhow::bail!("`{email}` is not an email address");
        }
        UserCommand::Disable { email } => set_disabled(&mut conn, &email, true)?,
        UserCommand::Enable { email } => set_disabled(&mut conn, &email, false)?,
        UserCommand::TwoStepOff { email } => {
            let email = Email::parse(&email).map_err(|m| anyhow::anyhow!(m))?;
            let user = db::users::find_by_email(&mut conn, email.as_str())?.ok_or_else(|| {
                anyhow::anyhow!("no account for {email} (see `peoples-upr user list`)")
            })?;
            if crate::service::two_step::turn_off(&mut conn, &user.id)? {
                println!(
                    "Two-step sign-in is off for {email}; their sessions have ended. They sign in with the password alone, then set it up again."
                );
            } else {
                println!("{email} does not use two-step sign-in.");
            }
        }
    }
    Ok(())
}

fn set_disabled(conn: &mut db::DbConn, email: &str, disabled: bool) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|m| anyhow::anyhow!(m))?;
    let user = db::users::find_by_email(conn, email.as_str())?
        .ok_or_else(|| anyhow::anyhow!("no account for {email} (see `peoples-upr user list`)"))?;
    let by = crate::domain::audit::Actor::System;
    crate::service::accounts::set_disabled(conn, &by, &user.id, disabled)?;
    if disabled {
        println!("Disabled {email}; their sessions have ended.");
    } else {
        println!("Enabled {email}; they can log in again.");
    }
    Ok(())
}
