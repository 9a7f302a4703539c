//! WebP cleaning. Only image data is kept: the VP8, VP8L and ALPH bitstreams, the animation
//! chunks ANIM and ANMF (each frame keeping only its ALPH, VP8 and VP8L), and the VP8X header
//! with its ICC, EXIF and XMP flags cleared. EXIF, XMP, ICC profiles, unknown chunks and
//! anything after the RIFF container are dropped. The file is cleaned where it lies: the
//! kept chunks are closed up in the same memory, then the sizes of the frames and of the
//! RIFF container are written anew. A file whose chunks do not parse, or that holds no
//! image, is refused.

use std::ops::Range;

use super::{FileBuf, Refusal};

const CHUNK_VP8X: [u8; 4] = *b"VP8X";
const CHUNK_VP8: [u8; 4] = *b"VP8 ";
const CHUNK_VP8L: [u8; 4] = *b"VP8L";
const CHUNK_ALPH: [u8; 4] = *b"ALPH";
const CHUNK_ANIM: [u8; 4] = *b"ANIM";
const CHUNK_ANMF: [u8; 4] = *b"ANMF";

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

/// "RIFF", the container's size, "WEBP".
const RIFF_HEADER: usize = 12;

/// A chunk's id and its length with its header and padding, at `at` in `file`, which it
/// must not pass `end` of.
fn chunk_at(file: &[u8], at: usize, end: usize) -> Result<([u8; 4], usize), Refusal> {
    let head = file.get(at..at + 8).filter(|_| at + 8 <= end);
    let head = head.ok_or(Refusal::Unreadable)?;
    let id = [head[0], head[1], head[2], head[3]];
    let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
    let len = usize::try_from(len).map_err(|_| Refusal::Unreadable)?;
    let whole = len
        .checked_add(8 + len % 2)
        .filter(|whole| at + whole <= end)
        .ok_or(Refusal::Unreadable)?;
    Ok((id, whole))
}

/// What is kept of a WebP: the ranges of the file, in order, and for each animation frame
/// where its chunk will start once they are closed up and its new payload size.
struct Plan {
    kept: Vec<Range<usize>>,
    frames: Vec<(usize, usize)>,
}

/// Read the chunks, clear VP8X's metadata flags where they lie, and plan what is kept.
fn plan(file: &mut [u8]) -> Result<Plan, Refusal> {
    let head = file.get(..RIFF_HEADER).ok_or(Refusal::Unreadable)?;
    if &head[..4] != b"RIFF" || &head[8..] != b"WEBP" {
        return Err(Refusal::Unreadable);
    }
    let size = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
    let end = usize::try_from(size)
        .ok()
        .and_then(|size| size.checked_add(8))
        .filter(|&end| end >= RIFF_HEADER && end <= file.len())
        .ok_or(Refusal::Unreadable)?;
    let mut plan = Plan {
        kept: Vec::new(),
        frames: Vec::new(),
    };
    plan.kept.push(0..RIFF_HEADER);
    let (mut at, mut out, mut has_image) = (RIFF_HEADER, RIFF_HEADER, false);
    while at < end {
        let (id, whole) = chunk_at(file, at, end)?;
        if id == CHUNK_VP8X {
            // Only as the first chunk, with its flags, reserved bytes and canvas size.
            if at != RIFF_HEADER || whole < 8 + 10 {
                return Err(Refusal::Unreadable);
            }
            file[at + 8] &= !METADATA_FLAGS;
        }
        if id == CHUNK_ANMF {
            let frame = frame_kept(file, at, at + whole)?;
            let kept: usize = frame.iter().map(Range::len).sum();
            // The frame's new payload size: what is kept of it, less its chunk header.
            plan.frames.push((out, kept - 8));
            out += kept;
            plan.kept.extend(frame);
            has_image = true;
        } else if KEPT.contains(&id) {
            plan.kept.push(at..at + whole);
            out += whole;
            has_image |= id == CHUNK_VP8 || id == CHUNK_VP8L;
        }
        at += whole;
    }
    if !has_image {
        return Err(Refusal::Unreadable);
    }
    Ok(plan)
}

