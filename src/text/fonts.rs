//! The fonts warraq typesets with: Amiri (bundled) and any the user adds.

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use super::cache::WordCache;
use super::fontfile::{check_cmap, check_file, choose_face, extract_face, FontSource};
use super::spaces::SpaceRules;
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
    /// Face index in `data` (always 0: a face of a collection is taken out
    /// as a font of its own).
    pub index: u32,
    /// PostScript name, e.g. `Amiri-Regular`.
    pub name: String,
    /// Whether the face is bold (OS/2 weight ≥ 600, or its bold bit).
    pub bold: bool,
    /// Units per em.
    pub units_per_em: u16,
    /// Typographic ascender, font units.
    pub ascender: i16,
    /// Typographic descender (negative), font units.
    pub descender: i16,
    /// Typographic line gap, font units.
    pub line_gap: i16,
    /// Family name (typographic family, else family), e.g. `Amiri`.
    pub family: String,
    /// The kind of outlines, which decides how the PDF embeds the font.
    pub outlines: Outlines,
    /// Whether lines set in this face may be justified with kashidas
    /// (tatweel). Not for Nastaliq, whose words descend diagonally: a
    /// horizontal tatweel breaks them, and Nastaliq print justifies with
    /// the word spaces.
    pub kashida: bool,
    /// Index into [`bundled_faces`] for the bundled faces, whose parsed
    /// shaping face is kept for the life of the process.
    bundled: Option<usize>,
    /// Every code point the font maps, sorted: coverage is asked for every
    /// character of a document, and parsing the face for each is costly.
    coverage: Arc<[u32]>,
    /// Horizontal advance of every glyph, font units.
    advances: Arc<[u16]>,
    /// Where a run may be cut at a space for shaping word by word, read
    /// from the font's lookups on first use.
    spaces: Arc<OnceLock<Option<SpaceRules>>>,
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

/// The outlines of a face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlines {
    /// TrueType quadratic outlines (`glyf`).
    TrueType,
    /// PostScript outlines in a `CFF ` table (OpenType `.otf`).
    Cff,
    /// PostScript outlines in a `CFF2` table (variable OpenType).
    Cff2,
}

