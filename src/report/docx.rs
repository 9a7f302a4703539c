//! The report as a Word document in the shape of an OHCHR stakeholder submission:
//! title block, the organisation paragraph (or the list of joint submitters), key
//! words and contact, then numbered paragraphs under the headings of a UN Working
//! Group report, recommendations as "95.3 Text (party)", the follow-up addendum as a
//! table, sources as footnotes and page numbers in the footer.
//!
//! The document is first laid out as a list of blocks; [`render_docx`] writes them
//! with docx-rs and [`body_text`] lists their words, so the word count of the
//! submission (notes excluded) is exactly what Word counts in the body.

use std::io::{Cursor, Read};

use docx_rs::{
    AlignmentType, Docx, Footer, Footnote, Header, PageMargin, PageNum, Paragraph, Run, Style,
    StyleType, Table, TableCell, TableRow, VertAlignType,
};

use super::RenderError;
use super::html::hearing_dates;
use super::model::{CompiledReport, Paragraph as NumberedParagraph, VersionStatus};

/// The text of a DOCX read back: body and footnotes, each joined with spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocxText {
    /// Every `<w:t>` of `word/document.xml`.
    pub body: String,
    /// Every `<w:t>` of `word/footnotes.xml` (empty without footnotes).
    pub notes: String,
}

/// Paragraph styles of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Title,
    Heading1,
    Heading2,
    Normal,
    /// An indented quotation or recommendation.
    Indented,
}

/// A piece of a paragraph: text, or a note cited at that point.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Bold(String),
    Note(u32),
}

