//! Where a run may be cut at a space and shaped word by word.
//!
//! rustybuzz shapes a run as a whole. A word shaped on its own and set beside
//! its neighbours gives the same glyphs unless a lookup of the font matches a
//! sequence that crosses the space between them. Such a match must match the
//! space itself: a space is a base glyph, and no lookup of a font this
//! analysis accepts skips base glyphs. So the glyphs that may stand right
//! before and right after a space in the font's rules say which word edges
//! need their neighbour. Amiri has two such rules: a word whose first letter
//! is a kaf or a gaf is kerned towards a preceding "ة " or "ه " (GPOS lookup
//! 38), and an overline (U+0305) after a space takes its form from what
//! precedes (GSUB lookup 204). Of the report's 5,223 spaces between words, 6
//! stand between such edges.
//!
//! The analysis over-approximates, which only costs cache hits:
//! - every lookup is read, whether a feature uses it or not;
//! - a character may stand at a rule's place if any chain of substitutions
//!   can turn its glyph into one the rule names;
//! - a kerning pair or a rule counts even when it changes nothing.
//!
//! Fonts with layout tables it does not read (AAT `morx`/`kerx`, `kern`,
//! `trak`), with a lookup that skips base glyphs, with a cursive-attachment
//! space, with substitutions that delete glyphs, or with a subtable
//! ttf-parser cannot read, are shaped run by run as before
//! ([`SpaceRules::analyze`] returns `None`).

use ttf_parser::gdef::GlyphClass;
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable, ValueRecord};
use ttf_parser::gsub::SubstitutionSubtable;
use ttf_parser::opentype_layout::{
    ChainedContextLookup, ClassDefinition, ContextLookup, Coverage, LayoutTable,
};
use ttf_parser::{Face, GlyphId, LazyArray16};

/// A set of glyph ids.
#[derive(Clone, PartialEq, Eq)]
struct Glyphs(Box<[u64]>);

impl Glyphs {
    fn new() -> Self {
        Glyphs(vec![0; 1024].into_boxed_slice())
    }

    fn insert(&mut self, g: u16) -> bool {
        let (w, b) = (usize::from(g) / 64, 1u64 << (g % 64));
        let new = self.0[w] & b == 0;
        self.0[w] |= b;
        new
    }

    fn contains(&self, g: u16) -> bool {
        self.0[usize::from(g) / 64] & (1u64 << (g % 64)) != 0
    }
}

/// One place of a rule: the glyphs it matches.
#[derive(Clone)]
enum Place<'a> {
    Glyph(u16),
    Coverage(Coverage<'a>),
    /// A class of a class definition, within a coverage (a rule's first
    /// input glyph) or not.
    Class(ClassDefinition<'a>, u16, Option<Coverage<'a>>),
    Set(std::rc::Rc<Glyphs>),
}

impl Place<'_> {
    fn contains(&self, g: u16) -> bool {
        match self {
            Place::Glyph(x) => *x == g,
            Place::Coverage(c) => c.contains(GlyphId(g)),
            Place::Class(def, class, within) => {
                def.get(GlyphId(g)) == *class && within.is_none_or(|c| c.contains(GlyphId(g)))
            }
            Place::Set(s) => s.contains(g),
        }
    }

    fn glyphs(&self, count: u16) -> Glyphs {
        let mut set = Glyphs::new();
        match self {
            Place::Glyph(x) => {
                set.insert(*x);
            }
            Place::Coverage(c) => coverage_glyphs(c, |g| {
                set.insert(g);
            }),
            Place::Class(def, class, Some(c)) => coverage_glyphs(c, |g| {
                if def.get(GlyphId(g)) == *class {
                    set.insert(g);
                }
            }),
            Place::Class(def, class, None) => {
                for g in 0..count {
                    if def.get(GlyphId(g)) == *class {
                        set.insert(g);
                    }
                }
            }
            Place::Set(s) => set = (**s).clone(),
        }
        set
    }
}

