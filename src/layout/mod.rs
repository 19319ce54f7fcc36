//! Layout: from the document model to pages of positioned glyphs.
//!
//! The pipeline, in [`lay_out`]:
//! 1. `pieces`: every text the document prints (titles, heading lines,
//!    numbers, labels, bodies) as a [`Piece`] with its logical text and
//!    styles, in the words of [`crate::model::semantics`];
//! 2. `inline`: each piece is set into justified lines by the paragraph
//!    pipeline ([`set_paragraph`]: itemize → shape → break → justify →
//!    reorder; the first two are `text`'s);
//! 3. `paginate`: lines are placed on A4 pages with the UN layout rules.
//!
//! Coordinates are in points, with the origin at the top-left corner of the
//! page: `x` grows to the right, `y` (a baseline) grows downwards.

mod barcode;
mod check;
mod dump;
mod geometry;
mod ink;
mod inline;
pub mod limits;
pub mod paginate;
mod pieces;
pub mod table;

pub use dump::{dump_json, dump_json_of};
pub use geometry::Geometry;
// `reorder` is public for tests/text_bidi.rs, which runs Unicode's
// BidiCharacterTest.txt against rules L1 and L2; not part of the API.
pub use crate::text::StyleRun;
#[doc(hidden)]
pub use inline::reorder;
pub use inline::{set_paragraph, set_paragraph_in};
pub use pieces::{pieces, Piece, Role};

use std::ops::Range;

use crate::error::{Error, MissingChar, Result};
use crate::image::Images;
use crate::model::Document;
use crate::text::{is_default_ignorable, FontBook, FontId};

/// Options of a layout.
#[derive(Debug, Clone, Default)]
pub struct LayoutOptions {
    /// Justification mode; the document's when `None`.
    pub justify: Option<crate::model::Justify>,
    /// Let a document symbol (`CTOC/COP/WG.4/2019/1`) break after a slash,
    /// without a hyphen, as the last resort for a line its symbols would
    /// leave looser than twice its spaces. Off by default, because a broken
    /// symbol leaves a line break inside it in the PDF's text, which every
    /// engine reads as a space (so copy and search lose it); the UN's print
    /// keeps symbols whole. Off, such a line is spread to the limit and
    /// ends short, with a layout warning. A symbol wider than the line
    /// breaks after its slashes either way.
    pub break_symbols: bool,
    /// The images of the document's figures, by `src`
    /// ([`Images::load`](crate::image::Images::load) reads them relative
    /// to the document's directory). A document without figures needs
    /// none; a figure whose image is missing is an error. The layout
    /// keeps them for the PDF and EPUB writers.
    pub images: Images,
}

/// A laid-out document.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Page size and margins.
    pub geometry: Geometry,
    /// Every piece of text, in reading order; lines point into this list.
    pub pieces: Vec<Piece>,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The images of the figures, by `src` (from [`LayoutOptions::images`]).
    pub images: Images,
}

/// One page.
#[derive(Debug, Clone)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Content lines in reading order (logical order of the pieces).
    pub lines: Vec<PlacedLine>,
    /// Running header and footer lines: page furniture, never content.
    pub furniture: Vec<PlacedLine>,
    /// Filled rectangles drawn as artifacts: rules (the masthead's, the
    /// notes' separator), the bars of the first page's barcode, and the
    /// rules of tables.
    pub rules: Vec<Rect>,
    /// The figures' images placed on the page, in reading order.
    pub figures: Vec<PlacedFigure>,
    /// The boxes of the table cells on the page, in reading order
    /// (repeated header rows too, marked so).
    pub cells: Vec<PlacedCell>,
}

/// A figure's image placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedFigure {
    /// The figure's block.
    pub block: usize,
    /// Index of the figure's piece (a piece without text) in [`Layout::pieces`].
    pub piece: usize,
    /// The image's box, points from the page's top-left corner.
    pub rect: Rect,
}

/// A table cell's box placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedCell {
    /// Index of the cell's piece in [`Layout::pieces`].
    pub piece: usize,
    /// The box, points from the page's top-left corner.
    pub rect: Rect,
    /// A header row repeated at the top of a page the table runs onto:
    /// its lines are furniture (artifacts), not content.
    pub repeated: bool,
}

