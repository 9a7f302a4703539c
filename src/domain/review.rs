//! The one rule for moving a testimony through editorial review.
//!
//! `received` → `in_review` → `approved`, or `excluded` (with a reason), or
//! `needs_follow_up` while a question to the witness is open. Withdrawal is not a review
//! state: only the witness withdraws, and a withdrawn testimony makes no move at all.

use super::testimony::ReviewStatus;

/// Longest reason for an exclusion, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// Why a testimony was excluded: never empty, never long. It is staff's note, not the
/// witness's words, and must not quote them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExclusionReason(String);

impl ExclusionReason {
    pub fn parse(raw: &str) -> Result<Self, ReasonError> {
        let reason = raw.trim();
        if reason.is_empty() {
            Err(ReasonError::Empty)
        } else if reason.chars().count() > MAX_REASON_CHARS {
            Err(ReasonError::TooLong)
        } else {
            Ok(Self(reason.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why an exclusion reason was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonError {
    Empty,
    TooLong,
}

/// What someone does to a testimony's review state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Move {
    /// Start (or resume, reopen, reconsider) the review.
    Review,
    /// Approve it for use, once a redacted text exists.
    Approve,
    /// Leave it out, saying why.
    Exclude(ExclusionReason),
    /// An editor asked the witness something.
    AskWitness,
    /// The witness answered.
    WitnessReplied,
}

impl Move {
    /// The short name used in forms and in the audit trail.
    pub fn code(&self) -> &'static str {
        match self {
            Move::Review => "review",
            Move::Approve => "approve",
            Move::Exclude(_) => "exclude",
            Move::AskWitness => "ask",
            Move::WitnessReplied => "reply",
        }
    }
}

/// What the rule needs to know besides the current state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    pub withdrawn: bool,
    pub has_redacted_text: bool,
}

/// Why a move was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the witness withdrew this testimony; it can no longer be reviewed or used")]
    Withdrawn,
    #[error("a testimony is approved only after a redacted text was saved; redact it first")]
    NotRedacted,
    #[error("this testimony is {from}; it cannot go from there to {to}")]
    NotFrom {
        from: &'static str,
        to: &'static str,
    },
}

/// The state a move leads to from `from`, or why it may not be made.
pub fn next(from: ReviewStatus, facts: Facts, action: &Move) -> Result<ReviewStatus, Refusal> {
    use ReviewStatus::*;
    if facts.withdrawn {
        return Err(Refusal::Withdrawn);
    }
    let to = match action {
        Move::Review => InReview,
        Move::Approve => Approved,
        Move::Exclude(_) => Excluded,
        Move::AskWitness => NeedsFollowUp,
        Move::WitnessReplied => match from {
            NeedsFollowUp => InReview,
            other => other,
        },
    };
    let allowed = matches!(
        (action, from),
        (Move::Review, Received | NeedsFollowUp | Approved | Excluded)
            | (Move::Approve, InReview)
            | (
                Move::Exclude(_),
                Received | InReview | NeedsFollowUp | Approved
            )
            | (
                Move::AskWitness,
                Received | InReview | NeedsFollowUp | Approved
            )
            | (Move::WitnessReplied, _)
    );
    if !allowed {
        return Err(Refusal::NotFrom {
            from: label(from),
            to: label(to),
        });
    }
    if matches!(action, Move::Approve) && !facts.has_redacted_text {
        return Err(Refusal::NotRedacted);
    }
    Ok(to)
}

/// The state's name as staff pages show it.
pub fn label(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Received => "received",
        ReviewStatus::InReview => "in review",
        ReviewStatus::Approved => "approved",
        ReviewStatus::Excluded => "excluded",
        ReviewStatus::NeedsFollowUp => "waiting for the witness",
    }
}

