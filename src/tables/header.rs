//! Finding a sheet's header row in its first rows and deciding which table
//! kind the sheet is: by its headers, with a `did you mean` for a near miss
//! and a located error for a sheet meant as a table whose required columns
//! are missing.

use super::*;

/// The header row and column mapping found for a sheet.
pub(crate) struct Header {
    /// Position in `sheet.rows` of the header row.
    pub pos: usize,
    /// The kind.
    pub kind: Kind,
    /// For each column of the kind, its position in a row.
    pub columns: Vec<Option<usize>>,
    /// Headers not matched, with their positions.
    pub unmatched: Vec<(usize, String)>,
    /// For each column of the kind, the position of its French text, a
    /// header with a French suffix (`Activity (FR)`, see
    /// [`kinds::language_suffix`]).
    pub french: Vec<Option<usize>>,
    /// Columns of the kind that two headers without a French suffix both
    /// name: the column, the position read and the other one (an error:
    /// the tool never picks one quietly).
    pub duplicates: Vec<(usize, usize, usize)>,
}

/// Why a sheet was not read as a table.
#[derive(Debug, Clone)]
pub(crate) struct NotATable {
    /// Why, as the warning (or error) says it.
    pub message: String,
    /// The kind the sheet is clearly meant as, and why that is thought: then
    /// the sheet is an error, not a skipped sheet (a header typo must not
    /// quietly drop a table).
    pub meant: Option<(Kind, String)>,
    /// For each kind the sheet comes close to (a column matched, or a header
    /// close to a required one), what it lacks: for the check against the
    /// last build ([`apply_last_build`]).
    pub lacks: Vec<(Kind, String)>,
}

