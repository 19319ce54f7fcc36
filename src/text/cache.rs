//! The shaped-word cache: pieces of runs shaped once, kept by their
//! shaping plan's key and their text (see `shape::words`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::ShapedGlyph;

/// Most glyphs the word cache holds (24 bytes each: at most 24 MB); past
/// it, new words are shaped but not kept. A book of 100,000 words has
/// about 10,000 distinct ones of 6 glyphs.
const MAX_CACHED_GLYPHS: usize = 1 << 20;

/// Shaped pieces by plan and text, clusters relative to the piece's
/// start; shared by the books of a batch. It never changes what is drawn,
/// only how often a word is shaped.
#[derive(Clone)]
pub(crate) struct WordCache<K>(Arc<Mutex<Words<K>>>);

/// Shaped pieces by text, clusters relative to the piece's start.
type Pieces = HashMap<Box<str>, Arc<[ShapedGlyph]>>;

struct Words<K> {
    by_plan: Vec<(K, Pieces)>,
    glyphs: usize,
}

impl<K> Default for WordCache<K> {
    fn default() -> Self {
        WordCache(Arc::new(Mutex::new(Words {
            by_plan: Vec::new(),
            glyphs: 0,
        })))
    }
}

impl<K> std::fmt::Debug for WordCache<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordCache")
    }
}

impl<K: PartialEq + Clone> WordCache<K> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Words<K>> {
        match self.0.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The cached glyphs of each text (`None` for a piece not cached).
    pub(crate) fn find(
        &self,
        key: &K,
        texts: &[Option<String>],
    ) -> Vec<Option<Arc<[ShapedGlyph]>>> {
        let words = self.lock();
        let map = words.by_plan.iter().find(|(k, _)| k == key).map(|(_, m)| m);
        texts
            .iter()
            .map(|t| map.and_then(|m| m.get(t.as_deref()?).cloned()))
            .collect()
    }

    /// Keeps newly shaped pieces, while there is room.
    pub(crate) fn keep(&self, key: &K, new: impl Iterator<Item = (String, Arc<[ShapedGlyph]>)>) {
        let mut new = new.peekable();
        if new.peek().is_none() {
            return;
        }
        let mut words = self.lock();
        let Words { by_plan, glyphs } = &mut *words;
        let at = match by_plan.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                by_plan.push((key.clone(), HashMap::new()));
                by_plan.len() - 1
            }
        };
        let map = &mut by_plan[at].1;
        for (text, shaped) in new {
            if *glyphs + shaped.len() > MAX_CACHED_GLYPHS {
                break;
            }
            *glyphs += shaped.len();
            map.insert(text.into_boxed_str(), shaped);
        }
    }
}
