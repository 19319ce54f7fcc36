//! [`Document`] → Markdown: the form [`parse_markdown`] reads back to the
//! same document (`warraq convert report.json --to markdown`).
//!
//! It writes what a person would: a YAML front matter, `# أولاً - مقدِّمة`,
//! `١- …` paragraphs, `### التوصية ١` and its paragraph, `- (أ) …` items,
//! `**strong**` and `[…]{lang=en}` (`[**…**]{lang=en}` for both), links as
//! `[text](https://…)` (`[[**text**](…)]{lang=en}` with the rest), notes as
//! footnote references `[^1]` (numbered in document order) or `[^*]` (a
//! note's mark) with their definitions after the block, a title's notes
//! as references in the front matter's `title` with their definitions
//! before the first block, and the masthead in the front matter. Characters that Markdown would read as
//! syntax are escaped; whitespace that it would strip (at the start or end
//! of a block), tabs and line feeds are written as character references.
//! Every result is read back and compared before it is returned, so a
//! document that has no faithful Markdown form (a strong span that starts
//! with a space, say) is an error, never a lossy file.

use serde::Serialize;

use super::read::conventions::{
    self, Side, Styled, LABEL_SEPARATOR, RECOMMENDATION, TABLE_CAPTION,
};
use super::read::parse_markdown;
use super::{Block, Cell, Document, Justify, ListItem, Masthead, Span, Text};
use crate::error::{Error, Result};

/// Writes `doc` as Markdown that reads back to the same document.
pub fn write_markdown(doc: &Document) -> Result<String> {
    let mut notes = Notes::default();
    let mut out = front_matter(doc, &mut notes)?;
    notes.write_definitions(&mut out)?;
    let arabic = conventions::is_arabic(&doc.lang);
    let mut bullet = '-';
    let mut after_list = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        out.push('\n');
        match block {
            Block::Table {
                caption,
                header_rows,
                rows,
            } => {
                let rtl = crate::model::semantics::is_rtl_lang(&doc.lang);
                let table = Table {
                    caption: caption.as_ref(),
                    header_rows: *header_rows,
                    rows,
                };
                write_table(&mut out, &table, rtl, &mut notes)
                    .map_err(|why| no_form(i, "table", why))?;
            }
            Block::Figure {
                src,
                alt,
                caption,
                width,
            } => write_figure(&mut out, src, alt, caption.as_ref(), *width)
                .map_err(|why| no_form(i, "figure", why))?,
            Block::Heading { level, label, text } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                match label {
                    Some(label) => {
                        inline(
                            &mut out,
                            &Text::Plain(label.clone()),
                            Start::Prefixed,
                            &mut notes,
                        )?;
                        out.push_str(LABEL_SEPARATOR);
                        inline(&mut out, text, Start::Prefixed, &mut notes)?;
                    }
                    None => inline(&mut out, text, Start::Heading, &mut notes)?,
                }
            }
            Block::Paragraph { number, text } => match number {
                Some(n) => {
                    out.push_str(&conventions::numeral(u64::from(*n), arabic));
                    out.push_str("- ");
                    inline(&mut out, text, Start::Prefixed, &mut notes)?;
                }
                None => inline(&mut out, text, Start::Paragraph, &mut notes)?,
            },
            Block::Recommendation { number, text } => {
                let n = conventions::numeral(u64::from(*number), arabic);
                out.push_str(&format!("### {RECOMMENDATION} {n}\n\n"));
                inline(&mut out, text, Start::Line, &mut notes)?;
            }
            Block::List { items } => {
                // A list right after a list needs another bullet character.
                bullet = match (after_list, bullet) {
                    (true, '-') => '*',
                    _ => '-',
                };
                list(&mut out, items, 0, bullet, &mut notes)?;
                out.pop();
            }
        }
        after_list = matches!(block, Block::List { .. });
        out.push('\n');
        notes.write_definitions(&mut out)?;
    }
    check_reads_back(doc, &out)?;
    Ok(out)
}

/// The error of a table or figure (`blocks[i]`) without a Markdown form.
fn no_form(i: usize, what: &str, why: String) -> Error {
    Error::Export {
        format: "Markdown",
        message: format!("blocks[{i}]: the {what} has no Markdown form: {why}"),
    }
}

/// A table's fields, as the writer reads them.
struct Table<'a> {
    caption: Option<&'a Text>,
    header_rows: usize,
    rows: &'a [Vec<Cell>],
}

