//! A CID-keyed CFF font program whose CIDs are ours.
//!
//! The text layer gives each (glyph, text) pair its own CID, so that one
//! glyph standing for different texts (an initial form, a carrier) maps to
//! each of them in ToUnicode (see `fonts`). A TrueType CIDFont maps CIDs to
//! glyphs with a CIDToGIDMap, many to one. A CFF CIDFont (CIDFontType0) has
//! no such map: the CID selects the glyph through the font program's own
//! charset, one glyph per CID (ISO 32000-1, 9.7.4.2). So the program is
//! rewritten to have one glyph per CID: glyph *k* draws CID *k*, and a glyph
//! used for two texts is there twice (its charstring copied; the copies are
//! small, and few: a carrier, a form shared by two letters).
//!
//! The `subsetter` crate does the hard part: it subsets the CFF table,
//! removes its subroutines and rewrites it as a CID-keyed font whose charset
//! is the identity, with every offset of its Top DICT written as a 5-byte
//! number, and in this order: header, Name, Top DICT, String and Global
//! Subr INDEXes, charset, Private DICTs, FDSelect, FDArray, CharStrings.
//! This module keeps everything before the FDSelect as it is and writes the
//! FDSelect, FDArray and CharStrings anew, with the charset's count and the
//! Top DICT's offsets patched in place. Any other layout is refused with an
//! error rather than guessed at.

/// The `CFF ` table of an OpenType font, or `None`.
pub(super) fn cff_table(otf: &[u8]) -> Option<&[u8]> {
    let count = usize::from(be16(otf, 4)?);
    (0..count).find_map(|k| {
        let rec = 12 + 16 * k;
        if otf.get(rec..rec + 4)? != b"CFF " {
            return None;
        }
        let offset = be32(otf, rec + 8)?;
        otf.get(offset..offset.checked_add(be32(otf, rec + 12)?)?)
    })
}

/// The CID-keyed CFF program whose glyph *k* (and CID *k*, through an
/// identity charset) draws glyph `gids[k - 1]` of `cff`, a CID-keyed CFF
/// table as `subsetter` writes it; glyph 0 stays `.notdef`.
pub(super) fn with_glyph_per_cid(cff: &[u8], gids: &[u16]) -> Result<Vec<u8>, String> {
    let top = Top::read(cff)?;
    let n = u16::try_from(gids.len())
        .ok()
        .filter(|&n| n > 0 && n < u16::MAX)
        .ok_or_else(|| format!("{} glyphs do not fit a CFF font", gids.len()))?;
    let charstrings = Index::read(cff, top.char_strings)?;
    let fd_array = Index::read(cff, top.fd_array)?;
    let fd_select = read_fd_select(cff, top.fd_select, charstrings.count())?;
    let layout_ok = top.charset + 5 <= top.fd_select
        && top.fd_select < top.fd_array
        && top.fd_array < top.char_strings
        && cff.get(top.charset) == Some(&2);
    if !layout_ok {
        return Err("unexpected layout of the subset CFF table".into());
    }
    for k in 0..fd_array.count() {
        check_private(cff, fd_array.item(k)?, top.fd_select)?;
    }
    // Glyph k of the new font is glyph `old[k]` of the subset.
    let old: Vec<usize> = std::iter::once(0)
        .chain(gids.iter().map(|&g| usize::from(g)))
        .collect();
    let mut out = cff[..top.fd_select].to_vec();
    // Charset format 2, one range: first glyph 1 is CID 1, then n - 1 more.
    out[top.charset + 1..top.charset + 5].copy_from_slice(&[0, 1, 0, 0]);
    out[top.charset + 3..top.charset + 5].copy_from_slice(&(n - 1).to_be_bytes());
    let fds: Vec<u8> = old
        .iter()
        .map(|&g| fd_select.get(g).copied().ok_or("a glyph past the FDSelect"))
        .collect::<Result<_, _>>()?;
    let fd_select_at = out.len();
    write_fd_select(&fds, &mut out);
    let fd_array_at = out.len();
    out.extend_from_slice(fd_array.bytes);
    let char_strings_at = out.len();
    let programs: Vec<&[u8]> = old
        .iter()
        .map(|&g| charstrings.item(g))
        .collect::<Result<_, _>>()?;
    write_index(&programs, &mut out)?;
    for (at, value) in [
        (top.fd_select_operand, fd_select_at),
        (top.fd_array_operand, fd_array_at),
        (top.char_strings_operand, char_strings_at),
    ] {
        let value = u32::try_from(value).map_err(|_| "the CFF table is too large")?;
        out[at + 1..at + 5].copy_from_slice(&value.to_be_bytes());
    }
    Ok(out)
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    data.get(at..at.checked_add(2)?)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn be32(data: &[u8], at: usize) -> Option<usize> {
    data.get(at..at.checked_add(4)?)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// A CFF INDEX: its items' bytes.
struct Index<'a> {
    /// The whole INDEX, header included.
    bytes: &'a [u8],
    /// Item boundaries, relative to the first item's start.
    offsets: Vec<usize>,
    /// Where the items' data begins, in `bytes`.
    data_at: usize,
}

impl<'a> Index<'a> {
    fn read(cff: &'a [u8], at: usize) -> Result<Self, String> {
        let bad = || format!("a CFF INDEX at byte {at} is damaged");
        let count = usize::from(be16(cff, at).ok_or_else(bad)?);
        if count == 0 {
            return Ok(Index {
                bytes: cff.get(at..at + 2).ok_or_else(bad)?,
                offsets: vec![0],
                data_at: 2,
            });
        }
        let size = usize::from(*cff.get(at + 2).ok_or_else(bad)?);
        if !(1..=4).contains(&size) {
            return Err(bad());
        }
        let offsets: Vec<usize> = (0..=count)
            .map(|k| {
                let from = at + 3 + k * size;
                let b = cff.get(from..from + size)?;
                let v = b.iter().fold(0usize, |v, &x| (v << 8) | usize::from(x));
                v.checked_sub(1)
            })
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        let data_at = 3 + (count + 1) * size;
        let end = at + data_at + offsets[count];
        if offsets.windows(2).any(|w| w[0] > w[1]) || end > cff.len() {
            return Err(bad());
        }
        Ok(Index {
            bytes: &cff[at..end],
            offsets,
            data_at,
        })
    }

    fn count(&self) -> usize {
        self.offsets.len() - 1
    }

    fn item(&self, k: usize) -> Result<&'a [u8], String> {
        let (Some(&start), Some(&end)) = (self.offsets.get(k), self.offsets.get(k + 1)) else {
            return Err(format!("no item {k} in a CFF INDEX of {}", self.count()));
        };
        Ok(&self.bytes[self.data_at + start..self.data_at + end])
    }
}

