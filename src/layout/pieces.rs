//! Every text the document prints, as pieces ready to be set into lines.

use std::ops::Range;

use super::Geometry;
use crate::model::{Block, Document, Justify, ListItem, Text};
use crate::text::{Align, Paragraph};

/// What a piece of text is, for styling, tagging and extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The document title (first page).
    Title,
    /// The second title line.
    Subtitle,
    /// A section heading, level 1 or 2: `label - text`.
    Heading(u8),
    /// The heading `التوصية N` of a recommendation.
    RecommendationHeading,
    /// The hanging number of a paragraph (`١-`).
    Number,
    /// The text of a paragraph or a recommendation.
    Body,
    /// The hanging label of a list item.
    Label,
    /// The text of a list item.
    ItemBody,
    /// The running header of a page (furniture).
    Header,
    /// The running footer of a page (furniture).
    Footer,
}

/// A styled byte range of a piece's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleRun {
    /// Byte range in the piece's text.
    pub range: Range<usize>,
    /// Language, when it differs from the document's.
    pub lang: Option<String>,
    /// Bold.
    pub strong: bool,
}

/// One text the document prints, with everything needed to set it.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Index of the block it belongs to; `None` for the title block.
    pub block: Option<usize>,
    /// Path of list item indices inside a list block (empty elsewhere).
    pub item: Vec<usize>,
    /// JSON path of the source text, for messages.
    pub path: String,
    /// What the piece is.
    pub role: Role,
    /// The logical text.
    pub text: String,
    /// Styled ranges covering `text` without gaps.
    pub styles: Vec<StyleRun>,
    /// Whether the base direction is right-to-left.
    pub rtl: bool,
    /// Whether the whole piece is bold.
    pub bold: bool,
    /// Font size in points.
    pub size: f32,
    /// Line width in points.
    pub measure: f32,
    /// Distance of the line box's start edge from the text block's start edge.
    pub indent: f32,
    /// How lines are aligned.
    pub align: Align,
    /// Furniture only: the source text (symbol or job number) was longer
    /// than its line and `text` holds what fits (a layout warning).
    pub clipped: bool,
}

impl Piece {
    /// The text engine's view of this piece.
    pub fn paragraph(&self) -> Paragraph<'_> {
        Paragraph {
            text: &self.text,
            styles: &self.styles,
            rtl: self.rtl,
            bold: self.bold,
            size: self.size,
            measure: self.measure,
            align: self.align,
        }
    }
}

/// Whether a language is written right to left.
pub fn is_rtl_lang(lang: &str) -> bool {
    let primary = lang.split('-').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "fa" | "ur" | "he" | "yi" | "ps" | "sd" | "ckb" | "dv" | "ug" | "syr"
    )
}

/// A number written with the document's digits: Arabic-Indic for Arabic.
pub fn format_number(n: u32, lang: &str) -> String {
    let digits = n.to_string();
    if lang.split('-').next() == Some("ar") {
        digits
            .chars()
            .map(|d| char::from_u32(0x0660 + (d as u32 - '0' as u32)).unwrap())
            .collect()
    } else {
        digits
    }
}

/// The label of a paragraph number: `١-` in Arabic, `1.` otherwise.
pub fn number_label(n: u32, lang: &str) -> String {
    if lang.split('-').next() == Some("ar") {
        format!("{}-", format_number(n, lang))
    } else {
        format!("{n}.")
    }
}

/// The heading of a recommendation: `التوصية ١`.
pub fn recommendation_heading(n: u32, lang: &str) -> String {
    if lang.split('-').next() == Some("ar") {
        format!("التوصية {}", format_number(n, lang))
    } else {
        format!("Recommendation {n}")
    }
}

/// The text of a heading: `label - text`, or the text alone.
pub fn heading_text(label: Option<&str>, text: &str) -> String {
    match label {
        Some(label) => format!("{label} - {text}"),
        None => text.to_string(),
    }
}

