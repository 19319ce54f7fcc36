//! Lists of the Markdown reader: `-`/`*` items and numbered ones (`1.`,
//! `1)`), whose markers become labels in the document's digits; a label
//! written at an item's start wins; one nested list per item, at most
//! [`MAX_LIST_DEPTH`] deep.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Reader;
use crate::error::{Error, Result};
use crate::limits::MAX_LIST_DEPTH;
use crate::model::read::conventions::{self, Delimiter, Numbering, Styled};
use crate::model::ListItem;

impl Reader<'_> {
    /// The items of a list (after its `Start` event).
    pub(super) fn list(
        &mut self,
        number: Option<u64>,
        start: usize,
        depth: usize,
    ) -> Result<Vec<ListItem>> {
        if depth > MAX_LIST_DEPTH {
            return Err(Error::Limit {
                location: self.at(start),
                message: format!("lists nest deeper than {MAX_LIST_DEPTH} levels"),
            });
        }
        let delimiter = number.map(|_| {
            let marker = self.src[start..].trim_start_matches(|c: char| c.is_ascii_digit());
            if marker.starts_with(')') {
                Delimiter::Paren
            } else {
                Delimiter::Period
            }
        });
        let mut items = Vec::new();
        loop {
            let (event, range) = self.next_inside(start)?;
            match event {
                Event::End(TagEnd::List(_)) => break,
                Event::Start(Tag::Item) => {
                    let marker = number.zip(delimiter).map(|(n, d)| {
                        let n = n.saturating_add(items.len() as u64);
                        conventions::ordered_label(n, Numbering::Decimal, d, &self.locale)
                    });
                    items.push(self.item(range.start, marker, depth)?);
                }
                other => return Err(self.unsupported(&other, range.start)),
            }
        }
        Ok(items)
    }

    /// One list item (after its `Start` event): its text, then at most one
    /// nested list. A label written at its start wins over the marker's.
    fn item(&mut self, start: usize, marker: Option<String>, depth: usize) -> Result<ListItem> {
        let mut toks = Vec::new();
        let mut paragraph: Option<Vec<Styled>> = None;
        let mut nested: Option<Vec<ListItem>> = None;
        loop {
            let (event, range) = self.next_inside(start)?;
            let at = range.start;
            let has_text = paragraph.is_some() || !toks.is_empty();
            match event {
                Event::End(TagEnd::Item) => break,
                _ if nested.is_some() => {
                    return Err(self.error(
                        at,
                        "a list item holds its text, then at most one nested list; \
                         nothing may follow the nested list",
                        None,
                    ))
                }
                Event::Start(Tag::Paragraph) if has_text => {
                    return Err(self.error(at, "a list item with more than one paragraph", None))
                }
                Event::Start(Tag::Paragraph) => {
                    paragraph = Some(self.inline_block(TagEnd::Paragraph, at)?)
                }
                Event::Start(Tag::List(number)) => {
                    nested = Some(self.list(number, at, depth + 1)?)
                }
                other => self.inline(other, range, &mut toks)?,
            }
        }
        let chars = match paragraph {
            Some(chars) => chars,
            None => self.spans(toks)?,
        };
        let (label, text) = match conventions::item_label(&chars) {
            Some((label, at)) => (Some(label), &chars[at..]),
            None => (marker, &chars[..]),
        };
        Ok(ListItem {
            label,
            text: conventions::to_text(text),
            items: nested.unwrap_or_default(),
        })
    }
}
