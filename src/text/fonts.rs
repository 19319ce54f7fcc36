//! The fonts warraq typesets with: Amiri (bundled) and any the user adds.

use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};

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
}

impl Font {
    /// Parses a font from bytes; the face must have a `cmap` and a `glyf` or `CFF` table.
    pub fn new(data: Arc<[u8]>, index: u32) -> Result<Self> {
        let face = ttf_parser::Face::parse(&data, index).map_err(|e| Error::Font {
            path: None,
            message: format!("not a usable OpenType font ({e})"),
        })?;
        if face.tables().cmap.is_none() {
            return Err(Error::Font {
                path: None,
                message: "the font has no cmap table".into(),
            });
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
            name,
            index,
            data: data.clone(),
        })
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
        self.ttf().glyph_index(c).is_some()
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
}

impl FontBook {
    /// The regular bundled face.
    pub const REGULAR: FontId = FontId(0);
    /// The bold bundled face.
    pub const BOLD: FontId = FontId(1);

    /// A book with the bundled Amiri faces only.
    pub fn bundled() -> Self {
        let regular = Font::new(Arc::from(AMIRI_REGULAR), 0).expect("bundled font parses");
        let bold = Font::new(Arc::from(AMIRI_BOLD), 0).expect("bundled font parses");
        FontBook {
            fonts: vec![regular, bold],
        }
    }

    /// Adds a font file (TTF/OTF, first face of a collection) as a fallback.
    pub fn add_file(&mut self, path: &Path) -> Result<FontId> {
        let data = std::fs::read(path).map_err(|source| Error::Io {
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
        let id = FontId(u16::try_from(self.fonts.len()).map_err(|_| Error::Font {
            path: None,
            message: "too many fonts".into(),
        })?);
        self.fonts.push(font);
        Ok(id)
    }

    /// The font with this id.
    pub fn get(&self, id: FontId) -> &Font {
        &self.fonts[usize::from(id.0)]
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
}
