//! A strict RFC 8259 reader that keeps what `serde_json` throws away.
//!
//! Drafts carry money, so numbers must reach the decimal parser as the exact text the
//! author wrote (`12.50` stays `12.50`, `1e400` is seen as `1e400`, not as infinity),
//! every object keeps all of its keys in order (so a repeated key can be reported
//! instead of silently winning), and a syntax error names the JSON Pointer where
//! reading stopped. `serde_json` can give raw numbers only through its global
//! `arbitrary_precision` feature, which changes number handling for every crate in the
//! build, and it rejects duplicate keys only for derived structs, one error at a time.
//!
//! Nesting is capped at [`MAX_DEPTH`] so hostile input cannot exhaust the stack.

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting of arrays and objects accepted; a draft needs 5.
pub const MAX_DEPTH: usize = 64;

/// One parsed JSON value. Numbers keep their source text; strings without escapes
/// borrow from the input instead of being copied.
#[derive(Debug, Clone, PartialEq)]
// The tag is a whole word. With the default one-byte tag, values were copied as a tag
// byte plus unaligned 16-byte pieces, and reading them back stalled on every move; on
// the 10,000-draft benchmark this layout cut validate's CPU time by about 4 %.
#[repr(u64)]
pub enum Json<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number exactly as written, already checked against the JSON grammar.
    Number(Cow<'a, str>),
    /// A string with its escapes decoded.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object; keys stay in document order and duplicates are kept.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl Json<'_> {
    /// Copies every borrowed string, so the value outlives its input.
    #[must_use]
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(Cow::Owned(n.into_owned())),
            Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
            Json::Array(items) => Json::Array(items.into_iter().map(Json::into_owned).collect()),
            Json::Object(members) => {
                Json::Object(members.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect())
            }
        }
    }

    /// The value as compact JSON text: numbers exactly as read, keys in their order.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }

    fn write_text(&self, out: &mut String) {
        let string = |out: &mut String, s: &str| {
            // A &str always serializes.
            out.push_str(&serde_json::to_string(s).unwrap_or_default());
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => string(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_text(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(out, key);
                    out.push(':');
                    value.write_text(out);
                }
                out.push('}');
            }
        }
    }

    /// The JSON type name used in error messages.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Why a document is not JSON, and where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// JSON Pointer of the value being read when the error was found ("" for the root).
    pub pointer: String,
    /// Line (1-based) of the offending byte.
    pub line: usize,
    /// Column (1-based, in bytes) of the offending byte.
    pub column: usize,
    /// What was wrong.
    pub message: String,
}

impl SyntaxError {
    /// The validation problem this error is reported as (`malformed_json`, at the
    /// pointer where reading stopped) — the same for the CLI and the daemon.
    #[must_use]
    pub fn to_problem(&self) -> super::problem::Problem {
        super::problem::Problem::new(
            self.pointer.clone(),
            super::problem::Code::MalformedJson,
            format!("not valid JSON: {self}"),
        )
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

/// Parses a whole document. A UTF-8 byte order mark at the start is skipped.
///
/// # Errors
/// Returns a [`SyntaxError`] for invalid UTF-8, any grammar violation (including `NaN`,
/// `Infinity`, trailing commas, comments and trailing data) and nesting deeper than
/// [`MAX_DEPTH`].
pub fn parse(bytes: &[u8]) -> Result<Json<'_>, SyntaxError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let mut reader = Reader::new("");
            reader.bytes = bytes;
            reader.pos = e.valid_up_to();
            return Err(*reader.error("the input is not valid UTF-8"));
        }
    };
    let mut reader = Reader::new(text);
    reader.skip_whitespace();
    reader.value(0).map_err(|e| *e)?;
    reader.skip_whitespace();
    if reader.pos < bytes.len() {
        return Err(*reader.error("unexpected data after the end of the document"));
    }
    reader.values.pop().ok_or_else(|| *reader.error("expected a JSON value"))
}

