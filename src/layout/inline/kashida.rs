//! Where a kashida (tatweel) may elongate an Arabic word, by priority.
//!
//! A place is a joint between two joined letters of one word where
//! rustybuzz marks both sides `SAFE_TO_INSERT_TATWEEL`; its priority follows
//! the order of the Arabic Layout Requirements (W3C ALREQ §3.3.3,
//! after Microsoft's Arabic justification rules), 1 being the best:
//!
//! 1. after an initial or medial Seen or Sad (س ش ص ض);
//! 2. before a final Teh Marbuta, Heh or Dal (ة ه د ذ);
//! 3. before a final Alef, Tah, Lam, Kaf or Gaf (ا ط ظ ل ك گ);
//! 4. before a medial Beh-like letter followed by Reh, Yeh or Alef Maqsura
//!    (the بر / بي shapes);
//! 5. before a final Waw, Ain, Qaf or Feh (و ع غ ق ف);
//! 6. before the final form of any other letter.
//!
//! Joints inside a word that match none of these (medial–medial) are not used:
//! Arabic print elongates the connection to a word's last letters.

/// How a letter joins its neighbours (Unicode `Joining_Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Joining {
    /// Joins on both sides.
    Dual,
    /// Joins only to the preceding letter (on its right).
    Right,
    /// Joins on both sides but has no shape of its own (tatweel, ZWJ).
    Causing,
    /// Transparent: marks, skipped by joining.
    Transparent,
    /// Does not join.
    None,
}

/// The joining type of an Arabic-block character (others do not join).
pub(crate) fn joining(c: char) -> Joining {
    match c as u32 {
        0x0622..=0x0625 | 0x0627 | 0x0629 | 0x062F..=0x0632 | 0x0648 => Joining::Right,
        0x0671..=0x0673 | 0x0675..=0x0677 | 0x0688..=0x0699 | 0x06C0 | 0x06C3..=0x06CB => {
            Joining::Right
        }
        0x06CD | 0x06CF | 0x06D2 | 0x06D3 | 0x06D5 | 0x06EE | 0x06EF => Joining::Right,
        0x0620 | 0x0626 | 0x0628 | 0x062A..=0x062E | 0x0633..=0x063F | 0x0641..=0x0647 => {
            Joining::Dual
        }
        0x0649 | 0x064A | 0x066E | 0x066F | 0x0678..=0x0687 | 0x069A..=0x06BF => Joining::Dual,
        0x06C1 | 0x06C2 | 0x06CC | 0x06CE | 0x06D0 | 0x06D1 | 0x06FA..=0x06FC | 0x06FF => {
            Joining::Dual
        }
        0x0640 | 0x200D => Joining::Causing,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 => {
            Joining::Transparent
        }
        0x06E7 | 0x06E8 | 0x06EA..=0x06ED | 0x200B => Joining::Transparent,
        _ => Joining::None,
    }
}

/// A place where a kashida may go: before the letter at `pos`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Byte offset of the letter after the joint (the tatweel goes before it).
    pub pos: usize,
    /// ALREQ priority, 1 (best) to 6.
    pub priority: u8,
    /// Index of the word (text between spaces) in the paragraph.
    pub word: usize,
}

fn is_seen_sad(c: char) -> bool {
    matches!(c, 'س' | 'ش' | 'ص' | 'ض' | '\u{069A}'..='\u{069E}')
}

fn is_beh_like(c: char) -> bool {
    matches!(
        c,
        'ب' | 'ت' | 'ث' | 'ن' | 'ي' | 'ئ' | 'ى' | '\u{066E}' | '\u{067E}' | '\u{06CC}'
    )
}

/// The ALREQ priority of the joint between letters `letters[k-1]` and `letters[k]`.
fn priority(letters: &[char], k: usize) -> Option<u8> {
    let before = letters[k - 1];
    let after = letters[k];
    let final_after =
        k + 1 == letters.len() || !matches!(joining(after), Joining::Dual | Joining::Causing);
    if is_seen_sad(before) {
        return Some(1);
    }
    if final_after && matches!(after, 'ة' | 'ه' | 'د' | 'ذ') {
        return Some(2);
    }
    if final_after
        && matches!(
            after,
            'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ط' | 'ظ' | 'ل' | 'ك' | 'گ'
        )
    {
        return Some(3);
    }
    if is_beh_like(after)
        && k + 1 < letters.len()
        && matches!(letters[k + 1], 'ر' | 'ز' | 'ي' | 'ى')
    {
        return Some(4);
    }
    if final_after && matches!(after, 'و' | 'ؤ' | 'ع' | 'غ' | 'ق' | 'ف') {
        return Some(5);
    }
    final_after.then_some(6)
}

/// Kashida places of a text, from its letters and the shaper's flags.
///
/// `tatweel_ok(pos)` says whether the glyph cluster at byte `pos` carries
/// `SAFE_TO_INSERT_TATWEEL`. Words are counted from `first_word`, one per
/// run of non-space characters.
pub(crate) fn candidates(text: &str, tatweel_ok: impl Fn(usize) -> bool, out: &mut Vec<Candidate>) {
    let mut word = 0;
    // Letters of the current word that take part in joining: (offset, char).
    let mut letters: Vec<(usize, char)> = Vec::new();
    let mut in_word = false;
    let flush = |letters: &mut Vec<(usize, char)>, word: usize, out: &mut Vec<Candidate>| {
        let chars: Vec<char> = letters.iter().map(|&(_, c)| c).collect();
        for k in 1..letters.len() {
            let joins = matches!(joining(chars[k - 1]), Joining::Dual)
                && matches!(joining(chars[k]), Joining::Dual | Joining::Right);
            if !joins {
                continue;
            }
            let (before, after) = (letters[k - 1].0, letters[k].0);
            if !(tatweel_ok(before) && tatweel_ok(after)) {
                continue;
            }
            if let Some(priority) = priority(&chars, k) {
                out.push(Candidate {
                    pos: after,
                    priority,
                    word,
                });
            }
        }
        letters.clear();
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                flush(&mut letters, word, out);
                word += 1;
                in_word = false;
            }
            continue;
        }
        in_word = true;
        match joining(c) {
            Joining::Transparent => {}
            // A non-joining character ends the joining sequence.
            Joining::None | Joining::Causing => {
                flush(&mut letters, word, out);
            }
            _ => letters.push((i, c)),
        }
    }
    flush(&mut letters, word, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Vec<(usize, u8)> {
        let mut out = Vec::new();
        candidates(text, |_| true, &mut out);
        out.iter()
            .map(|c| (text[..c.pos].chars().count(), c.priority))
            .collect()
    }

    #[test]
    fn seen_comes_first() {
        // مسجد: after the seen (before jeem) is priority 1, before the final dal 2.
        assert_eq!(places("مسجد"), vec![(2, 1), (3, 2)]);
    }

    #[test]
    fn no_joint_after_right_joining_letter() {
        // دار: dal and alef do not join to the left; no place at all.
        assert!(places("دار").is_empty());
    }

    #[test]
    fn final_lam_and_words_counted() {
        // فعل عمل: before the final lam in both words (priority 3).
        let mut out = Vec::new();
        candidates("فعل عمل", |_| true, &mut out);
        let finals: Vec<_> = out
            .iter()
            .filter(|c| c.priority == 3)
            .map(|c| c.word)
            .collect();
        assert_eq!(finals, vec![0, 1]);
    }
}
