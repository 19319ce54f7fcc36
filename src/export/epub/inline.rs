//! Inline text: the elements of a span's link, language and weight, and a
//! text written whole (a note's, which carries no page markers).

use super::xml::Xml;
use crate::model::semantics::is_rtl_lang;
use crate::model::{Span, Text};

/// Opens the elements of a span: its link (`a href`), its language when it
/// differs from the document's (`span lang dir`) and its weight (`strong`),
/// outermost first. Returns how many were opened.
pub(super) fn open_span(x: &mut Xml, doc_lang: &str, span: &Span) -> usize {
    let mut opened = 0;
    if let Some(href) = &span.href {
        x.open("a", &[("href", &encode_href(href))]);
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
        x.text(&span.text);
        for _ in 0..opened {
            x.close();
        }
    }
}

/// A link target as the XHTML writes it: every byte outside printable
/// ASCII, and every ASCII character a URL may not hold (`" < > \ ^ ` { | }`,
/// a `%` that starts no escape), percent-encoded. The model allows only
/// absolute `http`, `https` and `mailto` URIs without whitespace.
pub(super) fn encode_href(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = String::with_capacity(href.len());
    for (i, &b) in bytes.iter().enumerate() {
        let escape_start = b == b'%'
            && bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        let keep = b.is_ascii_graphic() && !b"\"<>\\^`{|}%".contains(&b);
        if keep || escape_start {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_href;

    #[test]
    fn links_are_percent_encoded_outside_ascii() {
        assert_eq!(
            encode_href("https://ar.example.org/ويكي?q=a&b=1#x"),
            "https://ar.example.org/%D9%88%D9%8A%D9%83%D9%8A?q=a&b=1#x"
        );
        assert_eq!(encode_href("mailto:a@un.org"), "mailto:a@un.org");
        assert_eq!(
            encode_href("https://x.org/a%20b%zz|{}"),
            "https://x.org/a%20b%25zz%7C%7B%7D"
        );
    }
}
