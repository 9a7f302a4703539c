//! WebP cleaning. Only image data is kept: the VP8, VP8L and ALPH bitstreams, the animation
//! chunks ANIM and ANMF (each frame keeping only its ALPH, VP8 and VP8L), and the VP8X header
//! with its ICC, EXIF and XMP flags cleared. EXIF, XMP, ICC profiles, unknown chunks and
//! anything after the RIFF container are dropped; img-parts reads the chunks and writes the
//! RIFF size anew. A file whose chunks do not parse, or that holds no image, is refused.

use img_parts::Bytes;
use img_parts::riff::RiffContent;
use img_parts::webp::{
    CHUNK_ALPH, CHUNK_ANIM, CHUNK_ANMF, CHUNK_VP8, CHUNK_VP8L, CHUNK_VP8X, WebP,
};

use super::{FileBuf, Refusal};

/// The chunks kept at the top level.
const KEPT: [[u8; 4]; 6] = [
    CHUNK_VP8X, CHUNK_VP8, CHUNK_VP8L, CHUNK_ALPH, CHUNK_ANIM, CHUNK_ANMF,
];

/// The chunks kept inside an animation frame.
const KEPT_IN_FRAME: [[u8; 4]; 3] = [CHUNK_ALPH, CHUNK_VP8, CHUNK_VP8L];

/// The VP8X flags that announce an ICC profile (0x20), EXIF (0x08) and XMP (0x04).
const METADATA_FLAGS: u8 = 0x20 | 0x08 | 0x04;

/// Length of an ANMF header: position, size, duration and flags, before the frame's chunks.
const FRAME_HEADER: usize = 16;

/// The WebP with only its image chunks.
pub(super) fn clean(bytes: impl Into<FileBuf>) -> Result<FileBuf, Refusal> {
    let bytes = bytes.into();
    let room = bytes.len();
    let mut webp = WebP::from_bytes(Bytes::from_owner(bytes)).map_err(|_| Refusal::Unreadable)?;
    let chunks = webp.chunks();
    let has_image = chunks
        .iter()
        .any(|c| [CHUNK_VP8, CHUNK_VP8L, CHUNK_ANMF].contains(&c.id()));
    let header_first = match chunks.iter().position(|c| c.id() == CHUNK_VP8X) {
        None => true,
        Some(at) => at == 0,
    };
    if !has_image || !header_first {
        return Err(Refusal::Unreadable);
    }
    webp.chunks_mut().retain(|c| KEPT.contains(&c.id()));
    for chunk in webp.chunks_mut() {
        let id = chunk.id();
        let RiffContent::Data(data) = chunk.content_mut() else {
            return Err(Refusal::Unreadable);
        };
        if id == CHUNK_VP8X {
            *data = without_metadata_flags(data)?;
        } else if id == CHUNK_ANMF {
            *data = frame_without_metadata(data)?;
        }
    }
    Ok(FileBuf::joined(webp.encoder(), room))
}

/// A VP8X payload (flags, reserved bytes, canvas size) with the metadata flags cleared.
fn without_metadata_flags(vp8x: &[u8]) -> Result<Bytes, Refusal> {
    if vp8x.len() < 10 {
        return Err(Refusal::Unreadable);
    }
    let mut header = vp8x.to_vec();
    header[0] &= !METADATA_FLAGS;
    Ok(Bytes::from(header))
}

