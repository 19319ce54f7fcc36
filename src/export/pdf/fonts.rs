//! Embedded fonts: our own CID numbering, subset programs, widths and a
//! ToUnicode map keyed by CID.
//!
//! A glyph id alone cannot carry its text: one glyph (an initial form, a
//! ligature) may stand for different characters in different places. So a
//! CID here is a pair (glyph, text): the same glyph gets one CID per text it
//! stands for, and every CID maps to exactly one character. The CIDs of a
//! ligature's other characters are "carriers": an empty, zero-width glyph
//! that only brings its character into the text layer.

use std::collections::BTreeMap;

use lopdf::{dictionary, Dictionary, Object, Stream, StringFormat};

use crate::error::{Error, Result};
use crate::text::{FontBook, FontId, Outlines};

/// The CIDs of one font.
#[derive(Debug, Default)]
struct FontCids {
    /// (glyph, text) → CID.
    cids: BTreeMap<(u16, Box<str>), u16>,
    /// CID - 1 → (glyph, text).
    by_cid: Vec<(u16, Box<str>)>,
}

/// Every font used by the text layer, with the CIDs handed out so far.
pub struct FontSet<'a> {
    book: &'a FontBook,
    fonts: BTreeMap<FontId, FontCids>,
}

/// The resource name of a font.
pub fn resource_name(font: FontId) -> String {
    format!("F{}", font.0)
}

impl<'a> FontSet<'a> {
    /// An empty set over a font book.
    pub fn new(book: &'a FontBook) -> Self {
        FontSet {
            book,
            fonts: BTreeMap::new(),
        }
    }

    /// The font book.
    pub fn book(&self) -> &'a FontBook {
        self.book
    }

    /// The CID that draws `glyph` and stands for `ch`.
    pub fn cid(&mut self, font: FontId, glyph: u16, ch: char) -> Result<u16> {
        self.cid_text(font, glyph, ch.encode_utf8(&mut [0; 4]))
    }

    /// The CID that draws `glyph` and stands for `text` (one character or
    /// more: a ligature's).
    pub fn cid_text(&mut self, font: FontId, glyph: u16, text: &str) -> Result<u16> {
        let entry = self.fonts.entry(font).or_default();
        if let Some(&cid) = entry.cids.get(&(glyph, Box::from(text))) {
            return Ok(cid);
        }
        let cid = u16::try_from(entry.by_cid.len() + 1)
            .ok()
            .filter(|&c| c < u16::MAX)
            .ok_or_else(|| Error::Export {
                format: "PDF",
                message: format!(
                    "more than 65534 distinct glyph/text pairs in font {}",
                    self.book.get(font).name
                ),
            })?;
        entry.cids.insert((glyph, Box::from(text)), cid);
        entry.by_cid.push((glyph, Box::from(text)));
        Ok(cid)
    }

    /// The (first) character a CID stands for.
    pub fn char_of(&self, font: FontId, cid: u16) -> Option<char> {
        let entry = self.fonts.get(&font)?;
        entry
            .by_cid
            .get(usize::from(cid).checked_sub(1)?)
            .and_then(|(_, text)| text.chars().next())
    }

    /// Advance of a glyph in thousandths of an em (the `/W` unit).
    pub fn width(&self, font: FontId, glyph: u16) -> f32 {
        let f = self.book.get(font);
        f32::from(f.advance(glyph)) * 1000.0 / f32::from(f.units_per_em)
    }

    /// The empty glyph that carries the characters a drawn glyph cannot
    /// (a ligature's further characters, marks drawn as outlines): the
    /// narrowest empty space glyph the font has (hair space, thin space…),
    /// since extractors that group characters by distance (pdfminer) never
    /// join two zero-width boxes; a zero-width one otherwise.
    pub fn carrier_glyph(&self, font: FontId) -> Option<u16> {
        struct Probe(bool);
        impl ttf_parser::OutlineBuilder for Probe {
            fn move_to(&mut self, _: f32, _: f32) {
                self.0 = true;
            }
            fn line_to(&mut self, _: f32, _: f32) {}
            fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
            fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
            fn close(&mut self) {}
        }
        let face = self.book.get(font).ttf();
        let empty = |g: ttf_parser::GlyphId| {
            let mut probe = Probe(false);
            face.outline_glyph(g, &mut probe);
            !probe.0
        };
        let candidates: Vec<(u16, u16)> = [
            '\u{200A}', '\u{2009}', '\u{2006}', '\u{202F}', '\u{2005}', '\u{200B}',
        ]
        .into_iter()
        .filter_map(|c| face.glyph_index(c))
        .filter(|g| g.0 != 0 && empty(*g))
        .map(|g| (face.glyph_hor_advance(g).unwrap_or(0), g.0))
        .collect();
        candidates
            .iter()
            .filter(|(adv, _)| *adv > 0)
            .min()
            .or_else(|| candidates.iter().min())
            .map(|&(_, g)| g)
    }

    /// Writes every used font into the document; returns (resource name, font dict id).
    pub fn embed(&self, doc: &mut lopdf::Document) -> Result<Vec<(String, lopdf::ObjectId)>> {
        let mut out = Vec::new();
        for (&id, cids) in &self.fonts {
            let font_id = embed_font(doc, self.book, id, cids)?;
            out.push((resource_name(id), font_id));
        }
        Ok(out)
    }
}

