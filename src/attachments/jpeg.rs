//! JPEG cleaning. The file is walked segment by segment and rebuilt from what a decoder
//! needs: the quantization, Huffman and arithmetic-coding tables, the frame header, the
//! restart interval, and every scan with its entropy-coded data. Every application segment
//! (JFIF, EXIF with GPS, XMP, ICC, IPTC, Adobe, maker notes), every comment, every other
//! marker, and everything after the end marker (phones put GPS blocks, previews and
//! motion-photo video there) is dropped. A file whose structure cannot be followed is
//! refused, never kept as sent.

use super::Refusal;

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const TEM: u8 = 0x01;

/// One piece of a JPEG: the marker, its bytes (from the 0xFF before the marker through the
/// payload), and for a scan header the entropy-coded data that follows it.
#[derive(Debug)]
pub(super) struct Segment<'a> {
    pub marker: u8,
    pub bytes: &'a [u8],
    pub scan: &'a [u8],
}

/// Whether `marker` starts a frame (SOF0..SOF15; 0xC4, 0xC8 and 0xCC are other markers).
fn is_frame(marker: u8) -> bool {
    (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// Whether `marker` is a restart marker (RST0..RST7).
fn is_restart(marker: u8) -> bool {
    (0xD0..=0xD7).contains(&marker)
}

/// Whether a segment is needed to decode the image: SOI and EOI, frame headers, scans,
/// and the tables and parameters they use (DQT, DHT, DAC, DRI, DNL, and DHP/EXP for
/// hierarchical frames). These hold numbers only, no text.
fn is_kept(marker: u8) -> bool {
    is_frame(marker)
        || matches!(
            marker,
            SOI | EOI | SOS | 0xC4 /* DHT */ | 0xCC /* DAC */ | 0xDB /* DQT */
                | 0xDC /* DNL */ | 0xDD /* DRI */ | 0xDE /* DHP */ | 0xDF /* EXP */
        )
}

/// Where the entropy-coded data that starts at `start` ends: at the first marker that is
/// neither a stuffed zero (0xFF00) nor a restart marker.
fn scan_end(bytes: &[u8], start: usize) -> Result<usize, Refusal> {
    let mut at = start;
    loop {
        let rest = bytes.get(at..).ok_or(Refusal::Unreadable)?;
        at += rest
            .iter()
            .position(|&b| b == 0xFF)
            .ok_or(Refusal::Unreadable)?;
        match bytes.get(at + 1) {
            Some(&next) if next == 0x00 || is_restart(next) => at += 2,
            Some(_) => return Ok(at),
            None => return Err(Refusal::Unreadable),
        }
    }
}

/// Split a JPEG into its segments, from SOI through the first EOI. What follows EOI is not
/// part of the image and is not returned. Fill bytes (extra 0xFF before a marker) are
/// skipped.
pub(super) fn segments(bytes: &[u8]) -> Result<Vec<Segment<'_>>, Refusal> {
    let soi = bytes.get(..2).ok_or(Refusal::Unreadable)?;
    if soi != [0xFF, SOI] {
        return Err(Refusal::Unreadable);
    }
    let mut out = vec![Segment {
        marker: SOI,
        bytes: soi,
        scan: &[],
    }];
    let mut at = 2;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return Err(Refusal::Unreadable);
        }
        while bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at + 1).ok_or(Refusal::Unreadable)?;
        let standalone = marker == EOI || marker == TEM || is_restart(marker);
        if standalone {
            out.push(Segment {
                marker,
                bytes: bytes.get(at..at + 2).ok_or(Refusal::Unreadable)?,
                scan: &[],
            });
            if marker == EOI {
                return Ok(out);
            }
            at += 2;
            continue;
        }
        if marker == 0x00 || marker == SOI {
            return Err(Refusal::Unreadable);
        }
        let length = bytes.get(at + 2..at + 4).ok_or(Refusal::Unreadable)?;
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        if length < 2 {
            return Err(Refusal::Unreadable);
        }
        let end = at + 2 + length;
        let segment = bytes.get(at..end).ok_or(Refusal::Unreadable)?;
        let scan_to = if marker == SOS {
            scan_end(bytes, end)?
        } else {
            end
        };
        out.push(Segment {
            marker,
            bytes: segment,
            scan: bytes.get(end..scan_to).ok_or(Refusal::Unreadable)?,
        });
        at = scan_to;
    }
}

