//! PNG cleaning. Only the chunks needed to show the image are kept: IHDR, PLTE, IDAT and
//! IEND, and tRNS for transparency. Text (tEXt, zTXt, iTXt, where XMP lives), timestamps
//! (tIME), EXIF (eXIf), colour and other ancillary chunks, private chunks and anything after
//! IEND are dropped. Kept chunks stay as they were, CRC included, closed up in the memory
//! the file was read into. img-parts reads the chunks and checks every CRC; a file whose
//! chunks do not parse is refused.

use std::ops::Range;
use std::sync::Arc;

use img_parts::Bytes;
use img_parts::png::Png;

use super::{FileBuf, Refusal};

/// The chunks kept: the critical ones and transparency.
const KEPT: [[u8; 4]; 5] = [*b"IHDR", *b"PLTE", *b"IDAT", *b"IEND", *b"tRNS"];

/// The PNG signature's length; the first chunk follows it.
const SIGNATURE: usize = 8;

/// A chunk's length, type and CRC around its data.
const FRAMING: usize = 12;

/// The file, lent to img-parts while it reads the chunks and given back after.
struct Lent(Arc<FileBuf>);

impl AsRef<[u8]> for Lent {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The PNG with only the chunks that draw the image, closed up where it lies.
pub(super) fn clean(bytes: impl Into<FileBuf>) -> Result<FileBuf, Refusal> {
    let file = Arc::new(bytes.into());
    let kept = kept_ranges(&file)?;
    let mut file = Arc::try_unwrap(file).map_err(|_| Refusal::Unreadable)?;
    file.keep(&kept);
    Ok(file)
}

/// Where the signature and the kept chunks lie in the file. img-parts reads the chunks,
/// which follow one another from the signature to IEND, and checks their CRCs.
fn kept_ranges(file: &Arc<FileBuf>) -> Result<Vec<Range<usize>>, Refusal> {
    let png =
        Png::from_bytes(Bytes::from_owner(Lent(file.clone()))).map_err(|_| Refusal::Unreadable)?;
    let chunks = png.chunks();
    let well_formed = chunks.first().is_some_and(|c| &c.kind() == b"IHDR")
        && chunks.last().is_some_and(|c| &c.kind() == b"IEND")
        && chunks.iter().any(|c| &c.kind() == b"IDAT");
    if !well_formed {
        return Err(Refusal::Unreadable);
    }
    let mut ranges = Vec::with_capacity(chunks.len() + 1);
    ranges.push(0..SIGNATURE);
    let mut at = SIGNATURE;
    for chunk in chunks {
        let len = chunk.contents().len();
        let end = at + FRAMING + len;
        let head = file.get(at..at + 8).ok_or(Refusal::Unreadable)?;
        if end > file.len() || head[..4] != (len as u32).to_be_bytes() || head[4..] != chunk.kind()
        {
            return Err(Refusal::Unreadable);
        }
        if KEPT.contains(&chunk.kind()) {
            ranges.push(at..end);
        }
        at = end;
    }
    Ok(ranges)
}

#[cfg(test)]
mod tests {
    use img_parts::png::PngChunk;

    use super::super::samples;
    use super::*;

    fn parse(bytes: &[u8]) -> Png {
        Png::from_bytes(Bytes::copy_from_slice(bytes)).unwrap()
    }

    fn kinds(png: &Png) -> Vec<[u8; 4]> {
        png.chunks().iter().map(|c| c.kind()).collect()
    }

    fn encoded(chunk: &PngChunk) -> Vec<u8> {
        chunk.clone().encoder().bytes().to_vec()
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn text_time_exif_private_chunks_and_trailing_bytes_are_dropped() {
        let original = samples::png_with_metadata();
        for planted in [
            samples::GPS,
            samples::XMP_CREATOR,
            samples::COMMENT,
            samples::IPTC_BYLINE,
            samples::PRIVATE,
            samples::AFTER_END,
        ] {
            assert!(
                contains(&original, planted.as_bytes()),
                "sample lacks {planted}"
            );
        }
        assert!(kinds(&parse(&original)).contains(b"tIME"));
        let cleaned = clean(original).unwrap();
        for planted in samples::PLANTED {
            assert!(
                !contains(&cleaned, planted.as_bytes()),
                "{planted} survived"
            );
        }
        for tag in [
            &b"tEXt"[..],
            b"zTXt",
            b"iTXt",
            b"tIME",
            b"eXIf",
            b"prVt",
            b"MM\0*",
        ] {
            assert!(!contains(&cleaned, tag));
        }
    }

    #[test]
    fn the_image_chunks_are_kept_byte_for_byte() {
        let original = samples::png_with_metadata();
        let before = parse(&original);
        let cleaned = clean(original.clone()).unwrap();
        assert!(cleaned.starts_with(b"\x89PNG\r\n\x1a\n"));
        let after = parse(&cleaned);
        assert_eq!(kinds(&after), [*b"IHDR", *b"tRNS", *b"IDAT", *b"IEND"]);
        for chunk in after.chunks() {
            let same = before.chunk_by_type(chunk.kind()).unwrap();
            assert_eq!(encoded(chunk), encoded(same));
        }
        let idat = after.chunk_by_type(*b"IDAT").unwrap();
        assert_eq!(idat.contents().as_ref(), samples::png_idat().as_slice());
        let iend = encoded(after.chunk_by_type(*b"IEND").unwrap());
        assert!(cleaned.ends_with(&iend), "nothing after IEND");
        assert_eq!(cleaned.len(), after.len());
    }

    #[test]
    fn a_palette_is_kept() {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            encoded(&PngChunk::new(*kind, Bytes::copy_from_slice(data)))
        };
        let ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 3, 0, 0, 0];
        let original = [
            b"\x89PNG\r\n\x1a\n".to_vec(),
            chunk(b"IHDR", &ihdr),
            chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]),
            chunk(b"PLTE", &[0xFF, 0, 0]),
            chunk(b"tEXt", b"Comment\0hello"),
            chunk(b"IDAT", &samples::png_idat()),
            chunk(b"IEND", &[]),
        ]
        .concat();
        let cleaned = clean(original).unwrap();
        assert_eq!(
            kinds(&parse(&cleaned)),
            [*b"IHDR", *b"PLTE", *b"IDAT", *b"IEND"]
        );
    }

    #[test]
    fn broken_chunk_structure_is_refused() {
        let good = clean(samples::png_with_metadata()).unwrap().to_vec();
        let ihdr_end = 8 + 4 + 4 + 13 + 4;
        let mut long_length = good.clone();
        long_length[8..12].copy_from_slice(&0x7FFF_FFFFu32.to_be_bytes());
        let mut bad_crc = good.clone();
        bad_crc[ihdr_end - 1] ^= 0x01;
        let mut bad_data = good.clone();
        bad_data[20] ^= 0x01; // inside IHDR, so its CRC no longer matches
        let refused = [
            long_length,
            bad_crc,
            bad_data,
            good[..good.len() - 12].to_vec(),         // no IEND
            good[..good.len() - 5].to_vec(),          // cut inside IEND
            [&good[..8], &good[ihdr_end..]].concat(), // no IHDR
            good[..8].to_vec(),
            [&good[..ihdr_end], &good[good.len() - 12..]].concat(), // no IDAT
        ];
        for (i, bytes) in refused.into_iter().enumerate() {
            assert_eq!(clean(bytes), Err(Refusal::Unreadable), "case {i}");
        }
        assert_eq!(clean(good.clone()).unwrap(), good);
    }
}
