//! Ties: word spaces that must not end a line, and those that must not
//! stretch either.
//!
//! - A space between digit groups (`٦ ٠٠٠`, `١ ١٩٣`: digits, one space,
//!   exactly three digits) is a thousands separator: the number must read
//!   as one, so the space neither breaks nor stretches (nor shrinks). The
//!   text keeps the source character; only layout treats it as rigid.
//! - An enumerator (`(أ)`, `(و)`, `(1)`: one or two letters or digits in
//!   parentheses, a word of its own) is never left at a line end.
//! - A number and the month after it (`١٩ تشرين`, `٣ تموز/يوليه`) stay on
//!   one line.
//!
//! These are break-opportunity suppressions in the breaker's input, as
//! no-break spaces would be (UAX #14 class GL), without changing the text.

use std::ops::Range;

use crate::text::analyze::{digit_group, is_digit};

/// Month names that follow a day number: the Levantine (Syriac) names the
/// UN's Arabic editions print first, and the international ones after a
/// slash.
const MONTHS: [&str; 24] = [
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيه",
    "يونيو",
    "يوليه",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// The ties of a paragraph's layout text.
#[derive(Debug, Default)]
pub(super) struct Ties {
    /// Byte offsets after a run of spaces where a line must not start, in
    /// increasing order.
    pub no_break: Vec<usize>,
    /// Per byte: a space that keeps its natural width (digit groups).
    pub rigid: Vec<bool>,
}

impl Ties {
    /// Whether a line may not start at `pos`.
    pub(super) fn forbids_break(&self, pos: usize) -> bool {
        self.no_break.binary_search(&pos).is_ok()
    }

    /// Whether the space at byte `at` keeps its natural width.
    pub(super) fn is_rigid(&self, at: usize) -> bool {
        self.rigid.get(at).copied().unwrap_or(false)
    }
}

/// Finds the ties of `layout` (the paragraph's layout text).
pub(super) fn ties(layout: &str) -> Ties {
    let mut out = Ties {
        no_break: Vec::new(),
        rigid: vec![false; layout.len() + 1],
    };
    for spaces in space_runs(layout) {
        let (before, after) = (&layout[..spaces.start], &layout[spaces.end..]);
        let single = layout[spaces.clone()].chars().count() == 1;
        if single && digit_group(before, after) {
            out.rigid[spaces.clone()].iter_mut().for_each(|r| *r = true);
            out.no_break.push(spaces.end);
        } else if enumerator(before) || number_and_month(before, after) {
            out.no_break.push(spaces.end);
        }
    }
    out
}

/// Maximal runs of whitespace strictly inside the text (not at its ends).
fn space_runs(layout: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in layout.char_indices() {
        match (c.is_whitespace(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if s > 0 {
                    runs.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// The word before the space is an enumerator: `(`, one or two letters or
/// digits, `)`.
fn enumerator(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    let Some(inner) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) else {
        return false;
    };
    let n = inner.chars().count();
    (1..=2).contains(&n) && inner.chars().all(char::is_alphanumeric)
}

/// A number before the space and a month name after it.
fn number_and_month(before: &str, after: &str) -> bool {
    if !before.chars().next_back().is_some_and(is_digit) {
        return false;
    }
    MONTHS.iter().any(|m| {
        after
            .strip_prefix(m)
            .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphabetic))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text before each position where a line may not start.
    fn tied(text: &str) -> Vec<&str> {
        ties(text).no_break.iter().map(|&p| &text[..p]).collect()
    }

    #[test]
    fn digit_groups_are_rigid_and_unbreakable() {
        let text = "حوالي ٦ ٠٠٠ من";
        let t = ties(text);
        assert_eq!(tied(text), vec!["حوالي ٦ "]);
        let space = text.find("٦ ").unwrap() + "٦".len();
        assert!(t.is_rigid(space));
        assert!(!t.is_rigid(text.find(' ').unwrap()));
        // Four digits after the space, or two: not a thousands group.
        assert!(tied("عام ٢٠١٩ ٢٠٢٠").is_empty());
        assert!(tied("البند ٤ ١٢").is_empty());
    }

    #[test]
    fn enumerators_keep_the_next_word() {
        assert_eq!(tied("فيه؛ (و) تقييم"), vec!["فيه؛ (و) "]);
        assert_eq!(tied("(أ) المسائل"), vec!["(أ) "]);
        assert!(tied("(الوثائق) هذه").is_empty());
    }

    #[test]
    fn a_day_keeps_its_month() {
        assert_eq!(tied("ويوم ١٩ تشرين الأول"), vec!["ويوم ١٩ "]);
        assert_eq!(tied("ويومي ٢ و٣ تموز/يوليه"), vec!["ويومي ٢ و٣ "]);
        // آب as a month, not the start of another word.
        assert!(tied("البند ٣ آباء").is_empty());
    }
}