/// A subset font program, as the PDF embeds it.
enum Program {
    /// A TrueType font (`FontFile2`), its glyphs reached through a
    /// CIDToGIDMap (the new glyph id of every CID, big-endian).
    TrueType { data: Vec<u8>, cid_to_gid: Vec<u8> },
    /// A CID-keyed CFF font (`FontFile3`, `CIDFontType0C`) with one glyph
    /// per CID (see `cff`).
    Cff(Vec<u8>),
}

/// Subsets a font to the glyphs of its CIDs.
fn program(font: &crate::text::Font, cids: &FontCids) -> Result<Program> {
    let mut remapper = subsetter::GlyphRemapper::new();
    for &(glyph, _) in cids.by_cid.iter() {
        remapper.remap(glyph);
    }
    let step = format!("subsetting font {}", font.name);
    let fail = |e: String| Error::Export {
        format: "PDF",
        message: format!("cannot subset font {}: {e}", font.name),
    };
    let data = crate::error::contain_export("PDF", &step, || match font.outlines {
        // A CFF2 (variable) font becomes a TrueType one, at its default
        // instance: CFF2 has no PDF form of its own.
        Outlines::Cff2 => subsetter::subset_with_variations(&font.data, font.index, &[], &remapper),
        Outlines::TrueType | Outlines::Cff => subsetter::subset(&font.data, font.index, &remapper),
    })?
    .map_err(|e| fail(e.to_string()))?;
    let new_gids = cids
        .by_cid
        .iter()
        .map(|&(glyph, _)| remapper.get(glyph).unwrap_or(0));
    if font.outlines == Outlines::Cff {
        let gids: Vec<u16> = new_gids.collect();
        let cff = super::cff::cff_table(&data).ok_or_else(|| fail("no CFF table".into()))?;
        return super::cff::with_glyph_per_cid(cff, &gids)
            .map(Program::Cff)
            .map_err(fail);
    }
    // CIDToGIDMap: CID 0 is .notdef, then one new glyph id per CID.
    let mut cid_to_gid = vec![0u8, 0u8];
    for new in new_gids {
        cid_to_gid.extend_from_slice(&new.to_be_bytes());
    }
    // The glyph names and the font's names are of no use inside a PDF.
    Ok(Program::TrueType {
        data: drop_tables(&data, &[*b"name", *b"post"]),
        cid_to_gid,
    })
}

