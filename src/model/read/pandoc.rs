//! pandoc's JSON AST → [`Document`]: `pandoc report.docx -t json | warraq …`.
//!
//! pandoc-api-version 1.22 (pandoc 2.11 – 2.19, Debian 12's 2.17) and 1.23
//! (pandoc 3): the elements read here are the same in both; 1.23 adds the
//! `Figure` block (1.22 writes a figure as a paragraph holding one image).
//! Tables and figures are read in `table`. Errors name the element and its
//! path in the AST (`blocks[3].c[1]`).
//!
//! A `Note` is a note span where it stands; its content is one `Para` or
//! `Plain` (a note of several paragraphs is refused: the model's note is
//! one text, and joining paragraphs would change it silently). pandoc keeps
//! no note marks, so every note is numbered. A `Link` is a span with
//! `href` (its attributes and title are ignored: word processors add them).
//! Notes may hang on the `title` and `subtitle` (pandoc reads
//! `title: تقرير[^*]` so); the `masthead` is a map of its fields.

use std::rc::Rc;

use serde_json::Value;

use super::conventions::{self, Delimiter, Note, Numbering, Styled};
use super::{check_size, finish, refuse};
use crate::error::{Error, Location, Result, SourceKind};
use crate::limits::MAX_LIST_DEPTH;
use crate::model::language::Locale;
use crate::model::{Block, Document, Justify, ListItem, Masthead, Text, Warning};

mod table;

/// The pandoc-api-version minor numbers read (major 1).
const API_VERSIONS: [u64; 2] = [22, 23];

/// Parses and validates a document from pandoc's JSON AST (`pandoc -t json`).
///
/// Metadata fields (`title`, `subtitle`, `symbol`, `job_number`, `date`,
/// `lang`, `justify`) become the document's; others are ignored with a
/// warning (word processors add authors and dates of their own). Errors
/// carry the path of the pandoc element ([`Error::Source`]).
pub fn parse_pandoc_json(text: &str) -> Result<(Document, Vec<Warning>)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    check_size(text)?;
    let ast: Value = serde_json::from_str(text).map_err(|err| Error::Source {
        kind: SourceKind::Pandoc,
        location: Location {
            line: Some(err.line()),
            column: Some(err.column()),
            path: String::new(),
        },
        message: format!("not JSON: {err}"),
        hint: Some("make it with `pandoc INPUT -t json`".into()),
    })?;
    let mut reader = Reader::default();
    reader.version(&ast)?;
    let empty = serde_json::Map::new();
    let meta = ast.get("meta").and_then(Value::as_object).unwrap_or(&empty);
    let fields = reader.meta(meta)?;
    let blocks = array(&ast, "blocks", "")?;
    let mut out = Vec::new();
    reader.blocks(blocks, "blocks", &None, &mut out)?;
    if let Some((_, path)) = reader.pending.take() {
        return Err(pending_error(&path));
    }
    let Some(title) = fields.title else {
        return Err(reader.error(
            "meta",
            "the document has no title",
            Some("give pandoc one: --metadata title=… (or a title in the source)"),
        ));
    };
    let doc = Document {
        lang: fields.lang.unwrap_or_else(|| "ar".to_string()),
        title,
        subtitle: fields.subtitle,
        masthead: fields.masthead,
        symbol: fields.symbol,
        job_number: fields.job_number,
        date: fields.date,
        justify: fields.justify,
        blocks: out,
    };
    let Reader {
        warnings, paths, ..
    } = reader;
    let place = |path: &str| {
        let source = match super::block_index(path) {
            Some(i) => paths.get(i).cloned().unwrap_or_default(),
            None => format!("meta.{}", path.split(['.', '[']).next().unwrap_or(path)),
        };
        Location {
            path: format!("{source} (document `{path}`)"),
            ..Location::default()
        }
    };
    finish(doc, SourceKind::Pandoc, warnings, place)
}

#[derive(Default)]
struct Fields {
    lang: Option<String>,
    title: Option<Text>,
    subtitle: Option<Text>,
    masthead: Option<Masthead>,
    symbol: Option<String>,
    job_number: Option<String>,
    date: Option<String>,
    justify: Option<Justify>,
}

