//! The small part of XPath the rule-directed mutations need: simple location paths
//! (`cac:Party/cbc:EndpointID/@schemeID`) and simple match patterns
//! (`/ubl:Invoice | /cn:CreditNote`, `cac:PartyIdentification/cbc:ID[@schemeID]`). Anything
//! richer is skipped: those rules are left to the hand-written mutations.

use std::collections::HashMap;

use roxmltree::Node;

/// A step of a simple path: a namespaced element, or (last) an attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Element { ns: String, prefix: String, local: String },
    Attribute(String),
}

/// A simple path: relative to a context node, or from the document root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimplePath {
    pub absolute: bool,
    pub steps: Vec<Step>,
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn element_step(step: &str, prefixes: &HashMap<String, String>) -> Option<Step> {
    let (prefix, local) = step.split_once(':')?;
    if !is_name(prefix) || !is_name(local) {
        return None;
    }
    let ns = prefixes.get(prefix)?;
    Some(Step::Element { ns: ns.clone(), prefix: prefix.to_owned(), local: local.to_owned() })
}

/// `a:B/c:D/@e` (or `/a:B/...`) as a path; `None` if it is anything richer.
pub fn parse(text: &str, prefixes: &HashMap<String, String>) -> Option<SimplePath> {
    let text = text.trim();
    let (absolute, rest) = match text.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => (true, rest),
        Some(_) => return None,
        None => (false, text),
    };
    let parts: Vec<&str> = rest.split('/').collect();
    let mut steps = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if let Some(name) = part.strip_prefix('@') {
            if i + 1 != parts.len() || !is_name(name) || name.contains(':') {
                return None;
            }
            steps.push(Step::Attribute(name.to_owned()));
        } else {
            steps.push(element_step(part, prefixes)?);
        }
    }
    (!steps.is_empty()).then_some(SimplePath { absolute, steps })
}

/// The simple paths a test mentions: every maximal run of name characters, `:` and `/`, cut
/// at its first step that is not a namespaced name (a function, a variable, `..`).
pub fn mentioned(test: &str, prefixes: &HashMap<String, String>) -> Vec<SimplePath> {
    let bytes = test.as_bytes();
    let token_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':' | b'/' | b'@');
    let mut out: Vec<SimplePath> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !token_char(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && token_char(bytes[i]) {
            i += 1;
        }
        let preceded = start > 0 && matches!(bytes[start - 1], b'$' | b'\'' | b'"');
        let called = bytes.get(i) == Some(&b'(');
        if preceded || called || start > 0 && bytes[start - 1] == b')' {
            continue;
        }
        let token = &test[start..i];
        let absolute = token.starts_with('/') && !token.starts_with("//");
        let body = token.trim_start_matches('/');
        let mut kept: Vec<&str> = Vec::new();
        for part in body.split('/') {
            let keep = element_step(part, prefixes).is_some()
                || part.strip_prefix('@').is_some_and(|name| is_name(name) && !name.contains(':'));
            if !keep {
                break;
            }
            kept.push(part);
            if part.starts_with('@') {
                break;
            }
        }
        if kept.is_empty() || token.starts_with("//") {
            continue;
        }
        let joined = format!("{}{}", if absolute { "/" } else { "" }, kept.join("/"));
        if let Some(path) = parse(&joined, prefixes)
            && !out.contains(&path)
        {
            out.push(path);
        }
    }
    out
}

/// One alternative of a match pattern: steps with an optional predicate each.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// `/a:B`: the first step's element is the document element.
    anchored: bool,
    steps: Vec<PatternStep>,
}

/// A step of a pattern: a name (`None` = `*`, with the namespace of `ram:*` or any) and what
/// its predicate asks.
#[derive(Debug, Clone)]
struct PatternStep {
    ns: Option<String>,
    local: Option<String>,
    predicates: Vec<Predicate>,
}

#[derive(Debug, Clone)]
enum Predicate {
    /// `[@name]`
    Attribute(String),
    /// `[ends-with(name(), 'X')]` (a trailing `and not (self::...)` is ignored: the node picked
    /// may then be one the rule excludes, and the mutation fires something else)
    NameEndsWith(String),
    /// `[a:B = 'v']`, `[normalize-space(a:B) = 'v']`, `[. = 'v']`, `[a:B = true()]`
    Equals(Vec<(String, String)>, String),
    /// Anything else: taken as true (the context then may be wider than the rule's).
    Any,
}

/// Splits at `sep` outside brackets, parentheses and quotes.
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let (mut depth, mut quote, mut start, mut out) = (0i32, None, 0, Vec::new());
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[' | '(') => depth += 1,
            (None, ']' | ')') => depth -= 1,
            (None, _) if c == sep && depth == 0 => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The insides of `[a][b]...` (`None` if anything is outside brackets).
fn bracketed(text: &str) -> Option<Vec<&str>> {
    let (mut depth, mut quote, mut start, mut out) = (0i32, None, 0, Vec::new());
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[') => {
                if depth == 0 {
                    start = i + 1;
                }
                depth += 1;
            }
            (None, ']') => {
                depth -= 1;
                if depth == 0 {
                    out.push(&text[start..i]);
                }
            }
            (None, _) if depth == 0 && !c.is_whitespace() => return None,
            _ => {}
        }
    }
    (depth == 0).then_some(out)
}

