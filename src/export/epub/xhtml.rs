//! The XHTML content documents: one per level-1 section, the title page
//! (title, subtitle and anything before the first level-1 heading) first.
//!
//! Every text is written exactly as in the source: paragraph numbers, list
//! labels and heading labels are the strings the PDF prints (the helpers of
//! `model::semantics`), followed by the source text; no tatweel is ever added
//! (justification is the reading system's job, through the stylesheet).
//!
//! The title page opens with the masthead (`masthead`); a note's reference
//! stands where its span does, and the note at the end of the section that
//! refers to it (`notes`); a link is an `a href` (`inline`).

use std::collections::BTreeMap;
use std::ops::Range;

use super::inline::{numbers_in_order, open_span};
use super::masthead::masthead;
use super::notes::Notes;
use super::pages::{PageMap, Part, Place};
use super::xml::Xml;
use crate::model::semantics::{
    heading_levels, heading_prefix, heading_text, is_rtl_lang, number_label, recommendation_heading,
};
use crate::model::table::grid;
use crate::model::{Block, Cell, CellAlign, Document, ListItem, Span, Text};

/// One content document.
#[derive(Debug)]
pub(super) struct Chapter {
    /// File name inside `OEBPS/`.
    pub file: String,
    /// The XHTML.
    pub xhtml: String,
}

/// A heading, for the table of contents.
#[derive(Debug)]
pub(super) struct TocEntry {
    /// The heading's level (1–6); 1 for the title page.
    pub level: u8,
    /// The heading's text as printed.
    pub text: String,
    /// `file#id`.
    pub href: String,
}

/// What the content documents give the navigation document.
#[derive(Debug, Default)]
pub(super) struct Contents {
    /// The content documents, in reading order.
    pub chapters: Vec<Chapter>,
    /// Every heading, in reading order.
    pub toc: Vec<TocEntry>,
    /// `(page number, file#page-N)`, in page order.
    pub pages: Vec<(usize, String)>,
    /// How many note references were written (one per note).
    pub references: usize,
}

/// Writes the content documents, placing every page marker of `map`.
pub(super) fn chapters(
    doc: &Document,
    map: &mut PageMap,
    images: &BTreeMap<String, String>,
) -> Contents {
    let mut out = Contents::default();
    let book = Book {
        doc,
        levels: heading_levels(doc),
        notes: Notes::new(doc),
        images,
    };
    let bounds = section_starts(doc);
    let front_end = bounds.first().copied().unwrap_or(doc.blocks.len());
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(bounds.len() + 1);
    ranges.push(0..front_end);
    for (k, &s) in bounds.iter().enumerate() {
        let end = bounds.get(k + 1).copied().unwrap_or(doc.blocks.len());
        ranges.push(s..end);
    }
    for (k, range) in ranges.into_iter().enumerate() {
        let file = if k == 0 {
            "title.xhtml".to_string()
        } else {
            format!("s{k:02}.xhtml")
        };
        let last = k == bounds.len();
        let mut w = Writer::new(&book, map, &file, &mut out);
        w.chapter(range, k == 0, last);
        let xhtml = w.finish();
        out.chapters.push(Chapter { file, xhtml });
    }
    out.pages.sort_by_key(|(n, _)| *n);
    out
}

/// Indices of the level-1 headings.
fn section_starts(doc: &Document) -> Vec<usize> {
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading { level: 1, .. }))
        .map(|(i, _)| i)
        .collect()
}

/// The `id` of a block or list item.
pub(super) fn block_id(block: usize, item: &[usize]) -> String {
    let mut id = format!("b{block}");
    for k in item {
        id.push_str(&format!("-{k}"));
    }
    id
}

/// What every content document reads: the document and its semantics.
struct Book<'a> {
    doc: &'a Document,
    /// Every block's heading level (`model::semantics`).
    levels: Vec<Option<u8>>,
    /// The notes, numbered (`model::semantics`).
    notes: Notes<'a>,
    /// Each figure's image file in the package, by `src`.
    images: &'a BTreeMap<String, String>,
}

struct Writer<'a> {
    doc: &'a Document,
    map: &'a mut PageMap,
    file: &'a str,
    out: &'a mut Contents,
    x: Xml,
    /// Every block's heading level (`model::semantics`).
    levels: &'a [Option<u8>],
    notes: &'a Notes<'a>,
    /// The notes this content document refers to, in order.
    referenced: Vec<usize>,
    images: &'a BTreeMap<String, String>,
}

