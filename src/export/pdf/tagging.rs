//! The structure tree (PDF/UA-1): Document → P, H1/H2/H3, L/LI/Lbl/LBody,
//! Span with /Lang; marked-content references and the ParentTree.
//!
//! The tree is planned from the pieces before the pages are drawn: every
//! byte of every piece has a [`Target`], the element its text belongs to
//! (or an artifact). Elements join their parent when their first marked
//! content is drawn, so the order of the kids is the reading order of the
//! content stream.

use std::collections::BTreeMap;
use std::ops::Range;

use lopdf::{dictionary, Object, ObjectId};

mod objects;

use crate::layout::{Layout, Role};
use crate::model::semantics::heading_levels;
use crate::model::Document;

/// A structure type, with what the standard needs to know about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// The root element.
    Document,
    /// A paragraph (also the title and subtitle).
    P,
    /// A heading, `H1` to `H6`: its level, from `model::semantics`.
    H(u8),
    /// A list, and how its items are numbered (PDF 1.7 §14.8.5.5).
    L(ListNumbering),
    /// A list item.
    LI,
    /// A label: a list item's or a paragraph's number.
    Lbl,
    /// A list item's body.
    LBody,
    /// An inline span (another language, or text after a child element).
    Span,
    /// A note: its label and text (with `/ID`).
    Note,
    /// A note's reference mark in the text (holding its `Lbl`).
    Reference,
    /// A link: its text and its annotations (`OBJR`).
    Link,
    /// A table.
    Table,
    /// A table's header rows.
    THead,
    /// A table's other rows.
    TBody,
    /// A table row.
    TR,
    /// A header cell: its scope and spans (`/A << /O /Table … >>`).
    TH(Cell),
    /// A data cell: its spans.
    TD(Cell),
    /// A table's or a figure's caption.
    Caption,
    /// A figure: its `/Alt` and layout attributes are the element's.
    Figure,
}

/// What a table cell's `/A` says: its spans, and a header's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Columns spanned (`/ColSpan`, written when more than 1).
    pub colspan: u16,
    /// Rows spanned (`/RowSpan`, written when more than 1).
    pub rowspan: u16,
    /// A header's `/Scope`: `/Column` for the cells of header rows, `/Row`
    /// for a row's header.
    pub scope: Option<Scope>,
}

/// The `/Scope` of a header cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// It heads the cells under it (the model's header rows).
    Column,
    /// It heads the cells of its row (a cell marked `header` in a body row).
    Row,
}

/// The `/ListNumbering` attribute of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListNumbering {
    /// The labels are the document's own text (`Lbl`), not generated: the
    /// attribute's default, not written.
    None,
}

impl Tag {
    /// The standard structure type's name.
    pub fn name(self) -> &'static str {
        match self {
            Tag::Document => "Document",
            Tag::P => "P",
            Tag::H(level) => match level {
                0 | 1 => "H1",
                2 => "H2",
                3 => "H3",
                4 => "H4",
                5 => "H5",
                _ => "H6",
            },
            Tag::L(_) => "L",
            Tag::LI => "LI",
            Tag::Lbl => "Lbl",
            Tag::LBody => "LBody",
            Tag::Span => "Span",
            Tag::Note => "Note",
            Tag::Reference => "Reference",
            Tag::Link => "Link",
            Tag::Table => "Table",
            Tag::THead => "THead",
            Tag::TBody => "TBody",
            Tag::TR => "TR",
            Tag::TH(_) => "TH",
            Tag::TD(_) => "TD",
            Tag::Caption => "Caption",
            Tag::Figure => "Figure",
        }
    }

    /// The element's attribute object (`/A`), if the standard needs one.
    fn attributes(self) -> Option<lopdf::Dictionary> {
        match self {
            Tag::L(ListNumbering::None) => None,
            Tag::TH(cell) | Tag::TD(cell) => {
                let mut a = dictionary! { "O" => "Table" };
                if let Some(scope) = cell.scope {
                    a.set(
                        "Scope",
                        match scope {
                            Scope::Column => "Column",
                            Scope::Row => "Row",
                        },
                    );
                }
                if cell.colspan > 1 {
                    a.set("ColSpan", i64::from(cell.colspan));
                }
                if cell.rowspan > 1 {
                    a.set("RowSpan", i64::from(cell.rowspan));
                }
                (a.len() > 1).then_some(a)
            }
            _ => None,
        }
    }
}

