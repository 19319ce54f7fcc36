//! The writing conventions both readers share: how a label, a paragraph
//! number or a recommendation is written in running text, and how styled
//! characters become the model's [`Text`].
//!
//! The Markdown writer (`model::write_markdown`) writes exactly these forms,
//! so that what it writes reads back the same.
//!
//! A note stands in the characters as one placeholder [`Styled`] carrying
//! the [`Note`]; a link is a style (`href`) of the characters it covers.

use std::rc::Rc;

use crate::model::language::Locale;
use crate::model::{CellAlign, Span, Text};

/// The word of a recommendation heading: `### التوصية ١`.
pub const RECOMMENDATION: &str = "التوصية";

/// The separator of a labelled heading: `# أولاً - مقدِّمة`, the one the
/// layout prints.
pub const LABEL_SEPARATOR: &str = crate::model::semantics::HEADING_SEPARATOR;

/// The longest label written at the start of a list item, in characters
/// between the parentheses of `(أ)` or digits of `١-`.
const MAX_LABEL_CHARS: usize = 5;

/// The placeholder character of a note in styled text: it prints nothing
/// and takes part in no convention.
pub const NOTE_PLACEHOLDER: char = '\u{FFFC}';

/// A note as a reader found it: its text and its mark (`*`), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The note's text.
    pub text: Text,
    /// The mark printed instead of the note's number.
    pub mark: Option<String>,
}

/// One character of text with its style, as a reader found it.
#[derive(Debug, Clone, Default)]
pub struct Styled {
    /// The character.
    pub c: char,
    /// Whether the author wrote it as is (not escaped, not an entity), so
    /// that it may take part in a convention such as `١-` or `(أ)`.
    pub plain: bool,
    /// Bold.
    pub strong: bool,
    /// Its language, when marked.
    pub lang: Option<Rc<str>>,
    /// The link it is part of.
    pub href: Option<Rc<str>>,
    /// A note: the character is [`NOTE_PLACEHOLDER`] and stands for it.
    pub note: Option<Rc<Note>>,
}

impl Styled {
    /// A plain character without style.
    pub fn plain(c: char) -> Self {
        Styled {
            c,
            plain: true,
            ..Styled::default()
        }
    }

    /// A note's placeholder.
    pub fn note(note: Note) -> Self {
        Styled {
            c: NOTE_PLACEHOLDER,
            note: Some(Rc::new(note)),
            ..Styled::default()
        }
    }

    /// Without strong, language, link or note.
    fn is_unstyled(&self) -> bool {
        !self.strong && self.lang.is_none() && self.href.is_none() && self.note.is_none()
    }

    fn is_plain_unstyled(&self) -> bool {
        self.plain && self.is_unstyled()
    }
}

/// The model's text for styled characters: plain when nothing is styled,
/// else spans, each a longest run of one style; each note is a span.
pub fn to_text(chars: &[Styled]) -> Text {
    if chars.iter().all(Styled::is_unstyled) {
        return Text::Plain(chars.iter().map(|s| s.c).collect());
    }
    type Style = (bool, Option<Rc<str>>, Option<Rc<str>>);
    let mut spans: Vec<Span> = Vec::new();
    let mut style: Option<Style> = None;
    for s in chars {
        if let Some(note) = &s.note {
            let mut span = Span::note(note.text.clone());
            span.mark = note.mark.clone();
            spans.push(span);
            style = None;
            continue;
        }
        let this = (s.strong, s.lang.clone(), s.href.clone());
        match (&style, spans.last_mut()) {
            (Some(current), Some(span)) if *current == this => span.text.push(s.c),
            _ => {
                let mut span = Span::new(s.c.to_string());
                span.lang = s.lang.as_deref().map(str::to_string);
                span.href = s.href.as_deref().map(str::to_string);
                span.strong = s.strong;
                spans.push(span);
                style = Some(this);
            }
        }
    }
    Text::Spans(spans)
}