impl<'a> Writer<'a> {
    fn new(book: &'a Book<'a>, map: &'a mut PageMap, file: &'a str, out: &'a mut Contents) -> Self {
        Writer {
            doc: book.doc,
            levels: &book.levels,
            notes: &book.notes,
            map,
            file,
            out,
            x: Xml::new(),
            referenced: Vec::new(),
            images: book.images,
        }
    }

    /// Writes one content document: its section, then the notes it refers
    /// to, then (in the last one) the pages that start after everything.
    fn chapter(&mut self, blocks: Range<usize>, front: bool, last: bool) {
        let doc = self.doc;
        let title = match blocks.clone().next().map(|i| &doc.blocks[i]) {
            Some(Block::Heading { label, text, .. }) if !front => {
                heading_text(label.as_deref(), &text.plain())
            }
            _ => doc.title.plain(),
        };
        self.head(&title);
        if front {
            self.x
                .open("section", &[("id", "titlepage"), ("class", "titlepage")]);
            self.title_page();
            self.out.toc.push(TocEntry {
                level: 1,
                text: doc.title.plain(),
                href: format!("{}#title", self.file),
            });
        } else {
            let id = blocks.start.to_string();
            self.x.open(
                "section",
                &[
                    ("epub:type", "chapter"),
                    ("role", "doc-chapter"),
                    ("aria-labelledby", &format!("b{id}")),
                ],
            );
        }
        self.x.raw("\n");
        for i in blocks {
            self.block(i);
            self.x.raw("\n");
        }
        let referenced = std::mem::take(&mut self.referenced);
        self.notes.asides(&mut self.x, &doc.lang, &referenced);
        if last {
            let end = self.map.take((None, Vec::new(), Part::End));
            self.markers(end.into_iter().map(|(_, n)| n));
        }
        self.x.close();
        self.x.raw("\n");
    }

    /// Opens the document: `html`, the `head` titled `title`, `body`.
    fn head(&mut self, title: &str) {
        let lang = self.doc.lang.as_str();
        let dir = if is_rtl_lang(lang) { "rtl" } else { "ltr" };
        self.x.raw("<!DOCTYPE html>\n");
        self.x.open(
            "html",
            &[
                ("xmlns", "http://www.w3.org/1999/xhtml"),
                ("xmlns:epub", "http://www.idpf.org/2007/ops"),
                ("lang", lang),
                ("xml:lang", lang),
                ("dir", dir),
            ],
        );
        self.x.raw("\n");
        self.x.open("head", &[]);
        self.x.empty("meta", &[("charset", "UTF-8")]);
        self.x.leaf("title", &[], title);
        self.x.empty(
            "link",
            &[
                ("rel", "stylesheet"),
                ("type", "text/css"),
                ("href", "style.css"),
            ],
        );
        self.x.close();
        self.x.raw("\n");
        self.x.open("body", &[]);
        self.x.raw("\n");
    }

    fn finish(self) -> String {
        self.x.finish()
    }

    /// The masthead, the title and the subtitle. The first page starts at
    /// the title in the layout, and above the masthead in print: its marker
    /// goes first.
    fn title_page(&mut self) {
        let doc = self.doc;
        self.before((None, Vec::new(), Part::Title));
        masthead(&mut self.x, doc);
        self.x.open("h1", &[("id", "title"), ("class", "title")]);
        self.inline(None, &doc.title, (None, Vec::new(), Part::Title));
        self.x.close();
        if let Some(subtitle) = &doc.subtitle {
            self.x.raw("\n");
            self.before((None, Vec::new(), Part::Subtitle));
            self.x
                .open("p", &[("id", "subtitle"), ("class", "subtitle")]);
            self.inline(None, subtitle, (None, Vec::new(), Part::Subtitle));
            self.x.close();
        }
    }

