//! Splits the outline's slides where the PDF deck splits them: each
//! paragraph (or piece of one) goes on the slide whose PDF page holds its
//! words, so both editions have the same slides with the same words.

use super::outline::{Column, Para, Token, Unit};

/// A slide as it will be drawn: one page of the PDF deck.
#[derive(Debug, Clone, Default)]
pub struct Part {
    /// The outline slide it belongs to.
    pub unit: usize,
    /// Which of the unit's slides it is (from 0).
    pub index: usize,
    /// How many slides the unit has.
    pub count: usize,
    /// The PDF page it is laid out on (from 0).
    pub page: usize,
    /// Body paragraphs (or pieces) on it.
    pub paras: Vec<Para>,
    /// Whether the callouts are on it.
    pub callouts: bool,
    /// Columns shown on it (a continued slide shows only those that continue).
    pub columns: Vec<Column>,
    /// Timeline rows on it, by index.
    pub rows: Vec<usize>,
    /// The part of a row's label on it, for a label the PDF continues over
    /// several slides (by row index; absent: the whole label).
    pub pieces: std::collections::BTreeMap<usize, String>,
}

/// How much of `label` (in bytes) the normalized `text` starts with: as far
/// as the PDF's slide shows it, which may end inside a word.
fn shown_part(text: &str, label: &str) -> usize {
    let (mut matched, mut cut) = (0usize, 0usize);
    for (i, c) in label.char_indices() {
        let n = norm(c.encode_utf8(&mut [0; 4]));
        if n.is_empty() {
            continue;
        }
        if !text[matched..].starts_with(&n) {
            break;
        }
        matched += n.len();
        cut = i + c.len_utf8();
    }
    cut
}

/// A piece of a marked text (see [`crate::marked`]) with its marks
/// paired: a piece that starts inside English text opens it, and one that
/// ends inside it closes it.
fn balanced(piece: &str) -> String {
    use crate::marked::{CLOSE, OPEN};
    let marks: Vec<char> = piece.chars().filter(|c| [OPEN, CLOSE].contains(c)).collect();
    let mut out = String::with_capacity(piece.len() + 6);
    if marks.first() == Some(&CLOSE) {
        out.push(OPEN);
    }
    out.push_str(piece);
    if marks.last() == Some(&OPEN) {
        out.push(CLOSE);
    }
    out
}

/// Text as compared: no spaces or invisible breaks, straight quotes, lower case.
pub fn norm(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(*c, '\u{200B}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}' | crate::marked::OPEN | crate::marked::CLOSE)
        })
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A stream of items matched to pages in order: returns, for each item,
/// its pieces (token ranges) with their page offsets.
struct Stream<'a> {
    pages: &'a [String],
    start: usize,
    /// How many pages in a row may hold none of an item's words (a
    /// timeline's note comes after all its slides).
    gap: usize,
}

type Pieces = Vec<(usize, std::ops::Range<usize>)>;

impl Stream<'_> {
    /// `region(page)` gives the part of a page's (normalized) text this
    /// stream reads. Items are token lists (as normalized words).
    fn run(&self, items: &[Vec<String>], region: &dyn Fn(usize) -> String) -> Result<Vec<Pieces>, String> {
        let mut out = Vec::new();
        let mut page = self.start;
        let mut pos = 0usize;
        for (n, words) in items.iter().enumerate() {
            let mut pieces = Vec::new();
            let mut from = 0;
            let mut skipped = 0;
            while from < words.len() {
                let Some(text) = self.pages.get(page).map(|_| region(page)) else {
                    return Err(format!("item {} ({}…) is on no page", n + 1, words.iter().take(6).cloned().collect::<String>()));
                };
                let hay = text.get(pos..).unwrap_or("");
                let find = |k: usize| hay.find(&words[from..from + k].concat());
                // The longest run of the item's words, from `from`, found on this page.
                let (mut lo, mut hi) = (0usize, words.len() - from);
                while lo < hi {
                    let mid = (lo + hi).div_ceil(2);
                    if find(mid).is_some() { lo = mid } else { hi = mid - 1 }
                }
                let k = lo;
                let chars: usize = words[from..from + k].iter().map(|w| w.chars().count()).sum();
                if k == words.len() - from || (k > 0 && chars >= 40) {
                    let at = find(k).unwrap_or(0);
                    pieces.push((page - self.start, from..from + k));
                    from += k;
                    if from < words.len() {
                        page += 1;
                        pos = 0;
                    } else {
                        pos += at + words[from - k..from].concat().len();
                    }
                    skipped = 0;
                } else {
                    page += 1;
                    pos = 0;
                    skipped += 1;
                    if skipped > self.gap {
                        return Err(format!(
                            "the words “{}…” are not on the PDF slides where they should be",
                            words.iter().take(8).cloned().collect::<Vec<_>>().join(" ")
                        ));
                    }
                }
            }
            out.push(pieces);
        }
        Ok(out)
    }
}

