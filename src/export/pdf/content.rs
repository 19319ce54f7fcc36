//! Page content: the text layer and the artwork of each page, as the bytes
//! of its content stream.
//!
//! Text is written in logical order, one glyph at a time at its absolute
//! position (a `TJ` array whose numbers move the pen to each glyph), each
//! glyph a CID that maps to one character (see [`super::fonts`]); which
//! glyphs a line writes, with their carriers and direction marks, is
//! [`super::textlayer`]'s business. Inserted kashidas, glyphs that stand for
//! no character, and the running header and footer are drawn as outlines
//! (form XObjects) inside artifacts: they are not text at all.
use std::collections::BTreeMap;

use super::fonts::{resource_name, FontSet};
use super::outlines::{outline, stretch, Outline};
use super::syntax::Tokens;
use super::tagging::{Target, Tree};
use super::textlayer::{bridge_spaces, line_end_space, line_glyphs, Apart, TextGlyph};
use crate::error::Result;
use crate::export::TextOrder;
use crate::layout::{Layout, Page, PlacedLine, Role};
use crate::text::FontId;

/// The glyph outlines used as form XObjects, by (font, glyph), and the
/// words of the running header and footer that recur on several pages.
#[derive(Debug, Default)]
pub struct Artwork {
    /// The order of the text layer.
    pub order: TextOrder,
    /// Every outlined glyph, with its XObject name.
    pub glyphs: BTreeMap<(FontId, u16), String>,
    /// Furniture words by their glyphs; drawn as one form each once they
    /// are seen on two pages (the document symbol, the job number), which
    /// spares every page the glyph-by-glyph drawing.
    pub words: BTreeMap<WordKey, Word>,
    /// How many words have a form so far (the next one is `W{named}`).
    named: usize,
    /// The outlines of each page's furniture lines, computed by
    /// [`Artwork::plan_furniture`] and drawn by [`page`].
    furniture: Vec<Vec<Vec<Outline>>>,
    /// The XObject name of each figure's image, by the figure's block.
    pub figures: BTreeMap<usize, String>,
}

/// A word's glyphs: font, glyph, offset from the first glyph in font units,
/// and the font scale's bits.
pub type WordKey = Vec<(FontId, u16, i64, i64, u32)>;

/// A furniture word that recurs.
#[derive(Debug, Default)]
pub struct Word {
    pub pages: usize,
    /// Its XObject name once drawn.
    pub name: Option<String>,
    /// Its form's content: the glyph forms, from the word's origin.
    pub content: Vec<u8>,
    /// Its form's bounding box, in points from the word's origin.
    pub bbox: [f32; 4],
}

impl Artwork {
    fn name(&mut self, font: FontId, glyph: u16) -> String {
        if let Some(name) = self.glyphs.get(&(font, glyph)) {
            return name.clone();
        }
        let name = format!("G{}", self.glyphs.len());
        self.glyphs.insert((font, glyph), name.clone());
        name
    }

    /// Outlines every page's running header and footer and counts the
    /// pages each of their words is on.
    pub fn plan_furniture(&mut self, layout: &Layout, book: &crate::text::FontBook) {
        let height = layout.geometry.height;
        for page in &layout.pages {
            let lines: Vec<Vec<Outline>> = page
                .furniture
                .iter()
                .map(|placed| all_outlines(placed, height, book))
                .collect();
            let keys: std::collections::BTreeSet<WordKey> =
                lines.iter().flat_map(|l| words(l)).map(word_key).collect();
            for key in keys {
                self.words.entry(key).or_default().pages += 1;
            }
            self.furniture.push(lines);
        }
    }

