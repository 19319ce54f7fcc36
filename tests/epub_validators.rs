//! The EPUBs of the example report and of the escaping fixture pass the
//! three validators of the issue:
//! - EPUBCheck (Debian's jar): 0 fatals, 0 errors, 0 warnings;
//! - epubcheck-ts (npm `@likecoin/epubcheck-ts`): 0 fatals, 0 errors;
//! - DAISY Ace (npm `@daisy/ace-cli`, with Debian's Chromium): 0 violations.
//!
//! The tools are installed by `.ci/setup`; this test fails, naming the tool,
//! when one is missing. Locations (as in `tools/env.sh`):
//! `WARRAQ_EPUBCHECK_JAR` (default `/usr/share/java/epubcheck.jar`),
//! `WARRAQ_NODE` (default `/opt/warraq-node`, holding `node_modules/.bin`),
//! `PUPPETEER_EXECUTABLE_PATH` (default `/usr/bin/chromium`).

mod epub_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use epub_support::{render_file, report};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/epub/escaping.json"
);

fn env_or(key: &str, default: &str) -> PathBuf {
    std::env::var_os(key).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

fn require(tool: &Path, what: &str) {
    assert!(
        tool.exists(),
        "missing tool: {what} at {} (install it with .ci/setup, or point the \
         environment variable named in tests/epub_validators.rs to it)",
        tool.display()
    );
}

fn work_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warraq-epub-validators-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json_file(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("no report {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn epubcheck(epub: &Path, out: &Path) -> Vec<String> {
    let jar = env_or("WARRAQ_EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar");
    require(&jar, "EPUBCheck (Debian package epubcheck)");
    let report = out.join("epubcheck.json");
    let status = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg(epub)
        .arg("--json")
        .arg(&report)
        .output()
        .expect("java runs (Debian package default-jre-headless)");
    let json = json_file(&report);
    let mut problems: Vec<String> = json["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| matches!(m["severity"].as_str(), Some("FATAL" | "ERROR" | "WARNING")))
        .map(|m| {
            format!(
                "epubcheck {} {}: {} {}",
                m["severity"], m["ID"], m["message"], m["locations"]
            )
        })
        .collect();
    if !status.status.success() && problems.is_empty() {
        problems.push(format!(
            "epubcheck failed: {}",
            String::from_utf8_lossy(&status.stderr)
        ));
    }
    problems
}

fn epubcheck_ts(epub: &Path, out: &Path) -> Vec<String> {
    let bin = env_or("WARRAQ_NODE", "/opt/warraq-node").join("node_modules/.bin/epubcheck-ts");
    require(&bin, "epubcheck-ts (npm @likecoin/epubcheck-ts)");
    let report = out.join("epubcheck-ts.json");
    let run = Command::new(&bin)
        .arg(epub)
        .arg("--json")
        .arg(&report)
        .output()
        .expect("epubcheck-ts runs");
    let json = json_file(&report);
    let fatals = json["fatals"].as_u64().unwrap_or(0);
    let errors = json["errors"].as_u64().unwrap_or(0);
    if fatals + errors > 0 || !run.status.success() {
        vec![format!(
            "epubcheck-ts: {fatals} fatals, {errors} errors, exit {:?}:\n{}",
            run.status.code(),
            String::from_utf8_lossy(&run.stdout)
        )]
    } else {
        Vec::new()
    }
}

fn ace(epub: &Path, out: &Path) -> Vec<String> {
    let bin = env_or("WARRAQ_NODE", "/opt/warraq-node").join("node_modules/.bin/ace-cli");
    require(&bin, "DAISY Ace (npm @daisy/ace-cli)");
    let chromium = env_or("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium");
    require(&chromium, "Chromium (Debian package chromium)");
    let dir = out.join("ace");
    let run = Command::new(&bin)
        .env("PUPPETEER_EXECUTABLE_PATH", &chromium)
        .env("PUPPETEER_SKIP_DOWNLOAD", "1")
        .arg("-E")
        .arg("-f")
        .arg("-o")
        .arg(&dir)
        .arg(epub)
        .output()
        .expect("ace-cli runs");
    let json = json_file(&dir.join("report.json"));
    let mut problems = Vec::new();
    for doc in json["assertions"].as_array().into_iter().flatten() {
        for a in doc["assertions"].as_array().into_iter().flatten() {
            if a["earl:result"]["earl:outcome"] == "fail" {
                problems.push(format!(
                    "ace: {} in {}: {}",
                    a["earl:test"]["dct:title"],
                    doc["earl:testSubject"]["url"],
                    a["earl:result"]["dct:description"]
                ));
            }
        }
    }
    if problems.is_empty() && !run.status.success() {
        problems.push(format!(
            "ace exit {:?}: {}",
            run.status.code(),
            String::from_utf8_lossy(&run.stderr)
        ));
    }
    problems
}

fn validate(name: &str, bytes: &[u8]) -> Vec<String> {
    let dir = work_dir().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let epub = dir.join(format!("{name}.epub"));
    std::fs::write(&epub, bytes).unwrap();
    let mut problems = epubcheck(&epub, &dir);
    problems.extend(epubcheck_ts(&epub, &dir));
    problems.extend(ace(&epub, &dir));
    problems
}

#[test]
fn report_and_fixture_pass_epubcheck_epubcheck_ts_and_ace() {
    let mut problems = validate("report", &report().epub);
    problems.extend(validate("escaping", &render_file(FIXTURE).epub));
    let _ = std::fs::remove_dir_all(work_dir());
    assert!(
        problems.is_empty(),
        "validator findings:\n{}",
        problems.join("\n")
    );
}
