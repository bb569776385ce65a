//! Cross-checks between tables (a distribution row naming no known event,
//! duplicated rows): warnings, never errors, since either table may be right.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;

use crate::diag::{Diagnostics, Location};

use super::{Dataset, Distribution};

/// Warns where an event's `plans distributed` disagrees with the
/// distribution rows logged for that event (same name, same date). Events
/// with no matching distribution rows are not checked: many logs record
/// event plans only on the events sheet.
pub fn plans_per_event(data: &Dataset, diags: &mut Diagnostics) {
    if !data.events.iter().any(|e| e.plans_distributed.is_some()) {
        return;
    }
    // The distribution rows naming an event, by date and normalized name,
    // in row order; normalizing each distinct name once.
    let mut names: HashMap<&str, Rc<str>> = HashMap::new();
    let mut by_event: HashMap<(NaiveDate, Rc<str>), Vec<&Distribution>> = HashMap::new();
    for d in &data.distribution {
        if let Some(name) = d.event.as_deref() {
            let key = names.entry(name).or_insert_with(|| super::normalize(name).into()).clone();
            by_event.entry((d.date, key)).or_default().push(d);
        }
    }
    for event in &data.events {
        let Some(stated) = event.plans_distributed else { continue };
        let Some(rows) = by_event.get(&(event.date, Rc::from(super::normalize(&event.name)))) else { continue };
        let logged: u64 = rows.iter().map(|d| d.quantity).sum();
        if logged != stated {
            let s = &event.source;
            let location = Location::in_sheet(&s.file, s.sheet.as_deref()).at_row(s.row);
            diags.warning(
                location,
                format!(
                    "event `{}` on {} says {stated} plans distributed, but the distribution rows for it add up to {logged} ({})",
                    event.name,
                    event.date,
                    rows.iter().map(|d| d.source.cite()).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
}
