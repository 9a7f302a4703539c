//! Administration: staff accounts and invitations, access to originals, the theme
//! vocabulary, and who runs the site.

pub mod organisation;
pub mod originals;
pub mod themes;
pub mod users;
pub mod vocabulary;