/// The JPEG rebuilt from only the segments needed to decode it.
pub(super) fn clean(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    Ok(kept(bytes)?.concat())
}

/// The pieces of the JPEG that are kept, in order: the segments needed to decode it.
pub(super) fn kept(bytes: &[u8]) -> Result<Vec<&[u8]>, Refusal> {
    let segments = segments(bytes)?;
    let first_frame = segments.iter().position(|s| is_frame(s.marker));
    let first_scan = segments.iter().position(|s| s.marker == SOS);
    match (first_frame, first_scan) {
        (Some(frame), Some(scan)) if frame < scan => {}
        _ => return Err(Refusal::Unreadable),
    }
    Ok(segments
        .iter()
        .filter(|s| is_kept(s.marker))
        .flat_map(|s| [s.bytes, s.scan])
        .collect())
}

/// The colour transform an Adobe segment (APP14) records: 0 none, 1 YCbCr, 2 YCCK.
pub(super) fn adobe_transform(bytes: &[u8]) -> Option<u8> {
    let segments = segments(bytes).ok()?;
    let adobe = segments
        .iter()
        .find(|s| s.marker == 0xEE && s.bytes.get(4..9) == Some(b"Adobe"))?;
    adobe.bytes.get(15).copied()
}

#[cfg(test)]
mod tests {
    use super::super::samples;
    use super::*;

    fn markers(bytes: &[u8]) -> Vec<u8> {
        segments(bytes).unwrap().iter().map(|s| s.marker).collect()
    }

