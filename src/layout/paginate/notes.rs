//! Notes at the foot of the page: which of a page's notes fit under its
//! body, and where their lines go. Note lines keep the notes' leading,
//! except where the ink of two adjacent lines would collide (fully
//! vocalized notes: a shadda with its fatha under a kasra of the line
//! above); there the lower line moves down just enough, as in the body
//! (`super::super::ink`).

use super::{line_x, place};
use crate::layout::ink::{self, InkBoxes, LineInk};
use crate::layout::pieces::{Piece, Role};
use crate::layout::{Geometry, Line, Page, Rect};

/// From the last body line's baseline to the first note's, at least: room
/// for the notes' rule (drawn 0.9 of the notes' leading, 15 pt, above the
/// first note's baseline) under the body's descenders (Amiri's reach
/// 7.6 pt below the baseline at 12 pt) with air on both sides. (16 pt was
/// enough while pages ended where they fell; a page balanced down to its
/// notes put the rule 1 pt under the last body line's baseline.)
pub(super) const NOTE_SEPARATION: f32 = 24.0;
/// The notes' rule: its length (a fraction of the text width) and weight.
const NOTE_RULE: (f32, f32) = (0.3, 0.5);

/// Every note's pieces: label and text, and the ink of the text's lines.
pub(super) struct Notes {
    /// Per note: (label piece, body piece).
    pub pieces: Vec<(usize, usize)>,
    /// Distance between the notes' baselines.
    pub leading: f32,
    /// Per note, per line of its text: its ink (the first line's with its
    /// label, which rides on it).
    inks: Vec<Vec<LineInk>>,
    /// Per note, per line: the extra space above it that its ink needs
    /// under the line before in the same note (0 for the first line).
    inner: Vec<Vec<f32>>,
}

impl Notes {
    pub fn new(
        pieces: &[Piece],
        set: &[Vec<Line>],
        ink: &mut InkBoxes,
        geometry: &Geometry,
    ) -> Notes {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut size = geometry.body_size;
        for (p, piece) in pieces.iter().enumerate() {
            match (piece.role, piece.note) {
                (Role::NoteLabel, Some(k)) if k == out.len() => out.push((p, p)),
                (Role::NoteBody, Some(k)) if k + 1 == out.len() => {
                    out[k].1 = p;
                    size = piece.size;
                }
                _ => {}
            }
        }
        let leading = geometry.leading * size / geometry.body_size;
        let inks: Vec<Vec<LineInk>> = out
            .iter()
            .map(|&(label, body)| {
                let mut lines: Vec<LineInk> = set[body]
                    .iter()
                    .map(|line| ink.line(line, line_x(line, &pieces[body], geometry)))
                    .collect();
                if let (Some(first), Some(hang)) = (lines.first_mut(), set[label].first()) {
                    if label != body {
                        first.extend(ink.line(hang, line_x(hang, &pieces[label], geometry)));
                    }
                }
                lines
            })
            .collect();
        let inner = inks
            .iter()
            .map(|lines| {
                (0..lines.len())
                    .map(|k| match k {
                        0 => 0.0,
                        _ => ink::extra(&lines[k - 1], &lines[k], leading),
                    })
                    .collect()
            })
            .collect();
        Notes {
            pieces: out,
            leading,
            inks,
            inner,
        }
    }

    /// The advance above each line of `runs`, in order: 0 for the first,
    /// else the leading and what the ink needs.
    fn advances(&self, runs: &[NoteRun]) -> Vec<f32> {
        let mut out = Vec::new();
        let mut prev: Option<(usize, usize)> = None;
        for run in runs {
            for k in run.from..run.to {
                out.push(match prev {
                    None => 0.0,
                    Some((note, _)) if note == run.note => self.leading + self.inner[note][k],
                    Some((note, line)) => {
                        let (upper, lower) = (&self.inks[note][line], &self.inks[run.note][k]);
                        self.leading + ink::extra(upper, lower, self.leading)
                    }
                });
                prev = Some((run.note, k));
            }
        }
        out
    }
}

/// A run of a note's lines on one page: the note and its lines `from..to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct NoteRun {
    pub note: usize,
    pub from: usize,
    pub to: usize,
}

