//! Reading a [`Document`] from JSON, with located errors.

use super::{probe, validate, Document, Warning};
use crate::error::{Error, Location, Result};
use crate::limits::MAX_INPUT_BYTES;

/// Parses and validates a document from JSON text.
///
/// Errors carry the JSON line, column and path; warnings (numbering that
/// skips or repeats) are returned next to the document. A leading UTF-8 byte
/// order mark is skipped (lines and columns count as an editor shows them).
pub fn parse_json(text: &str) -> Result<(Document, Vec<Warning>)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    check_size(text)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Document = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = clean_path(&err.path().to_string());
        let inner = err.into_inner();
        if let Some((path, message)) = probe::refine(text, &path) {
            let mut location = Location {
                path,
                ..Location::default()
            };
            locate(text, &mut location);
            return Error::Json { location, message };
        }
        Error::Json {
            location: Location {
                line: Some(inner.line()).filter(|&l| l > 0),
                column: Some(inner.column()).filter(|&c| c > 0),
                path,
            },
            message: describe(&inner),
        }
    })?;
    de.end().map_err(|inner| Error::Json {
        location: Location {
            line: Some(inner.line()),
            column: Some(inner.column()),
            path: String::new(),
        },
        message: describe(&inner),
    })?;
    let warnings = match validate(&doc) {
        Ok(mut warnings) => {
            locate_all(text, warnings.iter_mut().map(|w| &mut w.location));
            warnings
        }
        Err(mut err) => {
            if let Some(location) = err.location_mut() {
                locate(text, location);
            }
            return Err(err);
        }
    };
    Ok((doc, warnings))
}

/// serde_path_to_error writes `.` for the root; we want an empty path there.
fn clean_path(path: &str) -> String {
    if path == "." {
        String::new()
    } else {
        path.to_string()
    }
}

/// serde_json's message without its trailing " at line L column C".
fn describe(err: &serde_json::Error) -> String {
    let msg = err.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    if msg.contains("hex escape") || msg.contains("surrogate") {
        format!(
            "{msg} (a \\u escape must be 4 hex digits, and a UTF-16 surrogate must come in a pair)"
        )
    } else {
        msg
    }
}

/// Fills in the line and column of `location.path` by walking the JSON text.
fn locate(text: &str, location: &mut Location) {
    locate_all(text, std::iter::once(location));
}

/// Fills in the line and column of many locations in one walk of the text
/// for those under `blocks[i]` (in increasing `i`, as validation reports
/// them), so that 20,000 warnings cost one pass, not 20,000.
fn locate_all<'a>(text: &str, locations: impl Iterator<Item = &'a mut Location>) {
    let lines = super::source::Lines::new(text);
    // The walk over `blocks`: the index of the element the walker is at.
    let mut blocks: Option<(Walker, usize)> = None;
    for location in locations.filter(|l| l.line.is_none()) {
        let segments = split_path(&location.path);
        let offset = match segments.as_slice() {
            [Segment::Key("blocks"), Segment::Index(i), rest @ ..] => {
                if blocks.as_ref().is_none_or(|(_, at)| at > i) {
                    blocks = Walker::at_blocks(text).map(|w| (w, 0));
                }
                let Some((walker, at)) = blocks.as_mut() else {
                    continue;
                };
                walker.next_element(at, *i).and_then(|()| {
                    let mut inner = walker.clone();
                    inner.find(rest)
                })
            }
            _ => {
                let mut walker = Walker::new(text);
                walker.find(&segments)
            }
        };
        if let Some(offset) = offset {
            let at = lines.location(offset);
            location.line = at.line;
            location.column = at.column;
        }
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn split_path(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

/// A minimal JSON walker over text that serde_json has already accepted.
#[derive(Clone)]
struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Walker<'a> {
    /// A walker at the first value of `text`.
    fn new(text: &'a str) -> Self {
        let mut walker = Walker {
            bytes: text.as_bytes(),
            pos: 0,
        };
        walker.skip_ws();
        walker
    }

    /// A walker at the first element of the top-level `blocks` array.
    fn at_blocks(text: &'a str) -> Option<Self> {
        let mut walker = Walker::new(text);
        walker.pos = walker.find(&[Segment::Key("blocks")])?;
        if walker.peek()? != b'[' {
            return None;
        }
        walker.pos += 1;
        walker.skip_ws();
        Some(walker)
    }

    /// Moves from element `*at` of an array to element `index` (≥ `*at`).
    fn next_element(&mut self, at: &mut usize, index: usize) -> Option<()> {
        while *at < index {
            if self.peek()? == b']' {
                return None;
            }
            self.skip_value()?;
            self.skip_ws();
            if self.peek()? == b',' {
                self.pos += 1;
            }
            self.skip_ws();
            *at += 1;
        }
        (self.peek()? != b']').then_some(())
    }

    /// Returns the byte offset of the value at `path`, starting at `self.pos`.
    fn find(&mut self, path: &[Segment]) -> Option<usize> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self.pos);
        };
        match (first, self.peek()?) {
            (Segment::Key(key), b'{') => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    if self.peek()? == b'}' {
                        return None;
                    }
                    let name = self.string()?;
                    self.skip_ws();
                    self.pos += 1; // ':'
                    self.skip_ws();
                    if name == *key {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                }
            }
            (Segment::Index(index), b'[') => {
                self.pos += 1;
                for i in 0.. {
                    self.skip_ws();
                    if self.peek()? == b']' {
                        return None;
                    }
                    if i == *index {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Reads a string and returns its raw (unescaped only for plain keys) content.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => break,
                _ => self.pos += 1,
            }
        }
        let raw = std::str::from_utf8(&self.bytes[start..self.pos])
            .ok()?
            .to_string();
        self.pos += 1;
        Some(raw)
    }

    /// Skips one value of any kind, iteratively (no recursion on nesting).
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_ws();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.pos += 1;
                }
                b',' | b':' if depth > 0 => {
                    self.pos += 1;
                    continue;
                }
                _ => {
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                    ) {
                        self.pos += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

/// Refuses input beyond [`MAX_INPUT_BYTES`]: every reader (JSON, Markdown,
/// pandoc JSON) calls it first.
pub(super) fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::Limit {
            location: Location::default(),
            message: format!(
                "the input is {} bytes; the limit is {MAX_INPUT_BYTES} bytes",
                text.len()
            ),
        });
    }
    Ok(())
}
