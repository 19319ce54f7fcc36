//! Notes, links and the masthead in the EPUB (issue 13), read back from the
//! book of `examples/notes/notes.json`: every note of
//! `semantics::notes` is one footnote aside at the end of the section that
//! refers to it, with its label and text; every reference resolves in its own
//! file; every link is an `a href` with its text; the masthead's lines come
//! before the title, in order; page markers still sit where the pages start.

mod epub_support;

use std::collections::BTreeMap;

use epub_support::validators::{validate, work_dir};
use epub_support::{content_documents, render_file, render_json, text_files, Elem, Node};
use warraq::model::semantics::{masthead_lines, notes, organisation, texts, MastheadLine};
use warraq::model::{Span, Text};

const NOTES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/notes/notes.json");

/// The content documents of a book, by file name, in spine order.
fn documents(epub: &[u8]) -> Vec<(String, Elem)> {
    content_documents(&text_files(epub))
}

/// The section of a content document (the body's only element).
fn section(html: &Elem) -> &Elem {
    let body = html.elements().find(|e| e.name == "body").expect("a body");
    let section = body.elements().next().expect("a section");
    assert_eq!(section.name, "section");
    assert_eq!(body.elements().count(), 1, "one section per body");
    section
}

fn is_footnote(e: &Elem) -> bool {
    e.name == "aside" && e.attr("epub:type") == Some("footnote")
}

fn is_page_marker(e: &Elem) -> bool {
    e.attr("role") == Some("doc-pagebreak")
}

/// The file whose section holds the element `id`.
fn file_of<'a>(docs: &'a [(String, Elem)], id: &str) -> &'a str {
    let found: Vec<&str> = docs
        .iter()
        .filter(|(_, html)| html.by_id(id).is_some())
        .map(|(file, _)| file.as_str())
        .collect();
    assert_eq!(found.len(), 1, "#{id} is in exactly one file: {found:?}");
    found[0]
}

#[test]
fn every_note_is_one_aside_at_the_end_of_the_section_that_refers_to_it() {
    let book = render_file(NOTES);
    let docs = documents(&book.epub);
    let notes = notes(&book.doc);
    // Checked against the source, not against the helpers: a starred note on
    // the title, then five numbered in Arabic-Indic digits.
    let labels: Vec<&str> = notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["*", "١", "٢", "٣", "٤", "٥"]);
    let asides: usize = docs
        .iter()
        .map(|(_, h)| {
            h.descendants()
                .into_iter()
                .filter(|e| is_footnote(e))
                .count()
        })
        .sum();
    assert_eq!(asides, notes.len(), "one aside per note");
    let mut order: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (k, note) in notes.iter().enumerate() {
        let (id, ref_id) = (format!("n{}", k + 1), format!("r{}", k + 1));
        let file = file_of(&docs, &id);
        assert_eq!(file, file_of(&docs, &ref_id), "{id} and its reference");
        // The section of its block: the title page for the title's note.
        let expected_file = match note.block {
            None => "title.xhtml",
            Some(b) => file_of(&docs, &format!("b{b}")),
        };
        assert_eq!(
            file, expected_file,
            "{id} ({}) is in its section",
            note.path
        );
        let html = &docs.iter().find(|(f, _)| f == file).unwrap().1;
        let aside = html.by_id(&id).unwrap();
        assert!(is_footnote(aside), "#{id} is a footnote aside");
        assert_eq!(aside.attr("role"), Some("doc-footnote"));
        let p = aside.elements().next().expect("a paragraph");
        let label = p.elements().next().expect("a label");
        assert_eq!(label.text(), note.label, "#{id} starts with its label");
        assert_eq!(label.attr("href"), Some(format!("#{ref_id}").as_str()));
        let expected = format!("{} {}", note.label, note.text.plain());
        assert_eq!(aside.text(), expected, "text of #{id}");
        order.entry(file).or_default().push(id);
    }
    // At the end of the section, in the order of their references.
    for (file, html) in &docs {
        let kids: Vec<&Elem> = section(html).elements().collect();
        let first = kids
            .iter()
            .position(|e| is_footnote(e))
            .unwrap_or(kids.len());
        assert!(
            kids[first..]
                .iter()
                .all(|e| is_footnote(e) || is_page_marker(e)),
            "{file}: only notes (and page markers) after the first note"
        );
        let ids: Vec<String> = kids[first..]
            .iter()
            .filter(|e| is_footnote(e))
            .map(|e| e.attr("id").unwrap().to_string())
            .collect();
        assert_eq!(ids, order.get(file.as_str()).cloned().unwrap_or_default());
    }
}

