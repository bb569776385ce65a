//! The integration tests, one module per feature, in one test binary (one
//! link of the library and typst instead of one per file). Shared helpers
//! are in [`support`]. Run one feature with `cargo test --test it deck::`.

mod support;

mod attribution;
mod blank_workbooks;
mod brand;
mod cache;
mod charts;
mod check;
mod contrast;
mod corpus;
mod deck;
mod deck_size;
mod deck_timeline;
mod design;
mod double_click;
mod errors;
mod faults;
mod french;
mod french_data;
mod french_input;
mod fuzz_regressions;
mod hostile;
mod html;
mod ingest;
mod layout;
mod ledger;
mod messages;
mod mistakes;
mod pdf;
mod pptx;
mod preview;
mod privacy;
mod reading_order;
mod readme;
mod report;
mod report_design;
mod report_pages;
mod sandbox;
mod slides;
mod staff_privacy;
mod tidy_out;
mod trust;
mod unicode;
mod watch;
mod watch_faults;
mod watch_settle;
mod words;
mod workflow;
mod xlsb;
