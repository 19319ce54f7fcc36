//! Shaping with rustybuzz: a run at a time, or word by word where the font
//! allows, the plan and the shaped words reused from the font book.

use std::ops::Range;
use std::sync::Arc;

use rustybuzz::{BufferFlags, UnicodeBuffer};
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use super::analyze::{guess_script, is_layout_space, Item};
use super::cache::WordCache;
use super::fonts::PlanKey;
use super::spaces::SpaceRules;
pub(crate) use super::ShapedGlyph;
use super::{FontBook, FontId};

/// `SAFE_TO_INSERT_TATWEEL` of HarfBuzz's glyph flags.
const SAFE_TO_INSERT_TATWEEL: u32 = 0x4;
/// `UNSAFE_TO_BREAK` of HarfBuzz's glyph flags.
const UNSAFE_TO_BREAK: u32 = 0x1;
/// Words of a `rustybuzz::GlyphInfo` (`repr(C)`: glyph id, mask, cluster, two vars).
const INFO_WORDS: usize = 5;
/// The word of a glyph info that holds its flags.
const MASK_WORD: usize = 1;

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
///
/// A run is cut at the spaces where no lookup of the font reaches across
/// (see [`super::spaces`]); its words are shaped one by one and kept in the
/// book's word cache, which gives the same glyphs, clusters, advances and
/// flags as shaping the run whole (`shaping_by_words_is_shaping_whole`).
pub(crate) fn shape(fonts: &FontBook, req: ShapeRequest, out: &mut Vec<ShapedGlyph>) {
    shape_with(fonts, req, out, true);
}

/// [`shape`], word by word or (`by_words` false) the run whole.
fn shape_with(fonts: &FontBook, req: ShapeRequest, out: &mut Vec<ShapedGlyph>, by_words: bool) {
    let font = fonts.get(req.font);
    let face = font.shaping_face();
    let key = PlanKey {
        font: req.font,
        rtl: req.rtl,
        script: guess_script(req.script_text),
        lang: req.lang.map(str::to_string),
    };
    let plan = fonts.plan(&key, &face);
    let run = Run {
        face: &face,
        plan: &plan,
        key: &key,
    };
    let chars: Vec<(char, u32)> = req.chars.collect();
    let start = out.len();
    let shaped = match font.space_rules().filter(|_| by_words) {
        Some(rules) => words(fonts.words(), &run, rules, &chars, req.context, out),
        None => run.shape(&chars, req.context, out),
    };
    if let Err(panic) = shaped {
        // The layout turns the record into an error; until then the run
        // is set unshaped, one nominal glyph per character.
        out.truncate(start);
        fonts.record_shaping_failure(req.font, req.script_text, &panic);
        unshaped(fonts, req.font, req.rtl, &chars, out);
    }
}

/// A run's face and plan.
struct Run<'a> {
    face: &'a rustybuzz::Face<'a>,
    plan: &'a rustybuzz::ShapePlan,
    key: &'a PlanKey,
}

impl Run<'_> {
    /// Shapes characters as one buffer, appending the glyphs in visual
    /// order; `Err` holds the shaper's panic.
    fn shape(
        &self,
        chars: &[(char, u32)],
        context: (&str, &str),
        out: &mut Vec<ShapedGlyph>,
    ) -> Result<(), String> {
        let mut buffer = UnicodeBuffer::new();
        for &(c, cluster) in chars {
            // Separators are laid out as word spaces; Amiri has no glyph for them.
            let c = if is_layout_space(c) { ' ' } else { c };
            buffer.add(c, cluster);
        }
        buffer.set_pre_context(context.0);
        buffer.set_post_context(context.1);
        buffer.set_direction(if self.key.rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        if let Some(script) = self
            .key
            .script
            .and_then(|t| rustybuzz::Script::from_iso15924_tag(ttf_parser::Tag::from_bytes(&t)))
        {
            buffer.set_script(script);
        }
        if let Some(lang) = self.key.lang.as_deref().and_then(|l| l.parse().ok()) {
            buffer.set_language(lang);
        }
        buffer.set_flags(BufferFlags::PRODUCE_SAFE_TO_INSERT_TATWEEL);
        let glyphs =
            crate::error::contain(|| rustybuzz::shape_with_plan(self.face, self.plan, buffer))?;
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
        Ok(())
    }
}

/// Characters shaped as a word space.
fn is_space(c: char) -> bool {
    c == ' ' || is_layout_space(c)
}

/// A combining mark: it attaches to the base before it.
fn is_mark(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
}

/// A format character (bidi controls, joiners): lookups may skip it.
fn is_format(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
}

