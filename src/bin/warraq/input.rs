//! Reading the input document: bounded, and with the encoding named when
//! it is not UTF-8.

use std::io::Read;
use std::path::PathBuf;

use warraq::error::Location;
use warraq::limits::MAX_INPUT_BYTES;
use warraq::Error;

/// Reads `input` (a path, or `-` for standard input) as UTF-8 text.
///
/// At most [`MAX_INPUT_BYTES`] + 1 bytes are read, so a device such as
/// `/dev/zero` fails at the limit instead of filling memory.
pub fn read(input: &str) -> Result<String, Error> {
    let mut bytes = Vec::new();
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let result = if input == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(input).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|source| Error::Io {
        path: PathBuf::from(input),
        source,
    })?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::Limit {
            location: Location::default(),
            message: format!(
                "the input is larger than the limit of {MAX_INPUT_BYTES} bytes \
                 (warraq::limits::MAX_INPUT_BYTES)"
            ),
        });
    }
    decode(bytes)
}

/// The text of `bytes`, or an error that names the encoding when a byte
/// order mark shows it. A UTF-8 byte order mark is kept: the parser skips it.
fn decode(bytes: Vec<u8>) -> Result<String, Error> {
    let other = match bytes.as_slice() {
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        _ => None,
    };
    if let Some(encoding) = other {
        return Err(Error::Json {
            location: Location::default(),
            message: format!("the input is {encoding}; save it as UTF-8"),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::Json {
            location: Location::default(),
            message: format!(
                "the input is not UTF-8 (invalid byte 0x{:02X} at offset {offset}); save it as UTF-8",
                e.as_bytes()[offset]
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn byte_order_marks_name_the_encoding() {
        let utf16le = b"\xFF\xFE{\0}\0".to_vec();
        let err = decode(utf16le).unwrap_err().to_string();
        assert_eq!(err, "the input is UTF-16 (little-endian); save it as UTF-8");
        let err = decode(b"\xFE\xFF\0{\0}".to_vec()).unwrap_err().to_string();
        assert!(err.contains("UTF-16 (big-endian)"), "{err}");
        assert_eq!(decode(b"\xEF\xBB\xBF{}".to_vec()).unwrap(), "\u{FEFF}{}");
    }
}
