//! The PDF file: the finished lopdf document as bytes.
//!
//! lopdf's own writer leaves the cross-reference stream uncompressed, packs
//! object streams 100 objects at a time and compresses with zlib's level 9;
//! on the example report its file was 12 KB larger than this writer's:
//! - streams compressed with libdeflate (its near-optimal parser gains 5 %
//!   over zlib's best level on page content and font programs), each left
//!   unfiltered when that is shorter;
//! - every other object in object streams of up to 10,000 (one for the
//!   report);
//! - objects numbered densely, in lopdf's order;
//! - a cross-reference stream with the PNG "up" predictor, compressed;
//! - a file identifier hashed from everything before it, so that the same
//!   document gives the same bytes in one pass.

use std::borrow::Cow;

use lopdf::{dictionary, Dictionary, Object, ObjectId};

use super::syntax::Tokens;
use super::Profile;

/// The libdeflate level of the streams this writer compresses (fonts,
/// forms, the object stream): 10 and up use its near-optimal parser. 12
/// gained 642 bytes over 10 on the report (159,523 against 160,165 B with
/// page content at 9) for 7 % of the whole render's instructions (PDF +
/// EPUB, callgrind, 2026-12-02).
const LEVEL: i32 = 10;

/// The level for page content, which is most of the bytes to compress
/// (465 KB raw for the report): 9 is libdeflate's best lazy parser; its
/// near-optimal 10 saved 903 bytes on the report for 7 % of the render's
/// instructions (and 12 only 416 more at twice the time of 10). With
/// [`LEVEL`] the report is 160,165 B.
pub const PAGE_LEVEL: i32 = 9;

/// Objects per object stream: a 2-byte index would allow 65,536; fewer
/// keeps a reader from inflating one huge stream to reach one object.
const OBJECTS_PER_STREAM: usize = 10_000;

/// Serialises `doc`. Streams whose dictionary has no `/Filter` are
/// compressed, except metadata (PDF/A wants XMP readable).
pub fn write(doc: &lopdf::Document, profile: &Profile) -> Vec<u8> {
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let numbers: std::collections::HashMap<ObjectId, u32> = ids
        .iter()
        .enumerate()
        .map(|(k, &id)| (id, k as u32 + 1))
        .collect();
    // 0 for a missing object: references to it are written as null.
    let number = |id: ObjectId| numbers.get(&id).copied().unwrap_or(0);
    let mut out = Tokens::default();
    out.delim(profile.header().as_bytes());
    // Four bytes over 127: the file is binary (ISO 32000-1 §7.5.2).
    out.delim(b"%\xE2\xE3\xCF\xD3\n");
    let total = ids.len() as u32;
    // (type, field 2, field 3) per object number; entry 0 is the free head.
    // The object streams and the xref stream itself are pushed after.
    let mut xref: Vec<XrefEntry> = vec![(0, 0, 65535); total as usize + 1];
    write_streams(&mut out, &mut xref, doc, &ids, &number);
    let objstm = write_object_streams(&mut out, &mut xref, doc, &ids, &number);
    write_xref(&mut out, &mut xref, doc, objstm, &number);
    out.buf
}

/// One cross-reference entry: type, field 2, field 3.
type XrefEntry = (u8, u64, u16);