/// Finds the header row and kind of a sheet, or explains why none fits.
pub(super) fn detect(sheet: &RawSheet) -> Result<Header, NotATable> {
    // Per kind, its best near miss: (required matched, matched, non-empty
    // cells of that row).
    let mut near: [Option<(usize, usize, usize)>; Kind::ALL.len()] = [None; Kind::ALL.len()];
    for (pos, row) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        // A header with a French suffix is the French text of a column, not
        // the column (except in a survey, where every column is a question).
        let marked: Vec<(String, Option<crate::locale::Lang>)> = row
            .cells
            .iter()
            .map(|c| {
                let text = c.display();
                match kinds::language_suffix(&text) {
                    Some((base, lang)) => (normalize(base), Some(lang)),
                    None => (normalize(&text), None),
                }
            })
            .collect();
        let is_french = |i: usize| marked[i].1 == Some(crate::locale::Lang::Fr);
        let headers: Vec<String> =
            marked.iter().map(|(h, l)| if *l == Some(crate::locale::Lang::Fr) { String::new() } else { h.clone() }).collect();
        let nonempty = headers.iter().filter(|h| !h.is_empty()).count();
        let mut candidates = Vec::new();
        for (k, kind) in Kind::ALL.into_iter().enumerate() {
            let mut columns = vec![None; kind.columns().len()];
            for (i, h) in headers.iter().enumerate() {
                if let Some(col) = kinds::match_column(kind, h) {
                    columns[col].get_or_insert(i);
                }
            }
            // Survey: `submitted` also accepts its aliases, the first present
            // in the order of `kinds::SUBMITTED` winning.
            if kind == Kind::Survey {
                columns[0] = kinds::SUBMITTED.iter().find_map(|name| headers.iter().position(|h| h == name));
            }
            let required = kind.columns().iter().zip(&columns).filter(|(c, m)| c.required && m.is_some()).count();
            let all_required = kind.columns().iter().filter(|c| c.required).count();
            let matched = columns.iter().filter(|m| m.is_some()).count();
            if required == all_required {
                candidates.push((matched, kind, columns));
            } else if matched > 0 && near[k].is_none_or(|(r, m, _)| (required, matched) > (r, m)) {
                near[k] = Some((required, matched, nonempty));
            }
        }
        if candidates.is_empty() {
            continue;
        }
        let best = candidates.iter().map(|c| c.0).max().unwrap_or(0);
        candidates.retain(|c| c.0 == best);
        if candidates.len() > 1 {
            let names = normalize(&sheet.names());
            let hinted: Vec<_> = candidates.iter().filter(|(_, kind, _)| kind.name_hints().iter().any(|h| names.contains(h))).collect();
            if hinted.len() != 1 {
                let kinds: Vec<String> = candidates.iter().map(|c| format!("`{}`", c.1.name())).collect();
                return Err(NotATable {
                    message: format!(
                        "skipped: its header (row {}) fits {} equally; put the kind in the sheet name, e.g. `{}`",
                        row.index + 1,
                        kinds.join(" and "),
                        candidates[0].1.name()
                    ),
                    meant: None,
                    lacks: Vec::new(),
                });
            }
            let kind = hinted[0].1;
            candidates.retain(|c| c.1 == kind);
        }
        let (_, kind, columns) = candidates.swap_remove(0);
        // A sheet whose name says it is another kind, and whose header has
        // a near miss of that kind's required column (`Quantty` on a sheet
        // named `Distribution`), is that kind with a typo, not this one.
        if name_says(sheet, kind).is_none() {
            for other in Kind::ALL.into_iter().filter(|&k| k != kind) {
                let Some(whose) = name_says(sheet, other) else { continue };
                let (missing, hints) = missing_columns(sheet, other);
                if hints.is_empty() {
                    continue;
                }
                let lack = format!("has no column {} in its first {HEADER_SEARCH_ROWS} rows{hints}", missing.join(" or "));
                let why = format!("its {whose} name says so");
                return Err(NotATable {
                    message: format!("not read: this sheet is meant as `{}` ({why}) but {lack}{}", other.name(), rename_hint(&lack)),
                    meant: Some((other, why)),
                    lacks: vec![(other, lack)],
                });
            }
        }
        let mut french = vec![None; kind.columns().len()];
        let mut duplicates = Vec::new();
        if kind != Kind::Survey {
            for (i, h) in headers.iter().enumerate() {
                if let Some(col) = kinds::match_column(kind, h)
                    && let Some(first) = columns[col]
                    && first != i
                {
                    duplicates.push((col, first, i));
                }
            }
            for (i, (base, _)) in marked.iter().enumerate().filter(|(i, _)| is_french(*i)) {
                if let Some(col) = kinds::match_column(kind, base)
                    && french[col].is_none()
                {
                    french[col] = Some(i);
                }
            }
        }
        let unmatched = marked
            .iter()
            .enumerate()
            .filter(|(i, (h, _))| !h.is_empty() && !columns.contains(&Some(*i)) && !french.contains(&Some(*i)))
            .filter(|(i, _)| !duplicates.iter().any(|d| d.2 == *i))
            .map(|(i, _)| (i, row.cells[i].display()))
            .collect();
        return Ok(Header { pos, kind, columns, unmatched, french, duplicates });
    }
    // No header: for each kind it comes close to, what is missing.
    let mut lacks = Vec::new();
    let mut meant: Option<(usize, usize, Kind, String)> = None;
    let mut closest: Option<(usize, usize, Kind)> = None;
    for (k, kind) in Kind::ALL.into_iter().enumerate() {
        let named = name_says(sheet, kind);
        if near[k].is_none() && named.is_none() {
            continue;
        }
        let (missing, hints) = missing_columns(sheet, kind);
        let (required, matched, nonempty) = near[k].unwrap_or((0, 0, 0));
        if near[k].is_none() && hints.is_empty() {
            continue;
        }
        lacks.push((kind, format!("has no column {} in its first {HEADER_SEARCH_ROWS} rows{hints}", missing.join(" or "))));
        if near[k].is_some() && closest.is_none_or(|(r, m, _)| (required, matched) > (r, m)) {
            closest = Some((required, matched, kind));
        }
        // Clearly meant as this kind: its name says so and it has more than
        // a stray match, or most of its headers (four at least) are this
        // kind's columns.
        let columns_say = matched >= 4 && 2 * matched > nonempty;
        let why = if let Some(whose) = named.filter(|_| matched >= 2 || !hints.is_empty()) {
            Some(format!("its {whose} name says so"))
        } else {
            columns_say.then(|| format!("{matched} of its {nonempty} headers are `{}` columns", kind.name()))
        };
        if let Some(why) = why
            && meant.as_ref().is_none_or(|(r, m, _, _)| (required, matched) > (*r, *m))
        {
            meant = Some((required, matched, kind, why));
        }
    }
    if let Some((_, _, kind, why)) = meant {
        let lack = &lacks.iter().find(|(k, _)| *k == kind).expect("a kind meant lacks something").1;
        return Err(NotATable {
            message: format!("not read: this sheet is meant as `{}` ({why}) but {lack}{}", kind.name(), rename_hint(lack)),
            meant: Some((kind, why)),
            lacks,
        });
    }
    let message = match closest {
        Some((_, _, kind)) => {
            let lack = &lacks.iter().find(|(k, _)| *k == kind).expect("the closest kind lacks something").1;
            format!("skipped: it looks like `{}` but {lack}", kind.name())
        }
        None => format!("skipped: no row in its first {HEADER_SEARCH_ROWS} rows is a header of a known table kind"),
    };
    Err(NotATable { message, meant: None, lacks })
}

