//! Witness testimony: the public hearing pages and form, receipts, return visits with the
//! receipt code, and assisted intake by staff at in-person hearings.

pub mod check;
pub mod details;
pub mod form;
pub mod intake;
pub mod public;
pub mod receipt;
pub mod validate;
pub mod view;
pub mod wording;

use actix_web::web;

/// Register this area's routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(public::list)
        .service(public::show)
        .service(public::submit)
        .service(receipt::show)
        .service(check::show)
        .service(check::submit)
        .service(check::show_mine)
        .service(check::add_information)
        .service(check::reply)
        .service(check::change_consent)
        .service(check::withdraw_testimony)
        .service(check::erase_testimony)
        .service(details::change)
        .service(check::delete_contact)
        .service(check::leave)
        .service(intake::show)
        .service(intake::submit)
        .service(receipt::show_intake);
}
