//! Turning bytes of unknown encoding into text.
//!
//! Arabic pages still come in windows-1256 and ISO-8859-6 besides UTF-8, and their
//! declarations are not always right. The order follows the HTML standard where it is
//! reliable and falls back to detection where it is not: a byte-order mark wins; then the
//! HTTP header charset; then a `<meta charset>` declaration in the first kilobytes; then
//! `chardetng`. One correction: a page declared in a single-byte encoding whose bytes are
//! valid, non-ASCII UTF-8 is read as UTF-8, because that combination is almost always a
//! wrong declaration (valid multi-byte UTF-8 sequences are very unlikely in 1256 text).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// How far into a page `<meta charset>` is looked for.
const META_SCAN: usize = 4096;

/// Decodes `bytes`. `declared` is a charset label from outside the document (HTTP header);
/// `html` enables the `<meta charset>` scan. Returns the text and the encoding used.
/// Malformed sequences become U+FFFD; decoding never fails.
pub fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
    html: bool,
) -> (Cow<'a, str>, &'static Encoding) {
    let encoding = sniff(bytes, declared, html);
    let (text, _, _) = encoding.decode(bytes);
    (text, encoding)
}

/// Chooses the encoding of `bytes` (see the module documentation for the order).
pub fn sniff(bytes: &[u8], declared: Option<&str>, html: bool) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    let label = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| if html { meta_charset(bytes) } else { None });
    if let Some(enc) = label {
        // UTF-16 cannot be declared from inside an ASCII-compatible document.
        let enc =
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
        if enc != UTF_8 && enc.is_single_byte() && looks_like_utf8(bytes) {
            return UTF_8;
        }
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// True when `bytes` is valid UTF-8 and contains non-ASCII characters.
fn looks_like_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// Finds a `charset` declaration in a `<meta>` tag near the start of an HTML page.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = rest {
                rest = tail;
            }
            if let [b'=', tail @ ..] = rest {
                rest = tail;
                while let [b' ' | b'\t' | b'"' | b'\'', tail @ ..] = rest {
                    rest = tail;
                }
                let len = rest
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end;
        if from >= lower.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_found() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">";
        assert_eq!(meta_charset(page), Some(encoding_rs::WINDOWS_1256));
        assert_eq!(meta_charset(b"<meta charset='iso-8859-6'>"), Some(encoding_rs::ISO_8859_6));
        assert_eq!(meta_charset(b"<p>no meta</p>"), None);
    }

    #[test]
    fn windows_1256_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("وزير الخارجية");
        let (text, enc) = decode(&bytes, None, false);
        assert_eq!(enc, encoding_rs::WINDOWS_1256);
        assert_eq!(text, "وزير الخارجية");
        let (text, _) = decode(&bytes, Some("windows-1256"), false);
        assert_eq!(text, "وزير الخارجية");
    }

    #[test]
    fn wrong_single_byte_declaration_of_utf8_is_overridden() {
        let bytes = "<meta charset=iso-8859-1><p>مرحبا</p>".as_bytes();
        let (text, enc) = decode(bytes, None, true);
        assert_eq!(enc, UTF_8);
        assert!(text.contains("مرحبا"));
    }

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("نص".as_bytes());
        let (text, enc) = decode(&bytes, Some("windows-1256"), false);
        assert_eq!(enc, UTF_8);
        assert_eq!(text, "نص");
    }
}