fn predicate(text: &str, prefixes: &HashMap<String, String>) -> Predicate {
    let text = text.trim();
    if let Some(attr) = text.strip_prefix('@')
        && is_name(attr)
    {
        return Predicate::Attribute(attr.to_owned());
    }
    if let Some(rest) = text.strip_prefix("ends-with(name(), '")
        && let Some((suffix, _)) = rest.split_once('\'')
    {
        return Predicate::NameEndsWith(suffix.to_owned());
    }
    let parts = split_top(text, '=');
    let [left, right] = parts.as_slice() else { return Predicate::Any };
    let (left, right) = (left.trim(), right.trim());
    let value = match right {
        "true()" => "true".to_owned(),
        "false()" => "false".to_owned(),
        _ => match right.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
            Some(v) => v.to_owned(),
            None => return Predicate::Any,
        },
    };
    let left = left.strip_prefix("normalize-space(").and_then(|l| l.strip_suffix(')')).unwrap_or(left);
    if left == "." {
        return Predicate::Equals(Vec::new(), value);
    }
    let mut steps = Vec::new();
    for part in left.split('/') {
        match element_step(part, prefixes) {
            Some(Step::Element { ns, local, .. }) => steps.push((ns, local)),
            _ => return Predicate::Any,
        }
    }
    Predicate::Equals(steps, value)
}

/// The alternatives of a match pattern, or `None` when a step is not a name.
pub fn patterns(pattern: &str, prefixes: &HashMap<String, String>) -> Option<Vec<Pattern>> {
    let mut out = Vec::new();
    for alternative in split_top(pattern, '|') {
        let alternative = alternative.trim();
        let (anchored, rest) = if let Some(rest) = alternative.strip_prefix("//") {
            (false, rest)
        } else if let Some(rest) = alternative.strip_prefix('/') {
            (true, rest)
        } else {
            (false, alternative)
        };
        let mut steps = Vec::new();
        for part in split_top(rest, '/') {
            let (name, predicates) = match part.find('[') {
                Some(open) => (&part[..open], &part[open..]),
                None => (part, ""),
            };
            let list = bracketed(predicates)?.into_iter().map(|p| predicate(p, prefixes)).collect();
            let (ns, local) = match name {
                "*" => (None, None),
                _ => match name.strip_suffix(":*") {
                    Some(prefix) => (Some(prefixes.get(prefix)?.clone()), None),
                    None => {
                        let Step::Element { ns, local, .. } = element_step(name, prefixes)? else { return None };
                        (Some(ns), Some(local))
                    }
                },
            };
            steps.push(PatternStep { ns, local, predicates: list });
        }
        out.push(Pattern { anchored, steps });
    }
    Some(out)
}

fn holds(node: Node<'_, '_>, predicate: &Predicate) -> bool {
    match predicate {
        Predicate::Attribute(attr) => node.attribute(attr.as_str()).is_some(),
        Predicate::NameEndsWith(suffix) => node.tag_name().name().ends_with(suffix.as_str()),
        Predicate::Equals(steps, value) => {
            let mut current = Some(node);
            for (ns, local) in steps {
                current = current.and_then(|n| n.children().find(|c| c.has_tag_name((ns.as_str(), local.as_str()))));
            }
            current.is_some_and(|n| {
                let text: String = n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect();
                text.trim() == value
            })
        }
        Predicate::Any => true,
    }
}

/// Whether `node` matches one of the alternatives.
pub fn matches(node: Node<'_, '_>, alternatives: &[Pattern]) -> bool {
    alternatives.iter().any(|p| matches_one(node, p))
}

fn matches_one(node: Node<'_, '_>, pattern: &Pattern) -> bool {
    let mut current = Some(node);
    for step in pattern.steps.iter().rev() {
        let Some(n) = current.filter(|n| n.is_element()) else { return false };
        let name = n.tag_name();
        if step.ns.as_ref().is_some_and(|ns| name.namespace() != Some(ns.as_str()))
            || step.local.as_ref().is_some_and(|local| name.name() != local)
        {
            return false;
        }
        if !step.predicates.iter().all(|p| holds(n, p)) {
            return false;
        }
        current = n.parent();
    }
    !pattern.anchored || current.is_some_and(|n| n.is_root())
}

/// `(a:B|c:D)/e:F` as `a:B/e:F` and `c:D/e:F`; any other text as itself.
pub fn expand_union(text: &str) -> Vec<String> {
    let text = text.trim();
    let Some(inner) = text.strip_prefix('(') else { return vec![text.to_owned()] };
    let Some((alternatives, rest)) = inner.split_once(')') else { return vec![text.to_owned()] };
    alternatives.split('|').map(|a| format!("{}{rest}", a.trim())).collect()
}

/// The first node `path` selects from `context` (or from the document element when absolute).
pub fn select<'a, 'input>(context: Node<'a, 'input>, path: &SimplePath) -> Option<Selected<'a, 'input>> {
    let mut current = if path.absolute { context.document().root() } else { context };
    for step in &path.steps {
        match step {
            Step::Element { ns, local, .. } => {
                current = current.children().find(|c| c.has_tag_name((ns.as_str(), local.as_str())))?;
            }
            Step::Attribute(name) => {
                return current.attribute(name.as_str()).is_some().then(|| Selected::Attribute(current, name.clone()));
            }
        }
    }
    Some(Selected::Element(current))
}

/// What a simple path selected.
pub enum Selected<'a, 'input> {
    Element(Node<'a, 'input>),
    Attribute(Node<'a, 'input>, String),
}
