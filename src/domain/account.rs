//! Staff accounts: roles and what each may do, email addresses, passwords.

use std::fmt;

/// A staff member's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Organizer,
    Editor,
}

/// Something a staff member may be allowed to do. Every staff route names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Invite, list, disable and enable staff accounts.
    ManageUsers,
    /// Add themes to the vocabulary.
    ManageThemes,
    /// Say who runs the site: the organisation's name, contact and privacy notice.
    ManageOrganisation,
    /// Create hearings, edit them and change their status.
    ManageHearings,
    /// See hearings and their testimony counts.
    ViewHearings,
    /// Take testimony for a witness at a hearing (assisted intake).
    TakeTestimony,
    /// Review testimony: the queue, statuses, redaction, tags, excerpts, messages, search.
    /// Reading originals also needs a grant (see `originals_grants`).
    ReviewTestimony,
    /// Read and verify the audit trail.
    ViewAudit,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Organizer, Role::Editor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organizer => "organizer",
            Role::Editor => "editor",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim().to_ascii_lowercase())
    }

    /// A role name for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Organizer => "Organizer",
            Role::Editor => "Editor",
        }
    }

    /// The one place that says which role may do what.
    pub fn can(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Organizer => matches!(permission, ManageHearings | ViewHearings | TakeTestimony),
            Role::Editor => matches!(permission, ViewHearings | TakeTestimony | ReviewTestimony),
        }
    }
}

impl TryFrom<String> for Role {
    type Error = super::ids::UnknownCode;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Self::parse(&code).ok_or(super::ids::UnknownCode(code))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalised, syntactically valid email address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Trim, lower-case and check an address. The message says what to fix.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let v = raw.trim().to_lowercase();
        if v.is_empty() {
            return Err("Enter an email address.");
        }
        if v.chars().count() > 254 {
            return Err("That email address is too long (254 characters at most).");
        }
        let valid = v.parse::<lettre::Address>().is_ok()
            && v.split_once('@')
                .is_some_and(|(_, d)| d.contains('.') || d == "localhost");
        if !valid {
            return Err("Enter an email address like name@example.org.");
        }
        Ok(Self(v))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Shortest password accepted (OWASP ASVS: at least 12 characters).
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted: long enough for passphrases, short enough to hash cheaply.
pub const PASSWORD_MAX: usize = 256;

/// A new password that meets the policy. Never logged, never shown.
pub struct NewPassword(String);

impl NewPassword {
    /// Check a new password and its confirmation. Errors name the field to fix.
    pub fn parse(
        password: &str,
        confirm: &str,
        email: Option<&str>,
    ) -> Result<Self, (&'static str, String)> {
        let len = password.chars().count();
        if len < PASSWORD_MIN {
            return Err((
                "password",
                format!(
                    "Use at least {PASSWORD_MIN} characters. A few unrelated words make a strong password."
                ),
            ));
        }
        if len > PASSWORD_MAX {
            return Err((
                "password",
                format!("Use at most {PASSWORD_MAX} characters."),
            ));
        }
        if email.is_some_and(|e| password.trim().eq_ignore_ascii_case(e.trim())) {
            return Err((
                "password",
                "Do not use your email address as your password.".into(),
            ));
        }
        if password != confirm {
            return Err((
                "password_confirm",
                "The two passwords do not match. Type the same password twice.".into(),
            ));
        }
        Ok(Self(password.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_grant_permissions() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Admin.can(Permission::ManageUsers));
        assert!(!Role::Organizer.can(Permission::ManageUsers));
        assert!(Role::Organizer.can(Permission::ManageHearings));
        assert!(!Role::Editor.can(Permission::ManageHearings));
        assert!(Role::Editor.can(Permission::TakeTestimony));
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ana@Example.ORG ").unwrap().as_str(),
            "ana@example.org"
        );
        assert!(Email::parse("").is_err());
        assert!(Email::parse("no-at-sign").is_err());
        assert!(Email::parse("a@b").is_err());
        assert!(Email::parse(&format!("{}@example.org", "a".repeat(260))).is_err());
    }

    #[test]
    fn password_policy() {
        assert_eq!(
            NewPassword::parse("short", "short", None).unwrap_err().0,
            "password"
        );
        assert_eq!(
            NewPassword::parse("long enough pass", "long enough pasS", None)
                .unwrap_err()
                .0,
            "password_confirm"
        );
        assert!(
            NewPassword::parse(
                "ana@example.org",
                "ana@example.org",
                Some("ana@example.org")
            )
            .is_err()
        );
        assert!(NewPassword::parse(&"x".repeat(300), &"x".repeat(300), None).is_err());
        assert!(NewPassword::parse("correct horse battery", "correct horse battery", None).is_ok());
    }
}
