//! The elements of tables and figures, planned whole from the model:
//! `Table` → `Caption`, `THead`/`TBody` → `TR` → `TH` (with `/Scope`) /
//! `TD` (with `/ColSpan`, `/RowSpan`); `Figure` (with `/Alt`) → `Caption`.
//!
//! They are attached when planned, in the grid's order, so that an empty
//! cell is still an element of its row; the root writes its kids in block
//! order, which puts the table and the figure in their place.

use super::{Cell, Scope, Tag, Tree};
use crate::layout::{Piece, Role};
use crate::model::table::grid;
use crate::model::{Block, Document};

/// The elements of one table or figure.
pub(super) struct Planned {
    /// The `Table` or `Figure`.
    elem: usize,
    /// The `Caption`, if any.
    caption: Option<usize>,
    /// A table's `TH`/`TD` elements, by grid cell (reading order).
    cells: Vec<usize>,
}

impl Planned {
    /// The element a piece of this table or figure writes its text in.
    pub(super) fn elem_of(&self, piece: &Piece) -> usize {
        match piece.role {
            Role::Caption => self.caption.unwrap_or(self.elem),
            Role::Cell { .. } => piece
                .cell
                .and_then(|k| self.cells.get(k).copied())
                .unwrap_or(self.elem),
            _ => self.elem,
        }
    }
}

impl Tree {
    /// Adds `tag` under `parent`, attached at once (see the module notes).
    fn add_attached(&mut self, tag: Tag, parent: usize) -> usize {
        let e = self.add(tag, parent);
        self.attach(e);
        e
    }

    /// Plans the elements of block `b`, a table or a figure.
    pub(super) fn plan_object(&mut self, doc: &Document, b: usize) -> Planned {
        match doc.blocks.get(b) {
            Some(Block::Table {
                caption,
                header_rows,
                rows,
            }) => {
                let table = self.add_attached(Tag::Table, 0);
                let caption = caption
                    .as_ref()
                    .map(|_| self.add_attached(Tag::Caption, table));
                let mut cells = Vec::new();
                if let Ok(grid) = grid(rows, *header_rows, &format!("blocks[{b}]")) {
                    let (mut group, mut row) = (None, (usize::MAX, 0));
                    for cell in &grid.cells {
                        let head = grid.in_head(cell);
                        if group.is_none_or(|(h, _)| h != head) {
                            let tag = if head { Tag::THead } else { Tag::TBody };
                            group = Some((head, self.add_attached(tag, table)));
                        }
                        if row.0 != cell.row {
                            let parent = group.map_or(table, |(_, g)| g);
                            row = (cell.row, self.add_attached(Tag::TR, parent));
                        }
                        let spans = Cell {
                            colspan: u16::try_from(cell.colspan).unwrap_or(u16::MAX),
                            rowspan: u16::try_from(cell.rowspan).unwrap_or(u16::MAX),
                            scope: match (cell.row_header, cell.header) {
                                (true, _) => Some(Scope::Row),
                                (false, true) => Some(Scope::Column),
                                (false, false) => None,
                            },
                        };
                        let tag = if cell.header {
                            Tag::TH(spans)
                        } else {
                            Tag::TD(spans)
                        };
                        cells.push(self.add_attached(tag, row.1));
                    }
                }
                Planned {
                    elem: table,
                    caption,
                    cells,
                }
            }
            Some(Block::Figure { alt, caption, .. }) => {
                let figure = self.add_attached(Tag::Figure, 0);
                self.elems[figure].alt = Some(alt.clone());
                let caption = caption
                    .as_ref()
                    .map(|_| self.add_attached(Tag::Caption, figure));
                Planned {
                    elem: figure,
                    caption,
                    cells: Vec::new(),
                }
            }
            _ => Planned {
                elem: self.add(Tag::P, 0),
                caption: None,
                cells: Vec::new(),
            },
        }
    }
}
