//! The lexical checks of the built-in simple types and the facets, as libxml2 (the judge's
//! XML Schema engine) applies them: `xs:date`, `xs:dateTime` and `xs:time` take no surrounding
//! whitespace, the other types collapse it; `xs:base64Binary` ignores stray characters.

use super::model::{Builtin, SimpleType};

/// Why a value is not in a simple type, in words (`None` = valid).
pub fn check(t: &SimpleType, raw: &str) -> Option<String> {
    let value = normalize(t.builtin, raw);
    if !lexical(t.builtin, &value) {
        return Some(format!("{:?} is not a valid xs:{}", raw, t.builtin.name()));
    }
    let has_length_facet = t.length.is_some() || t.min_length.is_some() || t.max_length.is_some();
    let length = if has_length_facet { value.chars().count() } else { 0 };
    if let Some(n) = t.length
        && length != n as usize
    {
        return Some(format!("{value:?} has {length} characters; exactly {n} are required"));
    }
    if let Some(n) = t.min_length
        && length < n as usize
    {
        return Some(format!("{value:?} has {length} characters; at least {n} are required"));
    }
    if let Some(n) = t.max_length
        && length > n as usize
    {
        return Some(format!("{value:?} has {length} characters; at most {n} are allowed"));
    }
    if !t.enumeration.is_empty() && !t.enumeration.iter().any(|e| e.is(&value)) {
        return Some(format!("{value:?} is not one of {:?}", t.enumeration));
    }
    None
}

/// The value after the type's whitespace rule (`ID` values are compared in this form).
pub fn normalize(builtin: Builtin, raw: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match builtin {
        Builtin::String | Builtin::AnySimpleType => Cow::Borrowed(raw),
        // libxml2 validates dates and times without collapsing whitespace.
        Builtin::Date | Builtin::DateTime | Builtin::Time => Cow::Borrowed(raw),
        Builtin::NormalizedString => {
            if raw.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
                Cow::Owned(raw.replace(['\t', '\n', '\r'], " "))
            } else {
                Cow::Borrowed(raw)
            }
        }
        _ => {
            let ws = [' ', '\t', '\n', '\r'];
            // byte-wise: the whitespace characters are ASCII (attachments make these values long)
            let mut prev_space = false;
            let mut inner_ws = false;
            for &b in raw.as_bytes() {
                if b <= b' ' {
                    if (b != b' ' || prev_space) && matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                        inner_ws = true;
                        break;
                    }
                    prev_space = b == b' ';
                } else {
                    prev_space = false;
                }
            }
            let collapsed_already = !raw.starts_with(ws) && !raw.ends_with(ws) && !inner_ws;
            if collapsed_already {
                return Cow::Borrowed(raw);
            }
            let collapsed = crate::xpath::normalize_space(raw);
            if collapsed == raw { Cow::Borrowed(raw) } else { Cow::Owned(collapsed) }
        }
    }
}

fn lexical(builtin: Builtin, v: &str) -> bool {
    match builtin {
        Builtin::AnySimpleType | Builtin::String | Builtin::NormalizedString | Builtin::Token => true,
        Builtin::Language => language(v),
        Builtin::Name => name(v, true),
        Builtin::NcName | Builtin::Id | Builtin::IdRef => name(v, false),
        Builtin::NmToken => !v.is_empty() && v.chars().all(name_char),
        Builtin::AnyUri => uri(v),
        Builtin::Base64Binary => base64(v),
        Builtin::HexBinary => v.len().is_multiple_of(2) && v.bytes().all(|b| b.is_ascii_hexdigit()),
        Builtin::Boolean => matches!(v, "true" | "false" | "1" | "0"),
        Builtin::Date => date(v).is_some_and(timezone),
        Builtin::Time => time(v).is_some_and(timezone),
        Builtin::DateTime => match date(v).and_then(|rest| rest.strip_prefix('T')) {
            Some(rest) => time(rest).is_some_and(timezone),
            None => false,
        },
        Builtin::Decimal => decimal(v),
        Builtin::Integer => integer(v).is_some(),
        Builtin::NonNegativeInteger => integer(v).is_some_and(|(negative, zero)| !negative || zero),
        Builtin::PositiveInteger => integer(v).is_some_and(|(negative, zero)| !negative && !zero),
        Builtin::Double | Builtin::Float => {
            matches!(v, "INF" | "-INF" | "NaN")
                || (!v.is_empty() && !v.contains(['i', 'I', 'n', 'N']) && v.parse::<f64>().is_ok())
        }
    }
}

fn language(v: &str) -> bool {
    let mut parts = v.split('-');
    let first = parts.next().unwrap_or("");
    let ok = |p: &str, alpha_only: bool| {
        !p.is_empty()
            && p.len() <= 8
            && p.bytes().all(|b| if alpha_only { b.is_ascii_alphabetic() } else { b.is_ascii_alphanumeric() })
    };
    ok(first, true) && parts.all(|p| ok(p, false))
}

