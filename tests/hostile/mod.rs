//! The generator of hostile cases (issue 19): documents, fonts and file
//! system set-ups, made at test time from the bundled example and from
//! DejaVu Sans (the fallback font the other tests use), never stored.
//!
//! Each case says what was observed before the fix and what is expected.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A fallback font that has the snowman Amiri lacks.
pub const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// A small document whose snowman only the fallback font can draw, so that
/// the font is shaped, subset and embedded.
pub const SNOW: &str =
    r#"{"title": "ثلج", "blocks": [{"kind": "paragraph", "text": "ثلج ☃ هنا"}]}"#;

/// A small valid document (fast to render).
pub const SMALL: &str = r#"{"title": "عنوان", "date": "2019-09-23", "blocks": [{"kind": "paragraph", "number": 1, "text": "نص قصير للتجربة"}]}"#;

/// A document with one paragraph.
pub fn paragraph(text: &str) -> String {
    serde_json::json!({"title": "عنوان", "blocks": [{"kind": "paragraph", "text": text}]})
        .to_string()
}

/// "ب" and `marks` shaddas (U+0651): 65,536 made rustybuzz panic
/// (`ot_layout_gpos_table.rs:262 assertion failed: j < i`).
pub fn stacked_marks(marks: usize) -> String {
    format!("ب{}", "\u{651}".repeat(marks))
}

/// `n` paragraphs all numbered 1: 19,999 warnings, each of which re-walked
/// the JSON from the start (62.5 s for 20,000).
pub fn paragraphs_numbered_one(n: usize) -> String {
    let blocks: Vec<_> = (0..n)
        .map(|_| serde_json::json!({"kind": "paragraph", "number": 1, "text": "نص"}))
        .collect();
    serde_json::json!({"title": "عنوان", "blocks": blocks}).to_string()
}

/// A fresh, empty directory for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warraq-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The sorted names in a directory.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The bytes of DejaVu Sans.
pub fn dejavu() -> Vec<u8> {
    std::fs::read(DEJAVU)
        .unwrap_or_else(|e| panic!("{DEJAVU}: {e}: apt-get install fonts-dejavu-core"))
}

fn be16(d: &[u8], at: usize) -> usize {
    usize::from(u16::from_be_bytes([d[at], d[at + 1]]))
}

fn be32(d: &[u8], at: usize) -> usize {
    u32::from_be_bytes([d[at], d[at + 1], d[at + 2], d[at + 3]]) as usize
}

/// The offset of table `tag` in a font.
fn table(d: &[u8], tag: &[u8; 4]) -> usize {
    (0..be16(d, 4))
        .map(|k| 12 + 16 * k)
        .find(|&r| &d[r..r + 4] == tag)
        .map(|r| be32(d, r + 8))
        .unwrap_or_else(|| panic!("no {tag:?} table"))
}

/// `hhea.numberOfHMetrics` = 0: the EPUB subsetter panicked (`hmtx.rs:42`).
pub fn font_without_hmetrics() -> Vec<u8> {
    let mut d = dejavu();
    let hhea = table(&d, b"hhea");
    d[hhea + 34..hhea + 36].copy_from_slice(&[0, 0]);
    d
}

/// One byte changed: the high byte of `maxp.numGlyphs` (6,253 → 109), so
/// the cmap maps characters to glyphs the font does not have.
pub fn font_one_byte_corrupted() -> Vec<u8> {
    let mut d = dejavu();
    let maxp = table(&d, b"maxp");
    d[maxp + 4] = 0;
    d
}

/// The first half of the file: it was called a "CFF" font.
pub fn font_truncated() -> Vec<u8> {
    let d = dejavu();
    d[..d.len() / 2].to_vec()
}

/// DejaVu as a one-face TrueType collection: accepted, then the EPUB
/// writer failed with `InvalidSfnt`.
pub fn font_collection() -> Vec<u8> {
    let mut face = dejavu();
    for k in 0..be16(&face, 4) {
        let r = 12 + 16 * k + 8;
        let offset = (be32(&face, r) + 16) as u32;
        face[r..r + 4].copy_from_slice(&offset.to_be_bytes());
    }
    let mut ttc = b"ttcf".to_vec();
    ttc.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16]);
    ttc.extend(face);
    ttc
}

/// Changes one byte at `offset` inside table `tag` of DejaVu Sans, which
/// must hold `was` (the cases were found against Debian's DejaVu 2.37).
fn dejavu_byte(tag: &[u8; 4], offset: usize, was: u8, now: u8) -> Vec<u8> {
    let mut d = dejavu();
    let at = table(&d, tag) + offset;
    assert_eq!(
        d[at], was,
        "another DejaVu Sans version: regenerate the case"
    );
    d[at] = now;
    d
}

/// Found by fuzzing `--font` bytes: one GSUB byte (a coverage range) made
/// rustybuzz overflow while making its face (`set_digest.rs:93`, exit 101).
pub fn font_with_damaged_gsub() -> Vec<u8> {
    dejavu_byte(b"GSUB", 2779, 0x01, 0x81)
}

/// Found by fuzzing: a format 12 cmap group ending at U+FF000ECD; reading
/// the coverage walked four billion code points (a hang of minutes).
pub fn font_with_endless_cmap_group() -> Vec<u8> {
    dejavu_byte(b"cmap", 3910, 0x00, 0xFF)
}
