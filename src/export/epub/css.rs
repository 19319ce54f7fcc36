//! The stylesheet: right-to-left (or left-to-right) text, justified
//! paragraphs, hanging paragraph numbers and list labels, the embedded fonts.
//!
//! Justification is left to the reading system (`text-align: justify`);
//! the EPUB text never carries the PDF's kashida.

use super::font::EmbeddedFont;

/// The stylesheet for a book in a right-to-left language when `rtl`.
///
/// The direction itself comes from the `dir` attributes: EPUB forbids the
/// `direction` property in style sheets.
pub(super) fn stylesheet(fonts: &[EmbeddedFont], rtl: bool) -> String {
    // The start side: numbers and labels hang into its margin.
    let start = if rtl { "right" } else { "left" };
    let mut css = String::new();
    let mut families: Vec<&str> = Vec::new();
    for font in fonts {
        css.push_str(&format!(
            "@font-face {{\n  font-family: \"{}\";\n  font-style: normal;\n  font-weight: {};\n  src: url(\"fonts/{}\") format(\"{}\");\n}}\n\n",
            font.family, font.weight, font.file, font.format()
        ));
        if !families.contains(&font.family.as_str()) {
            families.push(&font.family);
        }
    }
    // Amiri first, then the fonts the layout fell back to, like the PDF.
    let stack: String = families.iter().map(|f| format!("\"{f}\", ")).collect();
    css.push_str(&heading_rules(&stack, start));
    css.push_str(&body_rules(start));
    css.push_str(NOTE_RULES);
    css.push_str(TABLE_RULES);
    css
}

/// Tables (rules between rows, numbers at the end edge) and figures
/// (centred, never wider than the text).
const TABLE_RULES: &str = r#"
table {
  border-collapse: collapse;
  width: 100%;
  margin: 1em 0;
  font-size: 0.92em;
  border-top: 0.75pt solid;
  border-bottom: 0.75pt solid;
}

caption {
  font-weight: bold;
  text-align: start;
  caption-side: top;
  margin-bottom: 0.3em;
}

th, td {
  border-bottom: 0.5pt solid;
  padding: 0.2em 0.35em;
  vertical-align: top;
  text-align: start;
}

th.center, td.center {
  text-align: center;
}

th.end, td.end {
  text-align: end;
}

figure {
  margin: 1em 0;
  text-align: center;
  page-break-inside: avoid;
}

figure img {
  max-width: 100%;
}

figcaption {
  margin-top: 0.3em;
}
"#;

/// The body's font stack and the headings (title included).
fn heading_rules(stack: &str, start: &str) -> String {
    format!(
        r#"body {{
  font-family: {stack}serif;
  line-height: 1.6;
  margin: 0 1em;
}}

h1, h2, h3, h4, h5, h6 {{
  font-weight: bold;
  line-height: 1.4;
  text-align: {start};
  page-break-after: avoid;
}}

h1 {{
  font-size: 1.3em;
  margin: 1.5em 0 0.75em 0;
}}

h2 {{
  font-size: 1.15em;
  margin: 1.2em 0 0.6em 0;
  margin-{start}: 2.5em;
}}

h3, h4, h5, h6 {{
  font-size: 1em;
  margin: 1em 0 0.5em 0;
  text-align: center;
}}

h1.title {{
  font-size: 1.6em;
  text-align: center;
  margin-top: 2em;
}}

p.subtitle {{
  font-size: 1.2em;
  text-align: center;
  text-indent: 0;
}}

"#
    )
}

/// The masthead above the title, note references and the notes.
const NOTE_RULES: &str = r#"
header.masthead {
  margin: 0 0 1.5em 0;
  padding-bottom: 0.5em;
  border-bottom: 1px solid currentColor;
}

header.masthead p {
  margin: 0;
  text-align: start;
  text-indent: 0;
}

header.masthead p.organisation {
  font-size: 1.2em;
  font-weight: bold;
}

header.masthead p.organ {
  margin-top: 0.75em;
}

sup.noteref {
  font-size: 0.75em;
  line-height: 0;
  vertical-align: super;
}

aside.footnote {
  font-size: 0.85em;
  margin: 0.5em 0 0 0;
}

:not(aside) + aside.footnote {
  margin-top: 1.5em;
  padding-top: 0.5em;
  border-top: 1px solid currentColor;
}

aside.footnote p {
  margin: 0;
  text-indent: 0;
}

aside.footnote a.note-label {
  display: inline-block;
  min-width: 1.5em;
}
"#;

/// Paragraphs, their numbers, lists and their labels, the navigation lists.
fn body_rules(start: &str) -> String {
    format!(
        r#"p {{
  margin: 0 0 0.5em 0;
  margin-{start}: 2.5em;
  text-align: justify;
}}

p.numbered {{
  text-indent: -2.5em;
}}

span.num, span.label {{
  display: inline-block;
  min-width: 2.5em;
  text-indent: 0;
}}

ol.list {{
  list-style: none;
  margin: 0 0 0.5em 0;
  padding: 0;
  margin-{start}: 2.5em;
}}

ol.list li {{
  margin: 0 0 0.5em 0;
  margin-{start}: 2.5em;
  text-indent: -2.5em;
  text-align: justify;
}}

ol.list ol.list {{
  margin-{start}: 0;
  margin-top: 0.5em;
}}

nav ol {{
  list-style: none;
}}
"#
    )
}
