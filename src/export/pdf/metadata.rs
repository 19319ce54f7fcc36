//! Document metadata: the Info dictionary, XMP (with the PDF/A and PDF/UA
//! identification), the sRGB output intent, and the catalog entries of a
//! tagged document.

use lopdf::{dictionary, Object, ObjectId, Stream, StringFormat};

use super::Profile;
use crate::export::DateTime;

/// What the metadata says about the document.
pub struct Meta<'a> {
    /// The title (also shown by viewers, /DisplayDocTitle).
    pub title: &'a str,
    /// BCP 47 language of the document.
    pub lang: &'a str,
    /// Creation and modification date; `None`: the file has no dates
    /// (neither in Info nor in XMP), rather than an invented one.
    pub date: Option<DateTime>,
    /// The standards the file claims.
    pub profile: Profile,
}

const PRODUCER: &str = concat!("warraq ", env!("CARGO_PKG_VERSION"));

/// A text string: PDFDocEncoding when ASCII, else UTF-16BE with a BOM.
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Literal)
    }
}

/// The Info dictionary.
pub fn info(meta: &Meta) -> lopdf::Dictionary {
    let mut info = dictionary! {
        "Title" => text_string(meta.title),
        "Producer" => text_string(PRODUCER),
        "Creator" => text_string(PRODUCER),
    };
    if let Some(date) = meta.date {
        let date = Object::String(date.pdf().into_bytes(), StringFormat::Literal);
        info.set("CreationDate", date.clone());
        info.set("ModDate", date);
    }
    info
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP dates: the same as Info's (PDF/A-2 wants the two to agree), or
/// none.
fn xmp_dates(meta: &Meta) -> String {
    meta.date.map_or_else(String::new, |date| {
        let date = date.iso();
        format!(
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n\
             <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
             <xmp:MetadataDate>{date}</xmp:MetadataDate>\n"
        )
    })
}

/// The XMP packet.
pub fn xmp(meta: &Meta) -> String {
    let dates = xmp_dates(meta);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
xmlns:dc="http://purl.org/dc/elements/1.1/"
xmlns:xmp="http://ns.adobe.com/xap/1.0/"
xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
{dates}<xmp:CreatorTool>{producer}</xmp:CreatorTool>
<pdf:Producer>{producer}</pdf:Producer>
{identification}<pdfaExtension:schemas>
<rdf:Bag>
<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property>
<rdf:Seq>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li>
</rdf:Seq>
</pdfaSchema:property>
</rdf:li>
</rdf:Bag>
</pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{FEFF}',
        title = xml_escape(meta.title),
        lang = xml_escape(meta.lang),
        producer = PRODUCER,
        identification = meta.profile.xmp_identification(),
    )
}

/// Adds the XMP packet (unfiltered: call after compressing the streams).
pub fn write_xmp(doc: &mut lopdf::Document, catalog: ObjectId, meta: &Meta) {
    let xmp_id = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp(meta).into_bytes(),
    ));
    if let Ok(Object::Dictionary(cat)) = doc.get_object_mut(catalog) {
        cat.set("Metadata", xmp_id);
    }
}

/// Adds Info, the output intent and the tagged-PDF catalog entries.
pub fn write(doc: &mut lopdf::Document, catalog: ObjectId, meta: &Meta) {
    let info_id = doc.add_object(info(meta));
    doc.trailer.set("Info", info_id);
    let intent = meta.profile.output_intent().map(|subtype| {
        let icc = srgb_profile();
        let icc_id = doc.add_object(Stream::new(dictionary! { "N" => 3 }, icc));
        dictionary! {
            "Type" => "OutputIntent",
            "S" => subtype,
            "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
            "RegistryName" => Object::string_literal("http://www.color.org"),
            "Info" => Object::string_literal("sRGB IEC61966-2.1"),
            "DestOutputProfile" => icc_id,
        }
    });
    if let Ok(Object::Dictionary(cat)) = doc.get_object_mut(catalog) {
        if let Some(intent) = intent {
            cat.set("OutputIntents", vec![Object::Dictionary(intent)]);
        }
        cat.set("Lang", Object::string_literal(meta.lang));
        if meta.profile.tagged() {
            cat.set("MarkInfo", dictionary! { "Marked" => true });
            cat.set(
                "ViewerPreferences",
                dictionary! { "DisplayDocTitle" => true },
            );
        }
    }
}

