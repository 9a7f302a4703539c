//! Integration tests: the real application on port 0, against a temporary SQLite file and,
//! when `UPR_TEST_POSTGRES_URL` is set, against a fresh PostgreSQL database per test.
//! Browser journeys drive headless Chromium through chromedriver.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]
mod helpers;

mod attachments;
mod audit;
mod auth;
mod backup;
mod browser;
mod demo;
mod durability;
mod erasure;
mod fuzz;
mod hearing_languages;
mod hearings;
mod hearings_access;
mod hearings_lifecycle;
mod instances;
mod kdf_cost;
mod messages;
mod organisation;
mod originals;
mod passwords;
mod process;
mod public_pages;
mod receipts;
mod redaction;
mod report_forms;
mod report_publishing;
mod reports;
mod retention;
mod review_queue;
mod review_reading;
mod review_tags;
mod routes_table;
mod search;
mod security;
mod seized;
mod sessions;
mod shared_pages;
mod startup;
mod testimony;
mod two_step;
mod upgrade;
mod upload_memory;
mod witness;
