//! The masthead: the header of the title page, above the title, as the UN
//! prints it on the first page: the organisation and the symbol, then the
//! lines of `model::semantics::masthead_lines` in their order (the organ in
//! bold).

use super::xml::Xml;
use crate::model::semantics::{masthead_lines, organisation, MastheadLine};
use crate::model::Document;

/// Writes the masthead of `doc` as a `header`; nothing without one.
pub(super) fn masthead(x: &mut Xml, doc: &Document) {
    if doc.masthead.is_none() {
        return;
    }
    x.open("header", &[("id", "masthead"), ("class", "masthead")]);
    x.leaf("p", &[("class", "organisation")], organisation(&doc.lang));
    if let Some(symbol) = &doc.symbol {
        // A code in Latin letters, digits and slashes: kept left to right.
        x.leaf("p", &[("class", "symbol"), ("dir", "ltr")], symbol);
    }
    for (kind, line) in masthead_lines(doc) {
        x.open("p", &[("class", class(kind))]);
        if kind == MastheadLine::Organ {
            x.leaf("strong", &[], &line);
        } else {
            x.text(&line);
        }
        x.close();
    }
    x.close();
    x.raw("\n");
}

/// The class of a masthead line, for the style sheet.
fn class(kind: MastheadLine) -> &'static str {
    match kind {
        MastheadLine::Distribution => "distribution",
        MastheadLine::Date => "date",
        MastheadLine::Language => "language",
        MastheadLine::Original => "original",
        MastheadLine::Organ => "organ",
        MastheadLine::Meeting => "meeting",
        MastheadLine::AgendaItem => "agenda-item",
    }
}