/// What to do about a missing column, unless a `did you mean` already says.
pub(super) fn rename_hint(lack: &str) -> &'static str {
    if lack.ends_with('?') { "" } else { "; add that column, or fix its header, so the table is counted" }
}

/// The required columns of `kind` found in no header cell of the sheet's
/// first rows, each as `` `name` (or `alias`, …) ``, and the `did you mean`
/// hints of header cells close to one of them.
pub(super) fn missing_columns(sheet: &RawSheet, kind: Kind) -> (Vec<String>, String) {
    let mut hints = String::new();
    let missing = kind
        .columns()
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            c.required
                && !sheet
                    .rows
                    .iter()
                    .take(HEADER_SEARCH_ROWS)
                    .any(|row| row.cells.iter().any(|cell| kinds::match_column(kind, &normalize(&cell.display())) == Some(*i)))
        })
        .map(|(_, c)| {
            if let Some((header, name)) = near_miss_header(sheet, kind, c) {
                hints.push_str(&format!("; the header `{header}` is close: did you mean `{name}`?"));
            }
            if c.aliases.is_empty() {
                format!("`{}`", c.name)
            } else {
                format!("`{}` (or {})", c.name, c.aliases.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", "))
            }
        })
        .collect();
    (missing, hints)
}

/// Whether the sheet's name says it is `kind` (`Events`, `Meetings 2025`):
/// `Some("sheet")` or, for a CSV or a sheet with a default name such as
/// `Sheet1`, `Some("file")` when the file name says so.
pub(super) fn name_says(sheet: &RawSheet, kind: Kind) -> Option<&'static str> {
    let says = |name: &str| {
        let name = format!(" {}", normalize(name));
        kind.name_hints().iter().any(|h| name.contains(&format!(" {h}")))
    };
    let default_name = |name: &str| {
        let n = normalize(name);
        let word = n.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        matches!(word, "sheet" | "feuil" | "tabelle" | "hoja" | "foglio" | "blad" | "table")
    };
    match sheet.sheet.as_deref() {
        Some(name) if says(name) => Some("sheet"),
        Some(name) if !default_name(name) => None,
        _ => {
            let file = Path::new(&sheet.file).file_stem().and_then(|s| s.to_str()).unwrap_or("");
            says(file).then_some("file")
        }
    }
}

/// The ignored headers of a table other than a survey (whose other columns
/// are questions), each with the nearest accepted name of a column the
/// sheet does not have yet; `cell` locates a position in the header row.
pub(super) fn unrecognised(header: &Header, cell: impl Fn(usize) -> Location) -> Vec<Unrecognised> {
    if header.kind == Kind::Survey {
        return Vec::new();
    }
    header
        .unmatched
        .iter()
        .map(|(pos, text)| Unrecognised {
            header: text.clone(),
            cell: cell(*pos).cell.unwrap_or_default(),
            nearest: nearest_name(header, text),
        })
        .collect()
}

