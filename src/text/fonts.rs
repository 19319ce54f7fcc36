//! The fonts warraq typesets with: Amiri (bundled) and any the user adds.

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::{Error, Result};
use crate::limits::MAX_FONT_BYTES;

/// Amiri Regular 1.002 (SIL OFL 1.1), the default face.
static AMIRI_REGULAR: &[u8] = include_bytes!("../../fonts/Amiri-Regular.ttf");
/// Amiri Bold 1.002 (SIL OFL 1.1), for headings and strong spans.
static AMIRI_BOLD: &[u8] = include_bytes!("../../fonts/Amiri-Bold.ttf");

/// Index of a font in a [`FontBook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(pub u16);

/// One font: its bytes and the metrics layout needs.
#[derive(Debug, Clone)]
pub struct Font {
    /// The font file's bytes.
    pub data: Arc<[u8]>,
    /// Face index inside a collection.
    pub index: u32,
    /// PostScript name, e.g. `Amiri-Regular`.
    pub name: String,
    /// Whether the face is bold (OS/2 weight ≥ 600).
    pub bold: bool,
    /// Units per em.
    pub units_per_em: u16,
    /// Typographic ascender, font units.
    pub ascender: i16,
    /// Typographic descender (negative), font units.
    pub descender: i16,
    /// Index into [`bundled_faces`] for the bundled faces, whose parsed
    /// shaping face is kept for the life of the process.
    bundled: Option<usize>,
    /// Every code point the font maps, sorted: coverage is asked for every
    /// character of a document, and parsing the face for each is costly.
    coverage: Arc<[u32]>,
    /// Horizontal advance of every glyph, font units.
    advances: Arc<[u16]>,
}

/// Parsed shaping faces of the bundled fonts, built once: parsing Amiri's
/// GSUB/GPOS is costly and the data is `'static`.
fn bundled_faces() -> &'static [rustybuzz::Face<'static>; 2] {
    static FACES: OnceLock<[rustybuzz::Face<'static>; 2]> = OnceLock::new();
    FACES.get_or_init(|| {
        [
            rustybuzz::Face::from_slice(AMIRI_REGULAR, 0).expect("bundled font parses"),
            rustybuzz::Face::from_slice(AMIRI_BOLD, 0).expect("bundled font parses"),
        ]
    })
}

/// A shaping face: the cached one of a bundled font, or one parsed for the call.
pub(crate) enum ShapingFace<'a> {
    /// A bundled face, parsed once.
    Cached(&'static rustybuzz::Face<'static>),
    /// A face parsed from a user font.
    Parsed(Box<rustybuzz::Face<'a>>),
}

impl<'a> std::ops::Deref for ShapingFace<'a> {
    type Target = rustybuzz::Face<'a>;
    fn deref(&self) -> &Self::Target {
        match self {
            ShapingFace::Cached(face) => face,
            ShapingFace::Parsed(face) => face,
        }
    }
}

/// The code points a face maps to a glyph other than .notdef, sorted; an
/// error when the cmap maps one to a glyph the font does not have (a
/// damaged font, on which the subsetters would fail).
fn coverage(face: &ttf_parser::Face) -> Result<Arc<[u32]>, String> {
    let glyphs = face.number_of_glyphs();
    let mut out = Vec::new();
    let mut beyond = None;
    if let Some(cmap) = face.tables().cmap {
        for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
            table.codepoints(|cp| match table.glyph_index(cp) {
                Some(g) if g.0 >= glyphs => beyond = beyond.or(Some((cp, g.0))),
                Some(g) if g.0 != 0 => out.push(cp),
                _ => {}
            });
        }
    }
    if let Some((cp, g)) = beyond {
        return Err(format!(
            "the font is damaged: its cmap maps U+{cp:04X} to glyph {g}, but it has {glyphs} glyphs"
        ));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out.into())
}

/// Most code points a `cmap` subtable may map: every Unicode scalar once.
const MAX_CMAP_CODE_POINTS: u64 = 0x11_0000;