#[test]
fn every_note_reference_resolves_to_its_aside_in_the_same_file() {
    let book = render_file(NOTES);
    let docs = documents(&book.epub);
    let notes = notes(&book.doc);
    let mut seen = Vec::new();
    for (file, html) in &docs {
        for a in html.descendants() {
            if a.attr("epub:type") != Some("noteref") {
                continue;
            }
            assert_eq!(a.name, "a");
            assert_eq!(a.attr("role"), Some("doc-noteref"), "{file}");
            let href = a.attr("href").expect("an href");
            let target = href.strip_prefix('#').expect("a fragment in the same file");
            let aside = html
                .by_id(target)
                .unwrap_or_else(|| panic!("{file}: {href} resolves"));
            assert!(is_footnote(aside), "{file}: {href} is a footnote");
            let id = a.attr("id").expect("a reference has an id");
            let back = aside.descendants().into_iter().find(|e| e.name == "a");
            assert_eq!(
                back.and_then(|b| b.attr("href")),
                Some(format!("#{id}").as_str())
            );
            seen.push((target.to_string(), a.text()));
        }
    }
    // Reading order: one reference per note, with the note's label.
    let expected: Vec<(String, String)> = notes
        .iter()
        .enumerate()
        .map(|(k, n)| (format!("n{}", k + 1), n.label.clone()))
        .collect();
    assert_eq!(seen, expected);
    // Raised: inside a sup, and the style sheet raises it.
    let files = text_files(&book.epub);
    assert!(files["OEBPS/title.xhtml"].contains("<sup class=\"noteref\"><a epub:type=\"noteref\""));
    assert!(files["OEBPS/style.css"].contains("sup.noteref {"));
}

/// Every span with a link, in the body's texts and in the notes' texts.
fn link_spans(doc: &warraq::Document) -> Vec<Span> {
    let mut all: Vec<&Text> = texts(doc).into_iter().map(|(_, _, t)| t).collect();
    let notes = notes(doc);
    all.extend(notes.iter().map(|n| n.text));
    all.iter()
        .flat_map(|t| t.spans())
        .filter(|s| s.href.is_some())
        .collect()
}

/// `(href, text, lang of its span)` of every link that leaves the book.
fn links(docs: &[(String, Elem)]) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for (_, html) in docs {
        for a in html.descendants() {
            let Some(href) = a.attr("href").filter(|h| !h.starts_with('#')) else {
                continue;
            };
            if a.name != "a" {
                continue;
            }
            let lang = a
                .descendants()
                .into_iter()
                .find_map(|e| e.attr("lang"))
                .map(str::to_string);
            out.push((href.to_string(), a.text(), lang));
        }
    }
    out.sort();
    out
}

#[test]
fn every_link_is_an_a_href_with_its_text_and_language() {
    let book = render_file(NOTES);
    let docs = documents(&book.epub);
    let spans = link_spans(&book.doc);
    assert_eq!(spans.len(), 3, "https, mailto, and a link inside a note");
    let mut expected: Vec<(String, String, Option<String>)> = spans
        .into_iter()
        .map(|s| (s.href.unwrap(), s.text, s.lang))
        .collect();
    expected.sort();
    assert_eq!(links(&docs), expected);
    // The link inside the note is inside its aside.
    let n6 = docs
        .iter()
        .find_map(|(_, h)| h.by_id("n6").cloned())
        .expect("#n6");
    assert!(n6
        .descendants()
        .iter()
        .any(|e| e.name == "a" && e.attr("href").is_some_and(|h| h.starts_with("https://"))));
}

#[test]
fn links_outside_ascii_are_percent_encoded() {
    let json = r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": [
        {"text": "ويكي", "href": "https://ar.example.org/ويكي?a=1&b=2"},
        {"note": [{"text": "x|y", "href": "https://example.org/x|y"}]}
    ]}]}"#;
    let book = render_json(json);
    let docs = documents(&book.epub);
    let hrefs: Vec<String> = links(&docs).into_iter().map(|(h, _, _)| h).collect();
    assert_eq!(
        hrefs,
        [
            "https://ar.example.org/%D9%88%D9%8A%D9%83%D9%8A?a=1&b=2",
            "https://example.org/x%7Cy",
        ]
    );
    let files = text_files(&book.epub);
    assert!(files["OEBPS/title.xhtml"].contains("?a=1&amp;b=2\""));
}

