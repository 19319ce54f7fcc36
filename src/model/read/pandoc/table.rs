//! pandoc's `Table`, `Figure` and figure paragraphs → the model's tables
//! and figures.
//!
//! `Table attr caption colspecs head bodies foot` is encoded alike in
//! api-versions 1.22 and 1.23: the head's rows are the header rows, the
//! bodies' rows follow in order, and the foot's rows come last as body
//! rows (the model has no footer; a warning says so). A cell's
//! `RowSpan`/`ColSpan` are its spans; its alignment, else its column's,
//! is its `align`, `AlignLeft`/`AlignRight` naming sides of the page (the
//! end and the start of a right-to-left line). Column widths are not read:
//! warraq sizes the columns to their text. A body's intermediate head rows
//! are refused; row-head columns are read as data cells, with a warning.
//!
//! A figure is 1.23's `Figure attr caption [Plain [Image]]`, or a `Para`
//! or `Plain` that holds only an `Image` (1.22 writes figures so, with the
//! title `fig:…`; Word images come so too): its alternative text is the
//! image's description, its caption the Figure's caption or else the
//! image's title (after `fig:`), its width the `width` attribute when it
//! is a percentage. pandoc 3 copies the description into the caption of
//! the figure it makes from `![alt](src "title")`; such a caption is the
//! title, as warraq's Markdown reader reads that source.

use std::rc::Rc;

use serde_json::Value;

use super::{element, elements, malformed, nth, Reader};
use crate::error::Result;
use crate::model::read::conventions::{self, Side};
use crate::model::{Block, Cell, Text, Warning};

/// The side a pandoc alignment names, if any.
fn side(value: &Value, path: &str) -> Result<Option<Side>> {
    Ok(match element(value, path)?.0 {
        "AlignLeft" => Some(Side::Left),
        "AlignCenter" => Some(Side::Center),
        "AlignRight" => Some(Side::Right),
        _ => None,
    })
}