/// Writes the streams, compressed, each as an object of its own.
fn write_streams(
    out: &mut Tokens,
    xref: &mut [XrefEntry],
    doc: &lopdf::Document,
    ids: &[ObjectId],
    number: &impl Fn(ObjectId) -> u32,
) {
    let streams: Vec<(u32, &lopdf::Stream)> = ids
        .iter()
        .filter_map(|id| match &doc.objects[id] {
            Object::Stream(s) => Some((number(*id), s)),
            _ => None,
        })
        .collect();
    let bodies = compress_all(&streams);
    for ((num, stream), (body, filtered)) in streams.iter().zip(&bodies) {
        xref[*num as usize] = (1, out.buf.len() as u64, 0);
        out.delim(format!("{num} 0 obj\n").as_bytes());
        out.dict_open(
            &stream.dict,
            &[b"Length", b"Filter", b"DecodeParms"],
            number,
        );
        if *filtered {
            out.name(b"Filter");
            out.name(b"FlateDecode");
        } else if let Ok(f) = stream.dict.get(b"Filter") {
            out.name(b"Filter");
            out.object(f, number);
            if let Ok(p) = stream.dict.get(b"DecodeParms") {
                out.name(b"DecodeParms");
                out.object(p, number);
            }
        }
        out.name(b"Length");
        out.int(body.len() as i64);
        out.delim(b">>stream\n");
        out.buf.extend_from_slice(body);
        out.delim(eol_after(body).as_bytes());
        out.delim(b"endstream\nendobj\n");
    }
}

/// Writes every other object into object streams, `OBJECTS_PER_STREAM`
/// each (their index in the stream is a 2-byte xref field); returns the
/// number of the last one.
fn write_object_streams(
    out: &mut Tokens,
    xref: &mut Vec<XrefEntry>,
    doc: &lopdf::Document,
    ids: &[ObjectId],
    number: &impl Fn(ObjectId) -> u32,
) -> u32 {
    let plain: Vec<&ObjectId> = ids
        .iter()
        .filter(|id| !matches!(doc.objects[*id], Object::Stream(_)))
        .collect();
    let mut objstm = ids.len() as u32;
    for chunk in plain.chunks(OBJECTS_PER_STREAM) {
        objstm += 1;
        let mut head = Tokens::default();
        let mut objects = Tokens::default();
        for (index, id) in chunk.iter().enumerate() {
            let num = number(**id);
            head.int(i64::from(num));
            head.int(objects.buf.len() as i64);
            objects.object(&doc.objects[*id], number);
            objects.delim(b"\n");
            xref[num as usize] = (2, u64::from(objstm), index as u16);
        }
        head.delim(b"\n");
        let first = head.buf.len();
        let mut packed = head.buf;
        packed.extend_from_slice(&objects.buf);
        let packed = deflate(&packed);
        xref.push((1, out.buf.len() as u64, 0));
        out.delim(format!("{objstm} 0 obj\n").as_bytes());
        let mut d = Dictionary::new();
        d.set("Type", "ObjStm");
        d.set("N", chunk.len() as i64);
        d.set("First", first as i64);
        d.set("Filter", "FlateDecode");
        d.set("Length", packed.len() as i64);
        out.dict(&d, &[], number);
        out.delim(b"stream\n");
        out.buf.extend_from_slice(&packed);
        out.delim(eol_after(&packed).as_bytes());
        out.delim(b"endstream\nendobj\n");
    }
    objstm
}

/// Writes the cross-reference stream, last (its offset is known now), and
/// the file's end.
fn write_xref(
    out: &mut Tokens,
    xref: &mut Vec<XrefEntry>,
    doc: &lopdf::Document,
    objstm: u32,
    number: &impl Fn(ObjectId) -> u32,
) {
    let xref_num = objstm + 1;
    let start = out.buf.len() as u64;
    xref.push((1, start, 0));
    let id = stable_hash(&out.buf);
    let largest = start.max(u64::from(objstm));
    let width = (1..8).find(|&w| largest >> (8 * w) == 0).unwrap_or(8);
    let rows = xref_rows(xref, width);
    let data = deflate(&rows);
    let mut d = Dictionary::new();
    d.set("Type", "XRef");
    d.set("Size", i64::from(xref_num + 1));
    d.set(
        "W",
        vec![
            Object::Integer(1),
            Object::Integer(width as i64),
            Object::Integer(2),
        ],
    );
    for key in [b"Root".as_slice(), b"Info"] {
        if let Ok(v) = doc.trailer.get(key) {
            d.set(key, v.clone());
        }
    }
    let id = Object::String(id.to_vec(), lopdf::StringFormat::Hexadecimal);
    d.set("ID", vec![id.clone(), id]);
    d.set("Filter", "FlateDecode");
    d.set(
        "DecodeParms",
        dictionary! { "Predictor" => 12, "Columns" => 3 + width as i64 },
    );
    d.set("Length", data.len() as i64);
    out.delim(format!("{xref_num} 0 obj\n").as_bytes());
    out.dict(&d, &[], number);
    out.delim(b"stream\n");
    out.buf.extend_from_slice(&data);
    out.delim(eol_after(&data).as_bytes());
    out.delim(format!("endstream\nendobj\nstartxref\n{start}\n%%EOF\n").as_bytes());
}

