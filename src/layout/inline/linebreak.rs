//! Optimal-fit line breaking (Knuth and Plass, "Breaking Paragraphs into
//! Lines", 1981), over the widths of the shaped text.
//!
//! Break points come from UAX #14; this module only chooses among them: the
//! set of lines whose total demerits is least, every line fitting the
//! measure with its word spaces shrunk at most to their limit.

/// A place where a line may end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Breakpoint {
    /// Byte offset where the next line starts (the line keeps the spaces before it).
    pub pos: usize,
    /// Cost of breaking here: 0 after a space, more inside a word;
    /// `f32::INFINITY` forbids the break (TeX's penalty of 10000): a slash
    /// inside a document symbol kept whole. Such a point still separates
    /// the symbol's parts, so the breaker does not take a last line that
    /// holds the symbol alone for a runt (a single short word): a symbol is
    /// no short word, and it cannot move up.
    pub penalty: f32,
}

/// What a candidate line measures, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fit {
    /// Natural width, without trailing spaces.
    pub natural: f32,
    /// How much it can grow.
    pub stretch: f32,
    /// How much it can shrink.
    pub shrink: f32,
    /// How much it can grow before it is too loose to fill: a justified
    /// line past this is spread to its limit and ends short
    /// (`justify::MAX_LOOSENESS`); infinite for a ragged line.
    pub room: f32,
}

/// Demerits added to every line, so that fewer lines are preferred.
const LINE_PENALTY: f32 = 10.0;
/// Badness of Knuth's "infinitely bad" line: the most a line that can be
/// filled costs; one too loose to fill costs more ([`too_loose`]).
const MAX_BADNESS: f32 = 10_000.0;
/// Demerits of a last line holding a single word under others (a runt),
/// about those of one line whose spaces grow to 1.9× (issue 16): the
/// breaker moves a word down unless that leaves a line looser than that.
/// A line too loose to fill costs a hundred times more: no runt is avoided
/// by ending a line short.
const RUNT_DEMERITS: f64 = 400_000.0;
/// Demerits of a line wider than the measure, used only when a single
/// unbreakable piece is wider than the line.
const OVERFULL: f64 = 1e15;

/// Badness of a line: 100·|r|³, r the stretch or shrink ratio used.
fn badness(fit: Fit, measure: f32, last: bool) -> Option<f32> {
    let gap = measure - fit.natural;
    if gap >= 0.0 {
        if last {
            return Some(0.0);
        }
        if gap < 0.005 {
            return Some(0.0);
        }
        if gap > fit.room + 0.005 || fit.stretch <= 0.0 {
            return Some(too_loose(gap - fit.room.min(gap), measure));
        }
        let r = gap / fit.stretch;
        Some((100.0 * r * r * r).min(MAX_BADNESS))
    } else {
        if fit.shrink <= 0.0 || -gap > fit.shrink + 0.005 {
            return None;
        }
        let r = -gap / fit.shrink;
        Some(100.0 * r * r * r)
    }
}

/// Badness of a line too loose to fill, past its [`Fit::room`], by how
/// `short` of the measure it ends once spread to its limit: all such lines
/// are "infinitely bad" (past [`MAX_BADNESS`], so that the breaker takes
/// any line it can fill first), but the shorter the worse, up to twice
/// [`MAX_BADNESS`]. With one flat value the breaker took any of them:
/// `جدول الأعمال المؤقَّت المشروح` alone on a line, its symbol
/// `(CTOC/COP/WG.4/2019/1،` sent down, rather than the line with it; and
/// rated by their stretch ratio, a line twice too loose with many spaces
/// beat one just too loose with few.
fn too_loose(short: f32, measure: f32) -> f32 {
    MAX_BADNESS * (1.0 + (short / measure).clamp(0.0, 1.0))
}

