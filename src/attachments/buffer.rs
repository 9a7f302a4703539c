//! Buffers for witnesses' files, kept apart from the allocator.
//!
//! A file is held in memory from the moment it is read until it is sealed, as the
//! upload budget (`budget.rs`) allows. For that budget to be what the server really
//! holds, each buffer is its own anonymous memory mapping, made once at the size it
//! needs and given back to the operating system the moment it is dropped. A general
//! allocator keeps freed blocks for a while to reuse them, on each thread that used them;
//! under a flood of large uploads that multiplied what the budget allowed several times
//! over. Nothing here touches a file: the pages are memory only.

use std::fmt;
use std::ops::{Deref, DerefMut, Range};

use memmap2::MmapMut;

/// The bytes of one file, in a mapping of their own.
pub struct FileBuf {
    map: Option<MmapMut>,
    len: usize,
}

impl FileBuf {
    /// An empty buffer with room for `capacity` bytes. Only the pages written to take
    /// memory.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            map: (capacity > 0).then(|| map(capacity)),
            len: 0,
        }
    }

    /// The bytes of `pieces` one after another, in a buffer of `room` bytes (made larger
    /// if they need more).
    pub fn joined<P: AsRef<[u8]>>(pieces: impl IntoIterator<Item = P>, room: usize) -> Self {
        let mut out = Self::with_capacity(room);
        for piece in pieces {
            out.push(piece.as_ref());
        }
        out
    }

    /// `len` zero bytes, to be written over.
    pub fn zeroed(len: usize) -> Self {
        let mut buf = Self::with_capacity(len);
        buf.len = len; // A fresh mapping reads as zeros.
        buf
    }

    /// How many bytes fit without moving.
    pub fn capacity(&self) -> usize {
        self.map.as_ref().map_or(0, |m| m.len())
    }

    /// Whether `more` bytes fit without moving.
    pub fn fits(&self, more: usize) -> bool {
        self.len.saturating_add(more) <= self.capacity()
    }

    /// Append `bytes`, moving to a mapping twice as large if they do not fit.
    pub fn push(&mut self, bytes: &[u8]) {
        if !self.fits(bytes.len()) {
            let wanted = (self.len + bytes.len()).max(self.capacity() * 2);
            let mut larger = Self::with_capacity(wanted);
            larger.push(self);
            *self = larger;
        }
        if let Some(map) = &mut self.map {
            map[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        }
        self.len += bytes.len();
    }

    /// Keep only the bytes in `ranges`, one after another, where they lie: nothing is
    /// copied elsewhere. The ranges are in order and do not overlap.
    pub fn keep(&mut self, ranges: &[Range<usize>]) {
        let mut to = 0;
        for range in ranges {
            assert!(
                range.start >= to && range.start <= range.end && range.end <= self.len,
                "kept ranges are in order, apart, and inside the buffer"
            );
            self.copy_within(range.clone(), to);
            to += range.len();
        }
        self.truncate(to);
    }

    /// Shorten to `len` bytes; the bytes past it are zeroed (no part of a witness's file
    /// lingers beyond what is kept).
    pub fn truncate(&mut self, len: usize) {
        if len < self.len {
            self[len..].fill(0);
            self.len = len;
        }
    }

    /// Add `more` zero bytes at the end, to be written over; moving to a mapping of
    /// exactly the size needed if they do not fit.
    pub fn extend_zeroed(&mut self, more: usize) {
        if !self.fits(more) {
            let mut larger = Self::with_capacity(self.len + more);
            larger.push(self);
            *self = larger;
        }
        let end = self.len + more;
        if let Some(map) = &mut self.map {
            map[self.len..end].fill(0);
        }
        self.len = end;
    }
}

#[allow(clippy::expect_used)] // Out of address space: a Vec would abort here too.
fn map(capacity: usize) -> MmapMut {
    MmapMut::map_anon(capacity).expect("no memory left for an uploaded file")
}

impl Deref for FileBuf {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.map {
            Some(map) => &map[..self.len],
            None => &[],
        }
    }
}

impl DerefMut for FileBuf {
    fn deref_mut(&mut self) -> &mut [u8] {
        match &mut self.map {
            Some(map) => &mut map[..self.len],
            None => &mut [],
        }
    }
}

impl AsRef<[u8]> for FileBuf {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl From<&[u8]> for FileBuf {
    fn from(bytes: &[u8]) -> Self {
        Self::joined([bytes], bytes.len())
    }
}

impl From<Vec<u8>> for FileBuf {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(bytes.as_slice())
    }
}

impl Clone for FileBuf {
    fn clone(&self) -> Self {
        Self::from(&**self)
    }
}

impl PartialEq for FileBuf {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for FileBuf {}

impl PartialEq<Vec<u8>> for FileBuf {
    fn eq(&self, other: &Vec<u8>) -> bool {
        **self == **other
    }
}

/// The size only: a witness's file is never written to a log.
impl fmt::Debug for FileBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileBuf({} bytes)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_pushed_read_back_and_a_full_buffer_moves_to_a_larger_one() {
        let mut buf = FileBuf::with_capacity(4);
        buf.push(b"abc");
        assert!(buf.fits(1) && !buf.fits(2));
        buf.push(b"defg");
        assert_eq!(&*buf, b"abcdefg");
        assert!(buf.capacity() >= 8);
        assert_eq!(FileBuf::joined([&b"ab"[..], b"", b"c"], 0), b"abc".to_vec());
        assert_eq!(&*FileBuf::with_capacity(0), b"");
        let mut zeros = FileBuf::zeroed(3);
        zeros[1] = 7;
        assert_eq!(zeros, vec![0, 7, 0]);
        assert_eq!(format!("{zeros:?}"), "FileBuf(3 bytes)");
    }

    #[test]
    fn kept_ranges_close_up_where_they_lie_and_what_is_cut_is_zeroed() {
        let mut buf = FileBuf::from(&b"..ab..cd.e"[..]);
        let capacity = buf.capacity();
        buf.keep(&[2..4, 6..8, 9..10]);
        assert_eq!(buf, b"abcde".to_vec());
        assert_eq!(buf.capacity(), capacity, "no new mapping");
        buf.extend_zeroed(3);
        assert_eq!(
            buf,
            b"abcde\0\0\0".to_vec(),
            "the cut bytes do not come back"
        );
        buf.extend_zeroed(100);
        assert_eq!(buf.len(), 108);
        assert!(buf[5..].iter().all(|&b| b == 0));
    }

    #[test]
    #[should_panic(expected = "kept ranges are in order")]
    fn ranges_out_of_order_are_a_mistake_caught_at_once() {
        FileBuf::from(&b"abcdef"[..]).keep(&[3..4, 0..1]);
    }
}
