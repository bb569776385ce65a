//! Rows counted once: a file that is a byte-for-byte copy of another
//! (`events-2025 - Copy.xlsx`) and a sheet whose rows are those of another
//! sheet are left out, with a warning naming both; rows repeated across
//! files (same date, same event, same figures) are warned about with both
//! places.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::{Bucket, Dataset, Kind, Skipped, Source};
use crate::diag::{Diagnostics, Location, Severity};

/// Leaves out copies of files and sheets (see the module docs), then warns
/// about rows repeated across files.
pub(crate) fn count_once(data: &mut Dataset, diags: &mut Diagnostics, confirmed: &[String]) {
    drop_copied_files(data, diags);
    drop_copied_sheets(data, diags);
    repeated_rows(data, diags, confirmed);
}

/// A place: file and sheet.
type Place = (String, Option<String>);

fn place_name((file, sheet): &Place) -> String {
    match sheet {
        Some(sheet) => format!("{file} › {sheet}"),
        None => file.clone(),
    }
}

/// Of places holding the same thing, the one taken as the original: the
/// shortest name (a copy's name has something added: ` - Copy`, ` (2)`),
/// then the first in reading order.
fn original<'a>(places: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    places.enumerate().min_by_key(|(i, p)| (p.chars().count(), *i)).map(|(_, p)| p)
}

/// Files with the same bytes as another are left out, but one.
fn drop_copied_files(data: &mut Dataset, diags: &mut Diagnostics) {
    let mut by_hash: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in &data.files {
        by_hash.entry(f.sha256.as_str()).or_default().push(f.file.as_str());
    }
    let mut copies: Vec<(String, String)> = Vec::new();
    for f in &data.files {
        let same = &by_hash[f.sha256.as_str()];
        if same.len() > 1
            && let Some(first) = original(same.iter().copied())
            && first != f.file
        {
            copies.push((f.file.clone(), first.to_string()));
        }
    }
    if copies.is_empty() {
        return;
    }
    // The copies' own diagnostics are the originals' again.
    diags.retain(|d| !copies.iter().any(|(copy, _)| *copy == d.location.file));
    for (copy, original) in &copies {
        diags.warning(
            Location::file(copy.as_str()),
            format!(
                "this file is a byte-for-byte copy of `{original}`; its rows are counted once, from `{original}` (delete one of the two)"
            ),
        );
    }
    let of: HashMap<&str, &str> = copies.iter().map(|(c, o)| (c.as_str(), o.as_str())).collect();
    data.files.retain(|f| !of.contains_key(f.file.as_str()));
    for sheet in &mut data.sheets {
        if let Some(original) = of.get(sheet.file.as_str()) {
            sheet.skipped = Some(Skipped::Copy { of: original.to_string() });
            sheet.rows_used = 0;
        }
    }
    retain_records(data, |file, _| !of.contains_key(file));
}

/// Keeps the records whose (file, sheet) `keep` accepts.
fn retain_records(data: &mut Dataset, keep: impl Fn(&str, Option<&str>) -> bool) {
    fn by<T>(records: &mut Vec<T>, source: impl Fn(&T) -> &Source, keep: &impl Fn(&str, Option<&str>) -> bool) {
        records.retain(|r| {
            let s = source(r);
            keep(&s.file, s.sheet.as_deref())
        });
    }
    by(&mut data.events, |r| &r.source, &keep);
    by(&mut data.distribution, |r| &r.source, &keep);
    by(&mut data.focus_groups, |r| &r.source, &keep);
    by(&mut data.stakeholders, |r| &r.source, &keep);
    by(&mut data.activities, |r| &r.source, &keep);
    by(&mut data.action_items, |r| &r.source, &keep);
    by(&mut data.meetings, |r| &r.source, &keep);
    data.surveys.retain(|s| keep(&s.file, s.sheet.as_deref()));
}