/// The styled characters of a model text (each written as is): the
/// inverse of [`to_text`].
pub fn styled(text: &Text) -> Vec<Styled> {
    let mut out = Vec::new();
    for span in text.spans() {
        if let Some(note) = &span.note {
            out.push(Styled::note(Note {
                text: note.clone(),
                mark: span.mark.clone(),
            }));
        }
        let lang: Option<Rc<str>> = span.lang.as_deref().map(Rc::from);
        let href: Option<Rc<str>> = span.href.as_deref().map(Rc::from);
        out.extend(span.text.chars().map(|c| Styled {
            c,
            plain: true,
            strong: span.strong,
            lang: lang.clone(),
            href: href.clone(),
            note: None,
        }));
    }
    out
}

/// The value of a decimal digit: ASCII, Arabic-Indic (U+0660) or Extended
/// Arabic-Indic (U+06F0).
pub fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
        _ => None,
    }
}

/// The number written by `digits`, saturating (validation refuses it then).
fn number(digits: impl Iterator<Item = u32>) -> u32 {
    digits.fold(0u32, |n, d| n.saturating_mul(10).saturating_add(d))
}

/// `n` in Arabic-Indic digits when `arabic`, else in ASCII digits (the
/// Markdown writer's paragraph and recommendation numbers).
pub fn numeral(n: u64, arabic: bool) -> String {
    let ascii = n.to_string();
    if !arabic {
        return ascii;
    }
    ascii
        .chars()
        .map(|c| char::from_u32(0x660 + (c as u32 - '0' as u32)).unwrap_or(c))
        .collect()
}

/// Whether a BCP 47 tag is Arabic: numbers and labels are then written in
/// Arabic-Indic digits (the one test, in [`crate::model::semantics`]).
pub use crate::model::semantics::is_arabic;

/// How many plain spaces start `chars`.
fn plain_spaces(chars: &[Styled]) -> usize {
    chars
        .iter()
        .take_while(|s| s.c == ' ' && s.is_plain_unstyled())
        .count()
}

/// The label of a heading written `LABEL - TEXT`: the unstyled characters
/// before the first ` - ` written as is. Returns the label and where the
/// text starts.
pub fn heading_label(chars: &[Styled]) -> Option<(String, usize)> {
    let sep: Vec<char> = LABEL_SEPARATOR.chars().collect();
    let lead = chars.iter().take_while(|s| s.is_unstyled()).count();
    let at = (1..lead.saturating_sub(sep.len() - 1)).find(|&i| {
        chars[i..i + sep.len()]
            .iter()
            .zip(&sep)
            .all(|(s, &c)| s.c == c && s.plain)
    })?;
    let label: String = chars[..at].iter().map(|s| s.c).collect();
    let label = label.trim_end_matches(' ');
    if label.trim().is_empty() {
        return None;
    }
    let start = at + sep.len();
    Some((label.to_string(), start + plain_spaces(&chars[start..])))
}

/// The number of a paragraph written `١- TEXT` or `1- TEXT`: plain digits,
/// a plain hyphen and at least one plain space. Returns the number and
/// where the text starts.
pub fn paragraph_number(chars: &[Styled]) -> Option<(u32, usize)> {
    let digits = chars
        .iter()
        .take_while(|s| s.is_plain_unstyled() && digit(s.c).is_some())
        .count();
    let hyphen = chars.get(digits)?;
    if digits == 0 || hyphen.c != '-' || !hyphen.is_plain_unstyled() {
        return None;
    }
    let spaces = plain_spaces(&chars[digits + 1..]);
    if spaces == 0 {
        return None;
    }
    let n = number(chars[..digits].iter().filter_map(|s| digit(s.c)));
    Some((n, digits + 1 + spaces))
}

