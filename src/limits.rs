//! Explicit limits against pathological input.
//!
//! Each one keeps time and memory bounded on hostile documents while staying
//! far above what a real report needs (CTOC/COP/WG.4/2019/6: 60 KB, 130 blocks).

/// Largest JSON input. A 500-page report is about 2 MB of JSON.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Most blocks in one document: about 5,000 printed pages of short paragraphs.
pub const MAX_BLOCKS: usize = 100_000;

/// Largest text of one block (bytes of UTF-8). Line breaking is near-linear in
/// practice but its work per paragraph grows with the paragraph, so one
/// paragraph is capped at about 250 printed pages.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Deepest nesting of lists.
pub const MAX_LIST_DEPTH: usize = 8;

/// Largest paragraph or recommendation number.
pub const MAX_NUMBER: u32 = 99_999;
