//! A font file before any parser sees it: its structure checked (size,
//! collection header, table directory, `cmap` ranges), the face of a
//! collection (TTC/OTC) chosen by index or by name, and the `PATH#FACE`
//! form that names one.

use std::path::{Path, PathBuf};

use crate::limits::{MAX_COLLECTION_FACES, MAX_FONT_BYTES};

/// Which face of a font file to use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FaceChoice {
    /// The first (a single font's only) face.
    #[default]
    First,
    /// The face at this index of a collection.
    Index(u32),
    /// The face of a collection with this family, full or PostScript name
    /// (compared without regard to case).
    Name(String),
}

/// A font file and the face to use from it: `PATH`, `PATH#INDEX` or
/// `PATH#NAME` (for a collection: `NotoSansCJK-Regular.ttc#2`,
/// `NotoSansCJK-Regular.ttc#Noto Sans CJK JP`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSource {
    /// The file.
    pub path: PathBuf,
    /// The face.
    pub face: FaceChoice,
}

impl FontSource {
    /// Reads `PATH[#FACE]`. A file whose own name has a `#` is taken as
    /// it is when it exists; otherwise what follows the last `#` names the
    /// face: digits an index, anything else a name.
    pub fn parse(spec: &Path) -> FontSource {
        let whole = FontSource {
            path: spec.to_path_buf(),
            face: FaceChoice::First,
        };
        let Some(text) = spec.to_str() else {
            return whole;
        };
        let Some((path, face)) = text.rsplit_once('#') else {
            return whole;
        };
        if spec.exists() || path.is_empty() || face.is_empty() {
            return whole;
        }
        let face = match face.parse::<u32>() {
            Ok(index) if face.bytes().all(|b| b.is_ascii_digit()) => FaceChoice::Index(index),
            _ => FaceChoice::Name(face.to_string()),
        };
        FontSource {
            path: PathBuf::from(path),
            face,
        }
    }
}

