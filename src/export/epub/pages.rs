//! The print page map: where each page of the laid-out PDF starts, as a
//! place in the document model.
//!
//! A page starts at its first content line: a piece (block, list item path,
//! role) and the byte offset of the line in the piece's text. The XHTML writer
//! takes each page's marker from this map when it writes that place, so the
//! markers sit exactly where the print pages break.

use std::collections::BTreeMap;

use crate::layout::{Layout, Role};

/// Which text of a block a page starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Part {
    /// The document title.
    Title,
    /// The subtitle.
    Subtitle,
    /// A heading's `label - text`.
    Heading,
    /// A recommendation's `التوصية N`.
    RecommendationHeading,
    /// A paragraph's number.
    Number,
    /// A paragraph's or recommendation's text.
    Body,
    /// A list item's label.
    Label,
    /// A list item's text.
    ItemBody,
    /// A table's or a figure's caption.
    Caption,
    /// A table cell's text (the place's path: its index in the grid's cells).
    Cell,
    /// After everything (a page without content lines at the end).
    End,
}

/// A text of the document: its block (`None` for the title block), list
/// item path and part.
pub(super) type Place = (Option<usize>, Vec<usize>, Part);

/// The pages that start in each text, by byte offset.
#[derive(Debug, Default)]
pub(super) struct PageMap {
    starts: BTreeMap<Place, Vec<(usize, usize)>>,
    count: usize,
}

impl PageMap {
    /// The page map of a layout: one entry per page.
    pub fn new(layout: &Layout) -> Self {
        let mut map = PageMap {
            starts: BTreeMap::new(),
            count: layout.pages.len(),
        };
        // A page without content lines starts where the next page starts.
        let mut pending: Vec<usize> = Vec::new();
        for page in &layout.pages {
            pending.push(page.number);
            // The page's first line of text: the masthead above the title,
            // and a note continued from the page before, have no part.
            let first = page.lines.iter().find_map(|line| {
                let piece = layout.pieces.get(line.piece)?;
                Some((line, piece, part_of(piece.role)?))
            });
            let Some((first, piece, part)) = first else {
                continue;
            };
            let offset = floor_char_boundary(&piece.text, first.line.range.start);
            let entry = map
                .starts
                .entry((piece.block, place_path(piece), part))
                .or_default();
            entry.extend(pending.drain(..).map(|n| (offset, n)));
        }
        if !pending.is_empty() {
            map.starts
                .entry((None, Vec::new(), Part::End))
                .or_default()
                .extend(pending.into_iter().map(|n| (0, n)));
        }
        for pages in map.starts.values_mut() {
            pages.sort_unstable();
        }
        map
    }

    /// Number of pages of the print edition.
    pub fn page_count(&self) -> usize {
        self.count
    }

    /// Takes the pages that start in `place`: `(byte offset, page number)`,
    /// in order.
    pub fn take(&mut self, place: Place) -> Vec<(usize, usize)> {
        self.starts.remove(&place).unwrap_or_default()
    }

    /// Takes the pages that start in `place` at its beginning (offset 0).
    pub fn take_at_start(&mut self, place: Place) -> Vec<usize> {
        let Some(pages) = self.starts.get_mut(&place) else {
            return Vec::new();
        };
        let at_start = pages
            .iter()
            .take_while(|(offset, _)| *offset == 0)
            .map(|&(_, n)| n)
            .collect::<Vec<_>>();
        pages.drain(..at_start.len());
        if pages.is_empty() {
            self.starts.remove(&place);
        }
        at_start
    }

    /// Pages whose place was never written: the first, if any.
    pub fn first_left(&self) -> Option<usize> {
        self.starts.values().flatten().map(|&(_, n)| n).min()
    }
}

/// The part of a block a piece of this role prints; `None` for furniture.
fn part_of(role: Role) -> Option<Part> {
    Some(match role {
        Role::Title => Part::Title,
        Role::Subtitle => Part::Subtitle,
        Role::Heading(_) => Part::Heading,
        Role::RecommendationHeading => Part::RecommendationHeading,
        Role::Number => Part::Number,
        Role::Body => Part::Body,
        Role::Label => Part::Label,
        Role::ItemBody => Part::ItemBody,
        Role::Caption => Part::Caption,
        Role::Cell { .. } => Part::Cell,
        // Notes and the masthead are not yet mapped to EPUB page markers.
        Role::NoteLabel
        | Role::NoteBody
        | Role::Organisation
        | Role::Symbol
        | Role::Masthead(_)
        | Role::Header
        | Role::Footer
        | Role::Figure => return None,
    })
}

