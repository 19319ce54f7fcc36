//! Readers of the sources people write, into the same [`Document`] as the
//! JSON contract: Markdown ([`parse_markdown`]) and pandoc's JSON AST
//! ([`parse_pandoc_json`], for Word, ODT, HTML, LaTeX… through pandoc).
//!
//! The input layer only: nothing here knows about fonts, layout or the
//! exporters. Both readers share the writing conventions of
//! `conventions` (labels, numbers, recommendations), refuse every
//! construct the model has no place for with a located [`Error::Source`],
//! and then validate the document exactly as `parse_json` does.

pub(crate) mod conventions;
mod markdown;
mod pandoc;

pub use markdown::parse_markdown;
pub use pandoc::parse_pandoc_json;

use super::parse::check_size;
use super::{validate, Document, Warning};
use crate::error::{Error, Location, Result, SourceKind};

/// A located error of a reader.
fn refuse(
    kind: SourceKind,
    location: Location,
    message: impl Into<String>,
    hint: Option<&str>,
) -> Error {
    Error::Source {
        kind,
        location,
        message: message.into(),
        hint: hint.map(str::to_string),
    }
}

/// Validates `doc` as `parse_json` does, then places every error and
/// warning in the source: `place` turns a model path (`blocks[3].number`,
/// `title`) into a location in the Markdown or pandoc source.
fn finish(
    doc: Document,
    kind: SourceKind,
    mut warnings: Vec<Warning>,
    place: impl Fn(&str) -> Location,
) -> Result<(Document, Vec<Warning>)> {
    match validate(&doc) {
        Ok(found) => {
            warnings.extend(found.into_iter().map(|mut w| {
                w.location = place(&w.location.path);
                w
            }));
            Ok((doc, warnings))
        }
        Err(Error::Invalid {
            location,
            message,
            hint,
        }) => Err(Error::Source {
            kind,
            location: place(&location.path),
            message,
            hint,
        }),
        Err(mut err) => {
            if let Some(location) = err.location_mut() {
                *location = place(&location.path);
            }
            Err(err)
        }
    }
}

/// The index of the block a model path is under: `blocks[3].text` → 3.
fn block_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("blocks[")?;
    rest[..rest.find(']')?].parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn block_index_reads_the_first_index() {
        assert_eq!(super::block_index("blocks[12].items[3].text"), Some(12));
        assert_eq!(super::block_index("title"), None);
    }
}
