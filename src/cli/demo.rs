//! The `demo` command: fill an empty database with demo data and a published report,
//! with progress on standard error, then print how to sign in and where the report is.

use super::open_database;
use crate::config::Config;

/// Fill the database with demo data, with a progress bar on standard error, then print
/// what was made and how to sign in.
pub(super) fn demo(
    config: &Config,
    testimonies: u64,
    seed: u64,
    recommendations: usize,
) -> anyhow::Result<()> {
    let mut conn = open_database(config)?;
    let opts = crate::demo::DemoOptions {
        testimonies,
        seed,
        keys: crate::startup::data_keys(config)?,
        site: config.base_url.clone(),
    };
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(testimonies),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "Making testimony {pos}/{len} {wide_bar} {elapsed_precise} (about {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let made = crate::demo::run(&mut conn, &config.data_dir, &opts, &|n| bar.set_position(n));
    bar.finish_and_clear();
    let made = made?;
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message("Compiling, scanning and publishing the demo report");
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let report = crate::demo::report::make(&mut conn, &made, recommendations);
    spinner.set_message("Updating the database's statistics");
    crate::db::settle_after_load(&mut conn)?;
    spinner.finish_and_clear();
    print_demo(&made, config);
    print_demo_report(&report?, config);
    Ok(())
}

fn print_demo_report(report: &crate::demo::report::ReportMade, config: &Config) {
    println!();
    match &report.not_published {
        None => {
            println!(
                "A report with {} recommendations is published: the public page, with its DOCX, CSV and JSON downloads, is at",
                report.recommendations
            );
            println!(
                "    {}/reports/{}",
                config.base_url.trim_end_matches('/'),
                report.report_id
            );
        }
        Some(why) => {
            println!("The demo report was compiled but not published: {why}");
        }
    }
    println!(
        "Editors find it at {}/staff/reports/{}",
        config.base_url.trim_end_matches('/'),
        report.version_id
    );
}

fn print_demo(summary: &crate::demo::DemoSummary, config: &Config) {
    let c = &summary.counts;
    println!(
        "Demo data is ready in {}: {} hearings and {} testimonies.",
        config.database_url.describe(),
        summary.hearings.len(),
        summary.testimonies
    );
    println!(
        "  review: {} approved, {} in review, {} waiting for the witness, {} excluded, {} not opened yet; {} withdrawn by their witness",
        c.approved, c.in_review, c.waiting, c.excluded, c.received, c.withdrawn
    );
    println!(
        "  {} translations, {} excerpts",
        summary.translations,
        summary.excerpts()
    );
    println!();
    println!("Start the server with the same settings (`peoples-upr serve`) and sign in at");
    println!("    {}", summary.sign_in_url);
    println!();
    println!(
        "{:<30} {:<10} {:<20} originals",
        "email", "role", "password"
    );
    for s in &summary.staff {
        println!(
            "{:<30} {:<10} {:<20} {}",
            s.email,
            s.role.as_str(),
            s.password,
            if s.granted { "granted" } else { "-" }
        );
    }
    println!();
    println!("These passwords are shown this once and kept nowhere else.");
    println!(
        "The organisation's recovery key, which restores access to originals when no administrator can:"
    );
    println!("    {}", summary.recovery.display());
}