/// Where the text of a byte of a piece goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Marked content of this structure element.
    Elem(usize),
    /// Not content: an artifact.
    Artifact,
}

/// A kid of a structure element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kid {
    /// Another element.
    Elem(usize),
    /// Marked content on a page (0-based page index).
    Mc {
        /// Page index.
        page: usize,
        /// Marked-content id on that page.
        mcid: usize,
    },
    /// An annotation (a link's), by its index in [`Tree::annotations`].
    Objr(usize),
}

/// A structure element.
#[derive(Debug, Clone)]
pub struct Elem {
    /// Structure type: `P`, `H1`, `Lbl`, …
    pub tag: Tag,
    /// The parent element (the root `Document` is its own parent).
    pub parent: usize,
    /// Kids in reading order.
    pub kids: Vec<Kid>,
    /// Language, when it differs from the document's.
    pub lang: Option<String>,
    /// The element's `/ID` (a note's).
    pub id: Option<String>,
    /// The element's `/Alt` (a figure's).
    pub alt: Option<String>,
    /// A figure's box on its page, PDF user space (`[x0 y0 x1 y1]`): its
    /// `/A << /O /Layout /BBox … /Placement /Block >>`.
    pub bbox: Option<[f32; 4]>,
    /// The block an element directly under `Document` prints: the root's
    /// kids are written in block order (a table's and a figure's elements
    /// are attached when planned, the others when drawn).
    block: Option<usize>,
    attached: bool,
    /// A plain `Span` holding its parent's text after a child element.
    plain: bool,
}

/// The planned structure tree.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Elements; 0 is `Document`.
    pub elems: Vec<Elem>,
    /// Per piece: byte ranges and their targets.
    segments: Vec<Vec<(Range<usize>, Target)>>,
    /// Every link: its element, piece, byte range and URI.
    pub links: Vec<LinkPlan>,
    /// The block of the piece being planned.
    block: Option<usize>,
    /// Annotations recorded as kids: (element, page, annotation object).
    pub annotations: Vec<(usize, usize, ObjectId)>,
}