/// A filled rectangle, points, from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// A line placed on a page.
#[derive(Debug, Clone)]
pub struct PlacedLine {
    /// Index into [`Layout::pieces`].
    pub piece: usize,
    /// The line's index within its piece (0 for the first).
    pub index: usize,
    /// Left edge of the line, points from the page's left edge.
    pub x: f32,
    /// Baseline, points from the page's top edge.
    pub y: f32,
    /// The line itself.
    pub line: Line,
}

/// One line set by the text engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Byte range of the line in its piece's text (logical order),
    /// including a trailing space it was broken at.
    pub range: Range<usize>,
    /// The width the line occupies, in points (the measure when justified).
    pub width: f32,
    /// Whether the line was justified to the measure.
    pub justified: bool,
    /// Runs in visual order, left to right.
    pub runs: Vec<Run>,
}

/// A run of glyphs with one font, size, bidi level and style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The font.
    pub font: FontId,
    /// Font size in points.
    pub size: f32,
    /// How far the run's baseline sits above the line's, points (a note's
    /// reference mark is raised; 0 elsewhere).
    pub rise: f32,
    /// Bidi embedding level (odd = right-to-left).
    pub level: u8,
    /// Byte range of the run in its piece's text (logical order).
    pub range: Range<usize>,
    /// Language of the run's text, when it differs from the document's.
    pub lang: Option<String>,
    /// Glyphs in visual order, left to right.
    pub glyphs: Vec<Glyph>,
}

/// A shaped, positioned glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's font.
    pub id: u16,
    /// Byte offset of the glyph's cluster in the run's text
    /// (`piece.text[run.range][cluster..]`).
    pub cluster: u32,
    /// Advance, font units, as shaped (for a kashida: its drawn width).
    pub x_advance: i32,
    /// Offset, font units, as shaped.
    pub x_offset: i32,
    /// Offset, font units, as shaped.
    pub y_offset: i32,
    /// Final pen position in points, from the line's left edge
    /// (the glyph origin before `x_offset`).
    pub x: f32,
    /// An inserted tatweel: decoration that must never reach any text output.
    pub kashida: bool,
}

impl Run {
    /// Whether the run is right-to-left.
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// What a warning about a line ending short at `end` adds when document
/// symbols that could break follow it in the paragraph.
fn symbol_hint(piece: &Piece, end: usize) -> &'static str {
    // A slash before a letter or digit in a word with a Latin letter (not
    // a date such as 2019/12, nor أيلول/سبتمبر).
    let symbol = |word: &str| {
        word.contains(|c: char| c.is_ascii_alphabetic())
            && word
                .split('/')
                .nth(1)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
    };
    if !piece.break_symbols && piece.text[end..].split_whitespace().any(symbol) {
        "; the document symbols after it could break after a slash \
         (LayoutOptions::break_symbols, --break-symbols), with a line break inside \
         one in the PDF's text"
    } else {
        ""
    }
}

