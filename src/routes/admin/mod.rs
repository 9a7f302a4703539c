//! Administration: staff accounts and invitations, access to originals, the theme
//! vocabulary, who runs the site, security settings, and the audit trail.

pub mod audit;
pub mod organisation;
pub mod originals;
pub mod security;
pub mod themes;
pub mod users;
pub mod vocabulary;
