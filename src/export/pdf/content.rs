//! Page content: the text layer and the artwork of each page, as printpdf
//! operations.
//!
//! Text is written in logical order, one glyph at a time at its absolute
//! position (a `TJ` array whose numbers move the pen to each glyph), each
//! glyph a CID that maps to one character (see [`super::fonts`]). A
//! ligature's further characters are zero-width carrier glyphs placed inside
//! the ligature, so that extractors that sort by position read them in the
//! right order too. Inserted kashidas, glyphs that stand for no character,
//! and the running header and footer are drawn as outlines (form XObjects)
//! inside artifacts: they are not text at all.

use std::collections::BTreeMap;

use printpdf::{DictItem, Op};

use super::fonts::{resource_name, FontSet};
use super::tagging::{Target, Tree};
use crate::error::Result;
use crate::layout::{Glyph, Layout, Page, PlacedLine, Role, Run};
use crate::text::{is_default_ignorable, FontId};

/// One glyph of the text layer, in PDF user space (origin bottom-left).
#[derive(Debug, Clone, Copy)]
struct TextGlyph {
    target: Target,
    font: FontId,
    size: f32,
    cid: u16,
    /// Advance in thousandths of an em (the font's `/W`).
    width: f32,
    x: f32,
    y: f32,
}

/// A glyph drawn as an outline.
#[derive(Debug, Clone, Copy)]
pub struct Outline {
    font: FontId,
    glyph: u16,
    size: f32,
    /// Horizontal stretch (a kashida's width over the tatweel's advance).
    stretch: f32,
    x: f32,
    y: f32,
}

/// The glyph outlines used as form XObjects, by (font, glyph).
#[derive(Debug, Default)]
pub struct Artwork {
    /// Every outlined glyph, with its XObject name.
    pub glyphs: BTreeMap<(FontId, u16), String>,
}

impl Artwork {
    fn name(&mut self, font: FontId, glyph: u16) -> String {
        self.glyphs
            .entry((font, glyph))
            .or_insert_with(|| format!("G{}_{}", font.0, glyph))
            .clone()
    }
}

/// A page's operations and the element of each of its MCIDs.
pub struct PageContent {
    /// printpdf operations.
    pub ops: Vec<Op>,
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
        ops: Vec::new(),
        mcids: Vec::new(),
    };
    let height = layout.geometry.height;
    for placed in &page.lines {
        let (glyphs, outlines) = line_glyphs(layout, placed, fonts, tree)?;
        let baseline = height - placed.y;
        let mut start = 0;
        while start < glyphs.len() {
            let target = glyphs[start].target;
            let end = glyphs[start..]
                .iter()
                .position(|g| g.target != target)
                .map_or(glyphs.len(), |n| start + n);
            match target {
                Target::Elem(e) => {
                    let mcid = out.mcids.len();
                    out.mcids.push(e);
                    tree.add_content(e, page_index, mcid);
                    let mut props = BTreeMap::new();
                    props.insert("MCID".to_string(), DictItem::Int(mcid as i64));
                    out.ops.push(Op::BeginMarkedContentWithProperties {
                        tag: tree.elems[e].kind.to_string(),
                        properties: DictItem::Dict { map: props },
                    });
                }
                Target::Artifact => out.ops.push(Op::BeginMarkedContent {
                    tag: "Artifact".into(),
                }),
            }
            text(&mut out.ops, &glyphs[start..end], baseline);
            out.ops.push(Op::EndMarkedContent);
            start = end;
        }
        if !outlines.is_empty() {
            out.ops.push(Op::BeginMarkedContent {
                tag: "Artifact".into(),
            });
            draw_outlines(&mut out.ops, &outlines, art);
            out.ops.push(Op::EndMarkedContent);
        }
    }
    for placed in &page.furniture {
        let role = layout.pieces[placed.piece].role;
        let subtype = if role == Role::Header {
            "Header"
        } else {
            "Footer"
        };
        let mut props = BTreeMap::new();
        props.insert("Type".to_string(), DictItem::Name(b"Pagination".to_vec()));
        props.insert("Subtype".to_string(), DictItem::Name(subtype.into()));
        out.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Artifact".into(),
            properties: DictItem::Dict { map: props },
        });
        let outlines = all_outlines(placed, height, fonts.book());
        draw_outlines(&mut out.ops, &outlines, art);
        out.ops.push(Op::EndMarkedContent);
    }
    Ok(out)
}