/// One block of the document body, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Block {
    Para {
        kind: Kind,
        pieces: Vec<Piece>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

fn para(kind: Kind, text: impl Into<String>) -> Block {
    Block::Para {
        kind,
        pieces: vec![Piece::Text(text.into())],
    }
}

fn with_notes(kind: Kind, mut pieces: Vec<Piece>, notes: &[u32]) -> Block {
    pieces.extend(notes.iter().map(|n| Piece::Note(*n)));
    Block::Para { kind, pieces }
}

/// A numbered paragraph: its number written as text, so numbers stay stable.
fn numbered(p: &NumberedParagraph) -> Block {
    with_notes(
        Kind::Normal,
        vec![Piece::Text(format!("{}. {}", p.number, p.text))],
        &p.notes,
    )
}

/// The document body, block by block.
fn blocks(r: &CompiledReport) -> Vec<Block> {
    let mut out = vec![
        para(Kind::Title, r.title.as_str()),
        para(
            Kind::Normal,
            format!("State under review: {}", r.state_under_review),
        ),
        para(Kind::Normal, format!("Cycle: {}", r.cycle)),
    ];
    if r.is_joint() {
        out.push(para(
            Kind::Normal,
            format!("Joint submission by {} organisations:", r.submitters.len()),
        ));
    }
    for s in &r.submitters {
        let name = if s.short_code.is_empty() {
            s.name.clone()
        } else {
            format!("{} ({})", s.name, s.short_code)
        };
        let kind = if r.is_joint() {
            Kind::Indented
        } else {
            Kind::Normal
        };
        out.push(Block::Para {
            kind,
            pieces: vec![
                Piece::Bold(format!("{name}:")),
                Piece::Text(s.description.clone()),
            ],
        });
    }
    if !r.keywords.is_empty() {
        out.push(para(
            Kind::Normal,
            format!("Key words: {}", r.keywords.join("; ")),
        ));
    }
    let contact = [r.contact.name.as_str(), r.contact.email.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    out.push(para(Kind::Normal, format!("Contact: {contact}")));

    out.push(para(Kind::Heading1, "Introduction"));
    out.extend(r.introduction.paragraphs.iter().map(numbered));
    for h in &r.introduction.hearings {
        out.push(para(
            Kind::Indented,
            format!("Hearing: {}, {}, {}.", h.title, h.place, hearing_dates(h)),
        ));
    }
    out.push(para(
        Kind::Indented,
        format!(
            "Testimonies used in this report: {}.",
            r.introduction.testimonies
        ),
    ));

    out.push(para(Kind::Heading1, "I. Summary of proceedings"));
    for s in &r.proceedings {
        out.push(para(Kind::Heading2, format!("{}. {}", s.letter, s.title)));
        out.extend(s.paragraphs.iter().map(numbered));
        for q in &s.quotes {
            let translated = if q.translated { " (translated)" } else { "" };
            out.push(with_notes(
                Kind::Indented,
                vec![Piece::Text(format!(
                    "“{}” — {}{}",
                    q.text, q.attribution, translated
                ))],
                &[q.note],
            ));
        }
    }

    out.push(para(Kind::Heading1, "II. Conclusions and recommendations"));
    out.push(numbered(&r.conclusions.lead));
    for rec in &r.conclusions.recommendations {
        out.push(with_notes(
            Kind::Indented,
            vec![
                Piece::Bold(rec.number.to_string()),
                Piece::Text(format!("{} ({})", rec.text, rec.recommending_party)),
            ],
            &rec.notes,
        ));
    }

    if !r.conclusions.recommendations.is_empty() {
        out.push(para(Kind::Heading1, "Addendum: follow-up"));
        out.push(Block::Table {
            header: ["Recommendation", "Position", "Implementation", "Notes"]
                .map(str::to_owned)
                .to_vec(),
            rows: r
                .conclusions
                .recommendations
                .iter()
                .map(|rec| {
                    vec![
                        rec.number.to_string(),
                        rec.follow_up.position.clone(),
                        rec.follow_up
                            .implementation
                            .clone()
                            .unwrap_or_else(|| "Not yet assessed".to_owned()),
                        rec.follow_up
                            .notes
                            .iter()
                            .map(|n| format!("{}: {}", n.on, n.text))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect(),
        });
    }
    out.into_iter().map(xml_safe_block).collect()
}

/// Text as XML 1.0 allows it: control characters other than tab and line breaks
/// (which could come from pasted text) would make the document unreadable to Word.
fn xml_safe(text: String) -> String {
    let allowed = |c: char| match c {
        '\t' | '\n' | '\r' => true,
        '\u{FFFE}' | '\u{FFFF}' => false,
        c => !c.is_control(),
    };
    if text.chars().all(allowed) {
        text
    } else {
        text.chars().filter(|c| allowed(*c)).collect()
    }
}

fn xml_safe_block(block: Block) -> Block {
    match block {
        Block::Para { kind, pieces } => Block::Para {
            kind,
            pieces: pieces
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(t) => Piece::Text(xml_safe(t)),
                    Piece::Bold(t) => Piece::Bold(xml_safe(t)),
                    Piece::Note(n) => Piece::Note(n),
                })
                .collect(),
        },
        Block::Table { header, rows } => Block::Table {
            header: header.into_iter().map(xml_safe).collect(),
            rows: rows
                .into_iter()
                .map(|row| row.into_iter().map(xml_safe).collect())
                .collect(),
        },
    }
}

/// What a paragraph's pieces become: runs of text (with the space between pieces
/// written at the start of the next one) and footnote references.
#[derive(Clone, Debug, PartialEq, Eq)]
enum RunSpec {
    Text { text: String, bold: bool },
    Note(u32),
}

fn runs(pieces: Vec<Piece>) -> Vec<RunSpec> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut first = true;
    for piece in pieces {
        let sep = if first { "" } else { " " };
        match piece {
            Piece::Text(t) | Piece::Bold(t) if t.is_empty() => continue,
            Piece::Text(t) => out.push(RunSpec::Text {
                text: format!("{sep}{t}"),
                bold: false,
            }),
            Piece::Bold(t) => out.push(RunSpec::Text {
                text: format!("{sep}{t}"),
                bold: true,
            }),
            Piece::Note(n) => out.push(RunSpec::Note(n)),
        }
        first = false;
    }
    out
}

/// The body's text in document order, one entry per `<w:t>` element written.
fn body_pieces(r: &CompiledReport) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks(r) {
        match block {
            Block::Para { pieces, .. } => {
                out.extend(runs(pieces).into_iter().filter_map(|run| match run {
                    RunSpec::Text { text, .. } => Some(text),
                    RunSpec::Note(_) => None,
                }));
            }
            Block::Table { header, rows } => {
                out.extend(header);
                out.extend(rows.into_iter().flatten());
            }
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

/// The text of the document body as Word counts it (notes excluded): exactly the
/// words written into word/document.xml's `<w:t>` elements, joined with spaces.
pub fn body_text(report: &CompiledReport) -> String {
    body_pieces(report).join(" ")
}

fn text_run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// Writes blocks as docx-rs paragraphs, numbering footnotes from 1.
struct Writer<'a> {
    report: &'a CompiledReport,
    next_footnote: usize,
}

impl Writer<'_> {
    fn footnote(&mut self, note: u32) -> Run {
        let text = self
            .report
            .source(note)
            .map_or_else(|| format!("Note {note}."), |s| xml_safe(s.text.clone()));
        // docx-rs writes no `<w:footnoteRef/>` mark, so the footnote's number is written
        // as superscript text; Word numbers footnotes in order of reference, as here.
        let id = self.next_footnote;
        let footnote = Footnote {
            id,
            content: vec![
                Paragraph::new()
                    .style("FootnoteText")
                    .add_run(text_run(&id.to_string()).style("FootnoteReference"))
                    .add_run(text_run(&format!(" {text}"))),
            ],
        };
        self.next_footnote += 1;
        Run::new().add_footnote_reference(footnote)
    }

    fn paragraph(&mut self, kind: Kind, pieces: Vec<Piece>) -> Paragraph {
        let mut p = Paragraph::new();
        p = match kind {
            Kind::Title => p.style("Title").keep_next(true),
            Kind::Heading1 => p.style("Heading1").keep_next(true),
            Kind::Heading2 => p.style("Heading2").keep_next(true),
            Kind::Normal => p,
            Kind::Indented => p.indent(Some(720), None, Some(720), None),
        };
        for run in runs(pieces) {
            p = match run {
                RunSpec::Text { text, bold: false } => p.add_run(text_run(&text)),
                RunSpec::Text { text, bold: true } => p.add_run(text_run(&text).bold()),
                RunSpec::Note(n) => p.add_run(self.footnote(n)),
            };
        }
        p
    }
}

fn table(header: Vec<String>, rows: Vec<Vec<String>>) -> Table {
    let cell = |text: &str, bold: bool| {
        let run = if bold {
            text_run(text).bold()
        } else {
            text_run(text)
        };
        let p = if text.is_empty() {
            Paragraph::new()
        } else {
            Paragraph::new().add_run(run)
        };
        TableCell::new().add_paragraph(p)
    };
    let mut all = vec![TableRow::new(header.iter().map(|h| cell(h, true)).collect()).cant_split()];
    all.extend(
        rows.iter()
            .map(|row| TableRow::new(row.iter().map(|c| cell(c, false)).collect()).cant_split()),
    );
    Table::new(all)
}

fn styles(doc: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .bold()
            .size(size)
            .outline_lvl(level)
    };
    let mut note_ref =
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    note_ref.run_property = note_ref.run_property.vert_align(VertAlignType::SuperScript);
    doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .bold()
            .size(32),
    )
    .add_style(heading("Heading1", "heading 1", 28, 0))
    .add_style(heading("Heading2", "heading 2", 24, 1))
    .add_style(
        Style::new("FootnoteText", StyleType::Paragraph)
            .name("footnote text")
            .size(18),
    )
    .add_style(note_ref)
}