/// The label written at the start of a list item: `(أ)`, `(iv)`, `١-`,
/// `٢'` (or `٢’`, as pandoc's smart quotes write it), `٣)` or `٤.`, then at least one plain space. Returns the label and where the
/// text starts.
pub fn item_label(chars: &[Styled]) -> Option<(String, usize)> {
    let word = chars
        .iter()
        .take_while(|s| s.is_plain_unstyled() && !s.c.is_whitespace())
        .count();
    let spaces = plain_spaces(&chars[word..]);
    if word < 2 || spaces == 0 {
        return None;
    }
    let label: Vec<char> = chars[..word].iter().map(|s| s.c).collect();
    let inner = &label[..word - 1];
    let ok = match (label[0], label[word - 1]) {
        ('(', ')') => {
            let inner = &label[1..word - 1];
            (1..=MAX_LABEL_CHARS).contains(&inner.len())
                && inner.iter().all(|c| c.is_alphanumeric())
        }
        (_, '-' | '\'' | '’' | ')' | '.') => {
            inner.len() <= MAX_LABEL_CHARS && inner.iter().all(|&c| digit(c).is_some())
        }
        _ => false,
    };
    ok.then(|| (label.iter().collect(), word + spaces))
}

/// The number of a recommendation heading `التوصية ١`, or `None` when the
/// heading reads otherwise.
pub fn recommendation_number(chars: &[Styled]) -> Option<u32> {
    if !chars.iter().all(Styled::is_plain_unstyled) {
        return None;
    }
    let text: String = chars.iter().map(|s| s.c).collect();
    let rest = text.trim().strip_prefix(RECOMMENDATION)?;
    let digits = rest.trim_start_matches(' ');
    if digits.len() == rest.len()
        || digits.is_empty()
        || !digits.chars().all(|c| digit(c).is_some())
    {
        return None;
    }
    Some(number(digits.chars().filter_map(digit)))
}

/// The numbering style of an ordered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// 1, 2, 3 (Arabic-Indic digits in an Arabic document).
    Decimal,
    /// a, b, c.
    LowerAlpha,
    /// A, B, C.
    UpperAlpha,
    /// i, ii, iii.
    LowerRoman,
    /// I, II, III.
    UpperRoman,
}

/// What follows or surrounds the number of an ordered list's item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// `1.` (`١-` in an Arabic document, as UN documents write it).
    Period,
    /// `1)`.
    Paren,
    /// `(1)`.
    Parens,
}

/// The label of the item numbered `n` in an ordered list, in the
/// document's language: its digits (`١`, `۱`, `1`) and its letters (`أ`,
/// `ب`, `ج` in abjad order in Arabic, `الف`, `ب`, `پ` in Persian, `a`,
/// `b`, `c` in English; see [`Locale::letter`]). A number followed by a
/// period is written with the language's number suffix (`١-` in Arabic,
/// as UN documents write it; `1.` in English); a letter with a period, in
/// a right-to-left language, in parentheses (`(أ)`, the UN's form).
pub fn ordered_label(
    n: u64,
    numbering: Numbering,
    delimiter: Delimiter,
    locale: &Locale,
) -> String {
    let body = match numbering {
        Numbering::Decimal => locale.number(n),
        Numbering::LowerAlpha => locale.letter(n),
        Numbering::UpperAlpha => locale.letter(n).to_uppercase(),
        Numbering::LowerRoman => roman(n),
        Numbering::UpperRoman => roman(n).to_uppercase(),
    };
    let letters = matches!(numbering, Numbering::LowerAlpha | Numbering::UpperAlpha);
    match delimiter {
        Delimiter::Period if numbering == Numbering::Decimal => {
            format!("{body}{}", locale.words().number_suffix)
        }
        Delimiter::Period if letters && locale.rtl => format!("({body})"),
        Delimiter::Period => format!("{body}."),
        Delimiter::Paren => format!("{body})"),
        Delimiter::Parens => format!("({body})"),
    }
}