/// The moves an editor may offer from a state (the page shows only these).
pub fn offered(from: ReviewStatus, facts: Facts) -> Vec<&'static str> {
    let probe = ExclusionReason("probe".into());
    [Move::Review, Move::Approve, Move::Exclude(probe)]
        .iter()
        .filter(|m| next(from, facts, m).is_ok())
        .map(Move::code)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewStatus::*;

    fn facts(withdrawn: bool, has_redacted_text: bool) -> Facts {
        Facts {
            withdrawn,
            has_redacted_text,
        }
    }

    fn reason() -> ExclusionReason {
        ExclusionReason::parse("Outside the hearing's scope").unwrap()
    }

    /// Every state × every move, written out: the expected state or refusal.
    #[test]
    fn every_transition_allowed_or_refused() {
        let moves = || {
            [
                Move::Review,
                Move::Approve,
                Move::Exclude(reason()),
                Move::AskWitness,
                Move::WitnessReplied,
            ]
        };
        let expected = |from: ReviewStatus, m: &Move| -> Option<ReviewStatus> {
            match (from, m) {
                (Received, Move::Review) => Some(InReview),
                (Received, Move::Approve) => None,
                (Received, Move::Exclude(_)) => Some(Excluded),
                (Received, Move::AskWitness) => Some(NeedsFollowUp),
                (Received, Move::WitnessReplied) => Some(Received),
                (InReview, Move::Review) => None,
                (InReview, Move::Approve) => Some(Approved),
                (InReview, Move::Exclude(_)) => Some(Excluded),
                (InReview, Move::AskWitness) => Some(NeedsFollowUp),
                (InReview, Move::WitnessReplied) => Some(InReview),
                (Approved, Move::Review) => Some(InReview),
                (Approved, Move::Approve) => None,
                (Approved, Move::Exclude(_)) => Some(Excluded),
                (Approved, Move::AskWitness) => Some(NeedsFollowUp),
                (Approved, Move::WitnessReplied) => Some(Approved),
                (Excluded, Move::Review) => Some(InReview),
                (Excluded, Move::Approve) => None,
                (Excluded, Move::Exclude(_)) => None,
                (Excluded, Move::AskWitness) => None,
                (Excluded, Move::WitnessReplied) => Some(Excluded),
                (NeedsFollowUp, Move::Review) => Some(InReview),
                (NeedsFollowUp, Move::Approve) => None,
                (NeedsFollowUp, Move::Exclude(_)) => Some(Excluded),
                (NeedsFollowUp, Move::AskWitness) => Some(NeedsFollowUp),
                (NeedsFollowUp, Move::WitnessReplied) => Some(InReview),
            }
        };
        let mut checked = 0;
        for from in ReviewStatus::ALL {
            for m in moves() {
                let got = next(from, facts(false, true), &m);
                match expected(from, &m) {
                    Some(to) => assert_eq!(got, Ok(to), "{from:?} {m:?}"),
                    None => assert!(
                        matches!(got, Err(Refusal::NotFrom { .. })),
                        "{from:?} {m:?} gave {got:?}"
                    ),
                }
                // Withdrawn: every move from every state is refused.
                assert_eq!(
                    next(from, facts(true, true), &m),
                    Err(Refusal::Withdrawn),
                    "withdrawn {from:?} {m:?}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 25);
    }

    #[test]
    fn approval_needs_a_redacted_text() {
        assert_eq!(
            next(InReview, facts(false, false), &Move::Approve),
            Err(Refusal::NotRedacted)
        );
        assert_eq!(
            next(InReview, facts(false, true), &Move::Approve),
            Ok(Approved)
        );
    }

    #[test]
    fn offered_moves_follow_the_rule() {
        assert_eq!(
            offered(Received, facts(false, false)),
            vec!["review", "exclude"]
        );
        assert_eq!(
            offered(InReview, facts(false, true)),
            vec!["approve", "exclude"]
        );
        assert_eq!(offered(InReview, facts(false, false)), vec!["exclude"]);
        assert_eq!(offered(Excluded, facts(false, true)), vec!["review"]);
        assert!(offered(Approved, facts(true, true)).is_empty());
    }

    #[test]
    fn an_exclusion_needs_a_short_reason() {
        assert_eq!(ExclusionReason::parse("  "), Err(ReasonError::Empty));
        assert_eq!(
            ExclusionReason::parse(&"x".repeat(MAX_REASON_CHARS + 1)),
            Err(ReasonError::TooLong)
        );
        assert_eq!(reason().as_str(), "Outside the hearing's scope");
    }
}
