//! Administration: staff accounts and invitations, and the theme vocabulary.

pub mod users;
