//! Small, valid files with metadata planted in every place a phone, camera or office program
//! puts it, for tests here and for tests that submit them and then search the data folder.
//! Each planted text is one of [`PLANTED`], so a test can check that none survives.
//! Built by hand from the crate's own dependencies, so nothing here needs a dev-dependency.

use img_parts::Bytes;
use img_parts::png::PngChunk;
use lopdf::{Document, IncrementalDocument, Object, Stream, dictionary};

/// A GPS position as text, planted in EXIF blocks.
pub const GPS: &str = "GPSLatitude 25.7617 N GPSLongitude 80.1918 W";
/// A creator's name planted in XMP packets.
pub const XMP_CREATOR: &str = "planted-xmp-creator Ana Ruiz";
/// A comment planted in JPEG COM segments and PNG text chunks.
pub const COMMENT: &str = "planted-comment taken at the corner of 5th street";
/// A photographer's name planted in a JPEG IPTC block and a compressed PNG text chunk.
pub const IPTC_BYLINE: &str = "planted-iptc-byline Luis Gomez";
/// What phones append after the end of an image: a GPS fix and a motion-photo video.
pub const AFTER_END: &str = "motion-photo-GPS 25.7617N";
/// Text planted in a private chunk that no viewer reads.
pub const PRIVATE: &str = "planted-private-chunk device serial 4471";
/// The author in a PDF's Info dictionary (also written into its file ID).
pub const AUTHOR: &str = "planted-author Rosa Martinez";
/// The title in a PDF's Info dictionary.
pub const TITLE: &str = "planted-title statement draft";
/// The author an earlier revision of a PDF recorded.
pub const EARLIER_AUTHOR: &str = "planted-earlier-author Carmen Diaz";
/// Text of a PDF's JavaScript.
pub const SCRIPT: &str = "planted-javascript app.alert";
/// Contents of a file embedded in a PDF.
pub const EMBEDDED: &str = "planted-embedded-file contacts list";
/// Private application data on a PDF page.
pub const PIECE_INFO: &str = "planted-pieceinfo word-processor state";
/// The author of a PDF comment (annotation).
pub const ANNOTATION_AUTHOR: &str = "planted-annotation-author Jorge";

/// Every text planted by the functions here.
pub const PLANTED: &[&str] = &[
    GPS,
    XMP_CREATOR,
    COMMENT,
    IPTC_BYLINE,
    AFTER_END,
    PRIVATE,
    AUTHOR,
    TITLE,
    EARLIER_AUTHOR,
    SCRIPT,
    EMBEDDED,
    PIECE_INFO,
    ANNOTATION_AUTHOR,
];

/// The tables of a 16x8 grey baseline JPEG: quantization (all ones), frame header, one DC
/// Huffman table (category 6 only), one AC table (end of block and run 0 size 7), and a
/// restart interval of one block.
fn jpeg_tables() -> Vec<u8> {
    let mut dc = vec![0x00, 1];
    dc.extend_from_slice(&[0; 15]);
    dc.push(0x06);
    let mut ac = vec![0x10, 0, 2];
    ac.extend_from_slice(&[0; 14]);
    ac.extend_from_slice(&[0x00, 0x07]);
    [
        segment(0xDB, &[[0u8].as_slice(), &[1; 64]].concat()),
        segment(0xC0, &[8, 0, 8, 0, 16, 1, 1, 0x11, 0]),
        segment(0xC4, &dc),
        segment(0xC4, &ac),
        segment(0xDD, &[0, 1]),
    ]
    .concat()
}

/// The scan header of that JPEG.
const JPEG_SOS: &[u8] = &[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00];

/// The entropy-coded data of that JPEG: two blocks, each with a stuffed 0xFF00 byte,
/// separated by a restart marker.
pub const JPEG_SCAN: &[u8] = &[0x7E, 0xFF, 0x00, 0x3F, 0xFF, 0xD0, 0x7E, 0xFF, 0x00, 0x3F];

/// A JPEG segment: marker and payload with its length.
fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let len = u16::try_from(payload.len() + 2).unwrap_or(u16::MAX);
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// An EXIF block (TIFF header and a GPS position as text).
fn exif_block() -> Vec<u8> {
    let mut exif = b"MM\0*\0\0\0\x08".to_vec();
    exif.extend_from_slice(GPS.as_bytes());
    exif
}

/// An XMP packet naming a creator.
fn xmp_packet() -> String {
    format!(
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><dc:creator>{XMP_CREATOR}</dc:creator>\
         <exif:GPSLatitude>25,45.70N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>"
    )
}

/// The smallest decodable JPEG, with nothing but what decoding needs.
pub fn jpeg_plain() -> Vec<u8> {
    [
        &[0xFF, 0xD8],
        jpeg_tables().as_slice(),
        JPEG_SOS,
        JPEG_SCAN,
        &[0xFF, 0xD9],
    ]
    .concat()
}

