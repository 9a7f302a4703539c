//! Witness attachments: the type is read from the content (never the name), every piece of
//! metadata is removed, and the file is stored encrypted in the data folder, outside anything
//! the web server serves. A leaked GPS position or author name can put a witness at risk, so
//! cleaning keeps only what is known to be needed to show the file and refuses a file it
//! cannot follow rather than keep it as sent.
//!
//! - JPEG (`jpeg.rs`): tables, frame headers and every scan; no APPn segment (EXIF, XMP, JFIF,
//!   ICC, IPTC, Adobe), comment, or byte after the end marker.
//! - PNG (`png.rs`): IHDR, PLTE, IDAT, IEND and tRNS; no text, time, EXIF or private chunk.
//! - WebP (`webp.rs`): the image and animation chunks, and VP8X without its metadata flags.
//! - PDF (`pdf.rs`): rewritten without Info, XMP, scripts, embedded files, signatures or
//!   earlier revisions; encrypted PDFs are refused.
//!
//! The storage functions live in `store.rs` and are re-exported here.

use std::ops::Range;

pub mod budget;
mod buffer;
mod jpeg;
mod pdf;
mod png;
mod store;
mod webp;

#[doc(hidden)]
pub mod samples;

pub use buffer::FileBuf;
pub use store::{load, path, remove_all, store};

/// The kinds of file a witness may attach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A JPEG photo.
    Jpeg,
    /// A PNG image.
    Png,
    /// A WebP image, still or animated.
    Webp,
    /// A PDF document.
    Pdf,
}

impl Kind {
    /// The media type the file is stored and served as.
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
            Kind::Pdf => "application/pdf",
        }
    }
}

/// Why a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not an image or PDF (judged by content).
    WrongType,
    /// An image or PDF that cannot be read, or could not be cleaned with certainty (broken
    /// structure, encrypted PDF).
    Unreadable,
}

/// Tell the kind of a file from its first bytes.
pub fn kind_of(bytes: &[u8]) -> Result<Kind, Refusal> {
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some("image/jpeg") => Ok(Kind::Jpeg),
        Some("image/png") => Ok(Kind::Png),
        Some("image/webp") => Ok(Kind::Webp),
        Some("application/pdf") => Ok(Kind::Pdf),
        _ => Err(Refusal::WrongType),
    }
}

/// How many copies of a PDF are held while it is rewritten: the file as sent, the
/// document read from it, and the file written anew.
const PDF_COPIES: usize = 3;

/// Check a file and return it without metadata, with its kind: the file is refused as
/// [`Refusal::WrongType`] unless its content is a JPEG, PNG, WebP or PDF, and as
/// [`Refusal::Unreadable`] if it cannot be cleaned. JPEG, PNG and WebP files are cleaned
/// where they lie (what is dropped is closed up in the same memory); a PDF is held three
/// times while cleaned (see [`held_while_cleaning`]).
pub fn clean(bytes: impl Into<FileBuf>) -> Result<(Kind, FileBuf), Refusal> {
    let mut bytes = bytes.into();
    let kind = kind_of(&bytes)?;
    let cleaned = match kind {
        Kind::Jpeg => {
            let kept = ranges_in(&bytes, &jpeg::kept(&bytes)?)?;
            bytes.keep(&kept);
            bytes
        }
        Kind::Png => png::clean(bytes)?,
        Kind::Webp => webp::clean(bytes)?,
        Kind::Pdf => {
            let rewritten = pdf::clean(&bytes)?;
            drop(bytes);
            FileBuf::from(rewritten)
        }
    };
    Ok((kind, cleaned))
}

/// The memory cleaning a file of `len` bytes that starts with `head` takes beyond the
/// file itself (its type is told from `head`).
pub fn held_while_cleaning(head: &[u8], len: usize) -> usize {
    match kind_of(head) {
        Ok(Kind::Pdf) => len.saturating_mul(PDF_COPIES - 1),
        Ok(Kind::Jpeg | Kind::Png | Kind::Webp) | Err(_) => 0,
    }
}

