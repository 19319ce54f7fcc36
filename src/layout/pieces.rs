//! Every text the document prints, as pieces ready to be set into lines.

use super::Geometry;
use std::ops::Range;

use crate::model::semantics::{
    heading_prefix, is_rtl_lang, masthead_lines, notes, number_label, organisation,
    recommendation_heading, MastheadLine,
};
use crate::model::table::grid;
use crate::model::{Block, Cell, CellAlign, Document, Justify, ListItem, Text};
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
    /// A note's label, hanging before its text at the foot of the page.
    NoteLabel,
    /// A note's text.
    NoteBody,
    /// The first page's top band: the organisation (`الأمم المتحدة`).
    Organisation,
    /// The first page's top band: the document symbol.
    Symbol,
    /// A line of the first page's masthead.
    Masthead(MastheadLine),
    /// The running header of a page (furniture).
    Header,
    /// The running footer of a page (furniture).
    Footer,
    /// A table's or a figure's caption.
    Caption,
    /// A table cell's text; `header`: a cell of a header row.
    Cell {
        /// In a header row.
        header: bool,
    },
    /// A figure: a piece without text that stands for its image.
    Figure,
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
    /// A document symbol may break after a slash
    /// ([`LayoutOptions::break_symbols`](crate::LayoutOptions::break_symbols)).
    pub break_symbols: bool,
    /// Furniture only: the source text (symbol or job number) was longer
    /// than its line and `text` holds what fits (a layout warning).
    pub clipped: bool,
    /// The note this piece belongs to (a note's label or text), as an index
    /// into [`crate::model::semantics::notes`].
    pub note: Option<usize>,
    /// Note references in `text`: each mark's byte range (its label, raised,
    /// after a raised narrow no-break space) and its note.
    pub refs: Vec<(Range<usize>, usize)>,
    /// Links in `text`: byte ranges and their URIs.
    pub links: Vec<(Range<usize>, String)>,
    /// A table cell: its index in the table's grid cells
    /// ([`crate::model::table::Grid::cells`], reading order).
    pub cell: Option<usize>,
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
            break_symbols: self.break_symbols,
        }
    }
}

/// Builds every piece of the document, in reading order: the masthead,
/// the title, the blocks; each note's label and text right after the piece
/// that refers to it.
pub fn pieces(doc: &Document, geometry: &Geometry, justify: Justify) -> Vec<Piece> {
    let mut b = Builder {
        out: Vec::new(),
        geometry,
        rtl: is_rtl_lang(&doc.lang),
        justify,
        labels: notes(doc).into_iter().map(|n| n.label).collect(),
        next_note: 0,
        pending: Vec::new(),
    };
    b.masthead(doc);
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
    /// Every note's label, in reading order.
    labels: Vec<String>,
    /// The next note's index: texts are visited in the order of
    /// `semantics::notes`.
    next_note: usize,
    /// Notes referred to by the piece being built: (index, text, path).
    pending: Vec<(usize, Text, String)>,
}

/// Font size of table cells and captions, points.
pub const CELL_SIZE: f32 = 11.0;