/// Writes an INDEX of `items` with 4-byte offsets.
fn write_index(items: &[&[u8]], out: &mut Vec<u8>) -> Result<(), String> {
    let count = u16::try_from(items.len()).map_err(|_| "too many CFF glyphs")?;
    out.extend_from_slice(&count.to_be_bytes());
    out.push(4);
    let mut offset = 1u32;
    out.extend_from_slice(&offset.to_be_bytes());
    for item in items {
        offset = u32::try_from(item.len())
            .ok()
            .and_then(|len| offset.checked_add(len))
            .ok_or("the CFF glyphs are too large")?;
        out.extend_from_slice(&offset.to_be_bytes());
    }
    for item in items {
        out.extend_from_slice(item);
    }
    Ok(())
}

/// The operators of a DICT, each with where its operands start.
fn dict_entries(dict: &[u8]) -> Result<Vec<(u16, Vec<usize>)>, String> {
    let bad = || "a CFF DICT is damaged".to_string();
    let mut entries = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0;
    while i < dict.len() {
        let b = dict[i];
        let len = match b {
            0..=21 => {
                let op = if b == 12 {
                    1200 + u16::from(*dict.get(i + 1).ok_or_else(bad)?)
                } else {
                    u16::from(b)
                };
                entries.push((op, std::mem::take(&mut operands)));
                i += if b == 12 { 2 } else { 1 };
                continue;
            }
            28 => 3,
            29 => 5,
            30 => {
                // A real number: nibbles up to the one that is 0xf.
                let end = dict[i + 1..]
                    .iter()
                    .position(|x| x & 0x0f == 0x0f || x >> 4 == 0x0f)
                    .ok_or_else(bad)?;
                end + 2
            }
            32..=246 => 1,
            247..=254 => 2,
            _ => return Err(bad()),
        };
        if i + len > dict.len() {
            return Err(bad());
        }
        operands.push(i);
        i += len;
    }
    Ok(entries)
}

/// The Top DICT's offsets (and where their 5-byte operands are).
struct Top {
    charset: usize,
    fd_select: usize,
    fd_array: usize,
    char_strings: usize,
    fd_select_operand: usize,
    fd_array_operand: usize,
    char_strings_operand: usize,
}

impl Top {
    fn read(cff: &[u8]) -> Result<Self, String> {
        let header = usize::from(*cff.get(2).ok_or("the CFF table is empty")?);
        let names = Index::read(cff, header)?;
        let tops = Index::read(cff, header + names.bytes.len())?;
        let dict = tops.item(0)?;
        let dict_at = header + names.bytes.len() + tops.data_at + tops.offsets[0];
        let entries = dict_entries(dict)?;
        if !entries.iter().any(|(op, _)| *op == 1230) {
            return Err("the subset CFF font is not CID-keyed (no ROS)".into());
        }
        // The offset operand of `op`: a 5-byte integer (operator 29).
        let offset = |op: u16| -> Result<(usize, usize), String> {
            let (_, operands) = entries
                .iter()
                .find(|(o, _)| *o == op)
                .ok_or_else(|| format!("the subset CFF font has no operator {op}"))?;
            let at = dict_at + *operands.last().ok_or("a CFF offset without operand")?;
            if cff.get(at) != Some(&29) {
                return Err("a CFF offset is not a 5-byte number".into());
            }
            Ok((at, be32(cff, at + 1).ok_or("a CFF offset is cut")?))
        };
        let (_, charset) = offset(15)?;
        let (char_strings_operand, char_strings) = offset(17)?;
        let (fd_array_operand, fd_array) = offset(1236)?;
        let (fd_select_operand, fd_select) = offset(1237)?;
        Ok(Top {
            charset,
            fd_select,
            fd_array,
            char_strings,
            fd_select_operand,
            fd_array_operand,
            char_strings_operand,
        })
    }
}