impl Reader {
    /// `Table attr caption colspecs head bodies foot` at `path`.
    pub(super) fn table(&mut self, c: &Value, path: &str, lang: &Option<Rc<str>>) -> Result<Block> {
        let caption = nth(c, 1, path, "a table caption")?;
        let caption_path = format!("{path}.c[1][1]");
        let caption = self.caption(
            nth(caption, 1, path, "caption blocks")?,
            &caption_path,
            lang,
        )?;
        let specs = elements(nth(c, 2, path, "column specs")?, path)?;
        let sides = specs
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                side(
                    nth(spec, 0, path, "a column alignment")?,
                    &format!("{path}.c[2][{i}]"),
                )
            })
            .collect::<Result<Vec<_>>>()?;
        let mut rows = Vec::new();
        let head = nth(nth(c, 3, path, "a table head")?, 1, path, "head rows")?;
        self.rows(head, &format!("{path}.c[3][1]"), lang, &mut rows)?;
        let header_rows = rows.len();
        self.bodies(nth(c, 4, path, "table bodies")?, path, lang, &mut rows)?;
        let foot_path = format!("{path}.c[5][1]");
        let foot = nth(nth(c, 5, path, "a table foot")?, 1, path, "foot rows")?;
        let before = rows.len();
        self.rows(foot, &foot_path, lang, &mut rows)?;
        if rows.len() > before {
            self.warnings.push(Warning {
                location: super::at(&foot_path),
                message: format!(
                    "the TableFoot's {} row(s) read as the table's last body rows",
                    rows.len() - before
                ),
            });
        }
        let columns = column_alignments(&mut rows, header_rows, &sides, self.rtl);
        if let Some(n) = columns.filter(|&n| n != sides.len()) {
            return Err(self.error(
                path,
                format!(
                    "the table's rows are {n} columns wide (spans counted), its column specs {}",
                    sides.len()
                ),
                Some("make it with `pandoc INPUT -t json`"),
            ));
        }
        Ok(Block::Table {
            caption,
            header_rows,
            rows,
        })
    }

    /// The rows of every `TableBody` (`[attr, row-head columns, head rows,
    /// rows]`) of the table at `path`, appended to `out`.
    fn bodies(
        &mut self,
        bodies: &Value,
        path: &str,
        lang: &Option<Rc<str>>,
        out: &mut Vec<Vec<Cell>>,
    ) -> Result<()> {
        for (b, body) in elements(bodies, path)?.iter().enumerate() {
            let body_path = format!("{path}.c[4][{b}]");
            let row_heads = nth(body, 1, &body_path, "row head columns")?
                .as_u64()
                .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX));
            if !elements(nth(body, 2, &body_path, "body head rows")?, &body_path)?.is_empty() {
                return Err(self.error(
                    &format!("{body_path}[2]"),
                    "a TableBody's intermediate head rows have no mapping: \
                     a table's header rows are its first rows",
                    Some("make them body rows, or split the table"),
                ));
            }
            let body_rows = nth(body, 3, &body_path, "body rows")?;
            let from = out.len();
            self.rows(body_rows, &format!("{body_path}[3]"), lang, out)?;
            // The body's row-head columns: the cells that start in them
            // head their rows (columns a row span from above covers are
            // not counted).
            for row in &mut out[from..] {
                let mut col: usize = 0;
                for cell in row.iter_mut().take_while(|c| {
                    col = col.saturating_add(c.colspan);
                    col <= row_heads
                }) {
                    cell.header = true;
                }
            }
        }
        Ok(())
    }

    /// The rows (`[attr, [cells]]`) at `path`, appended to `out`.
    fn rows(
        &mut self,
        rows: &Value,
        path: &str,
        lang: &Option<Rc<str>>,
        out: &mut Vec<Vec<Cell>>,
    ) -> Result<()> {
        for (r, row) in elements(rows, path)?.iter().enumerate() {
            let row_path = format!("{path}[{r}]");
            let cells = elements(nth(row, 1, &row_path, "row cells")?, &row_path)?;
            let mut read = Vec::with_capacity(cells.len());
            for (i, cell) in cells.iter().enumerate() {
                read.push(self.cell(cell, &format!("{row_path}[1][{i}]"), lang)?);
            }
            out.push(read);
        }
        Ok(())
    }

    /// `Cell attr alignment rowspan colspan blocks`: one paragraph or none.
    fn cell(&mut self, cell: &Value, path: &str, lang: &Option<Rc<str>>) -> Result<Cell> {
        let span = |i: usize, what: &str| -> Result<usize> {
            let n = nth(cell, i, path, what)?.as_u64();
            let n = n.ok_or_else(|| malformed(path, what))?;
            // Any span past the table is refused by validation; clamped so
            // that its arithmetic cannot overflow.
            Ok(usize::try_from(n.min(u64::from(u32::MAX))).unwrap_or(usize::MAX))
        };
        let side = side(nth(cell, 1, path, "a cell alignment")?, path)?;
        let (rowspan, colspan) = (span(2, "a row span")?, span(3, "a column span")?);
        let blocks_path = format!("{path}[4]");
        let blocks = elements(nth(cell, 4, path, "cell blocks")?, path)?;
        let chars = match blocks.as_slice() {
            [] => Vec::new(),
            [block] => match element(block, &format!("{blocks_path}[0]"))? {
                ("Plain" | "Para", inlines) => {
                    self.inlines(inlines, &format!("{blocks_path}[0].c"), lang)?
                }
                (other, _) => {
                    return Err(self.error(
                        &format!("{blocks_path}[0]"),
                        super::unmapped(other),
                        None,
                    ))
                }
            },
            _ => {
                return Err(self.error(
                    path,
                    format!(
                        "a table cell of {} blocks: a cell is one paragraph",
                        blocks.len()
                    ),
                    Some("join the cell's paragraphs into one"),
                ))
            }
        };
        Ok(Cell {
            text: conventions::to_text(&chars),
            colspan,
            rowspan,
            align: side.map(|s| conventions::align_of(s, self.rtl)),
            header: false,
        })
    }

    /// A caption's blocks (at `path`): none, or one Plain or Para.
    fn caption(
        &mut self,
        blocks: &Value,
        path: &str,
        lang: &Option<Rc<str>>,
    ) -> Result<Option<Text>> {
        let block_path = format!("{path}[0]");
        match elements(blocks, path)?.as_slice() {
            [] => Ok(None),
            [block] => match element(block, &block_path)? {
                ("Plain" | "Para", inlines) => {
                    let chars = self.inlines(inlines, &format!("{block_path}.c"), lang)?;
                    Ok(Some(conventions::to_text(&chars)))
                }
                (other, _) => Err(self.error(&block_path, super::unmapped(other), None)),
            },
            more => Err(self.error(
                path,
                format!(
                    "a caption of {} blocks: a caption is one paragraph",
                    more.len()
                ),
                Some("join the caption's paragraphs into one"),
            )),
        }
    }

    /// `Figure attr caption blocks` (1.23): one image, and its caption.
    pub(super) fn figure(
        &mut self,
        c: &Value,
        path: &str,
        lang: &Option<Rc<str>>,
    ) -> Result<Block> {
        let caption = nth(c, 1, path, "a figure caption")?;
        let caption_path = format!("{path}.c[1][1]");
        let caption = self.caption(
            nth(caption, 1, path, "caption blocks")?,
            &caption_path,
            lang,
        )?;
        let blocks = elements(nth(c, 2, path, "figure content")?, path)?;
        let image = match blocks.as_slice() {
            [block] => match element(block, &format!("{path}.c[2][0]"))? {
                ("Plain" | "Para", inlines) => only_image(inlines),
                _ => None,
            },
            _ => None,
        };
        let Some((i, image)) = image else {
            return Err(self.error(
                path,
                "a Figure holds one image; other content (tables, several images, text) \
                 has no mapping",
                Some("a figure in warraq is one PNG or JPEG image with its caption"),
            ));
        };
        let mut figure = self.image(image, &format!("{path}.c[2][0].c[{i}]"))?;
        if let Block::Figure {
            alt, caption: slot, ..
        } = &mut figure
        {
            // pandoc 3's copy of the description is not a caption.
            let copy = caption.as_ref().is_some_and(|c| c.plain() == *alt);
            if caption.is_some() && !copy {
                *slot = caption;
            }
        }
        Ok(figure)
    }

    /// A Para or Plain holding only an Image, as a figure.
    pub(super) fn image_paragraph(&mut self, inlines: &Value, path: &str) -> Result<Option<Block>> {
        match only_image(inlines) {
            Some((i, image)) => Ok(Some(self.image(image, &format!("{path}.c[{i}]"))?)),
            None => Ok(None),
        }
    }

    /// Drops the paragraph just read before `table` (at `path`) when it
    /// repeats the table's caption: pandoc's docx reader gives a Word
    /// table's caption both as a Para and as the Table's caption.
    pub(super) fn drop_repeated_caption(
        &mut self,
        table: &Block,
        path: &str,
        out: &mut Vec<Block>,
    ) {
        let Block::Table {
            caption: Some(caption),
            ..
        } = table
        else {
            return;
        };
        let previous = path
            .rsplit_once('[')
            .and_then(|(parent, i)| Some((parent, i.trim_end_matches(']').parse::<usize>().ok()?)))
            .and_then(|(parent, i)| Some(format!("{parent}[{}]", i.checked_sub(1)?)));
        let repeats = matches!(
            out.last(),
            Some(Block::Paragraph { number: None, text }) if text.plain() == caption.plain()
        );
        if repeats && previous.is_some() && self.paths.last() == previous.as_ref() {
            out.pop();
            self.paths.pop();
            self.warnings.push(Warning {
                location: super::at(path),
                message: "the paragraph before the Table repeats its caption (pandoc's docx \
                          reader writes both); read once, as the caption"
                    .into(),
            });
        }
    }

    /// `Image attr description [src, title]` as a figure: the title (after
    /// 1.22's `fig:`) is the caption.
    fn image(&mut self, image: &Value, path: &str) -> Result<Block> {
        let c = element(image, path)?.1;
        let attr = nth(c, 0, path, "image attributes")?;
        let width = self.image_width(attr, path)?;
        let mut description = Vec::new();
        let style = super::Style::default();
        self.inlines_into(
            nth(c, 1, path, "an image description")?,
            &format!("{path}.c[1]"),
            &style,
            &mut description,
        )?;
        if description.iter().any(|s| s.note.is_some()) {
            return Err(self.error(path, "a Note in an image's description", None));
        }
        let target = nth(c, 2, path, "an image target [src, title]")?;
        let text = |i: usize, what: &str| -> Result<String> {
            let value = nth(target, i, path, what)?.as_str();
            Ok(value.ok_or_else(|| malformed(path, what))?.to_string())
        };
        let (src, title) = (text(0, "an image source")?, text(1, "an image title")?);
        let title = title.strip_prefix("fig:").unwrap_or(&title).to_string();
        Ok(Block::Figure {
            src,
            alt: description.iter().map(|s| s.c).collect(),
            caption: (!title.is_empty()).then_some(Text::Plain(title)),
            width,
        })
    }

    /// The `width` of an image's attributes, when a percentage; another
    /// width (`6.5in`, Word's) is ignored with a warning, as are the
    /// height and other keys (the figure keeps the image's proportions).
    fn image_width(&mut self, attr: &Value, path: &str) -> Result<Option<f64>> {
        let mut width = None;
        for pair in elements(nth(attr, 2, path, "attribute pairs")?, path)? {
            let key = nth(pair, 0, path, "an attribute key")?
                .as_str()
                .unwrap_or("");
            let value = nth(pair, 1, path, "an attribute value")?
                .as_str()
                .unwrap_or("");
            match (key, conventions::width_fraction(value)) {
                ("width", Some(w)) => width = Some(w),
                _ => self.warnings.push(Warning {
                    location: super::at(path),
                    message: format!(
                        "the image attribute `{key}={value}` ignored: a figure's width is a \
                         percentage of the measure (width=60%), else the image's natural size"
                    ),
                }),
            }
        }
        Ok(width)
    }
}

