//! Writes the stress year (issue 13): many municipalities, long names with and without spaces,
//! 150 events, 36 activities over 6 projects, a 110-character group name that the deck's
//! content file does not name, 14 survey statements and a 30-option multi-select.
//!
//! ```text
//! cargo run --example make-stress -- [OUT_DIR]   # default target/stress-2025
//! wecoss-report build --inputs target/stress-2025
//! ```

#[path = "../tests/it/support/files.rs"]
mod files;
#[path = "../tests/it/support/stress.rs"]
mod stress;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/stress-2025".into());
    let s = stress::write(std::path::Path::new(&dir));
    println!(
        "wrote {dir}: {} municipalities, {} events, {} activities, {} action items (meeting {} of `{}`)",
        s.municipalities.len(),
        s.events.len(),
        s.activities.len(),
        s.action_items.len(),
        stress::MEETING,
        stress::GROUP
    );
}
