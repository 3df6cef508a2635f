//! Text edits on a parsed document: the node positions roxmltree keeps let a mutation change
//! exactly one element, attribute or value and leave every other byte of the file alone.

use roxmltree::Node;

/// `text` with `range` replaced by `with`.
pub fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

/// The element's qualified name as written in its start tag.
pub fn qname<'t>(text: &'t str, node: Node<'_, '_>) -> &'t str {
    let tag = &text[node.range().start + 1..node.range().end];
    let end = tag.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(tag.len());
    &tag[..end]
}

/// Removes an element (the whole of it, from its start tag to its end tag).
pub fn remove(text: &str, node: Node<'_, '_>) -> String {
    splice(text, node.range(), "")
}

/// Removes an attribute (with the blank before it).
pub fn remove_attribute(text: &str, node: Node<'_, '_>, name: &str) -> Option<String> {
    let range = node.attributes().find(|a| a.name() == name)?.range();
    let start = if text[..range.start].ends_with(char::is_whitespace) { range.start - 1 } else { range.start };
    Some(splice(text, start..range.end, ""))
}

/// Sets an attribute's value (adding the attribute when the element lacks it).
pub fn set_attribute(text: &str, node: Node<'_, '_>, name: &str, value: &str) -> String {
    match node.attributes().find(|a| a.name() == name) {
        Some(attr) => splice(text, attr.range_value(), value),
        None => {
            let at = node.range().start + 1 + qname(text, node).len();
            splice(text, at..at, &format!(" {name}=\"{value}\""))
        }
    }
}

/// Replaces an element's content with `content` (text or markup).
pub fn set_content(text: &str, node: Node<'_, '_>, content: &str) -> String {
    let range = node.range();
    let whole = &text[range.clone()];
    if whole.ends_with("/>") {
        let name = qname(text, node);
        return splice(text, range.end - 2..range.end, &format!(">{content}</{name}>"));
    }
    let start = match (node.first_child(), node.last_child()) {
        (Some(first), Some(_)) => first.range().start,
        _ => match whole.rfind("</") {
            Some(close) => range.start + close,
            None => return text.to_owned(),
        },
    };
    let end = match node.last_child() {
        Some(last) => last.range().end,
        None => start,
    };
    splice(text, start..end, content)
}

/// Appends `markup` as the element's last child.
pub fn append_child(text: &str, node: Node<'_, '_>, markup: &str) -> String {
    let range = node.range();
    let whole = &text[range.clone()];
    if whole.ends_with("/>") {
        let name = qname(text, node);
        return splice(text, range.end - 2..range.end, &format!(">{markup}</{name}>"));
    }
    match whole.rfind("</") {
        Some(close) => splice(text, range.start + close..range.start + close, markup),
        None => text.to_owned(),
    }
}

/// Inserts `markup` right after the element (as its next sibling).
pub fn insert_after(text: &str, node: Node<'_, '_>, markup: &str) -> String {
    let end = node.range().end;
    splice(text, end..end, markup)
}

/// The element's text content (its direct text children, trimmed).
pub fn own_text<'a>(node: Node<'a, '_>) -> String {
    node.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect::<String>().trim().to_owned()
}
