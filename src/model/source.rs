//! Positions in a source text: byte offsets as 1-based line and column
//! (in characters), for the located errors of every reader.

use crate::error::Location;

/// Line starts of a text, for 1-based line and column (in characters).
pub(crate) struct Lines<'a> {
    starts: Vec<usize>,
    text: &'a str,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts, text }
    }

    pub(crate) fn location(&self, offset: usize) -> Location {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Location {
            line: Some(line),
            column: Some(column),
            ..Location::default()
        }
    }
}
