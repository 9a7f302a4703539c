//! Every route of the application, by area. Each staff handler checks its permission.

pub mod about;
pub mod admin;
pub mod auth;
pub mod hearings;
pub mod public;
pub mod reports;
pub mod review;
pub mod staff;
pub mod testimony;

use actix_web::web;

/// Register all routes and the static files.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // The stylesheet is asked for with nearly every page: matched first, it is not
    // tried against every other route's pattern.
    cfg.service(public::static_file)
        .service(public::home)
        .service(public::set_language)
        .service(public::healthz)
        .service(about::about)
        .service(about::privacy)
        .service(auth::login::show)
        .service(auth::login::submit)
        .service(auth::logout::submit)
        .service(auth::password::show)
        .service(auth::password::submit)
        .service(auth::two_step::show)
        .service(auth::two_step::confirm)
        .service(auth::two_step::disable)
        .service(auth::two_step::new_codes)
        .service(auth::reset::show_forgot)
        .service(auth::reset::submit_forgot)
        .service(auth::reset::show_reset)
        .service(auth::reset::submit_reset)
        .service(auth::invite::show)
        .service(auth::invite::submit)
        .service(auth::setup::show)
        .service(auth::setup::submit)
        .service(staff::dashboard)
        .service(admin::users::list)
        .service(admin::users::invite)
        .service(admin::users::revoke)
        .service(admin::users::disable)
        .service(admin::users::enable)
        .service(admin::users::change_role)
        .service(admin::audit::show)
        .service(admin::originals::grant)
        .service(admin::originals::revoke)
        .service(admin::organisation::show)
        .service(admin::organisation::save)
        .service(admin::security::show)
        .service(admin::security::save)
        .service(admin::vocabulary::list)
        .service(admin::vocabulary::add)
        .configure(hearings::configure)
        .configure(testimony::configure)
        .configure(review::configure)
        .configure(reports::configure)
        .default_service(web::to(public::not_found));
}