struct Reader {
    /// The document's language, for the labels of ordered lists.
    locale: Locale,
    /// Whether the document is right-to-left: the sides of `AlignLeft`.
    rtl: bool,
    warnings: Vec<Warning>,
    /// The AST path of each block, for locating validation errors.
    paths: Vec<String>,
    /// A recommendation heading waiting for its paragraph: number, path.
    pending: Option<(u32, String)>,
    /// Reading the content of a note: a note here is a note in a note.
    in_note: bool,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            locale: Locale::of("ar"),
            rtl: true,
            warnings: Vec::new(),
            paths: Vec::new(),
            pending: None,
            in_note: false,
        }
    }
}

fn at(path: &str) -> Location {
    Location {
        path: path.to_string(),
        ..Location::default()
    }
}

fn malformed(path: &str, what: &str) -> Error {
    refuse(
        SourceKind::Pandoc,
        at(path),
        format!("malformed pandoc JSON: expected {what}"),
        Some("make it with `pandoc INPUT -t json`"),
    )
}

fn pending_error(path: &str) -> Error {
    refuse(
        SourceKind::Pandoc,
        at(path),
        "a recommendation heading (`التوصية N`, level 3) must be followed by its paragraph",
        None,
    )
}

/// `value[key]` as an array.
fn array<'v>(value: &'v Value, key: &str, path: &str) -> Result<&'v Vec<Value>> {
    value
        .get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| malformed(path, &format!("an array `{key}`")))
}

/// The tag (`t`) and content (`c`) of an element.
fn element<'v>(value: &'v Value, path: &str) -> Result<(&'v str, &'v Value)> {
    let tag = value
        .get("t")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed(path, "an element {\"t\": …, \"c\": …}"))?;
    Ok((tag, value.get("c").unwrap_or(&Value::Null)))
}

/// Item `i` of an array value.
fn nth<'v>(value: &'v Value, i: usize, path: &str, what: &str) -> Result<&'v Value> {
    value
        .as_array()
        .and_then(|a| a.get(i))
        .ok_or_else(|| malformed(path, what))
}

fn elements<'v>(value: &'v Value, path: &str) -> Result<&'v Vec<Value>> {
    value.as_array().ok_or_else(|| malformed(path, "an array"))
}

/// What an element without a mapping is, and which issue will map it.
fn unmapped(tag: &str) -> String {
    let why = match tag {
        "Image" => {
            " inside running text: a figure is a paragraph holding only the image \
             (or a Figure)"
        }
        "Emph" | "Underline" => ": the model has no emphasis (only strong)",
        _ => "",
    };
    format!("the pandoc element {tag} has no mapping in warraq's model{why}")
}

/// The attributes of a Span or Div: `[id, [classes], [[key, value]]]`.
struct Attr {
    lang: Option<Rc<str>>,
}

/// The style in force over inlines: strong, language and link.
#[derive(Clone, Default)]
struct Style {
    strong: bool,
    lang: Option<Rc<str>>,
    href: Option<Rc<str>>,
}

/// The masthead's fields, as the front matter names them.
const MASTHEAD_FIELDS: &str = "organ, distribution, date, original, meeting, agenda_item";

impl Reader {
    fn error(&self, path: &str, message: impl Into<String>, hint: Option<&str>) -> Error {
        refuse(SourceKind::Pandoc, at(path), message, hint)
    }

    fn version(&self, ast: &Value) -> Result<()> {
        let version = ast.get("pandoc-api-version").and_then(Value::as_array);
        let Some(version) = version else {
            return Err(self.error(
                "",
                "not pandoc's JSON AST: it has no `pandoc-api-version`",
                Some("make it with `pandoc INPUT -t json`; for warraq's own JSON, use --from json"),
            ));
        };
        let numbers: Vec<u64> = version.iter().filter_map(Value::as_u64).collect();
        match numbers.as_slice() {
            [1, minor, ..] if API_VERSIONS.contains(minor) => Ok(()),
            _ => Err(self.error(
                "pandoc-api-version",
                format!(
                    "pandoc-api-version {} is not read (1.22 and 1.23 are)",
                    numbers
                        .iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                ),
                Some("pandoc 2.11 to 3.x write these versions"),
            )),
        }
    }