/// The characters a lookup may see at an edge: a base, its marks and the
/// format characters around them, and what the base composes to with its
/// marks (rustybuzz composes when the font has the composite).
fn edge(cluster: impl Iterator<Item = char>, out: &mut Vec<char>) {
    let from = out.len();
    out.extend(cluster);
    let Some(at) = out[from..].iter().position(|&c| !is_format(c)) else {
        return;
    };
    let base = out[from + at];
    let mut composed = base;
    for k in from + at + 1..out.len() {
        let m = out[k];
        if let Some(c) = unicode_normalization::char::compose(composed, m) {
            composed = c;
            out.push(c);
        } else if let Some(c) = unicode_normalization::char::compose(base, m) {
            out.push(c);
        }
    }
}

/// Cuts a run into pieces that shape alike alone and together: each space
/// across which no rule of the font can reach becomes a piece of its own.
/// Ranges of `chars`, in logical order.
fn pieces(
    font_has: impl Fn(char) -> bool,
    rules: &SpaceRules,
    chars: &[(char, u32)],
) -> Vec<Range<usize>> {
    let n = chars.len();
    // Layout spaces are shaped as spaces.
    let c = |i: usize| {
        let c = chars[i].0;
        if is_layout_space(c) {
            ' '
        } else {
            c
        }
    };
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut out = Vec::new();
    let mut from = 0;
    for i in (0..n).filter(|&i| c(i) == ' ') {
        // Before: the last base (or space) and what follows it.
        let mut j = i;
        while j > 0 && c(j - 1) != ' ' && (is_mark(c(j - 1)) || is_format(c(j - 1))) {
            j -= 1;
        }
        before.clear();
        let ok_before = if j > 0 {
            edge((j - 1..i).map(c), &mut before);
            true
        } else {
            // Marks at the run's start: their base is outside the run.
            j == i
        };
        // After: format characters, then a base (a mark would attach to
        // the space) and its marks, or a space, or the run's end.
        let mut k = i + 1;
        while k < n && is_format(c(k)) {
            k += 1;
        }
        let mut m = (k + 1).min(n);
        while m < n && is_mark(c(m)) {
            m += 1;
        }
        after.clear();
        edge((i + 1..m).map(c), &mut after);
        let ok_after = k == n || !is_mark(c(k));
        let known = before
            .iter()
            .chain(&after)
            .all(|&x| x == ' ' || font_has(x));
        if ok_before && ok_after && known && rules.cut_ok(&before, &after) {
            if from < i {
                out.push(from..i);
            }
            out.push(i..i + 1);
            from = i + 1;
        }
    }
    if from < n {
        out.push(from..n);
    }
    out
}

/// Each piece's text, when it can be cached: its clusters are its byte
/// offsets, and the run's context cannot change it (it is inside the run,
/// or it or the context's character next to it is a space).
fn piece_texts(
    pieces: &[Range<usize>],
    chars: &[(char, u32)],
    context: (&str, &str),
) -> Vec<Option<String>> {
    let n = chars.len();
    let mut texts: Vec<Option<String>> = Vec::with_capacity(pieces.len());
    for r in pieces {
        let slice = &chars[r.clone()];
        let base = slice[0].1;
        let mut text = String::new();
        let mut plain = true;
        for &(c, cluster) in slice {
            if u32::try_from(text.len())
                .ok()
                .and_then(|l| base.checked_add(l))
                != Some(cluster)
            {
                plain = false;
                break;
            }
            text.push(c);
        }
        let first_free = r.start > 0
            || context.0.is_empty()
            || is_space(slice[0].0)
            || context.0.chars().next_back().is_some_and(is_space);
        let last_free = r.end < n
            || context.1.is_empty()
            || is_space(slice[slice.len() - 1].0)
            || context.1.chars().next().is_some_and(is_space);
        texts.push((plain && first_free && last_free).then_some(text));
    }
    texts
}

