//! The command line: serve, migrate, and manage staff accounts.

use std::io::{BufRead as _, IsTerminal as _};
use std::net::TcpListener;

use clap::{Parser, Subcommand};

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
            let pool = db::connect(&config.database_url)?;
            let mut conn = pool.get()?;
            let applied = db::migrate(&mut conn)?;
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
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    let bind = config.bind;
    let base_url = config.base_url.clone();
    let described = config.database_url.describe();
    actix_web::rt::System::new().block_on(async move {
        let prepared = crate::startup::prepare(config)?;
        let listener = TcpListener::bind(bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}. Is another server using it? Choose another with --bind."))?;
        let setup = {
            let mut conn = prepared.state.pool.get()?;
            crate::routes::auth::setup::issue_if_needed(&mut conn)?
        };
        tracing::info!(database = %described, address = %bind, "serving");
        println!("People's UPR is running at {base_url}/ (data: {described}).");
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

fn user(config: Config, cmd: UserCommand) -> anyhow::Result<()> {
    let pool = db::connect(&config.database_url)?;
    let mut conn = pool.get()?;
    db::migrate(&mut conn)?;
    match cmd {
        UserCommand::Create { email, role, name } => {
            let email = Email::parse(&email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
            if db::users::find_by_email(&mut conn, email.as_str())?.is_some() {
                anyhow::bail!(
                    "an account for {email} already exists (see `peoples-upr user list`)"
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
            let hash = crate::password::hash(password.expose())?;
            db::users::create(&mut conn, email.as_str(), &name, role, &hash)?;
            println!(
                "Created {role} account for {email}. Log in at {}/login",
                config.base_url
            );
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
        UserCommand::Disable { email } | UserCommand::Enable { email }
            if Email::parse(&email).is_err() =>
        {
            anyhow::bail!("`{email}` is not an email address");
        }
        UserCommand::Disable { email } => set_disabled(&mut conn, &email, true)?,
        UserCommand::Enable { email } => set_disabled(&mut conn, &email, false)?,
    }
    Ok(())
}

fn set_disabled(conn: &mut db::DbConn, email: &str, disabled: bool) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|m| anyhow::anyhow!(m))?;
    let user = db::users::find_by_email(conn, email.as_str())?
        .ok_or_else(|| anyhow::anyhow!("no account for {email} (see `peoples-upr user list`)"))?;
    db::users::set_disabled(conn, &user.id, disabled)?;
    if disabled {
        println!("Disabled {email}; their sessions have ended.");
    } else {
        println!("Enabled {email}; they can log in again.");
    }
    Ok(())
}
