//! The house is one-way and small: reads every `crate::` and `super::` path in `src/`
//! (the library, not the binary) and fails on a dependency circle.
//!
//! An edge from module `a::b::c` to `a::d::e` is an edge between the
//! siblings `b` and `d` inside `a`; every folder's sibling graph must be
//! acyclic, and the top level must follow model → text → layout → export.
//! A child using its own parent module (types defined in `mod.rs`) is not an
//! edge between siblings and is allowed; a test module (everything after the
//! first `#[cfg(test)]` of a file) is not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path of every library source file: `src/a/b.rs` → `a::b`.
fn modules() -> BTreeMap<Vec<String>, String> {
    let mut out = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(&root).unwrap();
            if rel.starts_with("bin") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let mut parts: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            out.insert(parts, std::fs::read_to_string(&path).unwrap());
        }
    }
    out
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else {
        return vec![path.to_string()];
    };
    let prefix = &path[..open];
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{prefix}{p}")))
        .collect()
}

/// Every path a file names with `crate::`, `super::` or `self::`, as written.
fn paths(source: &str) -> Vec<String> {
    let code: String = source
        .lines()
        .take_while(|l| l.trim() != "#[cfg(test)]")
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    // `use` statements, braces included.
    for stmt in code.split(';') {
        let stmt = stmt.trim();
        let Some(at) = stmt.find("use ") else {
            continue;
        };
        let body: String = stmt[at + 4..].split_whitespace().collect();
        if body.starts_with("crate::") || body.starts_with("super::") || body.starts_with("self::")
        {
            out.extend(expand(&body));
        }
    }
    // Paths written inline in code.
    for start in ["crate::", "super::"] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(start) {
            let before = rest[..i].chars().last();
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                out.push(tail[..end].trim_end_matches(':').to_string());
            }
            rest = &tail[end..];
        }
    }
    out
}

/// The module a path names, as the longest known module prefix.
fn resolve(from: &[String], path: &str, known: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut segs: Vec<&str> = path.split("::").collect();
    let mut base: Vec<String> = match *segs.first()? {
        "crate" => Vec::new(),
        "self" => from.to_vec(),
        "super" => {
            let mut b = from.to_vec();
            b.pop()?;
            b
        }
        _ => return None,
    };
    segs.remove(0);
    while segs.first() == Some(&"super") {
        base.pop()?;
        segs.remove(0);
    }
    let mut best = base.clone();
    for s in segs {
        base.push(s.to_string());
        if known.contains(&base) {
            best = base.clone();
        } else {
            break;
        }
    }
    Some(best)
}

/// Sibling edges per folder: folder → (from child, to child) → an example.
type Graph = BTreeMap<Vec<String>, BTreeMap<(String, String), String>>;

fn graph() -> Graph {
    let files = modules();
    let known: BTreeSet<Vec<String>> = files.keys().cloned().collect();
    let mut graph = Graph::new();
    for (module, source) in &files {
        for path in paths(source) {
            let Some(target) = resolve(module, &path, &known) else {
                continue;
            };
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common == module.len() || common == target.len() {
                continue; // itself, a parent or a child
            }
            let folder = module[..common].to_vec();
            graph.entry(folder).or_default().insert(
                (module[common].clone(), target[common].clone()),
                format!("{} uses {path}", module.join("::")),
            );
        }
    }
    graph
}

/// A cycle in one folder's sibling graph, as its edges' examples.
fn cycle(edges: &BTreeMap<(String, String), String>) -> Option<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    for &start in &nodes {
        // Depth-first search for a path back to `start`.
        let mut stack = vec![(start, vec![])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for ((a, b), why) in edges {
                if a != node {
                    continue;
                }
                let mut trail: Vec<String> = trail.clone();
                trail.push(why.clone());
                if b == start {
                    return Some(trail);
                }
                if seen.insert(b) {
                    stack.push((b, trail));
                }
            }
        }
    }
    None
}

#[test]
fn no_circle_in_any_folder() {
    let graph = graph();
    let mut failures = Vec::new();
    for (folder, edges) in &graph {
        if let Some(cycle) = cycle(edges) {
            failures.push(format!(
                "circle in crate::{}:\n  {}",
                folder.join("::"),
                cycle.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn top_level_is_model_text_layout_export() {
    // Shared leaves first, then the pipeline's stages in order.
    let order = [
        "limits", "error", "model", "image", "text", "layout", "export",
    ];
    let rank = |m: &str| order.iter().position(|o| *o == m);
    let graph = graph();
    let mut back = Vec::new();
    for ((from, to), why) in graph.get(&Vec::new()).into_iter().flatten() {
        let (Some(a), Some(b)) = (rank(from), rank(to)) else {
            back.push(format!("unranked module: {why}"));
            continue;
        };
        if b >= a {
            back.push(why.clone());
        }
    }
    assert!(back.is_empty(), "back edges:\n  {}", back.join("\n  "));
}

#[test]
fn the_checker_sees_a_circle() {
    let mut edges = BTreeMap::new();
    edges.insert(("a".into(), "b".into()), "a uses b".to_string());
    edges.insert(("b".into(), "a".into()), "b uses a".to_string());
    assert!(cycle(&edges).is_some());
    edges.remove(&("b".to_string(), "a".to_string()));
    assert!(cycle(&edges).is_none());
    assert_eq!(
        expand("crate::a::{b, c::{d, e}}"),
        ["crate::a::b", "crate::a::c::d", "crate::a::c::e"]
    );
}

/// No function in `src/` is longer than 80 lines (`tools/long_fns.py`).
#[test]
fn no_function_over_80_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = std::process::Command::new("python3")
        .arg(root.join("tools/long_fns.py"))
        .arg(root.join("src"))
        .output();
    let Ok(out) = run else {
        eprintln!("skipped: no python3 to run tools/long_fns.py");
        return;
    };
    assert!(
        out.status.success(),
        "functions over 80 lines:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
