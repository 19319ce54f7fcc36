//! [`Document`] → Markdown: the form [`parse_markdown`] reads back to the
//! same document (`warraq convert report.json --to markdown`).
//!
//! It writes what a person would: a YAML front matter, `# أولاً - مقدِّمة`,
//! `١- …` paragraphs, `### التوصية ١` and its paragraph, `- (أ) …` items,
//! `**strong**` and `[…]{lang=en}` (`[**…**]{lang=en}` for both). Characters that Markdown would read as
//! syntax are escaped; whitespace that it would strip (at the start or end
//! of a block), tabs and line feeds are written as character references.
//! Every result is read back and compared before it is returned, so a
//! document that has no faithful Markdown form (a strong span that starts
//! with a space, say) is an error, never a lossy file.

use serde::Serialize;

use super::read::conventions::{self, Styled, LABEL_SEPARATOR, RECOMMENDATION};
use super::read::parse_markdown;
use super::{Block, Document, Justify, ListItem, Span, Text};
use crate::error::{Error, Result};

/// Writes `doc` as Markdown that reads back to the same document.
pub fn write_markdown(doc: &Document) -> Result<String> {
    let mut out = front_matter(doc)?;
    let arabic = conventions::is_arabic(&doc.lang);
    let mut bullet = '-';
    let mut after_list = false;
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, label, text } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                match label {
                    Some(label) => {
                        inline(&mut out, &Text::Plain(label.clone()), Start::Prefixed);
                        out.push_str(LABEL_SEPARATOR);
                        inline(&mut out, text, Start::Prefixed);
                    }
                    None => inline(&mut out, text, Start::Heading),
                }
            }
            Block::Paragraph { number, text } => match number {
                Some(n) => {
                    out.push_str(&conventions::numeral(u64::from(*n), arabic));
                    out.push_str("- ");
                    inline(&mut out, text, Start::Prefixed);
                }
                None => inline(&mut out, text, Start::Paragraph),
            },
            Block::Recommendation { number, text } => {
                let n = conventions::numeral(u64::from(*number), arabic);
                out.push_str(&format!("### {RECOMMENDATION} {n}\n\n"));
                inline(&mut out, text, Start::Line);
            }
            Block::List { items } => {
                // A list right after a list needs another bullet character.
                bullet = match (after_list, bullet) {
                    (true, '-') => '*',
                    _ => '-',
                };
                list(&mut out, items, 0, bullet);
                out.pop();
            }
        }
        after_list = matches!(block, Block::List { .. });
        out.push('\n');
    }
    check_reads_back(doc, &out)?;
    Ok(out)
}

/// The YAML front matter: the document's top-level fields.
fn front_matter(doc: &Document) -> Result<String> {
    #[derive(Serialize)]
    struct Front<'a> {
        lang: &'a str,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        subtitle: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        symbol: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        job_number: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        justify: Option<Justify>,
    }
    // The front matter holds plain titles: a title with spans or a note
    // reads back different, which check_reads_back reports.
    let title = doc.title.plain();
    let subtitle = doc.subtitle.as_ref().map(Text::plain);
    let front = Front {
        lang: &doc.lang,
        title: &title,
        subtitle: subtitle.as_deref(),
        symbol: doc.symbol.as_deref(),
        job_number: doc.job_number.as_deref(),
        date: doc.date.as_deref(),
        justify: doc.justify,
    };
    let yaml = serde_yaml_ng::to_string(&front).map_err(|e| Error::Export {
        format: "Markdown",
        message: format!("the front matter: {e}"),
    })?;
    Ok(format!("---\n{yaml}---\n"))
}

fn list(out: &mut String, items: &[ListItem], indent: usize, bullet: char) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push(bullet);
        out.push(' ');
        match &item.label {
            Some(label) => {
                out.push_str(label);
                out.push(' ');
                inline(out, &item.text, Start::Prefixed);
            }
            None => inline(out, &item.text, Start::Item),
        }
        out.push('\n');
        list(out, &item.items, indent + 2, '-');
    }
}

/// Where a block's text starts, which decides what must be escaped there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// After a number or label: only leading whitespace matters.
    Prefixed,
    /// A heading without a label: ` - ` would read as a label's separator.
    Heading,
    /// A paragraph without a number: at a line start, and `١- ` would read
    /// as a number.
    Paragraph,
    /// A list item without a label: at a line start, and `(أ) ` would read
    /// as a label.
    Item,
    /// A recommendation's paragraph: at a line start.
    Line,
}