/// Whether a Para's or Plain's inlines are one Image: a figure.
pub(super) fn is_figure(inlines: &Value) -> bool {
    only_image(inlines).is_some()
}

/// The Image that is all of `inlines` (spaces around it aside), and its
/// index, if any.
fn only_image(inlines: &Value) -> Option<(usize, &Value)> {
    let mut found = None;
    for (i, inline) in inlines.as_array()?.iter().enumerate() {
        match inline.get("t").and_then(Value::as_str)? {
            "Image" if found.is_none() => found = Some((i, inline)),
            "Space" | "SoftBreak" => {}
            _ => return None,
        }
    }
    found
}

/// Each cell without its own alignment takes its column's (the column it
/// starts in, after the spans; `model::table` places them). The number of
/// columns, unless the table is broken.
fn column_alignments(
    rows: &mut [Vec<Cell>],
    header_rows: usize,
    sides: &[Option<Side>],
    rtl: bool,
) -> Option<usize> {
    // A broken table is left to validation, which locates the cell.
    let grid = crate::model::table::grid(rows, header_rows.min(rows.len()), "").ok()?;
    for placed in grid.cells {
        let cell = &mut rows[placed.row][placed.index];
        if cell.align.is_none() {
            cell.align = sides
                .get(placed.col)
                .copied()
                .flatten()
                .map(|s| conventions::align_of(s, rtl));
        }
    }
    Some(grid.columns)
}