/// The end of line written between a stream's data and `endstream`: CR LF
/// after data that ends with a CR, else LF. A reader that takes the EOL
/// before `endstream` as CR LF when it can would otherwise count the
/// data's own CR as part of it, and find /Length one byte long
/// (page-validation's PDFA2A-STREAM-LENGTH-001 did, on a page whose
/// compressed content happened to end with 0x0D).
fn eol_after(data: &[u8]) -> &'static str {
    if data.last() == Some(&b'\r') {
        "\r\n"
    } else {
        "\n"
    }
}

/// Removes every object that the trailer does not reach: what lopdf's
/// `Document::prune_objects` does, in time linear in the document (lopdf's
/// looks each reference up in a list of those seen, quadratic: 238 s for a
/// 100,000-item list, issue 19). Returns the removed ids, in order.
pub fn prune_unreferenced(doc: &mut lopdf::Document) -> Vec<ObjectId> {
    let mut seen = std::collections::HashSet::new();
    let mut queue: Vec<ObjectId> = Vec::new();
    let mut visit = |object: &Object, queue: &mut Vec<ObjectId>| {
        // An explicit stack: nesting depth is the document's, not ours.
        let mut stack = vec![object];
        while let Some(o) = stack.pop() {
            match o {
                Object::Array(items) => stack.extend(items.iter()),
                Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
                Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
                Object::Reference(id) if seen.insert(*id) => queue.push(*id),
                _ => {}
            }
        }
    };
    for (_, v) in doc.trailer.iter() {
        visit(v, &mut queue);
    }
    let mut next = 0;
    while let Some(&id) = queue.get(next) {
        if let Some(object) = doc.objects.get(&id) {
            visit(object, &mut queue);
        }
        next += 1;
    }
    let unreached: Vec<ObjectId> = doc
        .objects
        .keys()
        .filter(|id| !seen.contains(*id))
        .copied()
        .collect();
    for id in &unreached {
        doc.objects.remove(id);
    }
    unreached
}

/// The rows of a cross-reference stream, `/W [1 width 2]`, each with the PNG
/// "up" predictor.
fn xref_rows(xref: &[(u8, u64, u16)], width: usize) -> Vec<u8> {
    let mut table = Vec::with_capacity(xref.len() * (3 + width));
    for &(kind, field, extra) in xref {
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes()[8 - width..]);
        table.extend_from_slice(&extra.to_be_bytes());
    }
    png_up(&table, 3 + width)
}

/// `data` as rows of `columns` bytes, each with the PNG "up" predictor
/// (filter byte 2, then each byte minus the one above it): a table of
/// numbers that grow steadily becomes a run of near-equal rows
/// (`/DecodeParms <</Predictor 12 /Columns columns>>`).
pub fn png_up(data: &[u8], columns: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / columns.max(1) + 1);
    let mut above: &[u8] = &[];
    for row in data.chunks(columns.max(1)) {
        out.push(2);
        out.extend(
            row.iter()
                .enumerate()
                .map(|(k, b)| b.wrapping_sub(above.get(k).copied().unwrap_or(0))),
        );
        above = row;
    }
    out
}