/// A sheet whose records are those of a sheet before it (the same kind, the
/// same values row for row, wherever they sit) is left out.
fn drop_copied_sheets(data: &mut Dataset, diags: &mut Diagnostics) {
    // Only sheets that share their kind and row count with another can be copies.
    let mut sizes: HashMap<(Kind, usize), usize> = HashMap::new();
    for s in data.sheets.iter().filter(|s| s.skipped.is_none() && s.rows_used > 0) {
        if let Some(kind) = s.kind {
            *sizes.entry((kind, s.rows_used)).or_default() += 1;
        }
    }
    // A sheet with errors is never taken for a copy: its bad rows may differ.
    let with_errors: HashSet<Place> = diags.of(Severity::Error).map(|d| (d.location.file.clone(), d.location.sheet.clone())).collect();
    let candidates: HashSet<Place> = data
        .sheets
        .iter()
        .filter(|s| s.skipped.is_none() && s.kind.is_some_and(|k| sizes.get(&(k, s.rows_used)).is_some_and(|n| *n > 1)))
        .filter(|s| !with_errors.contains(&(s.file.clone(), s.sheet.clone())))
        .map(|s| (s.file.clone(), s.sheet.clone()))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let prints = fingerprints(data, &candidates);
    let mut same: HashMap<(Kind, u64), Vec<String>> = HashMap::new();
    for s in &data.sheets {
        let place = (s.file.clone(), s.sheet.clone());
        if let (Some(kind), Some(print)) = (s.kind, prints.get(&place)) {
            same.entry((kind, *print)).or_default().push(place_name(&place));
        }
    }
    let mut copies: HashMap<Place, String> = HashMap::new();
    for s in &data.sheets {
        let place = (s.file.clone(), s.sheet.clone());
        let (Some(kind), Some(print)) = (s.kind, prints.get(&place)) else { continue };
        let all = &same[&(kind, *print)];
        if all.len() > 1
            && let Some(first) = original(all.iter().map(String::as_str))
            && first != place_name(&place)
        {
            copies.insert(place, first.to_string());
        }
    }
    if copies.is_empty() {
        return;
    }
    // Problems in a copy are the original's again.
    diags.retain(|d| !copies.contains_key(&(d.location.file.clone(), d.location.sheet.clone())));
    for sheet in &mut data.sheets {
        let place = (sheet.file.clone(), sheet.sheet.clone());
        if let Some(original) = copies.get(&place) {
            diags.warning(
                sheet.location(),
                format!(
                    "this sheet has the same {} rows as `{original}`; they are counted once, from `{original}` (delete one of the two)",
                    sheet.rows_used,
                ),
            );
            sheet.skipped = Some(Skipped::Copy { of: original.clone() });
            sheet.rows_used = 0;
        }
    }
    retain_records(data, |file, sheet| !copies.contains_key(&(file.to_string(), sheet.map(str::to_string))));
}

/// A hash of the records of each sheet in `places`, without where they
/// came from, in row order.
fn fingerprints(data: &Dataset, places: &HashSet<Place>) -> HashMap<Place, u64> {
    let mut hashers: HashMap<Place, std::collections::hash_map::DefaultHasher> = HashMap::new();
    fn add<T: Serialize>(
        records: &[T],
        source: impl Fn(&T) -> &Source,
        places: &HashSet<Place>,
        hashers: &mut HashMap<Place, std::collections::hash_map::DefaultHasher>,
    ) {
        for r in records {
            let s = source(r);
            let place = (s.file.to_string(), s.sheet.as_ref().map(|t| t.to_string()));
            if !places.contains(&place) {
                continue;
            }
            let mut value = serde_json::to_value(r).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.remove("source");
            }
            value.to_string().hash(hashers.entry(place).or_default());
        }
    }
    add(&data.events, |r| &r.source, places, &mut hashers);
    add(&data.distribution, |r| &r.source, places, &mut hashers);
    add(&data.focus_groups, |r| &r.source, places, &mut hashers);
    add(&data.stakeholders, |r| &r.source, places, &mut hashers);
    add(&data.activities, |r| &r.source, places, &mut hashers);
    add(&data.action_items, |r| &r.source, places, &mut hashers);
    add(&data.meetings, |r| &r.source, places, &mut hashers);
    for survey in &data.surveys {
        let place = (survey.file.clone(), survey.sheet.clone());
        if places.contains(&place) {
            let h = hashers.entry(place).or_default();
            serde_json::to_string(&survey.questions).unwrap_or_default().hash(h);
            serde_json::to_string(&survey.responses).unwrap_or_default().hash(h);
        }
    }
    hashers.into_iter().map(|(place, h)| (place, h.finish())).collect()
}

