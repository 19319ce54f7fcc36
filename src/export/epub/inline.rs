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
        x.text(&span.text);
        for _ in 0..opened {
            x.close();
        }
    }
}
