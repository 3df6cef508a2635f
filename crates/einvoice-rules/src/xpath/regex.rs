//! XPath (XML Schema) regular expressions translated to the `regex` crate's syntax, cached.

use super::value::{XResult, err};
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

thread_local! {
    static CACHE: RefCell<HashMap<(String, String), Rc<Regex>>> = RefCell::new(HashMap::new());
}

/// The compiled form of an XPath regex with its flags (`FORX0001`/`FORX0002` on bad input).
pub fn compile(pattern: &str, flags: &str) -> XResult<Rc<Regex>> {
    let key = (pattern.to_owned(), flags.to_owned());
    if let Some(r) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(r);
    }
    let translated = translate(pattern, flags)?;
    let re =
        Regex::new(&translated).map_err(|e| super::value::XErr(format!("FORX0002: invalid regex {pattern:?}: {e}")))?;
    let re = Rc::new(re);
    CACHE.with(|c| c.borrow_mut().insert(key, re.clone()));
    Ok(re)
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