/// Counts once every row that repeats an earlier row exactly (in the same
/// sheet, or in another sheet or file): the later row is left out, its
/// ledger says which row it repeats, and a warning names both. Text is
/// compared ignoring case and spacing. A block of repeated rows is one
/// warning.
fn repeated_rows(data: &mut Dataset, diags: &mut Diagnostics, confirmed: &[String]) {
    let keep = |place: &Place, row: u32| confirmed.iter().any(|c| confirms(c, place, row));
    let mut found: Vec<Repeat> = Vec::new();
    found.extend(drop_repeats(&mut data.events, &keep));
    found.extend(drop_repeats(&mut data.distribution, &keep));
    found.extend(drop_repeats(&mut data.focus_groups, &keep));
    found.extend(drop_repeats(&mut data.stakeholders, &keep));
    found.extend(drop_repeats(&mut data.activities, &keep));
    found.extend(drop_repeats(&mut data.action_items, &keep));
    found.extend(drop_repeats(&mut data.meetings, &keep));
    found.extend(drop_repeated_responses(&mut data.surveys, &keep));
    // A confirmation that names no repeated row (the rows moved, or it was
    // mistyped) is said, so that it cannot quietly count a new repeat.
    for c in confirmed {
        let used = found.iter().any(|r| r.kept && confirms(c, &r.later.0, r.later.1));
        if !used {
            diags.warning(
                Location::file("wecoss.toml"),
                format!("`count_repeats` names `{c}`, but that is not a row that repeats another; check its row number (rows move when rows are added above them)"),
            );
        }
    }
    for r in found.iter().filter(|r| r.kept) {
        let of = if r.earlier.0 == r.later.0 {
            format!("row {}", r.earlier.1)
        } else {
            format!("`{}` row {}", place_name(&r.earlier.0), r.earlier.1)
        };
        diags.note(
            Location::in_sheet(&r.later.0.0, r.later.0.1.as_deref()).at_row(r.later.1),
            format!(
                "row {} repeats {of} exactly, and is counted: `count_repeats` in `wecoss.toml` says it is a record of its own",
                r.later.1
            ),
        );
    }
    found.retain(|r| !r.kept);
    if found.is_empty() {
        return;
    }
    // Each sheet's ledger, and one warning per block of rows repeating a
    // block of rows.
    found.sort_by(|a, b| (&a.later.0, a.later.1).cmp(&(&b.later.0, b.later.1)));
    let mut blocks: Vec<(Repeat, u32)> = Vec::new();
    for r in found {
        if let Some(sheet) = data.sheets.iter_mut().find(|s| s.file == r.later.0.0 && s.sheet == r.later.0.1) {
            let place = (r.earlier.0 != r.later.0).then(|| place_name(&r.earlier.0));
            sheet.ledger.set(r.later.1, Bucket::Repeat { place, row: r.earlier.1 });
            sheet.rows_used = sheet.rows_used.saturating_sub(1);
        }
        match blocks.last_mut() {
            Some((first, len))
                if first.later.0 == r.later.0
                    && first.earlier.0 == r.earlier.0
                    && first.later.1 + *len == r.later.1
                    && first.earlier.1 + *len == r.earlier.1 =>
            {
                *len += 1
            }
            _ => blocks.push((r, 1)),
        }
    }
    // Per pair of sheets, the first blocks are named; the rows of the
    // others are counted.
    let mut named: HashMap<(Place, Place), (usize, usize)> = HashMap::new();
    for (r, len) in blocks {
        let (blocks, unnamed) = named.entry((r.later.0.clone(), r.earlier.0.clone())).or_default();
        *blocks += 1;
        if *blocks > REPEATS_NAMED {
            *unnamed += len as usize;
            continue;
        }
        let rows = |first: u32| if len == 1 { format!("row {first}") } else { format!("rows {first}–{}", first + len - 1) };
        let of = if r.earlier.0 == r.later.0 { rows(r.earlier.1) } else { format!("`{}` {}", place_name(&r.earlier.0), rows(r.earlier.1)) };
        let (verb, they, fix) = if len == 1 {
            ("repeats", "it is", "if it is a record of its own, make it differ (a note, a time), else delete it")
        } else {
            ("repeat", "they are", "if they are records of their own, make them differ (a note, a time), else delete them")
        };
        diags.warning(
            Location::in_sheet(&r.later.0.0, r.later.0.1.as_deref()).at_row(r.later.1),
            format!("{} {verb} {of} exactly, so {they} counted once; {fix}", rows(r.later.1)),
        );
    }
    let mut more: Vec<((Place, Place), usize)> = named.into_iter().filter(|(_, (_, n))| *n > 0).map(|(k, (_, n))| (k, n)).collect();
    more.sort();
    for ((later, earlier), n) in more {
        let of = if later == earlier { "rows above them".to_string() } else { format!("rows of `{}`", place_name(&earlier)) };
        diags.warning(
            Location::in_sheet(&later.0, later.1.as_deref()),
            format!("{n} more rows here repeat {of} exactly; each is counted once, and the sheet's ledger in `check` lists them"),
        );
    }
}

