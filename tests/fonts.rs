//! The fonts users bring (issue 17): OpenType fonts with CFF outlines,
//! embedded as CID-keyed CFF (CIDFontType0C) with their text exact; a face
//! of a TTC collection chosen by index or by name; the main family
//! (`--main-font`) and fallback families with their own bold
//! (`--font-family`); Urdu in Nastaliq, shaped like `hb-shape
//! --language=ur`, justified with spaces only, its lines as far apart as the
//! font needs; and the font examples of `warraq --help`.
//!
//! The fonts are Debian's, installed by .ci/setup: fonts-urw-base35 (CFF
//! `.otf`), fonts-noto-core (Noto Nastaliq Urdu) and fonts-dejavu-core.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{python, root, run_python, temp_dir, tool_missing, warraq_cli};
use warraq::{FontBook, Layout};

const URW: &str = "/usr/share/fonts/opentype/urw-base35";
const NOTO: &str = "/usr/share/fonts/truetype/noto";
const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu";

/// A font file of a Debian package, which must be installed.
fn font(dir: &str, file: &str, package: &str) -> String {
    let path = format!("{dir}/{file}");
    assert!(
        Path::new(&path).exists(),
        "{path} is missing: apt-get install {package} (.ci/setup)"
    );
    path
}

fn nimbus(bold: bool) -> String {
    let file = if bold {
        "NimbusSans-Bold.otf"
    } else {
        "NimbusSans-Regular.otf"
    };
    font(URW, file, "fonts-urw-base35")
}

fn dejavu(bold: bool) -> String {
    let file = if bold {
        "DejaVuSans-Bold.ttf"
    } else {
        "DejaVuSans.ttf"
    };
    font(DEJAVU, file, "fonts-dejavu-core")
}

fn nastaliq(bold: bool) -> String {
    let file = if bold {
        "NotoNastaliqUrdu-Bold.ttf"
    } else {
        "NotoNastaliqUrdu-Regular.ttf"
    };
    font(NOTO, file, "fonts-noto-core")
}

/// An English paragraph with ligatures (Nimbus Sans draws "fi" of "fine"
/// and the character U+FB01 with one glyph: two CIDs for one glyph), a bold
/// span and a paragraph of Arabic that Amiri sets as the fallback.
const ENGLISH: &str = r#"{
  "lang": "en",
  "title": "Report of the working group on fonts",
  "symbol": "CTOC/COP/WG.4/2024/9",
  "blocks": [
    {"kind": "heading", "level": 1, "label": "I.", "text": "Introduction"},
    {"kind": "paragraph", "number": 1, "text": [{"text": "The fine office decided that fluffy affairs "}, {"text": "in strong words", "strong": true}, {"text": " shall be set in a PostScript font: café, naïve, ﬁ."}]},
    {"kind": "paragraph", "number": 2, "text": "نص عربي قصير مع كلمة English في وسطه."}
  ]
}"#;

/// Arabic with Hebrew words, in a bold heading and a bold span.
const HEBREW: &str = r#"{
  "lang": "ar",
  "title": "عنوان",
  "blocks": [
    {"kind": "heading", "level": 1, "label": "أولاً", "text": "مقدمة שלום"},
    {"kind": "paragraph", "number": 1, "text": [{"text": "كلمة عبرية עולם و"}, {"text": "بخط عريض גדול", "strong": true}]}
  ]
}"#;