/// Calls `f` with every glyph of a coverage, in coverage-index order.
fn coverage_glyphs(c: &Coverage, mut f: impl FnMut(u16)) {
    match c {
        Coverage::Format1 { glyphs } => glyphs.into_iter().for_each(|g| f(g.0)),
        Coverage::Format2 { records } => {
            for r in records.into_iter() {
                for g in r.start.0..=r.end.0 {
                    f(g);
                }
            }
        }
    }
}

/// The glyph of each coverage index.
fn coverage_list(c: &Coverage) -> Vec<u16> {
    let mut out = Vec::new();
    coverage_glyphs(c, |g| out.push(g));
    out
}

/// The characters that may stand right before and right after a space in
/// one of the font's rules (`None`: the rule has no place on that side).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sides {
    before: Option<Vec<u32>>,
    after: Option<Vec<u32>>,
}

/// The font's rules that can match across a space, as characters.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpaceRules {
    sides: Vec<Sides>,
}

/// What the analysis gathers from the lookups.
struct Gather<'a> {
    count: u16,
    /// The space glyph and every glyph a substitution can make of it.
    spaces: Vec<u16>,
    /// Rule sequences (logical order) with a place that may match a space.
    sequences: Vec<Vec<Place<'a>>>,
    /// Substitutions: input glyph → output glyph.
    edges: Vec<(u16, u16)>,
}

/// Why the analysis gave up on a font.
struct Unsupported;

impl SpaceRules {
    /// Reads the font's lookups; `None` when it cannot vouch for any cut.
    pub(crate) fn analyze(face: &Face, chars: &[u32]) -> Option<SpaceRules> {
        let tables = face.tables();
        if tables.kern.is_some()
            || tables.kerx.is_some()
            || tables.morx.is_some()
            || tables.trak.is_some()
        {
            return None;
        }
        let space = face.glyph_index(' ')?.0;
        let layouts: Vec<(LayoutTable, bool)> = [(tables.gsub, true), (tables.gpos, false)]
            .into_iter()
            .filter_map(|(t, sub)| Some((t?, sub)))
            .collect();
        let mut gather = Gather {
            count: face.number_of_glyphs(),
            spaces: vec![space],
            sequences: Vec::new(),
            edges: Vec::new(),
        };
        // Substitutions first (they say what a space may become), then the
        // rules of both tables.
        for (table, sub) in &layouts {
            for lookup in table.lookups {
                if lookup.flags.ignore_base_glyphs() {
                    return None;
                }
                if *sub {
                    for i in 0..lookup.subtables.len() {
                        let t = lookup.subtables.get::<SubstitutionSubtable>(i)?;
                        substitutions(&t, &mut gather.edges).ok()?;
                    }
                }
            }
        }
        gather.spaces = closure(&gather.edges, &gather.spaces, false);
        if let Some(gdef) = tables.gdef {
            let odd = |g: &u16| {
                matches!(
                    gdef.glyph_class(GlyphId(*g)),
                    Some(GlyphClass::Mark | GlyphClass::Ligature | GlyphClass::Component)
                )
            };
            if gather.spaces.iter().any(odd) {
                return None;
            }
        }
        for (table, sub) in &layouts {
            for lookup in table.lookups {
                for i in 0..lookup.subtables.len() {
                    let found = if *sub {
                        let t = lookup.subtables.get::<SubstitutionSubtable>(i)?;
                        gather.substitution_rules(&t)
                    } else {
                        let t = lookup.subtables.get::<PositioningSubtable>(i)?;
                        gather.positioning_rules(&t)
                    };
                    found.ok()?;
                }
            }
        }
        Some(gather.sides(face, chars))
    }

