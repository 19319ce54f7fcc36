//! Inline text: the elements of a span's link, language and weight, and a
//! text written whole (a note's, which carries no page markers).

use super::xml::Xml;
use crate::model::semantics::is_rtl_lang;
use crate::model::{Span, Text};
use crate::text::analyze::{digit_group, is_digit};

/// Opens the elements of a span: its link (`a href`), its language when it
/// differs from the document's (`span lang dir`) and its weight (`strong`),
/// outermost first. Returns how many were opened.
pub(super) fn open_span(x: &mut Xml, doc_lang: &str, span: &Span) -> usize {
    let mut opened = 0;
    if let Some(href) = &span.href {
        x.open("a", &[("href", &crate::export::encode_uri(href))]);
        opened += 1;
    }
    if let Some(lang) = span.lang.as_deref().filter(|l| *l != doc_lang) {
        let dir = if is_rtl_lang(lang) { "rtl" } else { "ltr" };
        x.open("span", &[("lang", lang), ("xml:lang", lang), ("dir", dir)]);
        opened += 1;
    }
    if span.strong {
        x.open("strong", &[]);
        opened += 1;
    }
    opened
}

/// Writes a text's spans with their elements; note spans (none in a note's
/// own text) print nothing here.
pub(super) fn write_text(x: &mut Xml, doc_lang: &str, text: &Text) {
    for span in text.spans() {
        if span.note.is_some() {
            continue;
        }
        let opened = open_span(x, doc_lang, &span);
        numbers_in_order(x, &span.text);
        for _ in 0..opened {
            x.close();
        }
    }
}

/// Writes text, each number with spaces between its digit groups (`٦ ٠٠٠`)
/// in a `span dir="ltr"`. A plain space is a bidi neutral: in a
/// right-to-left paragraph a reading system would order the groups right to
/// left (`٠٠٠ ٦`), as UAX #9 says; the PDF's layout reads such a space as a
/// separator inside the number, and this keeps the EPUB's text the same
/// without adding a character.
pub(super) fn numbers_in_order(x: &mut Xml, s: &str) {
    let mut from = 0;
    for range in grouped_numbers(s) {
        x.text(&s[from..range.start]);
        x.open("span", &[("dir", "ltr")]);
        x.text(&s[range.clone()]);
        x.close();
        from = range.end;
    }
    x.text(&s[from..]);
}

/// The byte ranges of the numbers with digit-group spaces in `s`.
fn grouped_numbers(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, _) in s.match_indices(' ') {
        if !digit_group(&s[..i], &s[i + 1..]) {
            continue;
        }
        let start = s[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_digit(c))
            .last()
            .map_or(i, |(k, _)| k);
        let end = i
            + 1
            + s[i + 1..]
                .chars()
                .take_while(|&c| is_digit(c))
                .map(char::len_utf8)
                .sum::<usize>();
        match out.last_mut() {
            Some(last) if last.end == i => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::grouped_numbers;

    #[test]
    fn numbers_with_digit_groups_are_found_whole() {
        let s = "حوالي ٦ ٠٠٠ من و١ ٢٠٣ ٤٥٦ شخصاً في عام ٢٠١٩ و١٢ ٣٤";
        let found: Vec<&str> = grouped_numbers(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["٦ ٠٠٠", "١ ٢٠٣ ٤٥٦"]);
    }
}