impl std::fmt::Display for FontSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.face {
            FaceChoice::First => write!(f, "{}", self.path.display()),
            FaceChoice::Index(i) => write!(f, "{}#{i}", self.path.display()),
            FaceChoice::Name(n) => write!(f, "{}#{n}", self.path.display()),
        }
    }
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    data.get(at..at.checked_add(2)?)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn be32(data: &[u8], at: usize) -> Option<usize> {
    data.get(at..at.checked_add(4)?)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// The number of faces of a collection (`ttcf`), or `None` for a single font.
fn collection_faces(data: &[u8]) -> Option<usize> {
    (data.get(..4) == Some(b"ttcf")).then(|| be32(data, 8).unwrap_or(0))
}

/// The faces of a file: 1 for a single font, the collection's count for a
/// TTC/OTC (an error past [`MAX_COLLECTION_FACES`] or the file's end).
pub(crate) fn face_count(data: &[u8]) -> Result<u32, String> {
    let Some(faces) = collection_faces(data) else {
        return Ok(1);
    };
    if faces == 0 || faces > MAX_COLLECTION_FACES {
        return Err(format!(
            "the font collection's header counts {faces} faces; a collection has 1 to \
             {MAX_COLLECTION_FACES}"
        ));
    }
    if 12 + 4 * faces > data.len() {
        return Err(format!(
            "the font collection is truncated: its header lists {faces} faces past the end \
             of the file ({} bytes)",
            data.len()
        ));
    }
    Ok(faces as u32)
}

/// Checks the file's structure before any parser or subsetter sees it: its
/// size, the collection header and the face `index` of a collection (a
/// single font has face 0 only), and that every table of the face lies
/// inside the file (a truncated file is named as such).
pub(crate) fn check_file(data: &[u8], index: u32) -> Result<(), String> {
    if data.len() > MAX_FONT_BYTES {
        return Err(format!(
            "the font file is {} bytes; the limit is {MAX_FONT_BYTES} bytes",
            data.len()
        ));
    }
    let faces = face_count(data)?;
    if index >= faces {
        return Err(if collection_faces(data).is_some() {
            format!(
                "the collection has faces 0 to {}; there is no face {index}",
                faces - 1
            )
        } else {
            format!("the file is a single font, not a collection: it has no face {index}")
        });
    }
    let dir = match collection_faces(data) {
        Some(_) => be32(data, 12 + 4 * index as usize).unwrap_or(usize::MAX),
        None => 0,
    };
    match data.get(dir..).and_then(|d| d.get(..4)) {
        Some([0, 1, 0, 0] | b"true" | b"OTTO") => {}
        Some(b"wOFF" | b"wOF2") => {
            return Err("the file is a web font (WOFF/WOFF2); give the TTF or OTF file".into())
        }
        _ if dir > 0 => {
            return Err(format!(
                "the collection's face {index} is damaged (no font at byte {dir})"
            ))
        }
        _ => return Err("not a usable OpenType font (unknown file signature)".into()),
    }
    let truncated = |what: &str| {
        format!(
            "the font file is truncated or damaged: {what} lies past the end of the file ({} bytes)",
            data.len()
        )
    };
    let tables = usize::from(be16(data, dir + 4).ok_or_else(|| truncated("the table directory"))?);
    for k in 0..tables {
        let record = dir + 12 + 16 * k;
        let (Some(offset), Some(length)) = (be32(data, record + 8), be32(data, record + 12)) else {
            return Err(truncated("the table directory"));
        };
        if offset
            .checked_add(length)
            .is_none_or(|end| end > data.len())
        {
            let tag = String::from_utf8_lossy(&data[record..record + 4]).into_owned();
            return Err(truncated(&format!(
                "table `{tag}` (bytes {offset}..{})",
                offset.saturating_add(length)
            )));
        }
    }
    Ok(())
}

/// Face `index` of a collection as a font file of its own (the tables of
/// its directory copied, the directory rewritten), so that every reader
/// downstream (shaper, subsetters) sees a single font; `None` for a file
/// that is not a collection. Call after [`check_file`].
pub(crate) fn extract_face(data: &[u8], index: u32) -> Option<Vec<u8>> {
    collection_faces(data)?;
    let dir = be32(data, 12 + 4 * index as usize)?;
    let count = usize::from(be16(data, dir + 4)?);
    let mut tables = Vec::with_capacity(count);
    for k in 0..count {
        let rec = dir + 12 + 16 * k;
        let tag = data.get(rec..rec + 4)?;
        let sum = data.get(rec + 4..rec + 8)?;
        let (offset, length) = (be32(data, rec + 8)?, be32(data, rec + 12)?);
        tables.push((tag, sum, data.get(offset..offset.checked_add(length)?)?));
    }
    let mut out = data.get(dir..dir + 12)?.to_vec();
    let mut offset = 12 + 16 * count;
    for (tag, sum, body) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(sum);
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(body.len()).ok()?.to_be_bytes());
        offset += body.len().next_multiple_of(4);
    }
    for (_, _, body) in &tables {
        out.extend_from_slice(body);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    Some(out)
}

/// The names a face answers to: typographic and legacy family, full and
/// PostScript names.
pub(crate) fn face_names(face: &ttf_parser::Face) -> Vec<String> {
    use ttf_parser::name_id::{FAMILY, FULL_NAME, POST_SCRIPT_NAME, TYPOGRAPHIC_FAMILY};
    let mut names: Vec<String> = Vec::new();
    for id in [TYPOGRAPHIC_FAMILY, FAMILY, FULL_NAME, POST_SCRIPT_NAME] {
        for name in face.names().into_iter().filter(|n| n.name_id == id) {
            if let Some(s) = name.to_string() {
                if !names.contains(&s) {
                    names.push(s);
                }
            }
        }
    }
    names
}

