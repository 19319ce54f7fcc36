//! Per-line reordering: rules L1 and L2 of the Unicode Bidirectional
//! Algorithm (UAX #9), applied to each line after line breaking.
//!
//! Both functions work on any sequence of units (characters of a line in
//! the conformance test, runs of a line in the text engine): `classes`
//! and `levels` have one entry per unit, in logical order.

use unicode_bidi::BidiClass;

/// Rule L1: resets to the paragraph level segment and paragraph separators,
/// and any sequence of whitespace and isolate formatting characters before
/// them or at the end of the line.
///
/// Characters removed by rule X9 (embedding controls and boundary
/// neutrals) are transparent: they join the whitespace sequence they sit in
/// (UAX #9 §5.2), and get the level of that sequence.
pub fn apply_l1(classes: &[BidiClass], levels: &mut [u8], para_level: u8) {
    debug_assert_eq!(classes.len(), levels.len());
    // Walking backwards, `resetting` holds while every unit seen since the
    // line's end or the last separator is whitespace-like.
    let mut resetting = true;
    for i in (0..classes.len()).rev() {
        match classes[i] {
            BidiClass::S | BidiClass::B => {
                levels[i] = para_level;
                resetting = true;
            }
            BidiClass::WS
            | BidiClass::FSI
            | BidiClass::LRI
            | BidiClass::RLI
            | BidiClass::PDI
            | BidiClass::BN
            | BidiClass::LRE
            | BidiClass::RLE
            | BidiClass::LRO
            | BidiClass::RLO
            | BidiClass::PDF => {
                if resetting {
                    levels[i] = para_level;
                }
            }
            _ => resetting = false,
        }
    }
}

/// Rule L2: the visual order of the units, left to right, as indices into
/// the logical order. From the highest level down to the lowest odd level,
/// every maximal sequence at that level or higher is reversed.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&highest) = levels.iter().max() else {
        return order;
    };
    let lowest_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(highest + 1);
    let mut level = highest;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_run_in_ltr_line_is_reversed() {
        assert_eq!(visual_order(&[0, 1, 1, 1, 0]), vec![0, 3, 2, 1, 4]);
    }

    #[test]
    fn numbers_inside_rtl_keep_their_order() {
        // R R EN EN R at levels 1 1 2 2 1: digits stay left to right.
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), vec![4, 2, 3, 1, 0]);
    }

    #[test]
    fn trailing_whitespace_goes_to_paragraph_level() {
        use BidiClass::*;
        let mut levels = [2, 2, 2, 1];
        apply_l1(&[L, WS, L, WS], &mut levels, 1);
        assert_eq!(levels, [2, 2, 2, 1]);
        let mut levels = [2, 2, 2, 2];
        apply_l1(&[L, L, WS, WS], &mut levels, 1);
        assert_eq!(levels, [2, 2, 1, 1]);
    }
}
