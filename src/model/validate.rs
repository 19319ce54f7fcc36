//! The rules of the model that serde cannot express.

use std::fmt::{self, Display, Formatter};

use super::language::Locale;
use super::{Block, Cell, Document, ListItem, Masthead, Span, Text};
use crate::error::{Error, Location, Result};
use crate::limits::{MAX_BLOCKS, MAX_LIST_DEPTH, MAX_MARKS_PER_BASE, MAX_NUMBER, MAX_TEXT_BYTES};

/// Something suspicious in a valid document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where.
    pub location: Location,
    /// What.
    pub message: String,
}

impl Display for Warning {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

fn warning(path: String, message: String) -> Warning {
    Warning {
        location: Location {
            path,
            ..Location::default()
        },
        message,
    }
}

/// Checks a document against the rules of the model.
///
/// Returns the warnings (numbers that skip or repeat), or the first error.
pub fn validate(doc: &Document) -> Result<Vec<Warning>> {
    check_lang(&doc.lang, "lang")?;
    check_title(&doc.title, "title")?;
    if let Some(s) = &doc.subtitle {
        check_title(s, "subtitle")?;
    }
    if let Some(m) = &doc.masthead {
        check_masthead(m)?;
    }
    if let Some(s) = &doc.symbol {
        check_line(s, "symbol")?;
    }
    if let Some(s) = &doc.job_number {
        check_line(s, "job_number")?;
    }
    if let Some(date) = &doc.date {
        check_date(date)?;
    }
    if doc.blocks.is_empty() {
        return Err(Error::invalid("blocks", "the document has no blocks")
            .with_hint("add at least one heading, paragraph, recommendation or list"));
    }
    if let Some(path) = over_block_limit(&doc.blocks) {
        return Err(Error::Limit {
            location: Location {
                path,
                ..Location::default()
            },
            message: format!("more than {MAX_BLOCKS} blocks and list items"),
        });
    }

    let mut warnings: Vec<Warning> = Locale::of(&doc.lang)
        .warnings
        .into_iter()
        .map(|message| warning("lang".to_string(), message))
        .collect();
    let mut last_paragraph: Option<u32> = None;
    let mut last_recommendation: Option<u32> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        let path = format!("blocks[{i}]");
        match block {
            Block::Heading { level, label, text } => {
                check_heading(*level, label.as_deref(), text, &path)?
            }
            Block::Paragraph { number, text } => {
                if let Some(n) = number {
                    check_number(*n, &format!("{path}.number"))?;
                    sequence(&mut last_paragraph, *n, "paragraph", &path, &mut warnings);
                }
                check_text(text, &format!("{path}.text"))?;
            }
            Block::Recommendation { number, text } => {
                check_number(*number, &format!("{path}.number"))?;
                sequence(
                    &mut last_recommendation,
                    *number,
                    "recommendation",
                    &path,
                    &mut warnings,
                );
                check_text(text, &format!("{path}.text"))?;
            }
            Block::List { items } => check_items(items, &format!("{path}.items"), 1)?,
            Block::Table {
                caption,
                header_rows,
                rows,
            } => check_table(caption.as_ref(), *header_rows, rows, &path)?,
            Block::Figure {
                src,
                alt,
                caption,
                width,
            } => check_figure(src, alt, caption.as_ref(), *width, &path)?,
        }
    }
    Ok(warnings)
}

fn check_heading(level: u8, label: Option<&str>, text: &Text, path: &str) -> Result<()> {
    if !(1..=2).contains(&level) {
        return Err(Error::invalid(
            format!("{path}.level"),
            format!("heading level {level} is not supported"),
        )
        .with_hint("use 1 for أولاً-style sections and 2 for ألف-style subsections"));
    }
    if let Some(label) = label {
        check_line(label, &format!("{path}.label"))?;
    }
    check_text(text, &format!("{path}.text"))
}

/// The path of the first block or list item past [`MAX_BLOCKS`] (blocks and
/// list items at every depth count alike: each becomes a tagged element and
/// at least one line).
fn over_block_limit(blocks: &[Block]) -> Option<String> {
    fn items(list: &[ListItem], path: &str, count: &mut usize) -> Option<String> {
        for (i, item) in list.iter().enumerate() {
            *count += 1;
            if *count > MAX_BLOCKS {
                return Some(format!("{path}[{i}]"));
            }
            if !item.items.is_empty() {
                if let Some(found) = items(&item.items, &format!("{path}[{i}].items"), count) {
                    return Some(found);
                }
            }
        }
        None
    }
    let mut count = 0;
    for (i, block) in blocks.iter().enumerate() {
        count += 1;
        if count > MAX_BLOCKS {
            return Some(format!("blocks[{i}]"));
        }
        if let Block::List { items: list } = block {
            if let Some(path) = items(list, &format!("blocks[{i}].items"), &mut count) {
                return Some(path);
            }
        }
        if let Block::Table { rows, .. } = block {
            // Each cell is a tagged element and a piece, as a block is.
            for (r, row) in rows.iter().enumerate() {
                count += row.len();
                if count > MAX_BLOCKS {
                    return Some(format!("blocks[{i}].rows[{r}]"));
                }
            }
        }
    }
    None
}