/// Builds every piece of the document, in reading order.
pub fn pieces(doc: &Document, geometry: &Geometry, justify: Justify) -> Vec<Piece> {
    let mut b = Builder {
        out: Vec::new(),
        geometry,
        rtl: is_rtl_lang(&doc.lang),
        justify,
    };
    let full = geometry.text_width();
    let body_size = geometry.body_size;
    b.push(
        None,
        "title",
        Role::Title,
        plain(&doc.title),
        true,
        16.0,
        0.0,
        full,
        Align::Center,
    );
    if let Some(subtitle) = &doc.subtitle {
        b.push(
            None,
            "subtitle",
            Role::Subtitle,
            plain(subtitle),
            false,
            14.0,
            0.0,
            full,
            Align::Center,
        );
    }
    let hang = geometry.hang;
    let body = b.body_align();
    for (i, block) in doc.blocks.iter().enumerate() {
        let path = format!("blocks[{i}]");
        match block {
            Block::Heading { level, label, text } => {
                let styled = with_prefix(label.as_deref().map(|l| format!("{l} - ")), text);
                let indent = if *level == 1 { 0.0 } else { hang };
                let role = Role::Heading(*level);
                b.push(
                    Some(i),
                    &format!("{path}.text"),
                    role,
                    styled,
                    true,
                    13.0,
                    indent,
                    full - indent,
                    Align::Start,
                );
            }
            Block::Paragraph { number, text } => {
                if let Some(n) = number {
                    let label = plain(&number_label(*n, &doc.lang));
                    b.push(
                        Some(i),
                        &format!("{path}.number"),
                        Role::Number,
                        label,
                        false,
                        body_size,
                        0.0,
                        hang,
                        Align::Start,
                    );
                }
                b.push(
                    Some(i),
                    &format!("{path}.text"),
                    Role::Body,
                    styled(text),
                    false,
                    body_size,
                    hang,
                    full - hang,
                    body,
                );
            }
            Block::Recommendation { number, text } => {
                let heading = plain(&recommendation_heading(*number, &doc.lang));
                b.push(
                    Some(i),
                    &format!("{path}.number"),
                    Role::RecommendationHeading,
                    heading,
                    true,
                    body_size,
                    hang,
                    full - hang,
                    Align::Center,
                );
                b.push(
                    Some(i),
                    &format!("{path}.text"),
                    Role::Body,
                    styled(text),
                    false,
                    body_size,
                    hang,
                    full - hang,
                    body,
                );
            }
            Block::List { items } => b.items(i, &format!("{path}.items"), items, &mut Vec::new()),
        }
    }
    b.out
}

struct Builder<'a> {
    out: Vec<Piece>,
    geometry: &'a Geometry,
    rtl: bool,
    justify: Justify,
}

impl Builder<'_> {
    fn body_align(&self) -> Align {
        match self.justify {
            Justify::None => Align::Start,
            mode => Align::Justify(mode),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        block: Option<usize>,
        path: &str,
        role: Role,
        (text, styles): (String, Vec<StyleRun>),
        bold: bool,
        size: f32,
        indent: f32,
        measure: f32,
        align: Align,
    ) {
        self.push_item(
            block,
            Vec::new(),
            path,
            role,
            (text, styles),
            bold,
            size,
            indent,
            measure,
            align,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn push_item(
        &mut self,
        block: Option<usize>,
        item: Vec<usize>,
        path: &str,
        role: Role,
        (text, styles): (String, Vec<StyleRun>),
        bold: bool,
        size: f32,
        indent: f32,
        measure: f32,
        align: Align,
    ) {
        self.out.push(Piece {
            block,
            item,
            path: path.to_string(),
            role,
            text,
            styles,
            rtl: self.rtl,
            bold,
            size,
            measure,
            indent,
            align,
            clipped: false,
        });
    }

    fn items(&mut self, block: usize, path: &str, items: &[ListItem], at: &mut Vec<usize>) {
        let hang = self.geometry.hang;
        let full = self.geometry.text_width();
        let depth = at.len() as f32 + 1.0;
        let size = self.geometry.body_size;
        let body = self.body_align();
        for (k, item) in items.iter().enumerate() {
            at.push(k);
            let item_path = format!("{path}[{k}]");
            if let Some(label) = &item.label {
                self.push_item(
                    Some(block),
                    at.clone(),
                    &format!("{item_path}.label"),
                    Role::Label,
                    plain(label),
                    false,
                    size,
                    hang * depth,
                    hang,
                    Align::Start,
                );
            }
            let indent = hang * (depth + 1.0);
            self.push_item(
                Some(block),
                at.clone(),
                &format!("{item_path}.text"),
                Role::ItemBody,
                styled(&item.text),
                false,
                size,
                indent,
                full - indent,
                body,
            );
            if !item.items.is_empty() {
                self.items(block, &format!("{item_path}.items"), &item.items, at);
            }
            at.pop();
        }
    }
}

fn plain(s: &str) -> (String, Vec<StyleRun>) {
    (
        s.to_string(),
        vec![StyleRun {
            range: 0..s.len(),
            lang: None,
            strong: false,
        }],
    )
}

fn styled(text: &Text) -> (String, Vec<StyleRun>) {
    with_prefix(None, text)
}

/// The text of `text` after an optional unstyled prefix, with its style runs.
fn with_prefix(prefix: Option<String>, text: &Text) -> (String, Vec<StyleRun>) {
    let mut out = String::new();
    let mut styles = Vec::new();
    if let Some(p) = prefix {
        out.push_str(&p);
        styles.push(StyleRun {
            range: 0..p.len(),
            lang: None,
            strong: false,
        });
    }
    for span in text.spans() {
        let start = out.len();
        out.push_str(&span.text);
        if out.len() > start {
            styles.push(StyleRun {
                range: start..out.len(),
                lang: span.lang.clone(),
                strong: span.strong,
            });
        }
    }
    (out, styles)
}
