//! Reading lines with a length cap.
//!
//! `BufRead::read_until` grows its buffer without bound, so one 100 MB line (or a binary
//! file with no newline) would be held whole in memory. [`read_line_capped`] keeps at most
//! `cap` bytes and discards the rest of an over-long line while still consuming it, so the
//! next line starts where it should.

use std::io::{self, BufRead};

/// Result of reading one line.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// End of input; nothing was read.
    Eof,
    /// A line of this many bytes in total (including the newline) fitted in the buffer.
    Ok(usize),
    /// The line was longer than the cap; the buffer holds its first `cap` bytes and the
    /// value is its full length.
    TooLong(usize),
}

/// Reads one line (up to and including `\n`) into `buf` (cleared first), keeping at most
/// `cap` bytes.
pub fn read_line_capped<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut total = 0usize;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        total += take;
        r.consume(take);
        if done {
            break;
        }
    }
    Ok(if total == 0 {
        Line::Eof
    } else if total > cap {
        Line::TooLong(total)
    } else {
        Line::Ok(total)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_capped_and_consumed() {
        let data = b"short\nthis line is long\nend";
        let mut r = io::BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).ok(), Some(Line::Ok(6)));
        assert_eq!(buf, b"short\n");
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).ok(), Some(Line::TooLong(18)));
        assert_eq!(buf, b"this lin");
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).ok(), Some(Line::Ok(3)));
        assert_eq!(buf, b"end");
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).ok(), Some(Line::Eof));
    }
}