/// Records a warning when `n` does not follow `last`.
fn sequence(last: &mut Option<u32>, n: u32, what: &str, path: &str, out: &mut Vec<Warning>) {
    if let Some(prev) = *last {
        if n == prev {
            out.push(warning(
                format!("{path}.number"),
                format!("{what} number {n} repeats"),
            ));
        } else if n != prev + 1 {
            out.push(warning(
                format!("{path}.number"),
                format!("{what} number {n} follows {prev}; expected {}", prev + 1),
            ));
        }
    }
    *last = Some(n);
}

fn check_items(items: &[ListItem], path: &str, depth: usize) -> Result<()> {
    if depth > MAX_LIST_DEPTH {
        return Err(Error::Limit {
            location: Location {
                path: path.into(),
                ..Location::default()
            },
            message: format!("lists nest deeper than {MAX_LIST_DEPTH} levels"),
        });
    }
    if items.is_empty() {
        return Err(Error::invalid(path, "the list has no items"));
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("{path}[{i}]");
        if let Some(label) = &item.label {
            check_line(label, &format!("{path}.label"))?;
        }
        check_text(&item.text, &format!("{path}.text"))?;
        if !item.items.is_empty() {
            check_items(&item.items, &format!("{path}.items"), depth + 1)?;
        }
    }
    Ok(())
}

/// A table: its caption, its grid (`model::table::grid` locates a broken
/// row or span), each cell's text (which may be empty), and some text.
fn check_table(
    caption: Option<&Text>,
    header_rows: usize,
    rows: &[Vec<Cell>],
    path: &str,
) -> Result<()> {
    if let Some(caption) = caption {
        check_text(caption, &format!("{path}.caption"))?;
    }
    super::table::grid(rows, header_rows, path)?;
    let mut any = false;
    for (r, row) in rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            let at = format!("{path}.rows[{r}][{i}]");
            if cell.text.has_notes() {
                return Err(Error::invalid(at, "a table cell cannot hold a note")
                    .with_hint("put the note on the table's caption or on the text before it"));
            }
            match &cell.text {
                Text::Plain(s) if s.trim().is_empty() => check_size(s.len(), &at)?,
                Text::Spans(spans) if spans.iter().all(|s| s.text.trim().is_empty()) => {
                    check_size(spans.iter().map(|s| s.text.len()).sum(), &at)?
                }
                text => {
                    any = true;
                    check_text(text, &at)?;
                }
            }
        }
    }
    if !any {
        return Err(Error::invalid(
            format!("{path}.rows"),
            "every cell of the table is empty",
        ));
    }
    Ok(())
}

/// A figure: its file name, its alternative text (required, not empty),
/// its caption and its width (a fraction of the measure in (0, 1]).
fn check_figure(
    src: &str,
    alt: &str,
    caption: Option<&Text>,
    width: Option<f64>,
    path: &str,
) -> Result<()> {
    check_line(src, &format!("{path}.src"))?;
    if src.contains("://") {
        return Err(Error::invalid(
            format!("{path}.src"),
            format!("`{src}` is a URL; a figure's image is a local file"),
        )
        .with_hint("download the image and give its path relative to the document"));
    }
    if alt.trim().is_empty() {
        return Err(
            Error::invalid(format!("{path}.alt"), "the alternative text is empty")
                .with_hint("describe what the image shows: it is read instead of the image"),
        );
    }
    check_string(alt, &format!("{path}.alt"))?;
    if let Some(caption) = caption {
        check_text(caption, &format!("{path}.caption"))?;
    }
    if let Some(w) = width {
        if !(w.is_finite() && w > 0.0 && w <= 1.0) {
            return Err(Error::invalid(
                format!("{path}.width"),
                format!("width {w} is not a fraction of the measure in (0, 1]"),
            )
            .with_hint("0.5 is half the measure, 1 the whole; leave it out for the natural size"));
        }
    }
    Ok(())
}

fn check_number(n: u32, path: &str) -> Result<()> {
    if n == 0 || n > MAX_NUMBER {
        return Err(Error::invalid(path, format!("number {n} is out of range"))
            .with_hint(format!("numbers run from 1 to {MAX_NUMBER}")));
    }
    Ok(())
}

