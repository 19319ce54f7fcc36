//! Footnotes and link targets of the Markdown reader: the definitions,
//! read in a pass of their own before the blocks, and the references that
//! take them (see the parent module's docs for the forms).

use std::rc::Rc;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{events, Reader};
use crate::error::{Error, Result};
use crate::model::read::conventions::{self, Note, Styled};
use crate::model::Text;

/// One footnote definition: its label as written, its note, where it
/// starts and whether a reference took it.
struct Definition {
    label: String,
    note: Rc<Note>,
    at: usize,
    used: bool,
}

/// The footnote definitions of a document, in source order.
#[derive(Default)]
pub(super) struct Definitions {
    all: Vec<Definition>,
    /// Reading a definition: a reference here is a note in a note.
    inside: bool,
}

impl Definitions {
    /// The definition of `label` (labels match without regard to case, as
    /// pulldown-cmark matches them).
    fn find(&mut self, label: &str) -> Option<&mut Definition> {
        let key = label.to_lowercase();
        self.all.iter_mut().find(|d| d.label.to_lowercase() == key)
    }

    /// Whether `label` has a definition.
    pub(super) fn has(&self, label: &str) -> bool {
        let key = label.to_lowercase();
        self.all.iter().any(|d| d.label.to_lowercase() == key)
    }
}

/// The mark of a note whose label has no letter or digit (`*`, `†`).
fn mark(label: &str) -> Option<String> {
    (!label.chars().any(char::is_alphanumeric)).then(|| label.to_string())
}

impl Reader<'_> {
    /// Reads every footnote definition of the source, wherever it stands,
    /// with the source's own events; the blocks are read afterwards.
    pub(super) fn read_definitions(&mut self) -> Result<()> {
        let blocks = std::mem::replace(&mut self.events, events(self.src));
        let result = self.definitions_pass();
        self.events = blocks;
        self.text_end = 0;
        result
    }

    fn definitions_pass(&mut self) -> Result<()> {
        while let Some((event, range)) = self.next() {
            let Event::Start(Tag::FootnoteDefinition(label)) = event else {
                continue;
            };
            let at = range.start;
            if self.definitions.find(&label).is_some() {
                return Err(self.error(
                    at,
                    format!("the footnote `[^{label}]` is defined twice"),
                    Some("give each note a label of its own"),
                ));
            }
            let text = self.definition(at)?;
            let note = Note {
                text,
                mark: mark(&label),
            };
            self.definitions.all.push(Definition {
                label: label.to_string(),
                note: Rc::new(note),
                at,
                used: false,
            });
        }
        Ok(())
    }

    /// A definition's text (after its `Start` event): one paragraph.
    fn definition(&mut self, at: usize) -> Result<Text> {
        let several = |reader: &Self, offset| {
            reader.error(
                offset,
                "a footnote holds one paragraph: the model's note is one text",
                Some("join the note's paragraphs into one"),
            )
        };
        let (event, range) = self.next_inside(at)?;
        if event != Event::Start(Tag::Paragraph) {
            return Err(several(self, range.start));
        }
        self.definitions.inside = true;
        let chars = self.inline_block(TagEnd::Paragraph, range.start);
        self.definitions.inside = false;
        let chars = chars?;
        match self.next_inside(at)? {
            (Event::End(TagEnd::FootnoteDefinition), _) => Ok(conventions::to_text(&chars)),
            (_, range) => Err(several(self, range.start)),
        }
    }

    /// Skips a definition in the blocks' pass (after its `Start` event).
    pub(super) fn skip_definition(&mut self, at: usize) -> Result<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next_inside(at)?.0 {
                Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// The note a reference `[^label]` at `at` takes.
    pub(super) fn reference(&mut self, label: &str, at: usize) -> Result<Rc<Note>> {
        if self.definitions.inside {
            return Err(self.error(
                at,
                format!("a footnote inside a footnote (`[^{label}]`): a note cannot hold a note"),
                Some("move the inner note's text into the note"),
            ));
        }
        let Some(definition) = self.definitions.find(label) else {
            return Err(self.error(
                at,
                format!("the footnote reference `[^{label}]` has no definition"),
                None,
            ));
        };
        if definition.used {
            return Err(self.error(
                at,
                format!("the footnote `[^{label}]` is referred to a second time"),
                Some("a note stands in one place: write a second note for the second place"),
            ));
        }
        definition.used = true;
        Ok(definition.note.clone())
    }

    /// A title or subtitle of the front matter: its text, with a note for
    /// each `[^label]` in it (`key` names the field, to locate errors).
    pub(super) fn title_text(&mut self, value: &str, key: &str) -> Result<Text> {
        let at = self.front_matter.as_ref().map_or(0, |(yaml, at)| {
            at + super::key_offset(yaml, key).unwrap_or(0)
        });
        let mut chars = Vec::new();
        let mut rest = value;
        while let Some(i) = rest.find("[^") {
            let Some(end) = rest[i..].find(']') else {
                break;
            };
            chars.extend(rest[..i].chars().map(Styled::plain));
            let label = &rest[i + 2..i + end];
            let note = self.reference(label, at)?;
            chars.push(Styled {
                c: conventions::NOTE_PLACEHOLDER,
                note: Some(note),
                ..Styled::default()
            });
            rest = &rest[i + end + 1..];
        }
        chars.extend(rest.chars().map(Styled::plain));
        Ok(conventions::to_text(&chars))
    }

    /// Refuses a definition that no reference took.
    pub(super) fn definitions_all_used(&self) -> Result<()> {
        match self.definitions.all.iter().find(|d| !d.used) {
            Some(d) => Err(self.error(
                d.at,
                format!("the footnote `[^{}]` is never referred to", d.label),
                Some("put `[^label]` where the note's mark stands, or remove the definition"),
            )),
            None => Ok(()),
        }
    }

    /// Refuses a link target the model cannot hold, at the link.
    pub(super) fn check_href(&self, href: &str, at: usize) -> Result<()> {
        match crate::model::check_href(href, "") {
            Err(Error::Invalid { message, hint, .. }) => {
                Err(self.error(at, message, hint.as_deref()))
            }
            other => other,
        }
    }
}
