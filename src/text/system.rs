//! System font discovery (feature `system-fonts`, the CLI's
//! `--system-fonts`): for characters no font of the book has, the fonts
//! the system knows (fontconfig's directories, through `fontdb`) are tried,
//! and the first face that has some of them joins the book as a fallback
//! family, with its family's bold face when the system has one.
//!
//! The choice is deterministic for a given set of installed fonts: faces
//! are tried upright and nearest to regular weight first, then by file
//! path and face index; never in the order the directories list them.

use std::path::{Path, PathBuf};

use super::{FontBook, FontId};
use crate::error::{Error, Result};
use crate::limits::MAX_FONT_BYTES;

/// A face the system has, as `fontdb` describes it.
struct SystemFace {
    path: PathBuf,
    index: u32,
    family: String,
    weight: u16,
    upright: bool,
}

impl SystemFace {
    /// `PATH#INDEX` for [`FontBook::add_family`].
    fn spec(&self) -> PathBuf {
        let mut spec = self.path.clone().into_os_string();
        spec.push(format!("#{}", self.index));
        PathBuf::from(spec)
    }
}

/// The system's faces in the order they are tried.
fn system_faces() -> Result<Vec<SystemFace>> {
    let faces = crate::error::contain(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db.faces()
            .filter_map(|f| {
                let path = match &f.source {
                    fontdb::Source::File(path) => path.clone(),
                    _ => return None,
                };
                Some(SystemFace {
                    path,
                    index: f.index,
                    family: f
                        .families
                        .first()
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default(),
                    weight: f.weight.0,
                    upright: f.style == fontdb::Style::Normal,
                })
            })
            .collect::<Vec<_>>()
    })
    .map_err(|panic| Error::Font {
        path: None,
        message: format!("listing the system's fonts failed ({panic})"),
    })?;
    let mut faces = faces;
    faces.sort_by(|a, b| {
        let key = |f: &SystemFace| (!f.upright, f.weight.abs_diff(400), f.path.clone(), f.index);
        key(a).cmp(&key(b))
    });
    Ok(faces)
}

/// Which of `chars` the face at `path`, `index` maps to a glyph (none for
/// a file that is too large or not a font).
fn covers(path: &Path, index: u32, chars: &[char]) -> Vec<char> {
    let Ok(data) = std::fs::read(path) else {
        return Vec::new();
    };
    if data.len() > MAX_FONT_BYTES {
        return Vec::new();
    }
    let Ok(face) = ttf_parser::Face::parse(&data, index) else {
        return Vec::new();
    };
    chars
        .iter()
        .copied()
        .filter(|&c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
        .collect()
}

impl FontBook {
    /// Adds, as fallback families, system faces that have `chars` (those
    /// the book already has are skipped); returns the regular face of each
    /// family added, in order. A face that fails warraq's checks is passed
    /// over; characters no system face has stay missing (the layout then
    /// names them).
    pub fn add_system_fonts(&mut self, chars: &[char]) -> Result<Vec<FontId>> {
        let mut missing: Vec<char> = Vec::new();
        for &c in chars {
            if self.select(self.main(false), c).is_none() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        let mut added = Vec::new();
        if missing.is_empty() {
            return Ok(added);
        }
        let faces = system_faces()?;
        for face in &faces {
            let found = covers(&face.path, face.index, &missing);
            if found.is_empty() {
                continue;
            }
            let bold = faces.iter().find(|b| {
                b.upright && b.weight >= 600 && b.weight <= 700 && b.family == face.family
            });
            let bold_spec = bold.map(SystemFace::spec);
            let name = face.family.clone();
            let Ok(id) = self.add_family(&name, &face.spec(), bold_spec.as_deref()) else {
                continue;
            };
            added.push(id);
            missing.retain(|c| !found.contains(c));
            if missing.is_empty() {
                break;
            }
        }
        Ok(added)
    }
}