    /// The form name of a word drawn as one form, if it recurs.
    fn word_name(&mut self, word: &[Outline], book: &crate::text::FontBook) -> Option<String> {
        let key = word_key(word);
        match self.words.get(&key) {
            Some(w) if w.pages > 1 => {
                if let Some(name) = &w.name {
                    return Some(name.clone());
                }
            }
            _ => return None,
        }
        let name = format!("W{}", self.named);
        self.named += 1;
        let (x0, y0) = (word[0].x, word[0].y);
        let moved: Vec<Outline> = word
            .iter()
            .map(|o| Outline {
                x: o.x - x0,
                y: o.y - y0,
                ..*o
            })
            .collect();
        let mut ops = Tokens::default();
        draw_outlines(&mut ops, &moved, self);
        let mut bbox = [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ];
        for o in &moved {
            if let Some(b) = book
                .get(o.font)
                .ttf()
                .glyph_bounding_box(ttf_parser::GlyphId(o.glyph))
            {
                bbox[0] = bbox[0].min(o.x + f32::from(b.x_min) * o.scale);
                bbox[1] = bbox[1].min(o.y + f32::from(b.y_min) * o.scale);
                bbox[2] = bbox[2].max(o.x + f32::from(b.x_max) * o.scale);
                bbox[3] = bbox[3].max(o.y + f32::from(b.y_max) * o.scale);
            }
        }
        let w = self.words.get_mut(&key)?;
        w.name = Some(name.clone());
        w.content = ops.buf;
        w.bbox = bbox;
        Some(name)
    }
}

/// Runs of glyphs that draw something, split at the empty ones (spaces).
fn words(outlines: &[Outline]) -> Vec<&[Outline]> {
    outlines
        .split(|o| o.empty || o.stretch != 1.0)
        .filter(|w| !w.is_empty())
        .collect()
}

fn word_key(word: &[Outline]) -> WordKey {
    let first = word[0];
    word.iter()
        .map(|o| {
            (
                o.font,
                o.glyph,
                ((o.x - first.x) / o.scale).round() as i64,
                ((o.y - first.y) / o.scale).round() as i64,
                o.scale.to_bits(),
            )
        })
        .collect()
}

/// A page's content stream and the element of each of its MCIDs.
pub struct PageContent {
    /// The content stream, uncompressed.
    pub ops: Tokens,
    /// `mcids[n]` is the structure element of MCID n.
    pub mcids: Vec<usize>,
}

/// Draws one page.
pub fn page(
    layout: &Layout,
    page: &Page,
    page_index: usize,
    fonts: &mut FontSet,
    tree: &mut Tree,
    art: &mut Artwork,
) -> Result<PageContent> {
    let mut out = PageContent {
        ops: Tokens::default(),
        mcids: Vec::new(),
    };
    draw_figures(&mut out, layout, page, page_index, tree, art);
    let visual = art.order == TextOrder::Visual;
    let lines = text_lines(layout, page, fonts, tree, visual)?;
    let artifacts = write_text(&mut out, layout, page, page_index, lines, tree, visual);
    if !artifacts.is_empty() {
        out.ops.name(b"Artifact");
        out.ops.op("BMC");
        draw_outlines(&mut out.ops, &artifacts, art);
        out.ops.op("EMC");
    }
    draw_furniture(&mut out.ops, layout, page, page_index, fonts, art);
    draw_rules(&mut out.ops, layout, page);
    Ok(out)
}

/// Draws the page's figures, each image in its `Figure`'s marked content
/// (which records the image's box for the element's layout attributes).
fn draw_figures(
    out: &mut PageContent,
    layout: &Layout,
    page: &Page,
    page_index: usize,
    tree: &mut Tree,
    art: &Artwork,
) {
    let height = layout.geometry.height;
    for figure in &page.figures {
        let (Some(name), Target::Elem(e)) =
            (art.figures.get(&figure.block), tree.target(figure.piece, 0))
        else {
            continue;
        };
        let r = figure.rect;
        let (x0, y0) = (r.x, height - r.y - r.height);
        let mcid = out.mcids.len();
        out.mcids.push(e);
        tree.add_image(e, page_index, mcid, [x0, y0, x0 + r.width, y0 + r.height]);
        out.ops.name(b"Figure");
        out.ops.delim(b"<<");
        out.ops.name(b"MCID");
        out.ops.int(mcid as i64);
        out.ops.delim(b">>");
        out.ops.op("BDC");
        out.ops.op("q");
        for v in [r.width, 0.0, 0.0, r.height, x0, y0] {
            out.ops.num2(v);
        }
        out.ops.op("cm");
        out.ops.name(name.as_bytes());
        out.ops.op("Do");
        out.ops.op("Q");
        out.ops.op("EMC");
    }
}