/// An ANMF payload with only the frame header and the frame's image chunks.
fn frame_without_metadata(frame: &[u8]) -> Result<Bytes, Refusal> {
    let mut out = frame
        .get(..FRAME_HEADER)
        .ok_or(Refusal::Unreadable)?
        .to_vec();
    let mut rest = frame.get(FRAME_HEADER..).ok_or(Refusal::Unreadable)?;
    let mut has_image = false;
    while !rest.is_empty() {
        let head = rest.get(..8).ok_or(Refusal::Unreadable)?;
        let id = [head[0], head[1], head[2], head[3]];
        let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        let len = usize::try_from(len).map_err(|_| Refusal::Unreadable)?;
        let whole = 8 + len + len % 2;
        let chunk = rest.get(..whole).ok_or(Refusal::Unreadable)?;
        if KEPT_IN_FRAME.contains(&id) {
            out.extend_from_slice(chunk);
            has_image |= id != CHUNK_ALPH;
        }
        rest = rest.get(whole..).ok_or(Refusal::Unreadable)?;
    }
    if !has_image {
        return Err(Refusal::Unreadable);
    }
    Ok(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::super::samples;
    use super::*;

    fn parse(bytes: &[u8]) -> WebP {
        WebP::from_bytes(Bytes::copy_from_slice(bytes)).unwrap()
    }

    fn ids(webp: &WebP) -> Vec<[u8; 4]> {
        webp.chunks().iter().map(|c| c.id()).collect()
    }

    fn data(webp: &WebP, id: [u8; 4]) -> Vec<u8> {
        let chunk = webp.chunk_by_id(id).unwrap();
        chunk.content().data().unwrap().to_vec()
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn chunk(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = id.to_vec();
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_le_bytes());
        out.extend_from_slice(data);
        if data.len() % 2 == 1 {
            out.push(0);
        }
        out
    }

    fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body = chunks.concat();
        let size = u32::try_from(body.len() + 4).unwrap();
        [b"RIFF".as_slice(), &size.to_le_bytes(), b"WEBP", &body].concat()
    }

    #[test]
    fn exif_xmp_icc_unknown_chunks_and_trailing_bytes_are_dropped() {
        let original = samples::webp_with_metadata();
        for planted in [
            samples::GPS,
            samples::XMP_CREATOR,
            samples::PRIVATE,
            samples::AFTER_END,
        ] {
            assert!(
                contains(&original, planted.as_bytes()),
                "sample lacks {planted}"
            );
        }
        assert_eq!(data(&parse(&original), CHUNK_VP8X)[0], 0x3C);
        let cleaned = clean(original).unwrap();
        for planted in samples::PLANTED {
            assert!(
                !contains(&cleaned, planted.as_bytes()),
                "{planted} survived"
            );
        }
        for tag in [&b"EXIF"[..], b"XMP ", b"ICCP", b"PRVT", b"lcms"] {
            assert!(!contains(&cleaned, tag));
        }
    }

    #[test]
    fn the_image_is_kept_and_the_header_no_longer_announces_metadata() {
        let original = samples::webp_with_metadata();
        let before = parse(&original);
        let cleaned = clean(original).unwrap();
        let after = parse(&cleaned);
        assert_eq!(ids(&after), [CHUNK_VP8X, CHUNK_VP8L]);
        assert_eq!(data(&after, CHUNK_VP8L), samples::WEBP_VP8L);
        let header = data(&after, CHUNK_VP8X);
        assert_eq!(header[0], 0x10, "only the alpha flag is left");
        assert_eq!(header[1..], data(&before, CHUNK_VP8X)[1..]);
        let riff_size = u32::from_le_bytes([cleaned[4], cleaned[5], cleaned[6], cleaned[7]]);
        assert_eq!(usize::try_from(riff_size).unwrap(), cleaned.len() - 8);
        assert_eq!(cleaned.len(), usize::try_from(after.len()).unwrap());
    }

    #[test]
    fn animation_frames_keep_only_their_image_chunks() {
        let vp8l = chunk(b"VP8L", samples::WEBP_VP8L);
        let header = [0u8; FRAME_HEADER];
        let frame = [
            header.as_slice(),
            &vp8l,
            &chunk(b"ZZZZ", samples::PRIVATE.as_bytes()),
        ]
        .concat();
        let original = riff(&[
            chunk(b"VP8X", &[0x02 | 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            chunk(b"ANIM", &[0, 0, 0, 0, 0, 0]),
            chunk(b"ANMF", &frame),
            chunk(b"EXIF", samples::GPS.as_bytes()),
        ]);
        let cleaned = clean(original).unwrap();
        let after = parse(&cleaned);
        assert_eq!(ids(&after), [CHUNK_VP8X, CHUNK_ANIM, CHUNK_ANMF]);
        assert_eq!(data(&after, CHUNK_VP8X)[0], 0x02);
        assert_eq!(
            data(&after, CHUNK_ANMF),
            [header.as_slice(), &vp8l].concat()
        );
        assert!(!contains(&cleaned, samples::PRIVATE.as_bytes()));
        assert!(!contains(&cleaned, samples::GPS.as_bytes()));
    }

    #[test]
    fn broken_files_are_refused() {
        let good = samples::webp_with_metadata();
        let vp8x = chunk(b"VP8X", &[0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let vp8l = chunk(b"VP8L", samples::WEBP_VP8L);
        let mut too_long = riff(&[vp8x.clone(), vp8l.clone()]);
        let at = too_long.len() - vp8l.len() + 4;
        too_long[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
        let frame = [[0u8; FRAME_HEADER].as_slice(), &vp8l[..10]].concat();
        let refused = [
            good[..40].to_vec(),                             // RIFF size past the end
            too_long,                                        // chunk size past the end
            riff(&[vp8x.clone(), chunk(b"EXIF", b"MM\0*")]), // no image
            riff(&[vp8l.clone(), vp8x.clone()]),             // header not first
            riff(&[chunk(b"VP8X", &[0x10, 0, 0]), vp8l.clone()]),
            riff(&[vp8x.clone(), chunk(b"ANMF", &frame)]), // frame cut short
            riff(&[vp8x.clone(), chunk(b"ANMF", &[0; FRAME_HEADER])]), // frame without image
        ];
        for (i, bytes) in refused.into_iter().enumerate() {
            assert_eq!(clean(bytes), Err(Refusal::Unreadable), "case {i}");
        }
        assert!(clean(riff(&[vp8x, vp8l])).is_ok());
    }
}
