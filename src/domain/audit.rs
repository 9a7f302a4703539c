//! What the audit trail records: who did what to which record, never the words or the
//! identity involved.

use std::fmt;

use super::ids::UserId;

/// Who acted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in staff member.
    Staff(UserId),
    /// The witness, holding their receipt (never identified further).
    Witness,
    /// The application itself (a scheduled job, a command).
    System,
}

impl Actor {
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Staff(_) => "staff",
            Actor::Witness => "witness",
            Actor::System => "system",
        }
    }

    pub fn user_id(&self) -> Option<&str> {
        match self {
            Actor::Staff(id) => Some(id.as_str()),
            _ => None,
        }
    }
}

macro_rules! actions {
    ($($variant:ident => $code:literal, $label:literal;)*) => {
        /// Everything the trail records.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            pub fn code(self) -> &'static str {
                match self {
                    $(Action::$variant => $code,)*
                }
            }

            /// In words, for the audit page.
            pub fn label(self) -> &'static str {
                match self {
                    $(Action::$variant => $label,)*
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|a| a.code() == code)
            }
        }
    };
}

actions! {
    Login => "login", "Signed in";
    Logout => "logout", "Signed out";
    PasswordChanged => "password.changed", "Changed their password";
    PasswordReset => "password.reset", "Reset a password";
    UserInvited => "user.invited", "Invited a staff member";
    InviteWithdrawn => "user.invite_withdrawn", "Withdrew an invitation";
    UserJoined => "user.joined", "Accepted an invitation";
    UserDisabled => "user.disabled", "Disabled an account";
    UserEnabled => "user.enabled", "Enabled an account";
    RoleChanged => "user.role", "Changed a role";
    GrantGiven => "grant.given", "Granted access to originals";
    GrantRevoked => "grant.revoked", "Revoked access to originals";
    AccessRecovered => "grant.recovered", "Recovered access to originals";
    OriginalOpened => "original.opened", "Opened an original";
    IdentityOpened => "identity.opened", "Opened a witness's identity";
    AttachmentOpened => "attachment.opened", "Opened an attachment";
    StatusChanged => "status.changed", "Changed a review status";
    Assigned => "assigned", "Assigned a testimony";
    RedactionSaved => "redaction.saved", "Saved a redaction";
    TranslationSaved => "translation.saved", "Saved a translation";
    TagsChanged => "tags.changed", "Changed tags";
    ExcerptCreated => "excerpt.created", "Selected an excerpt";
    ExcerptRemoved => "excerpt.removed", "Removed an excerpt";
    ExcerptsInvalidated => "excerpt.invalidated", "Excerpts invalidated";
    MessageSent => "message.sent", "Wrote to a witness";
    MessageReceived => "message.received", "The witness replied";
    ConsentChanged => "consent.changed", "Consent changed";
    Withdrawn => "testimony.withdrawn", "Testimony withdrawn";
    Erased => "testimony.erased", "Testimony erased";
    ContactDeleted => "contact.deleted", "Contact details deleted";
    Purged => "retention.purged", "Purged contact details and attachments";
    VocabularyAdded => "vocabulary.added", "Added to a vocabulary";
    Exported => "exported", "Exported";
    ReportCreated => "report.created", "Created a report";
    ReportEdited => "report.edited", "Edited a report";
    ReportFinalised => "report.finalised", "Finalised a report version";
    ReportReopened => "report.reopened", "Reopened a report version";
    ReportPublished => "report.published", "Published a report version";
    ReportPublishBlocked => "report.publish_blocked", "Publication blocked by the leak scan";
    ReportVersionMade => "report.versioned", "Made a new report version";
    ReportFlagged => "report.flagged", "Published report flagged: consent changed";
    ReportTakenDown => "report.taken_down", "Took a report version down";
    TwoStepEnabled => "two_step.enabled", "Turned on two-step sign-in";
    TwoStepDisabled => "two_step.disabled", "Turned off two-step sign-in";
    RecoveryCodesRegenerated => "two_step.codes_regenerated", "Made new recovery codes";
    RecoveryCodeUsed => "two_step.code_used", "Used a recovery code";
    SettingChanged => "setting.changed", "Changed a security setting";
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The kind of record an entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Testimony,
    User,
    Hearing,
    Vocabulary,
    Report,
    /// A setting of the whole site (the record id names the setting).
    Setting,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Testimony,
        RecordKind::User,
        RecordKind::Hearing,
        RecordKind::Vocabulary,
        RecordKind::Report,
        RecordKind::Setting,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Testimony => "testimony",
            RecordKind::User => "user",
            RecordKind::Hearing => "hearing",
            RecordKind::Vocabulary => "vocabulary",
            RecordKind::Report => "report",
            RecordKind::Setting => "setting",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One entry to append: the detail is staff's short description (states, counts,
/// categories), never testimony text or identity.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub actor: &'a Actor,
    pub action: Action,
    pub record: RecordKind,
    pub record_id: &'a str,
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            assert!(seen.insert(a.code()), "duplicate {}", a.code());
            assert_eq!(Action::parse(a.code()), Some(*a));
        }
        assert_eq!(Action::parse("nope"), None);
    }
}
