//! Administration: staff accounts and invitations, and the theme vocabulary.

pub mod themes;
pub mod users;
