//! Arbitrary bytes as a fallback font (`--font`), used for the characters
//! Amiri lacks in a small document, through the whole pipeline: hunts the
//! font checks, shaping and both subsetters (issue 19). Seed it with real
//! fonts; the first directory collects the corpus:
//!
//! ```text
//! RUSTC_BOOTSTRAP=1 cargo fuzz run font fuzz/corpus-font fonts \
//!     /usr/share/fonts/truetype/dejavu -- -max_len=1200000
//! ```
#![no_main]

use libfuzzer_sys::fuzz_target;

const DOC: &str = r#"{"title": "عنوان ☃", "blocks": [
  {"kind": "paragraph", "text": [{"text": "نص ☃ ✓ "}, {"text": "Ωmega ☂", "lang": "en"}]}
]}"#;

fuzz_target!(|data: &[u8]| {
    let mut fonts = warraq::FontBook::bundled();
    if fonts.add_data(data.to_vec()).is_err() {
        return;
    }
    let Ok((doc, _)) = warraq::parse_json(DOC) else { return };
    let Ok(layout) = warraq::lay_out(&doc, &fonts, &warraq::LayoutOptions::default()) else { return };
    let options = warraq::ExportOptions::default();
    let _ = warraq::write_pdf(&doc, &fonts, &layout, &options);
    let _ = warraq::write_epub(&doc, &fonts, &layout, &options);
});