    /// Whether a space may be cut out of the run: no rule of the font can
    /// match it with `before` (the characters of the cluster just before it;
    /// empty at the run's start) and `after` (just after it).
    pub(crate) fn cut_ok(&self, before: &[char], after: &[char]) -> bool {
        let hit = |set: &Option<Vec<u32>>, chars: &[char]| match set {
            None => true,
            Some(set) => chars
                .iter()
                .any(|c| set.binary_search(&(*c as u32)).is_ok()),
        };
        !self
            .sides
            .iter()
            .any(|s| hit(&s.before, before) && hit(&s.after, after))
    }
}

/// Adds a substitution subtable's input → output pairs.
fn substitutions(t: &SubstitutionSubtable, edges: &mut Vec<(u16, u16)>) -> Result<(), Unsupported> {
    use ttf_parser::gsub::SingleSubstitution;
    match t {
        SubstitutionSubtable::Single(s) => match s {
            SingleSubstitution::Format1 { coverage, delta } => coverage_glyphs(coverage, |g| {
                edges.push((g, (i32::from(g) + i32::from(*delta)) as u16));
            }),
            SingleSubstitution::Format2 {
                coverage,
                substitutes,
            } => {
                for (g, out) in coverage_list(coverage).into_iter().zip(*substitutes) {
                    edges.push((g, out.0));
                }
            }
        },
        SubstitutionSubtable::Multiple(m) => {
            for (i, g) in coverage_list(&m.coverage).into_iter().enumerate() {
                let seq = m.sequences.get(i as u16).ok_or(Unsupported)?;
                if seq.substitutes.is_empty() {
                    // A deletion: the glyph next to a space could change.
                    return Err(Unsupported);
                }
                edges.extend(seq.substitutes.into_iter().map(|o| (g, o.0)));
            }
        }
        SubstitutionSubtable::Alternate(a) => {
            for (i, g) in coverage_list(&a.coverage).into_iter().enumerate() {
                let set = a.alternate_sets.get(i as u16).ok_or(Unsupported)?;
                edges.extend(set.alternates.into_iter().map(|o| (g, o.0)));
            }
        }
        SubstitutionSubtable::Ligature(l) => {
            for (i, g) in coverage_list(&l.coverage).into_iter().enumerate() {
                let set = l.ligature_sets.get(i as u16).ok_or(Unsupported)?;
                for lig in set {
                    edges.push((g, lig.glyph.0));
                    edges.extend(lig.components.into_iter().map(|c| (c.0, lig.glyph.0)));
                }
            }
        }
        SubstitutionSubtable::ReverseChainSingle(r) => {
            for (g, out) in coverage_list(&r.coverage).into_iter().zip(r.substitutes) {
                edges.push((g, out.0));
            }
        }
        SubstitutionSubtable::Context(_) | SubstitutionSubtable::ChainContext(_) => {}
    }
    Ok(())
}

/// The glyphs reachable from `start` through `edges` (forwards), or the
/// glyphs from which `start` is reachable (`backwards`).
fn closure(edges: &[(u16, u16)], start: &[u16], backwards: bool) -> Vec<u16> {
    let mut set = Glyphs::new();
    let mut all: Vec<u16> = start.iter().copied().filter(|g| set.insert(*g)).collect();
    loop {
        let before = all.len();
        for &(a, b) in edges {
            let (from, to) = if backwards { (b, a) } else { (a, b) };
            if set.contains(from) && set.insert(to) {
                all.push(to);
            }
        }
        if all.len() == before {
            return all;
        }
    }
}

/// A glyph- or class-based rule's places in logical order: the backtrack
/// (stored nearest first) reversed, the first input glyph, the rest of the
/// input, the lookahead; `place` makes a place of each stored value, for the
/// backtrack, the input and the lookahead.
fn rule_places<'p>(
    back: LazyArray16<u16>,
    first: Place<'p>,
    input: LazyArray16<u16>,
    ahead: LazyArray16<u16>,
    place: [&dyn Fn(u16) -> Place<'p>; 3],
) -> Vec<Place<'p>> {
    let back: Vec<u16> = back.into_iter().collect();
    let mut seq: Vec<Place> = back.into_iter().rev().map(place[0]).collect();
    seq.push(first);
    seq.extend(input.into_iter().map(place[1]));
    seq.extend(ahead.into_iter().map(place[2]));
    seq
}