fn name_start(c: char, colon: bool) -> bool {
    c.is_alphabetic() || c == '_' || (colon && c == ':')
}

fn name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '\u{B7}') || ('\u{300}'..='\u{36F}').contains(&c)
}

fn name(v: &str, colon: bool) -> bool {
    let mut chars = v.chars();
    match chars.next() {
        Some(c) if name_start(c, colon) => chars.all(|c| name_char(c) && (colon || c != ':')),
        _ => false,
    }
}

fn base64(v: &str) -> bool {
    /// The 6-bit value of each alphabet byte; 0xFF for the others.
    const DECODE: [u8; 256] = {
        let mut t = [0xFFu8; 256];
        let mut i = 0;
        while i < 26 {
            t[b'A' as usize + i] = i as u8;
            t[b'a' as usize + i] = 26 + i as u8;
            i += 1;
        }
        let mut d = 0;
        while d < 10 {
            t[b'0' as usize + d] = 52 + d as u8;
            d += 1;
        }
        t[b'+' as usize] = 62;
        t[b'/' as usize] = 63;
        t
    };
    fn decode(b: u8) -> Option<u8> {
        let d = DECODE[b as usize];
        (d != 0xFF).then_some(d)
    }
    // Characters outside the alphabet are ignored (libxml2 does, after RFC 2045).
    let mut data = 0usize;
    let mut pad = 0usize;
    let mut last = 0u8;
    for b in v.bytes() {
        if b == b'=' {
            pad += 1;
        } else if let Some(d) = decode(b) {
            if pad > 0 {
                return false;
            }
            data += 1;
            last = d;
        }
    }
    match pad {
        0 => data.is_multiple_of(4),
        1 => data % 4 == 3 && last & 0x03 == 0,
        2 => data % 4 == 2 && last & 0x0f == 0,
        _ => false,
    }
}

fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let d = s.get(..n)?;
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((d.parse().ok()?, &s[n..]))
}

/// `-?YYYY-MM-DD`; the rest of the text after it.
fn date(v: &str) -> Option<&str> {
    let s = v.strip_prefix('-').unwrap_or(v);
    let year_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if year_len < 4 || (year_len > 4 && s.starts_with('0')) {
        return None;
    }
    let year_text = &s[..year_len];
    if year_text.bytes().all(|b| b == b'0') {
        return None;
    }
    let leap_year = year_text.parse::<u128>().map(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0).unwrap_or(false);
    let s = s[year_len..].strip_prefix('-')?;
    let (month, s) = digits(s, 2)?;
    let s = s.strip_prefix('-')?;
    let (day, s) = digits(s, 2)?;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap_year => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(s)
}

/// `hh:mm:ss(.s+)?` (24:00:00 allowed); the rest of the text after it.
fn time(v: &str) -> Option<&str> {
    let (hour, s) = digits(v, 2)?;
    let s = s.strip_prefix(':')?;
    let (minute, s) = digits(s, 2)?;
    let s = s.strip_prefix(':')?;
    let (second, mut s) = digits(s, 2)?;
    let mut fraction_zero = true;
    if let Some(rest) = s.strip_prefix('.') {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        fraction_zero = rest[..n].bytes().all(|b| b == b'0');
        s = &rest[n..];
    }
    let ok =
        if hour == 24 { minute == 0 && second == 0 && fraction_zero } else { hour < 24 && minute < 60 && second < 60 };
    ok.then_some(s)
}

fn timezone(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b'Z') => s.len() == 1,
        Some(b'+' | b'-') => {
            let Some((hour, rest)) = digits(&s[1..], 2) else { return false };
            let Some(rest) = rest.strip_prefix(':') else { return false };
            let Some((minute, rest)) = digits(rest, 2) else { return false };
            rest.is_empty() && minute < 60 && (hour < 14 || (hour == 14 && minute == 0))
        }
        _ => false,
    }
}

fn decimal(v: &str) -> bool {
    let s = v.strip_prefix(['+', '-']).unwrap_or(v);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits) && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()))
}

/// `(negative, zero)` of an integer's text.
fn integer(v: &str) -> Option<(bool, bool)> {
    let negative = v.starts_with('-');
    let s = v.strip_prefix(['+', '-']).unwrap_or(v);
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| (negative, s.bytes().all(|b| b == b'0')))
}

