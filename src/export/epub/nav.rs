//! The navigation document: the table of contents (every heading, nested by
//! level), the landmarks and the page list of the print edition.

use super::xhtml::{Contents, TocEntry};
use super::xml::Xml;
use crate::model::language::Words;
use crate::model::semantics::is_rtl_lang;
use crate::model::Document;

/// File name of the navigation document inside `OEBPS/`.
pub(super) const NAV_FILE: &str = "nav.xhtml";

/// Writes the navigation document.
pub(super) fn nav(doc: &Document, contents: &Contents, words: &Words) -> String {
    let lang = doc.lang.as_str();
    let dir = if is_rtl_lang(lang) { "rtl" } else { "ltr" };
    let mut x = Xml::new();
    x.raw("<!DOCTYPE html>\n");
    x.open(
        "html",
        &[
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", lang),
            ("xml:lang", lang),
            ("dir", dir),
        ],
    );
    x.raw("\n");
    x.open("head", &[]);
    x.empty("meta", &[("charset", "UTF-8")]);
    x.leaf("title", &[], words.contents);
    x.empty(
        "link",
        &[
            ("rel", "stylesheet"),
            ("type", "text/css"),
            ("href", "style.css"),
        ],
    );
    x.close();
    x.raw("\n");
    x.open("body", &[]);
    x.raw("\n");
    toc(&mut x, contents, words);
    landmarks(&mut x, contents, words);
    page_list(&mut x, contents, words);
    x.finish()
}

/// The table of contents.
fn toc(x: &mut Xml, contents: &Contents, words: &Words) {
    x.open(
        "nav",
        &[
            ("epub:type", "toc"),
            ("role", "doc-toc"),
            ("id", "toc"),
            ("aria-labelledby", "toc-title"),
        ],
    );
    x.leaf("h1", &[("id", "toc-title")], words.contents);
    toc_list(x, &contents.toc);
    x.close();
    x.raw("\n");
}

/// The landmarks: the table of contents, the title page, the body.
fn landmarks(x: &mut Xml, contents: &Contents, words: &Words) {
    x.open(
        "nav",
        &[
            ("epub:type", "landmarks"),
            ("id", "landmarks"),
            ("aria-labelledby", "landmarks-title"),
            ("hidden", "hidden"),
        ],
    );
    x.leaf("h2", &[("id", "landmarks-title")], words.landmarks);
    x.open("ol", &[]);
    let toc_href = format!("{NAV_FILE}#toc");
    let mut landmarks = vec![("toc", toc_href.as_str(), words.contents)];
    if let Some(first) = contents.chapters.first() {
        landmarks.push(("titlepage", first.file.as_str(), words.title_page));
    }
    if let Some(body) = contents.chapters.get(1) {
        landmarks.push(("bodymatter", body.file.as_str(), words.body));
    }
    for (kind, href, text) in landmarks {
        x.open("li", &[]);
        x.leaf("a", &[("epub:type", kind), ("href", href)], text);
        x.close();
    }
    x.close();
    x.close();
    x.raw("\n");
}

/// The page list of the print edition.
fn page_list(x: &mut Xml, contents: &Contents, words: &Words) {
    x.open(
        "nav",
        &[
            ("epub:type", "page-list"),
            ("role", "doc-pagelist"),
            ("id", "page-list"),
            ("aria-labelledby", "page-list-title"),
            ("hidden", "hidden"),
        ],
    );
    x.leaf("h2", &[("id", "page-list-title")], words.pages);
    x.open("ol", &[]);
    for (n, href) in &contents.pages {
        x.open("li", &[]);
        x.leaf("a", &[("href", href)], &n.to_string());
        x.close();
    }
    x.close();
    x.close();
    x.raw("\n");
}

/// The headings as nested lists: an entry's children are the entries after
/// it with a deeper level, up to the next entry of its level or shallower.
fn toc_list(x: &mut Xml, entries: &[TocEntry]) {
    x.open("ol", &[]);
    let mut i = 0;
    while i < entries.len() {
        let level = entries[i].level;
        let end = entries[i + 1..]
            .iter()
            .position(|e| e.level <= level)
            .map_or(entries.len(), |k| i + 1 + k);
        x.open("li", &[]);
        x.leaf("a", &[("href", &entries[i].href)], &entries[i].text);
        if end > i + 1 {
            toc_list(x, &entries[i + 1..end]);
        }
        x.close();
        i = end;
    }
    x.close();
}