/// Chooses the line ends: indices into `points` (whose first entry is the
/// paragraph start and last the paragraph end), in order.
///
/// `fit(i, j)` measures the line from `points[i]` to `points[j]`.
pub(crate) fn optimal_breaks(
    points: &[Breakpoint],
    measure: f32,
    fit: impl Fn(usize, usize) -> Fit,
) -> Vec<usize> {
    let n = points.len();
    if n < 2 {
        return Vec::new();
    }
    // best[j]: least total demerits of lines ending at j, and the previous break.
    let mut best: Vec<(f64, usize)> = vec![(f64::INFINITY, 0); n];
    best[0] = (0.0, 0);
    for j in 1..n {
        if points[j].penalty.is_infinite() {
            continue;
        }
        let last = j == n - 1;
        let penalty = f64::from(points[j].penalty);
        for i in (0..j).rev() {
            if !best[i].0.is_finite() {
                continue;
            }
            let f = fit(i, j);
            let demerits = match badness(f, measure, last) {
                Some(b) => {
                    let d = f64::from(LINE_PENALTY + b);
                    let runt = if last && i > 0 && i + 1 == j {
                        RUNT_DEMERITS
                    } else {
                        0.0
                    };
                    d * d + penalty * penalty + runt
                }
                // A single piece wider than the line: allowed, at a price.
                None if i + 1 == j => OVERFULL,
                None => break,
            };
            let total = best[i].0 + demerits;
            if total < best[j].0 {
                best[j] = (total, i);
            }
            if f.natural - f.shrink > measure {
                // Starting earlier only makes the line wider.
                break;
            }
        }
    }
    let mut ends = Vec::new();
    let mut j = n - 1;
    while j > 0 {
        ends.push(j);
        j = best[j].1;
    }
    ends.reverse();
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the given widths separated by spaces of width 1 (stretch 1).
    fn words(widths: &[f32], measure: f32) -> Vec<usize> {
        let mut points = vec![Breakpoint {
            pos: 0,
            penalty: 0.0,
        }];
        let mut ends = vec![0.0];
        let mut x = 0.0;
        for (k, w) in widths.iter().enumerate() {
            x += w;
            ends.push(x);
            x += 1.0;
            points.push(Breakpoint {
                pos: k + 1,
                penalty: 0.0,
            });
        }
        optimal_breaks(&points, measure, |i, j| fit_of(&ends, i, j))
    }

    /// The line from piece `i` to piece `j`, `ends` the pieces' right edges
    /// with spaces of width 1 (stretch 1) between them.
    fn fit_of(ends: &[f32], i: usize, j: usize) -> Fit {
        let spaces = (j - i - 1) as f32;
        Fit {
            natural: ends[j] - ends[i] - if i > 0 { 1.0 } else { 0.0 },
            stretch: spaces,
            shrink: spaces * 0.2,
            room: spaces,
        }
    }

    #[test]
    fn everything_on_one_line_when_it_fits() {
        assert_eq!(words(&[3.0, 3.0, 3.0], 20.0), vec![3]);
    }

    /// Total demerits of a set of line ends, computed directly.
    fn demerits_of(widths: &[f32], measure: f32, ends: &[usize]) -> Option<f64> {
        let mut start = 0;
        let mut total = 0.0;
        for (k, &end) in ends.iter().enumerate() {
            let spaces = (end - start - 1) as f32;
            let natural: f32 = widths[start..end].iter().sum::<f32>() + spaces;
            let fit = Fit {
                natural,
                stretch: spaces,
                shrink: spaces * 0.2,
                room: spaces,
            };
            let b = match badness(fit, measure, k + 1 == ends.len()) {
                Some(b) => b,
                None if end - start == 1 => return Some(OVERFULL),
                None => return None,
            };
            let d = f64::from(LINE_PENALTY + b);
            total += d * d;
            if k + 1 == ends.len() && start > 0 && end - start == 1 {
                total += RUNT_DEMERITS;
            }
            start = end;
        }
        Some(total)
    }

    #[test]
    fn finds_the_least_demerits_of_all_breakings() {
        // Every way to break a few words, against the breaker's choice.
        let cases: [&[f32]; 4] = [
            &[4.0, 4.0, 4.0, 4.0, 4.0, 9.0],
            &[2.0, 7.0, 3.0, 3.0, 5.0, 1.0, 6.0],
            &[5.0, 5.0, 1.0, 1.0, 8.0, 2.0, 2.0, 4.0],
            &[3.0, 9.0, 2.0, 2.0, 2.0, 6.0, 3.0],
        ];
        for widths in cases {
            let n = widths.len();
            let measure = 15.0;
            let ours = words(widths, measure);
            let mut best = f64::INFINITY;
            for mask in 0..(1u32 << (n - 1)) {
                let mut ends: Vec<usize> = (1..n).filter(|k| mask & (1 << (k - 1)) != 0).collect();
                ends.push(n);
                if let Some(d) = demerits_of(widths, measure, &ends) {
                    best = best.min(d);
                }
            }
            let got = demerits_of(widths, measure, &ours).unwrap();
            assert!(
                (got - best).abs() < 1e-6,
                "{widths:?}: {ours:?} costs {got}, best {best}"
            );
        }
    }

    #[test]
    fn a_forbidden_break_never_ends_a_line() {
        // Four pieces of 6 with spaces of 1; a line of 13 holds two. The
        // break after the second is forbidden the second time.
        let ends = [0.0, 6.0, 13.0, 20.0, 27.0];
        let fit = |i, j| fit_of(&ends, i, j);
        let point = |pos, penalty| Breakpoint { pos, penalty };
        let mut points: Vec<Breakpoint> = (0..5).map(|k| point(k, 0.0)).collect();
        assert_eq!(optimal_breaks(&points, 13.0, fit), vec![2, 4]);
        points[2].penalty = f32::INFINITY;
        assert_eq!(optimal_breaks(&points, 13.0, fit), vec![1, 3, 4]);
    }

    #[test]
    fn of_lines_too_loose_to_fill_the_fuller_is_worth_less() {
        let fit = |natural| Fit {
            natural,
            stretch: 1.0,
            shrink: 0.2,
            room: 1.0,
        };
        // Both far past the flat maximum (ratio 10 and 40).
        let fuller = badness(fit(90.0), 100.0, false).unwrap();
        let emptier = badness(fit(60.0), 100.0, false).unwrap();
        assert!(
            MAX_BADNESS < fuller && fuller < emptier,
            "{fuller} {emptier}"
        );
        // No stretch at all: the same order.
        let none = |natural| Fit {
            natural,
            stretch: 0.0,
            shrink: 0.0,
            room: 0.0,
        };
        assert!(badness(none(90.0), 100.0, false) < badness(none(60.0), 100.0, false));
        // A line that can be filled stays under the maximum.
        assert!(badness(fit(99.0), 100.0, false).unwrap() <= 100.0);
        // Rated by how short they end, not by their ratio: half the line
        // left with many spaces (ratio 4.5) is worse than 5 % with few
        // (ratio 5), though 100·r³ rates it lower.
        let many = Fit {
            natural: 50.0,
            stretch: 11.0,
            shrink: 2.2,
            room: 11.0,
        };
        let few = badness(fit(95.0), 100.0, false).unwrap();
        assert!(few < badness(many, 100.0, false).unwrap());
        // Any line that can be filled beats any that cannot.
        let filled = Fit {
            natural: 50.0,
            stretch: 50.0,
            shrink: 10.0,
            room: 50.0,
        };
        assert!(badness(filled, 100.0, false).unwrap() < few);
    }

    #[test]
    fn a_word_wider_than_the_line_stands_alone() {
        assert_eq!(words(&[2.0, 30.0, 2.0], 10.0), vec![1, 2, 3]);
    }
}
