//! Text helpers shared by the rules and the constraint comparisons, kept
//! apart so that neither has to reach into the other.

/// A model value as a change reason quotes it: `` `text` ``, or `none`.
pub(super) fn quoted(text: Option<&str>) -> String {
    text.map_or_else(|| "none".to_owned(), |t| format!("`{t}`"))
}
