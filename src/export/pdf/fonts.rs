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
use crate::text::{FontBook, FontId};

/// The CIDs of one font.
#[derive(Debug, Default)]
struct FontCids {
    /// (glyph, character) → CID.
    cids: BTreeMap<(u16, char), u16>,
    /// CID - 1 → (glyph, character).
    by_cid: Vec<(u16, char)>,
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
        let entry = self.fonts.entry(font).or_default();
        if let Some(&cid) = entry.cids.get(&(glyph, ch)) {
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
        entry.cids.insert((glyph, ch), cid);
        entry.by_cid.push((glyph, ch));
        Ok(cid)
    }

    /// The character a CID stands for.
    pub fn char_of(&self, font: FontId, cid: u16) -> Option<char> {
        let entry = self.fonts.get(&font)?;
        entry
            .by_cid
            .get(usize::from(cid).checked_sub(1)?)
            .map(|&(_, c)| c)
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

fn embed_font(
    doc: &mut lopdf::Document,
    book: &FontBook,
    id: FontId,
    cids: &FontCids,
) -> Result<lopdf::ObjectId> {
    let font = book.get(id);
    let face = font.ttf();
    let mut remapper = subsetter::GlyphRemapper::new();
    for &(glyph, _) in &cids.by_cid {
        remapper.remap(glyph);
    }
    let program =
        subsetter::subset(&font.data, font.index, &remapper).map_err(|e| Error::Export {
            format: "PDF",
            message: format!("cannot subset font {}: {e}", font.name),
        })?;

    // CIDToGIDMap: CID 0 is .notdef, then one new glyph id per CID.
    let mut cid_to_gid = vec![0u8, 0u8];
    let mut widths = Vec::new();
    let scale = 1000.0 / f32::from(font.units_per_em);
    for &(glyph, _) in &cids.by_cid {
        let new = remapper.get(glyph).unwrap_or(0);
        cid_to_gid.extend_from_slice(&new.to_be_bytes());
        let adv = face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0);
        widths.push(Object::Integer((f32::from(adv) * scale).round() as i64));
    }

    let tag = subset_tag(&cids.by_cid);
    let base_font = format!("{tag}+{}", font.name);
    let bbox = face.global_bounding_box();
    let cap_height = face.capital_height().unwrap_or(font.ascender);
    let s = |v: i16| Object::Integer((f32::from(v) * scale).round() as i64);

    let program_len = program.len() as i64;
    let file_id = doc.add_object(Stream::new(
        dictionary! { "Length1" => program_len },
        program,
    ));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.clone().into_bytes()),
        "Flags" => 4,
        "FontBBox" => vec![s(bbox.x_min), s(bbox.y_min), s(bbox.x_max), s(bbox.y_max)],
        "ItalicAngle" => 0,
        "Ascent" => s(font.ascender),
        "Descent" => s(font.descender),
        "CapHeight" => s(cap_height),
        "StemV" => if font.bold { 120 } else { 80 },
        "FontFile2" => file_id,
    });
    let map_id = doc.add_object(Stream::new(Dictionary::new(), cid_to_gid));
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::String(b"Adobe".to_vec(), StringFormat::Literal),
            "Ordering" => Object::String(b"Identity".to_vec(), StringFormat::Literal),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 0,
        "W" => vec![Object::Integer(1), Object::Array(widths)],
        "CIDToGIDMap" => map_id,
    });
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

/// Six capital letters derived from the subset's content (stable across runs).
fn subset_tag(by_cid: &[(u16, char)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &(g, c) in by_cid {
        for b in g.to_be_bytes().into_iter().chain((c as u32).to_be_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// A ToUnicode CMap: every CID to its one character.
pub fn to_unicode_cmap(by_cid: &[(u16, char)]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for (chunk_index, chunk) in by_cid.chunks(100).enumerate() {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (k, &(_, ch)) in chunk.iter().enumerate() {
            let cid = chunk_index * 100 + k + 1;
            let mut units = [0u16; 2];
            let hex: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            s.push_str(&format!("<{cid:04X}> <{hex}>\n"));
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
    fn cmap_maps_each_cid_to_one_character() {
        let cmap = to_unicode_cmap(&[(5, 'ل'), (7, 'ا'), (9, '😀')]);
        assert!(cmap.contains("<0001> <0644>"));
        assert!(cmap.contains("<0002> <0627>"));
        assert!(cmap.contains("<0003> <D83DDE00>"));
        assert!(cmap.contains("3 beginbfchar"));
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