/// Lower-case Roman numerals (beyond 3999, decimal digits).
fn roman(n: u64) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// The word that starts a table's caption paragraph, `Table: …`, as
/// pandoc's Markdown writes it (a paragraph of its own right after the
/// table, or right before it).
pub const TABLE_CAPTION: &str = "Table:";

/// Where the caption starts in a paragraph that reads `Table: …` (the
/// word written as is, then at least one space), or `None`.
pub fn table_caption(chars: &[Styled]) -> Option<usize> {
    let word: Vec<char> = TABLE_CAPTION.chars().collect();
    let head = chars.get(..word.len())?;
    if !head
        .iter()
        .zip(&word)
        .all(|(s, c)| s.plain && s.c == *c && s.is_unstyled())
    {
        return None;
    }
    let spaces = plain_spaces(&chars[word.len()..]);
    (spaces > 0 && word.len() + spaces < chars.len()).then_some(word.len() + spaces)
}

/// A side of a column as Markdown's `:---:` and pandoc's `AlignLeft`
/// name it: the side of the page, whatever the text's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `:---`, `AlignLeft`.
    Left,
    /// `:---:`, `AlignCenter`.
    Center,
    /// `---:`, `AlignRight`.
    Right,
}

/// The cell alignment of a side: the left is the end of a line in a
/// right-to-left document (`rtl`) and its start in a left-to-right one.
pub fn align_of(side: Side, rtl: bool) -> CellAlign {
    match (side, rtl) {
        (Side::Center, _) => CellAlign::Center,
        (Side::Left, false) | (Side::Right, true) => CellAlign::Start,
        (Side::Left, true) | (Side::Right, false) => CellAlign::End,
    }
}

/// The side of a cell alignment: the inverse of [`align_of`].
pub fn side_of(align: CellAlign, rtl: bool) -> Side {
    match (align, rtl) {
        (CellAlign::Center, _) => Side::Center,
        (CellAlign::Start, false) | (CellAlign::End, true) => Side::Left,
        (CellAlign::Start, true) | (CellAlign::End, false) => Side::Right,
    }
}

/// A figure's width written as a percentage of the measure (`60%`) as a
/// fraction (0.6, the double nearest the decimal, as `60e-2` reads);
/// `None` for any other form (`6in`, `300px`, `0.6`).
pub fn width_fraction(value: &str) -> Option<f64> {
    let number = value.strip_suffix('%')?;
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let points = number.chars().filter(|&c| c == '.').count();
    if digits == 0 || points > 1 || digits + points != number.chars().count() {
        return None;
    }
    format!("{number}e-2").parse::<f64>().ok()
}

/// The percentage that [`width_fraction`] reads back as `width` exactly:
/// the shortest decimal of `width` with its point moved two places
/// (`0.6` → `60%`, `1/3` → `33.33333333333333%`).
pub fn width_percent(width: f64) -> Option<String> {
    if !width.is_finite() || width <= 0.0 {
        return None;
    }
    // `{:e}`: the shortest digits that read back, `d.ddde-1`.
    let exp = format!("{width:e}");
    let (mantissa, power) = exp.split_once('e')?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = power.parse::<i32>().ok()? + 3; // digits before the point, in percent
    let text = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    let text = format!("{text}%");
    (width_fraction(&text) == Some(width)).then_some(text)
}