/// A syntax error on its way out of the reader, boxed so that every `Result` the reader
/// returns stays as small as the value it carries.
type Failure = Box<SyntaxError>;

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Every value read so far that is not yet inside a finished object or array,
    /// innermost last. Values are built in place here rather than returned, and an
    /// object or array is moved out into a vector of exactly its size when it ends, so
    /// reading one costs one allocation instead of a series of regrowths.
    values: Vec<Json<'a>>,
    /// The keys of the objects being read, innermost last.
    keys: Vec<Cow<'a, str>>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader { text, bytes: text.as_bytes(), pos: 0, values: Vec::new(), keys: Vec::new() }
    }

    /// The input between two positions that lie on ASCII bytes (so on char boundaries).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// An error at the current position. Its pointer is relative to the value being read;
    /// each enclosing object or array puts its segment in front as the error passes out
    /// (see [`within`]), so reading valid input keeps no path at all.
    fn error(&self, message: &str) -> Failure {
        let consumed = &self.bytes[..self.pos.min(self.bytes.len())];
        let line = consumed.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = consumed.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Box::new(SyntaxError { pointer: String::new(), line, column, message: message.to_owned() })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, literal: &[u8]) -> Result<(), Failure> {
        if self.bytes[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            Ok(())
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    /// Reads one value and pushes it onto `values`.
    fn value(&mut self, depth: usize) -> Result<(), Failure> {
        let value = match self.peek() {
            None => return Err(self.error("unexpected end of input, expected a value")),
            Some(b'{') => return self.object(depth + 1),
            Some(b'[') => return self.array(depth + 1),
            Some(b'"') => Json::String(self.string()?),
            Some(b't') => self.expect_literal(b"true").map(|()| Json::Bool(true))?,
            Some(b'f') => self.expect_literal(b"false").map(|()| Json::Bool(false))?,
            Some(b'n') => self.expect_literal(b"null").map(|()| Json::Null)?,
            Some(b'-' | b'0'..=b'9') => Json::Number(self.number()?),
            Some(b'N' | b'I') => return Err(self.error("NaN and Infinity are not JSON numbers")),
            Some(_) => return Err(self.error("expected a JSON value")),
        };
        self.values.push(value);
        Ok(())
    }

    fn enter(&self, depth: usize) -> Result<(), Failure> {
        if depth > MAX_DEPTH { Err(self.error(&format!("nesting is deeper than {MAX_DEPTH} levels"))) } else { Ok(()) }
    }

    fn object(&mut self, depth: usize) -> Result<(), Failure> {
        self.enter(depth)?;
        self.pos += 1; // '{'
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.values.push(Json::Object(Vec::new()));
            return Ok(());
        }
        let (keys_start, values_start) = (self.keys.len(), self.values.len());
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("unexpected end of input, expected a quoted object key")),
                Some(_) => return Err(self.error("expected a quoted object key")),
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after an object key"));
            }
            self.pos += 1;
            self.skip_whitespace();
            if let Err(e) = self.value(depth) {
                return Err(within(e, &key.replace('~', "~0").replace('/', "~1")));
            }
            self.keys.push(key);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    let members = self.keys.drain(keys_start..).zip(self.values.drain(values_start..)).collect();
                    self.values.push(Json::Object(members));
                    return Ok(());
                }
                None => return Err(self.error("unexpected end of input inside an object")),
                Some(_) => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Failure> {
        self.enter(depth)?;
        self.pos += 1; // '['
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.values.push(Json::Array(Vec::new()));
            return Ok(());
        }
        let start = self.values.len();
        loop {
            self.skip_whitespace();
            let index = self.values.len() - start;
            self.value(depth).map_err(|e| within(e, &index.to_string()))?;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    let items = self.values.drain(start..).collect();
                    self.values.push(Json::Array(items));
                    return Ok(());
                }
                None => return Err(self.error("unexpected end of input inside an array")),
                Some(_) => return Err(self.error("expected ',' or ']' in an array")),
            }
        }
    }

    fn number(&mut self) -> Result<Cow<'a, str>, Failure> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            Some(b'I') => return Err(self.error("NaN and Infinity are not JSON numbers")),
            _ => return Err(self.error("expected digits in a number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected digits after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected digits in the exponent"));
            }
            self.digits();
        }
        if let Some(b'0'..=b'9' | b'.' | b'a'..=b'z' | b'A'..=b'Z' | b'_') = self.peek() {
            return Err(self.error("invalid number"));
        }
        Ok(Cow::Borrowed(self.slice(start, self.pos)))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    #[inline]
    fn string(&mut self) -> Result<Cow<'a, str>, Failure> {
        self.pos += 1; // opening quote
        let start = self.pos;
        self.scan_plain();
        if self.peek() == Some(b'"') {
            // No escapes: borrow the input as it is.
            let text = self.slice(start, self.pos);
            self.pos += 1;
            return Ok(Cow::Borrowed(text));
        }
        self.escaped_string(start)
    }

    /// The rest of a string that has an escape (or an error) at the current position.
    #[cold]
    fn escaped_string(&mut self, start: usize) -> Result<Cow<'a, str>, Failure> {
        let mut out = String::from(self.slice(start, self.pos));
        loop {
            match self.peek() {
                None => return Err(self.error("unexpected end of input inside a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error("unescaped control character inside a string (use \\n, \\t or \\u escapes)"));
                }
            }
            let run = self.pos;
            self.scan_plain();
            // We only stop at ASCII bytes, so this slice is whole characters.
            out.push_str(self.slice(run, self.pos));
        }
    }

    /// Advances over string content up to a quote, a backslash or a control byte.
    #[inline]
    fn scan_plain(&mut self) {
        // Strings are most of a draft's bytes, so they are scanned eight bytes at a time:
        // `zero_bytes` marks (in its lowest marked byte exactly) the first byte of a
        // word that is zero, and a byte that ends the run is made zero below.
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
        let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
        while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { break };
            let word = u64::from_le_bytes(chunk);
            let stops = zero_bytes(word & u64::from_le_bytes([0xE0; 8])) // a byte below 0x20
                | zero_bytes(word ^ u64::from_le_bytes([b'"'; 8]))
                | zero_bytes(word ^ u64::from_le_bytes([b'\\'; 8]));
            if stops != 0 {
                self.pos += (stops.trailing_zeros() / 8) as usize;
                return;
            }
            self.pos += 8;
        }
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.pos += 1;
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Failure> {
        let Some(b) = self.peek() else {
            return Err(self.error("unexpected end of input inside a string"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                if (0xD800..0xDC00).contains(&first) {
                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                } else {
                    char::from_u32(first).ok_or_else(|| self.error("unpaired surrogate in a \\u escape"))?
                }
            }
            _ => return Err(self.error("invalid escape sequence in a string")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Failure> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error("expected 4 hex digits in a \\u escape"))?;
            value = value * 16 + digit;
            self.pos += 1;
        }
        Ok(value)
    }
}

