//! The embedded fonts: the bundled Amiri faces, and every other font the
//! layout drew with (fonts given with `--font`, for characters Amiri lacks),
//! subset to the characters the book uses, with their OpenType layout
//! tables kept.
//!
//! A reading system shapes the Arabic text itself, so the subset must keep
//! `cmap`, `GSUB`, `GPOS` and `GDEF` and every glyph reachable through them
//! (contextual forms, ligatures, marks). `fontcull` (fontations' klippa, a port
//! of HarfBuzz's subsetter) computes that closure; the `subsetter` crate used
//! for the PDF drops the layout tables and would break the joining.

use std::collections::{BTreeMap, HashSet};

use crate::error::{Error, Result};
use crate::layout::Layout;
use crate::text::{FontBook, FontId, Outlines};

/// A font file of the book.
#[derive(Debug)]
pub(super) struct EmbeddedFont {
    /// CSS `font-family`: the family's name ("Amiri" for the bundled faces).
    pub family: String,
    /// File name inside `OEBPS/fonts/`.
    pub file: String,
    /// CSS `font-weight`.
    pub weight: &'static str,
    /// The subset font.
    pub data: Vec<u8>,
}

/// The main family's faces (Amiri's unless another is main), subset to
/// `chars`, then the other
/// fonts the text of `layout` uses (not its running header and footer), in
/// font-book order, each subset to the characters the layout drew with it.
pub(super) fn embedded_fonts(
    fonts: &FontBook,
    layout: &Layout,
    chars: &HashSet<char>,
) -> Result<Vec<EmbeddedFont>> {
    let main = fonts.main_faces();
    let mut others: BTreeMap<FontId, HashSet<char>> = BTreeMap::new();
    for placed in layout.pages.iter().flat_map(|p| &p.lines) {
        let text = &layout.pieces[placed.piece].text;
        for run in &placed.line.runs {
            if !main.contains(&run.font) {
                let drawn = text.get(run.range.clone()).unwrap_or("").chars();
                others.entry(run.font).or_default().extend(drawn);
            }
        }
    }
    let faces: Vec<(FontId, &HashSet<char>)> = main
        .iter()
        .map(|&id| (id, chars))
        .chain(others.iter().map(|(&id, drawn)| (id, drawn)))
        .collect();
    let one = |&(id, chars): &(FontId, &HashSet<char>)| -> Result<EmbeddedFont> {
        let font = fonts.get(id);
        let stem = file_stem(&font.name, id);
        let cff = font.outlines != Outlines::TrueType;
        Ok(EmbeddedFont {
            family: css_family(fonts.family_name(id), &stem),
            file: format!("{stem}.{}", if cff { "otf" } else { "ttf" }),
            weight: if fonts.is_bold_face(id) {
                "bold"
            } else {
                "normal"
            },
            data: subset(&font.data, &font.name, chars)?,
        })
    };
    // Subsetting is most of the EPUB's time (Amiri's two faces: 10 % of a
    // report's render): the faces at once, in order.
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        faces.par_iter().map(one).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        faces.iter().map(one).collect()
    }
}

impl EmbeddedFont {
    /// The CSS `format()` of the file.
    pub fn format(&self) -> &'static str {
        if self.file.ends_with(".otf") {
            "opentype"
        } else {
            "truetype"
        }
    }

    /// The file's media type in the package.
    pub fn media_type(&self) -> &'static str {
        if self.file.ends_with(".otf") {
            "font/otf"
        } else {
            "font/ttf"
        }
    }
}

/// A family name fit for a quoted CSS string: letters, digits, spaces,
/// `-` and `_` (a font's name table is the user's data); `stem` if none.
fn css_family(name: &str, stem: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .collect();
    match kept.trim() {
        "" => stem.to_string(),
        kept => kept.to_string(),
    }
}

/// A font subset to `chars`, keeping the layout tables for the default
/// shaping features (HarfBuzz's list: Arabic joining forms, `rlig`, `calt`,
/// `liga`, `kern`, `mark`, `mkmk`, …).
pub(super) fn subset(data: &[u8], name: &str, chars: &HashSet<char>) -> Result<Vec<u8>> {
    let step = format!("subsetting font {name}");
    crate::error::contain_export("EPUB", &step, || {
        fontcull::subset_font_data(data, chars, &[])
    })?
    .map_err(|e| Error::Export {
        format: "EPUB",
        message: format!("subsetting font {name} failed: {e}"),
    })
}

/// A file name from a PostScript name: ASCII letters, digits and `-` only.
fn file_stem(name: &str, id: FontId) -> String {
    let stem: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if stem.is_empty() {
        format!("font-{}", id.0)
    } else {
        stem
    }
}
