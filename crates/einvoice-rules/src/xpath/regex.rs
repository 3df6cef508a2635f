//! XPath (XML Schema) regular expressions translated to the `regex` crate's syntax, cached.
//!
//! Nearly every string a rule matches is ASCII (codes, dates, amounts, identifiers), and
//! compiling a pattern in Unicode mode costs most of a millisecond in a fresh process: `\d`
//! and `.` become Unicode classes that the `regex` crate turns into UTF-8 automata. So a
//! pattern is compiled twice at most, each form on first need: for an ASCII pattern and an
//! ASCII string, as bytes with Unicode off (`\d` is `[0-9]`, `.` any byte but `\n`), which
//! on such a string matches exactly what Unicode mode matches — every class meets ASCII in
//! the same characters, and case folding of an ASCII letter reaches only characters an
//! ASCII string cannot hold; otherwise in Unicode mode. A pattern that Unicode-off syntax
//! refuses (`\p{L}`) is always matched in Unicode mode, which also gives its errors.

use super::value::{XErr, XResult, err};
use regex::Regex;
use regex::bytes::{Regex as BytesRegex, RegexBuilder as BytesRegexBuilder};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

thread_local! {
    static CACHE: RefCell<HashMap<(String, String), Rc<Pattern>>> = RefCell::new(HashMap::new());
}

/// An XPath regex, translated, with its two compiled forms made on first use.
pub struct Pattern {
    source: String,
    translated: String,
    /// `None` when the pattern is not ASCII or needs Unicode mode.
    ascii: OnceCell<Option<BytesRegex>>,
    unicode: OnceCell<Regex>,
}

/// The XPath regex with its flags, translated (`FORX0001`/`FORX0002` on bad input); each
/// compiled form is made when a string first needs it.
pub fn pattern(pattern: &str, flags: &str) -> XResult<Rc<Pattern>> {
    let key = (pattern.to_owned(), flags.to_owned());
    if let Some(r) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(r);
    }
    let translated = translate(pattern, flags)?;
    let re =
        Rc::new(Pattern { source: pattern.to_owned(), translated, ascii: OnceCell::new(), unicode: OnceCell::new() });
    CACHE.with(|c| c.borrow_mut().insert(key, re.clone()));
    Ok(re)
}

impl Pattern {
    /// The Unicode-off form, if `haystack` and the pattern allow it.
    fn ascii_for(&self, haystack: &str) -> Option<&BytesRegex> {
        if !haystack.is_ascii() {
            return None;
        }
        self.ascii
            .get_or_init(|| {
                if !self.translated.is_ascii() {
                    return None;
                }
                BytesRegexBuilder::new(&self.translated).unicode(false).build().ok()
            })
            .as_ref()
    }

    fn unicode(&self) -> XResult<&Regex> {
        if let Some(re) = self.unicode.get() {
            return Ok(re);
        }
        let re = Regex::new(&self.translated)
            .map_err(|e| XErr(format!("FORX0002: invalid regex {:?}: {e}", self.source)))?;
        Ok(self.unicode.get_or_init(|| re))
    }

    /// Whether the pattern matches somewhere in `s`.
    pub fn is_match(&self, s: &str) -> XResult<bool> {
        match self.ascii_for(s) {
            Some(re) => Ok(re.is_match(s.as_bytes())),
            None => Ok(self.unicode()?.is_match(s)),
        }
    }

    /// `s` with every match replaced by `rep` (already in the `regex` crate's syntax).
    pub fn replace_all(&self, s: &str, rep: &str) -> XResult<String> {
        if let Some(re) = self.ascii_for(s) {
            // An ASCII string with UTF-8 replacements spliced in at ASCII boundaries is
            // UTF-8; should it somehow not be, Unicode mode answers instead.
            if let Ok(out) = String::from_utf8(re.replace_all(s.as_bytes(), rep.as_bytes()).into_owned()) {
                return Ok(out);
            }
        }
        Ok(self.unicode()?.replace_all(s, rep).into_owned())
    }

    /// The parts of `s` between matches.
    pub fn split(&self, s: &str) -> XResult<Vec<String>> {
        if let Some(re) = self.ascii_for(s) {
            let parts: Option<Vec<String>> =
                re.split(s.as_bytes()).map(|p| std::str::from_utf8(p).ok().map(str::to_owned)).collect();
            if let Some(parts) = parts {
                return Ok(parts);
            }
        }
        Ok(self.unicode()?.split(s).map(str::to_owned).collect())
    }
}