/// The path of a piece's place: a list item's indices, a cell's index in
/// its table's grid.
fn place_path(piece: &crate::layout::Piece) -> Vec<usize> {
    match piece.cell {
        Some(k) => vec![k],
        None => piece.item.clone(),
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{PageMap, Part};
    use crate::layout::{Geometry, Layout, Line, Page, Piece, PlacedLine, Role};
    use crate::text::Align;

    fn piece(block: Option<usize>, role: Role, text: &str) -> Piece {
        Piece {
            block,
            item: Vec::new(),
            path: String::new(),
            role,
            text: text.to_string(),
            styles: Vec::new(),
            rtl: true,
            bold: false,
            size: 12.0,
            measure: 100.0,
            indent: 0.0,
            align: Align::Start,
            break_symbols: false,
            clipped: false,
            note: None,
            refs: Vec::new(),
            links: Vec::new(),
            cell: None,
        }
    }

    fn line(piece: usize, start: usize, end: usize) -> PlacedLine {
        PlacedLine {
            piece,
            index: 0,
            x: 0.0,
            y: 0.0,
            line: Line {
                range: start..end,
                width: 0.0,
                justified: false,
                runs: Vec::new(),
            },
        }
    }

    fn page(number: usize, lines: Vec<PlacedLine>) -> Page {
        Page {
            number,
            lines,
            furniture: Vec::new(),
            rules: Vec::new(),
            figures: Vec::new(),
            cells: Vec::new(),
        }
    }

    #[test]
    fn pages_start_at_their_first_line() {
        let layout = Layout {
            geometry: Geometry::a4(),
            pieces: vec![
                piece(None, Role::Title, "عنوان"),
                // Words of 8 bytes and a space: lines start at 0, 9 and 18.
                piece(Some(0), Role::Body, "كلمة أخرى ثالثة"),
            ],
            pages: vec![
                page(1, vec![line(0, 0, 10), line(1, 0, 9)]),
                page(2, vec![line(1, 9, 18)]),
                page(3, vec![line(1, 18, 28)]),
            ],
            images: Default::default(),
        };
        let mut map = PageMap::new(&layout);
        assert_eq!(map.page_count(), 3);
        assert_eq!(map.take_at_start((None, vec![], Part::Title)), vec![1]);
        assert_eq!(
            map.take_at_start((Some(0), vec![], Part::Body)),
            Vec::<usize>::new()
        );
        assert_eq!(
            map.take((Some(0), vec![], Part::Body)),
            vec![(9, 2), (18, 3)]
        );
        assert_eq!(map.first_left(), None);
    }

    #[test]
    fn a_page_without_lines_starts_with_the_next_one() {
        let layout = Layout {
            geometry: Geometry::a4(),
            pieces: vec![
                piece(None, Role::Title, "عنوان"),
                piece(Some(0), Role::Heading(1), "أ - ب"),
            ],
            pages: vec![
                page(1, vec![line(0, 0, 10)]),
                page(2, vec![]),
                page(3, vec![line(1, 0, 8)]),
                page(4, vec![]),
            ],
            images: Default::default(),
        };
        let mut map = PageMap::new(&layout);
        assert_eq!(
            map.take_at_start((Some(0), vec![], Part::Heading)),
            vec![2, 3]
        );
        assert_eq!(map.take((None, vec![], Part::End)), vec![(0, 4)]);
        assert_eq!(map.take_at_start((None, vec![], Part::Title)), vec![1]);
        assert_eq!(map.first_left(), None);
    }

    #[test]
    fn offsets_inside_a_character_are_floored() {
        // "ع" is two bytes: an offset of 1 falls inside it.
        let layout = Layout {
            geometry: Geometry::a4(),
            pieces: vec![piece(Some(0), Role::Body, "عع")],
            pages: vec![page(1, vec![line(0, 1, 4)])],
            images: Default::default(),
        };
        let mut map = PageMap::new(&layout);
        assert_eq!(map.take((Some(0), vec![], Part::Body)), vec![(0, 1)]);
    }
}