/// The notes of a page being filled: the continuation of a note from the
/// page before, then the notes its lines refer to.
pub(super) struct PageNotes<'a> {
    pub notes: &'a Notes,
    pub set: &'a [Vec<Line>],
    pub carry: Option<NoteRun>,
}

impl PageNotes<'_> {
    pub fn lines(&self, note: usize) -> usize {
        self.set[self.notes.pieces[note].1].len()
    }

    /// Every line of the carried note and the notes `refs`, unsplit.
    pub fn all_runs(&self, refs: &[usize]) -> Vec<NoteRun> {
        let mut runs: Vec<NoteRun> = self.carry.into_iter().collect();
        runs.extend(refs.iter().map(|&note| NoteRun {
            note,
            from: 0,
            to: self.lines(note),
        }));
        runs
    }

    /// The note runs of a page whose lines refer to `refs`, with `room`
    /// points below the last body line; `None` when they cannot share the
    /// page: every run but the last must fit whole, and the last at least
    /// its first line (the rest continues on the next page).
    pub fn fit(&self, refs: &[usize], room: f32) -> Option<Vec<NoteRun>> {
        let mut runs = self.all_runs(refs);
        // (The 1/1000 line: a page balanced to its notes' room holds exactly
        // as many lines, not one fewer by rounding.)
        let room = room - NOTE_SEPARATION + 1e-3 * self.notes.leading;
        let mut used = 0.0;
        let mut advances = self.notes.advances(&runs).into_iter();
        for r in 0..runs.len() {
            let run = runs[r];
            for k in run.from..run.to {
                used += advances.next().unwrap_or(0.0);
                if used > room {
                    if r + 1 < runs.len() || k == run.from {
                        return None;
                    }
                    runs[r].to = k;
                    return Some(runs);
                }
            }
        }
        Some(runs)
    }

    /// From the first of the runs' baselines to the last, points.
    pub fn height(&self, runs: &[NoteRun]) -> f32 {
        self.notes.advances(runs).iter().sum()
    }
}

/// Places the note runs at the foot of the page, under a short rule at the
/// start edge: the last line on the bottom of the text block. In the
/// content order, each note comes right after the last line on the page of
/// the piece that refers to it; a note continued from the page before comes
/// first.
pub(super) fn place_notes(
    page: &mut Page,
    runs: &[NoteRun],
    notes: &Notes,
    (pieces, set): (&[Piece], &[Vec<Line>]),
    geometry: &Geometry,
) {
    let advances = notes.advances(runs);
    if advances.is_empty() {
        return;
    }
    let limit = geometry.height - geometry.bottom;
    let mut y = limit - advances.iter().sum::<f32>();
    let (length, weight) = NOTE_RULE;
    let width = geometry.text_width() * length;
    let rtl = pieces.first().is_some_and(|p| p.rtl);
    page.rules.push(Rect {
        x: if rtl {
            geometry.width - geometry.right - width
        } else {
            geometry.left
        },
        y: y - notes.leading * 0.9,
        width,
        height: weight,
    });
    let mut advances = advances.into_iter();
    for run in runs {
        let (label, body) = notes.pieces[run.note];
        let mut placed = Vec::new();
        for (index, line) in set[body].iter().enumerate().take(run.to).skip(run.from) {
            y += advances.next().unwrap_or(0.0);
            if index == 0 {
                for (k, hang) in set[label].iter().enumerate() {
                    let at = y + k as f32 * notes.leading;
                    placed.push(place(label, k, at, hang, &pieces[label], geometry));
                }
            }
            placed.push(place(body, index, y, line, &pieces[body], geometry));
        }
        // After the referring piece's last line on the page (its
        // reference's piece comes just before the note's pieces).
        let referrer = (0..label).rev().find(|&p| !is_note(pieces[p].role));
        let at = if run.from > 0 {
            0
        } else {
            referrer
                .and_then(|r| page.lines.iter().rposition(|l| l.piece == r))
                .map_or(page.lines.len(), |k| after_notes(page, pieces, k + 1))
        };
        page.lines.splice(at..at, placed);
    }
}

fn is_note(role: Role) -> bool {
    matches!(role, Role::NoteLabel | Role::NoteBody)
}

/// The position after the notes that already follow position `k`.
fn after_notes(page: &Page, pieces: &[Piece], mut k: usize) -> usize {
    while k < page.lines.len() && is_note(pieces[page.lines[k].piece].role) {
        k += 1;
    }
    k
}
