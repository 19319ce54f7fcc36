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