/// Each stream's bytes and whether they are the Flate-compressed form.
fn compress_all<'a>(streams: &[(u32, &'a lopdf::Stream)]) -> Vec<(Cow<'a, [u8]>, bool)> {
    let one = |s: &'a lopdf::Stream| -> (Cow<'a, [u8]>, bool) {
        let keep = s.dict.has(b"Filter")
            || !s.allows_compression
            || matches!(s.dict.get(b"Type"), Ok(Object::Name(n)) if n == b"Metadata");
        if keep {
            return (Cow::Borrowed(&s.content), false);
        }
        let z = deflate(&s.content);
        // "/Filter/FlateDecode" costs 19 bytes.
        if z.len() + 19 < s.content.len() {
            (Cow::Owned(z), true)
        } else {
            (Cow::Borrowed(&s.content), false)
        }
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        streams.par_iter().map(|(_, s)| one(s)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        streams.iter().map(|(_, s)| one(s)).collect()
    }
}

/// zlib-wrapped deflate (what `/FlateDecode` reads).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    deflate_at(data, LEVEL)
}

/// [`deflate`] at a libdeflate level (1–12).
pub fn deflate_at(data: &[u8], level: i32) -> Vec<u8> {
    thread_local! {
        // A near-optimal compressor is ~1 MB of tables to allocate and
        // clear: one per thread and level, not one per stream (they were
        // 2 % of the report's instructions).
        static COMPRESSORS: std::cell::RefCell<Vec<(i32, libdeflater::Compressor)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with(|cell| {
        let mut all = cell.borrow_mut();
        let at = match all.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                let lvl = libdeflater::CompressionLvl::new(level).unwrap_or_default();
                all.push((level, libdeflater::Compressor::new(lvl)));
                all.len() - 1
            }
        };
        let c = &mut all[at].1;
        let mut out = vec![0; c.zlib_compress_bound(data.len())];
        match c.zlib_compress(data, &mut out) {
            Ok(n) => out.truncate(n),
            // The bound is an upper limit: this cannot happen; stored is valid.
            Err(_) => out = stored_zlib(data),
        }
        out
    })
}

