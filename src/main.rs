//! The `peoples-upr` command: see `peoples-upr --help`.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    let cli = peoples_upr::cli::Cli::parse();
    match peoples_upr::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::from(peoples_upr::cli::exit_code(&e))
        }
    }
}
