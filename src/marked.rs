//! English text inside an edition in another language: a data string that
//! has no translation is carried through the figures and templates between
//! two private-use characters, and each output turns the pair into its own
//! language mark (Typst `text(lang: "en", region: "ca")`, HTML `<span
//! lang="en">`, PowerPoint `a:rPr lang="en-CA"`), or drops it where no mark
//! can go (an attribute, a file's metadata). Nothing else uses these
//! characters: [`mark`] removes any a cell holds.

/// Opens a run of English text.
pub const OPEN: char = '\u{E000}';
/// Closes a run of English text.
pub const CLOSE: char = '\u{E001}';

/// `text` marked as English (any marks it held are removed first); a text
/// without a letter (`2024`) is left as it is.
pub fn mark(text: &str) -> String {
    let plain = strip(text);
    if !plain.chars().any(char::is_alphabetic) {
        return plain.into_owned();
    }
    format!("{OPEN}{plain}{CLOSE}")
}

/// Whether `text` holds a mark.
pub fn has_marks(text: &str) -> bool {
    text.contains([OPEN, CLOSE])
}

/// `text` without its marks.
pub fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    if has_marks(text) { std::borrow::Cow::Owned(text.replace([OPEN, CLOSE], "")) } else { std::borrow::Cow::Borrowed(text) }
}

/// Replaces each mark of `text` by `open` or `close` inside text, and drops
/// it inside a tag (between `<` and `>`) or inside an element named in
/// `plain_elements` (such as `title`, whose text cannot hold a tag). For a
/// page whose own `<` and `>` are only those of its tags (its text
/// escaped).
pub fn in_markup(text: &str, open: &str, close: &str, plain_elements: &[&str]) -> String {
    if !has_marks(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_tag = false;
    let mut plain: Option<&str> = None;
    let mut depth = 0usize;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                in_tag = true;
                let tag = &rest[1..];
                if let Some(name) = plain {
                    if tag.strip_prefix('/').is_some_and(|t| t.starts_with(name)) {
                        plain = None;
                    }
                } else {
                    plain = plain_elements
                        .iter()
                        .copied()
                        .find(|name| tag.strip_prefix(name).is_some_and(|after| after.starts_with(['>', ' ', '\n', '\t'])));
                }
                out.push(c);
            }
            '>' => {
                in_tag = false;
                out.push(c);
            }
            OPEN if !in_tag && plain.is_none() => {
                depth += 1;
                out.push_str(open);
            }
            CLOSE if !in_tag && plain.is_none() && depth > 0 => {
                depth -= 1;
                out.push_str(close);
            }
            OPEN | CLOSE => {}
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    for _ in 0..depth {
        out.push_str(close);
    }
    out
}

