//! What the exporters rely on in a [`Layout`]: its fields are public (a
//! caller may build or edit one), so every exporter checks them first and
//! answers a broken layout with an error, never a panic.

use std::ops::Range;

use super::{Layout, Line, PlacedLine};
use crate::error::{Error, Result};
use crate::model::Document;
use crate::text::FontBook;

fn broken(what: impl Into<String>) -> Error {
    Error::Export {
        format: "layout",
        message: format!("the layout does not fit its document: {}", what.into()),
    }
}

fn within(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

impl Layout {
    /// Checks that every index, range and font id of the layout is valid
    /// for `doc` and `fonts`, and every coordinate finite.
    pub fn check(&self, doc: &Document, fonts: &FontBook) -> Result<()> {
        let g = &self.geometry;
        if ![g.width, g.height, g.body_size, g.hang]
            .iter()
            .all(|v| v.is_finite())
        {
            return Err(broken("a page dimension is not finite"));
        }
        if self.pages.is_empty() {
            return Err(broken("it has no pages"));
        }
        for (i, piece) in self.pieces.iter().enumerate() {
            if piece.block.is_some_and(|b| b >= doc.blocks.len()) {
                return Err(broken(format!(
                    "piece {i} names a block the document lacks"
                )));
            }
            if !(piece.size.is_finite() && piece.size > 0.0) {
                return Err(broken(format!("piece {i} has font size {}", piece.size)));
            }
            if piece.styles.iter().any(|s| !within(&piece.text, &s.range)) {
                return Err(broken(format!("a style of piece {i} is outside its text")));
            }
        }
        for page in &self.pages {
            for placed in page.lines.iter().chain(&page.furniture) {
                self.check_line(placed, fonts).map_err(|what| {
                    broken(format!(
                        "page {}, piece {}: {what}",
                        page.number, placed.piece
                    ))
                })?;
            }
        }
        Ok(())
    }

    fn check_line(&self, placed: &PlacedLine, fonts: &FontBook) -> std::result::Result<(), String> {
        let piece = self
            .pieces
            .get(placed.piece)
            .ok_or("the line's piece does not exist")?;
        let Line {
            range, width, runs, ..
        } = &placed.line;
        if ![placed.x, placed.y, *width].iter().all(|v| v.is_finite()) {
            return Err("a coordinate is not finite".into());
        }
        if !within(&piece.text, range) {
            return Err(format!("line range {range:?} is outside the text"));
        }
        for run in runs {
            if fonts.try_get(run.font).is_none() {
                return Err(format!("font {} is not in the font book", run.font.0));
            }
            if !(within(&piece.text, &run.range) && run.size.is_finite() && run.size > 0.0) {
                return Err(format!("run {:?} is outside the text", run.range));
            }
            let text = &piece.text[run.range.clone()];
            for glyph in &run.glyphs {
                let c = glyph.cluster as usize;
                if c > text.len() || !text.is_char_boundary(c) || !glyph.x.is_finite() {
                    return Err(format!("a glyph's cluster {c} is outside its run"));
                }
            }
        }
        Ok(())
    }
}
