//! What each renderer writes for the sample report, as a reader of the output sees it.

use super::charts::SUPPRESSED_WIDTH;
use super::csv::render_csv;
use super::docx::{body_text, read_docx_text, render_docx};
use super::html::render_html;
use super::json::render_json;
use super::model::{CompiledReport, VersionStatus};
use super::sample::sample;
use crate::domain::report::{MATRIX_COLUMNS, word_count};

fn published() -> CompiledReport {
    let mut r = sample();
    r.status = VersionStatus::Published;
    r.published_on = chrono::NaiveDate::from_ymd_opt(2026, 10, 1);
    r
}

/// Text with every run of whitespace made one space (runs of a DOCX paragraph are read
/// back joined with spaces, after the space that separates them in the paragraph).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn html(r: &CompiledReport) -> String {
    render_html(r).unwrap()
}

#[test]
fn html_shows_numbered_paragraphs_and_recommendations() {
    let page = html(&sample());
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains(r#"<p class="numbered" id="para-4"><span class="para-no">4.</span>"#));
    for n in 1..=5 {
        assert!(page.contains(&format!(r#"<li id="rec-10-{n}" class="recommendation">"#)));
        assert!(page.contains(&format!(r#"<span class="rec-no">10.{n}</span>"#)));
    }
    assert!(page.contains("(Families Together Network)"));
    assert!(page.contains("I. Summary of proceedings"));
    assert!(page.contains("C. Family unity and separation"));
    assert!(page.contains("II. Conclusions and recommendations"));
    assert!(page.contains("Addendum: follow-up"));
    assert!(page.contains("5 – Specific action"));
    // Quotes, with attribution and their note.
    assert!(page.contains("<blockquote><p>My daughter asked every night"));
    assert!(page.contains("— Maria Lopez, attorney"));
    // Notes link both ways.
    assert!(page.contains(r##"<a href="#note-2" id="cite-2-1">"##));
    assert!(page.contains(r##"<li id="note-2" value="2">"##));
    assert!(page.contains(r##"href="#cite-2-2""##));
    // Text is escaped.
    assert!(page.contains("cold cells &#38; lights") || page.contains("cold cells &amp; lights"));
    assert!(!page.contains("<in the United States>"));
}

#[test]
fn html_has_landmarks_and_headings_in_order() {
    let page = html(&sample());
    for tag in [
        "<header",
        "<nav",
        "<main id=\"main\"",
        "<footer",
        "class=\"skip-link\"",
    ] {
        assert!(page.contains(tag), "{tag}");
    }
    let mut last = 0;
    let mut rest = page.as_str();
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        let Some(level) = rest.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} after h{last}");
        last = level;
    }
    assert_eq!(page.matches("<h1").count(), 1);
}

#[test]
fn html_has_no_inline_style_or_script() {
    for r in [sample(), published()] {
        let page = html(&r);
        assert!(!page.contains("style="));
        assert!(!page.contains("<style"));
        assert!(!page.contains("<script"));
        let handler = page.split(" on").skip(1).any(|rest| {
            rest.split_once('=')
                .is_some_and(|(name, _)| name.chars().all(|c| c.is_ascii_lowercase()))
        });
        assert!(!handler, "no event handler attributes");
        assert!(page.contains(r#"href="/static/site.css""#));
        assert!(page.contains(r#"href="/static/report.css""#));
    }
}

#[test]
fn draft_banner_only_in_drafts() {
    assert!(html(&sample()).contains("Draft — not for publication"));
    let mut fin = sample();
    fin.status = VersionStatus::Final;
    assert!(html(&fin).contains("Draft — not for publication"));
    let page = html(&published());
    assert!(!page.contains("Draft — not for publication"));
    assert!(page.contains("<dt>Published</dt><dd>1 October 2026</dd>"));
}

#[test]
fn each_chart_has_svg_title_desc_and_a_table() {
    let r = sample();
    let page = html(&r);
    assert_eq!(page.matches("<svg").count(), r.charts.len());
    for chart in &r.charts {
        let id = format!("chart-{}", chart.id);
        assert!(page.contains(&format!(
            r#"role="img" aria-labelledby="{id}-title {id}-desc""#
        )));
        assert!(page.contains(&format!(
            r#"<title id="{id}-title">{}</title>"#,
            chart.title
        )));
        assert!(page.contains(&format!(r#"<desc id="{id}-desc">"#)));
        assert!(page.contains(&format!("<caption>{}: the numbers</caption>", chart.title)));
    }
    assert!(page.contains(r#"<th scope="row">immigration detention</th><td>14</td>"#));
}

#[test]
fn a_suppressed_count_shows_fewer_than_5_never_its_size() {
    let page = html(&sample());
    assert!(page.contains(
        r#"<tr><th scope="row">attorney or legal representative</th><td>fewer than 5</td></tr>"#
    ));
    assert!(page.contains(&format!(
        r#"class="bar bar-suppressed" x="2" y="134" width="{SUPPRESSED_WIDTH}""#
    )));
    assert!(page.contains(">fewer than 5</text>"));
    // The true count (3) appears nowhere beside the label.
    assert!(!page.contains("attorney or legal representative</th><td>3"));
    let json: serde_json::Value = serde_json::from_slice(&render_json(&sample()).unwrap()).unwrap();
    let role = &json["introduction"]["by_role"][2]["count"];
    assert_eq!(role["value"], serde_json::Value::Null);
    assert_eq!(role["shown"], "fewer than 5");
}

#[test]
fn docx_body_matches_body_text_and_keeps_sources_in_footnotes() {
    let r = sample();
    let bytes = render_docx(&r).unwrap();
    let mut text = read_docx_text(&bytes).unwrap();
    assert_eq!(text.body, body_text(&r));
    text.body = squash(&text.body);
    assert_eq!(word_count(&text.body), word_count(&body_text(&r)));
    assert_eq!(r.words.count, word_count(&text.body));
    assert!(text.body.contains("4. Witnesses described detention"));
    assert!(text.body.contains("10.3 Give counsel 72 hours' notice"));
    assert!(text.body.contains("(Families Together Network)"));
    assert!(
        text.body
            .contains("Key words: immigration detention; due process")
    );
    assert!(text.body.contains("cold cells & lights"));
    assert!(text.body.contains("<in the United States>"));
    assert!(text.body.contains("Partially implemented"));
    let source = "Testimony T-5e6f7a8b, hearing “Detention in Texas”";
    assert!(text.notes.contains(source));
    assert!(!text.body.contains(source));
    assert!(!text.body.contains("A/HRC/46/15"));
}

#[test]
fn docx_marks_drafts_in_the_page_header_only() {
    let draft = render_docx(&sample()).unwrap();
    let published = render_docx(&published()).unwrap();
    let text = read_docx_text(&draft).unwrap();
    assert!(!text.body.contains("Draft"));
    let header = |bytes: &[u8]| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().to_owned())
            .any(|n| n.starts_with("word/header"))
    };
    assert!(header(&draft));
    assert!(!header(&published));
    assert_eq!(read_docx_text(&published).unwrap().body, text.body);
}

#[test]
fn csv_is_the_matrix_header_and_one_row_per_recommendation() {
    let r = sample();
    let bytes = render_csv(&r).unwrap();
    assert!(
        !bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "no byte order mark"
    );
    let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, MATRIX_COLUMNS);
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), r.conclusions.recommendations.len());
    let first = &rows[0];
    assert_eq!(&first[0], "10.1");
    assert!(first[1].starts_with("By March 2027, establish"));
    assert_eq!(&first[2], "Border Rights Coalition");
    assert_eq!(&first[3], "Supported in part");
    assert_eq!(&first[4], "immigration detention");
    assert_eq!(&first[5], "migrants; asylum seekers and refugees");
    assert_eq!(&first[6], "16.3");
    assert_eq!(&first[7], "5 - Specific action");
    assert_eq!(
        &first[8],
        "Partially implemented. 2027-03-01: Monitoring covers 4 of 12 facilities."
    );
    assert_eq!(&rows[2][8], "");
    assert_eq!(&rows[3][8], "2026-09-15: A working group was announced.");
}

#[test]
fn json_has_the_documented_top_level_keys_and_schema_version_1() {
    let bytes = render_json(&sample()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let documented = [
        "schema_version",
        "report_id",
        "version",
        "status",
        "published_on",
        "title",
        "state_under_review",
        "cycle",
        "submitters",
        "contact",
        "keywords",
        "introduction",
        "proceedings",
        "conclusions",
        "charts",
        "sources",
        "words",
    ];
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    let mut expected = documented.to_vec();
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["status"], "draft");
    let rec = &json["conclusions"]["recommendations"][0];
    assert_eq!(rec["number"], "10.1");
    assert_eq!(rec["category"]["number"], 5);
    assert_eq!(rec["category"]["name"], "Specific action");
    assert_eq!(json["introduction"]["testimonies"]["value"], 23);
    assert_eq!(json["introduction"]["testimonies"]["shown"], "23");
    assert!(json["words"].get("check").is_none());
    // Every key the documentation describes is written there.
    let doc = include_str!("../../docs/report-json.md");
    for key in documented {
        assert!(doc.contains(&format!("`{key}`")), "{key} undocumented");
    }
}

#[test]
fn a_single_organisation_gets_its_paragraph() {
    let mut r = sample();
    r.submitters.truncate(1);
    let page = html(&r);
    assert!(
        page.contains(r#"<p class="submitter"><strong>Border Rights Coalition</strong> (JS6):"#)
    );
    assert!(!page.contains("This is a joint submission by"));
    let text = squash(&read_docx_text(&render_docx(&r).unwrap()).unwrap().body);
    assert!(!text.contains("Joint submission"));
    assert!(text.contains("Border Rights Coalition (JS6): A network"));
}

#[test]
fn csv_cells_never_start_a_spreadsheet_formula() {
    let mut r = sample();
    r.conclusions.recommendations[0].recommending_party = "=HYPERLINK(\"x\")".to_owned();
    r.conclusions.recommendations[0].follow_up.position = "-1".to_owned();
    let bytes = render_csv(&r).unwrap();
    let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[2], "'=HYPERLINK(\"x\")");
    assert_eq!(&row[3], "'-1");
}

#[test]
fn docx_drops_control_characters_that_xml_forbids() {
    let mut r = sample();
    r.proceedings[0].paragraphs[1].text = "Cold\u{1}cells\u{1b} at night".to_owned();
    let bytes = render_docx(&r).unwrap();
    let text = read_docx_text(&bytes).unwrap();
    assert_eq!(text.body, body_text(&r));
    assert!(text.body.contains("5. Coldcells at night"));
}

#[test]
fn reading_something_that_is_not_a_docx_fails_cleanly() {
    let err = read_docx_text(b"not a zip archive").unwrap_err();
    assert!(matches!(err, super::RenderError::DocxRead(_)));
}
