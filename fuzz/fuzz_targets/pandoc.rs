//! Arbitrary bytes as pandoc's JSON AST (issues 15 and 19): the reader must
//! return a document or an error naming the pandoc element, never panic.
//! Seeded with the samples of `tests/fixtures/pandoc/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = warraq::parse_pandoc_json(text);
});
