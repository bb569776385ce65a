//! The fonts every document uses, embedded in the binary: Noto Sans, then
//! Typst's own. A leaf of the pipeline: compilation and the glyph checks of
//! the tables stage both read them.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

/// The fonts, shared by every compilation: Noto Sans, then Typst's own
/// (Libertinus Serif, New Computer Modern and its Math, DejaVu Sans Mono).
///
/// Nothing is parsed up front. The book (each face's family, variant and
/// coverage) is read from `src/fonts.json`, computed once from the same bytes
/// and checked by a test; a face is parsed the first time Typst asks for it,
/// so a document pays only for the faces it uses.
pub fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        let faces = font_faces();
        match serde_json::from_str::<Vec<FontInfo>>(FONT_BOOK) {
            Ok(infos) if infos.len() == faces.len() => {
                for (face, info) in faces.into_iter().zip(infos) {
                    store.push((face, info));
                }
            }
            // The fonts changed without the book (see the test): read them.
            _ => {
                for face in faces {
                    if let Some(info) = FontInfo::new(face.data, face.index) {
                        store.push((face, info));
                    }
                }
            }
        }
        store
    })
}

/// The book of the embedded fonts, in [`font_faces`] order, as JSON:
/// regenerate with `cargo test --lib write_font_book -- --ignored`.
const FONT_BOOK: &str = include_str!("fonts.json");

/// One embedded font face, parsed on first use.
struct LazyFace {
    data: &'static [u8],
    index: u32,
}

impl FontSource for LazyFace {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.data), self.index)
    }
}

/// Every embedded font face, in book order.
fn font_faces() -> Vec<LazyFace> {
    let noto = [notosans::REGULAR_TTF, notosans::BOLD_TTF, notosans::ITALIC_TTF, notosans::BOLD_ITALIC_TTF];
    // Each is a single face (not a collection); the test checks the book.
    noto.into_iter().chain(typst_assets::fonts()).map(|data| LazyFace { data, index: 0 }).collect()
}

#[cfg(test)]
mod font_book_tests {
    use super::*;

    /// The committed book is what the embedded fonts say about themselves.
    #[test]
    fn font_book_matches_the_fonts() {
        let computed: Vec<FontInfo> =
            font_faces().iter().map(|f| FontInfo::new(f.data, f.index).expect("an embedded font parses")).collect();
        let committed: Vec<FontInfo> = serde_json::from_str(FONT_BOOK).expect("src/fonts.json parses");
        assert!(committed == computed, "src/fonts.json is out of date; regenerate it with `cargo test --lib write_font_book -- --ignored`");
        assert_eq!(fonts().book().families().count(), 5);
    }

    /// Writes `src/fonts.json` from the embedded fonts, when they change:
    /// `cargo test --lib write_font_book -- --ignored`.
    #[test]
    #[ignore = "writes src/fonts.json; run it by name when the fonts change"]
    fn write_font_book() {
        let computed: Vec<FontInfo> =
            font_faces().iter().map(|f| FontInfo::new(f.data, f.index).expect("an embedded font parses")).collect();
        let json = serde_json::to_string(&computed).expect("serialize");
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/fonts.json"), json).expect("write src/fonts.json");
    }
}
