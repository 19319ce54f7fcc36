//! Batch rendering (issue 18): `warraq render … --out-dir DIR` and the
//! library's `Renderer`, shared by every document and thread.

mod common;

use common::{temp_dir, warraq_cli as warraq};

use std::path::Path;

use warraq::model::{Document, Span, Text};
use warraq::{FontBook, Formats, Renderer};

/// A small document; document `bad` has a relative link (a located error).
fn document(k: usize, bad: usize) -> String {
    let link = if k == bad {
        "relative/page"
    } else {
        "https://www.unodc.org/"
    };
    serde_json::json!({
        "title": format!("الوثيقة رقم {k}"),
        "blocks": [
            {"kind": "paragraph", "number": 1, "text": [
                {"text": format!("نص الفقرة الأولى من الوثيقة {k}")},
                {"note": "حاشية قصيرة."},
                {"text": " والموقع "},
                {"text": "www.unodc.org", "href": link, "lang": "en"}
            ]}
        ]
    })
    .to_string()
}

fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn two_hundred_documents_with_a_failure_in_the_middle() {
    let dir = temp_dir("batch-200");
    let (src, out_dir) = (dir.join("src"), dir.join("out"));
    std::fs::create_dir_all(&src).unwrap();
    for k in 0..200 {
        std::fs::write(src.join(format!("d{k:03}.json")), document(k, 100)).unwrap();
    }
    let out = warraq(&[
        "render",
        src.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The failure, named with its file, line:column and path.
    assert!(
        stderr.contains("d100.json:1:") && stderr.contains("at `blocks[0].text[3].href`"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("200 documents, 199 pages, "),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("; 1 failed"), "{stderr}");
    let written = names(&out_dir);
    assert_eq!(written.len(), 398, "199 PDFs and 199 EPUBs");
    assert!(
        !written.iter().any(|n| n.starts_with("d100.")),
        "no output for the failure"
    );
    assert!(
        !written.iter().any(|n| n.contains(".tmp")),
        "no temporary file left"
    );
    // The same bytes as rendering one document alone.
    let single = dir.join("single.pdf");
    let one = warraq(&[
        "render",
        src.join("d007.json").to_str().unwrap(),
        "--pdf",
        single.to_str().unwrap(),
    ]);
    assert!(one.status.success());
    assert_eq!(
        std::fs::read(single).unwrap(),
        std::fs::read(out_dir.join("d007.pdf")).unwrap()
    );
}

#[test]
fn formats_files_and_usage_errors() {
    let dir = temp_dir("batch-usage");
    let a = dir.join("a.json");
    std::fs::write(&a, document(0, usize::MAX)).unwrap();
    let out_dir = dir.join("out");
    let out = warraq(&[
        "render",
        a.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
        "--format",
        "epub",
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "quiet: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(names(&out_dir), ["a.epub"]);
    // Two inputs with one name, standard input, many inputs without --out-dir.
    let md = dir.join("a.md");
    std::fs::write(&md, "---\ntitle: ت\n---\n\nنص.\n").unwrap();
    for args in [
        vec![
            "render",
            a.to_str().unwrap(),
            md.to_str().unwrap(),
            "--out-dir",
            out_dir.to_str().unwrap(),
        ],
        vec!["render", "-", "--out-dir", out_dir.to_str().unwrap()],
        vec![
            "render",
            a.to_str().unwrap(),
            md.to_str().unwrap(),
            "--pdf",
            "x.pdf",
        ],
    ] {
        let out = warraq(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_renderer_is_shared_by_threads_and_keeps_going_after_a_failure() {
    let docs: Vec<Document> = (0..12)
        .map(|k| {
            let text = if k == 5 {
                Text::Plain(String::new())
            } else {
                Text::from(vec![Span::new(format!("فقرة {k}")), Span::note("حاشية")])
            };
            Document::new(format!("وثيقة {k}")).paragraph(text)
        })
        .collect();
    let renderer = Renderer::new(FontBook::bundled());
    let results = renderer.render_all(
        &docs,
        Formats {
            pdf: true,
            epub: false,
        },
        4,
    );
    assert_eq!(results.len(), 12);
    for (k, result) in results.iter().enumerate() {
        match result {
            Err(e) if k == 5 => assert!(e.to_string().contains("blocks[0].text"), "{e}"),
            Ok(r) if k != 5 => {
                let alone =
                    warraq::lay_out(&docs[k], renderer.fonts(), &Default::default()).unwrap();
                let pdf =
                    warraq::write_pdf(&docs[k], renderer.fonts(), &alone, &Default::default())
                        .unwrap();
                assert_eq!(r.pdf.as_deref(), Some(pdf.as_slice()), "document {k}");
                assert!(r.epub.is_none());
            }
            other => panic!("document {k}: {:?}", other.as_ref().map(|r| r.pages)),
        }
    }
}