fn check_text(text: &Text, path: &str) -> Result<()> {
    check_text_in(text, path, false)
}

/// A title or subtitle: a text on one line (it may carry a note).
fn check_title(text: &Text, path: &str) -> Result<()> {
    check_text(text, path)?;
    let newline = match text {
        Text::Plain(s) => s.contains('\n'),
        Text::Spans(spans) => spans.iter().any(|s| s.text.contains('\n')),
    };
    if newline {
        return Err(Error::invalid(path, "a line break is not allowed here"));
    }
    Ok(())
}

/// A text; `in_note`: the text of a note, which cannot hold notes.
fn check_text_in(text: &Text, path: &str, in_note: bool) -> Result<()> {
    match text {
        Text::Plain(s) => check_string(s, path)?,
        Text::Spans(spans) => {
            if spans.is_empty() {
                return Err(Error::invalid(path, "the text has no spans"));
            }
            for (i, span) in spans.iter().enumerate() {
                check_span(span, &format!("{path}[{i}]"), in_note)?;
            }
            let total: usize = spans.iter().map(|s| s.text.len()).sum();
            check_size(total, path)?;
            if spans.iter().all(|s| s.text.trim().is_empty()) {
                let what = if spans.iter().any(|s| s.note.is_some()) {
                    "the text is empty: a note needs text to hang on"
                } else {
                    "the text is empty"
                };
                return Err(Error::invalid(path, what));
            }
        }
    }
    Ok(())
}

fn check_span(span: &Span, path: &str, in_note: bool) -> Result<()> {
    check_chars(&span.text, &format!("{path}.text"))?;
    if let Some(lang) = &span.lang {
        check_lang(lang, &format!("{path}.lang"))?;
    }
    if let Some(href) = &span.href {
        check_href(href, &format!("{path}.href"))?;
    }
    let Some(note) = &span.note else {
        return Ok(());
    };
    if in_note {
        return Err(
            Error::invalid(format!("{path}.note"), "a note cannot hold a note").with_hint(
                "move the inner note's text into the note, or hang it on the text instead",
            ),
        );
    }
    for (field, set) in [
        ("lang", span.lang.is_some()),
        ("strong", span.strong),
        ("href", span.href.is_some()),
    ] {
        if set {
            return Err(Error::invalid(
                format!("{path}.{field}"),
                format!("`{field}` does not apply to a note span"),
            )
            .with_hint(format!("set `{field}` on the spans of the note's text")));
        }
    }
    if let Some(mark) = &span.mark {
        check_line(mark, &format!("{path}.mark"))?;
    }
    match note {
        Text::Plain(s) if s.trim().is_empty() => {
            Err(Error::invalid(format!("{path}.note"), "the note is empty")
                .with_hint("write the note's text, or remove the note span"))
        }
        _ => check_text_in(note, &format!("{path}.note"), true),
    }
}

/// An absolute `http`, `https` or `mailto` URI: a scheme, then for http(s)
/// `//` and a host, for mailto an address; no whitespace or controls.
pub(crate) fn check_href(href: &str, path: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::invalid(
            path,
            format!("`{href}` is not a link warraq can write: {why}"),
        )
        .with_hint(
            "write an absolute URI such as \"https://www.unodc.org/\" or \"mailto:name@un.org\"",
        ))
    };
    if let Some((i, c)) = href
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_whitespace() || c.is_control())
    {
        return bad(&format!("character {} is U+{:04X}", i + 1, c as u32));
    }
    let Some((scheme, rest)) = href.split_once(':') else {
        return bad("it has no scheme (a relative reference)");
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let host = rest
                .strip_prefix("//")
                .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
            match host {
                Some(h) if !h.is_empty() && !h.starts_with(':') => Ok(()),
                _ => bad("an http or https URI needs `//` and a host"),
            }
        }
        "mailto" if rest.contains('@') => Ok(()),
        "mailto" => bad("a mailto URI needs an address with `@`"),
        _ => bad(&format!(
            "the scheme `{scheme}` is not http, https or mailto"
        )),
    }
}

fn check_masthead(m: &Masthead) -> Result<()> {
    let fields = [
        ("organ", &m.organ),
        ("distribution", &m.distribution),
        ("date", &m.date),
        ("original", &m.original),
        ("agenda_item", &m.agenda_item),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            check_line(v, &format!("masthead.{name}"))?;
        }
    }
    for (i, line) in m.meeting.iter().enumerate() {
        check_line(line, &format!("masthead.meeting[{i}]"))?;
    }
    Ok(())
}

