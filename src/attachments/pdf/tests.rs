//! Tests of PDF cleaning: what is removed, what is kept, and what is refused.

use lopdf::{EncryptionState, EncryptionVersion, Permissions, Stream, dictionary};

use super::super::samples;
use super::*;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn names_in(doc: &Document, key: &[u8], value: &[u8]) -> usize {
    let has = |dict: &Dictionary| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == value)
    };
    doc.objects
        .values()
        .filter(|o| match o {
            Object::Dictionary(d) => has(d),
            Object::Stream(s) => has(&s.dict),
            _ => false,
        })
        .count()
}

#[test]
fn author_title_xmp_scripts_files_and_earlier_revisions_are_removed() {
    let original = samples::pdf_with_author();
    for planted in samples::PLANTED {
        assert!(
            contains(&original, planted.as_bytes()),
            "sample lacks {planted}"
        );
    }
    let eofs = |bytes: &[u8]| bytes.windows(5).filter(|w| w == b"%%EOF").count();
    assert_eq!(eofs(&original), 2, "the sample has an incremental update");
    assert!(contains(&original, b"/Prev"));
    let cleaned = clean(&original).unwrap();
    for planted in samples::PLANTED {
        assert!(
            !contains(&cleaned, planted.as_bytes()),
            "{planted} survived"
        );
    }
    for key in [
        &b"/Info"[..],
        b"/ID",
        b"/Metadata",
        b"/JavaScript",
        b"/JS",
        b"/OpenAction",
        b"/AA",
        b"/EmbeddedFile",
        b"/EF",
        b"/FileAttachment",
        b"/PieceInfo",
        b"/Prev",
        b"Exif",
    ] {
        assert!(
            !contains(&cleaned, key),
            "{} survived",
            String::from_utf8_lossy(key)
        );
    }
    assert_eq!(eofs(&cleaned), 1, "one revision is left");
}

#[test]
fn the_cleaned_pdf_loads_with_its_page_text_and_image() {
    let original = samples::pdf_with_author();
    let before = Document::load_mem(&original).unwrap();
    let cleaned = Document::load_mem(&clean(&original).unwrap()).unwrap();
    let pages = cleaned.get_pages();
    assert_eq!(pages.len(), 1);
    let page = pages[&1];
    let text = cleaned.extract_text(&[1]).unwrap();
    assert!(text.contains(samples::PDF_PAGE_TEXT), "{text}");
    assert_eq!(
        cleaned.get_page_content(page),
        before.get_page_content(before.get_pages()[&1])
    );
    let images = cleaned.get_page_images(page).unwrap();
    assert_eq!(images.len(), 1);
    assert_eq!(
        images[0].content,
        samples::jpeg_plain(),
        "the photo is cleaned"
    );
    let params = images[0].origin_dict.get(b"DecodeParms").unwrap();
    let transform = params.as_dict().unwrap().get(b"ColorTransform").unwrap();
    assert_eq!(
        transform.as_i64().unwrap(),
        1,
        "the Adobe segment's transform is kept"
    );
    let annotations = cleaned.get_page_annotations(page).unwrap();
    assert_eq!(annotations.len(), 1, "the file attachment is gone");
    let note = annotations[0];
    assert!(!note.has(b"T"));
    assert_eq!(
        note.get(b"Contents").unwrap().as_str().unwrap(),
        b"see page"
    );
    assert_eq!(names_in(&cleaned, b"Type", b"EmbeddedFile"), 0);
    assert_eq!(names_in(&cleaned, b"S", b"JavaScript"), 0);
    assert!(!cleaned.trailer.has(b"Info") && !cleaned.trailer.has(b"ID"));
    let catalog = cleaned.catalog().unwrap();
    assert!(!catalog.has(b"Metadata") && !catalog.has(b"OpenAction"));
    let names = catalog.get(b"Names").unwrap().as_dict().unwrap();
    assert!(names.is_empty());
}

#[test]
fn signatures_go_but_form_field_names_stay() {
    let mut doc = Document::with_version("1.7");
    one_page(&mut doc);
    let signature = doc.add_object(dictionary! {
        "Type" => "Sig", "Name" => Object::string_literal(samples::AUTHOR),
        "ByteRange" => vec![0.into(), 10.into(), 20.into(), 30.into()],
    });
    let field = |name: &str, kind: &str| {
        dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => kind,
            "T" => Object::string_literal(name), "Rect" => vec![0.into(); 4],
        }
    };
    let mut signed = field("signature", "Sig");
    signed.set("V", signature);
    let fields = vec![field("witness-name", "Tx").into(), signed.into()];
    let catalog_id = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let catalog = doc
        .get_object_mut(catalog_id)
        .unwrap()
        .as_dict_mut()
        .unwrap();
    catalog.set("AcroForm", dictionary! { "Fields" => fields });
    let mut original = Vec::new();
    doc.save_to(&mut original).unwrap();
    assert!(contains(&original, samples::AUTHOR.as_bytes()));

    let cleaned = clean(&original).unwrap();
    assert!(!contains(&cleaned, samples::AUTHOR.as_bytes()));
    assert!(!contains(&cleaned, b"/ByteRange"));
    let cleaned = Document::load_mem(&cleaned).unwrap();
    let form = cleaned.catalog().unwrap().get(b"AcroForm").unwrap();
    let fields = form
        .as_dict()
        .unwrap()
        .get(b"Fields")
        .unwrap()
        .as_array()
        .unwrap();
    let names: Vec<&[u8]> = fields
        .iter()
        .map(|f| f.as_dict().unwrap().get(b"T").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(names, [&b"witness-name"[..], b"signature"]);
    assert!(!fields[1].as_dict().unwrap().has(b"V"));
}

fn one_page(doc: &mut Document) {
    let pages_id = doc.new_object_id();
    let content = Stream::new(dictionary! {}, b"BT /F1 12 Tf (hello) Tj ET".to_vec());
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
    });
    let pages = dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.trailer
        .set("ID", vec![Object::string_literal(vec![1u8; 16]); 2]);
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    one_page(&mut doc);
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn encrypted_and_unloadable_files_are_refused() {
    let opens_without_password = encrypted("");
    assert!(Document::load_mem(&opens_without_password).is_ok());
    let good = samples::pdf_with_author();
    let mut no_pages = Document::with_version("1.7");
    let pages_id = no_pages.new_object_id();
    let pages = dictionary! { "Type" => "Pages", "Kids" => vec![], "Count" => 0 };
    no_pages.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = no_pages.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    no_pages.trailer.set("Root", catalog_id);
    let mut no_pages_bytes = Vec::new();
    no_pages.save_to(&mut no_pages_bytes).unwrap();
    let refused = [
        opens_without_password,
        encrypted("secret"),
        b"%PDF-1.7\nthis is not a pdf at all\n%%EOF\n".to_vec(),
        b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec(),
        good[..good.len() / 3].to_vec(),
        no_pages_bytes,
    ];
    for (i, bytes) in refused.iter().enumerate() {
        assert_eq!(clean(bytes), Err(Refusal::Unreadable), "case {i}");
    }
}

#[test]
fn a_plain_pdf_keeps_its_page() {
    let mut doc = Document::with_version("1.7");
    one_page(&mut doc);
    let mut original = Vec::new();
    doc.save_to(&mut original).unwrap();
    let cleaned = Document::load_mem(&clean(&original).unwrap()).unwrap();
    let page = cleaned.get_pages()[&1];
    assert_eq!(
        cleaned.get_page_content(page).trim_ascii_end(),
        b"BT /F1 12 Tf (hello) Tj ET"
    );
}