/// A PowerPoint part with each marked run of text split into runs of its
/// own, marked `lang="{english}"` (`en-CA`): the text between marks keeps
/// its run's properties and language. Marks elsewhere (in an attribute, a
/// run without properties) are dropped; runs left empty are removed.
pub fn in_drawingml(xml: &str, english: &str) -> String {
    if !has_marks(xml) {
        return xml.to_string();
    }
    let mut out = String::with_capacity(xml.len() + 256);
    // The current run's properties, as written, while inside `<a:t>`.
    let mut rpr: Option<String> = None;
    let mut in_text = false;
    let mut rest = xml;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if rest.starts_with("<a:r>") {
                rpr = None;
            } else if rest.starts_with("<a:rPr") {
                let end = element_end(rest, "a:rPr");
                rpr = Some(strip(&rest[..end]).into_owned());
                out.push_str(&rpr.clone().unwrap_or_default());
                rest = &rest[end..];
                continue;
            } else if rest.starts_with("<a:t>") {
                in_text = true;
            } else if rest.starts_with("</a:t>") {
                in_text = false;
            }
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        match (c, in_text, &rpr) {
            (OPEN | CLOSE, true, Some(props)) => {
                let props = if c == OPEN { with_lang(props, english) } else { props.clone() };
                out.push_str("</a:t></a:r><a:r>");
                out.push_str(&props);
                out.push_str("<a:t>");
            }
            (OPEN | CLOSE, _, _) => {}
            (c, _, _) => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    remove_empty_runs(&out)
}

/// The length of the element `name` that `xml` starts with (self-closing or
/// with its end tag).
fn element_end(xml: &str, name: &str) -> usize {
    let open_end = xml.find('>').map_or(xml.len(), |i| i + 1);
    if xml[..open_end].ends_with("/>") {
        return open_end;
    }
    let close = format!("</{name}>");
    xml.find(&close).map_or(open_end, |i| i + close.len())
}

/// Run properties `props` with their `lang` set to `lang`.
fn with_lang(props: &str, lang: &str) -> String {
    match props.find(" lang=\"") {
        Some(at) => {
            let value = at + " lang=\"".len();
            let end = props[value..].find('"').map_or(props.len(), |i| value + i);
            format!("{}{lang}{}", &props[..value], &props[end..])
        }
        None => props.replacen("<a:rPr", &format!("<a:rPr lang=\"{lang}\""), 1),
    }
}

/// `xml` without runs whose text is empty.
fn remove_empty_runs(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<a:r>") {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find("</a:r>").map_or(run.len(), |i| i + "</a:r>".len());
        if !run[..end].contains("<a:t></a:t>") {
            out.push_str(&run[..end]);
        }
        rest = &run[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_spans_in_text_and_vanish_in_tags() {
        let page = format!("<title>{}</title><p title=\"{}\">Le {} est</p>", mark("A"), mark("B"), mark("Plan"));
        assert_eq!(
            in_markup(&page, "<span lang=\"en\">", "</span>", &["title"]),
            "<title>A</title><p title=\"B\">Le <span lang=\"en\">Plan</span> est</p>"
        );
        assert_eq!(strip(&mark("x")), "x");
        assert_eq!(mark(&mark("x")), mark("x"));
        assert_eq!(mark(" "), " ");
    }

    #[test]
    fn messages_say_names_without_marks() {
        let location = crate::diag::Location { file: mark("a.csv"), ..Default::default() };
        let d = crate::diag::Diagnostic::warning(crate::diag::Kind::Figures, location, format!("`{}` is not named", mark("Outreach")));
        assert_eq!((d.message.as_str(), d.location.file.as_str()), ("`Outreach` is not named", "a.csv"));
    }

    #[test]
    fn marked_runs_get_their_own_language() {
        let xml = format!(
            "<a:p><a:r><a:rPr lang=\"fr-CA\" sz=\"2000\"><a:latin typeface=\"X\"/></a:rPr><a:t>Salle {} ici</a:t></a:r><p:cNvPr descr=\"{}\"/></a:p>",
            mark("Room B"),
            mark("d")
        );
        let out = in_drawingml(&xml, "en-CA");
        assert_eq!(
            out,
            "<a:p><a:r><a:rPr lang=\"fr-CA\" sz=\"2000\"><a:latin typeface=\"X\"/></a:rPr><a:t>Salle </a:t></a:r><a:r><a:rPr lang=\"en-CA\" sz=\"2000\"><a:latin typeface=\"X\"/></a:rPr><a:t>Room B</a:t></a:r><a:r><a:rPr lang=\"fr-CA\" sz=\"2000\"><a:latin typeface=\"X\"/></a:rPr><a:t> ici</a:t></a:r><p:cNvPr descr=\"d\"/></a:p>"
        );
        let whole = format!("<a:r><a:rPr lang=\"fr-CA\"/><a:t>{}</a:t></a:r>", mark("All"));
        assert_eq!(in_drawingml(&whole, "en-CA"), "<a:r><a:rPr lang=\"en-CA\"/><a:t>All</a:t></a:r>");
    }
}
