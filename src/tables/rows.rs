//! One data row read into a typed record: each required cell parsed, each
//! bad cell a located `found …, expected …` error.

use super::*;

/// Reads one data row's cells into typed values, recording bad cells.
pub(super) struct RowReader<'a> {
    pub(super) sheet: &'a sheet::SheetMeta,
    /// The header row.
    pub(super) head: &'a RawRow,
    pub(super) row: &'a RawRow,
    pub(super) header: &'a Header,
    pub(super) orders: &'a [ColumnDates],
    pub(super) diags: &'a mut Diagnostics,
    /// Shared texts, for the fields of the many-rowed tables.
    pub(super) texts: &'a mut Texts,
    pub(super) ok: bool,
}

impl<'a> RowReader<'a> {
    fn col(&self, name: &str) -> (usize, Option<usize>) {
        let col = self.header.kind.columns().iter().position(|c| c.name == name).expect("known column");
        (col, self.header.columns[col])
    }

    fn cell(&self, name: &str) -> (Option<usize>, &'a Cell) {
        let (_, pos) = self.col(name);
        let row: &'a RawRow = self.row;
        (pos, pos.and_then(|p| row.cells.get(p)).unwrap_or(&Cell::Empty))
    }

    fn fail(&mut self, pos: usize, cell: &Cell, expected: &str) {
        self.ok = false;
        let found = values::found(cell);
        self.diags.error(self.sheet.cell_location(self.row.index, pos), format!("found {found}, expected {expected}"));
    }

    /// Parses an optional cell with `parse`; empty is `None`.
    fn parsed<T>(&mut self, name: &str, parse: impl Fn(&Cell) -> Result<T, &'static str>) -> Option<T> {
        let (pos, cell) = self.cell(name);
        let pos = pos?;
        if cell.is_empty() {
            return None;
        }
        match parse(cell) {
            Ok(v) => Some(v),
            Err(expected) => {
                self.fail(pos, cell, expected);
                None
            }
        }
    }

    /// Like [`Self::parsed`], but an empty cell is an error too.
    fn required<T>(&mut self, name: &str, what: &str, parse: impl Fn(&Cell) -> Result<T, &'static str>) -> Option<T> {
        let (pos, cell) = self.cell(name);
        if cell.is_empty() {
            if let Some(pos) = pos {
                self.fail(pos, &Cell::Empty, what);
            }
            return None;
        }
        self.parsed(name, parse)
    }

    fn text(&mut self, name: &str) -> Option<String> {
        let text = self.parsed(name, |c| match c {
            Cell::Error(_) => Err("text"),
            other => Ok(other.display()),
        })?;
        Some(self.shown(name, text))
    }

    fn required_text(&mut self, name: &str, what: &str) -> Option<String> {
        let text = self.required(name, what, |c| match c {
            Cell::Error(_) => Err("text"),
            other => Ok(other.display()),
        })?;
        Some(self.shown(name, text))
    }

    /// [`Self::required_text`] as a shared value: the cell's own when it
    /// prints as it is.
    fn required_shared_text(&mut self, name: &str, what: &str) -> Option<Text> {
        match self.cell(name) {
            (Some(_), Cell::Text(t)) if crate::glyphs::replace(t).is_none() => {
                let t = t.clone();
                Some(self.own_text(name, t))
            }
            _ => self.required_text(name, what).map(|t| self.texts.take(t)),
        }
    }

    /// A cell's own text, shared, when it may print; else the marker of a
    /// withheld cell (see [`Self::withheld`]). Each distinct text is judged
    /// once.
    fn own_text(&mut self, name: &str, t: Text) -> Text {
        let purpose = staff_text::purpose(self.header.kind, name);
        let found = self.texts.verdict(&t, purpose as u8, |t| staff_text::personal_detail(t, purpose));
        match found.map(|found| self.withhold(name, found, purpose)) {
            Some(marker) => self.texts.get(marker),
            None => t,
        }
    }