/// At most this many repeated rows are named, block by block, per pair of
/// sheets; the rest are counted in one more warning.
const REPEATS_NAMED: usize = 20;

/// A row left out as a repeat: (place, row) of the later row and of the
/// earlier one it repeats.
struct Repeat {
    later: (Place, u32),
    earlier: (Place, u32),
    /// Counted all the same, as `wecoss.toml` confirms.
    kept: bool,
}

/// Whether the confirmation `c` (`file › sheet › row N` or `rows N–M`, as a
/// warning names it, with or without the inputs folder) names `row` of `place`.
fn confirms(c: &str, place: &Place, row: u32) -> bool {
    let c = c.trim().replace(" > ", " › ");
    let Some((at, rows)) = c.rsplit_once(" › ") else { return false };
    let range = rows.trim().strip_prefix("rows ").or_else(|| rows.trim().strip_prefix("row ")).and_then(|r| {
        let mut ends = r.split(['–', '-']).map(|n| n.trim().parse::<u32>().ok());
        let first = ends.next()??;
        let last = ends.next().map_or(Some(first), |n| n)?;
        Some(first..=last)
    });
    let named = place_name(place);
    range.is_some_and(|r| r.contains(&row)) && (named == at || named.ends_with(&format!("/{at}")) || named.ends_with(&format!("\\{at}")))
}

/// One field of a record, as compared for repeats.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field<'a> {
    Text(Option<&'a str>),
    Count(Option<u64>),
    Date(Option<chrono::NaiveDate>),
    Time(Option<chrono::NaiveTime>),
    Flag(Option<bool>),
    Other(u64),
}

impl Field<'_> {
    fn hash(&self, h: &mut impl Hasher) {
        match self {
            Field::Text(t) => hash_text(*t, h),
            Field::Count(n) => n.hash(h),
            Field::Date(d) => d.hash(h),
            Field::Time(t) => t.hash(h),
            Field::Flag(b) => b.hash(h),
            Field::Other(n) => n.hash(h),
        }
    }

    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Field::Text(a), Field::Text(b)) => same_text(*a, *b),
            (a, b) => a == b,
        }
    }
}

/// A record compared with the others for repeats: every field but where it
/// came from.
trait Repeatable {
    fn source(&self) -> &Source;
    fn fields(&self) -> Vec<Field<'_>>;
}

/// Hashes text ignoring case and spacing, without allocating: the bytes
/// (UTF-8) of its lowercase words, each followed by a space, then `0xff`
/// (never in UTF-8), fed to the hasher a buffer at a time. Texts that
/// [`same_text`] calls equal give the same bytes, so the same hash.
fn hash_text(text: Option<&str>, h: &mut impl Hasher) {
    /// Bytes gathered before they go to the hasher (one call per buffer
    /// rather than one per character).
    struct Buffer<'h, H: Hasher> {
        bytes: [u8; 64],
        len: usize,
        h: &'h mut H,
    }
    impl<H: Hasher> Buffer<'_, H> {
        fn push(&mut self, b: &[u8]) {
            if self.len + b.len() > self.bytes.len() {
                self.h.write(&self.bytes[..self.len]);
                self.len = 0;
            }
            self.bytes[self.len..self.len + b.len()].copy_from_slice(b);
            self.len += b.len();
        }
    }
    let mut buf = Buffer { bytes: [0; 64], len: 0, h };
    if let Some(text) = text {
        for word in text.split_whitespace() {
            if word.is_ascii() {
                for b in word.bytes() {
                    buf.push(&[b.to_ascii_lowercase()]);
                }
            } else {
                for c in word.chars().flat_map(char::to_lowercase) {
                    buf.push(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
            }
            buf.push(b" ");
        }
    }
    buf.push(&[0xff]);
    buf.h.write(&buf.bytes[..buf.len]);
}

/// Hashes a response's answers so that equal answers hash alike (a number
/// by its bits: `0.0` and `-0.0` apart, as their printed forms were).
fn hash_answers(answers: &[Option<super::Answer>], h: &mut impl Hasher) {
    use super::Answer;
    h.write_usize(answers.len());
    for answer in answers {
        match answer {
            None => h.write_u8(0),
            Some(Answer::One(t)) => {
                h.write_u8(1);
                t.as_str().hash(h);
            }
            Some(Answer::Many(ts)) => {
                h.write_u8(2);
                h.write_usize(ts.len());
                for t in ts.iter() {
                    t.as_str().hash(h);
                }
            }
            Some(Answer::Number(n)) => {
                h.write_u8(3);
                h.write_u64(n.to_bits());
            }
            Some(Answer::Text) => h.write_u8(4),
        }
    }
}

fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    fn words(t: &str) -> impl Iterator<Item = char> + '_ {
        t.split_whitespace().flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']))
    }
    match (a, b) {
        (Some(a), Some(b)) => words(a).eq(words(b)),
        (a, b) => a.is_none() && b.is_none(),
    }
}

