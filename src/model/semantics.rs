//! The document's semantics, derived once: labels, numbers, heading levels
//! and the text of headings, in the words and digits of the document's
//! language (`model::language`).
//!
//! Layout (the printed pieces), the PDF (structure tree, outline) and the
//! EPUB (content documents, navigation) all read these; none derives them
//! again, so the formats cannot drift apart.

use super::language::{self, Locale, Words};
use super::{Block, Document, ListItem, Text};

/// Between a heading's label and its text: `أولاً - مقدمة`.
pub const HEADING_SEPARATOR: &str = " - ";

/// The deepest heading level a format can express (HTML `h6`, PDF `H6`).
pub const MAX_HEADING_LEVEL: u8 = 6;

/// Whether a BCP 47 language tag is Arabic (primary subtag `ar`, any case).
pub fn is_arabic(lang: &str) -> bool {
    language::primary_language(lang) == "ar"
}

/// Whether a language is written right to left (an unknown one: whether
/// its script is; see [`Locale::of`]).
pub fn is_rtl_lang(lang: &str) -> bool {
    Locale::of(lang).rtl
}

/// The words warraq generates in a language (its script's for an unknown
/// one).
pub fn words(lang: &str) -> &'static Words {
    Locale::of(lang).words()
}

/// A number written with the document's digits: `١٢` in Arabic, `۱۲` in
/// Persian and Urdu, `12` in English or with `-u-nu-latn`.
pub fn format_number(n: u32, lang: &str) -> String {
    Locale::of(lang).number(n)
}

/// The label of a paragraph number: `١-` in Arabic, `۱-` in Persian, `1.`
/// in English.
pub fn number_label(n: u32, lang: &str) -> String {
    let locale = Locale::of(lang);
    format!("{}{}", locale.number(n), locale.words().number_suffix)
}

/// The heading of a recommendation: `التوصية ١`, `توصیه ۱`, `Recommendation 1`.
pub fn recommendation_heading(n: u32, lang: &str) -> String {
    let locale = Locale::of(lang);
    format!("{} {}", locale.words().recommendation, locale.number(n))
}

/// What a heading's label adds before its text: `label - `.
pub fn heading_prefix(label: Option<&str>) -> Option<String> {
    label.map(|l| format!("{l}{HEADING_SEPARATOR}"))
}

/// The text of a heading: `label - text`, or the text alone.
pub fn heading_text(label: Option<&str>, text: &str) -> String {
    match label {
        Some(label) => format!("{label}{HEADING_SEPARATOR}{text}"),
        None => text.to_string(),
    }
}

/// A heading the document prints: a section heading or a recommendation's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Index of its block.
    pub block: usize,
    /// Its level, 1 to [`MAX_HEADING_LEVEL`], never deeper than one more
    /// than the heading before it.
    pub level: u8,
    /// Its text as printed (label and separator included).
    pub text: String,
}

/// The heading level of every block that prints a heading (`None` for the
/// others).
///
/// A section heading has its own level; a recommendation's heading
/// (`التوصية N`) sits one level under the heading before it (under the title,
/// level 2, when no heading comes before it), so that no level is skipped.
pub fn heading_levels(doc: &Document) -> Vec<Option<u8>> {
    let mut last = 1;
    doc.blocks
        .iter()
        .map(|block| match block {
            Block::Heading { level, .. } => {
                last = (*level).clamp(1, MAX_HEADING_LEVEL - 1);
                Some(last)
            }
            Block::Recommendation { .. } => Some((last + 1).min(MAX_HEADING_LEVEL)),
            _ => None,
        })
        .collect()
}

/// Every heading, in reading order: the document's outline (PDF bookmarks,
/// EPUB table of contents).
pub fn headings(doc: &Document) -> Vec<Heading> {
    doc.blocks
        .iter()
        .zip(heading_levels(doc))
        .enumerate()
        .filter_map(|(block, (b, level))| {
            let text = match b {
                Block::Heading { label, text, .. } => heading_text(label.as_deref(), &text.plain()),
                Block::Recommendation { number, .. } => recommendation_heading(*number, &doc.lang),
                _ => return None,
            };
            Some(Heading {
                block,
                level: level?,
                text,
            })
        })
        .collect()
}