impl Layout {
    /// Warnings about the layout: words wider than their line, which had to
    /// be broken inside; justified lines that could not be filled without
    /// spreading their spaces past the limit, which end short; and a symbol
    /// or job number too long for the running header or footer, clipped to
    /// its line.
    pub fn warnings(&self) -> Vec<crate::model::Warning> {
        let mut out = Vec::new();
        let mut clipped = std::collections::BTreeSet::new();
        for piece in self.pieces.iter().filter(|p| p.clipped) {
            if clipped.insert(piece.path.as_str()) {
                let place = if piece.role == Role::Header {
                    "running header"
                } else {
                    "footer"
                };
                out.push(crate::model::Warning {
                    location: crate::error::Location {
                        path: piece.path.clone(),
                        ..Default::default()
                    },
                    message: format!(
                        "the text is too long for the {place}, which is one line: it is clipped to what fits"
                    ),
                });
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for placed in self.pages.iter().flat_map(|p| &p.lines) {
            let piece = &self.pieces[placed.piece];
            let end = placed.line.range.end;
            // A document symbol may break after a slash (no hyphen) when
            // asked to: that is no word broken inside.
            let inside_word = end < piece.text.len()
                && !piece.text[..end].ends_with(char::is_whitespace)
                && (!piece.break_symbols || !piece.text[..end].ends_with('/'))
                && !piece.text[end..].starts_with(char::is_whitespace);
            let justifies = matches!(
                piece.align,
                crate::text::Align::Justify(
                    crate::model::Justify::Kashida | crate::model::Justify::Spaces
                )
            );
            let before_last = piece.text[end..].chars().any(|c| !c.is_whitespace());
            if justifies && before_last && !placed.line.justified && !inside_word {
                out.push(crate::model::Warning {
                    location: crate::error::Location {
                        path: piece.path.clone(),
                        ..Default::default()
                    },
                    message: format!(
                        "a line cannot be filled without spreading its words more than {}x \
                         (unbreakable words or symbols?); it is spread to that and ends short \
                         of the measure, up to byte {end}{}",
                        inline::justify::MAX_LOOSENESS,
                        symbol_hint(piece, end)
                    ),
                });
            }
            if inside_word && seen.insert((placed.piece, end)) {
                out.push(crate::model::Warning {
                    location: crate::error::Location {
                        path: piece.path.clone(),
                        ..Default::default()
                    },
                    message: format!(
                        "a word is wider than the line; it was broken inside, at byte {end}"
                    ),
                });
            }
        }
        out
    }
}

/// Lays out a document: pieces, lines, pages.
///
/// The document is validated first, as [`crate::parse_json`] validates it
/// (with its JSON path in the error).
pub fn lay_out(doc: &Document, fonts: &FontBook, options: &LayoutOptions) -> Result<Layout> {
    crate::model::validate(doc)?;
    let mut geometry = Geometry::a4();
    // Lines as far apart as the main font's extents need (Nastaliq).
    geometry.leading *= fonts.leading_scale();
    let justify = options.justify.unwrap_or_else(|| doc.justify());
    check_images(doc, &options.images)?;
    let mut pieces = pieces(doc, &geometry, justify);
    for piece in &mut pieces {
        piece.break_symbols = options.break_symbols;
    }
    check_coverage(&pieces, fonts)?;
    table::size_columns(doc, &mut pieces, fonts, &geometry);
    let set = set_all(&pieces, fonts, &doc.lang);
    fonts.take_shaping_failure()?;
    let images = &options.images;
    let pages = paginate::paginate(doc, (fonts, images), &geometry, &mut pieces, set);
    Ok(Layout {
        geometry,
        pieces,
        pages,
        images: options.images.clone(),
    })
}

/// Checks that every figure's image was loaded.
fn check_images(doc: &Document, images: &Images) -> Result<()> {
    for (i, block) in doc.blocks.iter().enumerate() {
        if let crate::model::Block::Figure { src, .. } = block {
            if images.get(src).is_none() {
                return Err(Error::Image {
                    file: src.into(),
                    location: crate::error::Location {
                        path: format!("blocks[{i}].src"),
                        ..Default::default()
                    },
                    message: "the image was not loaded: pass the figures' images in \
                              LayoutOptions::images (Images::load reads them)"
                        .into(),
                });
            }
        }
    }
    Ok(())
}

/// Sets every piece into lines, in parallel where the `parallel` feature is on.
/// Each piece is set independently, so the result does not depend on the order
/// or the number of threads. Runs without a language of their own are shaped
/// in `lang`, the document's.
fn set_all(pieces: &[Piece], fonts: &FontBook, lang: &str) -> Vec<Vec<Line>> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        pieces
            .par_iter()
            .map(|piece| set_paragraph_in(fonts, &piece.paragraph(), Some(lang)))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        pieces
            .iter()
            .map(|piece| set_paragraph_in(fonts, &piece.paragraph(), Some(lang)))
            .collect()
    }
}

/// Checks that some font has every character the pieces print.
///
/// Default-ignorable characters (bidi controls, joiners) need no glyph.
pub(crate) fn check_coverage(pieces: &[Piece], fonts: &FontBook) -> Result<()> {
    let mut missing: Vec<MissingChar> = Vec::new();
    for piece in pieces {
        for c in piece.text.chars() {
            if c.is_whitespace() || is_default_ignorable(c) {
                continue;
            }
            if fonts.select(fonts.main(piece.bold), c).is_none() {
                let block = piece.block.unwrap_or(0);
                if !missing.iter().any(|m| m.ch == c && m.path == piece.path) {
                    missing.push(MissingChar {
                        ch: c,
                        block,
                        path: piece.path.clone(),
                    });
                }
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::MissingGlyphs(missing))
    }
}
