//! Link annotations: one URI link annotation over each line's piece of a
//! link's text, borderless (as the UN prints links), with the link text as
//! `/Contents` and an `OBJR` in the link's structure element.

use lopdf::{dictionary, Object, ObjectId};

use super::metadata::text_string;
use super::tagging::Tree;
use crate::layout::{Layout, PlacedLine};
use crate::text::FontBook;

/// Writes the link annotations of every page and records them in the tree.
pub fn write(
    lo: &mut lopdf::Document,
    layout: &Layout,
    fonts: &FontBook,
    page_ids: &[ObjectId],
    tree: &mut Tree,
) {
    let plans = tree.links.clone();
    if plans.is_empty() {
        return;
    }
    let height = layout.geometry.height;
    for (index, page) in layout.pages.iter().enumerate() {
        let mut annots = Vec::new();
        for placed in &page.lines {
            for plan in plans.iter().filter(|p| p.piece == placed.piece) {
                let Some(rect) = extent(fonts, placed, &plan.range) else {
                    continue;
                };
                let text = &layout.pieces[plan.piece].text[plan.range.clone()];
                let (x0, x1, size) = rect;
                let baseline = height - placed.y;
                let annot = dictionary! {
                    "Type" => "Annot",
                    "Subtype" => "Link",
                    "Rect" => vec![
                        Object::Real(x0),
                        Object::Real(baseline - 0.3 * size),
                        Object::Real(x1),
                        Object::Real(baseline + 0.9 * size),
                    ],
                    "Border" => vec![0.into(), 0.into(), 0.into()],
                    "F" => 4,
                    "P" => page_ids[index],
                    "Contents" => text_string(text),
                    "A" => dictionary! {
                        "S" => "URI",
                        "URI" => Object::string_literal(crate::export::encode_uri(&plan.href)),
                    },
                };
                let id = lo.add_object(Object::Dictionary(annot));
                tree.add_annotation(plan.elem, index, id);
                annots.push(Object::Reference(id));
            }
        }
        if annots.is_empty() {
            continue;
        }
        if let Ok(Object::Dictionary(p)) = lo.get_object_mut(page_ids[index]) {
            p.set("Annots", annots);
        }
    }
}

/// The horizontal extent (left, right, points) of the glyphs of `range`
/// on a placed line, and their size; `None` when the line has none.
fn extent(
    fonts: &FontBook,
    placed: &PlacedLine,
    range: &std::ops::Range<usize>,
) -> Option<(f32, f32, f32)> {
    let mut out: Option<(f32, f32, f32)> = None;
    for run in &placed.line.runs {
        let font = run.size / f32::from(fonts.get(run.font).units_per_em);
        for g in &run.glyphs {
            let at = run.range.start + g.cluster as usize;
            if !range.contains(&at) {
                continue;
            }
            let x0 = placed.x + g.x;
            let x1 = x0 + g.x_advance as f32 * font;
            out = Some(match out {
                None => (x0.min(x1), x0.max(x1), run.size),
                Some((a, b, s)) => (a.min(x0).min(x1), b.max(x0).max(x1), s.max(run.size)),
            });
        }
    }
    out
}
