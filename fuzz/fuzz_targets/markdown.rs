//! Arbitrary bytes as a Markdown source (issues 15 and 19): the reader must
//! return a document or a located error, never panic or take super-linear
//! time; a document it reads writes back to Markdown (or is refused with an
//! error) and reads again to the same document. Layout and export are the
//! other targets' business.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((doc, _)) = warraq::parse_markdown(text) else { return };
    let Ok(markdown) = warraq::write_markdown(&doc) else { return };
    match warraq::parse_markdown(&markdown) {
        Ok((again, _)) => assert_eq!(doc, again, "the Markdown writer's output reads differently"),
        Err(e) => panic!("the Markdown writer's output does not read: {e}"),
    }
});
