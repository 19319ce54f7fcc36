//! The library's one error type.
//!
//! Every variant says what went wrong and where: a JSON line, column and
//! path, a block number, a character, or a file. [`Error::exit_code`] maps
//! the kind of failure to the CLI's exit codes (2 bad input, 1 anything else).

use std::fmt::{self, Display, Formatter};
use std::path::PathBuf;

/// A `Result` with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A place in the input document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// 1-based line in the JSON text, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters) in the JSON text, when known.
    pub column: Option<usize>,
    /// JSON path such as `blocks[12].number`; empty for the whole document.
    pub path: String,
}

impl Location {
    /// Whether the location says nothing (the whole input, no line).
    pub fn is_empty(&self) -> bool {
        self.line.is_none() && self.path.is_empty()
    }
}

/// `location: ` before a message, or nothing for an empty location.
struct At<'a>(&'a Location);

impl Display for At<'_> {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, "{}: ", self.0)
        }
    }
}

impl Display for Location {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}")?,
            (Some(l), None) => write!(f, "{l}")?,
            _ => {}
        }
        if !self.path.is_empty() {
            if self.line.is_some() {
                f.write_str(" ")?;
            }
            write!(f, "at `{}`", self.path)?;
        }
        Ok(())
    }
}

/// A character that no available font can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChar {
    /// The character.
    pub ch: char,
    /// Index of the block that holds it.
    pub block: usize,
    /// JSON path of the text that holds it.
    pub path: String,
}

/// The kind of source a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// The JSON contract.
    Json,
    /// Markdown (CommonMark with GFM extensions and a YAML front matter).
    Markdown,
    /// pandoc's JSON AST (`pandoc -t json`).
    Pandoc,
}

impl Display for SourceKind {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str(match self {
            SourceKind::Json => "JSON",
            SourceKind::Markdown => "Markdown",
            SourceKind::Pandoc => "pandoc JSON",
        })
    }
}

/// Everything that can go wrong in warraq.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid JSON or does not match the model.
    Json {
        /// Where.
        location: Location,
        /// What serde said.
        message: String,
    },
    /// The input parses but breaks a rule of the model.
    Invalid {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A Markdown or pandoc source that does not become a document: a
    /// construct the model has no place for, or a rule of the model broken,
    /// located in that source (Markdown line:column, pandoc element path).
    Source {
        /// Which reader.
        kind: SourceKind,
        /// Where, in the source.
        location: Location,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// Input beyond one of the explicit limits (see `limits`).
    Limit {
        /// Where.
        location: Location,
        /// What is too large, with the limit.
        message: String,
    },
    /// Characters that no bundled or given font has.
    MissingGlyphs(Vec<MissingChar>),
    /// A font file could not be read or parsed.
    Font {
        /// The file, when the font came from one.
        path: Option<PathBuf>,
        /// What went wrong.
        message: String,
    },
    /// A figure's image that cannot be used: unreadable, corrupt, not a
    /// PNG or JPEG (saying which format it is, when known), or over the
    /// limits.
    Image {
        /// The image file (as found, or the figure's `src`).
        file: PathBuf,
        /// The figure's `src` (`blocks[4].src`); empty when the image was
        /// given as bytes.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Writing an output to a [`std::io::Write`] failed.
    Write {
        /// `PDF` or `EPUB`.
        format: &'static str,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A failure while writing an output format.
    Export {
        /// `PDF` or `EPUB`.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// The CLI exit code: 2 for bad input, 1 for everything else (I/O, fonts).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Json { .. }
            | Error::Invalid { .. }
            | Error::Source { .. }
            | Error::Limit { .. }
            | Error::Image { .. }
            | Error::MissingGlyphs(_) => 2,
            Error::Font { .. } | Error::Io { .. } | Error::Write { .. } | Error::Export { .. } => 1,
        }
    }

    /// An [`Error::Invalid`] at a JSON path, without a line yet.
    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            location: Location {
                path: path.into(),
                ..Location::default()
            },
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint to an [`Error::Invalid`].
    pub(crate) fn with_hint(mut self, text: impl Into<String>) -> Self {
        if let Error::Invalid { hint, .. } = &mut self {
            *hint = Some(text.into());
        }
        self
    }

    /// The location of the error in the input, if it has one.
    pub fn location_mut(&mut self) -> Option<&mut Location> {
        match self {
            Error::Json { location, .. }
            | Error::Invalid { location, .. }
            | Error::Source { location, .. }
            | Error::Limit { location, .. }
            | Error::Image { location, .. } => Some(location),
            _ => None,
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        match self {
            Error::Json { location, message } => write!(f, "{}{message}", At(location)),
            Error::Invalid {
                location,
                message,
                hint,
            }
            | Error::Source {
                location,
                message,
                hint,
                ..
            } => {
                write!(f, "{}{message}", At(location))?;
                if let Some(hint) = hint {
                    write!(f, "\n  hint: {hint}")?;
                }
                Ok(())
            }
            Error::Limit { location, message } => write!(f, "{}{message}", At(location)),
            Error::MissingGlyphs(chars) => {
                write!(f, "{} character(s) that no font can draw:", chars.len())?;
                for c in chars {
                    write!(
                        f,
                        "\n  U+{:04X} {:?} in block {} at `{}`",
                        c.ch as u32, c.ch, c.block, c.path
                    )?;
                }
                Ok(())
            }
            Error::Font {
                path: Some(path),
                message,
            } => {
                write!(f, "font {}: {message}", path.display())
            }
            Error::Font {
                path: None,
                message,
            } => write!(f, "font: {message}"),
            Error::Image {
                file,
                location,
                message,
            } => write!(f, "{}image {}: {message}", At(location), file.display()),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Write { format, source } => write!(f, "writing {format}: {source}"),
            Error::Export { format, message } => write!(f, "writing {format}: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

thread_local! {
    /// Whether this thread is inside [`contain`]: a panic there is expected
    /// to be caught, so a panic hook may stay quiet.
    static CONTAINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is running third-party code inside the
/// containment seam, where a panic is caught and turned into an [`Error`].
/// The CLI's panic hook stays quiet then, and reports every other panic.
pub fn panic_is_contained() -> bool {
    CONTAINED.with(|c| c.get())
}

/// The seam around third-party code that can panic (the shaper, the two
/// subsetters): runs `f`, and turns a panic into `Err` with its message.
///
/// What reaches that code is bounded first (see `limits` and the font
/// checks in `text::fonts`); this catches what still gets through, so no
/// input takes the process down.
pub(crate) fn contain<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let outer = CONTAINED.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(outer));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".into())
    })
}

/// [`contain`] for a step of writing `format`: a panic becomes an
/// [`Error::Export`] saying which step (`subsetting font Amiri-Regular`).
pub(crate) fn contain_export<T>(
    format: &'static str,
    step: &str,
    f: impl FnOnce() -> T,
) -> Result<T> {
    contain(f).map_err(|panic| Error::Export {
        format,
        message: format!("{step} failed (third-party code panicked: {panic})"),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn contain_turns_a_panic_into_its_message() {
        let caught = super::contain(|| -> u8 { panic!("boom {}", 1) });
        assert_eq!(caught, Err("boom 1".to_string()));
        assert_eq!(super::contain(|| 7), Ok(7));
        assert!(!super::panic_is_contained());
    }
}