/// A link of a piece: what its annotations are made from.
#[derive(Debug, Clone)]
pub struct LinkPlan {
    /// The `Link` element.
    pub elem: usize,
    /// Index of the piece.
    pub piece: usize,
    /// Byte range of the link text in the piece.
    pub range: Range<usize>,
    /// Where it leads.
    pub target: LinkTarget,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A URI (a link span's `href`).
    Uri(String),
    /// A note, by its index: the link of a reference mark.
    Note(usize),
}

impl Tree {
    /// Plans the tree for every content piece of a layout.
    pub fn plan(doc: &Document, layout: &Layout) -> Tree {
        let mut t = Tree::empty(layout.pieces.len());
        // The element of the last piece that is not a note's: notes hang
        // in it; and each note's element.
        let mut referrer = 0;
        let mut notes: BTreeMap<usize, usize> = BTreeMap::new();
        let levels = heading_levels(doc);
        let mut block_elem: BTreeMap<usize, usize> = BTreeMap::new();
        // List item path → LI; LI → LBody; item path → nested L.
        let mut lis: BTreeMap<(usize, Vec<usize>), usize> = BTreeMap::new();
        let mut lbodies: BTreeMap<usize, usize> = BTreeMap::new();
        let mut lists: BTreeMap<(usize, Vec<usize>), usize> = BTreeMap::new();
        let mut objects: BTreeMap<usize, objects::Planned> = BTreeMap::new();
        for (index, piece) in layout.pieces.iter().enumerate() {
            let whole = 0..piece.text.len();
            t.block = piece.block;
            let segs = match (piece.role, piece.block) {
                (Role::Caption | Role::Cell { .. } | Role::Figure, Some(b)) => {
                    t.object_segments(doc, (index, piece), b, &mut objects)
                }
                (Role::NoteLabel | Role::NoteBody, _) => {
                    t.note(doc, (index, piece), referrer, &mut notes)
                }
                (Role::Title | Role::Subtitle, _)
                | (Role::Organisation | Role::Symbol | Role::Masthead(_), _)
                | (_, None) => {
                    let p = t.add(Tag::P, 0);
                    t.spans(doc, (index, piece), p, whole)
                }
                // The label and its separator are the heading's own text,
                // as printed: one marked-content sequence for the line, which
                // PDF.js needs to read it in order (it reads each sequence
                // as a run of its own).
                (Role::Heading(level), Some(b)) => {
                    let level = levels.get(b).copied().flatten().unwrap_or(level);
                    let h = t.add(Tag::H(level), 0);
                    t.spans(doc, (index, piece), h, whole)
                }
                (Role::RecommendationHeading, Some(b)) => {
                    let h = t.add(Tag::H(levels.get(b).copied().flatten().unwrap_or(2)), 0);
                    block_elem.remove(&b);
                    t.spans(doc, (index, piece), h, whole)
                }
                (Role::Number, Some(b)) => {
                    let p = *block_elem.entry(b).or_insert_with(|| t.add(Tag::P, 0));
                    let lbl = t.add(Tag::Lbl, p);
                    vec![(whole, Target::Elem(lbl))]
                }
                (Role::Body, Some(b)) => {
                    let p = match block_elem.remove(&b) {
                        Some(p) => p,
                        None => t.add(Tag::P, 0),
                    };
                    t.spans(doc, (index, piece), p, whole)
                }
                (Role::Label | Role::ItemBody, Some(b)) => {
                    let li = t.list_item(b, &piece.item, &mut lis, &mut lbodies, &mut lists);
                    if piece.role == Role::Label {
                        let lbl = t.add(Tag::Lbl, li);
                        vec![(whole, Target::Elem(lbl))]
                    } else {
                        let body = t.lbody(li, &mut lbodies);
                        t.spans(doc, (index, piece), body, whole)
                    }
                }
                (Role::Header | Role::Footer, _) => vec![(whole, Target::Artifact)],
            };
            if !matches!(piece.role, Role::NoteLabel | Role::NoteBody) {
                referrer = match segs.first() {
                    Some((_, Target::Elem(e))) => t.base_of(*e),
                    _ => 0,
                };
            }
            t.segments.push(segs);
        }
        t
    }

    /// The segments of a table's or a figure's piece (block `b`): its
    /// caption's, a cell's, or (a figure's image) its `Figure`.
    fn object_segments(
        &mut self,
        doc: &Document,
        (index, piece): (usize, &crate::layout::Piece),
        b: usize,
        objects: &mut BTreeMap<usize, objects::Planned>,
    ) -> Vec<(Range<usize>, Target)> {
        let planned = objects.entry(b).or_insert_with(|| self.plan_object(doc, b));
        let e = planned.elem_of(piece);
        if piece.role == Role::Figure {
            vec![(0..piece.text.len(), Target::Elem(e))]
        } else {
            self.spans(doc, (index, piece), e, 0..piece.text.len())
        }
    }

    /// A tree with only the root `Document`.
    fn empty(pieces: usize) -> Tree {
        Tree {
            elems: vec![Elem {
                tag: Tag::Document,
                parent: 0,
                kids: Vec::new(),
                lang: None,
                id: None,
                alt: None,
                bbox: None,
                block: None,
                attached: true,
                plain: false,
            }],
            segments: Vec::with_capacity(pieces),
            links: Vec::new(),
            block: None,
            annotations: Vec::new(),
        }
    }

    /// The segments of a note's label or text: a `Note` (with `/ID`, in
    /// the element of the text that refers to it, `referrer`) holding the
    /// `Lbl` and a `P`.
    fn note(
        &mut self,
        doc: &Document,
        (index, piece): (usize, &crate::layout::Piece),
        referrer: usize,
        notes: &mut BTreeMap<usize, usize>,
    ) -> Vec<(Range<usize>, Target)> {
        let whole = 0..piece.text.len();
        let k = piece.note.unwrap_or(0);
        let note = *notes.entry(k).or_insert_with(|| {
            let n = self.add(Tag::Note, referrer);
            self.elems[n].id = Some(format!("note-{}", k + 1));
            n
        });
        if piece.role == Role::NoteLabel {
            let lbl = self.add(Tag::Lbl, note);
            vec![(whole, Target::Elem(lbl))]
        } else {
            let p = self.add(Tag::P, note);
            self.spans(doc, (index, piece), p, whole)
        }
    }

