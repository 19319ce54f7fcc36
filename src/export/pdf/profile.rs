//! The conformance profile: which standards a PDF claims, and so its file
//! version, its XMP identification and the rules its structure follows.

/// The standards a PDF is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// PDF/A: ISO 19005 part and conformance level (`2`, `'A'`).
    pub pdfa: Option<(u8, char)>,
    /// PDF/UA: ISO 14289 part (`1`).
    pub pdfua: Option<u8>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile::UA1_A2A
    }
}

impl Profile {
    /// PDF/UA-1 and PDF/A-2a: what warraq writes today.
    pub const UA1_A2A: Profile = Profile {
        pdfa: Some((2, 'A')),
        pdfua: Some(1),
    };

    /// The PDF version: 1.7 (ISO 32000-1), the base of PDF/UA-1 and PDF/A-2.
    pub fn version(&self) -> &'static str {
        "1.7"
    }

    /// The file's header line.
    pub fn header(&self) -> String {
        format!("%PDF-{}\n", self.version())
    }

    /// Whether the document is tagged (`/MarkInfo`, a structure tree, the
    /// title shown by viewers): PDF/UA and PDF/A level A require it.
    pub fn tagged(&self) -> bool {
        self.pdfua.is_some() || matches!(self.pdfa, Some((_, 'A')))
    }

    /// The output intent's subtype, which PDF/A requires.
    pub fn output_intent(&self) -> Option<&'static str> {
        self.pdfa.map(|_| "GTS_PDFA1")
    }

    /// The XMP properties that identify the standards (pdfaid, pdfuaid).
    pub fn xmp_identification(&self) -> String {
        let mut out = String::new();
        if let Some((part, conformance)) = self.pdfa {
            out.push_str(&format!(
                "<pdfaid:part>{part}</pdfaid:part>\n<pdfaid:conformance>{conformance}</pdfaid:conformance>\n"
            ));
        }
        if let Some(part) = self.pdfua {
            out.push_str(&format!("<pdfuaid:part>{part}</pdfuaid:part>\n"));
        }
        out
    }
}