    /// [`Self::text`] as a shared value: for the tables with many rows.
    fn shared_text(&mut self, name: &str) -> Option<Text> {
        let (pos, cell) = self.cell(name);
        match cell {
            // Printable as it is (no warning to give): the cell's own value.
            Cell::Text(t) if crate::glyphs::replace(t).is_none() => {
                pos?;
                let t = t.clone();
                Some(self.own_text(name, t))
            }
            _ => self.text(name).map(|t| self.texts.take(t)),
        }
    }

    /// The text of a cell as it will print: characters no font can show are
    /// replaced, with a warning naming the cell (see [`crate::glyphs`]).
    fn shown(&mut self, name: &str, text: String) -> String {
        let (pos, _) = self.cell(name);
        let (sheet, row) = (self.sheet, self.row.index);
        let text = crate::glyphs::checked(text, || sheet.cell_location(row, pos.unwrap_or(0)), self.diags);
        match self.withheld(name, &text) {
            Some(marker) => marker.to_string(),
            None => text,
        }
    }

    /// [`staff_text::WITHHELD`] when the text typed in the column `name`
    /// may not print (see [`staff_text`]), with a warning naming the cell
    /// and the kind of detail found, never the value.
    fn withheld(&mut self, name: &str, text: &str) -> Option<&'static str> {
        let purpose = staff_text::purpose(self.header.kind, name);
        let found = staff_text::personal_detail(text, purpose)?;
        Some(self.withhold(name, found, purpose))
    }

    /// Warns that the cell of the column `name` holds `found` (never its
    /// value); returns what it holds instead.
    fn withhold(&mut self, name: &str, found: &str, purpose: staff_text::Purpose) -> &'static str {
        let (pos, _) = self.cell(name);
        self.diags.warning(self.sheet.cell_location(self.row.index, pos.unwrap_or(0)), staff_text::message(found, purpose));
        staff_text::WITHHELD
    }

    fn date_with(&mut self, name: &str, what: Option<&str>) -> Option<NaiveDate> {
        let (col, pos) = self.col(name);
        let dates = self.orders[col];
        let cell = pos.and_then(|p| self.row.cells.get(p)).unwrap_or(&Cell::Empty);
        // An ambiguous value in an ambiguous column was reported once already.
        if dates.ambiguous
            && let Cell::Text(t) = cell
            && values::parse_text_date(t).is_some_and(|d: TextDate| !d.is_unambiguous())
        {
            self.ok = false;
            return None;
        }
        let read = |c: &Cell| dates.read(c).map(|dt| dt.date());
        match what {
            Some(what) => self.required(name, what, read),
            None => self.parsed(name, read),
        }
    }

    fn date(&mut self, name: &str) -> Option<NaiveDate> {
        self.date_with(name, None)
    }

    fn required_date(&mut self, name: &str) -> Option<NaiveDate> {
        self.date_with(name, Some("a date"))
    }

    fn count(&mut self, name: &str) -> Option<u64> {
        self.parsed(name, values::parse_count)
    }

    fn yes_no(&mut self, name: &str) -> Option<bool> {
        self.parsed(name, values::parse_yes_no).flatten()
    }

    fn source(&self) -> Source {
        Source { file: self.sheet.file_text.clone(), sheet: self.sheet.sheet_text.clone(), row: self.row.index + 1 }
    }

    /// Returns the record only if every cell of the row was valid.
    fn finish<T>(&self, record: Option<T>) -> Option<T> {
        record.filter(|_| self.ok)
    }

    /// `felt more confident`: a count, or a percentage of the row's
    /// `feedback responses` (`96%`, or `0.96` and `96` in a column whose
    /// header says `%` or `percent`), turned into a count.
    fn confident(&mut self, responses: Option<u64>) -> Option<u64> {
        let (pos, cell) = self.cell("felt more confident");
        let pos = pos?;
        let header = self.head.cells.get(pos).map(Cell::display).unwrap_or_default();
        let percent_column = header.contains('%') || normalize(&header).contains("percent");
        if !percent_column {
            // A percentage in a column that counts people is not converted
            // quietly: the column says what it holds.
            if let Cell::Text(t) = cell
                && t.ends_with('%')
            {
                let cell = cell.clone();
                self.fail(
                    pos,
                    &cell,
                    "a whole number (this column counts the people who felt more confident; for a percentage, put `%` in its header: `% felt more confident`)",
                );
                return None;
            }
            return self.count("felt more confident");
        }
        if cell.is_empty() {
            return None;
        }
        let cell = cell.clone();
        match (values::parse_percent(&cell), responses) {
            (Ok(fraction), Some(n)) => Some((fraction * n as f64).round() as u64),
            (Ok(_), None) => {
                self.fail(pos, &cell, "a count, or a percentage in a row that has its `feedback responses`");
                None
            }
            (Err(expected), _) => {
                self.fail(pos, &cell, expected);
                None
            }
        }
    }

    pub(super) fn event(&mut self) -> Option<Event> {
        let date = self.required_date("date");
        let name = self.required_shared_text("event", "the event's name");
        let responses = self.count("feedback responses");
        let record = Event {
            municipality: self.shared_text("municipality"),
            neighbourhood: self.shared_text("neighbourhood"),
            location: self.shared_text("location"),
            event_type: self.shared_text("event type"),
            residents_reached: self.count("residents reached"),
            plans_distributed: self.count("plans distributed"),
            feedback_responses: responses,
            felt_more_confident: self.confident(responses),
            project: self.text("project"),
            source: self.source(),
            date: date.unwrap_or_default(),
            name: name.clone().unwrap_or_else(|| Text::from("")),
        };
        if let (Some(confident), Some(responses)) = (record.felt_more_confident, record.feedback_responses)
            && confident > responses
        {
            let (pos, cell) = self.cell("felt more confident");
            let cell = cell.clone();
            self.fail(pos.unwrap_or(0), &cell, &format!("at most the {responses} feedback responses of this row"));
        }
        self.finish(date.and(name).map(|_| record))
    }

    pub(super) fn distribution(&mut self) -> Option<Distribution> {
        let date = self.required_date("date");
        let quantity = self.required("quantity", "a number of plans", values::parse_count);
        let record = Distribution {
            date: date.unwrap_or_default(),
            quantity: quantity.unwrap_or_default(),
            plan: self.shared_text("plan"),
            municipality: self.shared_text("municipality"),
            channel: self.shared_text("channel"),
            event: self.shared_text("event"),
            organization: self.shared_text("organization"),
            project: self.shared_text("project"),
            source: self.source(),
        };
        self.finish(date.and(quantity).map(|_| record))
    }

    pub(super) fn focus_group(&mut self) -> Option<FocusGroup> {
        let date = self.required_date("date");
        let group = self.required_text("group", "the group consulted");
        let themes = self
            .text("themes")
            .filter(|t| t != staff_text::WITHHELD)
            .map(|t| t.split([';', ',', '\n']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        let record = FocusGroup {
            date: date.unwrap_or_default(),
            group: group.clone().unwrap_or_default(),
            municipality: self.text("municipality"),
            participants: self.count("participants"),
            themes,
            source: self.source(),
        };
        self.finish(date.and(group).map(|_| record))
    }

    pub(super) fn stakeholder(&mut self) -> Option<Stakeholder> {
        let organization = self.required_text("organization", "an organisation's name")?;
        let record = Stakeholder {
            organization,
            sector: self.text("sector"),
            municipality: self.text("municipality"),
            contacted: self.yes_no("contacted"),
            participated: self.yes_no("participated"),
            source: self.source(),
        };
        self.finish(Some(record))
    }

    pub(super) fn activity(&mut self) -> Option<Activity> {
        let activity = self.required_text("activity", "a description of the activity");
        let status =
            self.required("status", "a status such as `completed`, `in progress` or `planned`", |c| values::parse_status(&c.display()));
        let record = Activity {
            activity: activity.clone().unwrap_or_default(),
            status: status.unwrap_or(values::Status::Planned),
            project: self.text("project"),
            pillar: self.text("pillar"),
            pillar_typed: self.text("pillar"),
            start: self.date("start"),
            due: self.date("due"),
            owner: self.text("owner"),
            source: self.source(),
        };
        if let (Some(start), Some(due)) = (record.start, record.due)
            && due < start
        {
            let (pos, cell) = self.cell("due");
            let cell = cell.clone();
            self.fail(pos.unwrap_or(0), &cell, &format!("a due date on or after the start date ({start})"));
        }
        self.finish(activity.and(status).map(|_| record))
    }

    pub(super) fn action_item(&mut self) -> Option<ActionItem> {
        let text = self.required_text("action item", "the action item's text")?;
        let record = ActionItem { text, meeting: self.date("meeting"), audience: self.text("audience"), source: self.source() };
        self.finish(Some(record))
    }

    pub(super) fn meeting(&mut self) -> Option<Meeting> {
        let date = self.required_date("date");
        let group = self.required_text("group", "the working group's name");
        let record = Meeting {
            date: date.unwrap_or_default(),
            group: group.clone().unwrap_or_default(),
            group_typed: group.clone().unwrap_or_default(),
            start: self.parsed("start time", values::parse_time),
            end: self.parsed("end time", values::parse_time),
            location: self.text("location"),
            title: self.text("title"),
            source: self.source(),
        };
        self.finish(date.and(group).map(|_| record))
    }

    pub(super) fn translation(&mut self) -> Option<Translation> {
        let english = self.required_text("english", "the text as the data has it")?;
        let french = self.required_text("french", "its French")?;
        let at = self.source().cite();
        self.finish(Some(Translation { english, french, at, beside: false }))
    }

    /// The French typed beside the row's texts, in columns with a French
    /// suffix (`Activity (FR)`): each with its text, checked as the text
    /// is. A list column (focus-group themes) gives a pair for each item
    /// too when both list the same number.
    pub(super) fn french(&mut self) -> Vec<Translation> {
        let mut out = Vec::new();
        let kind = self.header.kind;
        for (col, french_pos) in self.header.french.iter().enumerate() {
            let (Some(french_pos), Some(pos)) = (*french_pos, self.header.columns[col]) else { continue };
            let name = kind.columns()[col].name;
            let cell_text = |p: usize| self.row.cells.get(p).map(|c| c.display().trim().to_string()).unwrap_or_default();
            let (english, french) = (cell_text(pos), cell_text(french_pos));
            if english.is_empty() || french.is_empty() || staff_text::personal_detail(&english, staff_text::purpose(kind, name)).is_some() {
                continue;
            }
            let french = {
                let (sheet, row) = (self.sheet, self.row.index);
                let french = crate::glyphs::checked(french, || sheet.cell_location(row, french_pos), self.diags);
                match staff_text::personal_detail(&french, staff_text::purpose(kind, name)) {
                    Some(found) => {
                        let purpose = staff_text::purpose(kind, name);
                        self.diags.warning(self.sheet.cell_location(self.row.index, french_pos), staff_text::message(found, purpose));
                        staff_text::WITHHELD.to_string()
                    }
                    None => french,
                }
            };
            let at = self.sheet.cell_location(self.row.index, french_pos).to_string();
            if name == "themes" {
                let items = |t: &str| t.split([';', ',', '\n']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>();
                let (en, fr) = (items(&english), items(&french));
                if en.len() == fr.len() && en.len() > 1 {
                    out.extend(en.into_iter().zip(fr).map(|(english, french)| Translation {
                        english,
                        french,
                        at: at.clone(),
                        beside: true,
                    }));
                }
            }
            out.push(Translation { english, french, at, beside: true });
        }
        out
    }
}
