//! The live preview (`wecoss-report preview`): a small web page, served on
//! this computer only, that shows the documents of the latest build (the
//! deck's slides as images, the report's web edition, links to the PDF,
//! PowerPoint and HTML files), the problems found with their file › sheet ›
//! cell, what changed in the headline figures since the last build, and
//! every sheet's row ledger. The page asks for the build's number twice a
//! second and redraws itself when it changes.
//!
//! - [`state`]: what the page shows, made from each build;
//! - [`server`]: the HTTP server (on `127.0.0.1`, behind a random token)
//!   and which paths it serves;
//! - [`page`]: the page itself, its script and style, and its words in
//!   English and French.
//!
//! Like the rest of the library it never prints: the command line says
//! where the page is and opens it.

pub mod page;
pub mod server;
pub mod state;

pub use server::{Preview, Token};
pub use state::{Shared, State};