/// The accepted name (a column's name or alias) nearest to `text`, among
/// the columns `header` has not matched: within half the longer one's
/// length in edits, or sharing a word of four letters or more with it.
pub(super) fn nearest_name(header: &Header, text: &str) -> Option<&'static str> {
    let word = normalize(text);
    let length = word.chars().count();
    if length == 0 || length > 60 {
        return None;
    }
    let words: Vec<&str> = word.split(' ').filter(|w| w.len() >= 4).collect();
    let mut best: Option<(usize, &'static str)> = None;
    for (column, found) in header.kind.columns().iter().zip(&header.columns) {
        if found.is_some() {
            continue;
        }
        for name in std::iter::once(column.name).chain(column.aliases.iter().copied()) {
            let accepted = normalize(name);
            let distance = crate::diag::edit_distance(&word, &accepted);
            let shares = accepted.split(' ').any(|w| words.contains(&w));
            let close = distance <= length.max(accepted.chars().count()) / 2 || shares;
            if close && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, name));
            }
        }
    }
    best.map(|(_, name)| name)
}

/// The column an ignored header of a table (not a survey) is a misspelling
/// or a variant of, among the columns the table lacks: within a third of
/// its length in edits of an accepted name (`Feedback Responces`), or
/// holding every word of one and more (`Felt more confident after?`), or a
/// part of one that is a word of four letters or more (`Residents`). Its
/// figures would not be counted, so such a header is an error.
pub(super) fn misspelt(header: &Header, text: &str) -> Option<&'static str> {
    if header.kind == Kind::Survey {
        return None;
    }
    let word = normalize(text);
    if word.is_empty() || word.chars().count() > 60 {
        return None;
    }
    let words: Vec<&str> = word.split(' ').collect();
    for (column, found) in header.kind.columns().iter().zip(&header.columns) {
        if found.is_some() {
            continue;
        }
        let names = || std::iter::once(column.name).chain(column.aliases.iter().copied());
        if crate::diag::did_you_mean(&word, names()).is_some() {
            return Some(column.name);
        }
        for name in names() {
            let accepted = normalize(name);
            let parts: Vec<&str> = accepted.split(' ').collect();
            let holds_all = parts.len() >= 2 && parts.iter().all(|p| words.contains(p));
            let part_of = words.iter().all(|w| w.len() >= 4 && parts.contains(w)) && words.len() < parts.len();
            if holds_all || part_of {
                return Some(column.name);
            }
        }
    }
    None
}

/// A header cell in the first rows of `sheet` that matches no column of
/// `kind` but is a near miss of `column`'s name or an alias (a typo such as
/// `Evnt Name`): the cell as typed, and the name it is close to.
pub(super) fn near_miss_header(sheet: &RawSheet, kind: Kind, column: &kinds::Column) -> Option<(String, &'static str)> {
    let names = || std::iter::once(column.name).chain(column.aliases.iter().copied());
    sheet.rows.iter().take(HEADER_SEARCH_ROWS).flat_map(|row| &row.cells).find_map(|cell| {
        let text = cell.display();
        let word = normalize(&text);
        if word.len() < 3 || word.len() > 40 || kinds::match_column(kind, &word).is_some() {
            return None;
        }
        crate::diag::did_you_mean(&word, names()).map(|name| (text.trim().to_string(), name))
    })
}

/// Whether a row is a totals row: its first non-empty cell says `total`,
/// `totals`, `grand total` or `sum`, and it has no valid date.
pub(super) fn is_totals_row(row: &RawRow, date_pos: Option<usize>, orders: &[ColumnDates], date_col: Option<usize>) -> bool {
    let Some(first) = row.cells.iter().find(|c| !c.is_empty()) else { return false };
    // Only text can say `total` (a date or number row is the common case).
    if !matches!(first, Cell::Text(_)) {
        return false;
    }
    let word = normalize(&first.display());
    if !matches!(word.as_str(), "total" | "totals" | "grand total" | "sum" | "subtotal" | "sub total" | "sous total" | "total general") {
        return false;
    }
    let has_date = match (date_pos, date_col) {
        (Some(pos), Some(col)) => row.cells.get(pos).is_some_and(|c| orders[col].read(c).is_ok()),
        _ => false,
    };
    !has_date
}