    fn add(&mut self, tag: Tag, parent: usize) -> usize {
        self.elems.push(Elem {
            tag,
            parent,
            kids: Vec::new(),
            lang: None,
            id: None,
            alt: None,
            bbox: None,
            block: (parent == 0).then_some(self.block).flatten(),
            attached: false,
            plain: false,
        });
        self.elems.len() - 1
    }

    /// The block-level element an inline element (Span, Link, Lbl of a
    /// Reference) sits in.
    fn base_of(&self, mut e: usize) -> usize {
        while matches!(self.elems[e].tag, Tag::Span | Tag::Link | Tag::Reference)
            || (self.elems[e].tag == Tag::Lbl
                && self.elems[self.elems[e].parent].tag == Tag::Reference)
        {
            e = self.elems[e].parent;
        }
        e
    }

    /// Segments of `range` in `piece`: `base`, a Span with /Lang for style
    /// runs in another language, a `Link` for a link's text (with the
    /// link's /Lang), a `Reference` holding the `Lbl` of a note's mark.
    fn spans(
        &mut self,
        doc: &Document,
        (index, piece): (usize, &crate::layout::Piece),
        base: usize,
        range: Range<usize>,
    ) -> Vec<(Range<usize>, Target)> {
        let mut segs = Vec::new();
        for style in &piece.styles {
            let start = style.range.start.max(range.start);
            let end = style.range.end.min(range.end);
            if start >= end {
                continue;
            }
            let lang = style
                .lang
                .as_ref()
                .filter(|lang| !lang.eq_ignore_ascii_case(&doc.lang));
            let link = piece
                .links
                .iter()
                .find(|(r, _)| r.start <= start && end <= r.end);
            let reference = piece
                .refs
                .iter()
                .find(|(r, _)| r.start <= start && end <= r.end);
            let target = if let Some((r, href)) = link {
                let e = self.add(Tag::Link, base);
                self.elems[e].lang = lang.cloned();
                self.links.push(LinkPlan {
                    elem: e,
                    piece: index,
                    range: r.clone(),
                    target: LinkTarget::Uri(href.clone()),
                });
                e
            } else if let Some((r, note)) = reference {
                // Reference → Lbl → Link: the mark, and its link to the note.
                let element = self.add(Tag::Reference, base);
                let lbl = self.add(Tag::Lbl, element);
                let e = self.add(Tag::Link, lbl);
                self.links.push(LinkPlan {
                    elem: e,
                    piece: index,
                    range: r.clone(),
                    target: LinkTarget::Note(*note),
                });
                e
            } else if let Some(lang) = lang {
                let span = self.add(Tag::Span, base);
                self.elems[span].lang = Some(lang.clone());
                span
            } else {
                base
            };
            segs.push((start..end, Target::Elem(target)));
        }
        if segs.is_empty() {
            segs.push((range, Target::Elem(base)));
        }
        segs
    }

    /// Records annotation `annot` on `page` as the next kid of `elem`.
    pub fn add_annotation(&mut self, elem: usize, page: usize, annot: ObjectId) {
        self.attach(elem);
        self.elems[elem]
            .kids
            .push(Kid::Objr(self.annotations.len()));
        self.annotations.push((elem, page, annot));
    }