    fn block(&mut self, i: usize) {
        let doc = self.doc;
        let id = block_id(i, &[]);
        match &doc.blocks[i] {
            Block::Heading { label, text, .. } => {
                let level = self.levels[i].unwrap_or(1);
                let place = (Some(i), Vec::new(), Part::Heading);
                self.before(place.clone());
                self.x.open(heading_tag(level), &[("id", &id)]);
                self.inline(heading_prefix(label.as_deref()), text, place);
                self.x.close();
                self.out.toc.push(TocEntry {
                    level,
                    text: heading_text(label.as_deref(), &text.plain()),
                    href: format!("{}#{id}", self.file),
                });
            }
            Block::Paragraph { number, text } => {
                self.before((Some(i), Vec::new(), Part::Number));
                self.before((Some(i), Vec::new(), Part::Body));
                let body = (Some(i), Vec::new(), Part::Body);
                match number {
                    Some(n) => {
                        self.x.open("p", &[("id", &id), ("class", "numbered")]);
                        self.x
                            .leaf("span", &[("class", "num")], &number_label(*n, &doc.lang));
                        self.x.text(" ");
                    }
                    None => self.x.open("p", &[("id", &id)]),
                }
                self.inline(None, text, body);
                self.x.close();
            }
            Block::Recommendation { number, text } => {
                let level = self.levels[i].unwrap_or(2);
                self.before((Some(i), Vec::new(), Part::RecommendationHeading));
                self.x
                    .open("div", &[("id", &id), ("class", "recommendation")]);
                let heading = recommendation_heading(*number, &doc.lang);
                let heading_id = format!("{id}-h");
                self.x.open(heading_tag(level), &[("id", &heading_id)]);
                let place = (Some(i), Vec::new(), Part::RecommendationHeading);
                self.inline(None, &Text::Plain(heading.clone()), place);
                self.x.close();
                self.out.toc.push(TocEntry {
                    level,
                    text: heading,
                    href: format!("{}#{heading_id}", self.file),
                });
                self.before((Some(i), Vec::new(), Part::Body));
                self.x.open("p", &[]);
                self.inline(None, text, (Some(i), Vec::new(), Part::Body));
                self.x.close();
                self.x.close();
            }
            Block::List { items } => {
                self.x.open("ol", &[("id", &id), ("class", "list")]);
                self.items(i, items, &mut Vec::new());
                self.x.close();
            }
            Block::Table {
                caption,
                header_rows,
                rows,
            } => self.table(i, caption.as_ref(), *header_rows, rows),
            Block::Figure {
                src,
                alt,
                caption,
                width,
            } => self.figure(i, src, alt, caption.as_ref(), *width),
        }
    }

    /// A table: its caption, the header rows in `thead` (`th
    /// scope="col"`), the others in `tbody`; spans and alignment from the
    /// grid (`model::table`), numbers aligned at the end.
    fn table(&mut self, i: usize, caption: Option<&Text>, header_rows: usize, rows: &[Vec<Cell>]) {
        let Ok(grid) = grid(rows, header_rows, &format!("blocks[{i}]")) else {
            return;
        };
        self.x.open("table", &[("id", &block_id(i, &[]))]);
        if let Some(caption) = caption {
            self.x.open("caption", &[]);
            self.inline(None, caption, (Some(i), Vec::new(), Part::Caption));
            self.x.close();
        }
        let mut group: Option<bool> = None;
        let mut row = usize::MAX;
        for (k, cell) in grid.cells.iter().enumerate() {
            if cell.row != row {
                if row != usize::MAX {
                    self.x.close();
                }
                let head = grid.in_head(cell);
                if group != Some(head) {
                    if group.is_some() {
                        self.x.close();
                    }
                    self.x.open(if head { "thead" } else { "tbody" }, &[]);
                    group = Some(head);
                }
                self.x.open("tr", &[]);
                row = cell.row;
            }
            let (colspan, rowspan) = (cell.colspan.to_string(), cell.rowspan.to_string());
            let mut attrs: Vec<(&str, &str)> = Vec::new();
            if cell.row_header {
                attrs.push(("scope", "row"));
            } else if cell.header {
                attrs.push(("scope", "col"));
            }
            if cell.colspan > 1 {
                attrs.push(("colspan", &colspan));
            }
            if cell.rowspan > 1 {
                attrs.push(("rowspan", &rowspan));
            }
            attrs.push((
                "class",
                match cell.align {
                    CellAlign::Start => "start",
                    CellAlign::Center => "center",
                    CellAlign::End => "end",
                },
            ));
            self.x.open(if cell.header { "th" } else { "td" }, &attrs);
            let text = &rows[cell.row][cell.index].text;
            self.inline(None, text, (Some(i), vec![k], Part::Cell));
            self.x.close();
        }
        self.x.close(); // tr
        self.x.close(); // thead or tbody
        self.x.close(); // table
    }

