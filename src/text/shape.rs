//! Shaping with rustybuzz: one call per run, the plan reused from the font book.

use rustybuzz::{BufferFlags, UnicodeBuffer};

use super::analyze::{guess_script, is_layout_space, Item};
use super::fonts::PlanKey;
use super::{FontBook, FontId};

/// `SAFE_TO_INSERT_TATWEEL` of HarfBuzz's glyph flags.
const SAFE_TO_INSERT_TATWEEL: u32 = 0x4;
/// `UNSAFE_TO_BREAK` of HarfBuzz's glyph flags.
const UNSAFE_TO_BREAK: u32 = 0x1;
/// Words of a `rustybuzz::GlyphInfo` (`repr(C)`: glyph id, mask, cluster, two vars).
const INFO_WORDS: usize = 5;
/// The word of a glyph info that holds its flags.
const MASK_WORD: usize = 1;

/// A shaped glyph, before positioning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ShapedGlyph {
    /// Glyph id.
    pub id: u16,
    /// Cluster: byte offset in the paragraph (or the caller's numbering).
    pub cluster: u32,
    /// Advance, font units.
    pub x_advance: i32,
    /// Offset, font units.
    pub x_offset: i32,
    /// Offset, font units.
    pub y_offset: i32,
    /// Breaking the text before this glyph's cluster changes the shaping.
    pub unsafe_to_break: bool,
    /// A tatweel may be inserted before this glyph's cluster without
    /// changing the shaping around it.
    pub tatweel_ok: bool,
}

/// A request to shape some characters.
pub(crate) struct ShapeRequest<'a> {
    /// The font.
    pub font: FontId,
    /// Right-to-left.
    pub rtl: bool,
    /// Language (BCP 47), mapped to an OpenType language system as HarfBuzz
    /// maps it (`hb_ot_tags_from_script_and_language`): `ar` → `ARA`,
    /// `ur` → `URD`, `fa` → `FAR`. `None`: the font's default system.
    pub lang: Option<&'a str>,
    /// Characters with their cluster values, in logical order.
    pub chars: &'a mut dyn Iterator<Item = (char, u32)>,
    /// Text before and after, for Arabic joining across the run's ends.
    pub context: (&'a str, &'a str),
    /// The text whose script HarfBuzz would guess for the run.
    pub script_text: &'a str,
}

/// Shapes characters; glyphs come out in visual order (left to right).
pub(crate) fn shape(fonts: &FontBook, req: ShapeRequest, out: &mut Vec<ShapedGlyph>) {
    let font = fonts.get(req.font);
    let face = font.shaping_face();
    let key = PlanKey {
        font: req.font,
        rtl: req.rtl,
        script: guess_script(req.script_text),
        lang: req.lang.map(str::to_string),
    };
    let plan = fonts.plan(&key, &face);
    let chars: Vec<(char, u32)> = req.chars.collect();
    let mut buffer = UnicodeBuffer::new();
    for &(c, cluster) in &chars {
        // Separators are laid out as word spaces; Amiri has no glyph for them.
        let c = if is_layout_space(c) { ' ' } else { c };
        buffer.add(c, cluster);
    }
    buffer.set_pre_context(req.context.0);
    buffer.set_post_context(req.context.1);
    buffer.set_direction(if req.rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    if let Some(script) = key
        .script
        .and_then(|t| rustybuzz::Script::from_iso15924_tag(ttf_parser::Tag::from_bytes(&t)))
    {
        buffer.set_script(script);
    }
    if let Some(lang) = req.lang.and_then(|l| l.parse().ok()) {
        buffer.set_language(lang);
    }
    buffer.set_flags(BufferFlags::PRODUCE_SAFE_TO_INSERT_TATWEEL);
    let glyphs = match crate::error::contain(|| rustybuzz::shape_with_plan(&face, &plan, buffer)) {
        Ok(glyphs) => glyphs,
        Err(panic) => {
            // The layout turns the record into an error; until then the run
            // is set unshaped, one nominal glyph per character.
            fonts.record_shaping_failure(req.font, req.script_text, &panic);
            return unshaped(fonts, req.font, req.rtl, &chars, out);
        }
    };
    let infos = glyphs.glyph_infos();
    let words: &[u32] = bytemuck::cast_slice(infos);
    out.reserve(infos.len());
    for (k, (info, pos)) in infos.iter().zip(glyphs.glyph_positions()).enumerate() {
        let mask = words.get(k * INFO_WORDS + MASK_WORD).copied().unwrap_or(0);
        let tatweel_ok = mask & SAFE_TO_INSERT_TATWEEL != 0;
        out.push(ShapedGlyph {
            id: info.glyph_id as u16,
            cluster: info.cluster,
            x_advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            // With PRODUCE_SAFE_TO_INSERT_TATWEEL, HarfBuzz also marks the
            // tatweel places unsafe to break; only the rest is a real hazard.
            unsafe_to_break: mask & UNSAFE_TO_BREAK != 0 && !tatweel_ok,
            tatweel_ok,
        });
    }
}

/// One nominal glyph per character, in visual order, for a run whose
/// shaping failed.
fn unshaped(
    fonts: &FontBook,
    font: FontId,
    rtl: bool,
    chars: &[(char, u32)],
    out: &mut Vec<ShapedGlyph>,
) {
    let font = fonts.get(font);
    let face = font.ttf();
    let glyph = |&(c, cluster): &(char, u32)| {
        let id = face.glyph_index(c).map_or(0, |g| g.0);
        ShapedGlyph {
            id,
            cluster,
            x_advance: i32::from(font.advance(id)),
            x_offset: 0,
            y_offset: 0,
            unsafe_to_break: false,
            tatweel_ok: false,
        }
    };
    if rtl {
        out.extend(chars.iter().rev().map(glyph));
    } else {
        out.extend(chars.iter().map(glyph));
    }
}

/// Shapes an item of the paragraph, clusters = paragraph byte offsets,
/// with the text around it as context, in the item's language or else
/// `default_lang` (the document's).
pub(crate) fn shape_item(
    fonts: &FontBook,
    text: &str,
    item: &Item,
    default_lang: Option<&str>,
    out: &mut Vec<ShapedGlyph>,
) {
    let range = item.range.clone();
    let slice = &text[range.clone()];
    let mut chars = slice
        .char_indices()
        .map(|(i, c)| (c, (range.start + i) as u32));
    shape(
        fonts,
        ShapeRequest {
            font: item.font,
            rtl: item.level % 2 == 1,
            lang: item.lang.as_deref().or(default_lang),
            chars: &mut chars,
            context: (&text[..range.start], &text[range.end..]),
            script_text: slice,
        },
        out,
    );
}