/// The number of columns of a table that has a GFM form, else why not.
fn gfm_columns(table: &Table) -> std::result::Result<usize, String> {
    let rows = table.rows;
    if table.header_rows > 1 {
        return Err(format!(
            "a GFM table has one header row, this one {}",
            table.header_rows
        ));
    }
    let Some(columns) = rows.first().map(Vec::len) else {
        return Err("it has no rows".into());
    };
    if rows
        .iter()
        .flatten()
        .any(|c| c.colspan != 1 || c.rowspan != 1)
    {
        return Err("a cell spans several columns or rows, which a GFM table cannot".into());
    }
    if rows.iter().any(|row| row.len() != columns) {
        return Err("its rows have different numbers of cells".into());
    }
    if rows.iter().flatten().any(|c| c.header) {
        return Err("a cell heads its row, which a GFM table cannot say".into());
    }
    Ok(columns)
}

/// Writes a GFM table: its header row (empty cells when it has none),
/// the delimiter row with each column's sides, its rows, then its caption
/// as a `Table: …` paragraph. A reason when the table has no such form.
fn write_table(
    out: &mut String,
    table: &Table,
    rtl: bool,
    notes: &mut Notes,
) -> std::result::Result<(), String> {
    let fail = |why: String| Err(why);
    let rows = table.rows;
    let columns = gfm_columns(table)?;
    let mut sides = Vec::with_capacity(columns);
    for col in 0..columns {
        let align = rows[0][col].align;
        if rows.iter().any(|row| row[col].align != align) {
            return fail(format!(
                "the cells of column {} are aligned differently; a GFM column has one alignment",
                col + 1
            ));
        }
        sides.push(align.map(|a| conventions::side_of(a, rtl)));
    }
    let write_row = |out: &mut String, row: &[Cell], notes: &mut Notes| -> Result<()> {
        out.push('|');
        for cell in row {
            out.push(' ');
            inline(out, &cell.text, Start::Cell, notes)?;
            out.push_str(" |");
        }
        out.push('\n');
        Ok(())
    };
    let body = if table.header_rows == 1 {
        write_row(out, &rows[0], notes).map_err(|e| e.to_string())?;
        &rows[1..]
    } else {
        out.push('|');
        out.push_str(&"  |".repeat(columns));
        out.push('\n');
        rows
    };
    out.push('|');
    for side in sides {
        out.push_str(match side {
            None => " --- |",
            Some(Side::Left) => " :--- |",
            Some(Side::Center) => " :---: |",
            Some(Side::Right) => " ---: |",
        });
    }
    out.push('\n');
    for row in body {
        write_row(out, row, notes).map_err(|e| e.to_string())?;
    }
    if let Some(caption) = table.caption {
        out.push('\n');
        out.push_str(TABLE_CAPTION);
        out.push(' ');
        inline(out, caption, Start::Prefixed, notes).map_err(|e| e.to_string())?;
        out.push('\n');
    }
    out.pop();
    Ok(())
}

