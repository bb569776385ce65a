//! `build`: everything for the most recent data (for now, the decks of the
//! most recent meeting date, or of `--meeting`).

use std::path::PathBuf;

use super::{Error, deck, load};
use crate::args::BuildArgs;
use crate::figures::{FiguresError, deck::latest_meeting};

/// Runs `build`.
pub fn run(args: &BuildArgs) -> Result<Vec<PathBuf>, Error> {
    let (data, _) = load(&args.input)?;
    let date = match args.meeting {
        Some(date) => date,
        None => latest_meeting(&data).ok_or(FiguresError::NoMeetings)?,
    };
    deck::build_decks(&data, &args.input, &args.output, date, None, None)
}
