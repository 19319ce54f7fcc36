//! The grid of a table, derived once: where each cell sits after the
//! spans, whether it is a header, how it is aligned. Validation builds it
//! (and reports a broken table at its cell); layout, the PDF's tags and
//! the EPUB's `<table>` read it, so the formats cannot disagree on a cell.

use super::{Cell, CellAlign, Text};
use crate::error::{Error, Location, Result};
use crate::limits::MAX_TABLE_COLUMNS;

/// A table's cells placed on its grid of rows and columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// How many columns the table has (the first row's width, spans counted).
    pub columns: usize,
    /// How many rows.
    pub rows: usize,
    /// How many rows from the top are header rows.
    pub header_rows: usize,
    /// Every cell, in reading order (row by row, each row from its start).
    pub cells: Vec<GridCell>,
}

/// One cell on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCell {
    /// Its row in the document (`rows[row][index]`).
    pub row: usize,
    /// Its index in that row of the document.
    pub index: usize,
    /// Its first column on the grid, from the start edge.
    pub col: usize,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// Whether it is a header: a cell with text in a header row (`TH`
    /// with a column scope, `<th scope="col">`); an empty cell there is a
    /// data cell, which no screen reader announces as a header; or a cell
    /// with text that the document marks a header of its row.
    pub header: bool,
    /// A header of its row (`TH` with a row scope, `<th scope="row">`): a
    /// cell of a body row marked `header`.
    pub row_header: bool,
    /// Its alignment: its own, else `end` for a number, else `start`.
    pub align: CellAlign,
}

/// Whether a cell's text is a number: digits (of any script) with
/// separators only (spaces, `,` `.` `٫` `٬`, signs, `%` `٪`), at least one digit.
pub fn is_numeric(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_numeric())
        && t.chars().all(|c| {
            c.is_numeric()
                || c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.'
                        | '\u{066B}'
                        | '\u{066C}'
                        | '\u{060C}'
                        | '-'
                        | '+'
                        | '\u{2212}'
                        | '%'
                        | '\u{066A}'
                        | '\u{202F}'
                        | '\u{00A0}'
                )
        })
}

fn limit(path: String, message: String) -> Error {
    Error::Limit {
        location: Location {
            path,
            ..Location::default()
        },
        message,
    }
}

/// The grid of `rows` (at `path`, e.g. `blocks[3]`), or the first broken
/// rule, located at its row or cell: a row without cells, a zero span, a
/// span past the table's last column or row, a row whose width (after
/// spans) differs from the first row's, more header rows than rows.
pub fn grid(rows: &[Vec<Cell>], header_rows: usize, path: &str) -> Result<Grid> {
    if rows.is_empty() {
        return Err(Error::invalid(
            format!("{path}.rows"),
            "the table has no rows",
        ));
    }
    if header_rows > rows.len() {
        return Err(Error::invalid(
            format!("{path}.header_rows"),
            format!(
                "header_rows is {header_rows}, but the table has {} rows",
                rows.len()
            ),
        )
        .with_hint("header_rows counts the rows, from the top, that are headers"));
    }
    // occupied[r][c]: a cell (or a row span from above) covers it.
    let mut occupied: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut columns = 0;
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let row_path = format!("{path}.rows[{r}]");
        if row.is_empty() {
            return Err(Error::invalid(row_path, "the row has no cells"));
        }
        let mut col = 0;
        for (i, cell) in row.iter().enumerate() {
            let at = format!("{row_path}[{i}]");
            let placed = place(cell, (r, i, &at), (&mut occupied, &mut col), columns)?;
            let text = !cell.text.plain().trim().is_empty();
            let row_header = cell.header && r >= header_rows && text;
            cells.push(GridCell {
                header: (r < header_rows && text) || row_header,
                row_header,
                ..placed
            });
        }
        let width = occupied[r].iter().filter(|&&o| o).count();
        if r == 0 {
            columns = occupied[0].len();
            if columns > MAX_TABLE_COLUMNS {
                return Err(limit(
                    row_path,
                    format!("the table has {columns} columns; the limit is {MAX_TABLE_COLUMNS}"),
                ));
            }
        } else if width != columns || occupied[r].len() != columns {
            return Err(Error::invalid(
                row_path,
                format!("the row is {width} columns wide (spans counted), the first row {columns}"),
            )
            .with_hint(
                "every row covers the same columns: add cells, or change a colspan or rowspan",
            ));
        }
    }
    align_numeric_headers(&mut cells, rows, header_rows);
    Ok(Grid {
        columns,
        rows: rows.len(),
        header_rows,
        cells,
    })
}