/// Whether a value record moves anything.
fn moves(v: &ValueRecord) -> bool {
    v.x_placement != 0
        || v.y_placement != 0
        || v.x_advance != 0
        || v.y_advance != 0
        || v.x_placement_device.is_some()
        || v.y_placement_device.is_some()
        || v.x_advance_device.is_some()
        || v.y_advance_device.is_some()
}

impl<'a> Gather<'a> {
    fn matches_space(&self, place: &Place) -> bool {
        self.spaces.iter().any(|&s| place.contains(s))
    }

    /// Keeps a rule sequence if a place of it may match a space.
    fn rule(&mut self, seq: Vec<Place<'a>>) {
        if seq.len() > 1 && seq.iter().any(|p| self.matches_space(p)) {
            self.sequences.push(seq);
        }
    }

    fn substitution_rules(&mut self, t: &SubstitutionSubtable<'a>) -> Result<(), Unsupported> {
        match t {
            SubstitutionSubtable::Ligature(l) => {
                for (i, g) in coverage_list(&l.coverage).into_iter().enumerate() {
                    let set = l.ligature_sets.get(i as u16).ok_or(Unsupported)?;
                    for lig in set {
                        let mut seq = vec![Place::Glyph(g)];
                        seq.extend(lig.components.into_iter().map(|c| Place::Glyph(c.0)));
                        self.rule(seq);
                    }
                }
            }
            SubstitutionSubtable::Context(c) => self.context(c)?,
            SubstitutionSubtable::ChainContext(c) => self.chain(c)?,
            SubstitutionSubtable::ReverseChainSingle(r) => {
                let mut seq: Vec<Place> = Vec::new();
                for i in (0..r.backtrack_coverages.len()).rev() {
                    seq.push(Place::Coverage(
                        r.backtrack_coverages.get(i).ok_or(Unsupported)?,
                    ));
                }
                seq.push(Place::Coverage(r.coverage));
                for c in r.lookahead_coverages {
                    seq.push(Place::Coverage(c));
                }
                self.rule(seq);
            }
            _ => {}
        }
        Ok(())
    }

    fn positioning_rules(&mut self, t: &PositioningSubtable<'a>) -> Result<(), Unsupported> {
        match t {
            PositioningSubtable::Pair(p) => self.pairs(p)?,
            PositioningSubtable::Cursive(c)
                if self.spaces.iter().any(|&s| c.coverage.contains(GlyphId(s))) =>
            {
                return Err(Unsupported);
            }
            PositioningSubtable::Context(c) => self.context(c)?,
            PositioningSubtable::ChainContext(c) => self.chain(c)?,
            // A mark attaches across a space only when a word starts with a
            // mark, which the cut refuses anyway; single adjustments are
            // context-free.
            _ => {}
        }
        Ok(())
    }