/// Render the report as a DOCX file.
pub fn render_docx(report: &CompiledReport) -> Result<Vec<u8>, RenderError> {
    // A4 with 2.5 cm margins (in twentieths of a point).
    let margin = PageMargin::new()
        .top(1418)
        .bottom(1418)
        .left(1418)
        .right(1418)
        .header(709)
        .footer(709);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(text_run("Page "))
            .add_page_num(PageNum::new()),
    );
    let mut doc = styles(Docx::new())
        .page_size(11906, 16838)
        .page_margin(margin)
        .default_size(22)
        .footer(footer);
    if report.status != VersionStatus::Published {
        doc = doc.header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(text_run("Draft — not for publication").bold()),
            ),
        );
    }
    let mut writer = Writer {
        report,
        next_footnote: 1,
    };
    for block in blocks(report) {
        doc = match block {
            Block::Para { kind, pieces } => doc.add_paragraph(writer.paragraph(kind, pieces)),
            Block::Table { header, rows } => doc.add_table(table(header, rows)),
        };
    }
    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| RenderError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

/// Read a DOCX back: body text (word/document.xml `<w:t>`) and notes text
/// (word/footnotes.xml), each joined with spaces, XML entities decoded.
pub fn read_docx_text(bytes: &[u8]) -> Result<DocxText, RenderError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| RenderError::DocxRead(e.to_string()))?;
    let mut part = |name: &str| -> Result<Option<String>, RenderError> {
        let mut file = match archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(RenderError::DocxRead(e.to_string())),
        };
        let mut xml = String::new();
        file.read_to_string(&mut xml)?;
        Ok(Some(xml))
    };
    let body = part("word/document.xml")?
        .ok_or_else(|| RenderError::DocxRead("word/document.xml is missing".to_owned()))?;
    let notes = part("word/footnotes.xml")?.unwrap_or_default();
    Ok(DocxText {
        body: text_elements(&body).join(" "),
        notes: text_elements(&notes).join(" "),
    })
}

/// The decoded contents of every non-empty `<w:t>` element, in order.
fn text_elements(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        rest = &rest[start + 4..];
        // `<w:t>` or `<w:t attr...>`, not `<w:tbl>`, `<w:tc>`, `<w:tab/>`...
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let self_closing = rest[..close].ends_with('/');
        rest = &rest[close + 1..];
        if self_closing {
            continue;
        }
        let Some(end) = rest.find("</w:t>") else {
            break;
        };
        let text = decode_entities(&rest[..end]);
        if !text.is_empty() {
            out.push(text);
        }
        rest = &rest[end + 6..];
    }
    out
}

/// Decode the five XML entities and numeric character references.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';') else { break };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
