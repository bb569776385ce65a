//! What a build tells while it runs, for a progress display: the library
//! never prints; the caller's [`Observer`] shows what it likes (the CLI
//! draws a bar and spinners on a terminal and prints timings with
//! `--verbose`). Problems come back as diagnostics in the build's result,
//! and are told as they are found too ([`Event::Found`]).

use std::path::Path;

use crate::diag::Diagnostics;

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
    /// Diagnostics found by a step, as soon as it is done (the inputs'
    /// warnings before anything is compiled). The [`Build`](super::Build)
    /// holds them all too, in the same order.
    Found(&'a Diagnostics),
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
