use super::*;

fn schema(text: &str) -> toml::Table {
    toml::from_str(text).unwrap()
}

fn problems(text: &str, builtin: &str) -> Vec<String> {
    let builtin = schema(builtin);
    match check(text, Some(&builtin), &|_| false) {
        Ok(_) => Vec::new(),
        Err(p) => p.into_iter().map(|p| format!("{}: {}", p.line.unwrap_or(0), p.message)).collect(),
    }
}

#[test]
fn curly_and_inner_quotes() {
    assert!(has_curly_quotes("purpose = “Sustain”"));
    assert!(has_curly_quotes("purpose = ‘Sustain’"));
    assert!(!has_curly_quotes("purpose = \"Sustain the “plan”\""));
    assert!(!has_curly_quotes("purpose = \"x\" # “note”"));
    assert!(has_inner_quote("purpose = \"the \"best\" plan\""));
    assert!(has_inner_quote("  \"He said \"hi\" today\","));
    assert!(!has_inner_quote("goals = [\"a\", \"b\" \"c\"]"));
    assert!(!has_inner_quote("purpose = \"the \\\"best\\\" plan\""));
    assert!(!has_inner_quote("purpose = \"\"\"a \"b\" c\"\"\""));
}

#[test]
fn unknown_keys_and_types() {
    let builtin = "a = \"x\"\nn = 3\n[s]\ntitle = \"t\"\n[[blocks]]\nname = \"n\"\nlist = [\"x\"]\n[intros]\n\"Harm Reduction\" = \"x\"\n";
    assert_eq!(problems(builtin, builtin), Vec::<String>::new());
    let user = "aa = \"x\"\nn = \"three\"\n[s]\ntitel = \"t\"\n[[blocks]]\nname = \"n\"\nlist = [\"x\", 2]\n[intros]\n\"Youth\" = \"y\"\n\"Other\" = 3\n";
    assert_eq!(
        problems(user, builtin),
        [
            "1: unknown key `aa` (did you mean `a`?)",
            "2: `n` must be a whole number, like `n = 45` (found text)",
            "4: unknown key `titel` in `[s]` (did you mean `title`?)",
            "7: each item of `list` in `[[blocks]]` must be text in quotes (item 2 is a whole number)",
            "10: `Other` in `[intros]` must be text in quotes, like `Other = \"…\"` (found a whole number)",
        ]
    );
}

#[test]
fn missing_keys_take_the_builtin_value() {
    let builtin = schema("a = \"x\"\n[s]\ntitle = \"t\"\nnone = \"n\"\n[[blocks]]\nname = \"n\"\n");
    let mut mine = schema("[s]\ntitle = \"mine\"\n");
    fill_missing(&mut mine, &builtin);
    assert_eq!(mine, schema("a = \"x\"\nblocks = []\n[s]\ntitle = \"mine\"\nnone = \"n\"\n"));
}

#[test]
fn whole_words() {
    assert!(uses_word("{{ content.subtitle }}", "subtitle"));
    assert!(!uses_word("{{ content.subtitles }}", "subtitle"));
    assert!(!uses_word("{{ content.my_subtitle }}", "subtitle"));
}

/// Every key the settings structs read must be in the built-in file, or
/// a content file that sets it would be refused as unknown.
#[test]
fn settings_keys_are_in_the_builtin_files() {
    fn fields<'de, T: serde::Deserialize<'de>>() -> Vec<&'static str> {
        struct Fields(Vec<&'static str>);
        impl<'de> serde::Deserializer<'de> for &mut Fields {
            type Error = serde::de::value::Error;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(serde::de::Error::custom("fields only"))
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0.extend(fields);
                Err(serde::de::Error::custom("fields only"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
                unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
            }
        }
        let mut f = Fields(Vec::new());
        let _ = T::deserialize(&mut f);
        f.0
    }
    let deck = builtin("meeting-deck/content.toml").unwrap();
    for key in fields::<crate::figures::deck::DeckSettings>() {
        assert!(deck.contains_key(key), "add `{key}` to report-templates/meeting-deck/content.toml");
    }
    let group = deck["groups"].as_array().and_then(|g| g.first()).and_then(|g| g.as_table()).unwrap();
    for key in fields::<crate::figures::deck::GroupSettings>() {
        assert!(group.contains_key(key), "add `{key}` to the `[[groups]]` of meeting-deck/content.toml");
    }
    let report = builtin("annual-report/content.toml").unwrap();
    for key in fields::<crate::figures::report::ReportSettings>() {
        assert!(report.contains_key(key), "add `{key}` to report-templates/annual-report/content.toml");
    }
}

/// The built-in files pass their own check.
#[test]
fn builtin_files_are_valid() {
    for path in ["meeting-deck/content.toml", "annual-report/content.toml"] {
        let text = EMBEDDED.get_file(path).and_then(|f| f.contents_utf8()).unwrap();
        let builtin = builtin(path);
        assert!(check(text, builtin.as_ref(), &|_| false).is_ok(), "{path}");
    }
}