    fn pairs(&mut self, p: &PairAdjustment<'a>) -> Result<(), Unsupported> {
        let spaces = self.spaces.clone();
        let count = self.count;
        match p {
            PairAdjustment::Format1 { coverage, sets } => {
                for (i, first) in coverage_list(coverage).into_iter().enumerate() {
                    let set = sets.get(i as u16).ok_or(Unsupported)?;
                    let kerned = |second: u16| {
                        set.get(GlyphId(second))
                            .is_some_and(|(a, b)| moves(&a) || moves(&b))
                    };
                    for &s in &spaces {
                        if kerned(s) {
                            self.rule(vec![Place::Glyph(first), Place::Glyph(s)]);
                        }
                    }
                    if spaces.contains(&first) {
                        let mut after = Glyphs::new();
                        (0..count).filter(|&g| kerned(g)).for_each(|g| {
                            after.insert(g);
                        });
                        self.rule(vec![Place::Glyph(first), Place::Set(after.into())]);
                    }
                }
            }
            PairAdjustment::Format2 {
                coverage,
                classes,
                matrix,
            } => {
                let kerned = |c1: u16, c2: u16| {
                    matrix
                        .get((c1, c2))
                        .is_some_and(|(a, b)| moves(&a) || moves(&b))
                };
                let firsts = coverage_list(coverage);
                for &s in &spaces {
                    let c2 = classes.1.get(GlyphId(s));
                    let mut before = Glyphs::new();
                    for &g in &firsts {
                        if kerned(classes.0.get(GlyphId(g)), c2) {
                            before.insert(g);
                        }
                    }
                    self.rule(vec![Place::Set(before.into()), Place::Glyph(s)]);
                    if coverage.contains(GlyphId(s)) {
                        let c1 = classes.0.get(GlyphId(s));
                        let mut after = Glyphs::new();
                        for g in 0..count {
                            if kerned(c1, classes.1.get(GlyphId(g))) {
                                after.insert(g);
                            }
                        }
                        self.rule(vec![Place::Glyph(s), Place::Set(after.into())]);
                    }
                }
            }
        }
        Ok(())
    }

    fn context(&mut self, c: &ContextLookup<'a>) -> Result<(), Unsupported> {
        let none = LazyArray16::default;
        match *c {
            ContextLookup::Format1 { coverage, sets } => {
                for (i, first) in coverage_list(&coverage).into_iter().enumerate() {
                    for rule in sets.get(i as u16).into_iter().flatten() {
                        let glyph = &|g| Place::Glyph(g);
                        let first = Place::Glyph(first);
                        self.rule(rule_places(none(), first, rule.input, none(), [glyph; 3]));
                    }
                }
            }
            ContextLookup::Format2 {
                coverage,
                classes,
                sets,
            } => {
                for i in 0..sets.len() {
                    for rule in sets.get(i).into_iter().flatten() {
                        let class = &|k| Place::Class(classes, k, None);
                        let first = Place::Class(classes, i, Some(coverage));
                        self.rule(rule_places(none(), first, rule.input, none(), [class; 3]));
                    }
                }
            }
            ContextLookup::Format3 {
                coverage,
                coverages,
                ..
            } => {
                let mut seq = vec![Place::Coverage(coverage)];
                seq.extend(coverages.into_iter().map(Place::Coverage));
                self.rule(seq);
            }
        }
        Ok(())
    }

    fn chain(&mut self, c: &ChainedContextLookup<'a>) -> Result<(), Unsupported> {
        match *c {
            ChainedContextLookup::Format1 { coverage, sets } => {
                for (i, first) in coverage_list(&coverage).into_iter().enumerate() {
                    for rule in sets.get(i as u16).into_iter().flatten() {
                        let glyph = &|g| Place::Glyph(g);
                        let first = Place::Glyph(first);
                        let (back, input, ahead) = (rule.backtrack, rule.input, rule.lookahead);
                        self.rule(rule_places(back, first, input, ahead, [glyph; 3]));
                    }
                }
            }
            ChainedContextLookup::Format2 {
                coverage,
                backtrack_classes,
                input_classes,
                lookahead_classes,
                sets,
            } => {
                for i in 0..sets.len() {
                    for rule in sets.get(i).into_iter().flatten() {
                        let first = Place::Class(input_classes, i, Some(coverage));
                        let classes: [&dyn Fn(u16) -> Place<'a>; 3] = [
                            &|k| Place::Class(backtrack_classes, k, None),
                            &|k| Place::Class(input_classes, k, None),
                            &|k| Place::Class(lookahead_classes, k, None),
                        ];
                        let (back, input, ahead) = (rule.backtrack, rule.input, rule.lookahead);
                        self.rule(rule_places(back, first, input, ahead, classes));
                    }
                }
            }
            ChainedContextLookup::Format3 {
                coverage,
                backtrack_coverages,
                input_coverages,
                lookahead_coverages,
                ..
            } => {
                let mut seq: Vec<Place> = Vec::new();
                for i in (0..backtrack_coverages.len()).rev() {
                    seq.push(Place::Coverage(
                        backtrack_coverages.get(i).ok_or(Unsupported)?,
                    ));
                }
                seq.push(Place::Coverage(coverage));
                seq.extend(input_coverages.into_iter().map(Place::Coverage));
                seq.extend(lookahead_coverages.into_iter().map(Place::Coverage));
                self.rule(seq);
            }
        }
        Ok(())
    }

