//! PDF tokens: numbers, names, strings and objects as bytes, with a space
//! between two tokens only where the syntax needs one.
//!
//! Used for the page content streams ([`super::content`]) and for the file
//! itself ([`super::file`]).

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// A byte buffer of PDF tokens.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    pub buf: Vec<u8>,
}

/// Bytes that end a token by themselves: whitespace and delimiters.
fn is_separator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\n'
            | b'\r'
            | b'\x0C'
            | b'\0'
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

impl Tokens {
    /// Starts a token that begins with `first`: a space first if the token
    /// before would otherwise run into it.
    fn start(&mut self, first: u8) {
        if let Some(&last) = self.buf.last() {
            // `/` is a delimiter: `/F1/G2` is two names, `/F1 12` needs one.
            // A `/` last is an empty name, which a regular byte would extend.
            if (!is_separator(last) || last == b'/') && !is_separator(first) {
                self.buf.push(b' ');
            }
        }
    }

    /// Raw bytes that start and end with a separator (`[`, `]`, `<<`, `>>`).
    pub fn delim(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// An operator, ending its line.
    pub fn op(&mut self, operator: &str) {
        if let Some(&first) = operator.as_bytes().first() {
            self.start(first);
        }
        self.buf.extend_from_slice(operator.as_bytes());
        self.buf.push(b'\n');
    }

    pub fn int(&mut self, v: i64) {
        let mut b = itoa::Buffer::new();
        let s = b.format(v);
        self.start(s.as_bytes()[0]);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// A real number, written as its shortest decimal form (never an
    /// exponent; integers in the 32-bit range without a point). Not a
    /// number and infinities, which PDF cannot write, are written as 0.
    pub fn real(&mut self, v: f32) {
        if !v.is_finite() {
            self.int(0);
            return;
        }
        if v.fract() == 0.0 && v.abs() < 2_147_483_648.0 {
            self.int(v as i64);
            return;
        }
        let mut s = format!("{v}");
        if !s.contains('.') {
            s.push_str(".0");
        }
        self.start(s.as_bytes()[0]);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// A number rounded to 1/100 (positions in points).
    pub fn num2(&mut self, v: f32) {
        self.hundredths((v * 100.0).round() as i64);
    }

    /// A number given in hundredths, written exactly (`-1.5`, `0.07`).
    pub fn hundredths(&mut self, h: i64) {
        if h % 100 == 0 {
            self.int(h / 100);
            return;
        }
        let sign = if h < 0 { "-" } else { "" };
        let a = h.unsigned_abs();
        let frac = a % 100;
        let s = if frac.is_multiple_of(10) {
            format!("{sign}{}.{}", a / 100, frac / 10)
        } else {
            format!("{sign}{}.{frac:02}", a / 100)
        };
        self.start(s.as_bytes()[0]);
        self.buf.extend_from_slice(s.as_bytes());
    }

    pub fn name(&mut self, name: &[u8]) {
        // PDF names cannot hold NUL, not even as `#00`.
        debug_assert!(!name.contains(&0), "NUL in a PDF name");
        self.buf.push(b'/');
        for &byte in name {
            if is_separator(byte) || byte == b'#' || !(33..=126).contains(&byte) {
                self.buf
                    .extend_from_slice(format!("#{byte:02X}").as_bytes());
            } else {
                self.buf.push(byte);
            }
        }
    }

    /// A literal string: `\`, both parentheses and CR escaped, every other
    /// byte as it is.
    pub fn literal(&mut self, bytes: &[u8]) {
        self.buf.push(b'(');
        for &b in bytes {
            match b {
                b'\\' | b'(' | b')' => self.buf.extend_from_slice(&[b'\\', b]),
                b'\r' => self.buf.extend_from_slice(b"\\r"),
                _ => self.buf.push(b),
            }
        }
        self.buf.push(b')');
    }

    pub fn hex(&mut self, bytes: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.buf.push(b'<');
        for &b in bytes {
            self.buf.push(HEX[usize::from(b >> 4)]);
            self.buf.push(HEX[usize::from(b & 15)]);
        }
        self.buf.push(b'>');
    }

    /// An object; references are renumbered with `number`, and a reference
    /// that `number` maps to 0 (a missing object) is written as `null`.
    /// Streams are written by the file writer, not here (a stream can only
    /// be an indirect object).
    pub fn object(&mut self, obj: &Object, number: &impl Fn(ObjectId) -> u32) {
        match obj {
            Object::Null => self.word("null"),
            Object::Boolean(true) => self.word("true"),
            Object::Boolean(false) => self.word("false"),
            Object::Integer(v) => self.int(*v),
            Object::Real(v) => self.real(*v),
            Object::Name(n) => self.name(n),
            Object::String(s, StringFormat::Literal) => self.literal(s),
            Object::String(s, StringFormat::Hexadecimal) => self.hex(s),
            Object::Array(items) => {
                self.delim(b"[");
                for item in items {
                    self.object(item, number);
                }
                self.delim(b"]");
            }
            Object::Dictionary(d) => self.dict(d, &[], number),
            Object::Stream(s) => {
                debug_assert!(false, "a stream inside another object");
                self.dict(&s.dict, &[], number)
            }
            Object::Reference(id) => match number(*id) {
                0 => self.word("null"),
                n => {
                    self.int(i64::from(n));
                    self.word("0");
                    self.word("R");
                }
            },
        }
    }

    /// A dictionary without the keys in `skip`, open for more entries:
    /// call [`Tokens::delim`] with `>>` after adding them, or use
    /// [`Tokens::dict`].
    pub fn dict_open(&mut self, d: &Dictionary, skip: &[&[u8]], number: &impl Fn(ObjectId) -> u32) {
        self.delim(b"<<");
        for (key, value) in d.iter() {
            if skip.contains(&key.as_slice()) {
                continue;
            }
            self.name(key);
            self.object(value, number);
        }
    }

    pub fn dict(&mut self, d: &Dictionary, skip: &[&[u8]], number: &impl Fn(ObjectId) -> u32) {
        self.dict_open(d, skip, number);
        self.delim(b">>");
    }

    fn word(&mut self, w: &str) {
        self.start(w.as_bytes()[0]);
        self.buf.extend_from_slice(w.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Object 9 is missing.
    fn same(id: ObjectId) -> u32 {
        if id.0 == 9 {
            0
        } else {
            id.0
        }
    }

    #[test]
    fn spaces_only_between_regular_tokens() {
        let mut t = Tokens::default();
        t.delim(b"[");
        t.int(12);
        t.literal(b"a(b)\\\r");
        t.int(-3);
        t.int(4);
        t.name(b"F 1#");
        t.name(b"G");
        t.hundredths(-150);
        t.hundredths(7);
        t.real(0.25);
        t.name(b"");
        t.int(5);
        t.real(f32::NAN);
        t.real(3e20);
        t.delim(b"]");
        t.op("TJ");
        assert_eq!(
            String::from_utf8_lossy(&t.buf),
            "[12(a\\(b\\)\\\\\\r)-3 4/F#201#23/G -1.5 0.07 0.25/ 5 0 300000000000000000000.0]TJ\n"
        );
    }

    #[test]
    fn objects_round_trip_through_lopdf() {
        use lopdf::dictionary;
        let dict = dictionary! {
            "Type" => "Page",
            "Box" => vec![0.into(), Object::Real(595.2757), Object::Real(-0.5)],
            "Ref" => Object::Reference((7, 0)),
            "Gone" => Object::Reference((9, 0)),
            "S" => Object::String(b"x)y".to_vec(), StringFormat::Literal),
            "H" => Object::String(vec![0, 255], StringFormat::Hexadecimal),
            "B" => true,
            "N" => Object::Null,
        };
        let mut t = Tokens::default();
        t.object(&Object::Dictionary(dict.clone()), &same);
        let text = String::from_utf8(t.buf.clone()).unwrap();
        assert_eq!(
            text,
            "<</Type/Page/Box[0 595.2757 -0.5]/Ref 7 0 R/Gone null/S(x\\)y)/H<00FF>/B true/N null>>"
        );
    }
}
