//! The rules of the model that serde cannot express.

use std::fmt::{self, Display, Formatter};

use super::{Block, Document, ListItem, Text};
use crate::error::{Error, Location, Result};
use crate::limits::{MAX_BLOCKS, MAX_LIST_DEPTH, MAX_NUMBER, MAX_TEXT_BYTES};

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
    check_line(&doc.title, "title")?;
    if let Some(s) = &doc.subtitle {
        check_line(s, "subtitle")?;
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
    if doc.blocks.len() > MAX_BLOCKS {
        return Err(Error::Limit {
            location: Location {
                path: "blocks".into(),
                ..Location::default()
            },
            message: format!("{} blocks; the limit is {MAX_BLOCKS}", doc.blocks.len()),
        });
    }

    let mut warnings = Vec::new();
    let mut last_paragraph: Option<u32> = None;
    let mut last_recommendation: Option<u32> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        let path = format!("blocks[{i}]");
        match block {
            Block::Heading { level, label, text } => {
                if !(1..=2).contains(level) {
                    return Err(Error::invalid(
                        format!("{path}.level"),
                        format!("heading level {level} is not supported"),
                    )
                    .with_hint("use 1 for أولاً-style sections and 2 for ألف-style subsections"));
                }
                if let Some(label) = label {
                    check_line(label, &format!("{path}.label"))?;
                }
                check_text(text, &format!("{path}.text"))?;
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
        }
    }
    Ok(warnings)
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

fn check_number(n: u32, path: &str) -> Result<()> {
    if n == 0 || n > MAX_NUMBER {
        return Err(Error::invalid(path, format!("number {n} is out of range"))
            .with_hint(format!("numbers run from 1 to {MAX_NUMBER}")));
    }
    Ok(())
}

fn check_text(text: &Text, path: &str) -> Result<()> {
    match text {
        Text::Plain(s) => check_string(s, path)?,
        Text::Spans(spans) => {
            if spans.is_empty() {
                return Err(Error::invalid(path, "the text has no spans"));
            }
            for (i, span) in spans.iter().enumerate() {
                let span_path = format!("{path}[{i}]");
                check_chars(&span.text, &format!("{span_path}.text"))?;
                if let Some(lang) = &span.lang {
                    check_lang(lang, &format!("{span_path}.lang"))?;
                }
            }
            let total: usize = spans.iter().map(|s| s.text.len()).sum();
            check_size(total, path)?;
            if spans.iter().all(|s| s.text.trim().is_empty()) {
                return Err(Error::invalid(path, "the text is empty"));
            }
        }
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

/// Rejects control characters (other than tab and line feed) and noncharacters.
fn check_chars(s: &str, path: &str) -> Result<()> {
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
    }
    Ok(())
}

/// A well-formed BCP 47 tag: `ar`, `en`, `en-GB`, `zh-Hant-TW`, `ar-u-nu-arab`.
fn check_lang(tag: &str, path: &str) -> Result<()> {
    let mut subtags = tag.split('-');
    let first = subtags.next().unwrap_or("");
    let ok_first = (2..=8).contains(&first.len()) && first.chars().all(|c| c.is_ascii_alphabetic());
    let ok_rest =
        subtags.all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok_first || !ok_rest {
        return Err(
            Error::invalid(path, format!("`{tag}` is not a BCP 47 language tag"))
                .with_hint("use a tag such as \"ar\", \"en\" or \"en-GB\""),
        );
    }
    Ok(())
}

fn check_date(date: &str) -> Result<()> {
    let parts: Vec<&str> = date.split('-').collect();
    let valid = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0));
    if !valid {
        return Err(Error::invalid("date", format!("`{date}` is not a date"))
            .with_hint("write it as YYYY-MM-DD, e.g. \"2019-09-23\""));
    }
    Ok(())
}
