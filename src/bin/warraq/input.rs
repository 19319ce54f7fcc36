//! Reading the input document: bounded, with the encoding named when it is
//! not UTF-8, and parsed by the reader its format asks for.

use std::io::Read;
use std::path::{Path, PathBuf};

use warraq::error::Location;
use warraq::limits::MAX_INPUT_BYTES;
use warraq::{Document, Error, Warning};

/// The source format of an input document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// warraq's JSON contract (`warraq schema`).
    Json,
    /// Markdown with a YAML front matter.
    Markdown,
    /// pandoc's JSON AST (`pandoc INPUT -t json`).
    PandocJson,
}

impl Format {
    /// The format `--from` names, else the one of the file's extension
    /// (`.md`, `.markdown`: Markdown), else JSON (standard input too).
    pub fn of(input: &str, from: Option<Format>) -> Format {
        from.unwrap_or_else(|| {
            let ext = Path::new(input).extension().and_then(|e| e.to_str());
            match ext.map(str::to_ascii_lowercase).as_deref() {
                Some("md" | "markdown") => Format::Markdown,
                _ => Format::Json,
            }
        })
    }
}

/// Parses and validates `text` in `format`.
pub fn parse(text: &str, format: Format) -> Result<(Document, Vec<Warning>), Error> {
    match format {
        Format::Json => warraq::parse_json(text),
        Format::Markdown => warraq::parse_markdown(text),
        Format::PandocJson => warraq::parse_pandoc_json(text),
    }
}

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
    use super::{decode, Format};

    #[test]
    fn the_format_follows_from_then_the_extension() {
        assert_eq!(Format::of("r.md", None), Format::Markdown);
        assert_eq!(Format::of("R.MARKDOWN", None), Format::Markdown);
        assert_eq!(Format::of("r.json", None), Format::Json);
        assert_eq!(Format::of("-", None), Format::Json);
        let pandoc = Some(Format::PandocJson);
        assert_eq!(Format::of("-", pandoc), Format::PandocJson);
        assert_eq!(Format::of("r.md", Some(Format::Json)), Format::Json);
    }

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