/// A JPEG whose EXIF block records a GPS position, after a JFIF header.
pub fn jpeg_with_gps() -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    out.extend(segment(
        0xE1,
        &[b"Exif\0\0".as_slice(), &exif_block()].concat(),
    ));
    out.extend_from_slice(&jpeg_plain()[2..]);
    out
}

/// A JPEG with metadata everywhere: JFIF, EXIF with GPS, XMP, ICC, IPTC, Adobe, comments
/// before and between the tables, and after the end a motion-photo block followed by a
/// second JPEG (as phones append a preview or video) with its own EXIF.
pub fn jpeg_with_everything() -> Vec<u8> {
    let iptc = [
        b"Photoshop 3.0\08BIM\x04\x04".as_slice(),
        IPTC_BYLINE.as_bytes(),
    ]
    .concat();
    let xmp = [
        b"http://ns.adobe.com/xap/1.0/\0".as_slice(),
        xmp_packet().as_bytes(),
    ]
    .concat();
    let mut out = vec![0xFF, 0xD8];
    out.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    out.extend(segment(
        0xE1,
        &[b"Exif\0\0".as_slice(), &exif_block()].concat(),
    ));
    out.extend(segment(0xE1, &xmp));
    out.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01lcms"));
    out.extend(segment(0xED, &iptc));
    out.extend(segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01"));
    out.extend(segment(0xFE, COMMENT.as_bytes()));
    out.extend(jpeg_tables());
    out.extend(segment(0xFE, COMMENT.as_bytes()));
    out.extend(segment(0xEF, PRIVATE.as_bytes()));
    out.extend_from_slice(JPEG_SOS);
    out.extend_from_slice(JPEG_SCAN);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out.extend_from_slice(AFTER_END.as_bytes());
    out.extend_from_slice(b"\0\0\0\x18ftypmp42\0\0\0\0isommp42 fake video");
    out.extend(jpeg_with_gps());
    out
}

/// A zlib stream holding `data` in one stored (uncompressed) block.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).unwrap_or(u16::MAX);
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    let mut out = vec![0x78, 0x01, 0x01];
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// A PNG chunk with its length and CRC.
fn png_chunk(kind: &[u8; 4], contents: Vec<u8>) -> Bytes {
    PngChunk::new(*kind, Bytes::from(contents))
        .encoder()
        .bytes()
}

/// The pixel data of the PNG samples: one grey pixel (filter byte, value).
pub fn png_idat() -> Vec<u8> {
    zlib_stored(&[0x00, 0x80])
}

/// A 1x1 grey PNG with transparency and metadata in every kind of chunk: text (tEXt, zTXt,
/// iTXt with XMP), a timestamp, EXIF with GPS, a private chunk, and text after the end.
pub fn png_with_metadata() -> Vec<u8> {
    let text = [b"Author\0".as_slice(), COMMENT.as_bytes()].concat();
    let ztxt = [
        b"Comment\0\0".as_slice(),
        &zlib_stored(IPTC_BYLINE.as_bytes()),
    ]
    .concat();
    let itxt = [
        b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(),
        xmp_packet().as_bytes(),
    ]
    .concat();
    let chunks = [
        png_chunk(b"IHDR", vec![0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]),
        png_chunk(b"tEXt", text),
        png_chunk(b"tIME", vec![0x07, 0xE9, 3, 14, 9, 41, 7]),
        png_chunk(b"eXIf", exif_block()),
        png_chunk(b"tRNS", vec![0x00, 0x00]),
        png_chunk(b"zTXt", ztxt),
        png_chunk(b"IDAT", png_idat()),
        png_chunk(b"prVt", PRIVATE.as_bytes().to_vec()),
        png_chunk(b"iTXt", itxt),
        png_chunk(b"IEND", Vec::new()),
    ];
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for chunk in chunks {
        out.extend_from_slice(&chunk);
    }
    out.extend_from_slice(AFTER_END.as_bytes());
    out
}

/// The image data of the WebP samples: a 1x1 lossless bitstream.
pub const WEBP_VP8L: &[u8] = &[
    0x2F, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07,
];

/// A RIFF chunk with its length and padding.
fn riff_chunk(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    let mut out = id.to_vec();
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
    out
}

/// A 1x1 extended WebP whose header announces ICC, alpha, EXIF and XMP, with an ICC profile,
/// EXIF with GPS, XMP, an unknown chunk, and text after the RIFF container.
pub fn webp_with_metadata() -> Vec<u8> {
    let body = [
        riff_chunk(b"VP8X", &[0x3C, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        riff_chunk(b"ICCP", b"\0\0\x02\x0clcms planted profile"),
        riff_chunk(b"VP8L", WEBP_VP8L),
        riff_chunk(b"EXIF", &exif_block()),
        riff_chunk(b"XMP ", xmp_packet().as_bytes()),
        riff_chunk(b"PRVT", PRIVATE.as_bytes()),
    ]
    .concat();
    let size = u32::try_from(body.len() + 4).unwrap_or(u32::MAX);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend(body);
    out.extend_from_slice(AFTER_END.as_bytes());
    out
}

/// The text the page of the PDF samples shows.
pub const PDF_PAGE_TEXT: &str = "Testimony page one";

/// A one-page PDF, saved as a first revision, with an author and title (also planted in the
/// file ID), an XMP stream, a JavaScript open action and page action, an embedded file (in
/// the name tree and as a file annotation), private application data, a comment with its
/// author, and a photo that is [`jpeg_with_everything`]; then an incremental update that
/// names a different author, leaving the earlier author in the file.
pub fn pdf_with_author() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content =
        format!("BT /F1 18 Tf 72 720 Td ({PDF_PAGE_TEXT}) Tj ET q 160 0 0 80 72 600 cm /Im1 Do Q");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let photo = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 16, "Height" => 8,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        jpeg_with_everything(),
    );
    let photo_id = doc.add_object(photo);
    let xmp = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp_packet().into_bytes(),
    );
    let xmp_id = doc.add_object(xmp);
    let script = dictionary! { "S" => "JavaScript", "JS" => Object::string_literal(SCRIPT) };
    let script_id = doc.add_object(script.clone());
    let file_id = doc.add_object(Stream::new(
        dictionary! { "Type" => "EmbeddedFile" },
        EMBEDDED.as_bytes().to_vec(),
    ));
    let filespec_id = doc.add_object(dictionary! {
        "Type" => "Filespec", "F" => Object::string_literal("contacts.txt"),
        "EF" => dictionary! { "F" => file_id },
    });
    let attachment_id = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "FileAttachment", "Rect" => vec![10.into(), 10.into(), 30.into(), 30.into()],
        "FS" => filespec_id, "Contents" => Object::string_literal("attached"),
    });
    let note_id = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Text", "Rect" => vec![40.into(), 10.into(), 60.into(), 30.into()],
        "T" => Object::string_literal(ANNOTATION_AUTHOR), "Contents" => Object::string_literal("see page"),
    });
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! {
            "Font" => dictionary! { "F1" => font_id },
            "XObject" => dictionary! { "Im1" => photo_id },
        },
        "Contents" => content_id,
        "Annots" => vec![attachment_id.into(), note_id.into()],
        "AA" => dictionary! { "O" => script },
        "PieceInfo" => dictionary! { "Writer" => dictionary! {
            "Private" => Object::string_literal(PIECE_INFO),
        } },
        "Metadata" => xmp_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "Metadata" => xmp_id, "OpenAction" => script_id,
        "Names" => dictionary! {
            "EmbeddedFiles" => dictionary! { "Names" => vec![Object::string_literal("contacts.txt"), filespec_id.into()] },
            "JavaScript" => dictionary! { "Names" => vec![Object::string_literal("init"), script_id.into()] },
        },
    });
    let info_id = doc.add_object(dictionary! {
        "Author" => Object::string_literal(EARLIER_AUTHOR), "Title" => Object::string_literal(TITLE),
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(AUTHOR),
            Object::string_literal(TITLE),
        ],
    );
    let mut first = Vec::new();
    // Writing into a Vec cannot fail; an empty sample would fail the tests that use it.
    if doc.save_to(&mut first).is_err() {
        return Vec::new();
    }
    let Ok(mut update) = IncrementalDocument::load_from(first.as_slice()) else {
        return first;
    };
    let new_info = update.new_document.add_object(dictionary! {
        "Author" => Object::string_literal(AUTHOR), "Title" => Object::string_literal(TITLE),
        "Producer" => Object::string_literal(XMP_CREATOR),
    });
    update.new_document.trailer.set("Info", new_info);
    let mut out = Vec::new();
    if update.save_to(&mut out).is_err() {
        return first;
    }
    out
}

/// A one-page PDF about `len` bytes long (at least a few hundred): the page's text is
/// followed by spaces in its content stream.
pub fn pdf_of_size(len: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut content = format!("BT /F1 18 Tf 72 720 Td ({PDF_PAGE_TEXT}) Tj ET").into_bytes();
    content.resize(len.saturating_sub(600).max(content.len()), b' ');
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    // Writing into a Vec cannot fail; an empty sample would fail the tests that use it.
    let _ = doc.save_to(&mut out);
    out
}

/// [`jpeg_plain`] made `len` bytes long (at least its own length) by zero bytes inside
/// its scan, where a decoder reads them as image data.
pub fn jpeg_of_size(len: usize) -> Vec<u8> {
    let mut jpeg = jpeg_plain();
    let end = jpeg.len() - 2; // before the end marker
    let padding = len.saturating_sub(jpeg.len());
    jpeg.splice(end..end, std::iter::repeat_n(0u8, padding));
    jpeg
}