/// The warning for a `dir` attribute, which both readers ignore.
pub fn dir_ignored(value: &str) -> String {
    format!(
        "`dir={value}` ignored: the direction of text comes from its characters \
         (the Unicode bidirectional algorithm)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<Styled> {
        s.chars().map(Styled::plain).collect()
    }

    #[test]
    fn conventions_read_their_forms() {
        assert_eq!(
            heading_label(&chars("أولاً - مقدِّمة")),
            Some(("أولاً".to_string(), 8))
        );
        assert_eq!(heading_label(&chars("مقدِّمة")), None);
        assert_eq!(paragraph_number(&chars("١٢- نص")), Some((12, 4)));
        assert_eq!(paragraph_number(&chars("12- text")), Some((12, 4)));
        assert_eq!(paragraph_number(&chars("٢٠١٣-٢٠٢٠ نص")), None);
        assert_eq!(item_label(&chars("(أ) بند")), Some(("(أ)".to_string(), 4)));
        assert_eq!(item_label(&chars("١' بند")), Some(("١'".to_string(), 3)));
        assert_eq!(item_label(&chars("(انظر المرفق) بند")), None);
        assert_eq!(recommendation_number(&chars("التوصية ٣٩")), Some(39));
        assert_eq!(recommendation_number(&chars("التوصيات")), None);
        let ar = Locale::of("ar");
        let (fa, en) = (Locale::of("fa"), Locale::of("en"));
        let label = |n, d| ordered_label(n, Numbering::Decimal, d, &ar);
        assert_eq!(label(3, Delimiter::Period), "٣-");
        assert_eq!(label(3, Delimiter::Parens), "(٣)");
        assert_eq!(
            ordered_label(4, Numbering::LowerRoman, Delimiter::Paren, &en),
            "iv)"
        );
        assert_eq!(
            ordered_label(28, Numbering::LowerAlpha, Delimiter::Period, &en),
            "ab."
        );
        // Each language's digits and letters (issue 17).
        assert_eq!(label(2, Delimiter::Paren), "٢)");
        let lettered =
            |n, l: &Locale| ordered_label(n, Numbering::LowerAlpha, Delimiter::Period, l);
        assert_eq!(lettered(5, &ar), "(ه)");
        assert_eq!(lettered(8, &ar), "(ح)");
        assert_eq!(lettered(29, &ar), "(أأ)");
        assert_eq!(lettered(1, &fa), "(الف)");
        assert_eq!(lettered(3, &fa), "(پ)");
        assert_eq!(
            ordered_label(12, Numbering::Decimal, Delimiter::Period, &fa),
            "۱۲-"
        );
        assert_eq!(
            ordered_label(3, Numbering::UpperAlpha, Delimiter::Parens, &en),
            "(C)"
        );
    }

    #[test]
    fn table_captions_sides_and_widths() {
        assert_eq!(table_caption(&chars("Table: الجدول ١")), Some(7));
        assert_eq!(table_caption(&chars("Table:الجدول")), None);
        assert_eq!(table_caption(&chars("Table: ")), None);
        assert_eq!(table_caption(&chars("table: x")), None);
        for rtl in [true, false] {
            for side in [Side::Left, Side::Center, Side::Right] {
                assert_eq!(side_of(align_of(side, rtl), rtl), side);
            }
        }
        assert_eq!(align_of(Side::Left, true), CellAlign::End);
        assert_eq!(align_of(Side::Left, false), CellAlign::Start);
        assert_eq!(width_fraction("60%"), Some(0.6));
        assert_eq!(width_fraction("12.5%"), Some(0.125));
        for no in ["60", "0.6", "6in", "%", "-5%", "1e2%"] {
            assert_eq!(width_fraction(no), None, "{no}");
        }
        assert_eq!(
            width_percent(1.0 / 3.0).as_deref(),
            Some("33.33333333333333%")
        );
        assert_eq!(width_percent(0.005).as_deref(), Some("0.5%"));
        assert_eq!(width_percent(1.0).as_deref(), Some("100%"));
        for w in [
            0.6,
            0.45,
            1.0,
            0.123456789,
            1.0 / 3.0,
            0.1 + 0.2,
            1e-7,
            2.0 / 7.0,
        ] {
            let text = width_percent(w).unwrap();
            assert_eq!(width_fraction(&text), Some(w), "{text}");
        }
        assert_eq!(width_percent(0.6).as_deref(), Some("60%"));
    }

    #[test]
    fn escaped_characters_take_no_part_in_conventions() {
        let mut text = chars("١- نص");
        text[1].plain = false;
        assert_eq!(paragraph_number(&text), None);
    }
}
