//! Explicit limits against pathological input.
//!
//! Each one keeps time and memory bounded on hostile documents while staying
//! far above what a real report needs (CTOC/COP/WG.4/2019/6: 60 KB, 130 blocks,
//! 0.2 s). Every path within them runs in time linear in the input
//! (`bench/scaling.sh`); each limit says its worst case, measured with the
//! release CLI rendering PDF and EPUB (`render --pdf --epub`) on a 2-core
//! x86-64 machine (2026-12-02), so a service knows what one upload can cost.

/// Largest JSON input. A 500-page report is about 2 MB of JSON.
///
/// Worst case: 64 paragraphs of [`MAX_TEXT_BYTES`] each. Eight such
/// paragraphs (8 MB, 1,300 pages) took 14.5 s and 333 MB, so the whole
/// limit is about 2 minutes and 2.7 GB (linear).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Most blocks and list items (at every depth, counted together) in one
/// document: about 5,000 printed pages of short paragraphs.
///
/// Worst case: 100,000 one-word paragraphs (4.3 MB of JSON, 3,704 pages):
/// 4.5 s and 440 MB; each becomes a tagged element, a line
/// and a piece. A 100,000-item list, before items counted, cost 969 MB.
pub const MAX_BLOCKS: usize = 100_000;

/// Largest text of one block (bytes of UTF-8). Line breaking is near-linear in
/// practice but its work per paragraph grows with the paragraph, so one
/// paragraph is capped at about 250 printed pages.
///
/// Worst case: one 1 MB paragraph of Arabic words (165 pages): 2.2 s and
/// 70 MB; 512K digits without a space (one over-wide word, broken between
/// graphemes): 0.8 s.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Deepest nesting of lists. Worst case: none of its own (an item costs the
/// same at any depth); it keeps the indentation on the page.
pub const MAX_LIST_DEPTH: usize = 8;

/// Largest paragraph or recommendation number (five digits fit the hanging
/// number's column). Worst case: none of its own.
pub const MAX_NUMBER: u32 = 99_999;

/// Most combining marks in a row on one base character (format characters
/// such as ZWJ between them neither count nor end the run). Unicode's
/// Stream-Safe Text Format (UAX #15) allows 30 non-starters in a row; no
/// real text comes close (Quranic Arabic stacks four or five). The shaper
/// attaches each mark to its base across every mark between them, so the
/// work per mark grows with the run, and rustybuzz panics past 32,767
/// glyphs between a mark and its base (a 16-bit attachment offset).
///
/// Worst case: a 1 MB paragraph of letters each bearing 30 marks: 1.5 s
/// and 64 MB (65,536 marks on one base panicked inside rustybuzz).
pub const MAX_MARKS_PER_BASE: usize = 30;

/// Largest font file given with `--font`. Amiri is 0.4 MB; the largest
/// single-face fonts in common use (Noto Sans CJK) are about 17 MB.
///
/// Worst case: the file is read once (bounded) and its tables checked
/// once; only the glyphs the text uses are subset and embedded, so the
/// cost beyond reading is that of the text, not of the font.
pub const MAX_FONT_BYTES: usize = 64 * 1024 * 1024;

/// Most faces of a font collection (TTC/OTC). Noto Sans CJK's collections
/// have 10 to 40; the header's count is a 32-bit number a damaged file may
/// set to billions.
///
/// Worst case: choosing a face by name parses this many faces' name tables
/// once, each checked first like any font file.
pub const MAX_COLLECTION_FACES: usize = 1024;

/// Most columns of a table. A column of the 160 mm text block narrower
/// than 5 mm holds no word; 32 columns are already that narrow. Worst
/// case: the automatic column widths cost, per cell, its columns (the
/// spans distribute over them), so a table costs at most 32 times its
/// cells, which [`MAX_BLOCKS`] bounds (each cell counts as a block).
pub const MAX_TABLE_COLUMNS: usize = 32;

/// Largest image file a figure may name. A full-page 300 dpi photograph
/// as JPEG is 2–5 MB; a chart as PNG far less. Worst case: the file is
/// read once (bounded), kept as it is for the EPUB and the PDF (JPEG) or
/// inflated once (PNG, bounded by [`MAX_IMAGE_PIXELS`]).
pub const MAX_IMAGE_BYTES: usize = 32 * 1024 * 1024;

/// Most pixels of one image (width × height): 40 megapixels, above a
/// full A4 page scanned at 600 dpi (35 megapixels). Checked on the
/// header, before any pixel is decoded. Worst case: a PNG of this size is
/// decoded to 4 bytes a pixel and its samples deflated once for the PDF;
/// a JPEG is decoded once to check it. Measured with the debug CLI
/// (dependencies optimised, our code not; 2026-12-02, `render --pdf
/// --epub`) on a 6000×6600 gradient: RGBA PNG 13.2 s and 336 MB (the
/// PDF's deflate of 158 MB of samples is most of it), RGB JPEG 4.3 s and
/// 130 MB. [`MAX_IMAGES_BYTES`] bounds a document's images together.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// Most bytes the images of one document hold once read and decoded (the
/// files, plus a PNG's samples), together: 512 MB, three of the largest
/// PNGs [`MAX_IMAGE_PIXELS`] allows. Without it, the blocks limit would let
/// a document name thousands of large images, each held in memory until
/// the PDF is written. Measured as above: four 40-megapixel RGBA PNGs
/// cost `check` 30.8 s and 1.27 GB without this limit; with it the fourth
/// is refused (three hold 476 MB), after 11.3 s and 786 MB.
pub const MAX_IMAGES_BYTES: usize = 512 * 1024 * 1024;
