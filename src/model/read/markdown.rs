//! Markdown → [`Document`], with pulldown-cmark.
//!
//! CommonMark with the GFM extensions (tables, footnotes, strikethrough,
//! task lists) switched on, so that each is recognised — read, or refused
//! by name — instead of read as odd text. Tables and figures are read in
//! `table` (its docs give the conventions: the `Table: …` caption, the
//! sides of `:---:`, `{width=60%}`). Pandoc's bracketed spans (`[How to …]{lang=en}`)
//! are not CommonMark: pulldown-cmark passes `[`, `]` and `{…}` through as
//! text, and [`Reader::spans`] pairs them, counting only brackets the author
//! wrote as is (not `\[`, not `&#91;`).
//!
//! Footnotes: a reference `[^x]` becomes a note span where it stands, with
//! the text of its definition `[^x]: …` (one paragraph, anywhere at the top
//! level; read first, in a pass of its own). The label is only a name —
//! notes are numbered in document order — except a label without a letter
//! or digit (`[^*]`, `[^†]`), which is the note's mark. Each definition is
//! referred to exactly once; a reference in the front matter's `title` or
//! `subtitle` (`title: تقرير[^*]`, as pandoc reads it too) hangs the note
//! on the title. Links: inline (`[text](https://…)`), reference and
//! autolinks (`<https://…>`, `<name@un.org>` as `mailto:`) become spans with
//! `href`, checked as the model checks them; a link title is ignored with a
//! warning.

use std::ops::Range;
use std::rc::Rc;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::conventions::{self, Styled};
use super::{check_size, finish, refuse};
use crate::error::{Error, Location, Result, SourceKind};
use crate::limits::MAX_TEXT_BYTES;
use crate::model::language::Locale;
use crate::model::{Block, Document, Justify, Masthead, Text, Warning};

mod footnotes;
mod inline;
mod list;
mod table;

use crate::model::source::Lines;
use inline::{attributes, Open, Pairing, Tok};

/// Parses and validates a document from Markdown.
///
/// The YAML front matter holds the top-level fields under their JSON names
/// (`title`, `subtitle`, `symbol`, `job_number`, `date`, `lang`, `justify`);
/// the blocks follow the conventions of `model::read::conventions`.
/// Errors carry the Markdown line and column ([`Error::Source`]).
pub fn parse_markdown(text: &str) -> Result<(Document, Vec<Warning>)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    check_size(text)?;
    let mut reader = Reader::new(text);
    let doc = reader.document()?;
    let Reader {
        warnings,
        offsets,
        front_matter,
        lines,
        ..
    } = reader;
    let place = |path: &str| {
        let offset = match super::block_index(path) {
            Some(i) => offsets.get(i).copied(),
            None => front_matter.as_ref().and_then(|(yaml, at)| {
                let key = path.split(['.', '[']).next().unwrap_or(path);
                key_offset(yaml, key).map(|o| at + o)
            }),
        };
        let mut location = lines.location(offset.unwrap_or(0));
        location.path = path.to_string();
        location
    };
    finish(doc, SourceKind::Markdown, warnings, place)
}

/// The fields of the YAML front matter: the document's top-level fields.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    lang: Option<String>,
    title: Option<String>,
    subtitle: Option<String>,
    symbol: Option<String>,
    job_number: Option<String>,
    date: Option<String>,
    justify: Option<Justify>,
    masthead: Option<Masthead>,
}

type Events<'a> = Box<dyn Iterator<Item = (Event<'a>, Range<usize>)> + 'a>;

struct Reader<'a> {
    src: &'a str,
    events: Events<'a>,
    lines: Lines<'a>,
    /// Where the last text event ended: a `\` just before a text event
    /// (and after this) escapes its first character.
    text_end: usize,
    /// The document's language, for the labels of ordered lists.
    locale: Locale,
    /// Whether the document is right-to-left: the sides of `:---:`.
    rtl: bool,
    /// The paragraph just read when it reads `Table: …`: its caption text
    /// and its index in the blocks.
    caption: Option<(Text, usize)>,
    warnings: Vec<Warning>,
    /// The source offset of each block, for locating validation errors.
    offsets: Vec<usize>,
    /// The YAML text and its offset.
    front_matter: Option<(String, usize)>,
    /// The footnote definitions, read before the blocks.
    definitions: footnotes::Definitions,
}

