//! Shared by the EPUB tests: rendering, unzipping and a small XML tree
//! parsed back with quick-xml, so tests read the book as a reading system would.

#![allow(dead_code)]

pub mod validators;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// The example report.
pub const REPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/un-report/report.json"
);

/// A document, its layout and its EPUB.
pub struct Rendered {
    pub doc: warraq::Document,
    pub layout: warraq::Layout,
    pub epub: Vec<u8>,
}

/// Parses, lays out and writes the EPUB of a JSON document.
pub fn render_json(json: &str) -> Rendered {
    render_json_in(json, std::path::Path::new("."))
}

/// [`render_json`] with its figures' images read from `dir`.
pub fn render_json_in(json: &str, dir: &std::path::Path) -> Rendered {
    let (doc, _) = warraq::parse_json(json).expect("the document parses");
    let fonts = warraq::FontBook::bundled();
    let options = warraq::LayoutOptions {
        images: warraq::Images::load(&doc, dir).expect("the images load"),
        ..Default::default()
    };
    let layout = warraq::lay_out(&doc, &fonts, &options).expect("layout");
    let epub = warraq::write_epub(&doc, &fonts, &layout, &Default::default()).expect("epub");
    Rendered { doc, layout, epub }
}

/// The example report, rendered once per test binary (its layout is the
/// slow part in debug builds).
pub fn report() -> &'static Rendered {
    static REPORT_BOOK: std::sync::OnceLock<Rendered> = std::sync::OnceLock::new();
    REPORT_BOOK.get_or_init(|| render_file(REPORT))
}

/// Renders a JSON file.
pub fn render_file(path: &str) -> Rendered {
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let dir = std::path::Path::new(path)
        .parent()
        .unwrap_or(std::path::Path::new("."));
    render_json_in(&json, dir)
}

/// One zip entry.
pub struct Entry {
    pub name: String,
    pub stored: bool,
    pub data: Vec<u8>,
}

/// The entries of a zip, in order.
pub fn unzip(bytes: &[u8]) -> Vec<Entry> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("a zip entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("entry data");
            Entry {
                name: f.name().expect("an entry name").to_string(),
                stored: f.compression() == zip::CompressionMethod::Stored,
                data,
            }
        })
        .collect()
}

/// The files of the EPUB by path, as text (all but the fonts).
pub fn text_files(bytes: &[u8]) -> BTreeMap<String, String> {
    unzip(bytes)
        .into_iter()
        .filter(|e| !e.name.ends_with(".ttf"))
        .map(|e| {
            let text = String::from_utf8(e.data).unwrap_or_else(|_| panic!("{} is UTF-8", e.name));
            (e.name, text)
        })
        .collect()
}

/// A node of an XML tree.
#[derive(Debug, Clone)]
pub enum Node {
    Text(String),
    Elem(Elem),
}

/// An element: its qualified name, attributes and children.
#[derive(Debug, Clone, Default)]
pub struct Elem {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Elem {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The text content, all descendants included.
    pub fn text(&self) -> String {
        self.text_without(&|_| false)
    }

    /// The text content, leaving out the subtrees of elements that `skip` matches.
    pub fn text_without(&self, skip: &dyn Fn(&Elem) -> bool) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Elem(e) if !skip(e) => out.push_str(&e.text_without(skip)),
                Node::Elem(_) => {}
            }
        }
        out
    }

    /// Every element of the subtree (itself first) in document order.
    pub fn descendants(&self) -> Vec<&Elem> {
        let mut out = vec![self];
        for child in &self.children {
            if let Node::Elem(e) = child {
                out.extend(e.descendants());
            }
        }
        out
    }

    /// The element with this id, if any.
    pub fn by_id(&self, id: &str) -> Option<&Elem> {
        self.descendants()
            .into_iter()
            .find(|e| e.attr("id") == Some(id))
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|c| match c {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }
}

/// Parses an XML document into its root element; panics on malformed XML.
pub fn parse_xml(xml: &str) -> Elem {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Elem> = vec![Elem::default()];
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed XML at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => {
                let elem = start(&e);
                push(&mut stack, Node::Elem(elem));
            }
            Event::End(_) => {
                let elem = stack.pop().expect("balanced");
                push(&mut stack, Node::Elem(elem));
            }
            Event::Text(t) => push(&mut stack, Node::Text(t.xml10_content().into_owned())),
            Event::CData(t) => push(&mut stack, Node::Text(t.into_inner().into_owned())),
            Event::GeneralRef(r) => {
                let raw = format!("&{};", &*r);
                let text = quick_xml::escape::unescape(&raw)
                    .unwrap_or_else(|e| panic!("unknown entity {raw}: {e}"))
                    .into_owned();
                push(&mut stack, Node::Text(text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let root = stack.pop().expect("document");
    let element = root.elements().next().cloned();
    element.expect("a root element")
}

fn start(e: &quick_xml::events::BytesStart) -> Elem {
    Elem {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    }
}

fn push(stack: &mut [Elem], node: Node) {
    // Adjacent text nodes (text, entity, text) are merged.
    let parent = stack.last_mut().expect("an open element");
    if let (Node::Text(t), Some(Node::Text(prev))) = (&node, parent.children.last_mut()) {
        prev.push_str(t);
        return;
    }
    parent.children.push(node);
}

/// The XHTML content documents in spine order, parsed.
pub fn content_documents(files: &BTreeMap<String, String>) -> Vec<(String, Elem)> {
    let opf = parse_xml(&files["OEBPS/content.opf"]);
    let manifest: BTreeMap<String, String> = opf
        .descendants()
        .into_iter()
        .filter(|e| e.name == "item")
        .map(|e| {
            (
                e.attr("id").unwrap().to_string(),
                e.attr("href").unwrap().to_string(),
            )
        })
        .collect();
    opf.descendants()
        .into_iter()
        .filter(|e| e.name == "itemref")
        .map(|r| manifest[r.attr("idref").unwrap()].clone())
        .filter(|href| href != "nav.xhtml")
        .map(|href| {
            let xhtml = parse_xml(&files[&format!("OEBPS/{href}")]);
            (href, xhtml)
        })
        .collect()
}
