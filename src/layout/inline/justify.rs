//! Justification: how the room left on a line is shared between word spaces
//! and kashidas.
//!
//! Arabic print stretches word spaces up to a limit, then elongates words
//! with kashidas, spread evenly, at most one per word (the places and their
//! rules are `kashida`'s). Latin text and lines without a kashida place stretch their
//! spaces only. Letters are never spaced apart.

/// Word spaces may grow by this fraction of their natural width before
/// kashidas are used (kashida mode): past a quarter, an Arabic line is
/// filled by elongating words rather than by wider gaps.
pub(crate) const SPACE_LIMIT: f32 = 0.25;
/// A line that would need its word spaces (with kashidas, counted as
/// stretch) wider than this many times their natural width cannot be
/// filled: its spaces and kashidas are spread to this limit and the line
/// ends short of the measure, with a layout warning (issue 16's last
/// resort, after a break inside a document symbol; its bound for the
/// loosest line). The lines it takes in the report stand before names that
/// cannot break, such as "(جمهورية-الإسلامية)": a break after their hyphen
/// would fill them, but every extractor then reads a space inside the
/// name. Spread to the limit, such a line ends 2–10 pt short; set at
/// its natural spacing, as at 3x before, it ended 50 pt short and read as a
/// paragraph's end.
pub(crate) const MAX_LOOSENESS: f32 = 2.0;
/// Word spaces may shrink by this fraction of their natural width: TeX's
/// interword shrink, a third of a space.
pub(crate) const SPACE_SHRINK: f32 = 1.0 / 3.0;
/// How far, as a fraction of their natural width, the word spaces of a
/// line grow at badness 100 for the line breaker in kashida mode: a little
/// under TeX's interword stretch of half a space (0.5 left the report's
/// 95th percentile at 1.41×, 0.45 gives 1.38×; `tools/typography.py`).
/// Kashidas are counted as the spaces' growth: they fill the same room,
/// and a line whose spaces would have to double reads loose with kashidas
/// too (issue 16: the 95th percentile of that growth at most 1.4×).
/// Counting a kashida's full em as cheap stretch, as the breaker did
/// before, let it choose lines 2× loose (p95 1.79×).
pub(crate) const BREAK_STRETCH: f32 = 0.45;
/// Stretch of a word space, as a fraction of its width, that counts as a
/// ratio of 1 for the line breaker in spaces mode.
pub(crate) const SPACE_STRETCH: f32 = 1.0;
/// Longest kashida (drawn width, tatweel included), in ems: a longer one
/// reads as a gap in the word.
pub(crate) const KASHIDA_MAX_EM: f32 = 1.0;
/// Preferred kashida length, in natural tatweel widths: fewer, longer
/// kashidas rather than many stubs.
const KASHIDA_PREFERRED: f32 = 1.5;
/// Kashidas per word at most (`kashida` keeps one place per word; ALREQ
/// and Microsoft's scheme elongate a word once).
const KASHIDAS_PER_WORD: usize = 1;

/// The kashidas chosen for a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KashidaPlan {
    /// Chosen places, as indices into the candidate list given.
    pub chosen: Vec<usize>,
}

/// Chooses kashida places for `room` points of elongation.
///
/// `words` lists, per eligible word in logical order, its candidate indices
/// best first. `tatweel` is the natural width of a tatweel and `max` the
/// longest kashida, in points. No kashida is shorter than a tatweel, so at
/// most `room / tatweel` are used.
pub(crate) fn plan_kashidas(
    room: f32,
    words: &[Vec<usize>],
    tatweel: f32,
    max: f32,
) -> KashidaPlan {
    let mut chosen = Vec::new();
    if room <= 0.0 || tatweel <= 0.0 || words.is_empty() {
        return KashidaPlan { chosen };
    }
    let slots: usize = words.iter().map(|w| w.len().min(KASHIDAS_PER_WORD)).sum();
    let by_length = (room / (KASHIDA_PREFERRED * tatweel)).round() as usize;
    let at_least = (room / max).ceil() as usize;
    let at_most = (room / tatweel).floor() as usize;
    let n = by_length.max(at_least).min(at_most).min(slots);
    let mut left = n;
    for round in 0..KASHIDAS_PER_WORD {
        if left == 0 {
            break;
        }
        let eligible: Vec<&Vec<usize>> = words.iter().filter(|w| w.len() > round).collect();
        let take = left.min(eligible.len());
        for k in spread(take, eligible.len()) {
            chosen.push(eligible[k][round]);
        }
        left -= take;
    }
    chosen.sort_unstable();
    KashidaPlan { chosen }
}

/// `take` indices out of `0..count`, spread evenly.
fn spread(take: usize, count: usize) -> impl Iterator<Item = usize> {
    (0..take).map(move |k| ((2 * k + 1) * count) / (2 * take))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_two_in_a_word() {
        // Three words with two places each; room for four kashidas: one each.
        let words = vec![vec![0, 1], vec![2, 3], vec![4, 5]];
        let plan = plan_kashidas(4.0 * 1.5 * 2.0, &words, 2.0, 10.0);
        assert_eq!(plan.chosen, vec![0, 2, 4]);
    }

    #[test]
    fn few_kashidas_are_spread_over_the_line() {
        let words: Vec<Vec<usize>> = (0..9).map(|k| vec![k]).collect();
        let plan = plan_kashidas(3.0 * 1.5 * 2.0, &words, 2.0, 10.0);
        assert_eq!(plan.chosen, vec![1, 4, 7]);
    }

    #[test]
    fn no_kashida_shorter_than_a_tatweel() {
        let words = vec![vec![0], vec![1]];
        assert!(plan_kashidas(1.5, &words, 2.0, 10.0).chosen.is_empty());
    }
}
