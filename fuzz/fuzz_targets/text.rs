//! Arbitrary text (UTF-8) as a paragraph, a heading and a list item of a
//! valid document, through the whole pipeline: hunts the text engine and the
//! PDF text layer rather than the JSON parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let json = serde_json::json!({
        "title": "عنوان",
        "blocks": [
            {"kind": "heading", "level": 1, "label": "أولاً", "text": text},
            {"kind": "paragraph", "number": 1, "text": [{"text": text}, {"text": text, "lang": "en"}]},
            {"kind": "list", "items": [{"label": "(أ)", "text": text}]}
        ]
    })
    .to_string();
    let Ok((doc, _)) = warraq::parse_json(&json) else { return };
    let fonts = warraq::FontBook::bundled();
    let Ok(layout) = warraq::lay_out(&doc, &fonts, &warraq::LayoutOptions::default()) else { return };
    let options = warraq::ExportOptions::default();
    let _ = warraq::write_pdf(&doc, &fonts, &layout, &options);
    let _ = warraq::write_epub(&doc, &fonts, &layout, &options);
});