#[test]
fn masthead_lines_come_before_the_title_in_order() {
    let book = render_file(NOTES);
    let docs = documents(&book.epub);
    let (file, html) = &docs[0];
    assert_eq!(file, "title.xhtml");
    let kids: Vec<&Elem> = section(html).elements().collect();
    let header = kids
        .iter()
        .position(|e| e.name == "header")
        .expect("a masthead header");
    let title = kids
        .iter()
        .position(|e| e.attr("id") == Some("title"))
        .expect("the title");
    assert!(header < title, "the masthead comes before the title");
    assert!(
        kids[..header].iter().all(|e| is_page_marker(e)),
        "only the first page's marker before the masthead"
    );
    let lines: Vec<String> = kids[header].elements().map(|p| p.text()).collect();
    let mut expected = vec![
        organisation(&book.doc.lang).to_string(),
        book.doc.symbol.clone().unwrap(),
    ];
    expected.extend(masthead_lines(&book.doc).into_iter().map(|(_, l)| l));
    assert_eq!(lines, expected);
    // Checked against the printed document, not against the helpers.
    for line in ["الأمم المتحدة", "التوزيع: عام", "العربية", "الأصل: الإنكليزية"]
    {
        assert!(lines.iter().any(|l| l == line), "masthead line {line}");
    }
    // The organ is bold.
    let organ = masthead_lines(&book.doc)
        .into_iter()
        .find(|(k, _)| *k == MastheadLine::Organ)
        .unwrap()
        .1;
    let p = kids[header].elements().find(|p| p.text() == organ).unwrap();
    assert_eq!(p.elements().next().map(|e| e.name.as_str()), Some("strong"));
    // Without a masthead, no header.
    let plain = render_json(r#"{"title": "t", "blocks": [{"kind": "paragraph", "text": "x"}]}"#);
    assert!(!text_files(&plain.epub)["OEBPS/title.xhtml"].contains("<header"));
}

/// The text of `e` before its descendant `id`, leaving out the elements
/// that `skip` matches; `None` when `id` is not inside `e`.
fn text_before(e: &Elem, id: &str, skip: &dyn Fn(&Elem) -> bool) -> Option<String> {
    fn walk(e: &Elem, id: &str, skip: &dyn Fn(&Elem) -> bool, out: &mut String) -> bool {
        for child in &e.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Elem(c) if c.attr("id") == Some(id) => return true,
                Node::Elem(c) if skip(c) => {}
                Node::Elem(c) => {
                    if walk(c, id, skip, out) {
                        return true;
                    }
                }
            }
        }
        false
    }
    let mut out = String::new();
    walk(e, id, skip, &mut out).then_some(out)
}

/// A document of long paragraphs with notes early in each, so that pages
/// start inside paragraphs after note references.
fn long_paragraphs_with_notes() -> String {
    let words = "كلمة عربية في فقرة طويلة تمتد عبر الصفحات ".repeat(70);
    let para = |k: usize| {
        serde_json::json!({"kind": "paragraph", "text": [
            {"text": format!("بداية الفقرة {k}")},
            {"note": format!("حاشية الفقرة {k}")},
            {"text": format!("، {words}")},
            {"note": "حاشية ثانية", "mark": "**"},
            {"text": words.clone()},
        ]})
    };
    let blocks: Vec<serde_json::Value> = (1..=4).map(para).collect();
    serde_json::json!({"title": "عنوان", "blocks": blocks}).to_string()
}

#[test]
fn page_markers_sit_where_the_pages_start_in_text_with_notes() {
    let book = render_json(&long_paragraphs_with_notes());
    assert!(book.layout.pages.len() > 3, "several pages");
    let docs = documents(&book.epub);
    let mut after_note = 0;
    for page in &book.layout.pages {
        // The page's first line of text (a note continued from the page
        // before is printed first but belongs to its note).
        let Some(line) = page.lines.iter().find(|l| {
            !matches!(
                book.layout.pieces[l.piece].role,
                warraq::layout::Role::NoteLabel | warraq::layout::Role::NoteBody
            )
        }) else {
            continue;
        };
        let piece = &book.layout.pieces[line.piece];
        let Some(block) = piece.block else { continue };
        let id = format!("page-{}", page.number);
        let (_, html) = docs
            .iter()
            .find(|(_, h)| h.by_id(&id).is_some())
            .unwrap_or_else(|| panic!("no marker #{id}"));
        let p = html.by_id(&format!("b{block}")).unwrap();
        let offset = line.line.range.start;
        let Some(before) = text_before(p, &id, &|e| e.name == "sup") else {
            assert_eq!(offset, 0, "#{id} is outside #b{block}");
            continue;
        };
        // The piece prints each reference as a narrow no-break space and
        // the label, which the EPUB writes as a raised link (left out).
        let mut printed = String::new();
        let mut from = 0;
        for (range, _) in piece.refs.iter().filter(|(r, _)| r.end <= offset) {
            let mark = range.start - '\u{202F}'.len_utf8();
            printed.push_str(&piece.text[from..mark]);
            from = range.end;
        }
        printed.push_str(&piece.text[from..offset]);
        assert_eq!(before, printed, "text of #b{block} before #{id}");
        let with_refs = text_before(p, &id, &|_| false).unwrap();
        after_note += usize::from(with_refs != before);
    }
    assert!(after_note > 0, "some pages start after a note reference");
    let list = text_files(&book.epub)["OEBPS/nav.xhtml"]
        .matches("#page-")
        .count();
    assert_eq!(list, book.layout.pages.len());
}

#[test]
fn same_notes_same_bytes() {
    let a = render_file(NOTES);
    let b = render_file(NOTES);
    assert!(a.epub == b.epub, "two renders of the notes example differ");
}

#[test]
fn notes_example_passes_both_epubchecks_epubcheck_ts_and_ace() {
    let problems = validate("notes", &render_file(NOTES).epub);
    let _ = std::fs::remove_dir_all(work_dir());
    assert!(
        problems.is_empty(),
        "validator findings:\n{}",
        problems.join("\n")
    );
}