/// Draws the page's rules and barcode bars, filled, as one artifact.
fn draw_rules(ops: &mut Tokens, layout: &Layout, page: &Page) {
    if page.rules.is_empty() {
        return;
    }
    let height = layout.geometry.height;
    ops.name(b"Artifact");
    ops.op("BMC");
    for r in &page.rules {
        ops.num2(r.x);
        ops.num2(height - r.y - r.height);
        ops.num2(r.width);
        ops.num2(r.height);
        ops.op("re");
    }
    ops.op("f");
    ops.op("EMC");
}

/// A line's text glyphs and the outlines drawn instead of text.
type TextLine = (Vec<TextGlyph>, Vec<Outline>);

/// The text glyphs of every content line of the page, in the text layer's
/// order, with the spaces that end lines and, in the logical order, bridge
/// labels to their text (in the visual order, see `visual::labels`).
fn text_lines(
    layout: &Layout,
    page: &Page,
    fonts: &mut FontSet,
    tree: &Tree,
    visual: bool,
) -> Result<Vec<TextLine>> {
    let mut lines = Vec::with_capacity(page.lines.len());
    for placed in &page.lines {
        let (mut glyphs, outlines) = if visual {
            super::visual::line_glyphs(layout, placed, fonts, tree)?
        } else {
            line_glyphs(layout, placed, fonts, tree)?
        };
        if let Some(mut space) = line_end_space(layout, placed, &glyphs, fonts)? {
            space.at = placed.line.range.end;
            // At the line's logical end: its left end for a right-to-left
            // line written from left to right.
            if visual && layout.pieces[placed.piece].rtl {
                space.rtl = false;
                // Apart from the line, like its marks: see
                // `visual::leading_marks_apart`.
                if glyphs.iter().any(|g| g.apart == Apart::Mark) {
                    space.apart = Apart::Space;
                }
                glyphs.insert(0, space);
            } else {
                glyphs.push(space);
            }
        }
        lines.push((glyphs, outlines));
    }
    if !visual {
        for k in 0..lines.len() {
            let role = layout.pieces[page.lines[k].piece].role;
            if matches!(role, Role::Number | Role::Label) && k + 1 < lines.len() {
                let bridge = bridge_spaces(&lines[k].0, &lines[k + 1].0, fonts)?;
                lines[k].0.extend(bridge);
            }
        }
    }
    Ok(lines)
}

/// Writes all text in one text object, in marked-content sequences that
/// run on across lines while the element stays the same; returns the
/// outlines to draw after it.
fn write_text(
    out: &mut PageContent,
    layout: &Layout,
    page: &Page,
    page_index: usize,
    lines: Vec<TextLine>,
    tree: &mut Tree,
    visual: bool,
) -> Vec<Outline> {
    let height = layout.geometry.height;
    let mut writer = TextWriter::default();
    let mut artifacts = Vec::new();
    let mut open: Option<Target> = None;
    for (placed, (glyphs, outlines)) in page.lines.iter().zip(lines) {
        let baseline = height - placed.y;
        let mut segments = segments(&glyphs);
        // Written left to right, a line's elements may come out of reading
        // order: each then gets marked content of its own, recorded in the
        // structure tree in reading order, and the sequences are written in
        // reading order too (each still left to right): PDF.js reads each
        // sequence as a run of its own and joins them in stream order.
        let reorder = visual && segments.len() > 1;
        if reorder {
            segments.sort_by_key(|r| glyphs[r.clone()].iter().map(|g| g.at).min());
        }
        let mut pending: Vec<(usize, usize, usize)> = Vec::new();
        for range in segments {
            let target = glyphs[range.start].target;
            if glyphs[range.start].apart == Apart::Mark {
                // In a text object of its own: MuPDF gives a mark the
                // direction of the glyph before it in its text object, and
                // one of a right-to-left line comes out at the line's start.
                if open.take().is_some() {
                    out.ops.op("EMC");
                }
                writer.end(&mut out.ops);
            }
            writer.begin(&mut out.ops);
            if open != Some(target) || reorder {
                if open.is_some() {
                    out.ops.op("EMC");
                }
                open = Some(target);
                let at = glyphs[range.clone()].iter().map(|g| g.at).min();
                let mark = Mark {
                    page_index,
                    reorder,
                    at: at.unwrap_or(0),
                };
                begin_marked(out, tree, target, mark, &mut pending);
            }
            writer.glyphs(&mut out.ops, &glyphs[range], baseline);
        }
        pending.sort_unstable();
        for (_, mcid, e) in pending {
            out.mcids[mcid] = tree.add_content(e, page_index, mcid);
        }
        artifacts.extend(outlines);
    }
    if open.is_some() {
        out.ops.op("EMC");
    }
    writer.end(&mut out.ops);
    artifacts
}

