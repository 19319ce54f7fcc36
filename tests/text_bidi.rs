//! The Unicode bidi conformance suite (BidiCharacterTest.txt, from the
//! Debian package `unicode-data`) through warraq's own per-line reordering
//! (`warraq::layout::reorder`: rules L1 and L2).
//!
//! Paragraph levels (rules P2–I2) come from unicode-bidi, as in the engine;
//! every case is one line, so L1 and L2 apply to the whole test string.

use unicode_bidi::{bidi_class, BidiInfo, Level};
use warraq::layout::reorder::{apply_l1, visual_order};

/// Where Debian's unicode-data installs the file.
const PATHS: [&str; 2] = [
    "/usr/share/unicode/BidiCharacterTest.txt",
    "/usr/share/unicode-data/BidiCharacterTest.txt",
];

struct Case {
    line: usize,
    text: String,
    direction: u8,
    para_level: u8,
    /// Expected levels after L1; `None` for characters removed by X9.
    levels: Vec<Option<u8>>,
    /// Expected visual order (indices of the characters not removed).
    order: Vec<usize>,
}

fn cases() -> Vec<Case> {
    let Some(text) = PATHS.iter().find_map(|p| std::fs::read_to_string(p).ok()) else {
        panic!(
            "BidiCharacterTest.txt not found in {PATHS:?}: install the Debian package \
             `unicode-data` (apt-get install unicode-data)"
        );
    };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split(';').collect();
        assert_eq!(f.len(), 5, "line {}: {line}", n + 1);
        let text = f[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        out.push(Case {
            line: n + 1,
            text,
            direction: f[1].parse().unwrap(),
            para_level: f[2].parse().unwrap(),
            levels: f[3]
                .split_whitespace()
                .map(|l| (l != "x").then(|| l.parse().unwrap()))
                .collect(),
            order: f[4]
                .split_whitespace()
                .map(|i| i.parse().unwrap())
                .collect(),
        });
    }
    out
}

/// L2 over the characters that X9 keeps, as indices into the whole string.
fn order_of(levels: &[Option<u8>]) -> Vec<usize> {
    let kept: Vec<usize> = (0..levels.len()).filter(|&i| levels[i].is_some()).collect();
    let kept_levels: Vec<u8> = kept.iter().map(|&i| levels[i].unwrap()).collect();
    visual_order(&kept_levels)
        .into_iter()
        .map(|k| kept[k])
        .collect()
}

