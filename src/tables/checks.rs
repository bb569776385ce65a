//! Cross-checks between tables: warnings, never errors (design.md §1).

use crate::diag::{Diagnostics, Location};

use super::Dataset;

/// Warns where an event's `plans distributed` disagrees with the
/// distribution rows logged for that event (same name, same date). Events
/// with no matching distribution rows are not checked: many logs record
/// event plans only on the events sheet.
pub fn plans_per_event(data: &Dataset, diags: &mut Diagnostics) {
    for event in &data.events {
        let Some(stated) = event.plans_distributed else { continue };
        let key = super::normalize(&event.name);
        let rows: Vec<_> = data
            .distribution
            .iter()
            .filter(|d| d.date == event.date && d.event.as_deref().is_some_and(|e| super::normalize(e) == key))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let logged: u64 = rows.iter().map(|d| d.quantity).sum();
        if logged != stated {
            let s = &event.source;
            let location = Location { file: s.file.to_string(), sheet: s.sheet.as_deref().map(str::to_string), cell: Some(format!("row {}", s.row)) };
            diags.warning(
                location,
                format!(
                    "event `{}` on {} says {stated} plans distributed, but the distribution rows for it add up to {logged} ({})",
                    event.name,
                    event.date,
                    rows.iter().map(|d| crate::figures::cite(&d.source)).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
}