impl Repeatable for super::Event {
    fn source(&self) -> &Source {
        &self.source
    }
    fn fields(&self) -> Vec<Field<'_>> {
        use Field::*;
        vec![
            Date(Some(self.date)),
            Text(Some(&self.name)),
            Text(self.municipality.as_deref()),
            Text(self.neighbourhood.as_deref()),
            Text(self.location.as_deref()),
            Text(self.event_type.as_deref()),
            Count(self.residents_reached),
            Count(self.plans_distributed),
            Count(self.feedback_responses),
            Count(self.felt_more_confident),
            Text(self.project.as_deref()),
        ]
    }
}

impl Repeatable for super::Distribution {
    fn source(&self) -> &Source {
        &self.source
    }
    fn fields(&self) -> Vec<Field<'_>> {
        use Field::*;
        let mut f = vec![Date(Some(self.date)), Count(Some(self.quantity))];
        f.extend(
            [&self.plan, &self.municipality, &self.channel, &self.event, &self.organization, &self.project].map(|t| Text(t.as_deref())),
        );
        f
    }
}

impl Repeatable for super::FocusGroup {
    fn source(&self) -> &Source {
        &self.source
    }
    fn fields(&self) -> Vec<Field<'_>> {
        use Field::*;
        let mut f = vec![Date(Some(self.date)), Text(Some(&self.group)), Text(self.municipality.as_deref()), Count(self.participants)];
        f.extend(self.themes.iter().map(|t| Text(Some(t))));
        f
    }
}

impl Repeatable for super::Stakeholder {
    fn source(&self) -> &Source {
        &self.source
    }
    fn fields(&self) -> Vec<Field<'_>> {
        use Field::*;
        vec![
            Text(Some(&self.organization)),
            Text(self.sector.as_deref()),
            Text(self.municipality.as_deref()),
            Flag(self.contacted),
            Flag(self.participated),
        ]
    }
}

impl Repeatable for super::Activity {
    fn source(&self) -> &Source {
        &self.source
    }
    fn fields(&self) -> Vec<Field<'_>> {
        use Field::*;
        vec![
            Text(Some(&self.activity)),
            Other(self.status as u64),
            Text(self.project.as_deref()),
            Text(self.pillar.as_deref()),
            Date(self.start),
            Date(self.due),
            Text(self.owner.as_deref()),
        ]
    }
}

impl Repeatable for super::ActionItem {
    fn source(&self) -> &Source {
        &self.source
    }
    fn fields(&self) -> Vec<Field<'_>> {
        use Field::*;
        vec![Text(Some(&self.text)), Date(self.meeting), Text(self.audience.as_deref())]
    }
}

impl Repeatable for super::Meeting {
    fn source(&self) -> &Source {
        &self.source
    }
    fn fields(&self) -> Vec<Field<'_>> {
        use Field::*;
        vec![
            Date(Some(self.date)),
            Text(Some(&self.group)),
            Time(self.start),
            Time(self.end),
            Text(self.location.as_deref()),
            Text(self.title.as_deref()),
        ]
    }
}

fn place_of(s: &Source) -> Place {
    (s.file.to_string(), s.sheet.as_ref().map(|t| t.to_string()))
}