/// The index of the face `choice` names in `data` (checked with
/// [`check_file`] on the way), or what is wrong, listing the faces there are.
pub(crate) fn choose_face(data: &[u8], choice: &FaceChoice) -> Result<u32, String> {
    let name = match choice {
        FaceChoice::First => return check_file(data, 0).map(|()| 0),
        FaceChoice::Index(i) => return check_file(data, *i).map(|()| *i),
        FaceChoice::Name(name) => name,
    };
    let faces = face_count(data)?;
    let mut seen = Vec::new();
    for index in 0..faces {
        check_file(data, index)?;
        let face = ttf_parser::Face::parse(data, index)
            .map_err(|e| format!("face {index} of the collection is not usable ({e})"))?;
        let names = face_names(&face);
        if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Ok(index);
        }
        // The full name tells faces of one family apart ("… Bold").
        let full = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::FULL_NAME)
            .find_map(|n| n.to_string());
        let shown = full.or_else(|| names.first().cloned());
        seen.push(format!(
            "{index}: {}",
            shown.as_deref().unwrap_or("(unnamed)")
        ));
    }
    let shown = seen.iter().take(20).cloned().collect::<Vec<_>>().join(", ");
    let more = if seen.len() > 20 { ", …" } else { "" };
    Err(format!(
        "no face of the file is named \"{name}\" (family, full or PostScript name); its faces: \
         {shown}{more}"
    ))
}

/// Most code points a `cmap` subtable may map: every Unicode scalar once.
const MAX_CMAP_CODE_POINTS: u64 = 0x11_0000;