/// Writes `text`: spans as `**…**` and `[…]{lang=xx}`, characters escaped.
fn inline(out: &mut String, text: &Text, start: Start) {
    let spans = text.spans();
    let escapes = convention_escapes(&spans, start);
    let total: usize = spans.iter().map(|s| s.text.chars().count()).sum();
    let at_line_start = matches!(start, Start::Paragraph | Start::Item | Start::Line);
    let mut index = 0;
    for span in &spans {
        if span.text.is_empty() {
            continue;
        }
        // `[**…**]{lang=xx}`: the brackets outside, so that the `**` are
        // flanked by punctuation wherever the span stands.
        if span.lang.is_some() {
            out.push('[');
        }
        if span.strong {
            out.push_str("**");
        }
        for c in span.text.chars() {
            let first = index == 0;
            let last = index + 1 == total;
            let escape = escapes.contains(&index)
                || (first && at_line_start && starts_a_block(c))
                || (at_line_start && index > 0 && ends_an_ordered_marker(&spans, index, c));
            match c {
                '\t' => out.push_str("&#9;"),
                '\n' => out.push_str("&#10;"),
                '\r' => out.push_str("&#13;"),
                ' ' if first || last => out.push_str("&#32;"),
                '\\' | '*' | '_' | '[' | ']' | '<' | '&' | '~' | '`' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                _ if escape => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            index += 1;
        }
        if span.strong {
            out.push_str("**");
        }
        if let Some(lang) = &span.lang {
            out.push_str("]{lang=");
            out.push_str(lang);
            out.push('}');
        }
    }
}

/// Whether `c` first on a line would start a list, quote or heading.
fn starts_a_block(c: char) -> bool {
    matches!(c, '-' | '+' | '>' | '=' | '|')
}

/// Whether `c` (at `index`) ends a run of ASCII digits that starts the
/// text: `1.` or `1)` first on a line would start an ordered list.
fn ends_an_ordered_marker(spans: &[Span], index: usize, c: char) -> bool {
    if c != '.' && c != ')' {
        return false;
    }
    let mut chars = spans.iter().flat_map(|s| s.text.chars());
    chars.by_ref().take(index).all(|d| d.is_ascii_digit())
}

/// The indexes of characters that would otherwise read as a convention:
/// the hyphen of `١- ` at a paragraph's start, the first character of an
/// item label, every ` - ` of an unlabelled heading.
fn convention_escapes(spans: &[Span], start: Start) -> Vec<usize> {
    let styled: Vec<Styled> = spans
        .iter()
        .flat_map(|s| {
            s.text.chars().map(|c| Styled {
                c,
                plain: true,
                strong: s.strong,
                lang: s.lang.as_deref().map(std::rc::Rc::from),
            })
        })
        .collect();
    let mut escapes = Vec::new();
    match start {
        Start::Paragraph => {
            if conventions::paragraph_number(&styled).is_some() {
                let hyphen = styled.iter().position(|s| s.c == '-');
                escapes.extend(hyphen);
            }
        }
        Start::Item => {
            if let Some((label, _)) = conventions::item_label(&styled) {
                let n = label.chars().count();
                escapes.push(if label.starts_with('(') { 0 } else { n - 1 });
            }
        }
        Start::Heading => {
            let mut rest = styled.clone();
            while let Some((_, at)) = conventions::heading_label(&rest) {
                // The hyphen of the separator just found.
                let hyphen = (0..at)
                    .rev()
                    .find(|&i| rest[i].c == '-' && rest[i].plain)
                    .unwrap_or(0);
                escapes.push(hyphen);
                rest[hyphen].plain = false;
            }
        }
        Start::Prefixed | Start::Line => {}
    }
    escapes
}

/// Reads `markdown` back and compares it with `doc`.
fn check_reads_back(doc: &Document, markdown: &str) -> Result<()> {
    let failed = |message: String| Error::Export {
        format: "Markdown",
        message,
    };
    let (back, _) = parse_markdown(markdown)
        .map_err(|e| failed(format!("the Markdown written does not read back: {e}")))?;
    let expected = normalized(doc);
    for (i, (a, b)) in expected.blocks.iter().zip(&back.blocks).enumerate() {
        if a != b {
            return Err(failed(format!(
                "blocks[{i}] has no Markdown form that reads back the same \
                 (a strong span that starts or ends with a space or punctuation, \
                 or a label that Markdown reads as a list marker?)"
            )));
        }
    }
    let head = |d: &Document| {
        (
            d.lang.clone(),
            d.title.clone(),
            d.subtitle.clone(),
            d.symbol.clone(),
            d.job_number.clone(),
            d.date.clone(),
            d.justify,
            d.blocks.len(),
        )
    };
    if head(&expected) != head(&back) {
        return Err(failed(
            "the document has no Markdown form that reads back the same".into(),
        ));
    }
    Ok(())
}

/// `doc` with every text in the form the readers produce: plain when
/// nothing is styled, else the longest runs of one style.
pub fn normalized(doc: &Document) -> Document {
    let mut doc = doc.clone();
    for block in &mut doc.blocks {
        match block {
            Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Recommendation { text, .. } => normalize(text),
            Block::List { items } => normalize_items(items),
        }
    }
    doc
}

fn normalize_items(items: &mut [ListItem]) {
    for item in items {
        normalize(&mut item.text);
        normalize_items(&mut item.items);
    }
}

fn normalize(text: &mut Text) {
    let styled: Vec<Styled> = text
        .spans()
        .iter()
        .flat_map(|s| {
            let lang = s.lang.as_deref().map(std::rc::Rc::from);
            s.text.chars().map(move |c| Styled {
                c,
                plain: true,
                strong: s.strong,
                lang: lang.clone(),
            })
        })
        .collect();
    *text = conventions::to_text(&styled);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_in_text_is_escaped() {
        let mut out = String::new();
        inline(
            &mut out,
            &Text::Plain("- a *b* [c] <d> & e #".into()),
            Start::Paragraph,
        );
        assert_eq!(out, r"\- a \*b\* \[c\] \<d> \& e \#");
        let mut out = String::new();
        inline(&mut out, &Text::Plain("1. x\ty ".into()), Start::Line);
        assert_eq!(out, "1\\. x&#9;y&#32;");
    }
}