fn embed_font(
    doc: &mut lopdf::Document,
    book: &FontBook,
    id: FontId,
    cids: &FontCids,
) -> Result<lopdf::ObjectId> {
    let font = book.get(id);
    let face = font.ttf();
    let program = program(font, cids)?;
    let mut widths = Vec::new();
    let scale = 1000.0 / f32::from(font.units_per_em);
    for &(glyph, _) in cids.by_cid.iter() {
        let adv = face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0);
        widths.push(Object::Integer((f32::from(adv) * scale).round() as i64));
    }

    let tag = subset_tag(&cids.by_cid);
    let base_font = format!("{tag}+{}", font.name);
    let mut cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::String(b"Adobe".to_vec(), StringFormat::Literal),
            "Ordering" => Object::String(b"Identity".to_vec(), StringFormat::Literal),
            "Supplement" => 0,
        },
        "FontDescriptor" => Object::Null,
        "DW" => 0,
        "W" => vec![Object::Integer(1), Object::Array(widths)],
    };
    // Objects in the order the TrueType path always wrote them (program,
    // descriptor, CIDToGIDMap): the same input gives the same bytes.
    match program {
        Program::TrueType { data, cid_to_gid } => {
            let len = data.len() as i64;
            let file = doc.add_object(Stream::new(dictionary! { "Length1" => len }, data));
            let descriptor = descriptor(doc, font, &base_font, ("FontFile2", file));
            cid_font.set("FontDescriptor", descriptor);
            // Mostly consecutive glyph ids: the "up" predictor turns the map into
            // near-equal rows (72 bytes instead of 705 for the report's regular
            // face).
            let map_id = doc.add_object(Stream::new(
                dictionary! {
                    "Filter" => "FlateDecode",
                    "DecodeParms" => dictionary! { "Predictor" => 12, "Columns" => 2 },
                },
                super::file::deflate(&super::file::png_up(&cid_to_gid, 2)),
            ));
            cid_font.set("CIDToGIDMap", map_id);
        }
        Program::Cff(data) => {
            cid_font.set("Subtype", "CIDFontType0");
            let dict = dictionary! { "Subtype" => "CIDFontType0C" };
            let file = doc.add_object(Stream::new(dict, data));
            let descriptor = descriptor(doc, font, &base_font, ("FontFile3", file));
            cid_font.set("FontDescriptor", descriptor);
        }
    }
    let cid_font = doc.add_object(cid_font);
    let to_unicode = doc.add_object(Stream::new(
        Dictionary::new(),
        to_unicode_cmap(&cids.by_cid).into_bytes(),
    ));
    Ok(doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base_font.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => to_unicode,
    }))
}

/// Adds the FontDescriptor of a font whose program is `file` (its key,
/// `FontFile2` or `FontFile3`, and object); returns the descriptor.
fn descriptor(
    doc: &mut lopdf::Document,
    font: &crate::text::Font,
    base_font: &str,
    file: (&str, lopdf::ObjectId),
) -> lopdf::ObjectId {
    let face = font.ttf();
    let scale = 1000.0 / f32::from(font.units_per_em);
    let bbox = face.global_bounding_box();
    let cap_height = face.capital_height().unwrap_or(font.ascender);
    let s = |v: i16| Object::Integer((f32::from(v) * scale).round() as i64);
    doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.as_bytes().to_vec()),
        "Flags" => 4,
        "FontBBox" => vec![s(bbox.x_min), s(bbox.y_min), s(bbox.x_max), s(bbox.y_max)],
        "ItalicAngle" => 0,
        "Ascent" => s(font.ascender),
        "Descent" => s(font.descender),
        "CapHeight" => s(cap_height),
        "StemV" => if font.bold { 120 } else { 80 },
        file.0 => file.1,
    })
}

