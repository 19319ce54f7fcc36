//! The embedded fonts: the bundled Amiri faces, subset to the characters the
//! book uses, with their OpenType layout tables kept.
//!
//! A reading system shapes the Arabic text itself, so the subset must keep
//! `cmap`, `GSUB`, `GPOS` and `GDEF` and every glyph reachable through them
//! (contextual forms, ligatures, marks). `fontcull` (fontations' klippa, a port
//! of HarfBuzz's subsetter) computes that closure; the `subsetter` crate used
//! for the PDF drops the layout tables and would break the joining.

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::text::{FontBook, FontId};

/// A font file of the book.
#[derive(Debug)]
pub(super) struct EmbeddedFont {
    /// File name inside `OEBPS/fonts/`.
    pub file: String,
    /// CSS `font-weight`.
    pub weight: &'static str,
    /// The subset font.
    pub data: Vec<u8>,
}

/// The bundled regular and bold faces, subset to `chars`.
pub(super) fn embedded_fonts(fonts: &FontBook, chars: &HashSet<char>) -> Result<Vec<EmbeddedFont>> {
    [(FontBook::REGULAR, "normal"), (FontBook::BOLD, "bold")]
        .into_iter()
        .map(|(id, weight)| {
            let font = fonts.get(id);
            Ok(EmbeddedFont {
                file: format!("{}.ttf", file_stem(&font.name, id)),
                weight,
                data: subset(&font.data, chars)?,
            })
        })
        .collect()
}

/// A font subset to `chars`, keeping the layout tables for the default
/// shaping features (HarfBuzz's list: Arabic joining forms, `rlig`, `calt`,
/// `liga`, `kern`, `mark`, `mkmk`, …).
pub(super) fn subset(data: &[u8], chars: &HashSet<char>) -> Result<Vec<u8>> {
    fontcull::subset_font_data(data, chars, &[]).map_err(|e| Error::Export {
        format: "EPUB",
        message: format!("subsetting the embedded font failed: {e}"),
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
