//! Inline content of the Markdown reader before bracketed spans
//! (`[How to …]{lang=en}`) are paired: the tokens, the open brackets, the
//! pairing state and the attribute block.

use std::rc::Rc;

use crate::model::read::conventions::{Note, Styled};

/// The longest attribute block `{…}` after a bracketed span, in characters:
/// `{lang=en-GB dir=ltr}` is 20; a longer run of text is not an attribute block.
pub(super) const MAX_ATTRIBUTES_CHARS: usize = 200;

/// One piece of inline content, before bracketed spans are paired.
pub(super) enum Tok {
    Char {
        c: char,
        plain: bool,
        at: usize,
    },
    Strong(bool),
    /// The start of a link (its target) and its end (`None`), at an offset.
    Link(Option<Rc<str>>, usize),
    /// A footnote reference, resolved.
    Note(Rc<Note>),
    /// An image: its target, description, title and offset; a figure
    /// when it is all its paragraph holds, else refused.
    Image {
        src: String,
        alt: String,
        title: String,
        at: usize,
    },
}

/// A bracketed span's `[` not yet closed: its index in the output, the
/// strong depth and link there, and its source offset.
pub(super) struct Open {
    pub(super) from: usize,
    pub(super) depth: usize,
    pub(super) link: Option<usize>,
    pub(super) at: usize,
}

/// The state of [`Reader::spans`]: the characters so far, the `[` to drop,
/// the open brackets and the styles in force.
#[derive(Default)]
pub(super) struct Pairing {
    pub(super) out: Vec<Styled>,
    /// The indexes of the `[` of closed bracketed spans.
    pub(super) dead: Vec<usize>,
    pub(super) open: Vec<Open>,
    /// How many `**` are open.
    pub(super) depth: usize,
    /// The link open: its target, number, first index in `out`, offset.
    pub(super) link: Option<(Rc<str>, usize, usize, usize)>,
    /// How many links have started.
    pub(super) links: usize,
}

impl Pairing {
    pub(super) fn link_id(&self) -> Option<usize> {
        self.link.as_ref().map(|l| l.1)
    }

    /// The characters without the `[` of bracketed spans.
    pub(super) fn finish(self) -> Vec<Styled> {
        let mut dead = self.dead;
        if dead.is_empty() {
            return self.out;
        }
        dead.sort_unstable();
        let mut dead = dead.into_iter().peekable();
        self.out
            .into_iter()
            .enumerate()
            .filter(|(i, _)| dead.next_if_eq(i).is_none())
            .map(|(_, s)| s)
            .collect()
    }
}

/// The attribute block `{…}` starting at `toks[i]`, written as is and
/// closed on the same run of text: its inside and the index after it.
pub(super) fn attributes(toks: &[Tok], i: usize) -> Option<(String, usize)> {
    let Some(Tok::Char {
        c: '{',
        plain: true,
        ..
    }) = toks.get(i)
    else {
        return None;
    };
    let mut inside = String::new();
    for (j, tok) in toks
        .iter()
        .enumerate()
        .skip(i + 1)
        .take(MAX_ATTRIBUTES_CHARS)
    {
        match tok {
            Tok::Char {
                c: '}',
                plain: true,
                ..
            } => return Some((inside, j + 1)),
            Tok::Char { c, plain: true, .. } if *c != '{' && *c != '\n' => inside.push(*c),
            _ => return None,
        }
    }
    None
}