/// Leaves out every record that repeats an earlier one (in reading order)
/// exactly. Records are sorted by a hash of their fields (12 bytes each),
/// so many rows cost little; equal hashes are compared in full.
fn drop_repeats<T: Repeatable>(records: &mut Vec<T>, keep: &dyn Fn(&Place, u32) -> bool) -> Vec<Repeat> {
    let mut keys: Vec<(u64, u32)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for f in r.fields() {
                f.hash(&mut h);
            }
            (h.finish(), i as u32)
        })
        .collect();
    keys.sort_unstable();
    let mut later_of: HashMap<u32, u32> = HashMap::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        // Each record against the distinct ones before it in the run.
        let mut firsts: Vec<u32> = Vec::new();
        for &(_, i) in run {
            let fields = records[i as usize].fields();
            let same = firsts.iter().copied().find(|&j| {
                let other = records[j as usize].fields();
                other.len() == fields.len() && other.iter().zip(&fields).all(|(a, b)| a.same(b))
            });
            match same {
                Some(j) => drop(later_of.insert(i, j)),
                None => firsts.push(i),
            }
        }
    }
    if later_of.is_empty() {
        return Vec::new();
    }
    let found: Vec<Repeat> = later_of
        .iter()
        .map(|(&later, &earlier)| {
            let (l, e) = (records[later as usize].source(), records[earlier as usize].source());
            let place = place_of(l);
            let kept = keep(&place, l.row);
            Repeat { later: (place, l.row), earlier: (place_of(e), e.row), kept }
        })
        .collect();
    later_of.retain(|&later, _| {
        let l = records[later as usize].source();
        !keep(&place_of(l), l.row)
    });
    let mut i = 0u32;
    records.retain(|_| {
        i += 1;
        !later_of.contains_key(&(i - 1))
    });
    found
}

/// Leaves out every survey response that repeats an earlier one exactly
/// (the same submission time and answers), in the same export or in one
/// with the same questions.
fn drop_repeated_responses(surveys: &mut [super::Survey], keep: &dyn Fn(&Place, u32) -> bool) -> Vec<Repeat> {
    let mut found = Vec::new();
    // By the questions asked: exports of one form.
    let mut seen: HashMap<String, HashMap<u64, Vec<(usize, usize)>>> = HashMap::new();
    let mut dropped: Vec<HashSet<usize>> = vec![HashSet::new(); surveys.len()];
    let same = |a: &super::Response, b: &super::Response| {
        a.submitted == b.submitted
            && same_text(a.municipality.as_deref(), b.municipality.as_deref())
            && same_text(a.role.as_deref(), b.role.as_deref())
            && a.answers == b.answers
    };
    for s in 0..surveys.len() {
        let form = surveys[s].questions.iter().map(|q| q.text.as_str()).collect::<Vec<_>>().join("\u{1f}");
        let by_hash = seen.entry(form).or_default();
        for r in 0..surveys[s].responses.len() {
            let response = &surveys[s].responses[r];
            let mut h = std::collections::hash_map::DefaultHasher::new();
            response.submitted.hash(&mut h);
            hash_text(response.municipality.as_deref(), &mut h);
            hash_text(response.role.as_deref(), &mut h);
            hash_answers(&response.answers, &mut h);
            let bucket = by_hash.entry(h.finish()).or_default();
            match bucket.iter().find(|&&(s2, r2)| same(&surveys[s2].responses[r2], response)) {
                Some(&(s2, r2)) => {
                    let (e, l) = (&surveys[s2], &surveys[s]);
                    let place = (l.file.clone(), l.sheet.clone());
                    let kept = keep(&place, response.row);
                    found.push(Repeat {
                        later: (place, response.row),
                        earlier: ((e.file.clone(), e.sheet.clone()), e.responses[r2].row),
                        kept,
                    });
                    if !kept {
                        dropped[s].insert(r);
                    }
                }
                None => bucket.push((s, r)),
            }
        }
    }
    for (survey, dropped) in surveys.iter_mut().zip(dropped) {
        let mut i = 0;
        survey.responses.retain(|_| {
            i += 1;
            !dropped.contains(&(i - 1))
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashed(text: Option<&str>) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        hash_text(text, &mut h);
        h.finish()
    }

    #[test]
    fn texts_the_same_but_for_case_and_spacing_hash_alike() {
        let long = "word ".repeat(40);
        for (a, b) in [
            ("Summer BBQ", " summer   bbq "),
            ("\u{212a}ingsville", "kingsville"),
            ("SAINTE-THÉRÈSE", "sainte-thérèse"),
            (long.as_str(), long.to_uppercase().as_str()),
        ] {
            assert!(same_text(Some(a), Some(b)), "{a:?} {b:?}");
            assert_eq!(hashed(Some(a)), hashed(Some(b)), "{a:?} {b:?}");
        }
        assert_ne!(hashed(Some("Lakeshore")), hashed(Some("Lake Shore")));
    }
}