/// A minimal ICC v2 display profile for sRGB (IEC 61966-2.1 primaries
/// adapted to D50, the sRGB tone curve as a 64-entry table), written by
/// this crate: no third-party profile is shipped.
pub fn srgb_profile() -> Vec<u8> {
    let tags = icc_tags();
    // gTRC and bTRC share rTRC's data.
    let count = tags.len() + 2;
    let mut offset = 128 + 4 + 12 * count;
    let mut table = Vec::new();
    let mut data = Vec::new();
    let mut trc = (0, 0);
    for (sig, body) in &tags {
        table.extend_from_slice(*sig);
        table.extend_from_slice(&(offset as u32).to_be_bytes());
        table.extend_from_slice(&(body.len() as u32).to_be_bytes());
        if *sig == b"rTRC" {
            trc = (offset, body.len());
        }
        data.extend_from_slice(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
        offset = 128 + 4 + 12 * count + data.len();
    }
    for sig in [b"gTRC", b"bTRC"] {
        table.extend_from_slice(sig);
        table.extend_from_slice(&(trc.0 as u32).to_be_bytes());
        table.extend_from_slice(&(trc.1 as u32).to_be_bytes());
    }
    let size = 128 + 4 + table.len() + data.len();
    let mut p = icc_header(size);
    p.extend_from_slice(&(count as u32).to_be_bytes());
    p.extend_from_slice(&table);
    p.extend_from_slice(&data);
    p
}

fn s15(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    t.extend_from_slice(&s15(x));
    t.extend_from_slice(&s15(y));
    t.extend_from_slice(&s15(z));
    t
}

/// The profile's 128-byte header, for a profile of `size` bytes.
fn icc_header(size: usize) -> Vec<u8> {
    let mut p = Vec::with_capacity(size);
    p.extend_from_slice(&(size as u32).to_be_bytes());
    p.extend_from_slice(&[0; 4]); // CMM
    p.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    p.extend_from_slice(b"mntrRGB XYZ ");
    for v in [2024u16, 1, 1, 0, 0, 0] {
        p.extend_from_slice(&v.to_be_bytes());
    }
    p.extend_from_slice(b"acsp");
    p.extend_from_slice(&[0; 4]); // platform
    p.extend_from_slice(&[0; 4]); // flags
    p.extend_from_slice(&[0; 8]); // manufacturer, model
    p.extend_from_slice(&[0; 8]); // attributes
    p.extend_from_slice(&[0; 4]); // rendering intent: perceptual
    p.extend_from_slice(&s15(0.9642));
    p.extend_from_slice(&s15(1.0));
    p.extend_from_slice(&s15(0.8249));
    p.extend_from_slice(&[0; 4]); // creator
    p.resize(128, 0);
    p
}

/// The profile's tags (gTRC and bTRC are written as rTRC's).
fn icc_tags() -> Vec<(&'static [u8; 4], Vec<u8>)> {
    let desc_text = b"sRGB IEC61966-2.1 (warraq)\0";
    let mut desc = b"desc\0\0\0\0".to_vec();
    desc.extend_from_slice(&(desc_text.len() as u32).to_be_bytes());
    desc.extend_from_slice(desc_text);
    desc.extend_from_slice(&[0; 4]); // Unicode language code
    desc.extend_from_slice(&[0; 4]); // Unicode count
    desc.extend_from_slice(&[0; 2]); // ScriptCode code
    desc.push(0); // ScriptCode count
    desc.extend_from_slice(&[0; 67]);
    let mut cprt = b"text\0\0\0\0".to_vec();
    cprt.extend_from_slice(b"No copyright, use freely\0");
    // The sRGB transfer curve in 64 samples: linear interpolation between
    // them stays within 1e-4 of the curve (one 8-bit step is 4e-3), and
    // the profile is 384 bytes shorter than with 256.
    let mut curv = b"curv\0\0\0\0".to_vec();
    curv.extend_from_slice(&64u32.to_be_bytes());
    for i in 0..64u32 {
        let v = f64::from(i) / 63.0;
        let lin = if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        };
        curv.extend_from_slice(&((lin * 65535.0).round() as u16).to_be_bytes());
    }
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"cprt", cprt),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.436_074_7, 0.222_504_5, 0.013_932_2)),
        (b"gXYZ", xyz(0.385_064_9, 0.716_878_6, 0.097_104_5)),
        (b"bXYZ", xyz(0.143_080_4, 0.060_616_9, 0.714_173_3)),
        (b"rTRC", curv),
    ];
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srgb_profile_header_is_consistent() {
        let p = srgb_profile();
        assert_eq!(
            u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize,
            p.len()
        );
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        assert_eq!(u32::from_be_bytes([p[128], p[129], p[130], p[131]]), 9);
    }

    #[test]
    fn non_ascii_titles_are_utf16() {
        match text_string("تقرير") {
            Object::String(b, _) => assert_eq!(&b[..4], &[0xFE, 0xFF, 0x06, 0x2A]),
            other => panic!("{other:?}"),
        }
    }
}
