//! What a report may use of testimony, loaded in bulk for the hearings a version
//! covers: the facts of approved testimony (no text, no identity), its excerpts, and
//! the excerpts editors can choose from.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::excerpts::Excerpt;
use crate::db::schema::{
    consent_records, excerpts, redacted_versions, testimonies, testimony_tags, testimony_themes,
    themes,
};
use crate::db::testimony::{ConsentRecord, Testimony};
use crate::db::{DbConn, hearings::Theme};
use crate::domain::consent::Consent;
use crate::domain::testimony::{ReviewStatus, TestimonyLanguage};
use crate::i18n::Lang;
use crate::report::projection::{ExcerptFacts, TestimonyFacts};

/// Approved testimony of these hearings, with its excerpts (valid or not), by id.
pub fn approved(
    conn: &mut DbConn,
    hearing_ids: &[String],
) -> QueryResult<Vec<(TestimonyFacts, Vec<ExcerptFacts>)>> {
    if hearing_ids.is_empty() {
        return Ok(Vec::new());
    }
    let approved = ReviewStatus::Approved.code();
    let rows: Vec<Testimony> = testimonies::table
        .filter(testimonies::hearing_id.eq_any(hearing_ids))
        .filter(testimonies::status.eq(approved))
        .order((testimonies::submitted_at, testimonies::id))
        .select(Testimony::as_select())
        .load(conn)?;
    let in_scope = || {
        testimonies::table
            .filter(testimonies::hearing_id.eq_any(hearing_ids))
            .filter(testimonies::status.eq(approved))
            .select(testimonies::id)
    };
    let mut consents: HashMap<String, ConsentRecord> = HashMap::new();
    let records: Vec<ConsentRecord> = consent_records::table
        .filter(consent_records::testimony_id.eq_any(in_scope()))
        .select(ConsentRecord::as_select())
        .load(conn)?;
    for r in records {
        match consents.get(&r.testimony_id) {
            Some(have) if have.seq >= r.seq => {}
            _ => {
                consents.insert(r.testimony_id.clone(), r);
            }
        }
    }
    let mut redacted: HashMap<String, (i32, String)> = HashMap::new();
    let versions: Vec<(String, i32, String)> = redacted_versions::table
        .filter(redacted_versions::testimony_id.eq_any(in_scope()))
        .filter(redacted_versions::text_id.eq("original"))
        .select((
            redacted_versions::testimony_id,
            redacted_versions::version,
            redacted_versions::id,
        ))
        .load(conn)?;
    for (t, v, id) in versions {
        if redacted.get(&t).is_none_or(|(have, _)| *have < v) {
            redacted.insert(t, (v, id));
        }
    }
    let labels: HashMap<String, String> = themes::table
        .select(Theme::as_select())
        .load(conn)?
        .into_iter()
        .map(|t| (t.id.clone(), t.label(Lang::En)))
        .collect();
    let mut tagged: HashMap<String, Vec<String>> = HashMap::new();
    let tags: Vec<(String, String)> = testimony_tags::table
        .filter(testimony_tags::testimony_id.eq_any(in_scope()))
        .filter(testimony_tags::kind.eq("theme"))
        .select((testimony_tags::testimony_id, testimony_tags::tag_id))
        .load(conn)?;
    for (t, theme) in tags {
        tagged.entry(t).or_default().push(theme);
    }
    let mut chosen: HashMap<String, Vec<String>> = HashMap::new();
    let own: Vec<(String, String)> = testimony_themes::table
        .filter(testimony_themes::testimony_id.eq_any(in_scope()))
        .select((testimony_themes::testimony_id, testimony_themes::theme_id))
        .load(conn)?;
    for (t, theme) in own {
        chosen.entry(t).or_default().push(theme);
    }
    let mut quoted: HashMap<String, Vec<ExcerptFacts>> = HashMap::new();
    let all: Vec<Excerpt> = excerpts::table
        .filter(excerpts::testimony_id.eq_any(in_scope()))
        .order((excerpts::created_at, excerpts::id))
        .select(Excerpt::as_select())
        .load(conn)?;
    for e in all {
        quoted
            .entry(e.testimony_id.clone())
            .or_default()
            .push(ExcerptFacts {
                valid: e.is_valid(),
                id: e.id,
                body: e.body,
                attributed: e.attributed,
                translated: e.translated,
                consent_record_id: e.consent_record_id,
            });
    }
    Ok(rows
        .into_iter()
        .map(|t| {
            let id = t.id.as_str().to_string();
            let record = consents.remove(&id);
            let theme_ids = if t.tags_seeded {
                tagged.remove(&id)
            } else {
                chosen.remove(&id)
            }
            .unwrap_or_default();
            let mut theme_labels: Vec<String> = theme_ids
                .iter()
                .map(|th| labels.get(th).cloned().unwrap_or_else(|| th.clone()))
                .collect();
            theme_labels.sort();
            let facts = TestimonyFacts {
                hearing_id: t.hearing_id.as_str().to_string(),
                status: t.status,
                withdrawn: t.is_withdrawn(),
                consent: Consent::new(
                    record.as_ref().map(|r| r.scopes()).unwrap_or_default(),
                    t.is_withdrawn(),
                ),
                consent_record_id: record.map(|r| r.id),
                role: t.witness_role,
                themes: theme_labels,
                place: t.place_state.clone(),
                language: match t.language {
                    TestimonyLanguage::Known(l) => l.english_name().to_string(),
                    TestimonyLanguage::Other => "another language".to_string(),
                },
                submitted_at: t.submitted_at,
                redacted_version_id: redacted.remove(&id).map(|(_, v)| v),
                id: id.clone(),
            };
            (facts, quoted.remove(&id).unwrap_or_default())
        })
        .collect())
}
