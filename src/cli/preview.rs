//! `preview`: `watch`, with a web page on this computer that shows the
//! latest documents, the problems and what changed, and updates by itself
//! after each build (see [`wecoss_report::preview`]). It prints the page's
//! address and opens it in the web browser unless `--no-open`.

use wecoss_report::locale::Lang;
use wecoss_report::pipeline::{Error, Format};
use wecoss_report::preview::{Preview, Shared};

use super::args::{PreviewArgs, WatchArgs};
use super::printer::Printer;
use super::start;
use super::watch::{self, Step};

/// The formats the page shows: the PDF and PowerPoint to download, the
/// slides as images, the report's web page.
const SHOWN: [Format; 4] = [Format::Pdf, Format::Png, Format::Html, Format::Pptx];

/// Runs `preview` until Ctrl-C. `typed` is the watch part of the command
/// line as typed (see [`watch::run`]).
pub fn run(args: &PreviewArgs, typed: &WatchArgs, printer: &Printer) -> Result<(), Error> {
    let (watch_args, typed) = (with_shown_formats(&args.watch), with_shown_formats(typed));
    let output = &watch_args.build.output;
    let lang = output.lang.first().copied().unwrap_or(Lang::En);
    let out = output.out.clone();
    let state = Shared::new(lang);
    let preview = Preview::start(state.clone(), &out)
        .map_err(|e| Error::Usage(format!("the preview page could not start on this computer (127.0.0.1): {e}")))?;
    let url = preview.url();
    println!("preview: {url}");
    println!("(the page is on this computer only; keep its address to yourself: it lets anyone on this computer read the page)");
    if !args.no_open {
        start::open_page(&url);
    }
    let follow = |step: Step<'_>| match step {
        Step::Building(reason) => state.update(|s| s.building(reason)),
        Step::Built(build) => state.update(|s| s.built(build, &out)),
        Step::Failed(error) => state.update(|s| s.failed(error)),
    };
    let result = watch::run_following(&watch_args, &typed, printer, &|| {}, &follow);
    state.update(|s| s.stop());
    drop(preview);
    result
}

/// `args` with the formats the page shows added to those asked for.
fn with_shown_formats(args: &WatchArgs) -> WatchArgs {
    let mut args = args.clone();
    for format in SHOWN {
        if !args.build.output.format.contains(&format) {
            args.build.output.format.push(format);
        }
    }
    args
}