fn raw(key: &str, value: Vec<DictItem>) -> Op {
    Op::Unknown {
        key: key.to_string(),
        value,
    }
}

/// A number rounded to 1/1000 (enough for positions in points).
fn num(v: f32) -> DictItem {
    let r = (v * 1000.0).round();
    if r % 1000.0 == 0.0 {
        DictItem::Int((r / 1000.0) as i64)
    } else {
        DictItem::Real(r / 1000.0)
    }
}

/// Writes glyphs of one line as one text object.
fn text(ops: &mut Vec<Op>, glyphs: &[TextGlyph], baseline: f32) {
    let Some(first) = glyphs.first() else { return };
    ops.push(raw("BT", vec![]));
    let x0 = (first.x * 1000.0).round() / 1000.0;
    ops.push(raw(
        "Tm",
        vec![
            DictItem::Int(1),
            DictItem::Int(0),
            DictItem::Int(0),
            DictItem::Int(1),
            num(x0),
            num(baseline),
        ],
    ));
    let mut pen = x0;
    let mut font: Option<(FontId, f32)> = None;
    let mut rise = 0.0f32;
    let mut array: Vec<DictItem> = Vec::new();
    let mut codes: Vec<u8> = Vec::new();
    let flush_codes = |array: &mut Vec<DictItem>, codes: &mut Vec<u8>| {
        if !codes.is_empty() {
            array.push(DictItem::String {
                data: std::mem::take(codes),
                literal: false,
            });
        }
    };
    let flush = |ops: &mut Vec<Op>, array: &mut Vec<DictItem>, codes: &mut Vec<u8>| {
        flush_codes(array, codes);
        if !array.is_empty() {
            ops.push(raw("TJ", vec![DictItem::Array(std::mem::take(array))]));
        }
    };
    for g in glyphs {
        let g_rise = ((g.y - baseline) * 100.0).round() / 100.0;
        if font != Some((g.font, g.size)) {
            flush(ops, &mut array, &mut codes);
            ops.push(raw(
                "Tf",
                vec![
                    DictItem::Name(resource_name(g.font).into_bytes()),
                    num(g.size),
                ],
            ));
            font = Some((g.font, g.size));
        }
        if g_rise != rise {
            flush(ops, &mut array, &mut codes);
            ops.push(raw("Ts", vec![num(g_rise)]));
            rise = g_rise;
        }
        let adjust = (-(g.x - pen) * 1000.0 / g.size).round();
        if adjust != 0.0 {
            flush_codes(&mut array, &mut codes);
            array.push(DictItem::Int(adjust as i64));
            pen -= adjust * g.size / 1000.0;
        }
        codes.extend_from_slice(&g.cid.to_be_bytes());
        pen += g.width * g.size / 1000.0;
    }
    flush(ops, &mut array, &mut codes);
    ops.push(raw("ET", vec![]));
}

fn draw_outlines(ops: &mut Vec<Op>, outlines: &[Outline], art: &mut Artwork) {
    for o in outlines {
        let name = art.name(o.font, o.glyph);
        ops.push(raw("q", vec![]));
        ops.push(raw(
            "cm",
            vec![
                num(o.size * o.stretch),
                DictItem::Int(0),
                DictItem::Int(0),
                num(o.size),
                num(o.x),
                num(o.y),
            ],
        ));
        ops.push(raw("Do", vec![DictItem::Name(name.into_bytes())]));
        ops.push(raw("Q", vec![]));
    }
}

/// Every glyph of a furniture line, as outlines.
fn all_outlines(placed: &PlacedLine, height: f32, book: &crate::text::FontBook) -> Vec<Outline> {
    let mut out = Vec::new();
    for run in &placed.line.runs {
        let font = book.get(run.font);
        let scale = run.size / f32::from(font.units_per_em);
        for g in &run.glyphs {
            out.push(outline(
                placed,
                height,
                run,
                g,
                scale,
                stretch(book, run, g),
            ));
        }
    }
    out
}

fn stretch(book: &crate::text::FontBook, run: &Run, g: &Glyph) -> f32 {
    if !g.kashida {
        return 1.0;
    }
    let adv = book
        .get(run.font)
        .ttf()
        .glyph_hor_advance(ttf_parser::GlyphId(g.id))
        .unwrap_or(0);
    if adv == 0 {
        1.0
    } else {
        g.x_advance as f32 / f32::from(adv)
    }
}

