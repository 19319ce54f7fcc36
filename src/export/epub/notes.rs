//! Notes: the raised reference where a note span stands, and the note
//! itself, an `aside` at the end of the section that refers to it.
//!
//! The notes, their order and their labels (`*`, or the number in the
//! document's digits) are `model::semantics::notes`; the k-th note (from 1)
//! is `#nk`, its reference `#rk`, both in the same content document.

use std::collections::BTreeMap;

use super::inline::write_text;
use super::xml::Xml;
use crate::model::semantics::{notes, Note};
use crate::model::{Document, Text};

/// The document's notes, found again by the note text a span holds.
pub(super) struct Notes<'a> {
    notes: Vec<Note<'a>>,
    /// A note's index by the address of its text in the document (the
    /// spans are the document's own, so each note is found exactly).
    by_text: BTreeMap<*const Text, usize>,
}

impl<'a> Notes<'a> {
    /// The notes of `doc`, as `model::semantics` numbers them.
    pub fn new(doc: &'a Document) -> Self {
        let notes = notes(doc);
        let by_text = notes
            .iter()
            .enumerate()
            .map(|(k, n)| (n.text as *const Text, k))
            .collect();
        Notes { notes, by_text }
    }

    /// The index of the note whose text is `note`, a span's `note` in the
    /// document.
    pub fn find(&self, note: &Text) -> Option<usize> {
        self.by_text.get(&(note as *const Text)).copied()
    }

    /// The label of note `k`.
    pub fn label(&self, k: usize) -> &str {
        &self.notes[k].label
    }

    /// Writes the reference to note `k`: its label, raised, linking to it.
    pub fn reference(&self, x: &mut Xml, k: usize) {
        x.open("sup", &[("class", "noteref")]);
        x.leaf(
            "a",
            &[
                ("epub:type", "noteref"),
                ("role", "doc-noteref"),
                ("id", &ref_id(k)),
                ("href", &format!("#{}", note_id(k))),
            ],
            &self.notes[k].label,
        );
        x.close();
    }

    /// Writes notes `ks` (in the order given) as footnotes: each starts
    /// with its label, which links back to the reference.
    pub fn asides(&self, x: &mut Xml, doc_lang: &str, ks: &[usize]) {
        for &k in ks {
            let note = &self.notes[k];
            x.open(
                "aside",
                &[
                    ("epub:type", "footnote"),
                    ("role", "doc-footnote"),
                    ("id", &note_id(k)),
                    ("class", "footnote"),
                ],
            );
            x.open("p", &[]);
            x.leaf(
                "a",
                &[
                    ("class", "note-label"),
                    ("role", "doc-backlink"),
                    ("href", &format!("#{}", ref_id(k))),
                ],
                &note.label,
            );
            x.text(" ");
            write_text(x, doc_lang, note.text);
            x.close();
            x.close();
            x.raw("\n");
        }
    }
}

/// The id of note `k` (from 0): `n1`, `n2`…
fn note_id(k: usize) -> String {
    format!("n{}", k + 1)
}

/// The id of the reference to note `k` (from 0): `r1`, `r2`…
fn ref_id(k: usize) -> String {
    format!("r{}", k + 1)
}