impl Grid {
    /// Whether a cell is in one of the header rows.
    pub fn in_head(&self, cell: &GridCell) -> bool {
        cell.row < self.header_rows
    }
}

/// A header without its own alignment over columns of numbers only aligns
/// at the end, as the numbers under it do.
fn align_numeric_headers(cells: &mut [GridCell], rows: &[Vec<Cell>], header_rows: usize) {
    let numeric_column = |cells: &[GridCell], cols: std::ops::Range<usize>| {
        let mut any = false;
        for c in cells.iter().filter(|c| c.row >= header_rows) {
            if c.col < cols.end && cols.start < c.col + c.colspan {
                let text = rows[c.row][c.index].text.plain();
                if text.trim().is_empty() {
                    continue;
                }
                if c.col < cols.start || c.col + c.colspan > cols.end || !is_numeric(&text) {
                    return false;
                }
                any = true;
            }
        }
        any
    };
    for k in 0..cells.len() {
        let c = cells[k];
        if c.header
            && rows[c.row][c.index].align.is_none()
            && numeric_column(cells, c.col..c.col + c.colspan)
        {
            cells[k].align = CellAlign::End;
        }
    }
}

/// Places `cell` (row `r`, index `i`, at `path`) in the first free column
/// from `col` on; `columns` is the table's width (0 while the first row is
/// placed).
fn place(
    cell: &Cell,
    (r, i, path): (usize, usize, &str),
    (occupied, col): (&mut [Vec<bool>], &mut usize),
    columns: usize,
) -> Result<GridCell> {
    for (name, span) in [("colspan", cell.colspan), ("rowspan", cell.rowspan)] {
        if span == 0 {
            return Err(Error::invalid(
                format!("{path}.{name}"),
                format!("{name} is 0; a cell spans at least one"),
            ));
        }
    }
    while occupied[r].get(*col).copied().unwrap_or(false) {
        *col += 1;
    }
    let end = col.saturating_add(cell.colspan);
    let past_columns = if columns > 0 {
        end > columns
    } else {
        end > MAX_TABLE_COLUMNS
    };
    if past_columns {
        let what = if columns > 0 {
            format!("the table's {columns} columns")
        } else {
            format!("the limit of {MAX_TABLE_COLUMNS} columns")
        };
        return Err(Error::invalid(
            format!("{path}.colspan"),
            format!(
                "the cell runs past {what}: it starts in column {} and spans {}",
                *col + 1,
                cell.colspan
            ),
        ));
    }
    if r.saturating_add(cell.rowspan) > occupied.len() {
        return Err(Error::invalid(
            format!("{path}.rowspan"),
            format!(
                "the cell runs past the table's last row: it starts in row {} of {} and spans {}",
                r + 1,
                occupied.len(),
                cell.rowspan
            ),
        ));
    }
    for row in occupied.iter_mut().skip(r).take(cell.rowspan) {
        if row.len() < end {
            row.resize(end, false);
        }
        for (c, taken) in row.iter_mut().enumerate().take(end).skip(*col) {
            if *taken {
                return Err(Error::invalid(
                    path,
                    format!(
                        "the cell overlaps a cell spanning rows from above, in column {}",
                        c + 1
                    ),
                ));
            }
            *taken = true;
        }
    }
    let align = cell.align.unwrap_or_else(|| default_align(&cell.text));
    let placed = GridCell {
        row: r,
        index: i,
        col: *col,
        colspan: cell.colspan,
        rowspan: cell.rowspan,
        header: false,
        row_header: false,
        align,
    };
    *col = end;
    Ok(placed)
}

fn default_align(text: &Text) -> CellAlign {
    if is_numeric(&text.plain()) {
        CellAlign::End
    } else {
        CellAlign::Start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_digits_and_separators() {
        for yes in ["١ ٢٠٣", "2 653", "٣٫٥", "12,5 %", "−٤"] {
            assert!(is_numeric(yes), "{yes}");
        }
        for no in ["", " ", "المجموع", "GLOTIP 2018", "-"] {
            assert!(!is_numeric(no), "{no}");
        }
    }
}
