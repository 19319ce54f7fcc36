//! The published JSON Schema (docs/schema.json) matches the Rust model.
//! Regenerate with `cargo run -- schema > docs/schema.json`.

#[test]
fn published_schema_is_current() {
    let published = std::fs::read_to_string("docs/schema.json").expect("docs/schema.json exists");
    assert_eq!(
        published.trim_end(),
        warraq::json_schema().trim_end(),
        "docs/schema.json is stale: run `cargo run -- schema > docs/schema.json`"
    );
}

#[test]
fn schema_names_the_contract_fields() {
    let schema: serde_json::Value = serde_json::from_str(&warraq::json_schema()).unwrap();
    let props = &schema["properties"];
    for field in [
        "lang",
        "title",
        "subtitle",
        "symbol",
        "job_number",
        "date",
        "blocks",
    ] {
        assert!(props.get(field).is_some(), "schema lacks `{field}`");
    }
    assert_eq!(schema["required"], serde_json::json!(["title", "blocks"]));
}