/// Where a marked-content sequence begins.
#[derive(Clone, Copy)]
struct Mark {
    page_index: usize,
    /// The line's sequences are written out of reading order: their
    /// elements are recorded after the line, by `at`.
    reorder: bool,
    /// The sequence's first byte in the piece (logical order).
    at: usize,
}

/// Begins the marked-content sequence of `target` (BDC with an MCID, or an
/// artifact's BMC).
fn begin_marked(
    out: &mut PageContent,
    tree: &mut Tree,
    target: Target,
    mark: Mark,
    pending: &mut Vec<(usize, usize, usize)>,
) {
    match target {
        Target::Elem(e) => {
            let mcid = out.mcids.len();
            if mark.reorder {
                pending.push((mark.at, mcid, e));
                out.mcids.push(e);
            } else {
                let e = tree.add_content(e, mark.page_index, mcid);
                out.mcids.push(e);
            }
            out.ops.name(tree.elems[e].tag.name().as_bytes());
            out.ops.delim(b"<<");
            out.ops.name(b"MCID");
            out.ops.int(mcid as i64);
            out.ops.delim(b">>");
            out.ops.op("BDC");
        }
        Target::Artifact => {
            out.ops.name(b"Artifact");
            out.ops.op("BMC");
        }
    }
}

/// Draws the running header and footer as pagination artifacts.
fn draw_furniture(
    ops: &mut Tokens,
    layout: &Layout,
    page: &Page,
    page_index: usize,
    fonts: &FontSet,
    art: &mut Artwork,
) {
    let height = layout.geometry.height;
    // Planned by `Artwork::plan_furniture`; outlined here if it was not.
    let mut furniture = art.furniture.get_mut(page_index).map(std::mem::take);
    for (k, placed) in page.furniture.iter().enumerate() {
        let role = layout.pieces[placed.piece].role;
        // A table's header row repeated on this page is a running head.
        let subtype = if matches!(role, Role::Header | Role::Cell { .. }) {
            "Header"
        } else {
            "Footer"
        };
        ops.name(b"Artifact");
        ops.delim(b"<<");
        ops.name(b"Type");
        ops.name(b"Pagination");
        ops.name(b"Subtype");
        ops.name(subtype.as_bytes());
        ops.delim(b">>");
        ops.op("BDC");
        let outlines = match furniture.as_mut().and_then(|f| f.get_mut(k)) {
            Some(planned) => std::mem::take(planned),
            None => all_outlines(placed, height, fonts.book()),
        };
        // Stretched glyphs (kashidas) are never part of a word form.
        let mut single: Vec<Outline> = outlines
            .iter()
            .filter(|o| !o.empty && o.stretch != 1.0)
            .copied()
            .collect();
        for word in words(&outlines) {
            match art.word_name(word, fonts.book()) {
                Some(name) => {
                    ops.op("q");
                    for v in [1.0, 0.0, 0.0, 1.0] {
                        ops.real(v);
                    }
                    ops.num2(word[0].x);
                    ops.num2(word[0].y);
                    ops.op("cm");
                    ops.name(name.as_bytes());
                    ops.op("Do");
                    ops.op("Q");
                }
                None => single.extend_from_slice(word),
            }
        }
        draw_outlines(ops, &single, art);
        ops.op("EMC");
    }
}

/// The runs of consecutive glyphs with the same target (glyphs written
/// apart make runs of their own).
fn segments(glyphs: &[TextGlyph]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, g) in glyphs.iter().enumerate() {
        match out.last_mut() {
            Some(r)
                if glyphs[r.start].target == g.target
                    && glyphs[r.start].apart == g.apart
                    && glyphs[r.start].part == g.part =>
            {
                r.end = k + 1
            }
            _ => out.push(k..k + 1),
        }
    }
    out
}

