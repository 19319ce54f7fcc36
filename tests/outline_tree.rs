//! The PDF's outline (bookmarks) and the EPUB's table of contents are the
//! same tree: both come from `model::semantics`. The EPUB's has one more
//! entry, first, for its title page.

mod epub_support;

use epub_support::{parse_xml, text_files, Elem};
use lopdf::{Document as Pdf, Object, ObjectId};
use warraq::model::semantics::heading_levels;
use warraq::{Document, FontBook};

/// A heading and the headings under it.
#[derive(Debug, PartialEq, Eq)]
struct Node(String, Vec<Node>);

fn decode(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).expect("a UTF-16 title")
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn pdf_level(pdf: &Pdf, mut next: Option<ObjectId>) -> Vec<Node> {
    let mut out = Vec::new();
    while let Some(id) = next {
        let entry = pdf.get_dictionary(id).expect("an outline entry");
        let title = match entry.get(b"Title").expect("a title") {
            Object::String(bytes, _) => decode(bytes),
            other => panic!("a title that is not a string: {other:?}"),
        };
        let first = entry.get(b"First").and_then(Object::as_reference).ok();
        out.push(Node(title, pdf_level(pdf, first)));
        next = entry.get(b"Next").and_then(Object::as_reference).ok();
    }
    out
}

fn pdf_outline(bytes: &[u8]) -> Vec<Node> {
    let pdf = Pdf::load_mem(bytes).expect("lopdf reads the PDF");
    let catalog = pdf.catalog().expect("a catalog");
    let Ok(root) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
        return Vec::new();
    };
    let first = pdf
        .get_dictionary(root)
        .expect("the outline root")
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    pdf_level(&pdf, first)
}

fn nav_level(ol: &Elem) -> Vec<Node> {
    ol.elements()
        .filter(|li| li.name == "li")
        .map(|li| {
            let a = li
                .elements()
                .find(|e| e.name == "a")
                .expect("an entry link");
            let kids = li
                .elements()
                .find(|e| e.name == "ol")
                .map(nav_level)
                .unwrap_or_default();
            Node(a.text(), kids)
        })
        .collect()
}

fn epub_toc(bytes: &[u8]) -> Vec<Node> {
    let files = text_files(bytes);
    let nav = parse_xml(&files["OEBPS/nav.xhtml"]);
    let toc = nav
        .descendants()
        .into_iter()
        .find(|e| e.name == "nav" && e.attr("epub:type") == Some("toc"))
        .expect("a toc nav");
    let ol = toc.elements().find(|e| e.name == "ol").expect("a toc list");
    nav_level(ol)
}

/// The heading tags of the PDF's structure tree, in object order.
fn heading_tags(bytes: &[u8]) -> Vec<String> {
    let pdf = Pdf::load_mem(bytes).expect("lopdf reads the PDF");
    let mut tags: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"S").and_then(Object::as_name).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .filter(|n| n.len() == 2 && n.starts_with('H'))
        .collect();
    tags.sort();
    tags
}

fn render(doc: &Document) -> (Vec<u8>, Vec<u8>) {
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(doc, &fonts, &Default::default()).expect("layout");
    let options = Default::default();
    let pdf = warraq::write_pdf(doc, &fonts, &layout, &options).expect("pdf");
    let epub = warraq::write_epub(doc, &fonts, &layout, &options).expect("epub");
    (pdf, epub)
}

/// Both outlines of a document, the EPUB's without its title-page entry.
fn outlines(doc: &Document) -> (Vec<Node>, Vec<Node>) {
    let (pdf, epub) = render(doc);
    let mut toc = epub_toc(&epub);
    let title = toc.remove(0);
    assert_eq!(
        title,
        Node(doc.title.plain(), Vec::new()),
        "the title page first"
    );
    (pdf_outline(&pdf), toc)
}

#[test]
fn the_report_has_one_outline_in_both_formats() {
    let json = std::fs::read_to_string(epub_support::REPORT).unwrap();
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let (pdf, epub) = outlines(&doc);
    assert!(pdf.len() > 1, "the report's outline has level-1 headings");
    assert_eq!(pdf, epub);
}

/// The regression of issue 12: a recommendation right after a level-1
/// heading was `H3` (level 3) in the PDF and `h2` in the EPUB; it is level
/// 2 in both, under that heading.
#[test]
fn a_recommendation_after_a_level_one_heading_is_level_two() {
    let json = r#"{"title": "عنوان", "blocks": [
        {"kind": "heading", "level": 1, "label": "أولاً", "text": "مقدمة"},
        {"kind": "recommendation", "number": 1, "text": "نص التوصية."},
        {"kind": "heading", "level": 2, "text": "فرع"},
        {"kind": "recommendation", "number": 2, "text": "نص آخر."}
    ]}"#;
    let (doc, _) = warraq::parse_json(json).unwrap();
    assert_eq!(
        heading_levels(&doc),
        [Some(1), Some(2), Some(2), Some(3)],
        "the levels of model::semantics"
    );
    let (pdf, epub) = outlines(&doc);
    let expected = vec![Node(
        "أولاً - مقدمة".into(),
        vec![
            Node("التوصية ١".into(), Vec::new()),
            Node("فرع".into(), vec![Node("التوصية ٢".into(), Vec::new())]),
        ],
    )];
    assert_eq!(pdf, expected);
    assert_eq!(epub, expected);
    assert_eq!(heading_tags(&render(&doc).0), ["H1", "H2", "H2", "H3"]);
}
