//! The document model: the public JSON contract, and its validation.
//!
//! A [`Document`] is read from JSON with [`parse_json`], which reports the
//! line, column and JSON path of any error and returns the warnings that
//! [`validate`] found (numbering that skips or repeats).

mod build;
mod parse;
mod probe;
pub mod read;
pub mod semantics;
mod validate;
mod write_markdown;

pub use parse::parse_json;
pub use read::{parse_markdown, parse_pandoc_json};
pub(crate) use validate::calendar_date;
pub use validate::{validate, Warning};
pub use write_markdown::write_markdown;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A document: metadata and a flat list of blocks in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// BCP 47 language tag of the document; Arabic when absent.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// The title, printed on the first page and written to the metadata.
    pub title: String,
    /// An optional second title line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
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
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

fn default_lang() -> String {
    "ar".to_string()
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
        /// Printed as a hanging Arabic-Indic number (`١-`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<u32>,
        /// The paragraph text.
        text: Text,
    },
    /// A recommendation, printed under the heading `التوصية N`.
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

/// A run of text with its own language or weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// The span's text.
    pub text: String,
    /// BCP 47 language tag, when it differs from the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Bold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
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
    /// The whole text, spans concatenated.
    pub fn plain(&self) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Spans(spans) => spans.iter().map(|s| s.text.as_str()).collect(),
        }
    }

    /// The spans of this text; plain text is one span without attributes.
    pub fn spans(&self) -> Vec<Span> {
        match self {
            Text::Plain(s) => vec![Span {
                text: s.clone(),
                lang: None,
                strong: false,
            }],
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
