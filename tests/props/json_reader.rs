//! `json::parse` accepts exactly what `serde_json` accepts; text-check shortcuts agree with the full checks.

use super::*;

/// JSON whitespace, sometimes.
fn ws() -> impl Strategy<Value = String> {
    prop_oneof![4 => Just(String::new()), 1 => "[ \t\r\n]{1,3}"]
}

/// A valid JSON text with random whitespace, keys, escapes and numbers.
pub(crate) fn json_text() -> BoxedStrategy<String> {
    let number = "-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,8})?([eE][+-]?[0-9]{1,3})?";
    let string = prop_oneof![
        any::<String>().prop_map(|s| {
            let mut out = String::new();
            write_string(&mut out, &s);
            out
        }),
        // Escapes written out by hand, surrogate pairs included.
        proptest::collection::vec(
            proptest::sample::select(
                &[
                    "\\n",
                    "\\t",
                    "\\\"",
                    "\\\\",
                    "\\/",
                    "\\b",
                    "\\f",
                    "\\r",
                    "\\u00e9",
                    "\\ud83d\\ude00",
                    "a",
                    "é",
                    "\\u0000"
                ][..]
            ),
            0..6
        )
        .prop_map(|parts| format!("\"{}\"", parts.concat())),
    ];
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number.prop_map(|n| n),
        string.clone(),
    ];
    leaf.prop_recursive(4, 32, 5, move |inner| {
        prop_oneof![
            proptest::collection::vec((ws(), inner.clone(), ws()), 0..5).prop_map(|items| {
                let parts: Vec<String> = items.into_iter().map(|(a, v, b)| format!("{a}{v}{b}")).collect();
                format!("[{}]", parts.join(","))
            }),
            proptest::collection::vec((ws(), string.clone(), ws(), inner, ws()), 0..5).prop_map(|items| {
                let parts: Vec<String> = items.into_iter().map(|(a, k, b, v, c)| format!("{a}{k}{b}:{v}{c}")).collect();
                format!("{{{}}}", parts.join(","))
            }),
        ]
    })
    .prop_flat_map(|text| (ws(), Just(text), ws()).prop_map(|(a, t, b)| format!("{a}{t}{b}")))
    .boxed()
}

/// Characters that make JSON interesting when inserted at random.
const JSON_NOISE: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "0",
    "1",
    "-",
    "+",
    ".",
    "e",
    "E",
    " ",
    "\n",
    "\t",
    "\u{0}",
    "\u{1f}",
    "t",
    "f",
    "n",
    "u",
    "NaN",
    "Infinity",
    "-Infinity",
    "null",
    "true",
    "false",
    "01",
    "1.",
    ".5",
    "//",
    "/*",
    "'",
    "\u{7f}",
    "é",
    "\u{FEFF}",
    "\\u",
    "\\ud800",
    "\\x",
    "x",
];

/// A text that may or may not be JSON: a valid text with a few edits, or noise.
fn maybe_json() -> BoxedStrategy<String> {
    prop_oneof![
        2 => json_text(),
        3 => (json_text(), proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, proptest::sample::select(JSON_NOISE)), 1..4))
            .prop_map(|(text, edits)| {
                let mut chars: Vec<char> = text.chars().collect();
                for (at, kind, noise) in edits {
                    let i = if chars.is_empty() { 0 } else { at.index(chars.len()) };
                    match kind {
                        0 if !chars.is_empty() => { chars.remove(i); }
                        1 => { chars.splice(i..i, noise.chars()); }
                        _ => { chars.truncate(i); }
                    }
                }
                chars.into_iter().collect()
            }),
        1 => proptest::collection::vec(proptest::sample::select(JSON_NOISE), 0..12).prop_map(|v| v.concat()),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(4_000))]

    /// Same acceptance as serde_json (numbers outside f64's range aside, see the module
    /// docs; a leading BOM, which the reader skips on purpose, is removed for serde_json).
    #[test]
    fn json_parse_accepts_what_serde_json_accepts(text in maybe_json()) {
        let ours = json::parse(text.as_bytes());
        // The reader skips one leading BOM on purpose (a file BOM); serde_json does not.
        let theirs = serde_json::from_str::<serde_json::Value>(text.strip_prefix('\u{FEFF}').unwrap_or(&text));
        if let Err(e) = &theirs
            && e.to_string().contains("number out of range")
        {
            // serde_json turns 1e400 into an error; the reader keeps its text so the
            // decimal parser can report out_of_range. Nothing else may differ.
            return Ok(());
        }
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "ours: {:?}\nserde_json: {:?}\ntext: {:?}", ours.err(), theirs.err(), text);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            prop_assert!(same_value(&ours, &theirs), "different values for {:?}", text);
        }
    }
}

proptest! {
    #![proptest_config(config(4_000))]

    /// The shortcuts of the text checks agree with the full checks.
    #[test]
    fn text_check_shortcuts_agree_with_the_full_checks(text in "(\\PC|[<:\\x00-\\x1f\\x7f-\\u{9f}\\u{180e}\\u{2000}-\\u{206f}\\u{feff}]){0,80}") {
        use invoice::security::text;
        for multiline in [false, true] {
            let by_char = text.chars().find(|c| text::forbidden_char(&c.to_string(), multiline).is_some());
            prop_assert_eq!(text::forbidden_char(&text, multiline), by_char);
        }
        let scan = text::scan(&text);
        prop_assert_eq!(scan.chars, text.chars().count());
        if !scan.maybe_forbidden {
            prop_assert_eq!(text::forbidden_char(&text, false), None);
            prop_assert_eq!(text::forbidden_char(&text, true), None);
        }
        if !scan.maybe_markup {
            prop_assert_eq!(text::find_markup(&text), None);
        }
    }
}

/// Structural equality of the two readers' results (numbers compared as decimals when
/// both can hold them, objects by their last value per key as serde_json keeps).
fn same_value(ours: &json::Json, theirs: &serde_json::Value) -> bool {
    use json::Json;
    match (ours, theirs) {
        (Json::Null, serde_json::Value::Null) => true,
        (Json::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Json::Number(text), serde_json::Value::Number(n)) => {
            // serde_json's number is an f64 or integer; compare exactly where the text is
            // an integer, else through f64 within a relative 1e-12 (serde_json's default
            // float parsing is not always correctly rounded; the reader keeps the text).
            match (text.parse::<i64>(), n.as_i64()) {
                (Ok(a), Some(b)) => a == b,
                _ => {
                    let a: f64 = text.parse().unwrap_or(f64::NAN);
                    let b = n.as_f64().unwrap_or(f64::NAN);
                    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
                }
            }
        }
        (Json::String(a), serde_json::Value::String(b)) => a == b,
        (Json::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y))
        }
        (Json::Object(a), serde_json::Value::Object(b)) => {
            let mut last: Vec<(&str, &Json)> = Vec::new();
            for (k, v) in a {
                last.retain(|(key, _)| *key != k.as_ref());
                last.push((k.as_ref(), v));
            }
            last.len() == b.len() && last.iter().all(|(k, v)| b.get(*k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}
