//! The report as one standalone HTML page: the public page of a published version,
//! and the preview of a draft (with a visible "Draft — not for publication" banner).
//!
//! The page mirrors a UN Working Group report (numbered paragraphs, lettered theme
//! sections, recommendations numbered `P.N`), ends with the follow-up addendum, the
//! charts (server-drawn SVG, each with a table of the same numbers) and the notes. It
//! links only `/static/site.css` and `/static/report.css`: no inline style, no script,
//! as the content security policy demands. Every value the template shows is prepared
//! here as text.

use std::collections::HashMap;

use askama::Template;

use super::charts::{BarChart, bar_chart};
use super::model::{CompiledReport, HearingSummary, Paragraph, Recommendation, VersionStatus};

/// Render the report as an HTML5 document.
pub fn render_html(report: &CompiledReport) -> Result<String, askama::Error> {
    ReportPage::new(report).render()
}

/// A date as a reader sees it: "12 March 2026".
pub(crate) fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The days of a hearing: "12 March 2026", or "12 March 2026 to 13 March 2026".
pub(crate) fn hearing_dates(h: &HearingSummary) -> String {
    match h.ends_on {
        Some(end) if end != h.starts_on => {
            format!("{} to {}", long_date(h.starts_on), long_date(end))
        }
        _ => long_date(h.starts_on),
    }
}

/// A whole number with thousands separators: "5,630".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A citation of a note in the text: links to the note, and the note links back here.
struct NoteRef {
    note: u32,
    /// Unique id of this citation ("cite-3-2": the second citation of note 3).
    anchor: String,
}

/// Gives every citation its own anchor, in document order, and remembers them for the
/// back links of the notes list.
#[derive(Default)]
struct Citations {
    anchors: HashMap<u32, Vec<String>>,
}

impl Citations {
    fn cite(&mut self, note: u32) -> NoteRef {
        let list = self.anchors.entry(note).or_default();
        let anchor = format!("cite-{note}-{}", list.len() + 1);
        list.push(anchor.clone());
        NoteRef { note, anchor }
    }

    fn cite_all(&mut self, notes: &[u32]) -> Vec<NoteRef> {
        notes.iter().map(|n| self.cite(*n)).collect()
    }

    fn para<'a>(&mut self, p: &'a Paragraph) -> ParaView<'a> {
        ParaView {
            number: p.number,
            text: &p.text,
            refs: self.cite_all(&p.notes),
        }
    }
}

struct ParaView<'a> {
    number: u32,
    text: &'a str,
    refs: Vec<NoteRef>,
}

struct QuoteView<'a> {
    text: &'a str,
    attribution: &'a str,
    translated: bool,
    refs: Vec<NoteRef>,
}

struct SectionView<'a> {
    /// Anchor of the section ("section-a").
    id: String,
    letter: &'a str,
    title: &'a str,
    paragraphs: Vec<ParaView<'a>>,
    quotes: Vec<QuoteView<'a>>,
}

struct HearingRow<'a> {
    title: &'a str,
    place: &'a str,
    dates: String,
    /// ISO date of the first day, for `<time datetime>`.
    starts: String,
}

struct DatedNote<'a> {
    iso: String,
    date: String,
    text: &'a str,
}

struct RecView<'a> {
    /// Anchor ("rec-95-3").
    anchor: String,
    /// "95.3"
    number: String,
    text: &'a str,
    party: &'a str,
    addressees: String,
    themes: String,
    affected_persons: String,
    sdg_targets: String,
    category: String,
    follows_up: String,
    refs: Vec<NoteRef>,
    position: &'a str,
    implementation: &'a str,
    notes: Vec<DatedNote<'a>>,
}

struct NoteView<'a> {
    note: u32,
    text: &'a str,
    backlinks: Vec<String>,
}

#[derive(Template)]
#[template(path = "reports/public.html")]
struct ReportPage<'a> {
    r: &'a CompiledReport,
    /// Anything but a published version carries the draft banner.
    draft: bool,
    status: &'static str,
    published_on: Option<String>,
    keywords: String,
    hearings: Vec<HearingRow<'a>>,
    testimonies: String,
    words: String,
    intro: Vec<ParaView<'a>>,
    sections: Vec<SectionView<'a>>,
    lead: ParaView<'a>,
    recs: Vec<RecView<'a>>,
    charts: Vec<BarChart>,
    notes: Vec<NoteView<'a>>,
}

impl<'a> ReportPage<'a> {
    fn new(r: &'a CompiledReport) -> Self {
        let mut cites = Citations::default();
        let intro = r
            .introduction
            .paragraphs
            .iter()
            .map(|p| cites.para(p))
            .collect();
        let sections = r
            .proceedings
            .iter()
            .map(|s| SectionView {
                id: format!("section-{}", s.letter.to_lowercase()),
                letter: &s.letter,
                title: &s.title,
                paragraphs: s.paragraphs.iter().map(|p| cites.para(p)).collect(),
                quotes: s
                    .quotes
                    .iter()
                    .map(|q| QuoteView {
                        text: &q.text,
                        attribution: &q.attribution,
                        translated: q.translated,
                        refs: vec![cites.cite(q.note)],
                    })
                    .collect(),
            })
            .collect();
        let lead = cites.para(&r.conclusions.lead);
        let recs = r
            .conclusions
            .recommendations
            .iter()
            .map(|rec| rec_view(rec, &mut cites))
            .collect();
        let notes = r
            .sources
            .iter()
            .map(|s| NoteView {
                note: s.note,
                text: &s.text,
                backlinks: cites.anchors.remove(&s.note).unwrap_or_default(),
            })
            .collect();
        ReportPage {
            r,
            draft: r.status != VersionStatus::Published,
            status: r.status.label(),
            published_on: r.published_on.map(long_date),
            keywords: r.keywords.join("; "),
            hearings: r
                .introduction
                .hearings
                .iter()
                .map(|h| HearingRow {
                    title: &h.title,
                    place: &h.place,
                    dates: hearing_dates(h),
                    starts: h.starts_on.to_string(),
                })
                .collect(),
            testimonies: r.introduction.testimonies.to_string(),
            words: format!(
                "{} of {} words",
                thousands(r.words.count),
                thousands(r.words.limit)
            ),
            intro,
            sections,
            lead,
            recs,
            charts: r.charts.iter().map(bar_chart).collect(),
            notes,
        }
    }
}

fn rec_view<'a>(rec: &'a Recommendation, cites: &mut Citations) -> RecView<'a> {
    let number = rec.number.to_string();
    RecView {
        anchor: format!("rec-{}-{}", rec.number.paragraph, rec.number.item),
        number,
        text: &rec.text,
        party: &rec.recommending_party,
        addressees: rec.addressees.join("; "),
        themes: rec.themes.join("; "),
        affected_persons: rec.affected_persons.join("; "),
        sdg_targets: rec.sdg_targets.join("; "),
        category: format!("{} – {}", rec.category.number(), rec.category.label()),
        follows_up: rec.follows_up.join(", "),
        refs: cites.cite_all(&rec.notes),
        position: &rec.follow_up.position,
        implementation: rec
            .follow_up
            .implementation
            .as_deref()
            .unwrap_or("Not yet assessed"),
        notes: rec
            .follow_up
            .notes
            .iter()
            .map(|n| DatedNote {
                iso: n.on.to_string(),
                date: long_date(n.on),
                text: &n.text,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(815), "815");
        assert_eq!(super::thousands(2815), "2,815");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}