/// Writes a figure: `![alt](src "caption"){width=60%}`. A reason when it
/// has no such form (a caption with spans: the title is plain text).
fn write_figure(
    out: &mut String,
    src: &str,
    alt: &str,
    caption: Option<&Text>,
    width: Option<f64>,
) -> std::result::Result<(), String> {
    let fail = |why: &str| Err(why.to_string());
    out.push_str("![");
    let n = alt.chars().count();
    for (k, c) in alt.chars().enumerate() {
        write_char(out, c, false, k == 0 || k + 1 == n);
    }
    out.push_str("](");
    if src.is_empty()
        || src
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>'))
    {
        out.push('<');
        for c in src.chars() {
            if matches!(c, '<' | '>' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('>');
    } else {
        for c in src.chars() {
            if matches!(c, '\\' | '&') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    if let Some(caption) = caption {
        let spans = caption.spans();
        if spans
            .iter()
            .any(|s| s.note.is_some() || s.lang.is_some() || s.strong || s.href.is_some())
        {
            return fail("its caption has strong, language, link or note spans; in Markdown the caption is the image's title, plain text");
        }
        out.push_str(" \"");
        for c in caption.plain().chars() {
            match c {
                '"' | '\\' | '&' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' => out.push_str("&#10;"),
                _ => out.push(c),
            }
        }
        out.push('"');
    }
    out.push(')');
    if let Some(w) = width {
        let Some(percent) = conventions::width_percent(w) else {
            return fail("its width is not a percentage that reads back exactly");
        };
        out.push_str(&format!("{{width={percent}}}"));
    }
    Ok(())
}

/// The notes met and not yet defined, and how many were numbered.
#[derive(Default)]
struct Notes {
    numbered: u32,
    /// The marks used, each a label that may stand once.
    marks: Vec<String>,
    /// The label and text of each note since the last definitions.
    pending: Vec<(String, Text)>,
}

impl Notes {
    /// The label of a note span (`1`, or its mark `*`), remembered with its
    /// text for [`Notes::write_definitions`].
    fn label(&mut self, span: &Span, note: &Text) -> Result<String> {
        let label = match &span.mark {
            Some(mark) => {
                let readable = !mark.is_empty()
                    && !mark.chars().any(|c| {
                        c.is_alphanumeric() || c.is_whitespace() || matches!(c, '[' | ']' | '\\')
                    });
                if !readable || self.marks.contains(mark) {
                    return Err(Error::Export {
                        format: "Markdown",
                        message: format!(
                            "the note mark `{mark}` has no Markdown form: a mark is written as \
                             the footnote label `[^{mark}]`, which must have no letter, digit, \
                             space or bracket and stand once in the document"
                        ),
                    });
                }
                self.marks.push(mark.clone());
                mark.clone()
            }
            None => {
                self.numbered += 1;
                self.numbered.to_string()
            }
        };
        self.pending.push((label.clone(), note.clone()));
        Ok(label)
    }

    /// Writes `[^label]: text` for each pending note, after a blank line.
    fn write_definitions(&mut self, out: &mut String) -> Result<()> {
        for (label, text) in std::mem::take(&mut self.pending) {
            out.push_str(&format!("\n[^{label}]: "));
            let mut inner = Notes::default();
            inline(out, &text, Start::Prefixed, &mut inner)?;
            out.push('\n');
        }
        Ok(())
    }
}

/// A title or subtitle as the front matter holds it: its plain text, with
/// `[^label]` for each note.
fn title_line(text: &Text, field: &str, notes: &mut Notes) -> Result<String> {
    let mut line = String::new();
    for span in text.spans() {
        if let Some(note) = &span.note {
            line.push_str(&format!("[^{}]", notes.label(&span, note)?));
        } else if span.lang.is_some() || span.strong || span.href.is_some() {
            return Err(Error::Export {
                format: "Markdown",
                message: format!(
                    "the {field} has a language, strong or link span: the front matter \
                     holds it as one plain line (with notes)"
                ),
            });
        } else {
            line.push_str(&span.text);
        }
    }
    Ok(line)
}

/// The YAML front matter: the document's top-level fields.
fn front_matter(doc: &Document, notes: &mut Notes) -> Result<String> {
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
        #[serde(skip_serializing_if = "Option::is_none")]
        masthead: Option<&'a Masthead>,
    }
    let title = title_line(&doc.title, "title", notes)?;
    let subtitle = match &doc.subtitle {
        Some(subtitle) => Some(title_line(subtitle, "subtitle", notes)?),
        None => None,
    };
    let front = Front {
        lang: &doc.lang,
        title: &title,
        subtitle: subtitle.as_deref(),
        symbol: doc.symbol.as_deref(),
        job_number: doc.job_number.as_deref(),
        date: doc.date.as_deref(),
        justify: doc.justify,
        masthead: doc.masthead.as_ref(),
    };
    let yaml = serde_yaml_ng::to_string(&front).map_err(|e| Error::Export {
        format: "Markdown",
        message: format!("the front matter: {e}"),
    })?;
    Ok(format!("---\n{yaml}---\n"))
}

fn list(
    out: &mut String,
    items: &[ListItem],
    indent: usize,
    bullet: char,
    notes: &mut Notes,
) -> Result<()> {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push(bullet);
        out.push(' ');
        match &item.label {
            Some(label) => {
                out.push_str(label);
                out.push(' ');
                inline(out, &item.text, Start::Prefixed, notes)?;
            }
            None => inline(out, &item.text, Start::Item, notes)?,
        }
        out.push('\n');
        list(out, &item.items, indent + 2, '-', notes)?;
    }
    Ok(())
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
    /// A table cell: `|` ends the cell.
    Cell,
}

/// Writes `text`: spans as `**…**`, `[…](href)` and `[…]{lang=xx}`,
/// notes as `[^label]` (taken by `notes`), characters escaped.
fn inline(out: &mut String, text: &Text, start: Start, notes: &mut Notes) -> Result<()> {
    let chars = conventions::styled(text);
    let escapes = convention_escapes(&chars, start);
    let at_line_start = matches!(start, Start::Paragraph | Start::Item | Start::Line);
    let mut index = 0;
    for span in text.spans() {
        if let Some(note) = &span.note {
            out.push_str(&format!("[^{}]", notes.label(&span, note)?));
            index += 1;
            continue;
        }
        if span.text.is_empty() {
            continue;
        }
        if (span.lang.is_some() || span.href.is_some())
            && index > 0
            && chars[index - 1].note.is_some()
        {
            return Err(Error::Export {
                format: "Markdown",
                message: "a note directly followed by a language span or a link has no \
                          Markdown form: `[^1][…` reads as a reference link"
                    .into(),
            });
        }
        // `[[**…**](href)]{lang=xx}`: the brackets outside, so that the `**`
        // are flanked by punctuation wherever the span stands.
        if span.lang.is_some() {
            out.push('[');
        }
        if span.href.is_some() {
            out.push('[');
        }
        if span.strong {
            out.push_str("**");
        }
        for c in span.text.chars() {
            let escape = escapes.contains(&index)
                || (index == 0 && at_line_start && starts_a_block(c))
                || (at_line_start && index > 0 && ends_an_ordered_marker(&chars, index, c))
                // `[^1]:` would read as a footnote definition, `[^1](…)` as a link.
                || (matches!(c, ':' | '(') && index > 0 && chars[index - 1].note.is_some())
                || (c == '|' && start == Start::Cell);
            write_char(out, c, escape, index == 0 || index + 1 == chars.len());
            index += 1;
        }
        if span.strong {
            out.push_str("**");
        }
        if let Some(href) = &span.href {
            out.push_str("](");
            for c in href.chars() {
                if matches!(c, '\\' | '(' | ')' | '<' | '>' | '&') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push(')');
        }
        if let Some(lang) = &span.lang {
            out.push_str("]{lang=");
            out.push_str(lang);
            out.push('}');
        }
    }
    Ok(())
}

/// Writes one character of text: escaped when it is syntax (or `escape`),
/// as a reference when it is whitespace Markdown would change (a space at
/// an `edge` of the block).
fn write_char(out: &mut String, c: char, escape: bool, edge: bool) {
    match c {
        '\t' => out.push_str("&#9;"),
        '\n' => out.push_str("&#10;"),
        '\r' => out.push_str("&#13;"),
        ' ' if edge => out.push_str("&#32;"),
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
}

/// Whether `c` first on a line would start a list, quote or heading.
fn starts_a_block(c: char) -> bool {
    matches!(c, '-' | '+' | '>' | '=' | '|')
}

/// Whether `c` (at `index`) ends a run of ASCII digits that starts the
/// text: `1.` or `1)` first on a line would start an ordered list.
fn ends_an_ordered_marker(chars: &[Styled], index: usize, c: char) -> bool {
    (c == '.' || c == ')') && chars[..index].iter().all(|d| d.c.is_ascii_digit())
}

/// The indexes of characters that would otherwise read as a convention:
/// the hyphen of `١- ` at a paragraph's start, the first character of an
/// item label, every ` - ` of an unlabelled heading.
fn convention_escapes(styled: &[Styled], start: Start) -> Vec<usize> {
    let mut escapes = Vec::new();
    match start {
        Start::Paragraph => {
            if conventions::paragraph_number(styled).is_some() {
                let hyphen = styled.iter().position(|s| s.c == '-');
                escapes.extend(hyphen);
            }
            if conventions::table_caption(styled).is_some() {
                // `Table\: …` reads as a paragraph, not a caption.
                escapes.push(TABLE_CAPTION.len() - 1);
            }
        }
        Start::Item => {
            if let Some((label, _)) = conventions::item_label(styled) {
                let n = label.chars().count();
                escapes.push(if label.starts_with('(') { 0 } else { n - 1 });
            }
        }
        Start::Heading => {
            let mut rest = styled.to_vec();
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
        Start::Prefixed | Start::Line | Start::Cell => {}
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
            d.masthead.clone(),
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
/// nothing is styled, else the longest runs of one style (notes' texts too).
pub fn normalized(doc: &Document) -> Document {
    let mut doc = doc.clone();
    normalize(&mut doc.title);
    if let Some(subtitle) = &mut doc.subtitle {
        normalize(subtitle);
    }
    for block in &mut doc.blocks {
        match block {
            Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Recommendation { text, .. } => normalize(text),
            Block::List { items } => normalize_items(items),
            Block::Table { caption, rows, .. } => {
                if let Some(c) = caption {
                    normalize(c);
                }
                for cell in rows.iter_mut().flatten() {
                    normalize(&mut cell.text);
                }
            }
            Block::Figure { caption, .. } => {
                if let Some(c) = caption {
                    normalize(c);
                }
            }
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
    let mut styled = conventions::styled(text);
    for s in &mut styled {
        if let Some(note) = &mut s.note {
            let mut inner = note.as_ref().clone();
            normalize(&mut inner.text);
            *note = std::rc::Rc::new(inner);
        }
    }
    *text = conventions::to_text(&styled);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_in_text_is_escaped() {
        let mut out = String::new();
        let notes = &mut Notes::default();
        let text = Text::Plain("- a *b* [c] <d> & e #".into());
        inline(&mut out, &text, Start::Paragraph, notes).unwrap();
        assert_eq!(out, r"\- a \*b\* \[c\] \<d> \& e \#");
        let mut out = String::new();
        inline(
            &mut out,
            &Text::Plain("1. x\ty ".into()),
            Start::Line,
            notes,
        )
        .unwrap();
        assert_eq!(out, "1\\. x&#9;y&#32;");
    }
}
