//! The preview page: its HTML shell (the words of its headings in the
//! page's language), its script and its style. The script fills the page
//! from the state (`state.json`), writing text only (never HTML), so no
//! spreadsheet text can become markup.

use serde::Serialize;

use crate::locale::Lang;

/// The page's script.
pub const SCRIPT: &str = include_str!("assets/page.js");
/// The page's style.
pub const STYLE: &str = include_str!("assets/page.css");

/// Every word of the page, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// The page's title.
    pub title: &'static str,
    /// The line under it.
    pub intro: &'static str,
    /// The status while building.
    pub building: &'static str,
    /// The status once built.
    pub built: &'static str,
    /// The status when a build failed.
    pub failed: &'static str,
    /// The status before the first build is done.
    pub waiting: &'static str,
    /// The heading of the problems.
    pub problems: &'static str,
    /// Said when there are none.
    pub no_problems: &'static str,
    /// "error".
    pub error: &'static str,
    /// "warning".
    pub warning: &'static str,
    /// "note".
    pub note: &'static str,
    /// "Type" (error, warning).
    pub severity: &'static str,
    /// "Where".
    pub place: &'static str,
    /// "What".
    pub what: &'static str,
    /// How to fix it.
    pub hint: &'static str,
    /// The heading of the figures.
    pub figures: &'static str,
    /// Said when no figure changed.
    pub no_changes: &'static str,
    /// "Changed since the last build".
    pub changes: &'static str,
    /// The heading of the decks.
    pub decks: &'static str,
    /// "Slide".
    pub slide: &'static str,
    /// "of" (slide 3 of 13).
    pub of: &'static str,
    /// The heading of the report.
    pub report: &'static str,
    /// "Download".
    pub download: &'static str,
    /// The PDF link.
    pub pdf: &'static str,
    /// The PowerPoint link.
    pub pptx: &'static str,
    /// The web page link.
    pub html: &'static str,
    /// The report's frame.
    pub report_frame: &'static str,
    /// Said when no document was made yet.
    pub no_documents: &'static str,
    /// The heading of the ledger.
    pub ledger: &'static str,
    /// "Sheet".
    pub sheet: &'static str,
    /// "Read as".
    pub kind: &'static str,
    /// "Rows counted".
    pub rows: &'static str,
    /// "Every row".
    pub runs: &'static str,
    /// "not read as a table".
    pub not_a_table: &'static str,
    /// The skip-link.
    pub skip: &'static str,
    /// Said when the tool stopped.
    pub stopped: &'static str,
}

/// The page's words in `lang`.
pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "WECOSS reports: live preview",
            intro: "This page shows the documents made from the spreadsheets in the inputs folder. It updates by itself each time a spreadsheet changes.",
            building: "Making the documents again…",
            built: "Up to date",
            failed: "The last change could not be built: fix the errors below. The documents shown are the previous ones.",
            waiting: "Making the documents for the first time…",
            problems: "Problems to fix",
            no_problems: "No problems found.",
            error: "Error",
            warning: "Warning",
            note: "Note",
            severity: "Type",
            place: "Where",
            what: "What",
            hint: "How to fix it",
            figures: "Headline figures",
            no_changes: "No headline figure changed since the last build.",
            changes: "Changed since the last build",
            decks: "Meeting decks",
            slide: "Slide",
            of: "of",
            report: "Annual report",
            download: "Download",
            pdf: "PDF",
            pptx: "PowerPoint",
            html: "Web page (HTML)",
            report_frame: "The annual report, web edition",
            no_documents: "No documents yet.",
            ledger: "Every row of every sheet",
            sheet: "Sheet",
            kind: "Read as",
            rows: "Rows counted",
            runs: "What became of each row",
            not_a_table: "not read as a table",
            skip: "Skip to the problems",
            stopped: "The preview has stopped: start wecoss-report again to see new changes.",
        },
        Lang::Fr => Words {
            title: "Rapports WECOSS : aperçu en direct",
            intro: "Cette page montre les documents faits à partir des feuilles de calcul du dossier inputs. Elle se met à jour d’elle-même chaque fois qu’une feuille change.",
            building: "Nouvelle fabrication des documents…",
            built: "À jour",
            failed: "La dernière modification n’a pas pu être traitée : corrigez les erreurs ci-dessous. Les documents affichés sont les précédents.",
            waiting: "Première fabrication des documents…",
            problems: "Problèmes à corriger",
            no_problems: "Aucun problème trouvé.",
            error: "Erreur",
            warning: "Avertissement",
            note: "Remarque",
            severity: "Type",
            place: "Où",
            what: "Quoi",
            hint: "Comment corriger",
            figures: "Chiffres clés",
            no_changes: "Aucun chiffre clé n’a changé depuis la dernière version.",
            changes: "Changé depuis la dernière version",
            decks: "Présentations des réunions",
            slide: "Diapositive",
            of: "sur",
            report: "Rapport annuel",
            download: "Télécharger",
            pdf: "PDF",
            pptx: "PowerPoint",
            html: "Page Web (HTML)",
            report_frame: "Le rapport annuel, édition Web",
            no_documents: "Aucun document pour l’instant.",
            ledger: "Chaque ligne de chaque feuille",
            sheet: "Feuille",
            kind: "Lue comme",
            rows: "Lignes comptées",
            runs: "Ce qu’est devenue chaque ligne",
            not_a_table: "non lue comme un tableau",
            skip: "Aller aux problèmes",
            stopped: "L’aperçu s’est arrêté : relancez wecoss-report pour voir les nouvelles modifications.",
        },
    }
}

/// The page's HTML: its shell, in `lang`; the script fills it in. Every
/// address in it is relative to the page's own (which carries the token).
pub fn html(lang: Lang) -> String {
    let w = words(lang);
    let esc = |s: &str| crate::templating::escape(s, crate::templating::Markup::Html);
    format!(
        r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{title}</title>
<link rel="stylesheet" href="page.css">
<script src="page.js" defer></script>
</head>
<body>
<a class="skip" href="#problems-heading">{skip}</a>
<header>
<h1>{title}</h1>
<p>{intro}</p>
<p id="status" role="status" aria-live="polite">{waiting}</p>
</header>
<main>
<section aria-labelledby="problems-heading">
<h2 id="problems-heading" tabindex="-1">{problems}</h2>
<div id="problems"></div>
</section>
<section aria-labelledby="figures-heading">
<h2 id="figures-heading">{figures}</h2>
<div id="figures"></div>
</section>
<section aria-labelledby="decks-heading">
<h2 id="decks-heading">{decks}</h2>
<div id="decks"></div>
</section>
<section aria-labelledby="report-heading">
<h2 id="report-heading">{report}</h2>
<div id="report"></div>
</section>
<section aria-labelledby="ledger-heading">
<h2 id="ledger-heading">{ledger}</h2>
<div id="ledger"></div>
</section>
</main>
</body>
</html>
"##,
        lang = lang.code(),
        title = esc(w.title),
        skip = esc(w.skip),
        intro = esc(w.intro),
        waiting = esc(w.waiting),
        problems = esc(w.problems),
        figures = esc(w.figures),
        decks = esc(w.decks),
        report = esc(w.report),
        ledger = esc(w.ledger),
    )
}