fn translate(pattern: &str, flags: &str) -> XResult<String> {
    let mut out = String::new();
    let mut dot_all = false;
    let mut prefix = String::new();
    for f in flags.chars() {
        match f {
            'i' => prefix.push('i'),
            'm' => prefix.push('m'),
            'x' => prefix.push('x'),
            's' => dot_all = true,
            _ => return err(format!("FORX0001: invalid regex flag {f}")),
        }
    }
    if !prefix.is_empty() {
        out.push_str(&format!("(?{prefix})"));
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&n) = chars.get(i + 1) else { return err("FORX0002: trailing backslash") };
                i += 2;
                match (n, in_class) {
                    ('s', false) => out.push_str("[ \\t\\n\\r]"),
                    ('s', true) => out.push_str(" \\t\\n\\r"),
                    ('S', false) => out.push_str("[^ \\t\\n\\r]"),
                    ('i', false) => out.push_str("[\\p{L}_:]"),
                    ('c', false) => out.push_str("[\\p{L}\\p{N}._:\\-]"),
                    ('p' | 'P', _) => {
                        // \p{..}: copied through
                        out.push('\\');
                        out.push(n);
                        while i < chars.len() {
                            out.push(chars[i]);
                            i += 1;
                            if chars[i - 1] == '}' {
                                break;
                            }
                        }
                    }
                    (d, _) if d.is_ascii_digit() => return err("FORX0002: back-references are not supported"),
                    _ => {
                        out.push('\\');
                        out.push(n);
                    }
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
            }
            '[' => {
                if out.ends_with('-') {
                    return err("FORX0002: character class subtraction is not supported");
                }
                out.push_str("\\[");
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class && !dot_all => out.push_str("[^\\n\\r]"),
            '.' if !in_class => out.push_str("(?s:.)"),
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    Ok(out)
}

/// An XPath replacement string (`$1`, `\$`, `\\`) in the `regex` crate's syntax.
pub fn replacement(r: &str) -> XResult<String> {
    let mut out = String::new();
    let chars: Vec<char> = r.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => match chars.get(i + 1) {
                Some('\\') => {
                    out.push('\\');
                    i += 2;
                }
                Some('$') => {
                    out.push_str("$$");
                    i += 2;
                }
                _ => return err("FORX0004: invalid replacement string"),
            },
            '$' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                if j == start {
                    return err("FORX0004: invalid replacement string");
                }
                let n: String = chars[start..j].iter().collect();
                out.push_str(&format!("${{{n}}}"));
                i = j;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Unicode mode alone answers, the reference the ASCII form must agree with.
    fn unicode_only(pattern: &str, flags: &str) -> Regex {
        let translated = translate(pattern, flags).unwrap_or_else(|e| panic!("{pattern}: {}", e.0));
        Regex::new(&translated).unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    #[test]
    fn ascii_strings_match_as_in_unicode_mode() {
        let patterns = [
            ("^\\d+$", ""),
            ("^[0-9]{2}$", ""),
            ("#.+#", ""),
            ("^\\s*(\\d{4})(1[0-2]|0[1-9]){1}(3[01]|[12][0-9]|0[1-9]){1}\\s*$", ""),
            ("urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0", ""),
            ("\\w+", ""),
            ("[^a-z]", ""),
            ("^de[a-z]*$", "i"),
            ("^K$", "i"),
            ("^S$", "i"),
            ("a.b", "s"),
            ("^x$", "m"),
            ("\\p{Lu}", ""),
            ("\\i\\c*", ""),
        ];
        let strings = [
            "",
            "12",
            "1234",
            "20261208",
            " 20261301 ",
            "#note#",
            "##",
            "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
            "DE123",
            "de",
            "k",
            "s",
            "a\nb",
            "a\rb",
            "y\nx\nz",
            "abc",
            "ABC",
            "_x",
            "Straße",
            "٣٤",
            "K",
            "ſ",
            "é",
        ];
        for (pattern, flags) in patterns {
            let ours = super::pattern(pattern, flags).unwrap_or_else(|e| panic!("{pattern}: {}", e.0));
            let reference = unicode_only(pattern, flags);
            for s in strings {
                let got = ours.is_match(s).unwrap_or_else(|e| panic!("{pattern} on {s:?}: {}", e.0));
                assert_eq!(got, reference.is_match(s), "matches({s:?}, {pattern:?}, {flags:?})");
                if !reference.is_match("") {
                    let replaced = ours.replace_all(s, "<$0>").unwrap_or_else(|e| panic!("{pattern}: {}", e.0));
                    assert_eq!(replaced, reference.replace_all(s, "<$0>"), "replace({s:?}, {pattern:?})");
                    let parts = ours.split(s).unwrap_or_else(|e| panic!("{pattern}: {}", e.0));
                    let expected: Vec<String> = reference.split(s).map(str::to_owned).collect();
                    assert_eq!(parts, expected, "tokenize({s:?}, {pattern:?})");
                }
            }
        }
    }

    #[test]
    fn unicode_digits_and_letters_still_match_outside_ascii() {
        let digits = super::pattern("^\\d+$", "").unwrap_or_else(|e| panic!("{}", e.0));
        assert!(digits.is_match("٣٤").unwrap_or_else(|e| panic!("{}", e.0)));
        assert!(digits.is_match("42").unwrap_or_else(|e| panic!("{}", e.0)));
        let upper = super::pattern("^\\p{Lu}+$", "").unwrap_or_else(|e| panic!("{}", e.0));
        assert!(upper.is_match("ÄB").unwrap_or_else(|e| panic!("{}", e.0)));
        assert!(upper.is_match("AB").unwrap_or_else(|e| panic!("{}", e.0)));
        assert!(!upper.is_match("ab").unwrap_or_else(|e| panic!("{}", e.0)));
    }

    #[test]
    fn a_bad_pattern_is_an_error_on_any_string() {
        for s in ["abc", "äbc"] {
            let bad = super::pattern("a{2,1}", "").unwrap_or_else(|e| panic!("{}", e.0));
            let e = bad.is_match(s).err().map(|e| e.0).unwrap_or_default();
            assert!(e.starts_with("FORX0002"), "{s}: {e}");
        }
    }
}