/// A short single-line string such as a title or a label.
fn check_line(s: &str, path: &str) -> Result<()> {
    check_string(s, path)?;
    if s.contains('\n') {
        return Err(Error::invalid(path, "a line break is not allowed here"));
    }
    Ok(())
}

fn check_string(s: &str, path: &str) -> Result<()> {
    check_size(s.len(), path)?;
    if s.trim().is_empty() {
        return Err(Error::invalid(path, "the text is empty"));
    }
    check_chars(s, path)
}

fn check_size(len: usize, path: &str) -> Result<()> {
    if len > MAX_TEXT_BYTES {
        return Err(Error::Limit {
            location: Location {
                path: path.into(),
                ..Location::default()
            },
            message: format!("the text is {len} bytes; the limit is {MAX_TEXT_BYTES} bytes"),
        });
    }
    Ok(())
}

/// Rejects control characters (other than tab and line feed), noncharacters
/// and more than [`MAX_MARKS_PER_BASE`] combining marks on one base.
fn check_chars(s: &str, path: &str) -> Result<()> {
    use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
    let mut marks = 0usize;
    for (i, c) in s.chars().enumerate() {
        let bad = (c.is_control() && c != '\t' && c != '\n')
            || matches!(c as u32, 0xFDD0..=0xFDEF)
            || (c as u32 & 0xFFFE) == 0xFFFE;
        if bad {
            return Err(Error::invalid(
                path,
                format!(
                    "control or noncharacter U+{:04X} at character {}",
                    c as u32,
                    i + 1
                ),
            )
            .with_hint("remove it; warraq typesets printable text only"));
        }
        // ASCII and the Arabic letters (U+0621–U+064A, tatweel included)
        // are neither marks nor format characters: most of a document,
        // without the two table lookups (they were 3 % of a report's render).
        if c.is_ascii() || ('\u{0621}'..='\u{064A}').contains(&c) {
            marks = 0;
        } else if c.general_category_group() == GeneralCategoryGroup::Mark {
            marks += 1;
            if marks > MAX_MARKS_PER_BASE {
                return Err(Error::Limit {
                    location: Location {
                        path: path.into(),
                        ..Location::default()
                    },
                    message: format!(
                        "more than {MAX_MARKS_PER_BASE} combining marks in a row at character {} \
                         (U+{:04X}); the limit is {MAX_MARKS_PER_BASE} marks on one base \
                         (Unicode's Stream-Safe Text Format)",
                        i + 1,
                        c as u32
                    ),
                });
            }
        } else if c.general_category() != GeneralCategory::Format {
            marks = 0;
        }
    }
    Ok(())
}

/// A well-formed BCP 47 tag: `ar`, `en`, `en-GB`, `zh-Hant-TW`, `ar-u-nu-arab`.
fn check_lang(tag: &str, path: &str) -> Result<()> {
    if let Err(e) = language_tags::LanguageTag::parse(tag) {
        return Err(
            Error::invalid(path, format!("`{tag}` is not a BCP 47 language tag ({e})"))
                .with_hint("use a tag such as \"ar\", \"fa\", \"en\" or \"en-GB\""),
        );
    }
    Ok(())
}

fn check_date(date: &str) -> Result<()> {
    if calendar_date(date).is_none() {
        return Err(Error::invalid("date", format!("`{date}` is not a date")).with_hint(
            "write a calendar date from 0001-01-01 to 9999-12-31 as YYYY-MM-DD, e.g. \"2019-09-23\"",
        ));
    }
    Ok(())
}

/// Year, month and day of a `YYYY-MM-DD` date that exists in the proleptic
/// Gregorian calendar, from 0001-01-01 to 9999-12-31 (`2019-02-31` does not).
/// The one reading of a document date: validation and both writers use it.
pub(crate) fn calendar_date(date: &str) -> Option<(i32, u32, u32)> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    if !shaped || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    let year: i32 = date[0..4].parse().ok()?;
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..10].parse().ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year >= 1 && (1..=days).contains(&day)).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::calendar_date;

    #[test]
    fn calendar_dates_exist() {
        assert_eq!(calendar_date("2019-09-23"), Some((2019, 9, 23)));
        assert_eq!(calendar_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(calendar_date("9999-12-31"), Some((9999, 12, 31)));
        for bad in [
            "2019-02-31",
            "1900-02-29",
            "2019-04-31",
            "0000-01-01",
            "2019-13-01",
            "2019-00-10",
            "2019-1-01",
            "+019-01-01",
            "2019-01-01x",
            "٢٠١٩-01-01",
        ] {
            assert_eq!(calendar_date(bad), None, "{bad}");
        }
    }
}
