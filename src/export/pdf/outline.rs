//! The document outline (bookmarks): one entry per heading, nested by the
//! levels of `model::semantics` (the EPUB's table of contents has the same
//! tree).

use lopdf::{dictionary, Object, ObjectId};

use super::metadata::text_string;
use crate::layout::{Layout, Role};
use crate::model::semantics::heading_levels;
use crate::model::Document;

struct Entry {
    title: String,
    page: usize,
    /// Top of the heading line, PDF user space.
    top: f32,
    kids: Vec<usize>,
}

/// Writes the outline; returns its dictionary's id, or `None` without headings.
pub fn write(
    doc: &mut lopdf::Document,
    source: &Document,
    layout: &Layout,
    pages: &[ObjectId],
) -> Option<ObjectId> {
    let levels = heading_levels(source);
    let mut entries: Vec<Entry> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    // The open ancestors: (level, entry).
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for line in page.lines.iter().filter(|l| l.index == 0) {
            let piece = &layout.pieces[line.piece];
            let (Role::Heading(_) | Role::RecommendationHeading) = piece.role else {
                continue;
            };
            let Some(level) = piece.block.and_then(|b| levels.get(b).copied().flatten()) else {
                continue;
            };
            let me = entries.len();
            entries.push(Entry {
                title: piece.text.clone(),
                page: p,
                top: layout.geometry.height - line.y + piece.size,
                kids: Vec::new(),
            });
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            match stack.last() {
                Some(&(_, parent)) => entries[parent].kids.push(me),
                None => roots.push(me),
            }
            stack.push((level, me));
        }
    }
    if roots.is_empty() {
        return None;
    }
    let root_id = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    write_level(doc, &entries, &ids, &roots, root_id, pages);
    doc.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => ids[roots[0]],
            "Last" => ids[*roots.last().unwrap_or(&roots[0])],
            "Count" => entries.len() as i64,
        }),
    );
    Some(root_id)
}

fn write_level(
    doc: &mut lopdf::Document,
    entries: &[Entry],
    ids: &[ObjectId],
    level: &[usize],
    parent: ObjectId,
    pages: &[ObjectId],
) {
    for (k, &e) in level.iter().enumerate() {
        let entry = &entries[e];
        let mut dict = dictionary! {
            "Title" => text_string(&entry.title),
            "Parent" => parent,
            "Dest" => vec![
                Object::Reference(pages[entry.page]),
                "XYZ".into(),
                Object::Null,
                Object::Real((entry.top * 10.0).round() / 10.0),
                Object::Null,
            ],
        };
        if k > 0 {
            dict.set("Prev", ids[level[k - 1]]);
        }
        if let Some(&next) = level.get(k + 1) {
            dict.set("Next", ids[next]);
        }
        if !entry.kids.is_empty() {
            dict.set("First", ids[entry.kids[0]]);
            dict.set("Last", ids[*entry.kids.last().unwrap_or(&entry.kids[0])]);
            dict.set("Count", descendants(entries, e) as i64);
            write_level(doc, entries, ids, &entry.kids, ids[e], pages);
        }
        doc.objects.insert(ids[e], Object::Dictionary(dict));
    }
}

fn descendants(entries: &[Entry], e: usize) -> usize {
    entries[e]
        .kids
        .iter()
        .map(|&k| 1 + descendants(entries, k))
        .sum()
}