    fn meta(&mut self, meta: &serde_json::Map<String, Value>) -> Result<Fields> {
        let mut fields = Fields::default();
        for (key, value) in meta {
            let path = format!("meta.{key}");
            let slot = match key.as_str() {
                "lang" => &mut fields.lang,
                "title" | "subtitle" => {
                    let text = conventions::to_text(&self.meta_chars(value, &path)?);
                    match key.as_str() {
                        "title" => fields.title = Some(text),
                        _ => fields.subtitle = Some(text),
                    }
                    continue;
                }
                "symbol" => &mut fields.symbol,
                "job_number" => &mut fields.job_number,
                "date" => &mut fields.date,
                "justify" => {
                    let word = self.meta_string(value, &path)?;
                    let justify = serde_json::from_value(Value::String(word.clone()));
                    fields.justify = Some(justify.map_err(|_| {
                        self.error(
                            &path,
                            format!("justify `{word}` is not kashida, spaces or none"),
                            None,
                        )
                    })?);
                    continue;
                }
                "masthead" => {
                    fields.masthead = Some(self.masthead(value, &path)?);
                    continue;
                }
                _ => {
                    self.warnings.push(Warning {
                        location: at(&path),
                        message: format!(
                            "metadata field `{key}` has no place in the model; ignored"
                        ),
                    });
                    continue;
                }
            };
            *slot = Some(self.meta_string(value, &path)?);
        }
        if let Some(lang) = &fields.lang {
            self.locale = Locale::of(lang);
            self.rtl = crate::model::semantics::is_rtl_lang(lang);
        }
        Ok(fields)
    }

    /// The masthead: a MetaMap of its fields, each a line of text, and
    /// `meeting` a list of lines (or one line).
    fn masthead(&mut self, value: &Value, path: &str) -> Result<Masthead> {
        let (tag, content) = element(value, path)?;
        let Some(map) = content.as_object().filter(|_| tag == "MetaMap") else {
            return Err(self.error(
                path,
                format!("the masthead is a map of its fields ({MASTHEAD_FIELDS}), not a {tag}"),
                None,
            ));
        };
        let mut masthead = Masthead::default();
        for (key, value) in map {
            let path = format!("{path}.c.{key}");
            let slot = match key.as_str() {
                "organ" => &mut masthead.organ,
                "distribution" => &mut masthead.distribution,
                "date" => &mut masthead.date,
                "original" => &mut masthead.original,
                "agenda_item" => &mut masthead.agenda_item,
                "meeting" => {
                    masthead.meeting = match element(value, &path)? {
                        ("MetaList", lines) => elements(lines, &path)?
                            .iter()
                            .enumerate()
                            .map(|(i, line)| self.meta_string(line, &format!("{path}.c[{i}]")))
                            .collect::<Result<_>>()?,
                        _ => vec![self.meta_string(value, &path)?],
                    };
                    continue;
                }
                other => {
                    return Err(self.error(
                        &path,
                        format!("the masthead has no field `{other}`"),
                        Some(&format!("its fields are {MASTHEAD_FIELDS}")),
                    ))
                }
            };
            *slot = Some(self.meta_string(value, &path)?);
        }
        Ok(masthead)
    }

    /// A metadata value as one line of text.
    fn meta_string(&mut self, value: &Value, path: &str) -> Result<String> {
        let chars = self.meta_chars(value, path)?;
        if chars
            .iter()
            .any(|s| s.strong || s.lang.is_some() || s.href.is_some() || s.note.is_some())
        {
            return Err(self.error(
                path,
                "a metadata field with strong, language, link or note spans: it is one plain line",
                None,
            ));
        }
        Ok(chars.iter().map(|s| s.c).collect())
    }

    /// The styled characters of a metadata value (one line of inlines).
    fn meta_chars(&mut self, value: &Value, path: &str) -> Result<Vec<Styled>> {
        let (tag, content) = element(value, path)?;
        match tag {
            "MetaString" => Ok(content
                .as_str()
                .unwrap_or_default()
                .chars()
                .map(Styled::plain)
                .collect()),
            "MetaInlines" => self.inlines(content, &format!("{path}.c"), &None),
            "MetaBlocks" => match elements(content, path)?.as_slice() {
                [block] => match element(block, &format!("{path}.c[0]"))? {
                    ("Para" | "Plain", inlines) => {
                        self.inlines(inlines, &format!("{path}.c[0].c"), &None)
                    }
                    (other, _) => Err(self.error(path, unmapped(other), None)),
                },
                _ => Err(self.error(path, "a metadata field of several paragraphs", None)),
            },
            other => Err(self.error(
                path,
                format!("a metadata field of type {other}: a string is expected"),
                None,
            )),
        }
    }