/// Where each of `pieces` (slices of `whole`) lies in it, empty pieces left out.
fn ranges_in(whole: &[u8], pieces: &[&[u8]]) -> Result<Vec<Range<usize>>, Refusal> {
    let base = whole.as_ptr() as usize;
    pieces
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            let start = (p.as_ptr() as usize)
                .checked_sub(base)
                .ok_or(Refusal::Unreadable)?;
            let end = start + p.len();
            if end > whole.len() {
                return Err(Refusal::Unreadable);
            }
            Ok(start..end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_is_judged_by_content() {
        assert_eq!(kind_of(b"%PDF-1.7\n..."), Ok(Kind::Pdf));
        assert_eq!(kind_of(b"MZ\x90\0 not a picture"), Err(Refusal::WrongType));
        assert_eq!(kind_of(b"<html><script>"), Err(Refusal::WrongType));
        assert_eq!(
            clean(vec![0xFF, 0xD8, 0xFF, 0x00]).err(),
            Some(Refusal::Unreadable)
        );
    }

    #[test]
    fn files_that_are_not_images_or_pdfs_are_refused_as_the_wrong_type() {
        for bytes in [
            b"MZ\x90\0\x03\0\0\0 this is a program".to_vec(),
            b"<html><script>alert(1)</script></html>".to_vec(),
            b"GIF89a\x01\0\x01\0".to_vec(),
            b"PK\x03\x04 a zip".to_vec(),
            Vec::new(),
        ] {
            assert_eq!(clean(bytes).err(), Some(Refusal::WrongType));
        }
    }

    #[test]
    fn a_jpeg_is_cleaned_through_the_dispatcher() {
        let (kind, cleaned) = clean(samples::jpeg_with_gps()).unwrap();
        assert_eq!(kind, Kind::Jpeg);
        assert_eq!(kind.mime(), "image/jpeg");
        assert_eq!(cleaned, samples::jpeg_plain());
    }

    #[test]
    fn only_a_pdf_asks_for_memory_beyond_itself_while_cleaned() {
        assert_eq!(held_while_cleaning(b"%PDF-1.7\n", 1000), 2000);
        assert_eq!(held_while_cleaning(&samples::webp_with_metadata(), 1000), 0);
        assert_eq!(held_while_cleaning(&samples::jpeg_with_gps(), 1000), 0);
        assert_eq!(held_while_cleaning(&samples::png_with_metadata(), 1000), 0);
        assert_eq!(held_while_cleaning(b"MZ", 1000), 0);
    }

    #[test]
    fn a_png_is_cleaned_through_the_dispatcher() {
        let (kind, cleaned) = clean(samples::png_with_metadata()).unwrap();
        assert_eq!(kind, Kind::Png);
        assert_eq!(kind.mime(), "image/png");
        assert!(
            cleaned.starts_with(b"\x89PNG") && !cleaned.ends_with(samples::AFTER_END.as_bytes())
        );
    }

    #[test]
    fn a_webp_is_cleaned_through_the_dispatcher() {
        let (kind, cleaned) = clean(samples::webp_with_metadata()).unwrap();
        assert_eq!(kind, Kind::Webp);
        assert_eq!(kind.mime(), "image/webp");
        assert!(cleaned.starts_with(b"RIFF") && !cleaned.ends_with(samples::AFTER_END.as_bytes()));
    }

    #[test]
    fn a_pdf_is_cleaned_through_the_dispatcher() {
        let (kind, cleaned) = clean(samples::pdf_with_author()).unwrap();
        assert_eq!(kind, Kind::Pdf);
        assert_eq!(kind.mime(), "application/pdf");
        let text = String::from_utf8_lossy(&cleaned);
        assert!(text.starts_with("%PDF-") && !text.contains(samples::AUTHOR));
    }
}