/// Shapes a run piece by piece, through the cache.
fn words(
    cache: &WordCache<PlanKey>,
    run: &Run,
    rules: &SpaceRules,
    chars: &[(char, u32)],
    context: (&str, &str),
    out: &mut Vec<ShapedGlyph>,
) -> Result<(), String> {
    let pieces = pieces(|c| run.face.glyph_index(c).is_some(), rules, chars);
    let n = chars.len();
    let mut texts = piece_texts(&pieces, chars, context);
    let mut found = cache.find(run.key, &texts);
    let mut shaped: Vec<Vec<ShapedGlyph>> = Vec::with_capacity(pieces.len());
    let mut fresh = Vec::new();
    for (p, r) in pieces.iter().enumerate() {
        let mut glyphs = Vec::new();
        match found[p].take() {
            Some(cached) => glyphs.extend(cached.iter().map(|g| ShapedGlyph {
                cluster: g.cluster + chars[r.start].1,
                ..*g
            })),
            None => {
                let pre = if r.start == 0 { context.0 } else { "" };
                let post = if r.end == n { context.1 } else { "" };
                let (pre, post) = if texts[p].is_some() {
                    ("", "")
                } else {
                    (pre, post)
                };
                run.shape(&chars[r.clone()], (pre, post), &mut glyphs)?;
                if texts[p].is_some() {
                    fresh.push(p);
                }
            }
        }
        shaped.push(glyphs);
    }
    cache.keep(
        run.key,
        fresh.iter().map(|&p| {
            let base = chars[pieces[p].start].1;
            let rel: Arc<[ShapedGlyph]> = shaped[p]
                .iter()
                .map(|g| ShapedGlyph {
                    cluster: g.cluster - base,
                    ..*g
                })
                .collect();
            (texts[p].take().unwrap_or_default(), rel)
        }),
    );
    let total = shaped.iter().map(Vec::len).sum();
    out.reserve(total);
    if run.key.rtl {
        shaped.iter().rev().for_each(|g| out.extend_from_slice(g));
    } else {
        shaped.iter().for_each(|g| out.extend_from_slice(g));
    }
    Ok(())
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
    shape_item_with(fonts, text, item, default_lang, out, true);
}