/// A URI reference (RFC 3986) after libxml2's escaping of the characters URIs may not hold.
fn uri(v: &str) -> bool {
    let escaped: String = v
        .chars()
        .map(|c| {
            if !(' '..='~').contains(&c)
                || matches!(c, ' ' | '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`' | '\'')
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = escaped.as_str();
    let (s, fragment) = match s.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (s, None),
    };
    if fragment.is_some_and(|f| !query_chars(f)) {
        return false;
    }
    let (s, query) = match s.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (s, None),
    };
    if query.is_some_and(|q| !query_chars(q)) {
        return false;
    }
    let scheme_end = s.find(':').filter(|&i| {
        let scheme = &s[..i];
        !s[..i].contains('/') && scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
    });
    let rest = match scheme_end {
        Some(i) => {
            let scheme = &s[..i];
            if !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) {
                return false;
            }
            &s[i + 1..]
        }
        None => {
            // A relative reference: its first segment may not hold a colon.
            let first = s.split('/').next().unwrap_or("");
            if !s.starts_with("//") && first.contains(':') {
                return false;
            }
            s
        }
    };
    let path = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            if !authority(&after[..end]) {
                return false;
            }
            &after[end..]
        }
        None => rest,
    };
    path.split('/').all(|segment| pchars(segment, false))
}

fn authority(a: &str) -> bool {
    let (userinfo, hostport) = match a.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, a),
    };
    if userinfo.is_some_and(|u| !pchars(u, false) || u.contains('@')) {
        return false;
    }
    let (host, port) = if let Some(rest) = hostport.strip_prefix('[') {
        let Some((literal, after)) = rest.split_once(']') else { return false };
        if !literal.bytes().all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.' | b'v' | b'V'))
            && !pchars(literal, false)
        {
            return false;
        }
        match after {
            "" => ("", None),
            p => match p.strip_prefix(':') {
                Some(port) => ("", Some(port)),
                None => return false,
            },
        }
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit())) && pchars(host, false) && !host.contains([':', '@'])
}

fn query_chars(s: &str) -> bool {
    pchars(s, true)
}

/// `pchar*` (unreserved, percent-escapes, sub-delims, `:` and `@`), plus `/` and `?` in
/// queries and fragments.
fn pchars(s: &str, query: bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
            )
            || (query && matches!(c, b'/' | b'?'));
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(b: Builtin, v: &str) -> bool {
        check(&SimpleType { builtin: b, enumeration: &[], length: None, min_length: None, max_length: None }, v)
            .is_none()
    }

    #[test]
    fn dates_follow_libxml2() {
        for good in [
            "2024-01-31",
            "2024-02-29",
            "10000-01-01",
            "-2024-01-01",
            "2024-01-01Z",
            "2024-01-01+14:00",
            "2024-01-01-00:00",
        ] {
            assert!(ok(Builtin::Date, good), "{good}");
        }
        for bad in [
            " 2024-01-31",
            "2024-01-31\n",
            "2024-13-45",
            "2023-02-29",
            "0000-01-01",
            "02024-01-01",
            "2024-01-01+14:01",
            "2024-1-01",
            "+2024-01-01",
            "2024-04-31",
        ] {
            assert!(!ok(Builtin::Date, bad), "{bad}");
        }
        assert!(ok(Builtin::DateTime, "2024-01-01T24:00:00"));
        assert!(ok(Builtin::DateTime, "2024-01-01T23:59:59.999+01:00"));
        assert!(!ok(Builtin::DateTime, "2024-01-01T10:00"));
        assert!(!ok(Builtin::DateTime, "2024-01-01T10:00:00."));
        assert!(!ok(Builtin::Time, "24:00:01"));
        assert!(!ok(Builtin::Time, "10:60:00"));
    }

    #[test]
    fn numbers_and_others() {
        for good in ["12.50", "1.", ".5", "+1", "-0", "  3 ", "123456789012345678901234567890"] {
            assert!(ok(Builtin::Decimal, good), "{good}");
        }
        for bad in ["12,50", "", "1e3", "--1", "1 2", " . "] {
            assert!(!ok(Builtin::Decimal, bad), "{bad}");
        }
        assert!(ok(Builtin::Boolean, " true "));
        assert!(!ok(Builtin::Boolean, "TRUE"));
        for good in ["", "QQ==", "QUI=", "QUJD", "Q Q = =", "QUJD\nRUZH", "!!!!"] {
            assert!(ok(Builtin::Base64Binary, good), "{good}");
        }
        for bad in ["QR==", "QUJ", "QQ==QQ==", "====", "Q===", "A", "QUJDRA="] {
            assert!(!ok(Builtin::Base64Binary, bad), "{bad}");
        }
        for good in ["", "http://a b", "http://[::1]/", "urn:x:y", "mailto:a@b", "http://ex.com/ä", "a:b:c", " x "] {
            assert!(ok(Builtin::AnyUri, good), "{good}");
        }
        for bad in
            ["http://example.com/%zz", "1abc:x", "#a#b", "http://[bad/", "http://ex.com:80x/", "%", "a%2", "://x", ":x"]
        {
            assert!(!ok(Builtin::AnyUri, bad), "{bad}");
        }
        assert!(ok(Builtin::Language, "de-DE"));
        assert!(!ok(Builtin::Language, "de_DE"));
        assert!(ok(Builtin::Id, " a "));
        assert!(!ok(Builtin::Id, "1a"));
    }
}