    /// The sides of every place that may match a space, as the characters
    /// whose glyphs can become the glyphs of the places next to it.
    fn sides(&self, face: &Face, chars: &[u32]) -> SpaceRules {
        let glyph_of: Vec<(u32, u16)> = chars
            .iter()
            .filter_map(|&c| Some((c, face.glyph_index(char::from_u32(c)?)?.0)))
            .collect();
        // Distinct glyph sets, each turned into characters once.
        let mut sets: Vec<(Glyphs, Vec<u32>)> = Vec::new();
        let mut as_chars = |place: &Place| -> Vec<u32> {
            let glyphs = place.glyphs(self.count);
            if let Some((_, c)) = sets.iter().find(|(g, _)| *g == glyphs) {
                return c.clone();
            }
            let start: Vec<u16> = (0..self.count).filter(|&g| glyphs.contains(g)).collect();
            let mut reach = Glyphs::new();
            for g in closure(&self.edges, &start, true) {
                reach.insert(g);
            }
            let mut c: Vec<u32> = glyph_of
                .iter()
                .filter(|(_, g)| reach.contains(*g))
                .map(|(c, _)| *c)
                .collect();
            c.sort_unstable();
            sets.push((glyphs, c.clone()));
            c
        };
        let mut sides: Vec<Sides> = Vec::new();
        for seq in &self.sequences {
            for (p, place) in seq.iter().enumerate() {
                if !self.matches_space(place) {
                    continue;
                }
                let side = Sides {
                    before: p.checked_sub(1).map(|q| as_chars(&seq[q])),
                    after: seq.get(p + 1).map(&mut as_chars),
                };
                if !sides.contains(&side) {
                    sides.push(side);
                }
            }
        }
        SpaceRules { sides }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amiri() -> (Face<'static>, Vec<u32>) {
        let data: &'static [u8] = include_bytes!("../../fonts/Amiri-Regular.ttf");
        let face = Face::parse(data, 0).unwrap();
        let mut chars = Vec::new();
        for sub in face.tables().cmap.unwrap().subtables {
            if sub.is_unicode() {
                sub.codepoints(|c| chars.push(c));
            }
        }
        chars.sort_unstable();
        chars.dedup();
        (face, chars)
    }

    #[test]
    fn amiri_reaches_across_a_space_after_teh_marbuta_before_kaf() {
        let (face, chars) = amiri();
        let rules = SpaceRules::analyze(&face, &chars).expect("Amiri is analysed");
        assert!(
            !rules.cut_ok(&['ة'], &['ك']),
            "GPOS lookup 38 kerns ك after ة and a space"
        );
        assert!(!rules.cut_ok(&['ه'], &['گ']));
        assert!(
            !rules.cut_ok(&['ب'], &['\u{305}']),
            "GSUB lookup 204: an overline after a space"
        );
        assert!(rules.cut_ok(&['ة'], &['ف']));
        assert!(rules.cut_ok(&['ب'], &['ك']));
        assert!(rules.cut_ok(&[], &['ب']));
        assert!(rules.cut_ok(&['ن'], &[]));
    }
}
