//! wecoss-report: spreadsheets in, finished PDFs out.
//!
//! The pipeline runs in stages, each in its own module and each over plain,
//! serializable data:
//!
//! 1. [`ingest`]: files → sheets → rows of raw cell values;
//! 2. [`tables`]: header matching and typed, validated records;
//! 3. [`figures`]: the numbers and lists one document needs;
//! 4. [`render`]: a minijinja template turns the figures into Typst source;
//! 5. [`compile`]: the `typst` crate compiles that source in-process;
//! 6. [`output`]: the PDF (or PNG pages) is written atomically.
//!
//! [`commands`] ties the stages together for each subcommand of the CLI
//! described in [`args`].

pub mod alloc;
pub mod args;
pub mod commands;
pub mod compile;
pub mod content;
pub mod diag;
pub mod figures;
pub mod glyphs;
pub mod html;
pub mod ingest;
pub mod output;
pub mod progress;
pub mod render;
pub mod settings;
pub mod tables;
pub mod templates;
pub mod text;
