//! Precise error paths inside blocks.
//!
//! `Block` is an internally tagged enum: serde buffers its content, so a type
//! error inside a block is reported at `blocks[i]` only. When that happens we
//! deserialize the block again, alone, into a mirror of its variant, and get
//! the path and message of the real mistake (`blocks[12].number`).

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::{ListItem, Span, Text};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Heading {
    level: u8,
    #[serde(default)]
    label: Option<String>,
    text: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Paragraph {
    #[serde(default)]
    number: Option<u32>,
    text: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Recommendation {
    number: u32,
    text: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct List {
    items: Vec<ListItem>,
}

/// For an error reported at `blocks[i]`, the precise path and message.
pub(super) fn refine(text: &str, path: &str) -> Option<(String, String)> {
    let index: usize = path
        .strip_prefix("blocks[")?
        .strip_suffix(']')?
        .parse()
        .ok()?;
    let root: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut block = root.get("blocks")?.get(index)?.as_object()?.clone();
    let kind = block.remove("kind")?;
    let block = serde_json::Value::Object(block);
    let (inner, message) = match kind.as_str()? {
        "heading" => check::<Heading>(block),
        "paragraph" => check::<Paragraph>(block),
        "recommendation" => check::<Recommendation>(block),
        "list" => check::<List>(block),
        _ => return None,
    }?;
    Some((format!("{path}.{inner}"), message))
}

/// Deserializes `value` as `T`; on failure, the path inside it and the message.
fn check<T: DeserializeOwned>(value: serde_json::Value) -> Option<(String, String)> {
    let err = match serde_path_to_error::deserialize::<_, T>(value.clone()) {
        Ok(_) => return None,
        Err(err) => err,
    };
    let mut path = err.path().to_string();
    let mut message = err.into_inner().to_string();
    // An untagged `Text` only says "did not match any variant": look inside spans.
    if message.contains("untagged enum Text") {
        let text = pointer(&value, &path)?;
        if text.is_array() {
            if let Err(err) = serde_path_to_error::deserialize::<_, Vec<Span>>(text.clone()) {
                path = format!("{path}{}", bracket(&err.path().to_string()));
                message = err.into_inner().to_string();
            }
        } else {
            message = "a text must be a string or an array of spans".into();
        }
    }
    Some((path, message))
}

/// `[0].lang` for a path `[0].lang` inside a sequence.
fn bracket(path: &str) -> String {
    if path.starts_with('[') || path == "." {
        path.trim_start_matches('.').to_string()
    } else {
        format!(".{path}")
    }
}

/// The value at a serde_path_to_error path such as `items[0].text`.
fn pointer<'a>(value: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let mut v = value;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            v = v.get(key)?;
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            v = v.get(idx.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn refines_a_type_error_inside_a_block() {
        let json =
            r#"{"title": "t", "blocks": [{"kind": "heading", "level": "one", "text": "x"}]}"#;
        let got = super::refine(json, "blocks[0]");
        assert_eq!(got.map(|(p, _)| p), Some("blocks[0].level".to_string()));
    }
}
