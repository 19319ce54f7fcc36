//! The document model: the public JSON contract, and its validation.
//!
//! A [`Document`] is read from JSON with [`parse_json`], which reports the
//! line, column and JSON path of any error and returns the warnings that
//! [`validate`] found (numbering that skips or repeats).

mod build;
pub mod language;
mod parse;
mod probe;
pub mod read;
pub mod semantics;
mod source;
pub mod table;
mod validate;
mod write_markdown;

pub use parse::parse_json;
pub use read::{parse_markdown, parse_pandoc_json};
pub(crate) use validate::{calendar_date, check_href};
pub use validate::{validate, Warning};
pub use write_markdown::write_markdown;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A document: metadata and a flat list of blocks in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// BCP 47 language tag of the document; Arabic when absent. It decides
    /// the direction, the digits and the words warraq generates (`ar`, `fa`,
    /// `ur`, `ckb`, `ps`, `ug`, `he`, `en`, `fr`; `-u-nu-latn` for Latin
    /// digits); another language takes its script's, with a warning.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// The title, printed on the first page and written to the metadata; a
    /// note may hang on it (a `note` span).
    pub title: Text,
    /// An optional second title line, which may carry a note too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Text>,
    /// The document symbol (e.g. `CTOC/COP/WG.4/2019/6`): running header and identifiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// The job number printed in the footer (e.g. `V.19-09715`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_number: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`) of the document, used in the metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// How lines are justified; by default kashida for Arabic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justify: Option<Justify>,
    /// The first page's masthead, as the UN prints it above the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masthead: Option<Masthead>,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

fn default_lang() -> String {
    "ar".to_string()
}

/// The masthead of a UN document's first page: who issues it, for whom, in
/// which language, for which meeting. Every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Masthead {
    /// The organ, printed in bold: `مؤتمر الأطراف في اتفاقية …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organ: Option<String>,
    /// The distribution: `عام` (printed `التوزيع: عام`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
    /// The date as printed: `٢٣ أيلول/سبتمبر ٢٠١٩`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The original language: `الإنكليزية` (printed `الأصل: الإنكليزية`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The meeting, one entry per printed line (body, place and dates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meeting: Vec<String>,
    /// The agenda item: `البند ٢ من جدول الأعمال المؤقَّت`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<String>,
}

/// One block of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A section heading: level 1 (أولاً …) or 2 (ألف …).
    Heading {
        /// 1 or 2.
        level: u8,
        /// The label printed before the text, e.g. `أولاً`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        /// The heading text.
        text: Text,
    },
    /// A paragraph, with an optional hanging number.
    Paragraph {
        /// Printed as a hanging number in the language's digits (`١-`, `۱-`, `1.`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<u32>,
        /// The paragraph text.
        text: Text,
    },
    /// A recommendation, printed under the heading `التوصية N` (`توصیه N`,
    /// `Recommendation N`… in the document's language).
    Recommendation {
        /// The recommendation's number.
        number: u32,
        /// The recommendation's text.
        text: Text,
    },
    /// A list of labelled items, which may nest.
    List {
        /// The items, in order.
        items: Vec<ListItem>,
    },
    /// A table: rows of cells, the first `header_rows` of them headers.
    Table {
        /// The caption printed above the table.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<Text>,
        /// How many rows, from the top, are header rows (repeated on every
        /// page the table runs onto); 0 by default.
        #[serde(default, skip_serializing_if = "is_zero")]
        header_rows: usize,
        /// The rows, top to bottom; each row's cells in reading order (from
        /// the start edge: right to left in a right-to-left document).
        rows: Vec<Vec<Cell>>,
    },
    /// A figure: a PNG or JPEG image with its alternative text.
    Figure {
        /// The image file, relative to the document file: a PNG or a JPEG.
        src: String,
        /// The alternative text read instead of the image: required, not empty.
        alt: String,
        /// The caption printed under the image.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<Text>,
        /// The image's width as a fraction of the measure, in (0, 1]; by
        /// default its natural size (a pixel is 1/96 inch, as in CSS),
        /// never wider than the measure.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        width: Option<f64>,
    },
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One cell of a table: a text, or a text with its spans and alignment.
///
/// In JSON, a cell is a string or spans (as any [`Text`]), or an object
/// `{"text", "colspan"?, "rowspan"?, "align"?, "header"?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(from = "RawCell", into = "RawCell")]
pub struct Cell {
    /// The cell's text (may be empty: an empty cell).
    pub text: Text,
    /// How many columns the cell spans (at least 1).
    pub colspan: usize,
    /// How many rows the cell spans (at least 1).
    pub rowspan: usize,
    /// The alignment of the cell's lines; by default `end` for a numeric
    /// cell (digits and separators only) and `start` for the others.
    pub align: Option<CellAlign>,
    /// A header of its row (a cell of a header row is a header of its
    /// column anyway): the first cell of a body row that names what the row
    /// holds, read with every cell of the row.
    pub header: bool,
}

impl Cell {
    /// A cell of one column and one row, aligned by its content.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: Text::Plain(text.into()),
            colspan: 1,
            rowspan: 1,
            align: None,
            header: false,
        }
    }
}

/// How a cell's lines are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CellAlign {
    /// At the start edge (the right in a right-to-left document).
    Start,
    /// Centred.
    Center,
    /// At the end edge.
    End,
}

/// The JSON form of a [`Cell`].
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(title = "Cell")]
enum RawCell {
    /// A text alone.
    Text(Text),
    /// A text with its spans and alignment.
    Full(FullCell),
}