    fn list_item(
        &mut self,
        block: usize,
        path: &[usize],
        lis: &mut BTreeMap<(usize, Vec<usize>), usize>,
        lbodies: &mut BTreeMap<usize, usize>,
        lists: &mut BTreeMap<(usize, Vec<usize>), usize>,
    ) -> usize {
        if let Some(&li) = lis.get(&(block, path.to_vec())) {
            return li;
        }
        let parent_path = &path[..path.len().saturating_sub(1)];
        let list = match lists.get(&(block, parent_path.to_vec())) {
            Some(&l) => l,
            None => {
                let holder = if parent_path.is_empty() {
                    0
                } else {
                    let parent_li = self.list_item(block, parent_path, lis, lbodies, lists);
                    self.lbody(parent_li, lbodies)
                };
                let l = self.add(Tag::L(ListNumbering::None), holder);
                lists.insert((block, parent_path.to_vec()), l);
                l
            }
        };
        let li = self.add(Tag::LI, list);
        lis.insert((block, path.to_vec()), li);
        li
    }

    fn lbody(&mut self, li: usize, lbodies: &mut BTreeMap<usize, usize>) -> usize {
        if let Some(&b) = lbodies.get(&li) {
            return b;
        }
        let b = self.add(Tag::LBody, li);
        lbodies.insert(li, b);
        b
    }

    /// The target of byte `offset` of piece `piece`.
    pub fn target(&self, piece: usize, offset: usize) -> Target {
        self.segments
            .get(piece)
            .and_then(|segs| {
                // A piece's segments are its styles' ranges: in order, disjoint.
                let k = segs.partition_point(|(r, _)| r.end <= offset);
                segs.get(k)
                    .filter(|(r, _)| r.contains(&offset))
                    .or(segs.last())
                    .map(|(_, t)| *t)
            })
            .unwrap_or(Target::Artifact)
    }

    /// Records marked content `mcid` on `page` as the next kid of `elem`;
    /// returns the element that holds it.
    ///
    /// Text of an element that follows one of its child elements (a
    /// paragraph's text after its number's `Lbl`, text after an English
    /// `Span`) goes into a plain `Span` child, so that no element has its
    /// own content after a child: the reading order is then the same for
    /// tools that read an element's own content before its children.
    pub fn add_content(&mut self, elem: usize, page: usize, mcid: usize) -> usize {
        self.attach(elem);
        let holder = match self.elems[elem].kids.last() {
            Some(Kid::Elem(last)) if self.elems[*last].plain => *last,
            Some(Kid::Elem(_)) => {
                let span = self.add(Tag::Span, elem);
                self.elems[span].plain = true;
                self.attach(span);
                span
            }
            _ => elem,
        };
        self.elems[holder].kids.push(Kid::Mc { page, mcid });
        holder
    }

    fn attach(&mut self, elem: usize) {
        if self.elems[elem].attached {
            return;
        }
        self.elems[elem].attached = true;
        let parent = self.elems[elem].parent;
        self.attach(parent);
        self.elems[parent].kids.push(Kid::Elem(elem));
    }

    /// Records marked content `mcid` on `page` (a figure's image) as the
    /// first kid of `elem`, before its caption.
    pub fn add_image(&mut self, elem: usize, page: usize, mcid: usize, bbox: [f32; 4]) {
        self.attach(elem);
        self.elems[elem].kids.insert(0, Kid::Mc { page, mcid });
        self.elems[elem].bbox = Some(bbox);
    }

    /// Writes the tree; returns the StructTreeRoot. `parents[page][mcid]` is
    /// the element of each marked content; pages get /StructParents = index.
    pub fn write(
        &self,
        doc: &mut lopdf::Document,
        pages: &[ObjectId],
        parents: &[Vec<usize>],
    ) -> ObjectId {
        let root_id = doc.new_object_id();
        let ids: Vec<Option<ObjectId>> = self
            .elems
            .iter()
            .map(|e| e.attached.then(|| doc.new_object_id()))
            .collect();
        for (i, e) in self.elems.iter().enumerate() {
            let Some(id) = ids[i] else { continue };
            let parent = if i == 0 {
                root_id
            } else {
                ids[e.parent].unwrap_or(root_id)
            };
            let dict = self.elem_dict(e, &ids, pages, parent);
            doc.objects.insert(id, Object::Dictionary(dict));
        }
        let nums = self.parent_tree(doc, &ids, pages, parents);
        let root_kids = ids[0].map_or(Vec::new(), |d| vec![Object::Reference(d)]);
        doc.objects.insert(
            root_id,
            Object::Dictionary(dictionary! {
                "Type" => "StructTreeRoot",
                "K" => root_kids,
                "ParentTree" => dictionary! { "Nums" => nums },
                "ParentTreeNextKey" => (parents.len() + self.annotations.len()) as i64,
            }),
        );
        root_id
    }

