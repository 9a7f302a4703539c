//! The `peoples-upr` command: see `peoples-upr --help`.

use clap::Parser as _;

/// mimalloc gives freed memory back to the system: with glibc's allocator, every thread
/// that once held a large buffer (an upload, a password check's 7 MiB) kept it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