/// Runs `tools/check_pdf.sh` (qpdf, page-validation ua1 and 2a, pdfua,
/// outloud) on a PDF; panics with its report unless it passes.
fn assert_valid(pdf: &Path) {
    let out = Command::new("bash")
        .arg(root().join("tools/check_pdf.sh"))
        .arg(pdf)
        .output()
        .expect("run tools/check_pdf.sh");
    if out.status.code() == Some(2) {
        tool_missing("tools/check_pdf.sh's validators");
    }
    assert!(
        out.status.success(),
        "{} fails validation:\n{}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The page text as poppler (`pdftotext`), PDFium and pdfminer extract
/// it, whitespace collapsed to single spaces.
fn extracted(pdf: &Path) -> Vec<(&'static str, String)> {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let poppler = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|_| tool_missing("pdftotext"));
    let py = python().unwrap_or_else(|| tool_missing("the validator venv"));
    let script = "import sys, pypdfium2, pdfminer.high_level as m\n\
        d = pypdfium2.PdfDocument(sys.argv[1])\n\
        print(''.join(p.get_textpage().get_text_range() for p in d))\n\
        print('\\x00')\n\
        print(m.extract_text(sys.argv[1]))\n";
    let text = run_python(&py, script, &[pdf]);
    let (pdfium, pdfminer) = text.split_once('\0').expect("two extractions");
    vec![
        (
            "poppler",
            collapse(&String::from_utf8_lossy(&poppler.stdout)),
        ),
        ("PDFium", collapse(pdfium)),
        ("pdfminer", collapse(pdfminer)),
    ]
}

/// The font lines of `pdffonts` (poppler).
fn pdffonts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .unwrap_or_else(|_| tool_missing("pdffonts"));
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().skip(2).map(str::to_string).collect()
}

fn render(dir: &Path, name: &str, json: &str, fonts: &[&str]) -> PathBuf {
    let input = dir.join(format!("{name}.json"));
    std::fs::write(&input, json).unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    let mut args = vec![
        "render",
        input.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ];
    args.extend_from_slice(fonts);
    let out = warraq_cli(&args);
    assert!(
        out.status.success(),
        "render {name} {fonts:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

#[test]
fn a_cff_font_is_embedded_as_cid_keyed_cff_with_its_text_exact() {
    let dir = temp_dir("fonts-cff");
    let main = format!("{},{}", nimbus(false), nimbus(true));
    let pdf = render(&dir, "cff", ENGLISH, &["--main-font", &main]);
    let fonts = pdffonts(&pdf);
    for face in ["NimbusSans-Regular", "NimbusSans-Bold"] {
        let line = fonts.iter().find(|l| l.contains(face)).expect(face);
        // name, type "CID Type 0C", Identity-H, embedded, subset, ToUnicode.
        assert!(
            line.contains("CID Type 0C ") && line.contains("Identity-H"),
            "{line}"
        );
        assert!(line.contains(" yes yes yes "), "{line}");
    }
    assert_valid(&pdf);
    for (engine, text) in extracted(&pdf) {
        for expected in [
            "Report of the working group on fonts",
            "The fine office decided that fluffy affairs in strong words shall be set",
            "font: café, naïve,",
        ] {
            assert!(
                text.contains(expected),
                "{engine}: no {expected:?} in {text:?}"
            );
        }
    }
    // poppler keeps U+FB01 as it is (PDFium and pdfminer decompose it).
    let (_, poppler) = &extracted(&pdf)[0];
    assert!(poppler.contains("naïve, ﬁ."), "{poppler}");
    cff_programs_have_a_glyph_per_cid(&pdf);
}

/// Reads every CFF program of the PDF with fontTools: CID-keyed
/// (Adobe-Identity), one glyph per CID of the font's widths, an identity
/// charset, and the ligature's glyph there twice (for "f" of "fine" and
/// for "ﬁ").
fn cff_programs_have_a_glyph_per_cid(pdf: &Path) {
    let py = python().unwrap_or_else(|| tool_missing("the validator venv"));
    let script = r#"
import io, sys, pikepdf
from fontTools.cffLib import CFFFontSet
seen = 0
pdf = pikepdf.open(sys.argv[1])
for obj in pdf.objects:
    if isinstance(obj, pikepdf.Dictionary) and obj.get('/Subtype') == '/CIDFontType0':
        data = obj.FontDescriptor.FontFile3.read_bytes()
        cff = CFFFontSet(); cff.decompile(io.BytesIO(data), None)
        top = cff.topDictIndex[0]
        assert top.ROS == ('Adobe', 'Identity', 0), top.ROS
        names = top.charset
        cids = len(obj.W[1])
        assert len(names) == cids + 1, (len(names), cids)
        assert names[1:] == ['cid%05d' % k for k in range(1, cids + 1)], names[:5]
        index = top.CharStrings.charStringsIndex
        programs = [bytes(index.getItem(k)) if hasattr(index, 'getItem') else index[k].bytecode for k in range(len(index))]
        print(obj.BaseFont, cids, len(set(programs)))
        seen += 1
assert seen == 2, seen
"#;
    let stdout = run_python(&py, script, &[pdf]);
    let regular = stdout
        .lines()
        .find(|l| l.contains("NimbusSans-Regular"))
        .expect("the regular face");
    let n: Vec<usize> = regular
        .split(' ')
        .skip(1)
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(
        n[1] < n[0] + 1,
        "a glyph drawn for two texts is in the program twice: {regular}"
    );
}

#[test]
fn a_cff2_font_is_embedded_with_truetype_outlines() {
    // A CFF2 (variable-font outline) face made from Nimbus Sans with
    // fontTools (its charstrings must be desubroutinized first).
    let dir = temp_dir("fonts-cff2");
    let cff2 = dir.join("NimbusCFF2.otf");
    let py = python().unwrap_or_else(|| tool_missing("the validator venv"));
    let script = "import sys\n\
        from fontTools.ttLib import TTFont\n\
        from fontTools import subset\n\
        from fontTools.cffLib.CFFToCFF2 import convertCFFToCFF2\n\
        f = TTFont(sys.argv[1])\n\
        o = subset.Options(); o.desubroutinize = True; o.layout_features = ['*']\n\
        s = subset.Subsetter(o); s.populate(unicodes=[*range(32, 0x250), 0xFB01]); s.subset(f)\n\
        convertCFFToCFF2(f); assert 'CFF2' in f and 'CFF ' not in f\n\
        f.save(sys.argv[2])\n";
    run_python(&py, script, &[PathBuf::from(nimbus(false)), cff2.clone()]);
    let pdf = render(
        &dir,
        "cff2",
        ENGLISH,
        &["--main-font", cff2.to_str().unwrap()],
    );
    let fonts = pdffonts(&pdf);
    let line = fonts.iter().find(|l| l.contains("+NimbusSans-Regular"));
    assert!(
        line.is_some_and(|l| l.contains("CID TrueType")),
        "{fonts:?}"
    );
    assert_valid(&pdf);
    let (_, poppler) = &extracted(&pdf)[0];
    assert!(
        poppler.contains("The fine office decided that fluffy affairs"),
        "{poppler}"
    );
}

/// A collection (TTC) of the given font files: each file copied whole, its
/// table offsets moved to where it lands.
fn collection(files: &[String]) -> Vec<u8> {
    let fonts: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let mut out = b"ttcf".to_vec();
    out.extend_from_slice(&[0, 1, 0, 0]);
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    let mut at = 12 + 4 * fonts.len();
    let mut starts = Vec::new();
    for f in &fonts {
        starts.push(at);
        out.extend_from_slice(&(at as u32).to_be_bytes());
        at = (at + f.len()).next_multiple_of(4);
    }
    for (f, start) in fonts.iter().zip(starts) {
        let mut f = f.clone();
        let tables = usize::from(u16::from_be_bytes([f[4], f[5]]));
        for k in 0..tables {
            let r = 12 + 16 * k + 8;
            let offset = u32::from_be_bytes([f[r], f[r + 1], f[r + 2], f[r + 3]]);
            f[r..r + 4].copy_from_slice(&(offset + start as u32).to_be_bytes());
        }
        out.resize(start, 0);
        out.extend_from_slice(&f);
    }
    out
}

#[test]
fn a_face_of_a_collection_is_chosen_by_index_or_by_name() {
    let dir = temp_dir("fonts-ttc");
    let ttc = dir.join("three.ttc");
    std::fs::write(
        &ttc,
        collection(&[dejavu(false), dejavu(true), nimbus(false)]),
    )
    .unwrap();
    let ttc = ttc.to_str().unwrap();
    // The Hebrew family from faces 0 and 1, the second by its full name.
    let family = format!("Hebrew={ttc}#0,{ttc}#DejaVu Sans Bold");
    let pdf = render(&dir, "hebrew", HEBREW, &["--font-family", &family]);
    assert_valid(&pdf);
    let fonts = pdffonts(&pdf);
    assert!(
        fonts.iter().any(|l| l.contains("+DejaVuSans-Bold ")),
        "{fonts:?}"
    );
    assert!(
        fonts.iter().any(|l| l.contains("+DejaVuSans ")),
        "{fonts:?}"
    );
    // pdfminer reads stream order, which the visual text layer is not for
    // right-to-left text (`--text-order logical` is).
    for (engine, text) in extracted(&pdf)
        .into_iter()
        .filter(|(e, _)| *e != "pdfminer")
    {
        for word in ["שלום", "עולם", "גדול"] {
            assert!(text.contains(word), "{engine}: no {word} in {text:?}");
        }
    }
    // The CFF face of the collection, by family name, as the main font.
    let pdf = render(
        &dir,
        "cff",
        ENGLISH,
        &["--main-font", &format!("{ttc}#nimbus sans")],
    );
    assert_valid(&pdf);
    let fonts = pdffonts(&pdf);
    let nimbus = fonts.iter().find(|l| l.contains("+NimbusSans-Regular"));
    assert!(
        nimbus.is_some_and(|l| l.contains("CID Type 0C")),
        "{fonts:?}"
    );
    // A face the file does not have: a clear error, and no output.
    let input = dir.join("hebrew.json");
    for (face, message) in [
        ("#3", "the collection has faces 0 to 2; there is no face 3"),
        (
            "#Noto Sans CJK JP",
            "no face of the file is named \"Noto Sans CJK JP\"",
        ),
        ("#Noto Sans CJK JP", "1: DejaVu Sans Bold"),
    ] {
        let out_pdf = dir.join("bad.pdf");
        let out = warraq_cli(&[
            "render",
            input.to_str().unwrap(),
            "--pdf",
            out_pdf.to_str().unwrap(),
            "--font",
            &format!("{ttc}{face}"),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
        assert!(stderr.contains("three.ttc"), "the file is named: {stderr}");
        assert!(!out_pdf.exists());
    }
}

/// The fonts of the runs that set `word`, with the weight of their piece or span.
fn fonts_of(layout: &Layout, fonts: &FontBook, word: &str) -> Vec<String> {
    common::content_lines(layout)
        .iter()
        .flat_map(|(piece, _, line)| line.runs.iter().map(move |r| (piece, r)))
        .filter(|(piece, r)| piece.text[r.range.clone()].contains(word))
        .map(|(_, r)| fonts.get(r.font).name.clone())
        .collect()
}

fn lay_out(json: &str, fonts: &FontBook) -> Layout {
    let (doc, _) = warraq::parse_json(json).unwrap();
    warraq::lay_out(&doc, fonts, &Default::default()).unwrap()
}

#[test]
fn a_fallback_family_sets_bold_text_with_its_bold_face() {
    // Before: a second --font meant as bold was ignored, and the Hebrew of
    // a bold heading was drawn with the regular face.
    let mut family = FontBook::bundled();
    family
        .add_family(
            "DejaVu Sans",
            Path::new(&dejavu(false)),
            Some(Path::new(&dejavu(true))),
        )
        .unwrap();
    let mut two_fonts = FontBook::bundled();
    two_fonts.add_file(Path::new(&dejavu(false))).unwrap();
    two_fonts.add_file(Path::new(&dejavu(true))).unwrap();
    for fonts in [&family, &two_fonts] {
        let layout = lay_out(HEBREW, fonts);
        assert_eq!(
            fonts_of(&layout, fonts, "שלום"),
            ["DejaVuSans-Bold"],
            "the heading"
        );
        assert_eq!(
            fonts_of(&layout, fonts, "גדול"),
            ["DejaVuSans-Bold"],
            "the bold span"
        );
        assert_eq!(
            fonts_of(&layout, fonts, "עולם"),
            ["DejaVuSans"],
            "regular text"
        );
    }
    // A face alone serves both weights, as before.
    let mut one = FontBook::bundled();
    one.add_file(Path::new(&dejavu(false))).unwrap();
    let layout = lay_out(HEBREW, &one);
    assert_eq!(fonts_of(&layout, &one, "שלום"), ["DejaVuSans"]);
}

#[test]
fn the_main_font_sets_the_body_with_amiri_as_fallback() {
    let mut fonts = FontBook::bundled();
    fonts
        .set_main_font(Path::new(&nimbus(false)), Some(Path::new(&nimbus(true))))
        .unwrap();
    let layout = lay_out(ENGLISH, &fonts);
    assert_eq!(fonts_of(&layout, &fonts, "fluffy"), ["NimbusSans-Regular"]);
    assert_eq!(fonts_of(&layout, &fonts, "strong"), ["NimbusSans-Bold"]);
    assert_eq!(
        fonts_of(&layout, &fonts, "عربي"),
        ["Amiri-Regular"],
        "Amiri falls back"
    );
    assert_eq!(fonts.main(false), fonts.main_faces()[0]);
}

/// HarfBuzz's glyphs for a run: `hb-shape` with the font file, direction
/// and language, as tools/gen_hb_fixtures.py runs it.
fn hb_shape(font: &str, rtl: bool, lang: &str, text: &str) -> String {
    let out = Command::new("hb-shape")
        .args(["--font-funcs=ot", "--no-glyph-names", "--utf8-clusters"])
        .args([
            "--font-file",
            font,
            "--direction",
            if rtl { "rtl" } else { "ltr" },
        ])
        .args(["--language", lang, "--text", text])
        .output()
        .unwrap_or_else(|_| tool_missing("hb-shape (libharfbuzz-bin)"));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn urdu_in_nastaliq_is_shaped_like_harfbuzz_and_justified_with_spaces() {
    let json = std::fs::read_to_string(root().join("examples/urdu/urdu.json")).unwrap();
    let mut fonts = FontBook::bundled();
    let (regular, bold) = (nastaliq(false), nastaliq(true));
    fonts
        .set_main_font(Path::new(&regular), Some(Path::new(&bold)))
        .unwrap();
    let layout = lay_out(&json, &fonts);
    let mut compared = 0;
    for (piece, _, line) in common::content_lines(&layout) {
        for run in &line.runs {
            let name = &fonts.get(run.font).name;
            let file = match name.as_str() {
                "NotoNastaliqUrdu-Regular" => &regular,
                "NotoNastaliqUrdu-Bold" => &bold,
                _ => continue,
            };
            assert!(
                !run.glyphs.iter().any(|g| g.kashida),
                "a kashida in Nastaliq"
            );
            let text = &piece.text[run.range.clone()];
            let lang = run.lang.as_deref().unwrap_or("ur");
            let ours: Vec<String> = run
                .glyphs
                .iter()
                .map(|g| {
                    let offset = if (g.x_offset, g.y_offset) == (0, 0) {
                        String::new()
                    } else {
                        format!("@{},{}", g.x_offset, g.y_offset)
                    };
                    format!("{}={}{offset}+{}", g.id, g.cluster, g.x_advance)
                })
                .collect();
            let ours = format!("[{}]", ours.join("|"));
            let theirs = hb_shape(file, run.is_rtl(), lang, text);
            assert_eq!(ours, theirs, "{name} {lang} {text:?}");
            compared += 1;
        }
    }
    assert!(compared >= 15, "only {compared} Nastaliq runs compared");
    // The report, an Arabic document justified with kashidas in Amiri,
    // gets none in Nastaliq: its lines are justified with word spaces.
    let report = std::fs::read_to_string(root().join("examples/un-report/report.json")).unwrap();
    let kashidas = |layout: &Layout| {
        common::content_lines(layout)
            .iter()
            .flat_map(|(_, _, l)| &l.runs)
            .flat_map(|r| &r.glyphs)
            .filter(|g| g.kashida)
            .count()
    };
    let naskh = FontBook::bundled();
    let amiri = lay_out(&report, &naskh);
    assert!(kashidas(&amiri) > 50, "Amiri's report has kashidas");
    let in_nastaliq = lay_out(&report, &fonts);
    assert_eq!(kashidas(&in_nastaliq), 0, "a kashida in Nastaliq");
    let justified = common::content_lines(&in_nastaliq)
        .iter()
        .filter(|(_, _, l)| l.justified)
        .count();
    assert!(justified > 100, "only {justified} lines justified");
    // Lines as far apart as the font's extents (2.5 em, Amiri's 1.758 em).
    assert!((layout.geometry.leading - 20.0 * 2.5 / 1.758).abs() < 0.05);
    assert_eq!(amiri.geometry.leading, 20.0);
}

fn nastaliq_pdf(dir: &Path) -> PathBuf {
    let json = std::fs::read_to_string(root().join("examples/urdu/urdu.json")).unwrap();
    let main = format!("{},{}", nastaliq(false), nastaliq(true));
    render(dir, "urdu", &json, &["--main-font", &main])
}

#[test]
fn the_urdu_nastaliq_pdf_passes_the_validators() {
    let dir = temp_dir("fonts-nastaliq");
    let pdf = nastaliq_pdf(&dir);
    assert_valid(&pdf);
    let fonts = pdffonts(&pdf);
    for face in ["+NotoNastaliqUrdu-Regular ", "+NotoNastaliqUrdu-Bold "] {
        assert!(fonts.iter().any(|l| l.contains(face)), "{fonts:?}");
    }
}

/// Nastaliq's cascades raise and lower each glyph of a word; engines cut
/// a line where glyphs change height, so every glyph the font moves up or
/// down is written on the baseline and drawn where it sits (as a raised
/// note mark is). Before, poppler, PDFium, PDF.js, MuPDF and pdfminer all
/// broke the words into pieces.
#[test]
fn the_urdu_nastaliq_pdf_gives_its_text_back() {
    let dir = temp_dir("fonts-nastaliq-text");
    let pdf = nastaliq_pdf(&dir);
    // pdfminer reads stream order (`--text-order logical` is for it).
    for (engine, text) in extracted(&pdf)
        .into_iter()
        .filter(|(e, _)| *e != "pdfminer")
    {
        for words in ["انسانی اسمگلنگ سے متعلق ورکنگ گروپ کی رپورٹ", "سفارشات"]
        {
            assert!(text.contains(words), "{engine}: no {words:?} in {text}");
        }
    }
}

#[test]
fn the_font_examples_of_help_work() {
    let help = warraq_cli(&["--help"]);
    let help = String::from_utf8(help.stdout).unwrap();
    let examples = help
        .split_once("Examples:\n")
        .expect("--help has examples")
        .1
        .split("\n\n")
        .next()
        .unwrap()
        .replace("\\\n", " ");
    let dir = temp_dir("fonts-help");
    std::os::unix::fs::symlink(root().join("examples"), dir.join("examples")).unwrap();
    let bin = env!("CARGO_BIN_EXE_warraq");
    let mut vars = String::new();
    let mut ran = 0;
    for line in examples.lines().map(str::trim) {
        if line.split(' ').all(|w| w.contains('=')) {
            vars = line.to_string();
            continue;
        }
        if !line.contains("font") {
            continue;
        }
        let script = format!("{vars}; {}", line.replacen("warraq", bin, 1));
        let out = Command::new("bash")
            .args(["-c", &script])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 3, "{ran} font examples in:\n{examples}");
    for pdf in ["out.pdf", "urdu.pdf", "nimbus.pdf"] {
        assert!(dir.join(pdf).exists(), "{pdf} written");
    }
}

#[test]
fn system_fonts_fill_in_what_the_given_fonts_lack() {
    // DejaVu Sans (fonts-dejavu-core) has the snowman and Hebrew, which
    // Amiri lacks; nothing has U+10FFFD (private use).
    dejavu(false);
    let dir = temp_dir("fonts-system");
    let snow =
        r#"{"title": "ثلج", "blocks": [{"kind": "paragraph", "text": "ثلج ☃ وكلمة עברית"}]}"#;
    let input = dir.join("snow.json");
    std::fs::write(&input, snow).unwrap();
    let pdf = dir.join("snow.pdf");
    let args = [
        "render",
        input.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ];
    let without = warraq_cli(&args);
    assert_eq!(
        without.status.code(),
        Some(2),
        "Amiri alone lacks the snowman"
    );
    let with = warraq_cli(&[&args[..], &["--system-fonts"]].concat());
    let stderr = String::from_utf8_lossy(&with.stderr);
    assert!(with.status.success(), "{stderr}");
    assert!(stderr.contains("snow.json: system font "), "{stderr}");
    assert_valid(&pdf);
    let (_, poppler) = &extracted(&pdf)[0];
    assert!(
        poppler.contains("☃") && poppler.contains("עברית"),
        "{poppler}"
    );
    // The same fonts every time.
    let again = warraq_cli(&[&args[..], &["--system-fonts"]].concat());
    assert_eq!(String::from_utf8_lossy(&again.stderr), stderr);
    // A character no font has keeps its error, named.
    std::fs::write(
        &input,
        r#"{"title": "ثلج", "blocks": [{"kind": "paragraph", "text": "ثلج ☃ \udbff\udffd"}]}"#,
    )
    .unwrap();
    let out = warraq_cli(&[&args[..], &["--system-fonts"]].concat());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("U+10FFFD"), "{stderr}");
    // Batch rendering does not take it (yet).
    let out = warraq_cli(&[
        "render",
        input.to_str().unwrap(),
        "--out-dir",
        dir.to_str().unwrap(),
        "--system-fonts",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