/// Writes the text of a page as one text object, each glyph placed at its
/// position by the numbers of `TJ` arrays.
#[derive(Default)]
struct TextWriter {
    open: bool,
    font: Option<(FontId, f32)>,
    rise: f32,
    /// Horizontal scaling (`Tz`), percent; 0 before the first glyph.
    hscale: f32,
    /// Text rendering mode 3 (invisible) is set.
    invisible: bool,
    /// Pen position and baseline.
    pen: Option<(f32, f32)>,
    /// The start of the text line that `Td` moves from, in 1/100 pt.
    line: (i64, i64),
}

/// A `TJ` array being written: strings of codes between the numbers.
#[derive(Default)]
struct Tj {
    open: bool,
    codes: Vec<u8>,
}

impl Tj {
    fn codes(&mut self, ops: &mut Tokens) {
        if !self.codes.is_empty() {
            self.begin(ops);
            ops.literal(&self.codes);
            self.codes.clear();
        }
    }

    fn number(&mut self, ops: &mut Tokens, n: i64) {
        self.codes(ops);
        self.begin(ops);
        ops.int(n);
    }

    fn begin(&mut self, ops: &mut Tokens) {
        if !self.open {
            ops.delim(b"[");
            self.open = true;
        }
    }

    fn end(&mut self, ops: &mut Tokens) {
        self.codes(ops);
        if self.open {
            ops.delim(b"]");
            ops.op("TJ");
            self.open = false;
        }
    }
}

impl TextWriter {
    fn begin(&mut self, ops: &mut Tokens) {
        if !self.open {
            ops.op("BT");
            self.open = true;
            // BT starts the text and line matrices at the origin.
            self.line = (0, 0);
            self.pen = None;
        }
    }

    fn end(&mut self, ops: &mut Tokens) {
        if self.open {
            ops.op("ET");
            self.open = false;
        }
    }

    /// Starts a new text line, relative to the last one: exact, as both
    /// are whole hundredths. A right-to-left line starts at the right edge
    /// of its first glyph, where the line before also started: `Td` then
    /// repeats (`0 -26.5 Td`) and the first glyph gets the same framing
    /// numbers as every other. Returns the pen.
    fn new_line(&mut self, ops: &mut Tokens, first: &TextGlyph, baseline_h: i64) -> f32 {
        let right = first.x + first.width * first.size / 1000.0;
        let x0 = to_hundredths(if first.rtl { right } else { first.x });
        ops.hundredths(x0 - self.line.0);
        ops.hundredths(baseline_h - self.line.1);
        ops.op("Td");
        self.line = (x0, baseline_h);
        x0 as f32 / 100.0
    }

    /// Sets the text state `g` needs: font and size, rise, rendering mode,
    /// horizontal scale (each ending the pending `TJ` when it changes).
    fn state(&mut self, ops: &mut Tokens, tj: &mut Tj, g: &TextGlyph, baseline: f32) {
        let g_rise = round2(g.y - baseline);
        if self.font != Some((g.font, g.size)) {
            tj.end(ops);
            ops.name(resource_name(g.font).as_bytes());
            ops.num2(g.size);
            ops.op("Tf");
            self.font = Some((g.font, g.size));
        }
        if g_rise != self.rise {
            tj.end(ops);
            ops.num2(g_rise);
            ops.op("Ts");
            self.rise = g_rise;
        }
        if g.invisible != self.invisible {
            tj.end(ops);
            ops.int(if g.invisible { 3 } else { 0 });
            ops.op("Tr");
            self.invisible = g.invisible;
        }
        let hscale = g.hscale.round();
        if hscale != self.hscale && !(self.hscale == 0.0 && hscale == 100.0) {
            tj.end(ops);
            ops.num2(hscale);
            ops.op("Tz");
            self.hscale = hscale;
        }
    }

