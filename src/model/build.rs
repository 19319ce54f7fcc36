//! Building a document in code: constructors and builder methods (see
//! [`Document::new`] for an example).

use super::{default_lang, Block, Document, Justify, ListItem, Masthead, Span, Text};

impl Document {
    /// An Arabic document with a title and no blocks yet (a document needs
    /// at least one block to be valid), to build on:
    ///
    /// ```
    /// use warraq::model::{Document, ListItem, Span, Text};
    ///
    /// let doc = Document::new("تقرير الاجتماع")
    ///     .with_symbol("CTOC/COP/WG.4/2019/6")
    ///     .heading(1, "مقدمة")
    ///     .numbered_paragraph(1, "نص الفقرة الأولى.")
    ///     .paragraph(Text::from(vec![
    ///         Span::new("اتفاقية "),
    ///         Span::new("UNTOC").with_lang("en"),
    ///         Span::new(" مهمة.").bold(),
    ///     ]))
    ///     .recommendation(1, "ينبغي للدول أن تتعاون.")
    ///     .list([ListItem::labelled("(أ)", "البند الأول")]);
    /// assert_eq!(doc.blocks.len(), 5);
    /// warraq::model::validate(&doc).unwrap();
    ///
    /// let fonts = warraq::FontBook::bundled();
    /// let layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    /// let mut pdf = Vec::new();
    /// warraq::write_pdf_to(&mut pdf, &doc, &fonts, &layout, &Default::default()).unwrap();
    /// assert!(pdf.starts_with(b"%PDF-1.7"));
    /// ```
    pub fn new(title: impl Into<Text>) -> Self {
        Document {
            lang: default_lang(),
            title: title.into(),
            subtitle: None,
            symbol: None,
            job_number: None,
            date: None,
            justify: None,
            masthead: None,
            blocks: Vec::new(),
        }
    }

    /// Sets the BCP 47 language tag.
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = lang.into();
        self
    }

    /// Sets the second title line.
    pub fn with_subtitle(mut self, subtitle: impl Into<Text>) -> Self {
        self.subtitle = Some(subtitle.into());
        self
    }

    /// Sets the document symbol (running header, identifiers).
    pub fn with_symbol(mut self, symbol: impl Into<String>) -> Self {
        self.symbol = Some(symbol.into());
        self
    }

    /// Sets the job number (footer).
    pub fn with_job_number(mut self, job_number: impl Into<String>) -> Self {
        self.job_number = Some(job_number.into());
        self
    }

    /// Sets the ISO 8601 date (`YYYY-MM-DD`).
    pub fn with_date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }

    /// Sets the first page's masthead.
    pub fn with_masthead(mut self, masthead: Masthead) -> Self {
        self.masthead = Some(masthead);
        self
    }

    /// Sets the justification mode.
    pub fn with_justify(mut self, justify: Justify) -> Self {
        self.justify = Some(justify);
        self
    }

    /// Appends a block.
    pub fn block(mut self, block: Block) -> Self {
        self.blocks.push(block);
        self
    }

    /// Appends a section heading without a label (level 1 or 2).
    pub fn heading(self, level: u8, text: impl Into<Text>) -> Self {
        self.block(Block::Heading {
            level,
            label: None,
            text: text.into(),
        })
    }

    /// Appends a section heading with a label: `أولاً - مقدمة`.
    pub fn labelled_heading(
        self,
        level: u8,
        label: impl Into<String>,
        text: impl Into<Text>,
    ) -> Self {
        self.block(Block::Heading {
            level,
            label: Some(label.into()),
            text: text.into(),
        })
    }

    /// Appends a paragraph without a number.
    pub fn paragraph(self, text: impl Into<Text>) -> Self {
        self.block(Block::Paragraph {
            number: None,
            text: text.into(),
        })
    }

    /// Appends a paragraph with a hanging number.
    pub fn numbered_paragraph(self, number: u32, text: impl Into<Text>) -> Self {
        self.block(Block::Paragraph {
            number: Some(number),
            text: text.into(),
        })
    }

    /// Appends a recommendation.
    pub fn recommendation(self, number: u32, text: impl Into<Text>) -> Self {
        self.block(Block::Recommendation {
            number,
            text: text.into(),
        })
    }

    /// Appends a list.
    pub fn list(self, items: impl IntoIterator<Item = ListItem>) -> Self {
        self.block(Block::List {
            items: items.into_iter().collect(),
        })
    }
}

impl ListItem {
    /// An item without a label.
    pub fn new(text: impl Into<Text>) -> Self {
        ListItem {
            label: None,
            text: text.into(),
            items: Vec::new(),
        }
    }

    /// An item with a hanging label: `(أ)`.
    pub fn labelled(label: impl Into<String>, text: impl Into<Text>) -> Self {
        ListItem {
            label: Some(label.into()),
            ..ListItem::new(text)
        }
    }

    /// Sets the nested items.
    pub fn with_items(mut self, items: impl IntoIterator<Item = ListItem>) -> Self {
        self.items = items.into_iter().collect();
        self
    }
}

impl Span {
    /// A span in the document's language, not bold.
    pub fn new(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            lang: None,
            strong: false,
            href: None,
            note: None,
            mark: None,
        }
    }

    /// A note: its text goes to the foot of the page, and the span prints
    /// the note's number (or its [`mark`](Span::with_mark)) where it stands.
    pub fn note(text: impl Into<Text>) -> Self {
        Span {
            note: Some(text.into()),
            ..Span::new("")
        }
    }

    /// Sets the mark of a note (`*`) instead of its number.
    pub fn with_mark(mut self, mark: impl Into<String>) -> Self {
        self.mark = Some(mark.into());
        self
    }

    /// Makes the span a link to `href` (an absolute `http`, `https` or
    /// `mailto` URI).
    pub fn with_href(mut self, href: impl Into<String>) -> Self {
        self.href = Some(href.into());
        self
    }

    /// Sets the span's language (BCP 47).
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Makes the span bold.
    pub fn bold(mut self) -> Self {
        self.strong = true;
        self
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Plain(s)
    }
}

impl From<Span> for Text {
    fn from(span: Span) -> Self {
        Text::Spans(vec![span])
    }
}

impl From<Vec<Span>> for Text {
    fn from(spans: Vec<Span>) -> Self {
        Text::Spans(spans)
    }
}

impl From<&str> for Span {
    fn from(s: &str) -> Self {
        Span::new(s)
    }
}