/// The events of `src`, with the extensions switched on.
fn events(src: &str) -> Events<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    Box::new(Parser::new_ext(src, options).into_offset_iter())
}

impl<'a> Reader<'a> {
    fn new(src: &'a str) -> Self {
        Reader {
            src,
            events: events(src),
            lines: Lines::new(src),
            text_end: 0,
            locale: Locale::of("ar"),
            rtl: true,
            caption: None,
            warnings: Vec::new(),
            offsets: Vec::new(),
            front_matter: None,
            definitions: footnotes::Definitions::default(),
        }
    }

    fn at(&self, offset: usize) -> Location {
        self.lines.location(offset)
    }

    fn error(&self, offset: usize, message: impl Into<String>, hint: Option<&str>) -> Error {
        refuse(SourceKind::Markdown, self.at(offset), message, hint)
    }

    fn next(&mut self) -> Option<(Event<'a>, Range<usize>)> {
        self.events.next()
    }

    /// The next event, which must exist (inside a block).
    fn next_inside(&mut self, start: usize) -> Result<(Event<'a>, Range<usize>)> {
        self.next()
            .ok_or_else(|| self.error(start, "the Markdown ends inside a block", None))
    }

    fn document(&mut self) -> Result<Document> {
        self.read_definitions()?;
        let mut front = FrontMatter::default();
        let mut blocks = Vec::new();
        // A recommendation heading waiting for its paragraph: number, offset.
        let mut pending: Option<(u32, usize)> = None;
        let mut first = true;
        while let Some((event, range)) = self.next() {
            let start = range.start;
            if let (Some((_, at)), false) = (pending, matches!(event, Event::Start(Tag::Paragraph)))
            {
                return Err(self.error(
                    at,
                    "a recommendation heading (`### التوصية N`) must be followed by its paragraph",
                    Some("write the recommendation's text as the paragraph after the heading"),
                ));
            }
            match event {
                Event::Start(Tag::MetadataBlock(_)) if first => front = self.front_matter()?,
                Event::Start(Tag::Heading { level, .. }) => {
                    if let Some(block) = self.heading(level, start, &mut pending)? {
                        blocks.push(block);
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    let block = self.paragraph(start, pending.take(), blocks.len())?;
                    blocks.push(block);
                    self.caption_after(&mut blocks)?;
                }
                Event::Start(Tag::Table(aligns)) => {
                    let caption = self.caption_before(&mut blocks);
                    self.offsets.push(start);
                    let table = self.table(&aligns, start, caption)?;
                    blocks.push(table);
                }
                Event::Start(Tag::List(number)) => {
                    self.offsets.push(start);
                    let items = self.list(number, start, 1)?;
                    blocks.push(Block::List { items });
                }
                Event::Start(Tag::FootnoteDefinition(_)) => self.skip_definition(start)?,
                other => return Err(self.unsupported(&other, start)),
            }
            first = false;
        }
        if let Some((_, at)) = pending {
            return Err(self.error(
                at,
                "a recommendation heading (`### التوصية N`) must be followed by its paragraph",
                None,
            ));
        }
        self.finish(front, blocks)
    }

    /// A heading: a heading block for `#` and `##`; for `### التوصية N`,
    /// nothing yet (`pending` takes the number until its paragraph comes).
    fn heading(
        &mut self,
        level: HeadingLevel,
        start: usize,
        pending: &mut Option<(u32, usize)>,
    ) -> Result<Option<Block>> {
        let chars = self.inline_block(TagEnd::Heading(level), start)?;
        match (level, conventions::recommendation_number(&chars)) {
            (HeadingLevel::H1 | HeadingLevel::H2, _) => {
                let level = if level == HeadingLevel::H1 { 1 } else { 2 };
                let (label, text) = match conventions::heading_label(&chars) {
                    Some((label, at)) => (Some(label), &chars[at..]),
                    None => (None, &chars[..]),
                };
                let text = conventions::to_text(text);
                self.offsets.push(start);
                Ok(Some(Block::Heading { level, label, text }))
            }
            (HeadingLevel::H3, Some(n)) => {
                *pending = Some((n, start));
                Ok(None)
            }
            (HeadingLevel::H3, None) => Err(self.error(
                start,
                "a level-3 heading has no mapping: only `### التوصية N` \
                 (a recommendation, followed by its paragraph) does",
                Some("use # for sections and ## for subsections"),
            )),
            (other, _) => Err(self.error(
                start,
                format!("a heading of level {} has no mapping", other as usize),
                Some("use # for sections and ## for subsections"),
            )),
        }
    }

    /// A paragraph: the text of the recommendation whose heading came
    /// before it, or a paragraph, numbered when it starts with `١-`.
    /// A paragraph that holds only an image is a figure; one that reads
    /// `Table: …` is remembered as a caption (`index`: its block's).
    fn paragraph(
        &mut self,
        start: usize,
        recommendation: Option<(u32, usize)>,
        index: usize,
    ) -> Result<Block> {
        let toks = self.inline_toks(TagEnd::Paragraph, start)?;
        if recommendation.is_none() {
            if let Some(figure) = self.figure(&toks)? {
                self.offsets.push(start);
                return Ok(figure);
            }
        }
        let chars = self.spans(toks)?;
        if let (None, Some(at)) = (recommendation, conventions::table_caption(&chars)) {
            self.caption = Some((conventions::to_text(&chars[at..]), index));
        }
        Ok(match recommendation {
            Some((number, at)) => {
                self.offsets.push(at);
                let text = conventions::to_text(&chars);
                Block::Recommendation { number, text }
            }
            None => {
                self.offsets.push(start);
                match conventions::paragraph_number(&chars) {
                    Some((n, at)) => Block::Paragraph {
                        number: Some(n),
                        text: conventions::to_text(&chars[at..]),
                    },
                    None => Block::Paragraph {
                        number: None,
                        text: conventions::to_text(&chars),
                    },
                }
            }
        })
    }

    /// The document from its front matter and blocks.
    fn finish(&mut self, front: FrontMatter, blocks: Vec<Block>) -> Result<Document> {
        let Some(title) = front.title else {
            return Err(self.error(
                0,
                "the document has no title",
                Some("start the Markdown with a front matter: ---, title: …, ---"),
            ));
        };
        let title = self.title_text(&title, "title")?;
        let subtitle = match front.subtitle {
            Some(subtitle) => Some(self.title_text(&subtitle, "subtitle")?),
            None => None,
        };
        self.definitions_all_used()?;
        Ok(Document {
            lang: front.lang.unwrap_or_else(|| "ar".to_string()),
            title,
            subtitle,
            masthead: front.masthead,
            symbol: front.symbol,
            job_number: front.job_number,
            date: front.date,
            justify: front.justify,
            blocks,
        })
    }

    /// Reads the YAML of the front matter (after its `Start` event).
    fn front_matter(&mut self) -> Result<FrontMatter> {
        let mut yaml = String::new();
        let mut at = None;
        loop {
            match self.next() {
                Some((Event::Text(t), range)) => {
                    at.get_or_insert(range.start);
                    yaml.push_str(&t);
                }
                Some((Event::End(TagEnd::MetadataBlock(_)), range)) => {
                    at.get_or_insert(range.start);
                    break;
                }
                _ => return Err(self.error(0, "the front matter does not end", None)),
            }
        }
        let at = at.unwrap_or(0);
        let front = if yaml.trim().is_empty() {
            FrontMatter::default()
        } else {
            serde_yaml_ng::from_str(&yaml).map_err(|err| {
                let mut location = self.at(at);
                if let Some(l) = err.location() {
                    location.line = location.line.map(|line| line + l.line() - 1);
                    location.column = Some(l.column());
                }
                let message = err.to_string();
                let message = match message.rfind(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                refuse(
                    SourceKind::Markdown,
                    location,
                    format!("front matter: {message}"),
                    Some(
                        "the front matter holds title, subtitle, symbol, job_number, date, \
                         lang and justify, each a string, and masthead (organ, distribution, \
                         date, original, agenda_item, and meeting, a list of lines)",
                    ),
                )
            })?
        };
        if let Some(lang) = &front.lang {
            self.locale = Locale::of(lang);
            self.rtl = crate::model::semantics::is_rtl_lang(lang);
        }
        self.front_matter = Some((yaml, at));
        Ok(front)
    }

    /// The styled characters of a heading's or paragraph's inline content.
    fn inline_block(&mut self, end: TagEnd, start: usize) -> Result<Vec<Styled>> {
        let toks = self.inline_toks(end, start)?;
        self.spans(toks)
    }

    /// The tokens of inline content up to `end`.
    fn inline_toks(&mut self, end: TagEnd, start: usize) -> Result<Vec<Tok>> {
        let mut toks = Vec::new();
        loop {
            let (event, range) = self.next_inside(start)?;
            match event {
                Event::End(e) if e == end => break,
                other => self.inline(other, range, &mut toks)?,
            }
        }
        Ok(toks)
    }

    /// The caption paragraph just read before a table: taken off the blocks.
    fn caption_before(&mut self, blocks: &mut Vec<Block>) -> Option<Text> {
        let (text, index) = self.caption.take()?;
        (index + 1 == blocks.len()).then(|| {
            blocks.pop();
            self.offsets.pop();
            text
        })
    }

    /// The caption paragraph just read after a table without one: moved
    /// onto the table (a table with a caption before it takes none after).
    fn caption_after(&mut self, blocks: &mut Vec<Block>) -> Result<()> {
        let Some((_, index)) = &self.caption else {
            return Ok(());
        };
        let index = *index;
        let table = index.checked_sub(1).filter(|_| index + 1 == blocks.len());
        let Some(Block::Table { caption, .. }) = table.map(|i| &mut blocks[i]) else {
            return Ok(());
        };
        if caption.is_some() {
            return Err(self.error(
                self.offsets.get(index).copied().unwrap_or(0),
                "the table has a caption before it and another after it",
                Some("a table's caption is one `Table: …` paragraph, right after the table"),
            ));
        }
        *caption = self.caption.take().map(|(text, _)| text);
        blocks.pop();
        self.offsets.pop();
        Ok(())
    }

    /// Adds one inline event to `toks`, or refuses it.
    fn inline(&mut self, event: Event<'a>, range: Range<usize>, toks: &mut Vec<Tok>) -> Result<()> {
        match event {
            Event::Text(text) => {
                let verbatim = self.src.get(range.clone()) == Some(&*text);
                let escaped = range.start > self.text_end
                    && self.src.as_bytes().get(range.start.wrapping_sub(1)) == Some(&b'\\');
                for (i, c) in text.char_indices() {
                    let at = if verbatim {
                        range.start + i
                    } else {
                        range.start
                    };
                    let plain = verbatim && !(i == 0 && escaped);
                    toks.push(Tok::Char { c, plain, at });
                }
                self.text_end = range.end;
                if toks.len() > MAX_TEXT_BYTES {
                    return Err(Error::Limit {
                        location: self.at(range.start),
                        message: format!("the text is longer than {MAX_TEXT_BYTES} bytes"),
                    });
                }
            }
            Event::SoftBreak => toks.push(Tok::Char {
                c: ' ',
                plain: false,
                at: range.start,
            }),
            Event::HardBreak => toks.push(Tok::Char {
                c: '\n',
                plain: false,
                at: range.start,
            }),
            Event::Start(Tag::Strong) => toks.push(Tok::Strong(true)),
            Event::End(TagEnd::Strong) => toks.push(Tok::Strong(false)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                self.check_href(&href, range.start)?;
                if !title.is_empty() {
                    self.warnings.push(Warning {
                        location: self.at(range.start),
                        message: format!(
                            "the link title \"{title}\" ignored: a link in the model is its text and target"
                        ),
                    });
                }
                toks.push(Tok::Link(Some(Rc::from(href)), range.start));
            }
            Event::End(TagEnd::Link) => toks.push(Tok::Link(None, range.start)),
            Event::FootnoteReference(label) => {
                let note = self.reference(&label, range.start)?;
                toks.push(Tok::Note(note));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let image = self.image(dest_url, title, range.start)?;
                toks.push(image);
            }
            other => return Err(self.unsupported(&other, range.start)),
        }
        Ok(())
    }

    /// Pairs bracketed spans `[…]{lang=xx}`, applies `**strong**` and
    /// links, and places the notes.
    fn spans(&mut self, toks: Vec<Tok>) -> Result<Vec<Styled>> {
        let mut p = Pairing {
            out: Vec::with_capacity(toks.len()),
            ..Pairing::default()
        };
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Strong(true) => p.depth += 1,
                Tok::Strong(false) => p.depth = p.depth.saturating_sub(1),
                Tok::Link(Some(href), at) => {
                    p.links += 1;
                    p.link = Some((href.clone(), p.links, p.out.len(), *at));
                }
                Tok::Link(None, _) => {
                    if let Some((_, _, from, at)) = p.link.take() {
                        if p.out[from..].iter().all(|s| s.note.is_some()) {
                            return Err(self.error(at, "a link without text", None));
                        }
                    }
                }
                Tok::Image { at, .. } => {
                    return Err(self.error(
                        *at,
                        "an image inside running text: a figure is a block",
                        Some("give the image a paragraph of its own: ![alt](src \"caption\")"),
                    ))
                }
                Tok::Note(note) => p.out.push(Styled {
                    c: conventions::NOTE_PLACEHOLDER,
                    note: Some(note.clone()),
                    ..Styled::default()
                }),
                &Tok::Char { c, plain, at } => {
                    if plain && c == '[' {
                        p.open.push(Open {
                            from: p.out.len(),
                            depth: p.depth,
                            link: p.link_id(),
                            at,
                        });
                    } else if plain && c == ']' {
                        if let Some((attrs, next)) = attributes(&toks, i + 1) {
                            self.close_span(&mut p, &attrs, at)?;
                            i = next;
                            continue;
                        }
                        if let Some(open) = p.open.pop() {
                            self.check_not_a_reference(&p.out[open.from..], open.at)?;
                        }
                    }
                    p.out.push(Styled {
                        c,
                        plain,
                        strong: p.depth > 0,
                        href: p.link.as_ref().map(|l| l.0.clone()),
                        ..Styled::default()
                    });
                }
            }
            i += 1;
        }
        Ok(p.finish())
    }