/// The ranges kept of the ANMF chunk at `at` (ending at `end`): its chunk header and frame
/// header, then the frame's image chunks. A frame without an image is refused.
fn frame_kept(file: &[u8], at: usize, end: usize) -> Result<Vec<Range<usize>>, Refusal> {
    let first = at + 8 + FRAME_HEADER;
    if first > end {
        return Err(Refusal::Unreadable);
    }
    let mut kept = Vec::new();
    kept.push(at..first);
    let (mut sub, mut has_image) = (first, false);
    while sub < end {
        let (id, whole) = chunk_at(file, sub, end)?;
        if KEPT_IN_FRAME.contains(&id) {
            kept.push(sub..sub + whole);
            has_image |= id != CHUNK_ALPH;
        }
        sub += whole;
    }
    if !has_image {
        return Err(Refusal::Unreadable);
    }
    Ok(kept)
}

/// Write a chunk's (or the container's) size at `at`.
fn write_size(file: &mut [u8], at: usize, size: usize) -> Result<(), Refusal> {
    let size = u32::try_from(size).map_err(|_| Refusal::Unreadable)?;
    file[at..at + 4].copy_from_slice(&size.to_le_bytes());
    Ok(())
}

/// The WebP with only its image chunks, closed up where it lies.
pub(super) fn clean(bytes: impl Into<FileBuf>) -> Result<FileBuf, Refusal> {
    let mut file = bytes.into();
    let plan = plan(&mut file)?;
    file.keep(&plan.kept);
    for (at, size) in plan.frames {
        write_size(&mut file, at + 4, size)?;
    }
    let riff = file.len() - 8;
    write_size(&mut file, 4, riff)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use img_parts::Bytes;
    use img_parts::webp::WebP;

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
    fn every_frame_is_closed_up_where_it_lies_with_its_new_size() {
        let vp8l = chunk(b"VP8L", samples::WEBP_VP8L);
        let alph = chunk(b"ALPH", &[1, 2, 3]);
        let header = [7u8; FRAME_HEADER];
        let frame = |extra: &[u8]| {
            [
                header.as_slice(),
                &chunk(b"ZZZZ", extra),
                &alph,
                &vp8l,
                &chunk(b"XMP ", samples::XMP_CREATOR.as_bytes()),
            ]
            .concat()
        };
        let original = riff(&[
            chunk(b"VP8X", &[0x02 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            chunk(b"ICCP", b"lcms profile"),
            chunk(b"ANIM", &[0, 0, 0, 0, 0, 0]),
            chunk(b"ANMF", &frame(samples::PRIVATE.as_bytes())),
            chunk(b"ANMF", &frame(samples::GPS.as_bytes())),
        ]);
        let file = FileBuf::from(original);
        let memory = file.as_ptr();
        let cleaned = clean(file).unwrap();
        assert_eq!(
            cleaned.as_ptr(),
            memory,
            "cleaned in the memory it was read into"
        );
        let after = parse(&cleaned);
        assert_eq!(
            ids(&after),
            [CHUNK_VP8X, CHUNK_ANIM, CHUNK_ANMF, CHUNK_ANMF]
        );
        let kept_frame = [header.as_slice(), &alph, &vp8l].concat();
        for frame in after.chunks().iter().filter(|c| c.id() == CHUNK_ANMF) {
            assert_eq!(frame.content().data().unwrap(), kept_frame.as_slice());
        }
        let riff_size = u32::from_le_bytes([cleaned[4], cleaned[5], cleaned[6], cleaned[7]]);
        assert_eq!(usize::try_from(riff_size).unwrap(), cleaned.len() - 8);
        for planted in [samples::PRIVATE, samples::GPS, samples::XMP_CREATOR] {
            assert!(
                !contains(&cleaned, planted.as_bytes()),
                "{planted} survived"
            );
        }
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
