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

/// One alternative of a match pattern: steps with an optional `[@attr]` predicate each.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// `/a:B`: the first step's element is the document element.
    anchored: bool,
    steps: Vec<(String, String, Option<String>)>,
}

/// The alternatives of a match pattern, or `None` when any is more than simple steps.
pub fn patterns(pattern: &str, prefixes: &HashMap<String, String>) -> Option<Vec<Pattern>> {
    let mut out = Vec::new();
    for alternative in pattern.split('|') {
        let alternative = alternative.trim();
        let (anchored, rest) = if let Some(rest) = alternative.strip_prefix("//") {
            (false, rest)
        } else if let Some(rest) = alternative.strip_prefix('/') {
            (true, rest)
        } else {
            (false, alternative)
        };
        let mut steps = Vec::new();
        for part in rest.split('/') {
            let (name, predicate) = match part.split_once('[') {
                Some((name, predicate)) => {
                    let attr = predicate.strip_suffix(']')?.strip_prefix('@')?;
                    if !is_name(attr) || attr.contains(':') {
                        return None;
                    }
                    (name, Some(attr.to_owned()))
                }
                None => (part, None),
            };
            let Step::Element { ns, local, .. } = element_step(name, prefixes)? else { return None };
            steps.push((ns, local, predicate));
        }
        out.push(Pattern { anchored, steps });
    }
    Some(out)
}

/// Whether `node` matches one of the alternatives.
pub fn matches(node: Node<'_, '_>, alternatives: &[Pattern]) -> bool {
    alternatives.iter().any(|p| matches_one(node, p))
}

fn matches_one(node: Node<'_, '_>, pattern: &Pattern) -> bool {
    let mut current = Some(node);
    for (ns, local, predicate) in pattern.steps.iter().rev() {
        let Some(n) = current.filter(|n| n.is_element()) else { return false };
        if !n.has_tag_name((ns.as_str(), local.as_str())) {
            return false;
        }
        if predicate.as_ref().is_some_and(|attr| n.attribute(attr.as_str()).is_none()) {
            return false;
        }
        current = n.parent();
    }
    !pattern.anchored || current.is_some_and(|n| n.is_root())
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
