//! Bytes of a document to text: UTF-8 with or without a byte-order mark,
//! UTF-16 with one; anything that looks binary (a database, an image, data
//! full of NUL bytes) is refused instead of imported as notes of junk.

use std::borrow::Cow;

/// How much of the start of a file is looked at to call it binary.
const SNIFF: usize = 8192;

pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return text_or_binary(rest);
    }
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, _) = encoding.decode_without_bom_handling(rest);
            return match looks_binary(text.as_bytes()) {
                true => Err(NOT_TEXT.into()),
                false => Ok(Cow::Owned(text.into_owned())),
            };
        }
    }
    text_or_binary(bytes)
}

const NOT_TEXT: &str = "not a text document (it holds binary data); give a Markdown or JSON file";

fn text_or_binary(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if looks_binary(bytes) {
        return Err(NOT_TEXT.into());
    }
    Ok(String::from_utf8_lossy(bytes))
}

/// A NUL byte, or more than one in ten bytes a control character other
/// than the whitespace ones, in the first few kilobytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(SNIFF)];
    let controls = start
        .iter()
        .filter(|b| b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t' | b'\x0c'))
        .count();
    start.contains(&0) || controls * 10 > start.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_and_utf16_are_read() {
        assert_eq!(decode(b"\xEF\xBB\xBF# Plan\n").unwrap(), "# Plan\n");
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("# Plän\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16le).unwrap(), "# Plän\n");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("# Plan\n".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&utf16be).unwrap(), "# Plan\n");
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(decode(b"SQLite format 3\0\x10\0").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err());
        assert!(decode(&[0u8; 64]).is_err());
        assert!(decode(b"# Plan\n\n- [ ] one\n").is_ok());
    }
}
