//! Arbitrary bytes, read as a JSON document, through the whole pipeline:
//! parse, lay out, PDF, EPUB. Any panic is a bug; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let Ok((doc, _)) = warraq::parse_json(json) else { return };
    let fonts = warraq::FontBook::bundled();
    let Ok(layout) = warraq::lay_out(&doc, &fonts, &warraq::LayoutOptions::default()) else { return };
    let options = warraq::ExportOptions::default();
    let _ = warraq::write_pdf(&doc, &fonts, &layout, &options);
    let _ = warraq::write_epub(&doc, &fonts, &layout, &options);
});