fn outline(placed: &PlacedLine, height: f32, run: &Run, g: &Glyph, scale: f32, s: f32) -> Outline {
    Outline {
        font: run.font,
        glyph: g.id,
        size: run.size,
        stretch: s,
        x: placed.x + g.x + g.x_offset as f32 * scale,
        y: height - placed.y + g.y_offset as f32 * scale,
    }
}

/// The text glyphs of a line in logical order, and its outlined glyphs.
fn line_glyphs(
    layout: &Layout,
    placed: &PlacedLine,
    fonts: &mut FontSet,
    tree: &Tree,
) -> Result<(Vec<TextGlyph>, Vec<Outline>)> {
    let height = layout.geometry.height;
    let piece = &layout.pieces[placed.piece];
    let mut runs: Vec<&Run> = placed.line.runs.iter().collect();
    runs.sort_by_key(|r| r.range.start);
    let mut text_glyphs = Vec::new();
    let mut outlines = Vec::new();
    for run in runs {
        let book = fonts.book();
        let font = book.get(run.font);
        let face = font.ttf();
        let scale = run.size / f32::from(font.units_per_em);
        let Some(run_text) = piece.text.get(run.range.clone()) else {
            continue;
        };
        let mut logical: Vec<&Glyph> = Vec::new();
        for g in &run.glyphs {
            if g.kashida {
                outlines.push(outline(
                    placed,
                    height,
                    run,
                    g,
                    scale,
                    stretch(book, run, g),
                ));
            } else {
                logical.push(g);
            }
        }
        if run.is_rtl() {
            logical.reverse();
        }
        let mut starts: Vec<usize> = logical.iter().map(|g| g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let carrier = fonts.carrier_glyph(run.font);
        let mut i = 0;
        while i < logical.len() {
            let cluster = logical[i].cluster as usize;
            let n = logical[i..]
                .iter()
                .position(|g| g.cluster as usize != cluster)
                .unwrap_or(logical.len() - i);
            let group = &logical[i..i + n];
            i += n;
            let end = starts
                .iter()
                .find(|&&s| s > cluster)
                .copied()
                .unwrap_or(run_text.len());
            let chars: Vec<(usize, char)> = run_text
                .get(cluster..end)
                .unwrap_or("")
                .char_indices()
                .filter(|(_, c)| !is_default_ignorable(*c))
                .map(|(k, c)| (run.range.start + cluster + k, c))
                .collect();
            let is_mark: Vec<bool> = group
                .iter()
                .map(|g| {
                    face.tables()
                        .gdef
                        .and_then(|t| t.glyph_class(ttf_parser::GlyphId(g.id)))
                        == Some(ttf_parser::gdef::GlyphClass::Mark)
                })
                .collect();
            let char_is_mark: Vec<bool> = chars.iter().map(|(_, c)| is_mark_char(*c)).collect();
            let assigned = map_cluster(&char_is_mark, &is_mark, run.is_rtl());
            let mut used = vec![false; group.len()];
            for (k, slot) in assigned.iter().enumerate() {
                let (offset, ch) = chars[k];
                let g = group[slot.glyph];
                used[slot.glyph] = true;
                let x = placed.x + g.x + g.x_offset as f32 * scale;
                let y = height - placed.y + g.y_offset as f32 * scale;
                let target = tree.target(placed.piece, offset);
                if slot.primary {
                    let cid = fonts.cid(run.font, g.id, ch)?;
                    text_glyphs.push(TextGlyph {
                        target,
                        font: run.font,
                        size: run.size,
                        cid,
                        width: fonts.width(run.font, g.id),
                        x,
                        y,
                    });
                } else if let Some(carrier) = carrier {
                    let w = g.x_advance as f32 * scale;
                    let cid = fonts.cid(run.font, carrier, ch)?;
                    text_glyphs.push(TextGlyph {
                        target,
                        font: run.font,
                        size: run.size,
                        cid,
                        width: 0.0,
                        x: x + w * slot.position,
                        y,
                    });
                }
            }
            for (k, g) in group.iter().enumerate() {
                if !used[k] {
                    outlines.push(outline(placed, height, run, g, scale, 1.0));
                }
            }
        }
    }
    Ok((text_glyphs, outlines))
}

/// Whether a character is a nonspacing mark (it sits on the previous one).
fn is_mark_char(c: char) -> bool {
    unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

/// Which glyph of a cluster a character is written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    /// Index of the glyph in the cluster (logical order).
    pub glyph: usize,
    /// Whether the character is written with the glyph itself; otherwise it
    /// is a zero-width carrier inside the glyph's box.
    pub primary: bool,
    /// For a carrier: its position as a fraction of the glyph's advance.
    pub position: f32,
}

/// Shares a cluster's characters (logical order) among its glyphs (logical
/// order): base characters to base glyphs and marks to mark glyphs, in
/// order; the last glyph of a kind takes the characters left over (a
/// ligature). Of a glyph's characters, the one written with the glyph is
/// the visually leftmost base (the last in RTL, the first in LTR), and the
/// others are carriers placed, in reading order, across the glyph's box.
pub fn map_cluster(char_is_mark: &[bool], glyph_is_mark: &[bool], rtl: bool) -> Vec<Slot> {
    let n = char_is_mark.len();
    let mut owner = vec![0usize; n];
    let base_c: Vec<usize> = (0..n).filter(|&k| !char_is_mark[k]).collect();
    let mark_c: Vec<usize> = (0..n).filter(|&k| char_is_mark[k]).collect();
    let base_g: Vec<usize> = (0..glyph_is_mark.len())
        .filter(|&k| !glyph_is_mark[k])
        .collect();
    let mark_g: Vec<usize> = (0..glyph_is_mark.len())
        .filter(|&k| glyph_is_mark[k])
        .collect();
    if glyph_is_mark.is_empty() {
        return Vec::new();
    }
    let all_c: Vec<usize> = (0..n).collect();
    let all_g: Vec<usize> = (0..glyph_is_mark.len()).collect();
    if base_g.is_empty() || base_c.is_empty() {
        distribute(&all_c, &all_g, &mut owner);
    } else {
        distribute(&base_c, &base_g, &mut owner);
        if mark_g.is_empty() {
            let last = *base_g.last().unwrap_or(&0);
            for &k in &mark_c {
                owner[k] = last;
            }
        } else {
            distribute(&mark_c, &mark_g, &mut owner);
        }
    }
    let mut slots = vec![
        Slot {
            glyph: 0,
            primary: false,
            position: 0.0,
        };
        n
    ];
    for g in 0..glyph_is_mark.len() {
        let mine: Vec<usize> = (0..n).filter(|&k| owner[k] == g).collect();
        if mine.is_empty() {
            continue;
        }
        let bases: Vec<usize> = mine.iter().copied().filter(|&k| !char_is_mark[k]).collect();
        let pool = if bases.is_empty() { &mine } else { &bases };
        let primary = if rtl { pool[pool.len() - 1] } else { pool[0] };
        let count = mine.len() as f32;
        let mut j = 0.0;
        for &k in &mine {
            slots[k].glyph = g;
            if k == primary {
                slots[k].primary = true;
                continue;
            }
            j += 1.0;
            slots[k].position = if rtl { (count - j) / count } else { j / count };
        }
    }
    slots
}

fn distribute(chars: &[usize], glyphs: &[usize], owner: &mut [usize]) {
    for (i, &c) in chars.iter().enumerate() {
        owner[c] = glyphs[i.min(glyphs.len() - 1)];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_glyph_per_character() {
        let s = map_cluster(&[false, true], &[false, true], true);
        assert_eq!(s[0].glyph, 0);
        assert_eq!(s[1].glyph, 1);
        assert!(s[0].primary && s[1].primary);
    }

    #[test]
    fn rtl_ligature_writes_its_last_character_with_the_glyph() {
        // lam + alef → one glyph: lam is a carrier at the right, alef the glyph.
        let s = map_cluster(&[false, false], &[false], true);
        assert!(!s[0].primary && s[1].primary);
        assert_eq!(s[0].position, 0.5);
    }

    #[test]
    fn ltr_ligature_writes_its_first_character_with_the_glyph() {
        let s = map_cluster(&[false, false, false], &[false], false);
        assert!(s[0].primary && !s[1].primary && !s[2].primary);
        assert!(s[1].position < s[2].position);
    }

    #[test]
    fn marks_go_to_mark_glyphs() {
        // lam, fatha, alef → lam-alef ligature + fatha glyph.
        let s = map_cluster(&[false, true, false], &[false, true], true);
        assert_eq!((s[0].glyph, s[1].glyph, s[2].glyph), (0, 1, 0));
        assert!(s[1].primary && s[2].primary && !s[0].primary);
    }
}