/// Uncompressed ("stored") zlib data.
fn stored_zlib(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut chunks = data.chunks(65535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        let len = chunk.len() as u16;
        out.push(u8::from(last));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// 16 bytes of two FNV-1a hashes (not cryptographic; an identifier).
fn stable_hash(bytes: &[u8]) -> [u8; 16] {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for &x in bytes {
        a = (a ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
        b = (b ^ u64::from(x))
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(5);
    }
    let mut out = [0; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_ending_with_cr_gets_cr_lf_before_endstream() {
        // Regression: page-validation read a page stream ending with 0x0D
        // as one byte shorter than its /Length.
        assert_eq!(eol_after(b"q Q\r"), "\r\n");
        assert_eq!(eol_after(b"q Q\n"), "\n");
        assert_eq!(eol_after(b""), "\n");
    }

    fn inflate(z: &[u8]) -> Vec<u8> {
        let mut d = libdeflater::Decompressor::new();
        let mut out = vec![0; 1 << 20];
        let n = d.zlib_decompress(z, &mut out).expect("valid zlib");
        out.truncate(n);
        out
    }

    #[test]
    fn stored_zlib_is_valid() {
        for data in [&b""[..], b"abc", &vec![7u8; 70_000]] {
            assert_eq!(inflate(&stored_zlib(data)), data);
        }
    }

    #[test]
    fn predictor_rows_decode_to_the_table() {
        let table = [(0u8, 0u64, 65535u16), (1, 15, 0), (2, 9, 3), (1, 70_000, 0)];
        let rows = xref_rows(&table, 3);
        let mut above = [0u8; 6];
        for (k, row) in rows.chunks(7).enumerate() {
            assert_eq!(row[0], 2);
            let cur: Vec<u8> = row[1..]
                .iter()
                .zip(above)
                .map(|(d, a)| d.wrapping_add(a))
                .collect();
            let (kind, field, extra) = table[k];
            assert_eq!(cur[0], kind);
            assert_eq!(
                u64::from_be_bytes([0, 0, 0, 0, 0, cur[1], cur[2], cur[3]]),
                field
            );
            assert_eq!(u16::from_be_bytes([cur[4], cur[5]]), extra);
            above.copy_from_slice(&cur);
        }
    }

    #[test]
    fn lopdf_reads_the_file_back() {
        let mut doc = lopdf::Document::with_version("1.7");
        let content = doc.add_object(lopdf::Stream::new(Dictionary::new(), b"BT ET\n".repeat(50)));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 100.into(), Object::Real(200.5)],
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let bytes = write(&doc, &Profile::default());
        let back = lopdf::Document::load_mem(&bytes).expect("lopdf parses our file");
        assert_eq!(back.get_pages().len(), 1);
        let (_, page) = back.get_pages().into_iter().next().unwrap();
        // lopdf ends each content stream it reads with a newline of its own.
        let content = back.get_page_content(page);
        assert_eq!(
            content.trim_ascii_end(),
            b"BT ET\n".repeat(50).trim_ascii_end()
        );
        assert!(back.trailer.get(b"ID").is_ok());
        assert_eq!(
            write(&doc, &Profile::default()),
            bytes,
            "same document, same bytes"
        );
    }

    /// Issue 19: lopdf's `prune_objects` is quadratic in the number of
    /// objects; ours must remove exactly what lopdf's removes.
    #[test]
    fn pruning_removes_what_lopdf_removes() {
        let mut doc = lopdf::Document::with_version("1.7");
        let orphan = doc.add_object(dictionary! { "K" => 1 });
        let shared = doc.add_object(dictionary! { "K" => 2 });
        let deep = doc.add_object(lopdf::Stream::new(dictionary! { "S" => shared }, vec![]));
        let cycle = doc.new_object_id();
        doc.objects.insert(
            cycle,
            Object::Dictionary(dictionary! { "Self" => cycle, "D" => vec![deep.into()] }),
        );
        let orphan_cycle = doc.new_object_id();
        doc.objects.insert(
            orphan_cycle,
            Object::Dictionary(dictionary! { "Self" => orphan_cycle, "S" => shared }),
        );
        let missing = (999, 0);
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "A" => vec![Object::Array(vec![cycle.into(), shared.into()])],
            "M" => missing,
        });
        doc.trailer.set("Root", catalog);
        let mut theirs = doc.clone();
        let lopdf_removed = theirs.prune_objects();
        let removed = prune_unreferenced(&mut doc);
        assert_eq!(removed, vec![orphan, orphan_cycle]);
        assert_eq!(removed, lopdf_removed);
        assert_eq!(
            doc.objects.keys().collect::<Vec<_>>(),
            theirs.objects.keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn more_objects_than_one_object_stream_holds() {
        let mut doc = lopdf::Document::with_version("1.7");
        let n = OBJECTS_PER_STREAM * 2 + 7;
        let items: Vec<Object> = (0..n)
            .map(|k| doc.add_object(dictionary! { "K" => k as i64 }).into())
            .collect();
        let list = doc.add_object(Object::Array(items));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "List" => list });
        doc.trailer.set("Root", catalog);
        let bytes = write(&doc, &Profile::default());
        let back = lopdf::Document::load_mem(&bytes).expect("lopdf parses our file");
        let root = back.catalog().unwrap();
        let list = root.get(b"List").and_then(Object::as_reference).unwrap();
        let items = back.get_object(list).unwrap().as_array().unwrap();
        assert_eq!(items.len(), n);
        for (k, item) in items.iter().enumerate() {
            let d = back.get_dictionary(item.as_reference().unwrap()).unwrap();
            assert_eq!(d.get(b"K").unwrap().as_i64().unwrap(), k as i64);
        }
    }
}