/// L2 alone: from the suite's own resolved levels, every case's visual order.
#[test]
fn l2_orders_every_case_like_the_suite() {
    let cases = cases();
    assert!(cases.len() > 90_000, "only {} cases read", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = order_of(&case.levels);
        if got != case.order {
            failures.push(format!(
                "line {}: got {got:?}, want {:?}",
                case.line, case.order
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// The engine's path: unicode-bidi's paragraph levels, then our L1 and L2.
///
/// Skipped: cases whose text holds a paragraph separator inside (the suite
/// treats the line as one paragraph; unicode-bidi splits it, and warraq lays
/// separators out as spaces). Every other case must match in paragraph
/// level, levels after L1 and visual order.
#[test]
fn l1_and_l2_on_unicode_bidi_levels_match_the_suite() {
    let cases = cases();
    let (mut applied, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        let base = match case.direction {
            0 => Some(Level::ltr()),
            1 => Some(Level::rtl()),
            _ => None,
        };
        let info = BidiInfo::new(&case.text, base);
        if info.paragraphs.len() != 1 {
            skipped += 1;
            continue;
        }
        applied += 1;
        let para_level = info.paragraphs[0].level.number();
        let classes: Vec<_> = case.text.chars().map(bidi_class).collect();
        let mut levels: Vec<u8> = case
            .text
            .char_indices()
            .map(|(i, _)| info.levels[i].number())
            .collect();
        apply_l1(&classes, &mut levels, para_level);
        let levels: Vec<Option<u8>> = levels
            .iter()
            .zip(&case.levels)
            .map(|(&l, want)| want.map(|_| l))
            .collect();
        let order = order_of(&levels);
        if para_level != case.para_level || levels != case.levels || order != case.order {
            failures.push(format!(
                "line {}: paragraph level {para_level} (want {}), levels {levels:?} (want {:?}), \
                 order {order:?} (want {:?})",
                case.line, case.para_level, case.levels, case.order
            ));
        }
    }
    eprintln!("{applied} cases applied, {skipped} skipped (paragraph separator inside)");
    assert!(applied > 90_000, "only {applied} cases applied");
    assert!(
        failures.is_empty(),
        "{} of {applied} cases differ:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// A character of each bidi class, to turn BidiTest.txt's class sequences into text.
fn sample(class: &str) -> char {
    match class {
        "L" => 'a',
        "R" => '\u{05D0}',
        "AL" => '\u{0627}',
        "EN" => '1',
        "ES" => '+',
        "ET" => '$',
        "AN" => '\u{0660}',
        "CS" => ',',
        "NSM" => '\u{0300}',
        "BN" => '\u{00AD}',
        "B" => '\u{2029}',
        "S" => '\t',
        "WS" => ' ',
        "ON" => '!',
        "LRE" => '\u{202A}',
        "RLE" => '\u{202B}',
        "PDF" => '\u{202C}',
        "LRO" => '\u{202D}',
        "RLO" => '\u{202E}',
        "LRI" => '\u{2066}',
        "RLI" => '\u{2067}',
        "FSI" => '\u{2068}',
        "PDI" => '\u{2069}',
        other => panic!("unknown bidi class {other}"),
    }
}

/// BidiTest.txt (class sequences, every paragraph direction): exercises L1
/// on trailing whitespace and separators far more than the character test.
///
/// Skipped: sequences with a paragraph separator before their end (the
/// suite keeps them in one paragraph; unicode-bidi starts a new one).
#[test]
fn bidi_class_suite_through_our_l1_l2() {
    let path = PATHS[0].replace("BidiCharacterTest", "BidiTest");
    let Ok(data) = std::fs::read_to_string(&path)
        .or_else(|_| std::fs::read_to_string(PATHS[1].replace("BidiCharacterTest", "BidiTest")))
    else {
        panic!("{path} not found: install the Debian package `unicode-data`");
    };
    let mut want_levels: Vec<Option<u8>> = Vec::new();
    let mut want_order: Vec<usize> = Vec::new();
    let (mut applied, mut skipped) = (0usize, 0usize);
    let mut failures = Vec::new();
    for (n, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(l) = line.strip_prefix("@Levels:") {
            want_levels = l
                .split_whitespace()
                .map(|v| (v != "x").then(|| v.parse().unwrap()))
                .collect();
            continue;
        }
        if let Some(o) = line.strip_prefix("@Reorder:") {
            want_order = o.split_whitespace().map(|v| v.parse().unwrap()).collect();
            continue;
        }
        let (classes, bits) = line.split_once(';').expect("classes; bitset");
        let text: String = classes.split_whitespace().map(sample).collect();
        let bits: u8 = bits.trim().parse().unwrap();
        if text.trim_end_matches('\u{2029}').contains('\u{2029}') {
            skipped += bits.count_ones() as usize;
            continue;
        }
        for (bit, base) in [(1, None), (2, Some(Level::ltr())), (4, Some(Level::rtl()))] {
            if bits & bit == 0 {
                continue;
            }
            applied += 1;
            let info = BidiInfo::new(&text, base);
            let para_level = info.paragraphs[0].level.number();
            let classes: Vec<_> = text.chars().map(bidi_class).collect();
            let mut levels: Vec<u8> = text
                .char_indices()
                .map(|(i, _)| info.levels[i].number())
                .collect();
            apply_l1(&classes, &mut levels, para_level);
            let levels: Vec<Option<u8>> = levels
                .iter()
                .zip(&want_levels)
                .map(|(&l, want)| want.map(|_| l))
                .collect();
            let order = order_of(&levels);
            if levels != want_levels || order != want_order {
                failures.push(format!(
                    "line {} ({bit}): levels {levels:?} (want {want_levels:?}), order {order:?} (want {want_order:?})",
                    n + 1
                ));
            }
        }
    }
    eprintln!(
        "BidiTest.txt: {applied} cases applied, {skipped} skipped (paragraph separator inside)"
    );
    assert!(applied > 700_000, "only {applied} cases applied");
    assert!(
        failures.is_empty(),
        "{} of {applied} cases differ:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}