/// Whether a family is a Nastaliq one (Noto Nastaliq Urdu, Jameel Noori
/// Nastaleeq, …), by its name: fonts do not declare their style of writing.
fn is_nastaliq(family: &str) -> bool {
    let lower = family.to_lowercase();
    ["nastaliq", "nastaleeq", "nastaleq"]
        .iter()
        .any(|n| lower.contains(n))
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

/// A table's directory record. Every record, not a binary search: a
/// damaged directory may be unsorted.
fn table_record(face: &ttf_parser::Face, tag: &[u8; 4]) -> Option<ttf_parser::TableRecord> {
    face.raw_face()
        .table_records
        .into_iter()
        .find(|r| r.tag == ttf_parser::Tag::from_bytes(tag))
}

/// The kind of outlines a face has, or why it has none usable.
fn outlines(face: &ttf_parser::Face) -> Result<Outlines, String> {
    let tables = face.tables();
    if tables.glyf.is_some() {
        Ok(Outlines::TrueType)
    } else if tables.cff.is_some() {
        Ok(Outlines::Cff)
    } else if tables.cff2.is_some() {
        Ok(Outlines::Cff2)
    } else if table_record(face, b"CFF ").is_some() || table_record(face, b"CFF2").is_some() {
        Err("the font's PostScript outlines (its CFF or CFF2 table) are damaged".into())
    } else {
        Err(
            "the font has no usable outlines (its glyf or loca table is missing or \
             damaged, and it has no CFF table)"
                .into(),
        )
    }
}

impl Font {
    /// Horizontal advance of a glyph, font units (0 for an unknown glyph).
    pub fn advance(&self, glyph: u16) -> u16 {
        self.advances.get(usize::from(glyph)).copied().unwrap_or(0)
    }

    /// Parses face `index` of a font file (0 for a single font); the face
    /// must have a `cmap`, horizontal metrics and outlines: TrueType
    /// (`glyf`), or PostScript (`CFF ` or `CFF2`).
    pub fn new(data: Arc<[u8]>, index: u32) -> Result<Self> {
        let refuse = |message: String| Error::Font {
            path: None,
            message,
        };
        check_file(&data, index).map_err(refuse)?;
        // A face of a collection becomes a font file of its own.
        let (data, index): (Arc<[u8]>, u32) = match extract_face(&data, index) {
            Some(face) => {
                check_file(&face, 0).map_err(refuse)?;
                (Arc::from(face), 0)
            }
            None => (data, index),
        };
        let face = ttf_parser::Face::parse(&data, index)
            .map_err(|e| refuse(format!("not a usable OpenType font ({e})")))?;
        let tables = face.tables();
        if tables.cmap.is_none() {
            return Err(refuse("the font has no cmap table".into()));
        }
        let cmap = table_record(&face, b"cmap")
            .and_then(|r| data.get(r.offset as usize..)?.get(..r.length as usize));
        check_cmap(cmap.unwrap_or_default()).map_err(refuse)?;
        let outlines = outlines(&face).map_err(refuse)?;
        if tables.hmtx.is_none() {
            return Err(refuse(
                "the font has no usable horizontal metrics (hhea.numberOfHMetrics is 0, \
                 or the hmtx table is missing or short)"
                    .into(),
            ));
        }
        let name_of = |id: u16| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
        };
        use ttf_parser::name_id::{FAMILY, POST_SCRIPT_NAME, TYPOGRAPHIC_FAMILY};
        let name = name_of(POST_SCRIPT_NAME).unwrap_or_else(|| "Font".to_string());
        let family = name_of(TYPOGRAPHIC_FAMILY)
            .or_else(|| name_of(FAMILY))
            .unwrap_or_else(|| name.clone());
        Ok(Font {
            // Noto Nastaliq Urdu Bold has weight class 400 and the bold bit.
            bold: face.weight().to_number() >= 600 || face.is_bold(),
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            line_gap: face.line_gap(),
            coverage: coverage(&face).map_err(refuse)?,
            kashida: !is_nastaliq(&family),
            family,
            name,
            index,
            outlines,
            advances: (0..face.number_of_glyphs())
                .map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0))
                .collect(),
            data: data.clone(),
            bundled: None,
            spaces: Arc::default(),
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

    /// The font's rules that match across a space, read on first use;
    /// `None`: runs in this font are shaped whole.
    pub(crate) fn space_rules(&self) -> Option<&SpaceRules> {
        self.spaces
            .get_or_init(|| SpaceRules::analyze(&self.ttf(), &self.coverage))
            .as_ref()
    }
}

/// The fonts available to a render, as families in fallback order.
///
/// The bundled faces come first: Amiri Regular (id 0) and Amiri Bold (id 1),
/// the main (body) family unless [`FontBook::set_main_font`] gives another,
/// which Amiri then follows as the first fallback. Fonts added with
/// [`FontBook::add_file`] or [`FontBook::add_family`] are tried, in order,
/// for characters the families before them lack; a family's bold face sets
/// its bold text, and a family of one face sets both weights.
#[derive(Debug, Clone)]
pub struct FontBook {
    fonts: Vec<Font>,
    families: Vec<Family>,
    plans: PlanCache,
    /// Shaped words, shared like the plans.
    words: WordCache<PlanKey>,
    /// The first shaping call that panicked since the last
    /// [`FontBook::take_shaping_failure`] (shaping itself returns glyphs).
    shaping_failure: Arc<Mutex<Option<String>>>,
}

/// A family of the book: a regular face and, if it has one, a bold face.
#[derive(Debug, Clone)]
struct Family {
    /// The family's name (CSS `font-family` in the EPUB).
    name: String,
    regular: FontId,
    bold: Option<FontId>,
}

impl Family {
    /// The face for a weight: a family without bold sets bold with its regular.
    fn face(&self, bold: bool) -> FontId {
        match (bold, self.bold) {
            (true, Some(b)) => b,
            _ => self.regular,
        }
    }

    fn has(&self, id: FontId) -> bool {
        self.regular == id || self.bold == Some(id)
    }
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
            families: vec![Family {
                name: "Amiri".into(),
                regular: Self::REGULAR,
                bold: Some(Self::BOLD),
            }],
            plans: PlanCache::default(),
            words: WordCache::default(),
            shaping_failure: Arc::default(),
        }
    }

    /// A book with the same fonts, shaping plans and shaped words (shared, not copied)
    /// and a shaping-failure record of its own: what each document of a
    /// batch lays out with, so that documents set on other threads at the
    /// same time never see each other's failures.
    pub fn share(&self) -> Self {
        FontBook {
            fonts: self.fonts.clone(),
            families: self.families.clone(),
            plans: self.plans.clone(),
            words: self.words.clone(),
            shaping_failure: Arc::default(),
        }
    }

    /// Sets the main (body) family: `regular` for text, `bold` (when given,
    /// else `regular`) for headings and strong spans; the family that was
    /// main (Amiri) becomes the first fallback. Each path may name a face of
    /// a collection (`PATH#INDEX`, `PATH#NAME`: [`FontSource::parse`]).
    pub fn set_main_font(&mut self, regular: &Path, bold: Option<&Path>) -> Result<()> {
        let family = self.load_family(None, regular, bold)?;
        self.families.insert(0, family);
        Ok(())
    }

    /// Adds a fallback family with its own bold face: `regular` sets its
    /// characters in regular text, `bold` in bold text. `name` (when not
    /// empty) names the family, else the regular face's family name does.
    /// Returns the regular face's id.
    pub fn add_family(
        &mut self,
        name: &str,
        regular: &Path,
        bold: Option<&Path>,
    ) -> Result<FontId> {
        let name = Some(name).filter(|n| !n.trim().is_empty());
        let family = self.load_family(name, regular, bold)?;
        let id = family.regular;
        self.families.push(family);
        Ok(id)
    }

    /// Loads a family's faces (not yet in the family list).
    fn load_family(
        &mut self,
        name: Option<&str>,
        regular: &Path,
        bold: Option<&Path>,
    ) -> Result<Family> {
        // Both read before either is added: a bad bold face adds nothing.
        let (regular_path, bold_path) = (regular, bold);
        let (regular, bold) = (read_font(regular)?, bold.map(read_font).transpose()?);
        let regular = self.push(regular).map_err(|e| named(e, regular_path))?;
        let bold = match (bold, bold_path) {
            (Some(b), Some(path)) => Some(self.push(b).map_err(|e| named(e, path))?),
            _ => None,
        };
        Ok(Family {
            name: name.map_or_else(|| self.get(regular).family.clone(), str::to_string),
            regular,
            bold,
        })
    }

    /// Adds a font file (TTF or OTF, or a face of a TTC/OTC collection:
    /// `PATH#INDEX`, `PATH#NAME`) as a fallback. A face of the same family
    /// as the fallback added just before it, and of the other weight (the
    /// Bold after the Regular), becomes that family's other face.
    ///
    /// The file is read through a bounded reader: a device or a huge file
    /// stops at [`MAX_FONT_BYTES`].
    pub fn add_file(&mut self, path: &Path) -> Result<FontId> {
        let font = read_font(path)?;
        self.add_fallback(font).map_err(|e| named(e, path))
    }

    /// Adds a font from bytes (a single font, or the first face of a
    /// collection) as a fallback.
    pub fn add_data(&mut self, data: Vec<u8>) -> Result<FontId> {
        let font = Font::new(Arc::from(data), 0)?;
        self.add_fallback(font)
    }

    /// Adds a face as a fallback family, or as the other weight of the
    /// last fallback family (see [`FontBook::add_file`]).
    fn add_fallback(&mut self, font: Font) -> Result<FontId> {
        let (family, bold) = (font.family.clone(), font.bold);
        let id = self.push(font)?;
        let last = self.families.len() - 1;
        let fonts = &self.fonts;
        let partner = self.families.last_mut().filter(|f| {
            let first = &fonts[usize::from(f.regular.0)];
            last > 0
                && f.bold.is_none()
                && first.bundled.is_none()
                && first.family == family
                && first.bold != bold
        });
        match partner {
            Some(f) if bold => f.bold = Some(id),
            Some(f) => {
                f.bold = Some(f.regular);
                f.regular = id;
            }
            None => self.families.push(Family {
                name: family,
                regular: id,
                bold: None,
            }),
        }
        Ok(id)
    }

    /// Gives a font its id, once the shaper has read it.
    fn push(&mut self, font: Font) -> Result<FontId> {
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

    /// The main (body) family's face for a weight.
    pub fn main(&self, bold: bool) -> FontId {
        self.families[0].face(bold)
    }

    /// How much taller the main font's lines are than Amiri's, by their
    /// extents (ascender, descender and line gap): at least 1. The house
    /// leading is Amiri's; a Nastaliq face (Noto Nastaliq Urdu: 2.5 em
    /// against Amiri's 1.76) needs lines as much farther apart.
    pub fn leading_scale(&self) -> f32 {
        let extent = |f: &Font| {
            (f32::from(f.ascender) - f32::from(f.descender) + f32::from(f.line_gap.max(0)))
                / f32::from(f.units_per_em)
        };
        let main = extent(self.get(self.main(false)));
        let amiri = extent(self.get(Self::REGULAR));
        if main > amiri {
            main / amiri
        } else {
            1.0
        }
    }

    /// The main family's faces: regular, then bold if it has its own.
    pub fn main_faces(&self) -> Vec<FontId> {
        let main = &self.families[0];
        std::iter::once(main.regular).chain(main.bold).collect()
    }

    /// The name of the family a font belongs to (its own family name for
    /// an id in no family).
    pub fn family_name(&self, id: FontId) -> &str {
        self.families
            .iter()
            .find(|f| f.has(id))
            .map_or(self.get(id).family.as_str(), |f| f.name.as_str())
    }

    /// Whether a face sets bold text: it is its family's bold face, or
    /// the font says it is bold.
    pub fn is_bold_face(&self, id: FontId) -> bool {
        let bold_slot = self
            .families
            .iter()
            .any(|f| f.bold == Some(id) && f.regular != id);
        bold_slot || self.get(id).bold
    }

    /// Whether `font` may set text of this weight: it is its family's face
    /// for the weight (a family of one face sets both).
    pub(crate) fn serves_weight(&self, font: FontId, bold: bool) -> bool {
        self.families
            .iter()
            .find(|f| f.has(font))
            .is_none_or(|f| f.face(bold) == font)
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

    /// All fonts with their ids, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (FontId, &Font)> {
        self.fonts
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }

    /// The first font, preferring `preferred`, that has `c`: then each
    /// family in fallback order, its face of `preferred`'s weight first.
    pub fn select(&self, preferred: FontId, c: char) -> Option<FontId> {
        if self.get(preferred).has_char(c) {
            return Some(preferred);
        }
        let bold = self.families.iter().any(|f| f.bold == Some(preferred));
        self.families
            .iter()
            .flat_map(|f| [f.face(bold), f.face(!bold)])
            .find(|&id| self.get(id).has_char(c))
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

    /// The shaped-word cache.
    pub(crate) fn words(&self) -> &WordCache<PlanKey> {
        &self.words
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

/// A font error about the file `path`.
fn named(error: Error, path: &Path) -> Error {
    match error {
        Error::Font { message, .. } => Error::Font {
            path: Some(path.to_path_buf()),
            message,
        },
        other => other,
    }
}

/// Reads a font file, or the face of a collection that `spec` names
/// (`PATH#INDEX`, `PATH#NAME`), through a bounded reader: a device or a
/// huge file stops at [`MAX_FONT_BYTES`]. Errors name the file.
fn read_font(spec: &Path) -> Result<Font> {
    use std::io::Read;
    let source = FontSource::parse(spec);
    let path = source.path.as_path();
    let mut data = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FONT_BYTES as u64 + 1).read_to_end(&mut data))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let index = choose_face(&data, &source.face).map_err(|message| Error::Font {
        path: Some(spec.to_path_buf()),
        message,
    })?;
    Font::new(Arc::from(data), index).map_err(|e| named(e, spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_without_outlines_is_refused() {
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
        assert!(err.to_string().contains("no usable outlines"), "{err}");
        assert!(!err.to_string().contains("PostScript"), "{err}");
        // The same directory entry named `CFF `: glyf data is no CFF table.
        data[rec..rec + 4].copy_from_slice(b"CFF ");
        let err = Font::new(Arc::from(data), 0).map(|_| ()).unwrap_err();
        assert!(err.to_string().contains("PostScript outlines"), "{err}");
        assert!(err.to_string().contains("damaged"), "{err}");
    }

    #[test]
    fn nastaliq_families_are_told_by_name() {
        assert!(is_nastaliq("Noto Nastaliq Urdu"));
        assert!(is_nastaliq("Jameel Noori Nastaleeq"));
        assert!(!is_nastaliq("Amiri"));
        assert!(FontBook::bundled().get(FontBook::REGULAR).kashida);
        assert_eq!(FontBook::bundled().leading_scale(), 1.0);
    }
}
