//! Every text the document prints, as pieces ready to be set into lines.

use super::Geometry;
use crate::model::semantics::{heading_prefix, is_rtl_lang, number_label, recommendation_heading};
use crate::model::{Block, Document, Justify, ListItem, Text};
use crate::text::{Align, Paragraph, StyleRun};

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

/// Builds every piece of the document, in reading order.
pub fn pieces(doc: &Document, geometry: &Geometry, justify: Justify) -> Vec<Piece> {
    let mut b = Builder {
        out: Vec::new(),
        geometry,
        rtl: is_rtl_lang(&doc.lang),
        justify,
    };
    b.title(doc);
    for (i, block) in doc.blocks.iter().enumerate() {
        b.block(doc, i, block);
    }
    b.out
}

struct Builder<'a> {
    out: Vec<Piece>,
    geometry: &'a Geometry,
    rtl: bool,
    justify: Justify,
}

/// How a piece is set: what it is, its weight and size, its line box.
#[derive(Debug, Clone, Copy)]
struct Setting {
    role: Role,
    bold: bool,
    size: f32,
    /// From the text block's start edge, points.
    indent: f32,
    measure: f32,
    align: Align,
}

impl Builder<'_> {
    fn body_align(&self) -> Align {
        match self.justify {
            Justify::None => Align::Start,
            mode => Align::Justify(mode),
        }
    }

    /// A body text (a paragraph's, a recommendation's) after the hang.
    fn body(&self, role: Role) -> Setting {
        let g = self.geometry;
        Setting {
            role,
            bold: false,
            size: g.body_size,
            indent: g.hang,
            measure: g.text_width() - g.hang,
            align: self.body_align(),
        }
    }

    fn push(
        &mut self,
        (block, item): (Option<usize>, Vec<usize>),
        path: String,
        (text, styles): (String, Vec<StyleRun>),
        set: Setting,
    ) {
        self.out.push(Piece {
            block,
            item,
            path,
            role: set.role,
            text,
            styles,
            rtl: self.rtl,
            bold: set.bold,
            size: set.size,
            measure: set.measure,
            indent: set.indent,
            align: set.align,
            clipped: false,
        });
    }

    /// The title and the subtitle, centred on the full measure.
    fn title(&mut self, doc: &Document) {
        let centred = |role, bold, size| Setting {
            role,
            bold,
            size,
            indent: 0.0,
            measure: self.geometry.text_width(),
            align: Align::Center,
        };
        let (title, subtitle) = (
            centred(Role::Title, true, 16.0),
            centred(Role::Subtitle, false, 14.0),
        );
        self.push(
            (None, Vec::new()),
            "title".into(),
            styled(&doc.title),
            title,
        );
        if let Some(s) = &doc.subtitle {
            self.push((None, Vec::new()), "subtitle".into(), styled(s), subtitle);
        }
    }

    /// The pieces of block `i`.
    fn block(&mut self, doc: &Document, i: usize, block: &Block) {
        let path = format!("blocks[{i}]");
        let at = || (Some(i), Vec::new());
        let g = self.geometry;
        match block {
            Block::Heading { level, label, text } => {
                let styled = with_prefix(heading_prefix(label.as_deref()), text);
                let indent = if *level == 1 { 0.0 } else { g.hang };
                let set = Setting {
                    role: Role::Heading(*level),
                    bold: true,
                    size: 13.0,
                    indent,
                    measure: g.text_width() - indent,
                    align: Align::Start,
                };
                self.push(at(), format!("{path}.text"), styled, set);
            }
            Block::Paragraph { number, text } => {
                if let Some(n) = number {
                    let set = Setting {
                        role: Role::Number,
                        bold: false,
                        size: g.body_size,
                        indent: 0.0,
                        measure: g.hang,
                        align: Align::Start,
                    };
                    let label = plain(&number_label(*n, &doc.lang));
                    self.push(at(), format!("{path}.number"), label, set);
                }
                let set = self.body(Role::Body);
                self.push(at(), format!("{path}.text"), styled(text), set);
            }
            Block::Recommendation { number, text } => {
                let heading = plain(&recommendation_heading(*number, &doc.lang));
                let set = Setting {
                    bold: true,
                    align: Align::Center,
                    ..self.body(Role::RecommendationHeading)
                };
                self.push(at(), format!("{path}.number"), heading, set);
                let set = self.body(Role::Body);
                self.push(at(), format!("{path}.text"), styled(text), set);
            }
            Block::List { items } => {
                self.items(i, &format!("{path}.items"), items, &mut Vec::new())
            }
        }
    }

    fn items(&mut self, block: usize, path: &str, items: &[ListItem], at: &mut Vec<usize>) {
        let hang = self.geometry.hang;
        let depth = at.len() as f32 + 1.0;
        for (k, item) in items.iter().enumerate() {
            at.push(k);
            let item_path = format!("{path}[{k}]");
            if let Some(label) = &item.label {
                let set = Setting {
                    role: Role::Label,
                    bold: false,
                    size: self.geometry.body_size,
                    indent: hang * depth,
                    measure: hang,
                    align: Align::Start,
                };
                let place = (Some(block), at.clone());
                self.push(place, format!("{item_path}.label"), plain(label), set);
            }
            let indent = hang * (depth + 1.0);
            let set = Setting {
                indent,
                measure: self.geometry.text_width() - indent,
                ..self.body(Role::ItemBody)
            };
            let place = (Some(block), at.clone());
            self.push(place, format!("{item_path}.text"), styled(&item.text), set);
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
            raised: false,
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
            raised: false,
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
                raised: false,
            });
        }
    }
    (out, styles)
}