/// Checks that a Font DICT's Private DICT lies before `limit` (where the
/// rewritten part starts) and has no local subroutines.
fn check_private(cff: &[u8], font_dict: &[u8], limit: usize) -> Result<(), String> {
    let entries = dict_entries(font_dict)?;
    let Some((_, operands)) = entries.iter().find(|(op, _)| *op == 18) else {
        return Err("a CFF font dictionary has no Private DICT".into());
    };
    let number = |at: usize| -> Option<usize> {
        match *font_dict.get(at)? {
            b @ 32..=246 => Some(usize::from(b) - 139),
            b @ 247..=250 => {
                Some((usize::from(b) - 247) * 256 + usize::from(*font_dict.get(at + 1)?) + 108)
            }
            28 => be16(font_dict, at + 1).map(usize::from),
            29 => be32(font_dict, at + 1),
            _ => None,
        }
    };
    let (Some(size), Some(offset)) = (
        operands.first().and_then(|&a| number(a)),
        operands.get(1).and_then(|&a| number(a)),
    ) else {
        return Err("a CFF Private DICT's place is not readable".into());
    };
    let private = offset
        .checked_add(size)
        .filter(|&end| end <= limit)
        .and_then(|end| cff.get(offset..end))
        .ok_or("unexpected layout of the subset CFF table (a Private DICT)")?;
    if dict_entries(private)?.iter().any(|(op, _)| *op == 19) {
        return Err("the subset CFF font still has local subroutines".into());
    }
    Ok(())
}

/// The font dictionary of every glyph (FDSelect format 0 or 3).
fn read_fd_select(cff: &[u8], at: usize, glyphs: usize) -> Result<Vec<u8>, String> {
    let bad = || "the CFF FDSelect is damaged".to_string();
    match cff.get(at) {
        Some(0) => Ok(cff.get(at + 1..at + 1 + glyphs).ok_or_else(bad)?.to_vec()),
        Some(3) => {
            let ranges = usize::from(be16(cff, at + 1).ok_or_else(bad)?);
            let mut fds = vec![0u8; glyphs];
            for r in 0..ranges {
                let rec = at + 3 + 3 * r;
                let first = usize::from(be16(cff, rec).ok_or_else(bad)?);
                let fd = *cff.get(rec + 2).ok_or_else(bad)?;
                let next = usize::from(be16(cff, rec + 3).ok_or_else(bad)?);
                fds.get_mut(first..next.min(glyphs))
                    .ok_or_else(bad)?
                    .fill(fd);
            }
            Ok(fds)
        }
        _ => Err(bad()),
    }
}

/// Writes an FDSelect in format 3 (ranges of glyphs of one font dictionary).
fn write_fd_select(fds: &[u8], out: &mut Vec<u8>) {
    let mut ranges: Vec<(u16, u8)> = Vec::new();
    for (g, &fd) in fds.iter().enumerate() {
        if ranges.last().is_none_or(|&(_, last)| last != fd) {
            ranges.push((g as u16, fd));
        }
    }
    out.push(3);
    out.extend_from_slice(&(ranges.len() as u16).to_be_bytes());
    for (first, fd) in ranges {
        out.extend_from_slice(&first.to_be_bytes());
        out.push(fd);
    }
    out.extend_from_slice(&(fds.len() as u16).to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_round_trips() {
        let mut out = Vec::new();
        write_index(&[b"ab", b"", b"cde"], &mut out).unwrap();
        let index = Index::read(&out, 0).unwrap();
        assert_eq!(index.count(), 3);
        assert_eq!(index.item(0).unwrap(), b"ab");
        assert_eq!(index.item(1).unwrap(), b"");
        assert_eq!(index.item(2).unwrap(), b"cde");
        assert!(index.item(3).is_err());
        assert_eq!(index.bytes.len(), out.len());
    }

    #[test]
    fn an_fd_select_round_trips() {
        let fds = [0, 0, 1, 1, 1, 0, 2];
        let mut out = Vec::new();
        write_fd_select(&fds, &mut out);
        assert_eq!(read_fd_select(&out, 0, fds.len()).unwrap(), fds);
    }

    #[test]
    fn dict_operands_are_found() {
        // 100 17 (CharStrings), then a 5-byte 1000 and 12 36 (FDArray).
        let dict = [239, 17, 29, 0, 0, 3, 232, 12, 36];
        let entries = dict_entries(&dict).unwrap();
        assert_eq!(entries, [(17, vec![0]), (1236, vec![2])]);
        assert!(dict_entries(&[29, 0, 0]).is_err(), "a cut operand");
    }
}
