//! Tables and figures of the Markdown reader.
//!
//! A GFM table is a [`Block::Table`]: its header row is the table's one
//! header row (`header_rows: 1`), or no header at all when every cell of
//! that row is empty (GFM requires the row; pandoc reads it so too); a
//! column's alignment (`:---`, `:---:`, `---:`) is each of its cells'
//! `align`, the colons naming sides of the page ([`conventions::Side`]):
//! in a right-to-left document `:---` (left) is the end of the line. The
//! caption is a paragraph of its own that reads `Table: …`, right after
//! the table (as pandoc's Markdown writes it) or right before it.
//!
//! A paragraph that holds only an image, `![alt](src "caption")`, and
//! perhaps `{width=60%}` after it, is a [`Block::Figure`]: the alternative
//! text is the image's description, the caption its title, the width a
//! percentage of the measure. An image anywhere else is refused.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

use super::inline::{attributes, Tok};
use super::Reader;
use crate::error::Result;
use crate::model::read::conventions::{self, Side};
use crate::model::{Block, Cell, Text};

impl Reader<'_> {
    /// A table (after its `Start` event), with the caption read before it.
    pub(super) fn table(
        &mut self,
        aligns: &[Alignment],
        start: usize,
        caption: Option<Text>,
    ) -> Result<Block> {
        let mut rows = Vec::new();
        let mut header_rows = 0;
        loop {
            let (event, range) = self.next_inside(start)?;
            match event {
                Event::Start(Tag::TableHead) => {
                    let row = self.table_row(TagEnd::TableHead, aligns, range.start)?;
                    let empty = |c: &Cell| c.text.plain().is_empty() && !c.text.has_notes();
                    if !row.iter().all(empty) {
                        rows.push(row);
                        header_rows = 1;
                    }
                }
                Event::Start(Tag::TableRow) => {
                    rows.push(self.table_row(TagEnd::TableRow, aligns, range.start)?)
                }
                Event::End(TagEnd::Table) => break,
                other => return Err(self.unsupported(&other, range.start)),
            }
        }
        Ok(Block::Table {
            caption,
            header_rows,
            rows,
        })
    }

    /// The cells of a row (after its `Start` event), up to `end`.
    fn table_row(&mut self, end: TagEnd, aligns: &[Alignment], start: usize) -> Result<Vec<Cell>> {
        let mut cells = Vec::new();
        loop {
            let (event, range) = self.next_inside(start)?;
            match event {
                Event::End(e) if e == end => break,
                Event::Start(Tag::TableCell) => {
                    let toks = self.inline_toks(TagEnd::TableCell, range.start)?;
                    let chars = self.spans(toks)?;
                    let side = match aligns.get(cells.len()) {
                        Some(Alignment::Left) => Some(Side::Left),
                        Some(Alignment::Center) => Some(Side::Center),
                        Some(Alignment::Right) => Some(Side::Right),
                        _ => None,
                    };
                    cells.push(Cell {
                        text: conventions::to_text(&chars),
                        colspan: 1,
                        rowspan: 1,
                        align: side.map(|s| conventions::align_of(s, self.rtl)),
                        header: false,
                    });
                }
                other => return Err(self.unsupported(&other, range.start)),
            }
        }
        Ok(cells)
    }

    /// An image (after its `Start` event): its target, its title and its
    /// description as plain text (strong is read through).
    pub(super) fn image(&mut self, src: CowStr, title: CowStr, start: usize) -> Result<Tok> {
        let mut alt = String::new();
        loop {
            let (event, range) = self.next_inside(start)?;
            match event {
                Event::End(TagEnd::Image) => break,
                Event::Text(text) => alt.push_str(&text),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => {}
                other => return Err(self.unsupported(&other, range.start)),
            }
        }
        Ok(Tok::Image {
            src: src.to_string(),
            alt,
            title: title.to_string(),
            at: start,
        })
    }

    /// The figure of a paragraph's tokens, when they are one image and
    /// perhaps its attributes `{width=NN%}`; `None` otherwise.
    pub(super) fn figure(&mut self, toks: &[Tok]) -> Result<Option<Block>> {
        let Some(Tok::Image {
            src,
            alt,
            title,
            at,
        }) = toks.first()
        else {
            return Ok(None);
        };
        let (width, next) = match attributes(toks, 1) {
            Some((attrs, next)) => (self.figure_width(&attrs, *at)?, next),
            None => (None, 1),
        };
        if next < toks.len() {
            return Ok(None);
        }
        Ok(Some(Block::Figure {
            src: src.clone(),
            alt: alt.clone(),
            caption: (!title.is_empty()).then(|| Text::Plain(title.clone())),
            width,
        }))
    }

    /// The width of a figure's attributes: `width=60%` only.
    fn figure_width(&mut self, attrs: &str, at: usize) -> Result<Option<f64>> {
        let mut width = None;
        for attr in attrs.split_whitespace() {
            let value = attr.strip_prefix("width=").map(|v| v.trim_matches('"'));
            match value.and_then(conventions::width_fraction) {
                Some(w) => width = Some(w),
                None => {
                    return Err(self.error(
                        at,
                        format!("the image attribute `{attr}` has no mapping"),
                        Some(
                            "a figure takes its width as a percentage of the measure, \
                             ![alt](src){width=60%}",
                        ),
                    ))
                }
            }
        }
        Ok(width)
    }
}
