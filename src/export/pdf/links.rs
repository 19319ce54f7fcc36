//! Link annotations: one link annotation over each line's piece of a link's
//! text, borderless (as the UN prints links), with an `OBJR` in the link's
//! structure element: a URI link with the link text as `/Contents`, or a
//! note's reference mark linking to the note (a `/Dest` on its page, the
//! note's text as `/Contents`).

use lopdf::{dictionary, Object, ObjectId};

use super::metadata::text_string;
use super::tagging::{LinkTarget, Tree};
use crate::layout::{Layout, PlacedLine, Role};
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
    let notes = note_places(layout, page_ids);
    // The links of each piece, found once (not a scan of every link per line).
    let mut by_piece: std::collections::BTreeMap<usize, Vec<&super::tagging::LinkPlan>> =
        std::collections::BTreeMap::new();
    for plan in &plans {
        by_piece.entry(plan.piece).or_default().push(plan);
    }
    for (index, page) in layout.pages.iter().enumerate() {
        let mut annots = Vec::new();
        for placed in &page.lines {
            for &plan in by_piece.get(&placed.piece).into_iter().flatten() {
                let Some(rect) = extent(fonts, placed, &plan.range) else {
                    continue;
                };
                let text = &layout.pieces[plan.piece].text[plan.range.clone()];
                let (x0, x1, size) = rect;
                let baseline = height - placed.y;
                let mut annot = dictionary! {
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
                };
                match &plan.target {
                    LinkTarget::Uri(href) => {
                        annot.set("Contents", text_string(text));
                        annot.set(
                            "A",
                            dictionary! {
                                "S" => "URI",
                                "URI" => Object::string_literal(crate::export::encode_uri(href)),
                            },
                        );
                    }
                    LinkTarget::Note(k) => {
                        let Some((dest, contents)) = notes.get(k) else {
                            continue;
                        };
                        annot.set("Contents", text_string(contents));
                        annot.set("Dest", dest.clone());
                    }
                }
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

/// Where each note starts (`[page /XYZ left top null]` at its label's
/// line) and its text, by note index.
fn note_places(
    layout: &Layout,
    page_ids: &[ObjectId],
) -> std::collections::BTreeMap<usize, (Vec<Object>, String)> {
    let height = layout.geometry.height;
    let mut out = std::collections::BTreeMap::new();
    for (index, page) in layout.pages.iter().enumerate() {
        for placed in &page.lines {
            let piece = &layout.pieces[placed.piece];
            let (Role::NoteLabel, Some(k)) = (piece.role, piece.note) else {
                continue;
            };
            if out.contains_key(&k) {
                continue;
            }
            // The note's text is the piece after its label (layout::pieces).
            let text = layout
                .pieces
                .get(placed.piece + 1)
                .filter(|p| p.role == Role::NoteBody && p.note == Some(k))
                .map_or(String::new(), |p| format!("{} {}", piece.text, p.text));
            let dest = vec![
                Object::Reference(page_ids[index]),
                "XYZ".into(),
                Object::Real(layout.geometry.left),
                Object::Real(height - placed.y + piece.size),
                Object::Null,
            ];
            out.insert(k, (dest, text));
        }
    }
    out
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