/// A cell as an object.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FullCell {
    /// The cell's text.
    text: Text,
    /// Columns spanned; 1 by default.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    colspan: usize,
    /// Rows spanned; 1 by default.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    rowspan: usize,
    /// `start`, `center` or `end`; by default `end` for numbers, else `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    align: Option<CellAlign>,
    /// `true`: the cell heads its row (a row header).
    #[serde(default, skip_serializing_if = "is_false")]
    header: bool,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl From<RawCell> for Cell {
    fn from(raw: RawCell) -> Cell {
        match raw {
            RawCell::Text(text) => Cell {
                text,
                colspan: 1,
                rowspan: 1,
                align: None,
                header: false,
            },
            RawCell::Full(c) => Cell {
                text: c.text,
                colspan: c.colspan,
                rowspan: c.rowspan,
                align: c.align,
                header: c.header,
            },
        }
    }
}

impl From<Cell> for RawCell {
    fn from(cell: Cell) -> RawCell {
        if cell.colspan == 1 && cell.rowspan == 1 && cell.align.is_none() && !cell.header {
            RawCell::Text(cell.text)
        } else {
            RawCell::Full(FullCell {
                text: cell.text,
                colspan: cell.colspan,
                rowspan: cell.rowspan,
                align: cell.align,
                header: cell.header,
            })
        }
    }
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    /// The label hanging before the item: `(أ)`, `١-`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The item's text.
    pub text: Text,
    /// Nested items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ListItem>,
}

/// Text: a plain string, or spans with their own language or weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    /// Plain text in the document's language.
    Plain(String),
    /// Spans, concatenated in order.
    Spans(Vec<Span>),
}

/// A run of text with its own language, weight or link — or a note.
///
/// A span holds either `text` or a `note` (the note's text, printed at the
/// foot of the page and referred to by a raised mark where the span stands).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawSpan", into = "RawSpan")]
pub struct Span {
    /// The span's text (empty in a note span).
    pub text: String,
    /// BCP 47 language tag, when it differs from the document's.
    pub lang: Option<String>,
    /// Bold.
    pub strong: bool,
    /// The target of a link: an absolute `http`, `https` or `mailto` URI.
    pub href: Option<String>,
    /// A note: its text (no nested notes). The span prints its mark only.
    pub note: Option<Text>,
    /// The mark of a note, instead of its number (the UN uses `*` for notes
    /// on the title or symbol). Only with `note`.
    pub mark: Option<String>,
}

/// The JSON form of a [`Span`]: `text` or `note`, and the optional fields.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Span",
    extend("oneOf" = [{"required": ["text"]}, {"required": ["note"]}])
)]
struct RawSpan {
    /// The span's text; a span has either `text` or `note`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// A footnote: a text (string or spans, without notes), printed at the
    /// foot of the page; numbered 1, 2, 3… through the document in its
    /// digits unless `mark` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<Text>,
    /// The mark of the note instead of its number, e.g. `*`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mark: Option<String>,
    /// BCP 47 language tag, when it differs from the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    /// Bold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    strong: bool,
    /// A link: an absolute `http`, `https` or `mailto` URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    href: Option<String>,
}

impl TryFrom<RawSpan> for Span {
    type Error = &'static str;

    fn try_from(raw: RawSpan) -> std::result::Result<Self, Self::Error> {
        let text = match (raw.text, &raw.note) {
            (Some(_), Some(_)) => return Err("a span has either `text` or `note`, not both"),
            (None, None) => return Err("a span needs `text` or `note`"),
            (Some(text), None) => text,
            (None, Some(_)) => String::new(),
        };
        if raw.mark.is_some() && raw.note.is_none() {
            return Err("`mark` is the mark of a note: it needs `note`");
        }
        Ok(Span {
            text,
            lang: raw.lang,
            strong: raw.strong,
            href: raw.href,
            note: raw.note,
            mark: raw.mark,
        })
    }
}

impl From<Span> for RawSpan {
    fn from(span: Span) -> Self {
        RawSpan {
            text: (span.note.is_none() || !span.text.is_empty()).then_some(span.text),
            note: span.note,
            mark: span.mark,
            lang: span.lang,
            strong: span.strong,
            href: span.href,
        }
    }
}

/// How lines are justified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Justify {
    /// Word spaces stretch up to a limit, then kashida (tatweel) elongation.
    #[default]
    Kashida,
    /// Word spaces only.
    Spaces,
    /// Ragged lines (start-aligned).
    None,
}

impl Text {
    /// The whole text, spans concatenated; notes are not part of it.
    pub fn plain(&self) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Spans(spans) => spans.iter().map(|s| s.text.as_str()).collect(),
        }
    }

    /// Whether any span of this text holds a note.
    pub fn has_notes(&self) -> bool {
        matches!(self, Text::Spans(spans) if spans.iter().any(|s| s.note.is_some()))
    }

    /// The spans of this text; plain text is one span without attributes.
    pub fn spans(&self) -> Vec<Span> {
        match self {
            Text::Plain(s) => vec![Span::new(s.clone())],
            Text::Spans(spans) => spans.clone(),
        }
    }
}

impl Document {
    /// The justification mode in force: the document's, else kashida.
    pub fn justify(&self) -> Justify {
        self.justify.unwrap_or_default()
    }
}

/// The JSON Schema of the model, as pretty-printed JSON.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Document);
    serde_json::to_string_pretty(&schema).expect("a schema serializes")
}