/// Puts one JSON Pointer segment in front of an error's pointer (see [`Reader::error`]).
fn within(mut error: Failure, segment: &str) -> Failure {
    error.pointer.insert_str(0, segment);
    error.pointer.insert(0, '/');
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(input: &str) -> SyntaxError {
        parse(input.as_bytes()).unwrap_err()
    }

    #[test]
    fn numbers_keep_their_text() {
        let v = parse(br#"{"a": 12.50, "b": -0, "c": 1.5e2}"#).unwrap();
        let Json::Object(members) = v else { panic!("not an object") };
        let texts: Vec<_> = members
            .iter()
            .map(|(_, v)| match v {
                Json::Number(n) => n.as_ref(),
                _ => "",
            })
            .collect();
        assert_eq!(texts, ["12.50", "-0", "1.5e2"]);
    }

    #[test]
    fn duplicate_keys_are_kept_in_order() {
        let v = parse(br#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(
            v,
            Json::Object(vec![("a".into(), Json::Number("1".into())), ("a".into(), Json::Number("2".into()))])
        );
    }

    #[test]
    fn nan_infinity_and_trailing_commas_are_rejected() {
        assert_eq!(err(r#"{"q": NaN}"#).pointer, "/q");
        assert_eq!(err(r#"{"q": -Infinity}"#).message, "NaN and Infinity are not JSON numbers");
        assert_eq!(err(r#"{"lines": [1, ]}"#).pointer, "/lines/1");
        assert_eq!(err("[01]").message, "invalid number");
        assert_eq!(err("{} x").message, "unexpected data after the end of the document");
        assert_eq!(err("").message, "unexpected end of input, expected a value");
    }

    #[test]
    fn error_pointers_name_every_enclosing_key_and_index() {
        assert_eq!(err(r#"{"a": {"b/c~": [1, {"d": tru}]}}"#).pointer, "/a/b~1c~0/1/d");
        assert_eq!(err(r#"{"a": [0, 1, 2, "x]}"#).pointer, "/a/3");
        assert_eq!(err(r#"{"a": 1 "b": 2}"#).pointer, "");
        assert_eq!(err(r#"[[], [1 2]]"#).pointer, "/1");
    }

    #[test]
    fn strings_stop_exactly_at_quotes_escapes_and_control_bytes() {
        // Runs longer than the eight-byte scan, with the stop at every offset.
        for len in 0..24 {
            let plain = "é".repeat(len / 2) + &"x".repeat(len % 2);
            assert_eq!(parse(format!(r#""{plain}""#).as_bytes()).unwrap(), Json::String(plain.as_str().into()));
            assert_eq!(
                parse(format!(r#""{plain}\"x""#).as_bytes()).unwrap(),
                Json::String(format!("{plain}\"x").into())
            );
            let e = err(&format!("\"{plain}\u{1}\""));
            assert_eq!(e.column, 2 + plain.len(), "{len}");
            assert!(err(&format!("\"{plain}")).message.contains("end of input"));
        }
    }

    #[test]
    fn invalid_utf8_and_bom() {
        assert_eq!(err("\"\u{0}\"").line, 1);
        let e = parse(b"{\"a\": \"\xff\"}").unwrap_err();
        assert_eq!(e.message, "the input is not valid UTF-8");
        assert_eq!(e.column, 8);
        assert_eq!(parse(b"\xEF\xBB\xBF{}").unwrap(), Json::Object(vec![]));
    }

    #[test]
    fn escapes_and_surrogates() {
        assert_eq!(parse(br#""a\u00fc\ud83d\ude00\n""#).unwrap(), Json::String("a\u{fc}\u{1F600}\n".into()));
        assert_eq!(err(r#""\ud800""#).message, "unpaired surrogate in a \\u escape");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(10_000);
        assert_eq!(err(&deep).message, format!("nesting is deeper than {MAX_DEPTH} levels"));
    }
}
