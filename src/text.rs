//! [`Text`]: a string shared by every cell and record that holds it.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A text value that many cells and records share: a file name, a
/// municipality, a plan, a survey answer. Each distinct value is stored once
/// (a workbook's shared strings are read once; the tables stage interns the
/// rest) and a cell or record holds one pointer to it, so half a million
/// distribution rows naming nine municipalities hold nine strings.
///
/// It reads like a `&str` (it derefs to one, compares with one, prints and
/// serializes as one).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<String>);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Which shared value this is: equal for clones of one value (two equal
    /// strings made separately may differ).
    pub fn id(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Arc::new(s.to_string()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Arc::new(s))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        Arc::try_unwrap(t.0).unwrap_or_else(|shared| shared.as_str().to_string())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Interns [`Text`]s: the same string always gives the same shared value.
#[derive(Debug, Default)]
pub struct Texts(std::collections::HashSet<Text>, std::collections::HashMap<(Text, u8), Option<&'static str>>);

impl Texts {
    /// `check(s)`, computed once for each distinct `s` and `key` (for the
    /// checks of the many-rowed tables' shared texts).
    pub fn verdict(&mut self, s: &Text, key: u8, check: impl FnOnce(&str) -> Option<&'static str>) -> Option<&'static str> {
        if let Some(v) = self.1.get(&(s.clone(), key)) {
            return *v;
        }
        let v = check(s);
        self.1.insert((s.clone(), key), v);
        v
    }

    /// The shared value of `s`.
    pub fn get(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t = Text::from(s);
        self.0.insert(t.clone());
        t
    }

    /// The shared value of `s`, reusing its allocation when it is new.
    pub fn take(&mut self, s: String) -> Text {
        if let Some(t) = self.0.get(s.as_str()) {
            return t.clone();
        }
        let t = Text::from(s);
        self.0.insert(t.clone());
        t
    }
}
