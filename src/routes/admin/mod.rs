//! Administration: staff accounts and invitations, access to originals, and the theme
//! vocabulary.

pub mod originals;
pub mod themes;
pub mod users;