/// Font size of notes, and the distance between their baselines, as a
/// fraction of the body's.
pub const NOTE_SCALE: f32 = 10.0 / 12.0;

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
        self.push_piece(Piece {
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
            break_symbols: false,
            clipped: false,
            note: None,
            refs: Vec::new(),
            links: Vec::new(),
            cell: None,
        });
    }

    fn push_piece(&mut self, piece: Piece) {
        self.out.push(piece);
    }

    /// A text with its note references and links: the pieces's text,
    /// styles, references and links. The notes it refers to wait in
    /// `pending` until [`Builder::notes`] sets them after the piece.
    fn text(&mut self, prefix: Option<String>, text: &Text, path: &str) -> Styled {
        let mut out = Styled::default();
        if let Some(p) = prefix {
            out.push(&p, StyleRun::default());
        }
        for (i, span) in text.spans().iter().enumerate() {
            if let Some(note) = &span.note {
                let k = self.next_note;
                self.next_note += 1;
                let label = self.labels.get(k).cloned().unwrap_or_default();
                let raised = StyleRun {
                    raised: true,
                    ..StyleRun::default()
                };
                // A narrow no-break space keeps the mark off the word
                // before it in extracted text; the mark is the reference.
                out.push("\u{202F}", raised.clone());
                let start = out.text.len();
                out.push(&label, raised);
                out.refs.push((start..out.text.len(), k));
                self.pending
                    .push((k, note.clone(), format!("{path}[{i}].note")));
                continue;
            }
            let start = out.text.len();
            let style = StyleRun {
                lang: span.lang.clone(),
                strong: span.strong,
                ..StyleRun::default()
            };
            out.push(&span.text, style);
            if let Some(href) = &span.href {
                if out.text.len() > start {
                    out.links.push((start..out.text.len(), href.clone()));
                }
            }
        }
        out
    }

    /// Pushes a piece of text with references and links, then the notes it
    /// refers to.
    fn push_text(
        &mut self,
        place: (Option<usize>, Vec<usize>),
        path: String,
        text: Styled,
        set: Setting,
    ) {
        let Styled {
            text: t,
            styles,
            refs,
            links,
        } = text;
        self.push(place.clone(), path, (t, styles), set);
        if let Some(last) = self.out.last_mut() {
            last.refs = refs;
            last.links = links;
        }
        self.notes(place);
    }

    /// The pieces of the notes referred to by the last piece: each a
    /// hanging label and a text, set smaller on the full measure.
    fn notes(&mut self, (block, item): (Option<usize>, Vec<usize>)) {
        let g = self.geometry;
        let size = g.body_size * NOTE_SCALE;
        for (k, note, path) in std::mem::take(&mut self.pending) {
            let label = self.labels.get(k).cloned().unwrap_or_default();
            let label_set = Setting {
                role: Role::NoteLabel,
                bold: false,
                size,
                indent: 0.0,
                measure: g.hang,
                align: Align::Start,
            };
            let at = (block, item.clone());
            self.push(
                at.clone(),
                format!("{path}.label"),
                plain(&label),
                label_set,
            );
            self.out.last_mut().expect("just pushed").note = Some(k);
            let body_set = Setting {
                role: Role::NoteBody,
                size,
                ..self.body(Role::NoteBody)
            };
            let text = self.text(None, &note, &path);
            let Styled {
                text: t,
                styles,
                refs: _,
                links,
            } = text;
            self.push(at, path, (t, styles), body_set);
            let last = self.out.last_mut().expect("just pushed");
            last.note = Some(k);
            last.links = links;
        }
    }

    /// The first page's masthead (when the document has one): the top band
    /// (organisation and symbol), the distribution column at the end edge,
    /// the organ at the start edge, then the meeting lines and the agenda
    /// item on the full measure. Pagination places them; here they get
    /// their columns (indent and measure) and sizes.
    fn masthead(&mut self, doc: &Document) {
        if doc.masthead.is_none() {
            return;
        }
        let w = self.geometry.text_width();
        let column = |role, bold, size, (indent, measure)| Setting {
            role,
            bold,
            size,
            indent,
            measure,
            align: Align::Start,
        };
        let start_half = (0.0, w * 0.55);
        let end_column = (w * 0.62, w * 0.38);
        let org = column(Role::Organisation, true, 14.0, start_half);
        let top = (None, Vec::new());
        self.push(
            top.clone(),
            "masthead".into(),
            plain(organisation(&doc.lang)),
            org,
        );
        if let Some(symbol) = &doc.symbol {
            let set = column(Role::Symbol, false, 16.0, (0.0, w * 0.55));
            self.push(top.clone(), "symbol".into(), plain(symbol), set);
            let piece = self.out.last_mut().expect("just pushed");
            piece.rtl = false;
            piece.styles[0].lang = Some("en".into());
        }
        let mut first_meeting = true;
        for (kind, line) in masthead_lines(doc) {
            let set = match kind {
                MastheadLine::Distribution
                | MastheadLine::Date
                | MastheadLine::Language
                | MastheadLine::Original => column(Role::Masthead(kind), false, 10.0, end_column),
                MastheadLine::Organ => column(Role::Masthead(kind), true, 13.0, start_half),
                MastheadLine::Meeting => {
                    let bold = std::mem::take(&mut first_meeting);
                    column(Role::Masthead(kind), bold, 12.0, (0.0, w))
                }
                MastheadLine::AgendaItem => column(Role::Masthead(kind), false, 12.0, (0.0, w)),
            };
            self.push(top.clone(), "masthead".into(), plain(&line), set);
        }
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
        // A title that ends with a comma goes on in its subtitle (the
        // report's "تقرير عن اجتماع …،" | "المعقود في فيينا …"): one sentence,
        // set in one size and weight. Otherwise the subtitle is smaller.
        let continues = doc.title.plain().trim_end().ends_with(['،', ',', '؛', ';']);
        let (title, subtitle) = (
            centred(Role::Title, true, 16.0),
            if continues {
                centred(Role::Subtitle, true, 16.0)
            } else {
                centred(Role::Subtitle, false, 14.0)
            },
        );
        let text = self.text(None, &doc.title, "title");
        self.push_text((None, Vec::new()), "title".into(), text, title);
        if let Some(s) = &doc.subtitle {
            let text = self.text(None, s, "subtitle");
            self.push_text((None, Vec::new()), "subtitle".into(), text, subtitle);
        }
    }

    /// The pieces of block `i`.
    fn block(&mut self, doc: &Document, i: usize, block: &Block) {
        let path = format!("blocks[{i}]");
        let at = || (Some(i), Vec::new());
        let g = self.geometry;
        match block {
            Block::Heading { level, label, text } => {
                let styled = self.text(
                    heading_prefix(label.as_deref()),
                    text,
                    &format!("{path}.text"),
                );
                let indent = if *level == 1 { 0.0 } else { g.hang };
                let set = Setting {
                    role: Role::Heading(*level),
                    bold: true,
                    size: 13.0,
                    indent,
                    measure: g.text_width() - indent,
                    align: Align::Start,
                };
                self.push_text(at(), format!("{path}.text"), styled, set);
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
                let styled = self.text(None, text, &format!("{path}.text"));
                self.push_text(at(), format!("{path}.text"), styled, set);
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
                let styled = self.text(None, text, &format!("{path}.text"));
                self.push_text(at(), format!("{path}.text"), styled, set);
            }
            Block::List { items } => {
                self.items(i, &format!("{path}.items"), items, &mut Vec::new())
            }
            Block::Table {
                caption,
                header_rows,
                rows,
            } => self.table(i, caption.as_ref(), *header_rows, rows),
            Block::Figure { caption, .. } => self.figure(i, caption.as_ref()),
        }
    }

    /// A table's caption (bold, at the start edge, on the full measure)
    /// and its cells, in the grid's reading order. Their measures and
    /// indents are the column widths' (`super::table::size_columns`).
    fn table(&mut self, i: usize, caption: Option<&Text>, header_rows: usize, rows: &[Vec<Cell>]) {
        let path = format!("blocks[{i}]");
        let w = self.geometry.text_width();
        if let Some(caption) = caption {
            let set = Setting {
                role: Role::Caption,
                bold: true,
                size: CELL_SIZE,
                indent: 0.0,
                measure: w,
                align: Align::Start,
            };
            let styled = self.text(None, caption, &format!("{path}.caption"));
            self.push_text(
                (Some(i), Vec::new()),
                format!("{path}.caption"),
                styled,
                set,
            );
        }
        let Ok(grid) = grid(rows, header_rows, &path) else {
            return;
        };
        for (k, cell) in grid.cells.iter().enumerate() {
            let at = format!("{path}.rows[{}][{}]", cell.row, cell.index);
            let set = Setting {
                role: Role::Cell {
                    header: cell.header,
                },
                bold: cell.header,
                size: CELL_SIZE,
                indent: 0.0,
                measure: w,
                align: match cell.align {
                    CellAlign::Start => Align::Start,
                    CellAlign::Center => Align::Center,
                    CellAlign::End => Align::End,
                },
            };
            let text = &rows[cell.row][cell.index].text;
            let styled = self.text(None, text, &at);
            self.push_text((Some(i), Vec::new()), at, styled, set);
            if let Some(last) = self.out.last_mut() {
                last.cell = Some(k);
            }
        }
    }

    /// A figure: a piece without text for the image, then its caption,
    /// centred under it.
    fn figure(&mut self, i: usize, caption: Option<&Text>) {
        let path = format!("blocks[{i}]");
        let w = self.geometry.text_width();
        let figure = Setting {
            role: Role::Figure,
            bold: false,
            size: self.geometry.body_size,
            indent: 0.0,
            measure: w,
            align: Align::Center,
        };
        self.push(
            (Some(i), Vec::new()),
            format!("{path}.src"),
            (String::new(), Vec::new()),
            figure,
        );
        if let Some(caption) = caption {
            let set = Setting {
                role: Role::Caption,
                align: Align::Center,
                bold: false,
                ..figure
            };
            let styled = self.text(None, caption, &format!("{path}.caption"));
            self.push_text(
                (Some(i), Vec::new()),
                format!("{path}.caption"),
                styled,
                set,
            );
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
            let styled = self.text(None, &item.text, &format!("{item_path}.text"));
            self.push_text(place, format!("{item_path}.text"), styled, set);
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

/// A text being built: its characters, styles, note references and links.
#[derive(Default)]
struct Styled {
    text: String,
    styles: Vec<StyleRun>,
    refs: Vec<(Range<usize>, usize)>,
    links: Vec<(Range<usize>, String)>,
}

impl Styled {
    fn push(&mut self, s: &str, style: StyleRun) {
        let start = self.text.len();
        self.text.push_str(s);
        if self.text.len() > start {
            self.styles.push(StyleRun {
                range: start..self.text.len(),
                ..style
            });
        }
    }
}