    fn scans(bytes: &[u8]) -> Vec<Vec<u8>> {
        let segments = segments(bytes).unwrap();
        segments
            .iter()
            .filter(|s| s.marker == SOS)
            .map(|s| [s.bytes, s.scan].concat())
            .collect()
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// SOI, DQT, SOF0, DHT, DHT, DRI, SOS, EOI: the plain sample's segments.
    const PLAIN: [u8; 8] = [SOI, 0xDB, 0xC0, 0xC4, 0xC4, 0xDD, SOS, EOI];

    #[test]
    fn a_jpeg_without_metadata_is_kept_byte_for_byte() {
        let plain = samples::jpeg_plain();
        assert_eq!(markers(&plain), PLAIN);
        assert_eq!(clean(&plain).unwrap(), plain);
    }

    #[test]
    fn every_application_segment_comment_and_trailer_is_dropped() {
        let original = samples::jpeg_with_everything();
        let planted: Vec<&str> = samples::PLANTED
            .iter()
            .copied()
            .filter(|p| contains(&original, p.as_bytes()))
            .collect();
        for expected in [
            samples::GPS,
            samples::XMP_CREATOR,
            samples::COMMENT,
            samples::IPTC_BYLINE,
            samples::AFTER_END,
            samples::PRIVATE,
        ] {
            assert!(planted.contains(&expected), "sample lacks {expected}");
        }
        let cleaned = clean(&original).unwrap();
        for text in samples::PLANTED {
            assert!(!contains(&cleaned, text.as_bytes()), "{text} survived");
        }
        for tag in [
            &b"JFIF"[..],
            b"Exif",
            b"http://ns.adobe.com",
            b"ICC_PROFILE",
        ] {
            assert!(!contains(&cleaned, tag));
        }
        assert!(!contains(&cleaned, b"Photoshop") && !contains(&cleaned, b"Adobe"));
        assert!(!contains(&cleaned, b"ftyp"), "motion-photo video survived");
        assert_eq!(markers(&cleaned), PLAIN);
        assert_eq!(cleaned, samples::jpeg_plain());
    }

    #[test]
    fn the_scan_data_is_kept_byte_for_byte() {
        let cleaned = clean(&samples::jpeg_with_everything()).unwrap();
        let scan = scans(&cleaned);
        assert_eq!(scan.len(), 1);
        assert!(scan[0].ends_with(samples::JPEG_SCAN));
        assert!(cleaned.starts_with(&[0xFF, SOI]));
        assert!(cleaned.ends_with(&[samples::JPEG_SCAN, &[0xFF, EOI]].concat()));
    }

    #[test]
    fn gps_in_exif_is_removed() {
        let original = samples::jpeg_with_gps();
        assert!(contains(&original, samples::GPS.as_bytes()));
        let cleaned = clean(&original).unwrap();
        assert!(!contains(&cleaned, samples::GPS.as_bytes()));
        assert!(!contains(&cleaned, b"Exif") && !contains(&cleaned, b"JFIF"));
        assert_eq!(cleaned, samples::jpeg_plain());
    }

    /// A progressive-style file: tables and metadata between scans.
    fn two_scans() -> Vec<u8> {
        let dht = [
            0xFF, 0xC4, 0x00, 0x14, 0x11, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        let sos1 = [0xFF, SOS, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00];
        let sos2 = [0xFF, SOS, 0x00, 0x08, 0x01, 0x01, 0x00, 0x01, 0x3F, 0x00];
        [
            &[0xFF, SOI][..],
            &[
                0xFF, 0xC2, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
            ],
            &sos1,
            &[0x11, 0xFF, 0x00, 0x22, 0xFF, 0xD3, 0x33],
            &[0xFF, 0xE1, 0x00, 0x08],
            b"Exif\0\0",
            &[0xFF, 0xFE, 0x00, 0x06],
            b"note",
            &dht,
            &[0xFF, 0xFF, 0xFF],
            &sos2,
            &[0x44, 0x55],
            &[0xFF, 0xFF, EOI],
        ]
        .concat()
    }

    #[test]
    fn every_scan_and_the_tables_between_scans_are_kept() {
        let original = two_scans();
        let cleaned = clean(&original).unwrap();
        assert_eq!(markers(&cleaned), [SOI, 0xC2, SOS, 0xC4, SOS, EOI]);
        let scans = scans(&cleaned);
        assert!(scans[0].ends_with(&[0x11, 0xFF, 0x00, 0x22, 0xFF, 0xD3, 0x33]));
        assert!(scans[1].ends_with(&[0x44, 0x55]));
        assert!(!contains(&cleaned, b"Exif") && !contains(&cleaned, b"note"));
        assert!(
            !contains(&cleaned, &[0xFF, 0xFF]),
            "fill bytes are not copied"
        );
    }

    #[test]
    fn files_that_do_not_parse_are_refused() {
        let plain = samples::jpeg_plain();
        let cut = |n: usize| plain[..plain.len() - n].to_vec();
        let without = |marker: u8| -> Vec<u8> {
            segments(&plain)
                .unwrap()
                .iter()
                .filter(|s| s.marker != marker)
                .flat_map(|s| [s.bytes, s.scan].concat())
                .collect()
        };
        let mut long_length = plain.clone();
        long_length[5] = 0xFF; // DQT claims 255 more bytes than it has
        let mut short_length = plain.clone();
        short_length[5] = 0x01;
        let refused = [
            cut(2),               // no EOI
            cut(5),               // cut inside the scan
            plain[..30].to_vec(), // cut inside the DQT
            plain[..3].to_vec(),
            plain[2..].to_vec(), // no SOI
            without(0xC0),       // no frame header
            without(SOS),        // no scan
            long_length,
            short_length,
            [&plain[..2], b"garbage", &plain[2..]].concat(),
            [&plain[..2], &[0xFF, SOI], &plain[2..]].concat(),
        ];
        for (i, bytes) in refused.iter().enumerate() {
            assert_eq!(clean(bytes), Err(Refusal::Unreadable), "case {i}");
        }
        assert!(clean(&plain).is_ok());
    }

    #[test]
    fn the_adobe_colour_transform_can_be_read() {
        assert_eq!(adobe_transform(&samples::jpeg_with_everything()), Some(1));
        assert_eq!(adobe_transform(&samples::jpeg_plain()), None);
    }

    #[test]
    fn a_frame_after_the_scan_is_refused() {
        let plain = samples::jpeg_plain();
        let segments = segments(&plain).unwrap();
        let mut reordered: Vec<u8> = Vec::new();
        for s in segments
            .iter()
            .filter(|s| s.marker != 0xC0 && s.marker != EOI)
        {
            reordered.extend([s.bytes, s.scan].concat());
        }
        let frame = segments.iter().find(|s| s.marker == 0xC0).unwrap();
        reordered.extend_from_slice(frame.bytes);
        reordered.extend_from_slice(&[0xFF, EOI]);
        assert_eq!(clean(&reordered), Err(Refusal::Unreadable));
    }
}