/// Checks that the ranges of the `cmap` subtables are bounded: a damaged
/// format 12 group (`endCharCode` 0xFF00_0000) or overlapping format 4
/// segments make every reader of the cmap walk billions of code points
/// (a one-byte change of DejaVu Sans hung warraq for minutes).
fn check_cmap(cmap: &[u8]) -> Result<(), String> {
    let be16 = |at: usize| {
        cmap.get(at..at + 2)
            .map(|b| u64::from(u16::from_be_bytes([b[0], b[1]])))
    };
    let be32 = |at: usize| {
        cmap.get(at..at + 4)
            .map(|b| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
    };
    let damaged = |what: String| format!("the font's cmap is damaged: {what}");
    let tables = be16(2).unwrap_or(0) as usize;
    for k in 0..tables {
        let Some(offset) = be32(4 + 8 * k + 4) else {
            break;
        };
        let sub = offset as usize;
        let mut total = 0u64;
        match be16(sub) {
            Some(4) => {
                let segments = be16(sub + 6).unwrap_or(0) as usize / 2;
                for i in 0..segments {
                    let end = be16(sub + 14 + 2 * i).unwrap_or(0);
                    let start = be16(sub + 16 + 2 * segments + 2 * i).unwrap_or(0);
                    total += (end + 1).saturating_sub(start);
                }
                if total > 0x1_0000 {
                    return Err(damaged(format!(
                        "a format 4 subtable's segments cover {total} code points of 65,536"
                    )));
                }
            }
            Some(12 | 13) => {
                let groups = be32(sub + 12).unwrap_or(0) as usize;
                for i in 0..groups.min(cmap.len() / 12) {
                    let at = sub + 16 + 12 * i;
                    let (Some(start), Some(end)) = (be32(at), be32(at + 4)) else {
                        break;
                    };
                    if end > 0x10_FFFF || start > end {
                        return Err(damaged(format!(
                            "a group maps U+{start:X}..U+{end:X}, beyond Unicode"
                        )));
                    }
                    total += end - start + 1;
                }
                if total > MAX_CMAP_CODE_POINTS {
                    return Err(damaged(format!(
                        "its groups cover {total} code points, more than Unicode has"
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks the file's structure before any parser or subsetter sees it: its
/// size, that it is one font (not a collection) and that every table lies
/// inside the file (a truncated file is named as such).
fn check_file(data: &[u8]) -> Result<(), String> {
    if data.len() > MAX_FONT_BYTES {
        return Err(format!(
            "the font file is {} bytes; the limit is {MAX_FONT_BYTES} bytes",
            data.len()
        ));
    }
    let be16 = |at: usize| {
        data.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let be32 = |at: usize| {
        data.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    match data.get(..4) {
        Some(b"ttcf") => {
            let faces = be32(8).unwrap_or(0);
            return Err(format!(
                "the file is a font collection (TTC) of {faces} faces; warraq embeds single \
                 fonts: give one face as its own TTF file"
            ));
        }
        Some([0, 1, 0, 0] | b"true" | b"OTTO") => {}
        Some(b"wOFF" | b"wOF2") => {
            return Err("the file is a web font (WOFF/WOFF2); give the TTF file".into())
        }
        _ => return Err("not a usable OpenType font (unknown file signature)".into()),
    }
    let truncated = |what: &str| {
        format!(
            "the font file is truncated or damaged: {what} lies past the end of the file ({} bytes)",
            data.len()
        )
    };
    let tables = usize::from(be16(4).ok_or_else(|| truncated("the table directory"))?);
    for k in 0..tables {
        let record = 12 + 16 * k;
        let (Some(offset), Some(length)) = (be32(record + 8), be32(record + 12)) else {
            return Err(truncated("the table directory"));
        };
        if offset
            .checked_add(length)
            .is_none_or(|end| end > data.len())
        {
            let tag = String::from_utf8_lossy(&data[record..record + 4]).into_owned();
            return Err(truncated(&format!(
                "table `{tag}` (bytes {offset}..{})",
                offset.saturating_add(length)
            )));
        }
    }
    Ok(())
}

impl Font {
    /// Horizontal advance of a glyph, font units (0 for an unknown glyph).
    pub fn advance(&self, glyph: u16) -> u16 {
        self.advances.get(usize::from(glyph)).copied().unwrap_or(0)
    }

    /// Parses a font from bytes; the face must have a `cmap` and TrueType
    /// outlines (`glyf`): the PDF embeds fonts as CIDFontType2, which has
    /// no form for PostScript (CFF) outlines.
    pub fn new(data: Arc<[u8]>, index: u32) -> Result<Self> {
        let refuse = |message: String| Error::Font {
            path: None,
            message,
        };
        check_file(&data).map_err(refuse)?;
        let face = ttf_parser::Face::parse(&data, index)
            .map_err(|e| refuse(format!("not a usable OpenType font ({e})")))?;
        let tables = face.tables();
        if tables.cmap.is_none() {
            return Err(refuse("the font has no cmap table".into()));
        }
        let cmap = face
            .raw_face()
            .table_records
            .into_iter()
            .find(|r| r.tag == ttf_parser::Tag::from_bytes(b"cmap"))
            .and_then(|r| data.get(r.offset as usize..)?.get(..r.length as usize));
        check_cmap(cmap.unwrap_or_default()).map_err(refuse)?;
        if tables.glyf.is_none() {
            // Every record, not a binary search: a damaged directory may be unsorted.
            let cff = face.raw_face().table_records.into_iter().any(|r| {
                r.tag == ttf_parser::Tag::from_bytes(b"CFF ")
                    || r.tag == ttf_parser::Tag::from_bytes(b"CFF2")
            });
            let message = if cff {
                "the font has PostScript (CFF) outlines, not TrueType outlines (glyf); \
                 fonts with CFF outlines cannot be embedded yet"
            } else {
                "the font has no usable TrueType outlines (its glyf or loca table is \
                 missing or damaged)"
            };
            return Err(refuse(message.into()));
        }
        if tables.hmtx.is_none() {
            return Err(refuse(
                "the font has no usable horizontal metrics (hhea.numberOfHMetrics is 0, \
                 or the hmtx table is missing or short)"
                    .into(),
            ));
        }
        let name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".to_string());
        Ok(Font {
            bold: face.weight().to_number() >= 600,
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            coverage: coverage(&face).map_err(refuse)?,
            name,
            index,
            advances: (0..face.number_of_glyphs())
                .map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0))
                .collect(),
            data: data.clone(),
            bundled: None,
        })
    }

    /// The shaping face, parsed once for the bundled fonts.
    pub(crate) fn shaping_face(&self) -> ShapingFace<'_> {
        match self.bundled {
            Some(i) => ShapingFace::Cached(&bundled_faces()[i]),
            None => ShapingFace::Parsed(Box::new(self.shaper())),
        }
    }

    /// A ttf-parser view of the face.
    pub fn ttf(&self) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(&self.data, self.index).expect("validated in Font::new")
    }

    /// A rustybuzz face for shaping.
    pub fn shaper(&self) -> rustybuzz::Face<'_> {
        rustybuzz::Face::from_slice(&self.data, self.index).expect("validated in Font::new")
    }

    /// Whether the font maps `c` to a glyph.
    pub fn has_char(&self, c: char) -> bool {
        self.coverage.binary_search(&(c as u32)).is_ok()
    }
}

/// The fonts available to a render, in fallback order.
///
/// The bundled faces come first: Amiri Regular (id 0) and Amiri Bold (id 1).
/// Fonts added with [`FontBook::add_file`] are tried, in order, for
/// characters Amiri lacks.
#[derive(Debug, Clone)]
pub struct FontBook {
    fonts: Vec<Font>,
    plans: PlanCache,
    /// The first shaping call that panicked since the last
    /// [`FontBook::take_shaping_failure`] (shaping itself returns glyphs).
    shaping_failure: Arc<Mutex<Option<String>>>,
}

/// What a shaping plan depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanKey {
    pub font: FontId,
    pub rtl: bool,
    pub script: Option<[u8; 4]>,
    pub lang: Option<String>,
}

/// Shaping plans, built once per (font, direction, script, language) and
/// shared by every paragraph (and thread) using the book.
#[derive(Clone, Default)]
struct PlanCache(Arc<Mutex<Vec<PlanEntry>>>);

/// A plan with the key it was built for.
type PlanEntry = (PlanKey, Arc<rustybuzz::ShapePlan>);

impl std::fmt::Debug for PlanCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlanCache")
    }
}

impl FontBook {
    /// The regular bundled face.
    pub const REGULAR: FontId = FontId(0);
    /// The bold bundled face.
    pub const BOLD: FontId = FontId(1);

    /// A book with the bundled Amiri faces only.
    pub fn bundled() -> Self {
        let mut regular = Font::new(Arc::from(AMIRI_REGULAR), 0).expect("bundled font parses");
        regular.bundled = Some(0);
        let mut bold = Font::new(Arc::from(AMIRI_BOLD), 0).expect("bundled font parses");
        bold.bundled = Some(1);
        FontBook {
            fonts: vec![regular, bold],
            plans: PlanCache::default(),
            shaping_failure: Arc::default(),
        }
    }

    /// A book with the same fonts and shaping plans (shared, not copied)
    /// and a shaping-failure record of its own: what each document of a
    /// batch lays out with, so that documents set on other threads at the
    /// same time never see each other's failures.
    pub fn share(&self) -> Self {
        FontBook {
            fonts: self.fonts.clone(),
            plans: self.plans.clone(),
            shaping_failure: Arc::default(),
        }
    }

    /// Adds a font file (TTF, or OTF with TrueType outlines) as a fallback.
    ///
    /// The file is read through a bounded reader: a device or a huge file
    /// stops at [`MAX_FONT_BYTES`].
    pub fn add_file(&mut self, path: &Path) -> Result<FontId> {
        use std::io::Read;
        let mut data = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FONT_BYTES as u64 + 1).read_to_end(&mut data))
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        self.add_data(data).map_err(|e| match e {
            Error::Font { message, .. } => Error::Font {
                path: Some(path.to_path_buf()),
                message,
            },
            other => other,
        })
    }

    /// Adds a font from bytes as a fallback.
    pub fn add_data(&mut self, data: Vec<u8>) -> Result<FontId> {
        let font = Font::new(Arc::from(data), 0)?;
        // The shaper reads the layout tables when it makes a face, as it
        // will for every run set with this font: try it once, contained.
        let readable =
            crate::error::contain(|| rustybuzz::Face::from_slice(&font.data, font.index).is_some())
                .map_err(|panic| Error::Font {
                    path: None,
                    message: format!(
                "the font's layout tables are damaged (the shaper failed reading them: {panic})"
            ),
                })?;
        if !readable {
            return Err(Error::Font {
                path: None,
                message: "the shaper cannot read the font".into(),
            });
        }
        let id = FontId(u16::try_from(self.fonts.len()).map_err(|_| Error::Font {
            path: None,
            message: "too many fonts".into(),
        })?);
        self.fonts.push(font);
        Ok(id)
    }

    /// The font with this id.
    ///
    /// An id from another book (past this book's fonts) gives the regular
    /// face rather than a panic; [`FontBook::try_get`] tells the difference.
    pub fn get(&self, id: FontId) -> &Font {
        self.try_get(id)
            .unwrap_or(&self.fonts[usize::from(Self::REGULAR.0)])
    }

    /// The font of an id, or `None` for an id this book did not give out.
    pub fn try_get(&self, id: FontId) -> Option<&Font> {
        self.fonts.get(usize::from(id.0))
    }

    /// All fonts with their ids, in fallback order.
    pub fn iter(&self) -> impl Iterator<Item = (FontId, &Font)> {
        self.fonts
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }

    /// The first font, preferring `preferred`, that has `c`.
    pub fn select(&self, preferred: FontId, c: char) -> Option<FontId> {
        if self.get(preferred).has_char(c) {
            return Some(preferred);
        }
        self.iter().find(|(_, f)| f.has_char(c)).map(|(id, _)| id)
    }

    /// Records that shaping with `font` panicked (kept: the first one).
    pub(crate) fn record_shaping_failure(&self, font: FontId, text: &str, panic: &str) {
        let mut slot = match self.shaping_failure.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if slot.is_none() {
            let start: String = text.chars().take(20).collect();
            *slot = Some(format!(
                "shaping with {} failed on the text starting {start:?} (the shaper panicked: {panic})",
                self.get(font).name
            ));
        }
    }

    /// The shaping failure recorded since the last call, as an error; the
    /// layout calls it after setting every paragraph, and a caller of
    /// [`crate::layout::set_paragraph`] should too.
    pub fn take_shaping_failure(&self) -> Result<()> {
        let mut slot = match self.shaping_failure.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        match slot.take() {
            Some(message) => Err(Error::Font {
                path: None,
                message,
            }),
            None => Ok(()),
        }
    }

    /// The shaping plan for `key`, built on first use.
    pub(crate) fn plan(&self, key: &PlanKey, face: &rustybuzz::Face) -> Arc<rustybuzz::ShapePlan> {
        let mut plans = match self.plans.0.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some((_, plan)) = plans.iter().find(|(k, _)| k == key) {
            return plan.clone();
        }
        let direction = if key.rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        };
        let script = key
            .script
            .and_then(|t| rustybuzz::Script::from_iso15924_tag(ttf_parser::Tag::from_bytes(&t)));
        let lang = key.lang.as_deref().and_then(|l| l.parse().ok());
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            face,
            direction,
            script,
            lang.as_ref(),
            &[],
        ));
        plans.push((key.clone(), plan.clone()));
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_without_truetype_outlines_is_refused() {
        let book = FontBook::bundled();
        let mut data = book.get(FontBook::REGULAR).data.to_vec();
        // Rename the glyf table in the directory: the face still parses.
        let count = usize::from(u16::from_be_bytes([data[4], data[5]]));
        let rec = (0..count)
            .map(|k| 12 + 16 * k)
            .find(|&r| &data[r..r + 4] == b"glyf")
            .expect("Amiri has glyf");
        data[rec..rec + 4].copy_from_slice(b"gly_");
        let err = Font::new(Arc::from(data.clone()), 0)
            .map(|_| ())
            .unwrap_err();
        assert!(
            err.to_string().contains("no usable TrueType outlines"),
            "{err}"
        );
        assert!(!err.to_string().contains("CFF"), "{err}");
        // The same directory entry named `CFF `: now the font says what it has.
        data[rec..rec + 4].copy_from_slice(b"CFF ");
        let err = Font::new(Arc::from(data), 0).map(|_| ()).unwrap_err();
        assert!(err.to_string().contains("PostScript (CFF)"), "{err}");
    }
}