/// Every text of the document that may hold notes and links, in reading
/// order (title, subtitle, then each block's text, list items depth first),
/// with its JSON path and its block (`None` for the title and subtitle).
pub fn texts(doc: &Document) -> Vec<(String, Option<usize>, &Text)> {
    fn items<'a>(
        list: &'a [ListItem],
        path: &str,
        block: usize,
        out: &mut Vec<(String, Option<usize>, &'a Text)>,
    ) {
        for (k, item) in list.iter().enumerate() {
            out.push((format!("{path}[{k}].text"), Some(block), &item.text));
            items(&item.items, &format!("{path}[{k}].items"), block, out);
        }
    }
    let mut out = vec![("title".to_string(), None, &doc.title)];
    if let Some(subtitle) = &doc.subtitle {
        out.push(("subtitle".to_string(), None, subtitle));
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Recommendation { text, .. } => {
                out.push((format!("blocks[{i}].text"), Some(i), text))
            }
            Block::List { items: list } => items(list, &format!("blocks[{i}].items"), i, &mut out),
            Block::Table { caption, rows, .. } => {
                if let Some(c) = caption {
                    out.push((format!("blocks[{i}].caption"), Some(i), c));
                }
                for (r, row) in rows.iter().enumerate() {
                    for (k, cell) in row.iter().enumerate() {
                        out.push((format!("blocks[{i}].rows[{r}][{k}]"), Some(i), &cell.text));
                    }
                }
            }
            Block::Figure { caption, .. } => {
                if let Some(c) = caption {
                    out.push((format!("blocks[{i}].caption"), Some(i), c));
                }
            }
        }
    }
    out
}

/// A note of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Note<'a> {
    /// JSON path of the span that holds it: `blocks[3].text[1]`.
    pub path: String,
    /// The block it is referred to from (`None`: the title or subtitle).
    pub block: Option<usize>,
    /// Its mark as printed, at the reference and before the note: the
    /// span's `mark`, else its number in the document's digits (`١`).
    pub label: String,
    /// The note's text.
    pub text: &'a Text,
}

/// Every note, in reading order. Notes without a `mark` are numbered 1, 2,
/// 3… through the document; a marked note (`*`) takes no number.
pub fn notes(doc: &Document) -> Vec<Note<'_>> {
    let mut out = Vec::new();
    let mut number = 0;
    for (path, block, text) in texts(doc) {
        let Text::Spans(spans) = text else { continue };
        for (i, span) in spans.iter().enumerate() {
            let Some(note) = &span.note else { continue };
            let label = match &span.mark {
                Some(mark) => mark.clone(),
                None => {
                    number += 1;
                    format_number(number, &doc.lang)
                }
            };
            out.push(Note {
                path: format!("{path}[{i}]"),
                block,
                label,
                text: note,
            });
        }
    }
    out
}

/// The masthead's printed lines, in reading order, each with what it is:
/// the distribution, date and language lines and the organ, the meeting
/// lines and the agenda item (the UN's first-page block above the title).
pub fn masthead_lines(doc: &Document) -> Vec<(MastheadLine, String)> {
    let Some(m) = &doc.masthead else {
        return Vec::new();
    };
    let locale = Locale::of(&doc.lang);
    let words = locale.words();
    let mut out = Vec::new();
    if let Some(d) = &m.distribution {
        let line = format!("{}{}{d}", words.distribution, words.colon);
        out.push((MastheadLine::Distribution, line));
    }
    if let Some(d) = &m.date {
        out.push((MastheadLine::Date, d.clone()));
    }
    // The language of this edition, unless warraq does not know its name.
    if locale.known {
        out.push((MastheadLine::Language, words.name.to_string()));
    }
    if let Some(o) = &m.original {
        let line = format!("{}{}{o}", words.original, words.colon);
        out.push((MastheadLine::Original, line));
    }
    if let Some(o) = &m.organ {
        out.push((MastheadLine::Organ, o.clone()));
    }
    for line in &m.meeting {
        out.push((MastheadLine::Meeting, line.clone()));
    }
    if let Some(a) = &m.agenda_item {
        out.push((MastheadLine::AgendaItem, a.clone()));
    }
    out
}

/// What a masthead line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MastheadLine {
    /// `التوزيع: عام`.
    Distribution,
    /// The date as printed.
    Date,
    /// The language of this edition (`العربية`).
    Language,
    /// `الأصل: الإنكليزية`.
    Original,
    /// The organ, in bold.
    Organ,
    /// A line of the meeting.
    Meeting,
    /// The agenda item.
    AgendaItem,
}

/// The issuing organisation printed on the first page's top rule, in the
/// document's language: `الأمم المتحدة`, `سازمان ملل متحد`, `United Nations`.
pub fn organisation(lang: &str) -> &'static str {
    words(lang).organisation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_any_case_and_region() {
        assert!(is_arabic("ar") && is_arabic("AR-eg") && !is_arabic("arn"));
        assert_eq!(number_label(12, "ar"), "١٢-");
        assert_eq!(number_label(12, "en"), "12.");
        assert_eq!(number_label(12, "fa"), "۱۲-");
        assert_eq!(number_label(12, "ar-u-nu-latn"), "12-");
        assert_eq!(recommendation_heading(3, "ur"), "سفارش ۳");
        assert_eq!(recommendation_heading(3, "AR-eg"), "التوصية ٣");
        assert_eq!(organisation("fr-CA"), "Nations Unies");
        assert_eq!(heading_text(Some("أولاً"), "مقدمة"), "أولاً - مقدمة");
    }
}