    /// Maps `blocks` (at `path`) into `out`; Divs are read through.
    fn blocks(
        &mut self,
        blocks: &[Value],
        path: &str,
        lang: &Option<Rc<str>>,
        out: &mut Vec<Block>,
    ) -> Result<()> {
        for (i, block) in blocks.iter().enumerate() {
            let path = format!("{path}[{i}]");
            let (tag, c) = element(block, &path)?;
            if let Some((_, heading)) = &self.pending {
                if !matches!(tag, "Para" | "Plain" | "Div") {
                    return Err(pending_error(heading));
                }
            }
            match tag {
                "Para" | "Plain" if self.pending.is_none() && table::is_figure(c) => {
                    let figure = self.image_paragraph(c, &path)?;
                    out.extend(figure);
                    self.paths.push(path);
                }
                "Figure" => {
                    out.push(self.figure(c, &path, lang)?);
                    self.paths.push(path);
                }
                "Table" => {
                    let table = self.table(c, &path, lang)?;
                    self.drop_repeated_caption(&table, &path, out);
                    out.push(table);
                    self.paths.push(path);
                }
                "Para" | "Plain" => {
                    let chars = self.inlines(c, &format!("{path}.c"), lang)?;
                    out.push(self.paragraph(&chars));
                    self.paths.push(path);
                }
                "Header" => self.header(c, &path, lang, out)?,
                "BulletList" | "OrderedList" => {
                    let items = self.list(tag, c, &path, lang, 1)?;
                    out.push(Block::List { items });
                    self.paths.push(path);
                }
                "Div" => {
                    let attr = self.attr(nth(c, 0, &path, "Div attributes")?, &path)?;
                    let lang = attr.lang.or_else(|| lang.clone());
                    let inner = elements(nth(c, 1, &path, "Div blocks")?, &path)?;
                    self.blocks(inner, &format!("{path}.c[1]"), &lang, out)?;
                }
                "Null" => {}
                other => return Err(self.error(&path, unmapped(other), None)),
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, chars: &[Styled]) -> Block {
        if let Some((number, _)) = self.pending.take() {
            return Block::Recommendation {
                number,
                text: conventions::to_text(chars),
            };
        }
        match conventions::paragraph_number(chars) {
            Some((n, at)) => Block::Paragraph {
                number: Some(n),
                text: conventions::to_text(&chars[at..]),
            },
            None => Block::Paragraph {
                number: None,
                text: conventions::to_text(chars),
            },
        }
    }

    /// `Header level attr inlines`: a heading, or a recommendation's heading.
    fn header(
        &mut self,
        c: &Value,
        path: &str,
        lang: &Option<Rc<str>>,
        out: &mut Vec<Block>,
    ) -> Result<()> {
        let level = nth(c, 0, path, "a header level")?
            .as_u64()
            .ok_or_else(|| malformed(path, "a header level"))?;
        let inlines = nth(c, 2, path, "header text")?;
        let chars = self.inlines(inlines, &format!("{path}.c[2]"), lang)?;
        match (level, conventions::recommendation_number(&chars)) {
            (1 | 2, _) => {
                let (label, text) = match conventions::heading_label(&chars) {
                    Some((label, at)) => (Some(label), &chars[at..]),
                    None => (None, &chars[..]),
                };
                out.push(Block::Heading {
                    level: level as u8,
                    label,
                    text: conventions::to_text(text),
                });
                self.paths.push(path.to_string());
            }
            (3, Some(n)) => self.pending = Some((n, path.to_string())),
            _ => {
                return Err(self.error(
                    path,
                    format!(
                        "a Header of level {level} has no mapping: levels 1 and 2 are \
                         headings, and level 3 only as `التوصية N` (a recommendation)"
                    ),
                    None,
                ))
            }
        }
        Ok(())
    }

    /// The items of a BulletList or OrderedList.
    fn list(
        &mut self,
        tag: &str,
        c: &Value,
        path: &str,
        lang: &Option<Rc<str>>,
        depth: usize,
    ) -> Result<Vec<ListItem>> {
        if depth > MAX_LIST_DEPTH {
            return Err(Error::Limit {
                location: at(path),
                message: format!("lists nest deeper than {MAX_LIST_DEPTH} levels"),
            });
        }
        let (numbering, items, items_path) = if tag == "OrderedList" {
            let attrs = nth(c, 0, path, "list attributes")?;
            let start = nth(attrs, 0, path, "a list start")?.as_u64().unwrap_or(1);
            let style = element(nth(attrs, 1, path, "a list style")?, path)?.0;
            let delim = element(nth(attrs, 2, path, "a list delimiter")?, path)?.0;
            let numbering = match style {
                "LowerAlpha" => Numbering::LowerAlpha,
                "UpperAlpha" => Numbering::UpperAlpha,
                "LowerRoman" => Numbering::LowerRoman,
                "UpperRoman" => Numbering::UpperRoman,
                _ => Numbering::Decimal,
            };
            let delimiter = match delim {
                "OneParen" => Delimiter::Paren,
                "TwoParens" => Delimiter::Parens,
                _ => Delimiter::Period,
            };
            let items = nth(c, 1, path, "list items")?;
            (
                Some((start, numbering, delimiter)),
                items,
                format!("{path}.c[1]"),
            )
        } else {
            (None, c, format!("{path}.c"))
        };
        let mut out = Vec::new();
        for (k, item) in elements(items, &items_path)?.iter().enumerate() {
            let item_path = format!("{items_path}[{k}]");
            let marker = numbering.map(|(start, numbering, delimiter)| {
                let n = start.saturating_add(k as u64);
                conventions::ordered_label(n, numbering, delimiter, &self.locale)
            });
            out.push(self.item(item, &item_path, marker, lang, depth)?);
        }
        Ok(out)
    }

    /// One item: a Plain or Para, then at most one nested list.
    fn item(
        &mut self,
        item: &Value,
        path: &str,
        marker: Option<String>,
        lang: &Option<Rc<str>>,
        depth: usize,
    ) -> Result<ListItem> {
        let blocks = elements(item, path)?;
        let mut chars = Vec::new();
        let mut nested = Vec::new();
        for (j, block) in blocks.iter().enumerate() {
            let block_path = format!("{path}[{j}]");
            let (tag, c) = element(block, &block_path)?;
            match (j, tag) {
                (0, "Plain" | "Para") => {
                    chars = self.inlines(c, &format!("{block_path}.c"), lang)?
                }
                (1, "BulletList" | "OrderedList") => {
                    nested = self.list(tag, c, &block_path, lang, depth + 1)?
                }
                (_, "Plain" | "Para" | "BulletList" | "OrderedList") => {
                    return Err(self.error(
                        &block_path,
                        format!(
                            "a list item holds one paragraph, then at most one nested list; \
                             this {tag} comes after them"
                        ),
                        None,
                    ))
                }
                (_, other) => return Err(self.error(&block_path, unmapped(other), None)),
            }
        }
        let (label, text) = match conventions::item_label(&chars) {
            Some((label, at)) => (Some(label), &chars[at..]),
            None => (marker, &chars[..]),
        };
        Ok(ListItem {
            label,
            text: conventions::to_text(text),
            items: nested,
        })
    }

    /// The styled characters of a list of inlines at `path`, in `lang`.
    fn inlines(
        &mut self,
        inlines: &Value,
        path: &str,
        lang: &Option<Rc<str>>,
    ) -> Result<Vec<Styled>> {
        let mut out = Vec::new();
        let style = Style {
            lang: lang.clone(),
            ..Style::default()
        };
        self.inlines_into(inlines, path, &style, &mut out)?;
        Ok(out)
    }

    fn inlines_into(
        &mut self,
        inlines: &Value,
        path: &str,
        style: &Style,
        out: &mut Vec<Styled>,
    ) -> Result<()> {
        let push = |out: &mut Vec<Styled>, c: char, plain: bool| {
            out.push(Styled {
                c,
                plain,
                strong: style.strong,
                lang: style.lang.clone(),
                href: style.href.clone(),
                note: None,
            })
        };
        for (i, inline) in elements(inlines, path)?.iter().enumerate() {
            let path = format!("{path}[{i}]");
            let (tag, c) = element(inline, &path)?;
            match tag {
                "Str" => {
                    let text = c.as_str().ok_or_else(|| malformed(&path, "a string"))?;
                    text.chars().for_each(|ch| push(out, ch, true));
                }
                "Space" | "SoftBreak" => push(out, ' ', true),
                "LineBreak" => push(out, '\n', false),
                "Strong" => {
                    let strong = Style {
                        strong: true,
                        ..style.clone()
                    };
                    self.inlines_into(c, &format!("{path}.c"), &strong, out)?
                }
                "Span" => {
                    let attr = self.attr(nth(c, 0, &path, "Span attributes")?, &path)?;
                    let inner = Style {
                        lang: attr.lang.or_else(|| style.lang.clone()),
                        ..style.clone()
                    };
                    let content = nth(c, 1, &path, "Span content")?;
                    self.inlines_into(content, &format!("{path}.c[1]"), &inner, out)?;
                }
                "Link" => self.link(c, &path, style, out)?,
                "Note" => {
                    let note = self.note(c, &path, &style.lang)?;
                    out.push(Styled::note(note));
                }
                "Quoted" => {
                    let kind = element(nth(c, 0, &path, "a quote type")?, &path)?.0;
                    let (open, close) = if kind == "SingleQuote" {
                        ('‘', '’')
                    } else {
                        ('“', '”')
                    };
                    push(out, open, false);
                    let inner = nth(c, 1, &path, "quoted content")?;
                    self.inlines_into(inner, &format!("{path}.c[1]"), style, out)?;
                    push(out, close, false);
                }
                other => return Err(self.error(&path, unmapped(other), None)),
            }
        }
        Ok(())
    }

    /// `Link attr inlines [url, title]`: its text with the target as `href`
    /// (attributes and title ignored).
    fn link(&mut self, c: &Value, path: &str, style: &Style, out: &mut Vec<Styled>) -> Result<()> {
        let target = nth(c, 2, path, "a link target [url, title]")?;
        let url = nth(target, 0, path, "a link URL")?
            .as_str()
            .ok_or_else(|| malformed(path, "a link URL"))?;
        if let Err(Error::Invalid { message, hint, .. }) = crate::model::check_href(url, "") {
            return Err(self.error(path, message, hint.as_deref()));
        }
        let inner = Style {
            href: Some(Rc::from(url)),
            ..style.clone()
        };
        let before = out.len();
        let inlines = nth(c, 1, path, "link text")?;
        self.inlines_into(inlines, &format!("{path}.c[1]"), &inner, out)?;
        if out[before..].iter().all(|s| s.note.is_some()) {
            return Err(self.error(path, "a Link without text", None));
        }
        Ok(())
    }

    /// `Note blocks`: one Para or Plain, the note's text.
    fn note(&mut self, c: &Value, path: &str, lang: &Option<Rc<str>>) -> Result<Note> {
        if self.in_note {
            return Err(self.error(
                path,
                "a Note inside a Note: a note cannot hold a note",
                Some("move the inner note's text into the note"),
            ));
        }
        let blocks = elements(c, path)?;
        let [block] = blocks.as_slice() else {
            return Err(self.error(
                path,
                format!(
                    "a Note of {} blocks: the model's note is one paragraph",
                    blocks.len()
                ),
                Some("join the note's paragraphs into one"),
            ));
        };
        let block_path = format!("{path}.c[0]");
        let inlines = match element(block, &block_path)? {
            ("Para" | "Plain", inlines) => inlines,
            (other, _) => return Err(self.error(&block_path, unmapped(other), None)),
        };
        self.in_note = true;
        let chars = self.inlines(inlines, &format!("{block_path}.c"), lang);
        self.in_note = false;
        Ok(Note {
            text: conventions::to_text(&chars?),
            mark: None,
        })
    }

    /// Reads `lang` (and `dir`, with a warning) from a Span or Div's
    /// attributes; refuses classes and other keys.
    fn attr(&mut self, attr: &Value, path: &str) -> Result<Attr> {
        let classes = elements(nth(attr, 1, path, "attribute classes")?, path)?;
        if let Some(class) = classes.first() {
            return Err(self.error(
                path,
                format!(
                    "the class `{}` has no mapping",
                    class.as_str().unwrap_or("?")
                ),
                Some("Spans and Divs are read for their lang (and dir) attributes only"),
            ));
        }
        let mut lang = None;
        for pair in elements(nth(attr, 2, path, "attribute pairs")?, path)? {
            let key = nth(pair, 0, path, "an attribute key")?
                .as_str()
                .unwrap_or("");
            let value = nth(pair, 1, path, "an attribute value")?
                .as_str()
                .unwrap_or("");
            match key {
                "lang" => lang = Some(Rc::from(value)),
                "dir" => self.warnings.push(Warning {
                    location: at(path),
                    message: conventions::dir_ignored(value),
                }),
                other => {
                    return Err(self.error(
                        path,
                        format!("the attribute `{other}` has no mapping"),
                        Some("Spans and Divs are read for their lang (and dir) attributes only"),
                    ))
                }
            }
        }
        Ok(Attr { lang })
    }
}