/// `p` with each long word cut where the PDF may break it (the break points
/// of [`crate::breaks::break_points`], the rule of the deck's
/// `breakable-words`), the pieces joined with no space: a word too long for
/// one slide then follows the PDF's slides like any other words.
fn with_long_words_cut(p: &Para) -> Para {
    let mut out = p.clone();
    out.tokens = Vec::with_capacity(p.tokens.len());
    for t in &p.tokens {
        let mut from = 0;
        for at in crate::breaks::break_points(&t.text).into_iter().chain([t.text.len()]) {
            if at > from {
                out.tokens.push(Token { text: t.text[from..at].to_string(), bold: t.bold, space: t.space && from == 0 });
                from = at;
            }
        }
    }
    out
}

fn words_of(p: &Para) -> Vec<String> {
    p.tokens.iter().map(|t| norm(&t.text)).collect()
}

fn piece(p: &Para, range: std::ops::Range<usize>, first: bool) -> Para {
    let mut out = p.clone();
    out.tokens = p.tokens[range].to_vec();
    if let Some(t) = out.tokens.first_mut() {
        t.space = false;
    }
    if !first {
        // A piece that continues an item: no bullet, no number.
        out.number = 0;
        out.style = match p.style.as_str() {
            "bullet" | "sub" | "number" => format!("{}-cont", p.style),
            other => other.to_string(),
        };
    }
    out
}

