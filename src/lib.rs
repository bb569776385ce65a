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
//! 6. [`export`]: each output format (PDF, PNG pages, Typst source, JSON
//!    figures) made in memory; [`output`] writes the files atomically.
//!
//! [`pipeline`] ties the stages together as a library (load → documents →
//! produce → write), with no command line in it: [`pipeline::build`] takes
//! one [`pipeline::Request`] and returns a [`pipeline::Build`] (what was
//! written, every [`diag::Diagnostic`], the error that stopped it). The
//! library never prints, reads no environment variable and keeps no global
//! state; the binary's commands are thin adapters over it, and render every
//! diagnostic and all progress in one place. Leaf modules shared by every
//! stage: [`diag`] (the one diagnostic type), [`words`] (plurals,
//! thousands), [`fonts`], [`text`].

pub mod alloc;
pub mod blank;
pub mod brand;
pub mod breaks;
pub mod compile;
pub mod content;
pub mod diag;
pub mod export;
pub mod figures;
pub mod fonts;
pub mod glyphs;
pub mod ingest;
pub mod locale;
pub mod marked;
pub mod output;
pub mod pipeline;
pub mod preview;
pub mod render;
pub mod settings;
pub mod tables;
pub mod templates;
pub mod templating;
pub mod text;
pub mod words;
