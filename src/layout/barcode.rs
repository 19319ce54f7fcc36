//! Code 39 barcodes, as the UN prints a document's job number on its first
//! page (`*1909715*` for V.19-09715): bars as rectangles, drawn by the
//! exporters as an artifact.

use super::Rect;

/// Code 39 patterns of the characters a job number's barcode holds: nine
/// elements (bar, space, bar, …), `1` wide and `0` narrow; three are wide.
const PATTERNS: [(char, [u8; 9]); 11] = [
    ('0', [0, 0, 0, 1, 1, 0, 1, 0, 0]),
    ('1', [1, 0, 0, 1, 0, 0, 0, 0, 1]),
    ('2', [0, 0, 1, 1, 0, 0, 0, 0, 1]),
    ('3', [1, 0, 1, 1, 0, 0, 0, 0, 0]),
    ('4', [0, 0, 0, 1, 1, 0, 0, 0, 1]),
    ('5', [1, 0, 0, 1, 1, 0, 0, 0, 0]),
    ('6', [0, 0, 1, 1, 1, 0, 0, 0, 0]),
    ('7', [0, 0, 0, 1, 0, 0, 1, 0, 1]),
    ('8', [1, 0, 0, 1, 0, 0, 1, 0, 0]),
    ('9', [0, 0, 1, 1, 0, 0, 1, 0, 0]),
    ('*', [0, 1, 0, 0, 1, 0, 1, 0, 0]),
];

/// Width of a wide element, in narrow ones.
const WIDE: f32 = 3.0;

/// The text a job number's barcode encodes: its digits between the start
/// and stop characters (`V.19-09715` → `*1909715*`); `None` without digits.
pub fn job_barcode_text(job_number: &str) -> Option<String> {
    let digits: String = job_number.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| format!("*{digits}*"))
}

/// The width of the barcode of `text` with narrow elements `narrow` wide.
pub fn width(text: &str, narrow: f32) -> f32 {
    let n = text.chars().count() as f32;
    // Per character: six narrow and three wide elements, and a narrow gap.
    n * (6.0 + 3.0 * WIDE) * narrow + (n - 1.0).max(0.0) * narrow
}

/// The bars of `text` (digits and `*` only; other characters are skipped),
/// from `(x, y)` (top-left), `height` tall.
pub fn bars(text: &str, (x, y): (f32, f32), narrow: f32, height: f32) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut pen = x;
    for c in text.chars() {
        let Some((_, pattern)) = PATTERNS.iter().find(|(p, _)| *p == c) else {
            continue;
        };
        for (k, &wide) in pattern.iter().enumerate() {
            let w = if wide == 1 { WIDE * narrow } else { narrow };
            if k % 2 == 0 {
                out.push(Rect {
                    x: pen,
                    y,
                    width: w,
                    height,
                });
            }
            pen += w;
        }
        pen += narrow;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_has_three_wide_elements_and_five_bars() {
        for (c, p) in PATTERNS {
            assert_eq!(p.iter().filter(|&&w| w == 1).count(), 3, "{c}");
        }
        assert_eq!(bars("*1*", (0.0, 0.0), 1.0, 10.0).len(), 15);
        assert_eq!(job_barcode_text("V.19-09715").as_deref(), Some("*1909715*"));
        assert_eq!(job_barcode_text("V.xx"), None);
    }
}
