//! The document's semantics, derived once: labels, numbers, heading levels
//! and the text of headings, and what a language tag says (Arabic, right to
//! left).
//!
//! Layout (the printed pieces), the PDF (structure tree, outline) and the
//! EPUB (content documents, navigation) all read these; none derives them
//! again, so the formats cannot drift apart.

use super::{Block, Document, ListItem, Text};

/// Between a heading's label and its text: `أولاً - مقدمة`.
pub const HEADING_SEPARATOR: &str = " - ";

/// The deepest heading level a format can express (HTML `h6`, PDF `H6`).
pub const MAX_HEADING_LEVEL: u8 = 6;

/// Whether a BCP 47 language tag is Arabic (primary subtag `ar`, any case).
pub fn is_arabic(lang: &str) -> bool {
    primary_subtag(lang).eq_ignore_ascii_case("ar")
}

/// Whether a language is written right to left.
pub fn is_rtl_lang(lang: &str) -> bool {
    let primary = primary_subtag(lang).to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "fa" | "ur" | "he" | "yi" | "ps" | "sd" | "ckb" | "dv" | "ug" | "syr"
    )
}

fn primary_subtag(lang: &str) -> &str {
    lang.split('-').next().unwrap_or("")
}

/// A number written with the document's digits: Arabic-Indic for Arabic.
pub fn format_number(n: u32, lang: &str) -> String {
    let digits = n.to_string();
    if is_arabic(lang) {
        digits
            .chars()
            .map(|d| char::from_u32(0x0660 + (d as u32 - '0' as u32)).unwrap_or(d))
            .collect()
    } else {
        digits
    }
}

/// The label of a paragraph number: `١-` in Arabic, `1.` otherwise.
pub fn number_label(n: u32, lang: &str) -> String {
    if is_arabic(lang) {
        format!("{}-", format_number(n, lang))
    } else {
        format!("{n}.")
    }
}

/// The heading of a recommendation: `التوصية ١`.
pub fn recommendation_heading(n: u32, lang: &str) -> String {
    if is_arabic(lang) {
        format!("التوصية {}", format_number(n, lang))
    } else {
        format!("Recommendation {n}")
    }
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
    let arabic = is_arabic(&doc.lang);
    let mut out = Vec::new();
    if let Some(d) = &m.distribution {
        let label = if arabic {
            "التوزيع"
        } else {
            "Distribution"
        };
        out.push((MastheadLine::Distribution, format!("{label}: {d}")));
    }
    if let Some(d) = &m.date {
        out.push((MastheadLine::Date, d.clone()));
    }
    // The language of this edition, always printed.
    let language = if arabic { "العربية" } else { "English" };
    out.push((MastheadLine::Language, language.to_string()));
    if let Some(o) = &m.original {
        let label = if arabic { "الأصل" } else { "Original" };
        out.push((MastheadLine::Original, format!("{label}: {o}")));
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

/// The issuing organisation printed on the first page's top rule.
pub fn organisation(lang: &str) -> &'static str {
    if is_arabic(lang) {
        "الأمم المتحدة"
    } else {
        "United Nations"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_any_case_and_region() {
        assert!(is_arabic("ar") && is_arabic("AR-eg") && !is_arabic("arn"));
        assert_eq!(number_label(12, "ar"), "١٢-");
        assert_eq!(number_label(12, "en"), "12.");
        assert_eq!(heading_text(Some("أولاً"), "مقدمة"), "أولاً - مقدمة");
    }
}
