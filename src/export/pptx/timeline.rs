//! The deck's timeline slide as native PowerPoint shapes, drawn from the
//! typed [`Timeline`](crate::figures::timeline::Timeline) the PDF's is made
//! from.

use serde_json::{Value, json};

use super::shown;
use super::{BODY_W, DeckFigures, MARGIN_X, Palette, emu, lines, text_width};
use crate::figures::timeline::{MonthTick, TimelineRow};
use crate::tables::values::Status;

fn status_color(status: Status, palette: &Palette) -> &str {
    match status {
        Status::Completed => &palette.completed,
        Status::InProgress => &palette.in_progress,
        Status::Planned => &palette.planned,
    }
}

fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Completed => "●",
        Status::InProgress => "►",
        Status::Planned => "○",
    }
}

/// The timeline as native shapes: month bands and labels, the meeting
/// line, and for each activity its label, its bar (coloured by status) and
/// its status in words. Only the rows `drawn` are drawn, on the months they
/// span (as the PDF does). `page` is the text of the PDF slide it copies,
/// whose month names it follows.
pub(super) fn shapes(
    figures: &DeckFigures,
    drawn: &[usize],
    pieces: &std::collections::BTreeMap<usize, String>,
    top: f64,
    bottom: f64,
    page: Option<&str>,
    palette: &Palette,
) -> Vec<Value> {
    let data = figures.timeline.as_ref();
    // The text as the templates print it: what no font can show replaced.
    let mut all: Vec<TimelineRow> = data.map_or(&[][..], |t| &t.rows[..]).to_vec();
    for row in &mut all {
        row.project = shown(std::mem::take(&mut row.project));
        row.activity = shown(std::mem::take(&mut row.activity));
        row.label = shown(std::mem::take(&mut row.label));
        row.status_label = shown(std::mem::take(&mut row.status_label));
    }
    // A label continued over several slides shows its own part here.
    for (i, piece) in pieces {
        if let Some(row) = all.get_mut(*i) {
            row.label = piece.clone();
        }
    }
    let rows: Vec<&TimelineRow> = drawn.iter().filter_map(|i| all.get(*i)).collect();
    let months: Vec<MonthTick> =
        data.map_or(&[][..], |t| &t.months[..]).iter().map(|m| MonthTick { label: shown(m.label.clone()), ..m.clone() }).collect();
    let marker = data.and_then(|t| t.marker.as_ref());
    // One time axis on every slide of the timeline: the whole timeline's,
    // as the PDF's.
    let (a, b) = (0.0, 1.0);
    let kept: Vec<&MonthTick> = months.iter().collect();
    let x = |v: f64| (v - a) / (b - a);

    let label_w = 300.0;
    let cx = MARGIN_X + label_w;
    let cw = BODY_W - label_w;
    // The largest type size at which the rows fit the slide: project names
    // at `fs`, activities and months 2 pt smaller, status words and the
    // marker 3 pt smaller, none under 12 pt.
    let min = 12.0;
    let sizes = |fs: f64| (fs, f64::max(fs - 2.0, min), f64::max(fs - 3.0, min));
    let layout_at = |fs: f64| {
        let (_, label_size, _) = sizes(fs);
        let mut heights = Vec::new();
        let mut last = None;
        for r in &rows {
            let project = r.project.as_str();
            let head = if last != Some(project) { fs * 1.25 + 10.0 } else { 0.0 };
            last = Some(project);
            let label = lines(&r.label, label_size, label_w - 16.0) * label_size * 1.16 + 6.0;
            heights.push((head, label.max(label_size * 1.16 + 12.0)));
        }
        let axis_h = fs * 2.6;
        let marker_h = if marker.is_some() { fs * 1.6 } else { 0.0 };
        (heights, axis_h, marker_h)
    };
    let fits = |fs: f64| {
        let (heights, axis_h, marker_h) = layout_at(fs);
        heights.iter().map(|(h, r)| h + r).sum::<f64>() <= bottom - top - axis_h - marker_h - 4.0
    };
    let fs = [16.0, 15.0, 14.0, 13.0].into_iter().find(|&fs| fits(fs)).unwrap_or(min);
    let (fs, label_size, note_size) = sizes(fs);
    let (heights, axis_h, marker_h) = layout_at(fs);
    let room = bottom - top - axis_h - marker_h - 4.0;
    let total: f64 = heights.iter().map(|(h, r)| h + r).sum();
    // Only when even 12 pt does not fit are the rows' paddings squeezed.
    let k = if total > room { room / total } else { 1.0 };
    let mut shapes = Vec::new();
    // The month bands, drawn first so that they sit behind everything else.
    let mut bands = Vec::new();
    let rows_top = top + axis_h + marker_h;
    let rows_bottom = rows_top + total * k;
    // Axis: alternate month bands, year and month labels.
    for (i, m) in kept.iter().enumerate() {
        let mx = cx + cw * x(m.at);
        let mw = cw * m.width / (b - a);
        if i % 2 == 1 {
            bands.push(json!({ "type": "rect", "name": "Month band", "x": emu(mx), "y": emu(top), "w": emu(mw), "h": emu(rows_bottom - top), "fill": palette.tint, "behind": true }));
        }
    }
    // As the PDF: every month's name when each fits its month (and the PDF
    // slide, laid out at another size, shows them too), else every month's
    // initial.
    let fits = |m: &MonthTick| {
        let name = m.label.as_str();
        let on_pdf = page.is_none_or(|text| text.split_whitespace().any(|w| w == name));
        on_pdf && text_width(name, label_size, false) + 4.0 <= cw * m.width / (b - a)
    };
    let names = kept.iter().all(|m| fits(m));
    for (i, m) in kept.iter().enumerate() {
        let mx = cx + cw * x(m.at);
        let mw = cw * m.width / (b - a);
        let name = m.label.as_str();
        let shown_name = if names { name.to_string() } else { name.chars().take(1).collect() };
        let year = if i == 0 { Some(m.in_year) } else { m.year };
        if let Some(year) = year {
            shapes.push(json!({ "type": "label", "x": emu(mx), "y": emu(top), "w": emu(text_width("0000", label_size, true) * 1.3 + 8.0), "h": emu(fs * 1.2), "text": year.to_string(), "size": (label_size * 100.0) as i64, "bold": true, "color": palette.ink }));
        }
        shapes.push(json!({ "type": "label", "x": emu(mx), "y": emu(top + fs * 1.2), "w": emu(mw.max(12.0)), "h": emu(fs * 1.2), "text": shown_name, "size": (label_size * 100.0) as i64, "bold": false, "color": palette.muted }));
    }
    shapes.push(json!({ "type": "rule", "name": "Axis", "x": emu(cx), "y": emu(top + axis_h - 1.0), "w": emu(cw), "color": palette.rule }));
    let mx = marker.map(|m| cx + cw * x(m.at));
    if let (Some(m), Some(mx)) = (marker, mx) {
        // As the PDF: the label right of the line, or left of it (its mark
        // last) when it would run past the chart's right edge.
        let label = shown(m.label.clone());
        let right = format!("▼ {label}");
        let left = format!("{label} ▼");
        let on_pdf = |t: &str| page.is_some_and(|p| super::paginate::norm(p).contains(&super::paginate::norm(t)));
        let fits_right = if on_pdf(&right) {
            true
        } else if on_pdf(&left) {
            false
        } else {
            mx - fs * 0.4 + text_width(&right, note_size, true) <= cx + cw
        };
        let text = if fits_right { right } else { left };
        let lw = text_width(&text, note_size, true) * 1.1 + 8.0;
        let lx = if fits_right { (mx - fs * 0.4).min(cx + cw - lw).max(cx) } else { (mx + fs * 0.4 - lw).max(cx) };
        shapes.push(json!({ "type": "label", "x": emu(lx), "y": emu(top + axis_h), "w": emu(lw), "h": emu(marker_h), "text": text, "size": (note_size * 100.0) as i64, "bold": true, "color": palette.marker }));
    }
    // Rows, top to bottom: project heading, label, bar, status.
    let mut y = rows_top;
    let mut last = None;
    for (r, (head, height)) in rows.iter().zip(&heights) {
        let project = r.project.as_str();
        if last != Some(project) && *head > 0.0 {
            shapes.push(json!({ "type": "label", "x": emu(MARGIN_X), "y": emu(y), "w": emu(label_w), "h": emu(head * k), "text": project, "size": (fs * 100.0) as i64, "bold": true, "color": palette.primary, "anchor": "b" }));
        }
        last = Some(project);
        y += head * k;
        let h = height * k;
        let status = r.status;
        let color = status_color(status, palette);
        shapes.push(json!({ "type": "label", "x": emu(MARGIN_X + 8.0), "y": emu(y), "w": emu(label_w - 8.0), "h": emu(h), "text": r.label, "size": (label_size * 100.0) as i64, "bold": false, "color": palette.ink, "anchor": "ctr" }));
        let xs = cx + cw * x(r.from);
        let w = (cw * (x(r.to) - x(r.from))).max(4.0);
        let xe = xs + w;
        let bar_h = (h - 12.0).clamp(4.0, fs);
        let words = format!("{} {}", status_mark(status), r.status_label);
        shapes.push(json!({ "type": "bar", "name": format!("Bar: {}: {}", r.activity, r.status_label),
            "x": emu(xs), "y": emu(y + h / 2.0 - bar_h / 2.0), "w": emu(w), "h": emu(bar_h), "color": color, "outlined": status == Status::Planned }));
        let lsize = note_size;
        let lw = text_width(&words, lsize, true) * 1.1 + 10.0;
        // As the PDF: after the bar, before it, inside it (either end), either
        // side of the meeting line, then either end of the row; never on the
        // line, and off the bar unless inside it.
        let clear = |x0: f64, x1: f64| x0 >= cx && x1 <= cx + cw && mx.is_none_or(|m| x1 + 6.0 < m || x0 - 6.0 > m);
        let off_bar = |x0: f64, x1: f64| x1 <= xs - 2.0 || x0 >= xe + 2.0;
        let mut spots = vec![(xe + 5.0, false), (xs - 5.0 - lw, false), (xs + 4.0, true), (xe - 4.0 - lw, true)];
        if let Some(m) = mx {
            spots.extend([(m + 7.0, false), (m - 7.0 - lw, false)]);
        }
        spots.extend([(cx, false), (cx + cw - lw, false)]);
        let (lx, inside) = spots
            .into_iter()
            .find(|&(x0, inside)| if inside { lw + 8.0 <= w && clear(x0, x0 + lw) } else { clear(x0, x0 + lw) && off_bar(x0, x0 + lw) })
            .unwrap_or(((xe + 5.0).min(cx + cw - lw).max(cx), false));
        let on_bar = inside && status != Status::Planned;
        shapes.push(json!({ "type": "label", "x": emu(lx), "y": emu(y + h / 2.0 - lsize * 0.7), "w": emu(lw), "h": emu(lsize * 1.4), "text": words, "size": (lsize * 100.0) as i64, "bold": true, "color": if on_bar { palette.on_primary.as_str() } else { color } }));
        y += h;
    }
    if let Some(mx) = mx {
        shapes.push(json!({ "type": "line", "name": "This meeting", "x": emu(mx), "y": emu(top + axis_h), "h": emu(rows_bottom - top - axis_h), "color": palette.marker }));
    }
    // Bands first, so they sit behind everything else.
    bands.extend(shapes);
    bands
}
