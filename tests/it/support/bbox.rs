//! Word boxes of a PDF's pages, read with `pdftotext -bbox`, for tests that
//! check where words sit and how big they are.

use std::path::Path;
use std::process::Command;

/// One word box, in points from the page's top left.
#[derive(Debug, Clone)]
pub struct Word {
    /// The word.
    pub text: String,
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Word {
    /// The box's height (the font's ascent plus descent, so in proportion
    /// to the text size).
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// One page: its size and its words in content order.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The words.
    pub words: Vec<Word>,
}

impl Page {
    /// The page's words joined with spaces.
    pub fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let at = tag.find(&key).unwrap_or_else(|| panic!("no {name} in {tag}")) + key.len();
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&")
}

/// The word boxes of every page of `pdf`; words that are only zero-width
/// spaces are left out.
pub fn pages(pdf: &Path) -> Vec<Page> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success(), "pdftotext -bbox failed on {}", pdf.display());
    let xml = String::from_utf8_lossy(&out.stdout);
    let mut pages = Vec::new();
    for chunk in xml.split("<page ").skip(1) {
        let head = chunk.split('>').next().unwrap();
        let mut page = Page { width: attr(head, "width"), height: attr(head, "height"), words: Vec::new() };
        for w in chunk.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = unescape(rest.split("</word>").next().unwrap());
            if text.trim_matches(['\u{200b}', ' ']).is_empty() {
                continue;
            }
            page.words.push(Word { text, x0: attr(tag, "xMin"), y0: attr(tag, "yMin"), x1: attr(tag, "xMax"), y1: attr(tag, "yMax") });
        }
        pages.push(page);
    }
    pages
}

/// Pairs of words that print over each other, comparing the middle half of
/// each box's height (so tight lines of big type do not count).
pub fn overprints<'a>(words: &[&'a Word]) -> Vec<(&'a Word, &'a Word)> {
    let mid = |w: &Word| (w.y0 + w.height() / 4.0, w.y1 - w.height() / 4.0);
    let mut found = Vec::new();
    for (i, a) in words.iter().enumerate() {
        let (ay0, ay1) = mid(a);
        for b in &words[i + 1..] {
            let (by0, by1) = mid(b);
            let x = a.x1.min(b.x1) - a.x0.max(b.x0);
            let y = ay1.min(by1) - ay0.max(by0);
            if x > 0.5 && y > 0.0 {
                found.push((*a, *b));
            }
        }
    }
    found
}