    /// The dictionary of element `e`, whose parent is `parent`.
    fn elem_dict(
        &self,
        e: &Elem,
        ids: &[Option<ObjectId>],
        pages: &[ObjectId],
        parent: ObjectId,
    ) -> lopdf::Dictionary {
        {
            let first_page = e.kids.iter().find_map(|k| match k {
                Kid::Mc { page, .. } => Some(*page),
                Kid::Elem(_) | Kid::Objr(_) => None,
            });
            let mut order: Vec<&Kid> = e.kids.iter().collect();
            if e.tag == Tag::Document {
                // Stable: block order, reading order within a block.
                order.sort_by_key(|k| match k {
                    Kid::Elem(c) => self.elems[*c].block.map_or(0, |b| b + 1),
                    _ => 0,
                });
            }
            let kids: Vec<Object> = order
                .into_iter()
                .filter_map(|k| match k {
                    Kid::Elem(c) => ids[*c].map(Object::Reference),
                    Kid::Mc { page, mcid } if Some(*page) == first_page => {
                        Some(Object::Integer(*mcid as i64))
                    }
                    Kid::Mc { page, mcid } => Some(Object::Dictionary(dictionary! {
                        "Type" => "MCR",
                        "Pg" => pages[*page],
                        "MCID" => *mcid as i64,
                    })),
                    Kid::Objr(k) => {
                        let (_, page, annot) = self.annotations[*k];
                        Some(Object::Dictionary(dictionary! {
                            "Type" => "OBJR",
                            "Pg" => pages[page],
                            "Obj" => annot,
                        }))
                    }
                })
                .collect();
            // /Type /StructElem is optional; it is left out to save space.
            let mut dict = dictionary! {
                "S" => e.tag.name(),
                "P" => parent,
                "K" => kids,
            };
            if let Some(page) = first_page {
                dict.set("Pg", pages[page]);
            }
            if let Some(attributes) = e.tag.attributes() {
                dict.set("A", attributes);
            }
            if let Some(lang) = &e.lang {
                dict.set("Lang", Object::string_literal(lang.as_str()));
            }
            if let Some(elem_id) = &e.id {
                dict.set("ID", Object::string_literal(elem_id.as_str()));
            }
            if let Some(alt) = &e.alt {
                dict.set("Alt", super::metadata::text_string(alt));
            }
            if let Some(b) = e.bbox {
                let bbox: Vec<Object> = b.iter().map(|&v| Object::Real(v)).collect();
                dict.set(
                    "A",
                    dictionary! { "O" => "Layout", "BBox" => bbox, "Placement" => "Block" },
                );
            }
            dict
        }
    }

    /// The ParentTree's `/Nums`: per page, the element of each MCID; per
    /// annotation (keys after the pages'), its element. Pages get
    /// `/StructParents`, annotations `/StructParent`.
    fn parent_tree(
        &self,
        doc: &mut lopdf::Document,
        ids: &[Option<ObjectId>],
        pages: &[ObjectId],
        parents: &[Vec<usize>],
    ) -> Vec<Object> {
        let mut nums = Vec::new();
        for (p, mcids) in parents.iter().enumerate() {
            let refs: Vec<Object> = mcids
                .iter()
                .map(|&e| ids[e].map_or(Object::Null, Object::Reference))
                .collect();
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(refs));
            if let Ok(Object::Dictionary(page)) = doc.get_object_mut(pages[p]) {
                page.set("StructParents", p as i64);
                page.set("Tabs", "S");
            }
        }
        for (k, &(elem, _, annot)) in self.annotations.iter().enumerate() {
            let key = (parents.len() + k) as i64;
            nums.push(Object::Integer(key));
            nums.push(ids[elem].map_or(Object::Null, Object::Reference));
            if let Ok(Object::Dictionary(a)) = doc.get_object_mut(annot) {
                a.set("StructParent", key);
            }
        }
        nums
    }
}