    /// A figure: the image with its alternative text, its width a share
    /// of the text's, and its caption.
    fn figure(
        &mut self,
        i: usize,
        src: &str,
        alt: &str,
        caption: Option<&Text>,
        width: Option<f64>,
    ) {
        let file = self.images.get(src).cloned().unwrap_or_default();
        // A page that starts with the figure starts at its caption's first
        // line: its marker goes before the figure.
        self.before((Some(i), Vec::new(), Part::Caption));
        self.x.open("figure", &[("id", &block_id(i, &[]))]);
        let style = width.map(|w| format!("width: {:.1}%", w * 100.0));
        let mut attrs = vec![("src", file.as_str()), ("alt", alt)];
        if let Some(style) = &style {
            attrs.push(("style", style));
        }
        self.x.empty("img", &attrs);
        if let Some(caption) = caption {
            self.x.open("figcaption", &[]);
            self.inline(None, caption, (Some(i), Vec::new(), Part::Caption));
            self.x.close();
        }
        self.x.close();
    }

    fn items(&mut self, block: usize, items: &[ListItem], at: &mut Vec<usize>) {
        for (k, item) in items.iter().enumerate() {
            at.push(k);
            let id = block_id(block, at);
            self.x.open("li", &[("id", &id)]);
            self.before((Some(block), at.clone(), Part::Label));
            self.before((Some(block), at.clone(), Part::ItemBody));
            if let Some(label) = &item.label {
                self.x.leaf("span", &[("class", "label")], label);
                self.x.text(" ");
            }
            self.inline(None, &item.text, (Some(block), at.clone(), Part::ItemBody));
            if !item.items.is_empty() {
                self.x.open("ol", &[("class", "list")]);
                self.items(block, &item.items, at);
                self.x.close();
            }
            self.x.close();
            at.pop();
        }
    }

    /// Writes the markers of the pages that start at the beginning of `place`.
    fn before(&mut self, place: Place) {
        let pages = self.map.take_at_start(place);
        self.markers(pages.into_iter());
    }

    fn markers(&mut self, pages: impl Iterator<Item = usize>) {
        for n in pages {
            let label = n.to_string();
            let id = format!("page-{n}");
            self.x.empty(
                "span",
                &[
                    ("epub:type", "pagebreak"),
                    ("role", "doc-pagebreak"),
                    ("id", &id),
                    ("aria-label", &label),
                    ("title", &label),
                ],
            );
            self.out.pages.push((n, format!("{}#{id}", self.file)));
        }
    }

    /// Writes a text after an optional unstyled prefix, with the markers of
    /// the pages that start inside it at their byte offsets, and the
    /// references of its notes.
    ///
    /// Offsets count the spans' text, as the layout's pieces hold it; a
    /// note span has none. A reference belongs to the text before it: a
    /// page that starts where a note stands starts after its reference.
    fn inline(&mut self, prefix: Option<String>, text: &Text, place: Place) {
        let doc = self.doc;
        let mut breaks = self.map.take(place).into_iter().peekable();
        let mut offset = 0;
        // The document's own spans, so that each note is found by its text.
        let plain;
        let spans: &[Span] = match text {
            Text::Spans(spans) => spans,
            Text::Plain(_) => {
                plain = text.spans();
                &plain
            }
        };
        let prefix = prefix.map(Span::new);
        for span in prefix.iter().chain(spans) {
            if let Some(note) = &span.note {
                // The layout prints a narrow no-break space and the label
                // (layout::pieces): page positions count them.
                if let Some(k) = self.reference(note) {
                    offset += '\u{202F}'.len_utf8() + self.notes.label(k).len();
                }
                continue;
            }
            let s = span.text.as_str();
            let end = offset + s.len();
            // Markers at the segment's start go before its element.
            while let Some(&(at, n)) = breaks.peek() {
                if at > offset {
                    break;
                }
                self.markers(std::iter::once(n));
                breaks.next();
            }
            let opened = open_span(&mut self.x, &doc.lang, span);
            let mut from = 0;
            while let Some(&(at, n)) = breaks.peek() {
                if at >= end {
                    break;
                }
                let mut cut = at - offset;
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                let cut = cut.max(from);
                numbers_in_order(&mut self.x, &s[from..cut]);
                from = cut;
                self.markers(std::iter::once(n));
                breaks.next();
            }
            numbers_in_order(&mut self.x, &s[from..]);
            for _ in 0..opened {
                self.x.close();
            }
            offset = end;
        }
        let rest = breaks.map(|(_, n)| n).collect::<Vec<_>>();
        self.markers(rest.into_iter());
    }

    /// Writes the reference to the note whose text is `note`, and keeps the
    /// note for the end of this content document.
    fn reference(&mut self, note: &Text) -> Option<usize> {
        let k = self.notes.find(note)?;
        self.notes.reference(&mut self.x, k);
        self.referenced.push(k);
        self.out.references += 1;
        Some(k)
    }
}

fn heading_tag(level: u8) -> &'static str {
    match level {
        1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}
