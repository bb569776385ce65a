//! What a build tells while it runs, for a progress display: the library
//! never prints; the caller's [`Observer`] shows what it likes (the CLI
//! draws a bar and spinners on a terminal and prints timings with
//! `--verbose`). Problems are not events: they come back as diagnostics.

use std::path::Path;

/// One step of a build.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// `done` of `total` input files read from the inputs folder `dir`.
    Reading {
        /// The inputs folder.
        dir: &'a Path,
        /// Files read so far.
        done: usize,
        /// Files to read.
        total: usize,
    },
    /// Every input file was read.
    Read,
    /// These documents are being compiled (together, in parallel).
    Compiling(&'a [&'a str]),
    /// The documents of the last [`Event::Compiling`] are made.
    Compiled,
    /// Another build is writing to the output folder `dir`: this one waits.
    Waiting(&'a Path),
    /// How long a step took, e.g. `read 8 files from `inputs` in 0.12 s`.
    Timing(&'a str),
}

/// Watches a build's progress. Called from the threads that compile, so it
/// must be `Sync`.
pub trait Observer: Sync {
    /// Told of each step as it happens.
    fn event(&self, event: Event<'_>);
}

/// An observer that ignores everything (the tests, the benchmark).
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {
    fn event(&self, _event: Event<'_>) {}
}
