//! Typed ids: a testimony id cannot be passed where a hearing id is expected.
//!
//! Ids are application-made UUIDs stored as text on both databases.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A fresh random id.
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4().to_string())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A testimony.
    TestimonyId
);
id_type!(
    /// A hearing.
    HearingId
);
id_type!(
    /// A staff account.
    UserId
);
id_type!(
    /// An attachment of a testimony.
    AttachmentId
);

/// A stored code that names no known value (a damaged or newer database).
#[derive(Debug, thiserror::Error)]
#[error("unknown stored code `{0}`")]
pub struct UnknownCode(pub String);

/// How staff refer to a record in lists and file names: the first eight characters of its id.
pub fn short(id: &str) -> String {
    id.chars().take(8).collect()
}