/// Checks that the ranges of the `cmap` subtables are bounded: a damaged
/// format 12 group (`endCharCode` 0xFF00_0000) or overlapping format 4
/// segments make every reader of the cmap walk billions of code points
/// (a one-byte change of DejaVu Sans hung warraq for minutes).
pub(crate) fn check_cmap(cmap: &[u8]) -> Result<(), String> {
    let be16 = |at: usize| {
        cmap.get(at..at + 2)
            .map(|b| u64::from(u16::from_be_bytes([b[0], b[1]])))
    };
    let be32 = |at: usize| {
        cmap.get(at..at + 4)
            .map(|b| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
    };
    let damaged = |what: String| format!("the font's cmap is damaged: {what}");
    let tables = be16(2).unwrap_or(0) as usize;
    for k in 0..tables {
        let Some(offset) = be32(4 + 8 * k + 4) else {
            break;
        };
        let sub = offset as usize;
        let mut total = 0u64;
        match be16(sub) {
            Some(4) => {
                let segments = be16(sub + 6).unwrap_or(0) as usize / 2;
                for i in 0..segments {
                    let end = be16(sub + 14 + 2 * i).unwrap_or(0);
                    let start = be16(sub + 16 + 2 * segments + 2 * i).unwrap_or(0);
                    total += (end + 1).saturating_sub(start);
                }
                if total > 0x1_0000 {
                    return Err(damaged(format!(
                        "a format 4 subtable's segments cover {total} code points of 65,536"
                    )));
                }
            }
            Some(12 | 13) => {
                let groups = be32(sub + 12).unwrap_or(0) as usize;
                for i in 0..groups.min(cmap.len() / 12) {
                    let at = sub + 16 + 12 * i;
                    let (Some(start), Some(end)) = (be32(at), be32(at + 4)) else {
                        break;
                    };
                    if end > 0x10_FFFF || start > end {
                        return Err(damaged(format!(
                            "a group maps U+{start:X}..U+{end:X}, beyond Unicode"
                        )));
                    }
                    total += end - start + 1;
                }
                if total > MAX_CMAP_CODE_POINTS {
                    return Err(damaged(format!(
                        "its groups cover {total} code points, more than Unicode has"
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    static AMIRI: &[u8] = include_bytes!("../../fonts/Amiri-Regular.ttf");

    /// A collection of `faces` copies of Amiri, each copied whole.
    fn collection(faces: usize) -> Vec<u8> {
        let mut out = b"ttcf\0\x01\0\0".to_vec();
        out.extend_from_slice(&(faces as u32).to_be_bytes());
        let first = 12 + 4 * faces;
        let starts: Vec<usize> = (0..faces).map(|k| first + k * AMIRI.len()).collect();
        for &s in &starts {
            out.extend_from_slice(&(s as u32).to_be_bytes());
        }
        for &start in &starts {
            let mut face = AMIRI.to_vec();
            for k in 0..usize::from(be16(&face, 4).unwrap()) {
                let r = 12 + 16 * k + 8;
                let moved = (be32(&face, r).unwrap() + start) as u32;
                face[r..r + 4].copy_from_slice(&moved.to_be_bytes());
            }
            out.extend_from_slice(&face);
        }
        out
    }

    #[test]
    fn a_face_is_named_after_the_last_hash() {
        let parse = |s: &str| FontSource::parse(Path::new(s));
        assert_eq!(parse("/no/such.ttc#2").face, FaceChoice::Index(2));
        assert_eq!(parse("/no/such.ttc#2").path, PathBuf::from("/no/such.ttc"));
        assert_eq!(
            parse("/no/such.ttc#Noto Sans CJK JP").face,
            FaceChoice::Name("Noto Sans CJK JP".into())
        );
        assert_eq!(parse("/no/a#b.ttc#+1").face, FaceChoice::Name("+1".into()));
        assert_eq!(parse("/no/such.ttf").face, FaceChoice::First);
        assert_eq!(parse("/no/such.ttc#").face, FaceChoice::First);
        // A file whose own name has a `#` is itself.
        let dir = std::env::temp_dir().join(format!("warraq-fontfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let hashed = dir.join("font#1.ttf");
        std::fs::write(&hashed, AMIRI).unwrap();
        let source = FontSource::parse(&hashed);
        assert_eq!((source.path, source.face), (hashed, FaceChoice::First));
    }

    #[test]
    fn a_collection_header_is_bounded() {
        let mut ttc = collection(2);
        assert_eq!(face_count(&ttc), Ok(2));
        assert!(check_file(&ttc, 1).is_ok());
        let past = check_file(&ttc, 2).unwrap_err();
        assert!(past.contains("faces 0 to 1; there is no face 2"), "{past}");
        ttc[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        let huge = face_count(&ttc).unwrap_err();
        assert!(huge.contains("4294967295 faces"), "{huge}");
        ttc[8..12].copy_from_slice(&1000u32.to_be_bytes());
        let cut = face_count(&ttc[..100]).unwrap_err();
        assert!(cut.contains("truncated"), "{cut}");
        let single = check_file(AMIRI, 1).unwrap_err();
        assert!(single.contains("single font"), "{single}");
    }

    #[test]
    fn a_face_taken_out_of_a_collection_is_the_font() {
        let ttc = collection(2);
        assert!(
            extract_face(AMIRI, 0).is_none(),
            "a single font stays as it is"
        );
        let face = extract_face(&ttc, 1).expect("a face");
        assert!(check_file(&face, 0).is_ok());
        let (ours, theirs) = (
            ttf_parser::Face::parse(&face, 0).unwrap(),
            ttf_parser::Face::parse(AMIRI, 0).unwrap(),
        );
        assert_eq!(ours.number_of_glyphs(), theirs.number_of_glyphs());
        for record in theirs.raw_face().table_records {
            let tag = record.tag.to_bytes();
            let tag = ttf_parser::Tag::from_bytes(&tag);
            let (a, b) = (ours.raw_face().table(tag), theirs.raw_face().table(tag));
            assert_eq!(a, b, "table {:?}", record.tag);
        }
        assert_eq!(choose_face(&ttc, &FaceChoice::Name("amiri".into())), Ok(0));
        let none = choose_face(&ttc, &FaceChoice::Name("Nope".into())).unwrap_err();
        assert!(
            none.contains("0: Amiri Regular, 1: Amiri Regular"),
            "{none}"
        );
    }
}
