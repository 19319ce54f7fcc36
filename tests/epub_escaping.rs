//! Markup characters in every kind of input text (`& < > " '`, `]]>`, tab,
//! line feed) come back out of the EPUB unchanged, and every XML file of the
//! book is well-formed.

mod epub_support;

use epub_support::{content_documents, parse_xml, render_file, text_files};
use warraq::model::semantics::{heading_text, number_label, recommendation_heading};
use warraq::model::Block;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/epub/escaping.json"
);

#[test]
fn markup_characters_survive_as_text() {
    let book = render_file(FIXTURE);
    let files = text_files(&book.epub);
    // Every XML file parses.
    for (name, text) in &files {
        if name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".xml") {
            let _ = parse_xml(text);
        }
    }
    let opf = parse_xml(&files["OEBPS/content.opf"]);
    let title = opf
        .descendants()
        .into_iter()
        .find(|e| e.name == "dc:title")
        .unwrap();
    assert_eq!(title.text(), "عنوان & <تجربة> \"مزدوج\" 'مفرد' ]]>");
    let source = opf
        .descendants()
        .into_iter()
        .find(|e| e.name == "dc:source")
        .unwrap();
    assert!(
        source.text().ends_with("A/B&C<1>\"2\"'3'"),
        "{}",
        source.text()
    );

    let docs = content_documents(&files);
    let find = |id: &str| {
        docs.iter()
            .find_map(|(_, h)| h.by_id(id).cloned())
            .unwrap_or_else(|| panic!("no #{id}"))
    };
    let head_title = docs[0]
        .1
        .descendants()
        .into_iter()
        .find(|e| e.name == "title")
        .unwrap()
        .text();
    assert_eq!(head_title, book.doc.title.plain());
    assert_eq!(find("title").text(), book.doc.title.plain());
    assert_eq!(find("subtitle").text(), "سطر ]]> ثانٍ & <");
    assert_eq!(find("b0").text(), "أولاً & < - مقدِّمة \"و\" 'ما' ]]> بعدها");
    assert_eq!(
        find("b1").text(),
        "١- نص عربي فيه & و < و > ثم Fish & Chips <b>\"bold\"</b> 'x' ]]> ثم كلمة غامقة & <قوية>\tبعد علامة جدولة\nوسطر جديد."
    );
    let english = find("b1")
        .descendants()
        .into_iter()
        .find(|e| e.attr("lang") == Some("en"))
        .unwrap()
        .text();
    assert_eq!(english, "Fish & Chips <b>\"bold\"</b> 'x' ]]>");
    let strong = find("b1")
        .descendants()
        .into_iter()
        .find(|e| e.name == "strong")
        .unwrap()
        .text();
    assert_eq!(strong, "غامقة & <قوية>");
    assert_eq!(
        find("b4-0").text_without(&|e| e.name == "ol"),
        "(أ) بند & أول <١>"
    );
    assert_eq!(find("b4-0-0").text(), "١- بند فرعي ]]> \"مقتبس\"");
    assert_eq!(find("b4-1").text(), "(ب) Item 'two' & <three>");
    assert_eq!(find("b4-2").text(), "بند بلا علامة & ]]>");
    assert_eq!(find("b5").text(), "فقرة بلا رقم & < > \" ' ]]>");

    // And the same through the helpers, for every block.
    for (i, block) in book.doc.blocks.iter().enumerate() {
        let e = find(&format!("b{i}"));
        match block {
            Block::Heading { label, text, .. } => {
                assert_eq!(e.text(), heading_text(label.as_deref(), &text.plain()))
            }
            Block::Paragraph {
                number: Some(n),
                text,
            } => {
                assert_eq!(
                    e.text(),
                    format!("{} {}", number_label(*n, "ar"), text.plain())
                )
            }
            Block::Paragraph { number: None, text } => assert_eq!(e.text(), text.plain()),
            Block::Recommendation { number, text } => assert_eq!(
                e.text(),
                format!("{}{}", recommendation_heading(*number, "ar"), text.plain())
            ),
            Block::List { .. } | Block::Table { .. } | Block::Figure { .. } => {}
        }
    }
}

#[test]
fn the_nav_escapes_heading_text() {
    let book = render_file(FIXTURE);
    let files = text_files(&book.epub);
    let nav = parse_xml(&files["OEBPS/nav.xhtml"]);
    let links: Vec<String> = nav
        .descendants()
        .into_iter()
        .filter(|e| e.name == "a")
        .map(|a| a.text())
        .collect();
    assert!(links.contains(&"أولاً & < - مقدِّمة \"و\" 'ما' ]]> بعدها".to_string()));
    assert!(links.contains(&"ألف - توصيات ]]> & <عامة>".to_string()));
}
