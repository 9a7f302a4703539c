//! peoples-upr: run a civil-society "People's UPR". Organizers open hearings, witnesses give
//! testimony with the consent and redactions they choose, editors compile the report.
//!
//! The binary (`src/main.rs`) only parses the command line and calls [`cli::run`].

pub mod attachments;
pub mod backup;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod files;
pub mod i18n;
pub mod mail;
pub mod password;
pub mod report;
pub mod routes;
pub mod service;
pub mod startup;
pub mod state;
pub mod throttle;
pub mod web;
