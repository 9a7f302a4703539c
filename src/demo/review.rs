//! The granted editor's work on one demo testimony, through the same services the review
//! pages call: start the redaction (the witness's requests applied, suggestions made),
//! accept the suggestions (dismissing agency and facility names), tag, move it through
//! review, translate some Spanish testimony into English, and select excerpts of what is
//! approved and may be quoted.

use rand::Rng as _;
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;

use super::DemoError;
use super::people::{TRANSLATORS, index, is_public_name};
use super::witness::Witness;
use crate::crypto::DataKeys;
use crate::crypto::keys::OrgSecretKey;
use crate::db::{self, DbConn};
use crate::domain::consent::ConsentScope;
use crate::domain::ids::{TestimonyId, UserId};
use crate::domain::review::{ExclusionReason, Move};
use crate::domain::testimony::{TestimonyLanguage, WitnessRole};
use crate::i18n::Lang;
use crate::service::{self, excerpts::ExcerptInput, tags::TagChoice};

/// Where the editor leaves a testimony.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Not opened yet.
    Received,
    InReview,
    /// A question was sent to the witness.
    Waiting,
    Excluded,
    Approved,
}

const FATES: &[(Fate, u32)] = &[
    (Fate::Received, 15),
    (Fate::InReview, 10),
    (Fate::Waiting, 8),
    (Fate::Excluded, 7),
    (Fate::Approved, 60),
];

const EXCLUSIONS: &[&str] = &[
    "Outside the scope of the hearing: the events took place outside the United States.",
    "Duplicate of another testimony given at the same hearing.",
    "Too little detail to use, and the witness did not allow contact for follow-up.",
];

/// The editor's question to a witness, in the witness's language.
const QUESTION: [&str; 4] = [
    "Thank you for your testimony. Could you tell us roughly how long you were held, and whether you were able to see a doctor?",
    "Gracias por su testimonio. ¿Podría decirnos aproximadamente cuánto tiempo estuvo detenido y si pudo ver a un médico?",
    "Merci pour votre témoignage. Pourriez-vous nous dire à peu près combien de temps vous avez été détenu, et si vous avez pu voir un médecin ?",
    "Mèsi pou temwayaj ou. Èske ou ka di nou apeprè konbyen tan yo te kenbe w, e si ou te ka wè yon doktè?",
];

/// Who reviews, with what.
pub struct Desk<'a> {
    pub org: &'a OrgSecretKey,
    pub editor: &'a UserId,
    pub keys: &'a DataKeys,
    pub site: &'a str,
}

/// What the review of one testimony came to.
pub struct Reviewed {
    pub fate: Fate,
    pub translated: bool,
    /// The excerpts selected (approved testimony with quotation consent only).
    pub excerpts: Vec<String>,
}

fn refused(what: &str, why: impl std::fmt::Debug) -> DemoError {
    DemoError::Refused(format!("{what}: {why:?}"))
}

/// Review one testimony as the granted editor.
pub fn review(
    conn: &mut DbConn,
    desk: &Desk<'_>,
    rng: &mut StdRng,
    id: &TestimonyId,
    w: &Witness,
) -> Result<Reviewed, DemoError> {
    let mut fate = FATES
        .choose_weighted(rng, |(_, weight)| *weight)
        .map(|(f, _)| *f)
        .unwrap_or(Fate::Received);
    let mut done = Reviewed {
        fate,
        translated: false,
        excerpts: Vec::new(),
    };
    if fate == Fate::Received {
        return Ok(done);
    }
    redact(conn, desk, id, w)?;
    service::tags::save(conn, desk.editor, id, &tags(rng, w))?.map_err(|r| refused("tags", r))?;
    service::review::change_status(conn, desk.editor, id, &Move::Review)?
        .map_err(|r| refused("review", r))?;
    let mut quoted_text = service::excerpts::ORIGINAL.to_string();
    if w.language == Lang::Es && rng.gen_bool(0.4) {
        let new = service::translation::NewTranslation {
            language: TestimonyLanguage::Known(Lang::En),
            translated_by: TRANSLATORS.choose(rng).copied().unwrap_or_default().into(),
            body: w.composition.render(Lang::En),
        };
        quoted_text = service::translation::save(conn, desk.org, desk.editor, id, &new)?
            .map_err(|r| refused("translation", r))?;
        done.translated = true;
    }
    if fate == Fate::Waiting && w.gives_email {
        // A message would email the witness: the demo sends no mail, so it stays in review.
        fate = Fate::InReview;
    }
    match fate {
        Fate::Received | Fate::InReview => {}
        Fate::Waiting => {
            let text = service::messages::MessageText::parse(QUESTION[index(w.language)])
                .map_err(|r| refused("message", r))?;
            service::messages::send(conn, desk.org, desk.keys, desk.site, desk.editor, id, &text)?
                .map_err(|r| refused("message", r))?;
        }
        Fate::Excluded => {
            let reason = EXCLUSIONS.choose(rng).copied().unwrap_or_default();
            let reason = ExclusionReason::parse(reason).map_err(|r| refused("reason", r))?;
            service::review::change_status(conn, desk.editor, id, &Move::Exclude(reason))?
                .map_err(|r| refused("exclusion", r))?;
        }
        Fate::Approved => {
            service::review::change_status(conn, desk.editor, id, &Move::Approve)?
                .map_err(|r| refused("approval", r))?;
            done.excerpts = excerpts(conn, desk, rng, id, w, &quoted_text)?;
        }
    }
    done.fate = fate;
    Ok(done)
}

