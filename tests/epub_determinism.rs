//! Same input, same bytes; the identifier is stable and derived from the
//! symbol (or the content), never random.

mod epub_support;

use epub_support::{parse_xml, render_file, render_json, report, text_files};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/epub/escaping.json"
);

fn identifier(epub: &[u8]) -> String {
    let files = text_files(epub);
    let opf = parse_xml(&files["OEBPS/content.opf"]);
    let id = opf
        .descendants()
        .into_iter()
        .find(|e| e.name == "dc:identifier")
        .unwrap()
        .text();
    id
}

#[test]
fn same_input_same_bytes() {
    let a = render_file(FIXTURE);
    let b = render_file(FIXTURE);
    assert!(a.epub == b.epub, "two renders of one document differ");
}

#[test]
fn same_layout_same_bytes_for_the_report() {
    let book = report();
    let fonts = warraq::FontBook::bundled();
    let again = warraq::write_epub(&book.doc, &fonts, &book.layout, &Default::default()).unwrap();
    assert!(again == book.epub, "two EPUBs of the report differ");
}

#[test]
fn identifier_follows_the_symbol_or_the_content() {
    let json = std::fs::read_to_string(FIXTURE).unwrap();
    let base = identifier(&render_json(&json).epub);
    // Same symbol, other content: same identifier.
    let edited = json.replace("فقرة بلا رقم", "فقرة أخرى");
    assert_eq!(identifier(&render_json(&edited).epub), base);
    // Another symbol: another identifier.
    let other = json.replace("A/B&C<1>", "A/B&C<2>");
    assert_ne!(identifier(&render_json(&other).epub), base);
    // Without a symbol, the content decides.
    let no_symbol = json.replace("\"symbol\": \"A/B&C<1>\\\"2\\\"'3'\",", "");
    assert_ne!(no_symbol, json);
    let a = identifier(&render_json(&no_symbol).epub);
    let b = identifier(&render_json(&no_symbol.replace("فقرة بلا رقم", "فقرة أخرى")).epub);
    assert_ne!(a, base);
    assert_ne!(a, b);
    assert_eq!(a, identifier(&render_json(&no_symbol).epub));
}

#[test]
fn the_timestamp_option_sets_dcterms_modified() {
    let json = std::fs::read_to_string(FIXTURE).unwrap();
    let (doc, _) = warraq::parse_json(&json).unwrap();
    let fonts = warraq::FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    let options = warraq::ExportOptions {
        timestamp: Some(1_700_000_000),
        ..Default::default()
    };
    let epub = warraq::write_epub(&doc, &fonts, &layout, &options).unwrap();
    let files = text_files(&epub);
    assert!(files["OEBPS/content.opf"]
        .contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"));
    // Without it, the document's date at midnight.
    let default = render_json(&json).epub;
    assert!(text_files(&default)["OEBPS/content.opf"]
        .contains("<meta property=\"dcterms:modified\">2020-02-29T00:00:00Z</meta>"));
}