    fn glyphs(&mut self, ops: &mut Tokens, glyphs: &[TextGlyph], baseline: f32) {
        let Some(first) = glyphs.first() else { return };
        let baseline_h = to_hundredths(baseline);
        let baseline = baseline_h as f32 / 100.0;
        // A glyph written apart starts a text line of its own where it
        // stands: PDFium places a text object by where its `TJ` starts,
        // before the array's first number moves the pen.
        let mut pen = match self.pen {
            Some((x, y)) if y == baseline && first.apart == Apart::No => x,
            _ => self.new_line(ops, first, baseline_h),
        };
        let mut tj = Tj::default();
        let mut anchor = pen;
        for (k, g) in glyphs.iter().enumerate() {
            if g.starts_object && k > 0 {
                // PDFium places a `TJ` by where it starts (its first
                // number moves the start too) and orders a line's by that.
                tj.end(ops);
                pen = self.new_line(ops, g, baseline_h);
                anchor = pen;
            }
            self.state(ops, &mut tj, g, baseline);
            // TJ numbers are scaled by Tz too.
            let unit = g.size / 1000.0
                * if self.hscale == 0.0 {
                    1.0
                } else {
                    self.hscale / 100.0
                };
            let adjust = (-(g.x - pen) / unit).round();
            if adjust != 0.0 {
                tj.number(ops, adjust as i64);
                pen -= adjust * unit;
            }
            if !g.carrier {
                anchor = pen;
            }
            tj.codes.extend_from_slice(&g.cid.to_be_bytes());
            pen += g.width * unit;
            if g.rtl {
                // Back to the origin of the last drawn glyph: in right-to-left
                // text each glyph is then framed by numbers that depend on it
                // alone (its width), which compresses far better than the
                // sum of two neighbours' widths.
                let back = ((pen - anchor) / unit).round();
                if back != 0.0 {
                    tj.number(ops, back as i64);
                    pen -= back * unit;
                }
            }
        }
        tj.end(ops);
        self.pen = Some((pen, baseline));
    }
}

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn to_hundredths(v: f32) -> i64 {
    (v * 100.0).round() as i64
}

/// Draws outlined glyphs, each placed relative to the one before, in font
/// units (short numbers), inside one graphics state per font scale.
fn draw_outlines(ops: &mut Tokens, outlines: &[Outline], art: &mut Artwork) {
    let mut scale: Option<f32> = None;
    let mut at = (0i64, 0i64);
    let cm = |ops: &mut Tokens, a: f32, dx: i64, dy: i64| {
        ops.real(a);
        ops.int(0);
        ops.int(0);
        ops.int(1);
        ops.int(dx);
        ops.int(dy);
        ops.op("cm");
    };
    for o in outlines.iter().filter(|o| !o.empty) {
        if scale != Some(o.scale) {
            if scale.is_some() {
                ops.op("Q");
            }
            ops.op("q");
            ops.real(o.scale);
            ops.int(0);
            ops.int(0);
            ops.real(o.scale);
            ops.int(0);
            ops.int(0);
            ops.op("cm");
            scale = Some(o.scale);
            at = (0, 0);
        }
        let target = (
            (o.x / o.scale).round() as i64,
            (o.y / o.scale).round() as i64,
        );
        let (dx, dy) = (target.0 - at.0, target.1 - at.1);
        let name = art.name(o.font, o.glyph);
        if o.stretch == 1.0 {
            cm(ops, 1.0, dx, dy);
            ops.name(name.as_bytes());
            ops.op("Do");
            at = target;
        } else {
            ops.op("q");
            cm(ops, (o.stretch * 1000.0).round() / 1000.0, dx, dy);
            ops.name(name.as_bytes());
            ops.op("Do");
            ops.op("Q");
        }
    }
    if scale.is_some() {
        ops.op("Q");
    }
}

/// Every glyph of a furniture line, as outlines.
fn all_outlines(placed: &PlacedLine, height: f32, book: &crate::text::FontBook) -> Vec<Outline> {
    let mut out = Vec::new();
    for run in &placed.line.runs {
        let font = book.get(run.font);
        let face = font.ttf();
        let scale = run.size / f32::from(font.units_per_em);
        for g in &run.glyphs {
            out.push(outline(
                placed,
                height,
                run,
                g,
                scale,
                stretch(book, run, g),
                &face,
            ));
        }
    }
    out
}