    /// Closes the bracketed span open in `p` with `]{attrs}` at `at`.
    fn close_span(&mut self, p: &mut Pairing, attrs: &str, at: usize) -> Result<()> {
        let Some(open) = p.open.pop() else {
            return Err(self.error(
                at,
                format!("`]{{{attrs}}}` closes no `[`"),
                Some("a bracketed span reads [text]{lang=xx}"),
            ));
        };
        if open.depth != p.depth {
            return Err(self.error(
                at,
                "a bracketed span and `**` overlap",
                Some("close the ** inside the span, or put the whole span inside **…**"),
            ));
        }
        if open.link != p.link_id() {
            return Err(self.error(
                at,
                "a bracketed span and a link overlap",
                Some("put the span inside the link's text, or the whole link inside the span"),
            ));
        }
        let lang = self.span_lang(attrs, at)?;
        p.dead.push(open.from);
        if let Some(lang) = lang {
            for s in p.out[open.from + 1..]
                .iter_mut()
                .filter(|s| s.lang.is_none())
            {
                s.lang = Some(lang.clone());
            }
        }
        Ok(())
    }

    /// Refuses `[^label]` left as text (from `[`, before `]`): pulldown-cmark
    /// reads a footnote reference only when its definition exists.
    fn check_not_a_reference(&self, chars: &[Styled], at: usize) -> Result<()> {
        let label = chars.get(2..).unwrap_or_default();
        if chars.get(1).is_some_and(|s| s.c == '^' && s.plain) && !label.is_empty() {
            let label: String = label.iter().map(|s| s.c).collect();
            if self.definitions.has(&label) {
                return Err(self.error(
                    at,
                    format!(
                        "the footnote reference `[^{label}]` is directly followed by `[`, \
                         which Markdown reads as a reference link"
                    ),
                    Some("put a character between the reference and the `[`"),
                ));
            }
            return Err(self.error(
                at,
                format!("the footnote reference `[^{label}]` has no definition"),
                Some(
                    "write its text in a paragraph of its own, `[^label]: …` at the start of \
                     a line; for the characters themselves, escape the bracket: \\[^",
                ),
            ));
        }
        Ok(())
    }