/// Splits `units` over `pages` (each page's text, in order). `labels` are
/// the timeline's row labels. Fails when the words do not follow the pages,
/// rather than write a deck that differs from the PDF.
pub fn paginate(units: &[Unit], pages: &[String], labels: &[String]) -> Result<Vec<Part>, String> {
    let normed: Vec<String> = pages.iter().map(|p| norm(p)).collect();
    let mut parts = Vec::new();
    let mut page = 0usize;
    for (u, unit) in units.iter().enumerate() {
        let Some(first) = normed.get(page) else {
            return Err(format!("the PDF deck has {} slides, fewer than the outline's (slide “{}” has no page)", pages.len(), unit.title));
        };
        if !first.contains(&norm(&unit.title)) {
            return Err(format!("slide {} of the PDF deck is not “{}”", page + 1, unit.title));
        }
        // A timeline's slides are the pages from here that carry its title;
        // its note is under the chart on the last of them.
        let title = norm(&unit.title);
        let span = (page..normed.len()).take_while(|p| normed[*p].contains(&title)).count().max(1);
        let gap = if unit.kind == "timeline" { span.max(2) } else { 2 };
        let stream = Stream { pages: &normed, start: page, gap };
        let whole = |p: usize| normed[p].clone();
        let mut count = 1usize;
        let mut body: Vec<Vec<Para>> = Vec::new();
        let mut callouts_at = None;
        let mut rows: Vec<Vec<usize>> = Vec::new();
        let mut pieces: Vec<std::collections::BTreeMap<usize, String>> = Vec::new();
        let mut columns: Vec<Vec<Column>> = Vec::new();
        let place = |list: &mut Vec<Vec<Para>>, at: usize, p: Para| {
            if list.len() <= at {
                list.resize(at + 1, Vec::new());
            }
            list[at].push(p);
        };
        if unit.columns.is_empty() {
            let mut items: Vec<Vec<String>> = Vec::new();
            if !unit.callouts.is_empty() {
                items.push(unit.callouts.iter().flat_map(|(v, l)| [norm(v), norm(l)]).collect());
            }
            let paras: Vec<Para> = unit.paras.iter().map(with_long_words_cut).collect();
            items.extend(paras.iter().map(words_of));
            let placed = stream.run(&items, &whole)?;
            let mut it = placed.into_iter();
            if !unit.callouts.is_empty() {
                let pieces = it.next().unwrap_or_default();
                callouts_at = pieces.first().map(|(at, _)| *at);
                count = count.max(pieces.iter().map(|(at, _)| at + 1).max().unwrap_or(1));
            }
            for p in &paras {
                let pieces = it.next().unwrap_or_default();
                for (i, (at, range)) in pieces.into_iter().enumerate() {
                    count = count.max(at + 1);
                    place(&mut body, at, piece(p, range, i == 0));
                }
            }
            if unit.kind == "timeline" {
                // A row is found by its label's first words, in
                // order, on one of them (enough to tell rows apart, whatever
                // the chart does to a long label); a row the PDF's chart
                // does not show is left out here too.
                count = count.max(span);
                let (mut at, mut pos) = (0usize, 0usize);
                for (r, label) in labels.iter().enumerate() {
                    let key: String = label.split_whitespace().take(6).map(norm).collect::<String>().chars().take(40).collect();
                    let found = (at..span).find_map(|q| {
                        let from = if q == at { pos } else { 0 };
                        normed[page + q].get(from..).and_then(|h| h.find(&key)).map(|i| (q, from + i + key.len()))
                    });
                    let Some((q, end)) = found else { continue };
                    let mut on = |q: usize, piece: Option<String>| {
                        if rows.len() <= q {
                            rows.resize(q + 1, Vec::new());
                            pieces.resize(q + 1, Default::default());
                        }
                        rows[q].push(r);
                        if let Some(piece) = piece {
                            pieces[q].insert(r, piece);
                        }
                    };
                    // A label too tall for a slide is continued on the next
                    // ones, cut where the PDF cuts it: each slide shows its
                    // own part.
                    let (mut q, mut start, mut done) = (q, end - key.len(), 0usize);
                    (at, pos) = (q, end);
                    loop {
                        let rest = &label[done..];
                        let here = shown_part(&normed[page + q][start..], rest).max(rest.chars().next().map_or(1, char::len_utf8));
                        let whole = done == 0 && here >= label.len();
                        on(q, (!whole).then(|| balanced(rest[..here.min(rest.len())].trim())));
                        done += here;
                        let rest = &label[done.min(label.len())..];
                        let next_key: String = norm(rest).chars().take(24).collect();
                        if next_key.is_empty() {
                            break;
                        }
                        let Some((nq, at_start)) = (q + 1..span).find_map(|nq| normed[page + nq].find(&next_key).map(|i| (nq, i))) else {
                            break;
                        };
                        (q, start) = (nq, at_start);
                        (at, pos) = (nq, at_start + next_key.len());
                    }
                }
            }
        } else {
            // Each column reads its own part of the page: the first up to
            // the second's heading, the second after it.
            let heads: Vec<String> = unit.columns.iter().map(|c| norm(&c.title)).collect();
            for (c, col) in unit.columns.iter().enumerate() {
                let region = |p: usize| {
                    let text = &normed[p];
                    let next = heads.get(c + 1).and_then(|h| text.find(h.as_str()));
                    let own = text.find(heads[c].as_str());
                    match (own, next) {
                        (Some(a), Some(b)) if a < b => text[a..b].to_string(),
                        (Some(a), None) => text[a..].to_string(),
                        _ => String::new(),
                    }
                };
                let paras: Vec<Para> = col.paras.iter().map(with_long_words_cut).collect();
                let items: Vec<Vec<String>> = paras.iter().map(words_of).collect();
                let placed = stream.run(&items, &region)?;
                let mut per_page: Vec<Vec<Para>> = Vec::new();
                for (p, pieces) in paras.iter().zip(placed) {
                    for (i, (at, range)) in pieces.into_iter().enumerate() {
                        count = count.max(at + 1);
                        place(&mut per_page, at, piece(p, range, i == 0));
                    }
                }
                for (at, paras) in per_page.into_iter().enumerate() {
                    if columns.len() <= at {
                        columns.resize(at + 1, Vec::new());
                    }
                    if at == 0 || !paras.is_empty() {
                        columns[at].push(Column { title: col.title.clone(), paras });
                    }
                }
            }
        }
        for index in 0..count {
            parts.push(Part {
                unit: u,
                index,
                count,
                page: page + index,
                paras: body.get(index).cloned().unwrap_or_default(),
                callouts: callouts_at == Some(index),
                columns: columns.get(index).cloned().unwrap_or_default(),
                rows: rows.get(index).cloned().unwrap_or_default(),
                pieces: pieces.get(index).cloned().unwrap_or_default(),
            });
        }
        page += count;
    }
    if page != pages.len() {
        return Err(format!("the PDF deck has {} slides and the outline fills {page}", pages.len()));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pptx::outline::parse;

    #[test]
    fn follows_the_pages_of_the_pdf() {
        let o = parse(r#"<deck><slide><title>Steps</title><p style="bullet">one two three</p><p style="bullet">alphabet betamax gammaray deltawing epsilonic zetajones etaetaeta theta iota kappa lambda mu nu</p></slide><slide><title>End</title></slide></deck>"#).unwrap();
        let pages = vec![
            "Steps ■ one two three ■ alphabet betamax gammaray deltawing epsilonic zetajones etaetaeta".to_string(),
            "Continued Steps theta iota kappa lambda mu nu".to_string(),
            "End 3".to_string(),
        ];
        let parts = paginate(&o.slides, &pages, &[]).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].paras.len(), 2);
        assert_eq!(parts[1].paras[0].text(), "theta iota kappa lambda mu nu");
        assert_eq!(parts[1].paras[0].style, "bullet-cont");
        assert!(paginate(&o.slides, &pages[..2], &[]).is_err());
    }

    #[test]
    fn a_piece_of_english_text_keeps_its_marks_paired() {
        use crate::marked::{CLOSE, OPEN};
        assert_eq!(balanced(&format!("{OPEN}Hold stake")), format!("{OPEN}Hold stake{CLOSE}"));
        assert_eq!(balanced(&format!("holder sessions{CLOSE}")), format!("{OPEN}holder sessions{CLOSE}"));
        assert_eq!(balanced("middle words"), "middle words");
        assert_eq!(balanced(&format!("{OPEN}whole{CLOSE}")), format!("{OPEN}whole{CLOSE}"));
    }

    #[test]
    fn marked_timeline_labels_follow_the_chart() {
        // A French deck's English activity names carry the marks of English
        // text (see `crate::marked`); the PDF shows their words only.
        use crate::marked::{CLOSE, OPEN};
        let o = parse(r#"<deck><slide kind="timeline"><title>Timeline</title></slide><slide><title>After</title></slide></deck>"#).unwrap();
        let labels: Vec<String> = ["Hold stakeholder sessions one", "Hold stakeholder sessions two"]
            .map(|l| super::super::shown(format!("{OPEN}{l}{CLOSE}")))
            .to_vec();
        let pages = vec![
            "Timeline 2025 Hold stakeholder sessions one ● Terminée".to_string(),
            "Suite Timeline Hold stakeholder sessions two".to_string(),
            "After".to_string(),
        ];
        let parts = paginate(&o.slides, &pages, &labels).unwrap();
        assert_eq!(parts[0].rows, vec![0]);
        assert_eq!(parts[1].rows, vec![1]);
    }

    #[test]
    fn timeline_rows_follow_the_chart_and_unshown_rows_are_left_out() {
        let o = parse(r#"<deck><slide kind="timeline"><title>Timeline</title></slide><slide><title>After</title></slide></deck>"#).unwrap();
        let labels: Vec<String> = ["Row one here", "Row two here", "Hidden row", "Row three here"].map(String::from).to_vec();
        let pages = vec![
            "Timeline 2025 Jan Row one here ● Completed Row two here".to_string(),
            "Continued Timeline Row three here".to_string(),
            "After".to_string(),
        ];
        let parts = paginate(&o.slides, &pages, &labels).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].rows, vec![0, 1]);
        assert_eq!(parts[1].rows, vec![3]);
    }
}