/// Start the redaction, then accept every suggestion but the names of agencies and
/// facilities, which identify nobody.
fn redact(
    conn: &mut DbConn,
    desk: &Desk<'_>,
    id: &TestimonyId,
    w: &Witness,
) -> Result<(), DemoError> {
    service::redaction::ensure_started(conn, desk.org, desk.editor, id)?;
    let body = w.composition.render(w.language);
    let suggested = db::redaction::marks(conn, id.as_str(), service::redaction::ORIGINAL_TEXT)?
        .into_iter()
        .filter(|m| m.state == service::redaction::SUGGESTED);
    for mark in suggested {
        let words = match (mark.span_start, mark.span_end) {
            (Some(s), Some(e)) => body.get(s.max(0) as usize..e.max(0) as usize),
            _ => None,
        };
        let accept = !words.is_some_and(is_public_name);
        service::redaction::decide(conn, desk.org, desk.editor, id, &mark.id, accept)?
            .map_err(|r| refused("suggestion", r))?;
    }
    Ok(())
}

/// The witness's themes, and the people and addressees the testimony concerns.
fn tags(rng: &mut StdRng, w: &Witness) -> TagChoice {
    let mut affected = vec![match w.role {
        WitnessRole::DirectlyAffected | WitnessRole::FamilyMember => "asylum-seekers-refugees",
        _ => "migrants",
    }];
    for (id, chance) in [
        ("deprived-of-liberty", 0.6),
        ("children", 0.2),
        ("women", 0.2),
        (
            "black-migrants",
            if w.language == Lang::Ht { 0.7 } else { 0.1 },
        ),
        ("indigenous-peoples", 0.05),
        ("persons-disabilities", 0.05),
    ] {
        if rng.gen_bool(chance) {
            affected.push(id);
        }
    }
    let n: usize = rng.gen_range(1..=2);
    let addressees = ["ice", "cbp", "eoir", "dhs", "congress", "doj"]
        .choose_multiple(rng, n)
        .map(|a| a.to_string())
        .collect();
    TagChoice {
        themes: w.themes.clone(),
        affected: affected.into_iter().map(str::to_string).collect(),
        addressees,
    }
}

/// The sentences of a redacted text that can stand as a quotation: no withheld words,
/// neither too short nor too long.
fn quotable(text: &str) -> Vec<&str> {
    text.split('\n')
        .flat_map(|p| p.split_inclusive(". "))
        .map(str::trim)
        .filter(|s| !s.contains('[') && (60..=320).contains(&s.len()))
        .collect()
}

/// Select one or two excerpts when the witness allows quotation (attributed when they
/// allow being named too).
fn excerpts(
    conn: &mut DbConn,
    desk: &Desk<'_>,
    rng: &mut StdRng,
    id: &TestimonyId,
    w: &Witness,
    text_id: &str,
) -> Result<Vec<String>, DemoError> {
    if !w.consent.contains(ConsentScope::QuoteVerbatim) {
        return Ok(Vec::new());
    }
    let Some(current) = db::redaction::current(conn, id.as_str(), text_id)? else {
        return Ok(Vec::new());
    };
    let count = rng.gen_range(1..=2);
    let passages: Vec<String> = quotable(&current.body)
        .choose_multiple(rng, count)
        .map(|s| s.to_string())
        .collect();
    let attributed = w.consent.contains(ConsentScope::Attribute) && rng.gen_bool(0.7);
    let mut made = Vec::new();
    for passage in passages {
        let input = ExcerptInput {
            text_id: text_id.to_string(),
            passage,
            theme_id: w.themes.first().filter(|_| rng.gen_bool(0.7)).cloned(),
            attributed,
        };
        made.push(
            service::excerpts::create(conn, desk.editor, id, &input)?
                .map_err(|r| refused("excerpt", r))?,
        );
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_hold_no_withheld_words() {
        let text = "My name is [name withheld]. They held me for twelve days in a cold cell they call the icebox, with the lights on.\n\nShort. We are still afraid, but we want the truth to be known by everyone.";
        assert_eq!(
            quotable(text),
            vec![
                "They held me for twelve days in a cold cell they call the icebox, with the lights on.",
                "We are still afraid, but we want the truth to be known by everyone."
            ]
        );
    }
}