    /// The language of a bracketed span's attributes (`lang=en dir=ltr`).
    fn span_lang(&mut self, attrs: &str, at: usize) -> Result<Option<Rc<str>>> {
        let mut lang = None;
        for attr in attrs.split_whitespace() {
            let (key, value) = attr.split_once('=').unwrap_or((attr, ""));
            let value = value.trim_matches('"');
            match key {
                "lang" if !value.is_empty() => lang = Some(Rc::from(value)),
                "dir" if matches!(value, "ltr" | "rtl") => self.warnings.push(Warning {
                    location: self.at(at),
                    message: conventions::dir_ignored(value),
                }),
                _ => {
                    return Err(self.error(
                        at,
                        format!("the span attribute `{attr}` has no mapping"),
                        Some("a bracketed span takes lang=xx (and dir=ltr|rtl), e.g. [How to …]{lang=en}"),
                    ))
                }
            }
        }
        Ok(lang)
    }

    /// The located refusal of a construct without a mapping.
    fn unsupported(&self, event: &Event, at: usize) -> Error {
        const NO_EMPHASIS: &str = " (it has strong, `**…**`)";
        let (what, why, hint): (String, &str, Option<&str>) = match event {
            Event::Start(Tag::BlockQuote(_)) => ("a block quote (`>`)".into(), "", None),
            Event::Start(Tag::CodeBlock(_)) => ("a code block".into(), "", None),
            Event::Code(_) => (
                "inline code (`…`)".into(),
                "",
                Some("escape a literal backquote as \\`"),
            ),
            Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => (
                "HTML".into(),
                "",
                Some("write the text in Markdown; escape a literal < as \\<"),
            ),
            Event::Start(Tag::Emphasis) => (
                "emphasis (`*…*` or `_…_`)".into(),
                NO_EMPHASIS,
                Some("use **strong**, or escape a literal * or _ with a backslash"),
            ),
            Event::Start(Tag::Strikethrough) => (
                "strikethrough (`~~…~~`)".into(),
                "",
                Some("escape a literal ~ as \\~"),
            ),
            Event::Start(Tag::FootnoteDefinition(_)) => (
                "a footnote definition inside another block".into(),
                "",
                Some("write `[^label]: …` at the start of a line, outside lists"),
            ),
            Event::Start(Tag::Table(_)) => (
                "a table inside another block".into(),
                "",
                Some("a table is a block of its own, outside lists"),
            ),
            Event::Start(Tag::Heading { .. }) => ("a heading inside a list".into(), "", None),
            Event::TaskListMarker(_) => ("a task list marker (`[ ]`, `[x]`)".into(), "", None),
            Event::Rule => ("a thematic break (`---`, `***`)".into(), "", None),
            Event::Start(Tag::MetadataBlock(_)) => (
                "a metadata block after the start of the document".into(),
                "",
                Some("the front matter comes first"),
            ),
            other => (format!("{other:?}"), "", None),
        };
        self.error(
            at,
            format!("{what} has no mapping in warraq's model{why}"),
            hint,
        )
    }
}

/// The byte offset of the line `key:` in YAML text.
fn key_offset(yaml: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}
