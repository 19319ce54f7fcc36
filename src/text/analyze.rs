//! Analysis of a paragraph before shaping: the layout text, bidi levels and
//! itemization into runs of one level, script, font and style.

use std::ops::Range;

use unicode_bidi::{BidiInfo, Level};
use unicode_script::{Script, UnicodeScript};

use super::{is_default_ignorable, FontBook, FontId, Paragraph};

/// A paragraph's text as layout sees it, with its bidi levels and items.
pub(crate) struct Analysis {
    /// The text with newlines, tabs and other separators replaced by ASCII
    /// spaces of the same byte length: they are laid out as word spaces.
    pub layout: String,
    /// Paragraph embedding level (0 or 1).
    pub para_level: u8,
    /// Resolved bidi level of every byte (rules up to I2, before L1).
    pub levels: Vec<u8>,
    /// Items in logical order, covering the text without gaps.
    pub items: Vec<Item>,
}

/// A maximal range of one bidi level, script, font and style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// Byte range in the paragraph.
    pub range: Range<usize>,
    /// Bidi level.
    pub level: u8,
    /// The font.
    pub font: FontId,
    /// Language of the style run.
    pub lang: Option<String>,
    /// A raised run (a note's reference mark).
    pub raised: bool,
}

/// Characters laid out as a plain word space.
pub(crate) fn is_layout_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{1C}'
            ..='\u{1F}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The layout text: separators replaced by spaces of the same byte length.
pub(crate) fn layout_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_layout_space(c) {
            for _ in 0..c.len_utf8() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a character is a decimal digit (ASCII, Arabic-Indic, Extended
/// Arabic-Indic).
pub(crate) fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Whether the space between `before` and `after` separates digit groups
/// (`٦ ٠٠٠`, `١ ١٩٣`): a digit before it, exactly three digits after it.
pub(crate) fn digit_group(before: &str, after: &str) -> bool {
    let digits_after = after.chars().take_while(|&c| is_digit(c)).count();
    before.chars().next_back().is_some_and(is_digit) && digits_after == 3
}

/// The text the bidi algorithm reads: the layout text with each space
/// between digit groups read as a comma. A plain space is a neutral: in a
/// right-to-left line UAX #9 orders `٦ ٠٠٠` as two numbers, right to left
/// (`٠٠٠ ٦` on the page); a comma is a common separator, which between two
/// numbers of one type takes their type (rule W4, as a no-break space
/// would), so the number reads as one. Same byte length: levels stay per byte.
fn bidi_text(layout: &str) -> std::borrow::Cow<'_, str> {
    let groups: Vec<usize> = layout
        .match_indices(' ')
        .map(|(i, _)| i)
        .filter(|&i| digit_group(&layout[..i], &layout[i + 1..]))
        .collect();
    if groups.is_empty() {
        return layout.into();
    }
    let mut bytes = layout.as_bytes().to_vec();
    groups.iter().for_each(|&i| bytes[i] = b',');
    String::from_utf8(bytes).map_or(layout.into(), Into::into)
}

/// Runs the bidi algorithm and itemizes the paragraph.
pub(crate) fn analyze(fonts: &FontBook, para: &Paragraph) -> Analysis {
    let layout = layout_text(para.text);
    let base = if para.rtl { Level::rtl() } else { Level::ltr() };
    let levels: Vec<u8> = if layout.is_empty() {
        Vec::new()
    } else {
        let text = bidi_text(&layout);
        let info = BidiInfo::new(&text, Some(base));
        info.levels.iter().map(|l| l.number()).collect()
    };
    let items = itemize(fonts, para, &levels);
    Analysis {
        layout,
        para_level: base.number(),
        levels,
        items,
    }
}

/// Whether a script is a real one (not Common, Inherited or Unknown), as
/// HarfBuzz decides when it guesses a buffer's script.
pub(crate) fn is_real_script(s: Script) -> bool {
    !matches!(s, Script::Common | Script::Inherited | Script::Unknown)
}

/// The script HarfBuzz guesses for a text: its first real script.
pub(crate) fn guess_script(text: &str) -> Option<[u8; 4]> {
    text.chars()
        .map(|c| c.script())
        .find(|&s| is_real_script(s))
        .map(script_tag)
}

fn script_tag(s: Script) -> [u8; 4] {
    let name = s.short_name().as_bytes();
    let mut tag = [b' '; 4];
    for (t, b) in tag.iter_mut().zip(name) {
        *t = *b;
    }
    tag
}

/// Splits the paragraph into items.
///
/// A new item starts where the level, the style (language, weight) or the
/// font changes, or where a character of a real script follows one of
/// another real script. Characters of no script (spaces, punctuation,
/// digits, marks) stay in the current item; whitespace and default
/// ignorables also keep its font.
fn itemize(fonts: &FontBook, para: &Paragraph, levels: &[u8]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut item_script: Option<Script> = None;
    let mut style_index = 0;
    for (i, c) in para.text.char_indices() {
        while style_index + 1 < para.styles.len() && para.styles[style_index].range.end <= i {
            style_index += 1;
        }
        let style = para.styles.get(style_index);
        let strong = para.bold || style.is_some_and(|s| s.strong);
        let lang = style.and_then(|s| s.lang.clone());
        let raised = style.is_some_and(|s| s.raised);
        let preferred = fonts.main(strong);
        let level = levels.get(i).copied().unwrap_or(0);
        let script = c.script();
        let current = items.last();
        let keeps_font = c.is_whitespace() || is_default_ignorable(c) || is_layout_space(c);
        let font = match current {
            Some(item)
                if keeps_font
                    && item.lang == lang
                    && item.raised == raised
                    && fonts.serves_weight(item.font, strong) =>
            {
                item.font
            }
            Some(item)
                if !is_real_script(script)
                    && fonts.serves_weight(item.font, strong)
                    && fonts.get(item.font).has_char(c) =>
            {
                item.font
            }
            _ => fonts.select(preferred, c).unwrap_or(preferred),
        };
        let script_break = is_real_script(script) && item_script.is_some_and(|s| s != script);
        let continues = current.is_some_and(|item| {
            item.level == level
                && item.font == font
                && item.lang == lang
                && item.raised == raised
                && !script_break
        });
        if continues {
            if let Some(item) = items.last_mut() {
                item.range.end = i + c.len_utf8();
            }
            if item_script.is_none() && is_real_script(script) {
                item_script = Some(script);
            }
        } else {
            items.push(Item {
                range: i..i + c.len_utf8(),
                level,
                font,
                lang,
                raised,
            });
            item_script = is_real_script(script).then_some(script);
        }
    }
    items
}