/// The TrueType font `data` without the tables `drop` (a PDF reader needs
/// only glyf, head, hhea, hmtx, loca, maxp and the hinting tables: ISO
/// 32000-1, 9.9). Returns `data` unchanged if it cannot be read.
fn drop_tables(data: &[u8], drop: &[[u8; 4]]) -> Vec<u8> {
    let be16 = |at: usize| {
        data.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let be32 = |at: usize| {
        data.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let Some(count) = be16(4) else {
        return data.to_vec();
    };
    let mut tables = Vec::new();
    for k in 0..usize::from(count) {
        let rec = 12 + 16 * k;
        let (Some(tag), Some(offset), Some(len)) =
            (data.get(rec..rec + 4), be32(rec + 8), be32(rec + 12))
        else {
            return data.to_vec();
        };
        let end = (offset as usize).checked_add(len as usize);
        let Some(body) = end.and_then(|end| data.get(offset as usize..end)) else {
            return data.to_vec();
        };
        let tag: [u8; 4] = [tag[0], tag[1], tag[2], tag[3]];
        if !drop.contains(&tag) {
            tables.push((tag, body));
        }
    }
    // A head table too short for checkSumAdjustment, or more tables than
    // the directory's 16-bit fields count: not a font to rewrite.
    let short_head = tables.iter().any(|(t, b)| t == b"head" && b.len() < 12);
    if short_head || tables.len() >= 4096 {
        return data.to_vec();
    }
    let n = tables.len() as u16;
    let pow = if n == 0 {
        0
    } else {
        15 - n.leading_zeros() as u16
    };
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..4]);
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&((1u16 << pow) * 16).to_be_bytes());
    out.extend_from_slice(&pow.to_be_bytes());
    out.extend_from_slice(&(n * 16 - (1u16 << pow) * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, body) in &tables {
        let sum = if tag == b"head" {
            head_at = Some(offset);
            // A table's checksum counts checkSumAdjustment as 0.
            let mut head = body.to_vec();
            head[8..12].fill(0);
            checksum(&head)
        } else {
            checksum(body)
        };
        out.extend_from_slice(tag);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        offset += body.len().next_multiple_of(4);
    }
    for (tag, body) in &tables {
        let start = out.len();
        out.extend_from_slice(body);
        if tag == b"head" {
            // checkSumAdjustment is computed over the font with it at 0.
            out[start + 8..start + 12].fill(0);
        }
        out.resize(start + body.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

/// The OpenType table checksum (big-endian u32 words, zero padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Six capital letters derived from the subset's content (stable across runs).
fn subset_tag(by_cid: &[(u16, Box<str>)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (g, text) in by_cid {
        let chars = text.chars().flat_map(|c| (c as u32).to_be_bytes());
        for b in g.to_be_bytes().into_iter().chain(chars) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// A ToUnicode CMap: every CID to its text (one character, or a
/// ligature's characters).
///
/// Written as `bfchar` lines, at most 100 per block: a `bfrange` with an
/// array of destinations would be half the size, but PDF/UA validators
/// (PyPI `page-validation`, rule PDFUA1-FONT-UNICODE-MAPPING-001) reject
/// that form as malformed.
pub fn to_unicode_cmap(by_cid: &[(u16, Box<str>)]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let cids: Vec<(usize, &str)> = by_cid
        .iter()
        .enumerate()
        .map(|(k, (_, text))| (k + 1, &**text))
        .collect();
    for block in cids.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", block.len()));
        for &(cid, text) in block {
            s.push_str(&format!("<{cid:04X}> <"));
            let mut units = [0u16; 2];
            for ch in text.chars() {
                for u in ch.encode_utf16(&mut units) {
                    s.push_str(&format!("{u:04X}"));
                }
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_maps_each_cid_to_its_text() {
        let cmap = to_unicode_cmap(&[(5, "ل".into()), (7, "ال".into()), (9, "😀".into())]);
        assert!(
            cmap.contains("3 beginbfchar\n<0001> <0644>\n<0002> <06270644>\n<0003> <D83DDE00>\n")
        );
        // At most 100 entries per block.
        let many: Vec<(u16, Box<str>)> = (0..300).map(|g| (g, "ب".into())).collect();
        let cmap = to_unicode_cmap(&many);
        assert_eq!(cmap.matches("100 beginbfchar").count(), 3);
        assert!(cmap.contains("\n<012C> <0628>\n"));
    }

    #[test]
    fn dropping_tables_keeps_a_valid_font() {
        let book = FontBook::bundled();
        let data = &book.get(FontBook::REGULAR).data;
        let out = drop_tables(data, &[*b"name", *b"post"]);
        let face = ttf_parser::Face::parse(&out, 0).expect("still a font");
        assert!(face.tables().name.is_none());
        assert!(face.tables().post.is_none());
        let old = ttf_parser::Face::parse(data, 0).unwrap();
        assert_eq!(face.number_of_glyphs(), old.number_of_glyphs());
        let g = old.glyph_index('ب').unwrap();
        assert_eq!(face.glyph_hor_advance(g), old.glyph_hor_advance(g));
        assert_eq!(face.glyph_bounding_box(g), old.glyph_bounding_box(g));
        assert_eq!(checksum(&out), 0xB1B0_AFBA, "whole-font checksum");
        // Each directory record's checksum is its table's, with head's
        // checkSumAdjustment counted as 0.
        let count = usize::from(u16::from_be_bytes([out[4], out[5]]));
        for k in 0..count {
            let rec = &out[12 + 16 * k..28 + 16 * k];
            let word = |i: usize| u32::from_be_bytes([rec[i], rec[i + 1], rec[i + 2], rec[i + 3]]);
            let (offset, len) = (word(8) as usize, word(12) as usize);
            let mut table = out[offset..offset + len].to_vec();
            if &rec[..4] == b"head" {
                table[8..12].fill(0);
            }
            assert_eq!(word(4), checksum(&table), "checksum of {:?}", &rec[..4]);
        }
        assert!(out.len() < data.len());
    }

    #[test]
    fn same_glyph_different_text_gets_different_cids() {
        let book = FontBook::bundled();
        let mut set = FontSet::new(&book);
        let a = set.cid(FontBook::REGULAR, 10, 'ل').unwrap();
        let b = set.cid(FontBook::REGULAR, 10, 'ا').unwrap();
        let c = set.cid(FontBook::REGULAR, 10, 'ل').unwrap();
        assert_eq!((a, b, c), (1, 2, 1));
    }
}
