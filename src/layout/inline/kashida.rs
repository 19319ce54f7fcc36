//! Where a kashida (tatweel) may elongate an Arabic word, by priority.
//!
//! A place is a joint between two joined letters of one word. The rules,
//! each with its source:
//!
//! - **Only between two letters that join**: the letter before joins on both
//!   sides (Unicode `Joining_Type` D), the one after at least to its right
//!   (D or R). Never after a non-joining or right-joining letter (ا د ذ ر ز و
//!   ة…), which has no connection to stretch (W3C ALREQ, "Justification for
//!   Arabic script", §3.3.3: the kashida lengthens the connection between
//!   two joined letters).
//! - **Never inside a ligature**: not between lam and alef (the obligatory
//!   لا ligature; Amiri draws it as two contextual glyphs, so it is named
//!   here), and not before a letter that does not start its own glyph
//!   cluster in the paragraph's shaping (any glyph that carries several
//!   letters). A tatweel there breaks the ligature and reads as a misspelling
//!   ("بلـاغ"). ALREQ §3.3.3; Microsoft's rules, below, skip ligatures too.
//! - **The shaper agrees**: rustybuzz marks both letters
//!   `SAFE_TO_INSERT_TATWEEL` (HarfBuzz's flag: inserting U+0640 there does
//!   not change the shaping around it).
//! - **At most one per word, none in a word of three letters or fewer**: a
//!   word is elongated once, at its best place (ALREQ §3.3.3; Microsoft and
//!   LibreOffice choose one position per word). Short words (منع، على، غير)
//!   look broken when stretched.
//!
//! The priority of a place follows Microsoft's kashida scheme (written for
//! Internet Explorer 5.5 and Uniscribe, `SCRIPT_JUSTIFY_ARABIC_*` in
//! usp10.h; described in "The big kashida secret", khtt.net, and
//! implemented by LibreOffice, `i18nutil/source/utility/kashida.cxx`),
//! in the order ALREQ gives it, 1 being the best:
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

/// Words of this many letters or fewer get no kashida.
const SHORT_WORD_LETTERS: usize = 3;

/// Whether a letter is an alef, which forms the obligatory ligature with a
/// lam before it.
fn is_alef(c: char) -> bool {
    matches!(
        c,
        'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}'
    )
}

/// What the shaper says about the letters of a paragraph.
pub(crate) struct ShapingFacts<F: Fn(usize) -> bool, G: Fn(usize) -> bool> {
    /// The glyph cluster at a byte offset carries `SAFE_TO_INSERT_TATWEEL`.
    pub tatweel_ok: F,
    /// A glyph cluster starts at a byte offset (a letter that does not start
    /// one is inside a ligature with the letter before it).
    pub cluster_start: G,
}

/// Kashida places of a text, from its letters and the shaper's facts: at
/// most one per word (its best place: the lowest priority number, the later
/// place on a tie, since Arabic print elongates near the word's end), none
/// in a word of [`SHORT_WORD_LETTERS`] letters or fewer. Words are counted
/// from 0, one per run of non-space characters.
pub(crate) fn candidates<F, G>(text: &str, facts: &ShapingFacts<F, G>, out: &mut Vec<Candidate>)
where
    F: Fn(usize) -> bool,
    G: Fn(usize) -> bool,
{
    let mut word = 0;
    // Letters of the current joining sequence: (offset, char).
    let mut letters: Vec<(usize, char)> = Vec::new();
    // Places and letter count of the current word.
    let mut places: Vec<Candidate> = Vec::new();
    let mut word_letters = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                joints(&letters, word, facts, &mut places);
                letters.clear();
                best_of_word(&mut places, word_letters, out);
                word_letters = 0;
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
                joints(&letters, word, facts, &mut places);
                letters.clear();
            }
            _ => {
                letters.push((i, c));
                word_letters += 1;
            }
        }
    }
    joints(&letters, word, facts, &mut places);
    best_of_word(&mut places, word_letters, out);
}

/// The word's best place, if it is long enough to take one.
fn best_of_word(places: &mut Vec<Candidate>, letters: usize, out: &mut Vec<Candidate>) {
    if letters > SHORT_WORD_LETTERS {
        let best = places
            .iter()
            .min_by_key(|c| (c.priority, std::cmp::Reverse(c.pos)))
            .copied();
        out.extend(best);
    }
    places.clear();
}

/// The places of one joining sequence of a word.
fn joints<F, G>(
    letters: &[(usize, char)],
    word: usize,
    facts: &ShapingFacts<F, G>,
    out: &mut Vec<Candidate>,
) where
    F: Fn(usize) -> bool,
    G: Fn(usize) -> bool,
{
    let chars: Vec<char> = letters.iter().map(|&(_, c)| c).collect();
    for k in 1..letters.len() {
        let joins = matches!(joining(chars[k - 1]), Joining::Dual)
            && matches!(joining(chars[k]), Joining::Dual | Joining::Right);
        let lam_alef = chars[k - 1] == 'ل' && is_alef(chars[k]);
        let (before, after) = (letters[k - 1].0, letters[k].0);
        let in_ligature = !(facts.cluster_start)(after);
        if !joins || lam_alef || in_ligature {
            continue;
        }
        if !((facts.tatweel_ok)(before) && (facts.tatweel_ok)(after)) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every place the rules allow, shaping permitting everything.
    fn places(text: &str) -> Vec<(usize, u8)> {
        let mut out = Vec::new();
        let facts = ShapingFacts {
            tatweel_ok: |_| true,
            cluster_start: |_| true,
        };
        candidates(text, &facts, &mut out);
        out.iter()
            .map(|c| (text[..c.pos].chars().count(), c.priority))
            .collect()
    }

    #[test]
    fn seen_comes_first_and_a_word_gets_one_place() {
        // مسجد: after the seen (before jeem) is priority 1, before the final
        // dal 2; only the best is kept.
        assert_eq!(places("مسجد"), vec![(2, 1)]);
    }

    #[test]
    fn no_joint_after_right_joining_letter() {
        // دارك: dal, alef and reh do not join to the left; no place at all.
        assert!(places("دارك").is_empty());
    }

    #[test]
    fn never_between_lam_and_alef() {
        // بلاغ, للاتجار: the only joints the letters allow before an alef
        // follow a lam (the لا ligature).
        assert!(places("بلاغ").is_empty());
        let p = places("للاتجار");
        assert!(p.iter().all(|&(k, _)| k != 2), "{p:?}");
    }

    #[test]
    fn never_inside_a_ligature() {
        // مسجد with the jeem inside one glyph with the seen: the place
        // before the dal is left.
        let text = "مسجد";
        let jeem = text.char_indices().nth(2).unwrap().0;
        let facts = ShapingFacts {
            tatweel_ok: |_| true,
            cluster_start: |p| p != jeem,
        };
        let mut out = Vec::new();
        candidates(text, &facts, &mut out);
        let got: Vec<_> = out
            .iter()
            .map(|c| (text[..c.pos].chars().count(), c.priority))
            .collect();
        assert_eq!(got, vec![(3, 2)]);
    }

    #[test]
    fn short_words_get_none() {
        for word in ["منع", "على", "غير", "بها", "جنس"] {
            assert!(places(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn words_are_counted() {
        let mut out = Vec::new();
        let facts = ShapingFacts {
            tatweel_ok: |_| true,
            cluster_start: |_| true,
        };
        candidates("مسجد منع مدرسة", &facts, &mut out);
        let words: Vec<_> = out.iter().map(|c| c.word).collect();
        assert_eq!(words, vec![0, 2]);
    }
}