/// [`shape_item`], word by word or the run whole.
fn shape_item_with(
    fonts: &FontBook,
    text: &str,
    item: &Item,
    default_lang: Option<&str>,
    out: &mut Vec<ShapedGlyph>,
    by_words: bool,
) {
    let range = item.range.clone();
    let slice = &text[range.clone()];
    let mut chars = slice
        .char_indices()
        .map(|(i, c)| (c, (range.start + i) as u32));
    shape_with(
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
        by_words,
    );
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::text::analyze::analyze;
    use crate::text::{Align, Paragraph, StyleRun};

    /// Every string of the example and fixture documents, with the
    /// document's language, and texts made to test the cut's edges.
    fn corpus() -> Vec<(String, String)> {
        fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
                serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
                _ => {}
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = [
            "examples/un-report",
            "examples/notes",
            "examples/tables",
            "examples/urdu",
            "tests/fixtures/documents",
        ]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
        files.sort();
        assert!(files.len() >= 10, "{files:?}");
        let mut out = Vec::new();
        for f in files {
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let lang = doc["lang"].as_str().unwrap_or("ar").to_string();
            let mut texts = Vec::new();
            strings(&doc, &mut texts);
            out.extend(texts.into_iter().map(|t| (t, lang.clone())));
        }
        // Edges: Amiri's two rules across a space, marks, joiners, format
        // characters, double and layout spaces, digits, Latin.
        for t in [
            "كلمة كتاب",
            "كلمةٌ كبيرة",
            "هذه كلمه گل",
            "الوطنية في",
            "كلمة ‌كتاب",
            "كلمة\u{200F} كتاب",
            "ب \u{305}ب",
            "بً ً ب",
            " ً ب",
            "ب  ب   ب",
            "ب\tب\nب",
            "عام ٢٠١٩ و٦ ٠٠٠",
            "لا إله ـــ لـ",
            "فيينا، ٩-١١ أيلول/سبتمبر",
            "CTOC/COP/WG.4/2019/6 and office fine",
            "ا\u{654} ب",
            "ي\u{654} ك",
        ] {
            out.push((t.to_string(), "ar".into()));
        }
        out
    }

    /// A book whose main family is a system font, if it is installed.
    fn book(regular: &str, bold: &str) -> Option<FontBook> {
        let dir = Path::new("/usr/share/fonts/truetype/noto");
        let mut fonts = FontBook::bundled();
        fonts
            .set_main_font(&dir.join(regular), Some(&dir.join(bold)))
            .ok()?;
        Some(fonts)
    }

    /// Shapes every item of `text` word by word (twice: the second time
    /// from the cache) and whole, and compares; returns (items, pieces).
    fn same(fonts: &FontBook, text: &str, lang: &str, rtl: bool, bold: bool) -> (usize, usize) {
        let styles = [StyleRun {
            range: 0..text.len(),
            strong: bold,
            ..StyleRun::default()
        }];
        let para = Paragraph {
            text,
            styles: &styles,
            rtl,
            bold,
            size: 12.0,
            measure: 300.0,
            align: Align::Start,
            break_symbols: false,
        };
        let analysis = analyze(fonts, &para);
        let mut cut = 0;
        for item in &analysis.items {
            let (mut words, mut again, mut whole) = (Vec::new(), Vec::new(), Vec::new());
            shape_item_with(fonts, text, item, Some(lang), &mut words, true);
            shape_item_with(fonts, text, item, Some(lang), &mut again, true);
            shape_item_with(fonts, text, item, Some(lang), &mut whole, false);
            let slice = &text[item.range.clone()];
            for (how, got) in [("word by word", &words), ("from the cache", &again)] {
                if *got != whole {
                    let k = got.iter().zip(&whole).take_while(|(a, b)| a == b).count();
                    panic!(
                        "{how} differs from the whole run in {slice:?} ({}) at glyph {k}: {:?} instead of {:?}",
                        fonts.get(item.font).name,
                        got.get(k),
                        whole.get(k)
                    );
                }
            }
            if let Some(rules) = fonts.get(item.font).space_rules() {
                let chars: Vec<_> = slice.char_indices().map(|(i, c)| (c, i as u32)).collect();
                cut += pieces(|c| fonts.get(item.font).has_char(c), rules, &chars).len();
            }
        }
        (analysis.items.len(), cut)
    }

    #[test]
    fn shaping_by_words_is_shaping_whole() {
        let corpus = corpus();
        let mut books = vec![("Amiri", FontBook::bundled())];
        // CI installs fonts-noto-core; elsewhere these books are skipped, and
        // the test says so.
        for (name, r, b) in [
            (
                "Noto Nastaliq Urdu",
                "NotoNastaliqUrdu-Regular.ttf",
                "NotoNastaliqUrdu-Bold.ttf",
            ),
            (
                "Noto Naskh Arabic",
                "NotoNaskhArabic-Regular.ttf",
                "NotoNaskhArabic-Bold.ttf",
            ),
            (
                "Noto Sans Hebrew",
                "NotoSansHebrew-Regular.ttf",
                "NotoSansHebrew-Bold.ttf",
            ),
        ] {
            match book(r, b) {
                Some(fonts) => books.push((name, fonts)),
                None => eprintln!("{name} is not installed: not compared"),
            }
        }
        for (name, fonts) in &books {
            let (mut items, mut cut) = (0, 0);
            for (text, lang) in &corpus {
                for (rtl, bold) in [(true, false), (false, false), (true, true)] {
                    let (i, c) = same(fonts, text, lang, rtl, bold);
                    items += i;
                    cut += c;
                }
            }
            eprintln!("{name}: {items} runs, {cut} pieces, all identical");
            if *name == "Amiri" {
                assert!(
                    cut > 3 * items,
                    "hardly any run was cut ({cut} pieces in {items} runs)"
                );
            }
        }
    }

    #[test]
    fn amiri_words_across_a_kerned_space_are_shaped_together() {
        let fonts = FontBook::bundled();
        let font = fonts.get(FontBook::REGULAR);
        let rules = font.space_rules().expect("Amiri is analysed");
        let whole = |text: &str| {
            let mut out = Vec::new();
            let mut chars = text.char_indices().map(|(i, c)| (c, i as u32));
            let req = ShapeRequest {
                font: FontBook::REGULAR,
                rtl: true,
                lang: Some("ar"),
                chars: &mut chars,
                context: ("", ""),
                script_text: text,
            };
            shape_with(&fonts, req, &mut out, false);
            out
        };
        // Shaped alone and put together, "كلمة" and "كتاب" differ from the
        // two shaped as one run: the guard is needed.
        let text = "كلمة كتاب";
        let mut naive = Vec::new();
        let mut at = 0;
        for w in ["كلمة", " ", "كتاب"] {
            let mut g = whole(w);
            g.iter_mut().for_each(|g| g.cluster += at);
            g.extend(naive);
            naive = g;
            at += w.len() as u32;
        }
        assert_ne!(
            naive,
            whole(text),
            "Amiri kerns ك after ة and a space (GPOS lookup 38)"
        );
        let chars = |t: &str| {
            t.char_indices()
                .map(|(i, c)| (c, i as u32))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pieces(|c| font.has_char(c), rules, &chars(text)),
            vec![0..text.chars().count()]
        );
        // Other words are cut at their space.
        assert_eq!(
            pieces(|c| font.has_char(c), rules, &chars("كلمة فتاب")).len(),
            3
        );
        assert_eq!(
            pieces(|c| font.has_char(c), rules, &chars("كتاب كتاب")).len(),
            3
        );
    }
}
