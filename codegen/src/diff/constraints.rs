//! Which way a `@length`, `@range` or `@pattern` moved: does the new
//! constraint accept fewer values, more, or can that not be told?
//!
//! A missing constraint is the same as one without bounds, so adding a
//! constraint is a tightening and removing one a loosening. Patterns are
//! compared without a regex engine: only a change of `{m,n}` quantifier
//! bounds in an otherwise identical pattern has a known direction.

use super::text::quoted;
use crate::ir::{BoundValue, Constraints, RangeBound};

/// How the set of accepted values changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// Fewer values are accepted: some that were valid are not any more.
    Tighter,
    /// More values are accepted, and every value valid before still is.
    Looser,
    /// Some values became valid and others invalid (a range that moved).
    Mixed,
    /// The two cannot be compared (a rewritten pattern).
    Unclear,
}

/// One constraint that changed.
#[derive(Debug, Clone)]
pub(super) struct ConstraintChange {
    /// `@length`, `@range` or `@pattern`.
    pub name: &'static str,
    pub direction: Direction,
    /// The old and new constraint, for people (`1..=6`, `none`).
    pub old: String,
    pub new: String,
}

/// The constraints that differ between two levels of a value. `pattern`
/// looks a pattern index up in its side's IR.
pub(super) fn compare<'a>(
    old: &Constraints,
    new: &Constraints,
    old_pattern: impl Fn(usize) -> Option<&'a str>,
    new_pattern: impl Fn(usize) -> Option<&'a str>,
) -> Vec<ConstraintChange> {
    let mut out = Vec::new();
    if old.length != new.length {
        let (old_min, old_max) = old.length.unwrap_or_default();
        let (new_min, new_max) = new.length.unwrap_or_default();
        // Bounds as numbers: an absent minimum is 0, an absent maximum has
        // no limit.
        let to_f = |v: Option<u64>| v.map(|n| n as f64);
        let direction = bounds_direction(
            (Some(old_min.unwrap_or(0) as f64), to_f(old_max)),
            (Some(new_min.unwrap_or(0) as f64), to_f(new_max)),
        );
        let text = |l: Option<(Option<u64>, Option<u64>)>| {
            show(l.map(|(a, b)| (a.map(|n| n.to_string()), b.map(|n| n.to_string()))))
        };
        if let Some(direction) = direction {
            out.push(ConstraintChange {
                name: "@length",
                direction,
                old: text(old.length),
                new: text(new.length),
            });
        }
    }
    if old.range != new.range {
        let (old_min, old_max) = old.range.clone().unwrap_or_default();
        let (new_min, new_max) = new.range.clone().unwrap_or_default();
        let value = |b: &Option<RangeBound>| b.as_ref().map(|b| b.value);
        let direction = range_direction((value(&old_min), value(&old_max)), (value(&new_min), value(&new_max)));
        if let Some(direction) = direction {
            let text = |b: &Option<RangeBound>| b.as_ref().map(|b| b.text.clone());
            out.push(ConstraintChange {
                name: "@range",
                direction,
                old: show(old.range.as_ref().map(|(a, b)| (text(a), text(b)))),
                new: show(new.range.as_ref().map(|(a, b)| (text(a), text(b)))),
            });
        }
    }
    let old_source = old.pattern.and_then(&old_pattern);
    let new_source = new.pattern.and_then(&new_pattern);
    if old_source != new_source {
        let direction = match (old_source, new_source) {
            (None, Some(_)) => Some(Direction::Tighter),
            (Some(_), None) => Some(Direction::Looser),
            (Some(a), Some(b)) => pattern_direction(a, b),
            (None, None) => None,
        };
        if let Some(direction) = direction {
            out.push(ConstraintChange {
                name: "@pattern",
                direction,
                old: quoted(old_source),
                new: quoted(new_source),
            });
        }
    }
    out
}

/// `1..=6`, `..=6`, `1..`, or `none`.
fn show(bounds: Option<(Option<String>, Option<String>)>) -> String {
    match bounds {
        None | Some((None, None)) => "none".to_owned(),
        Some((min, max)) => format!(
            "{}..{}",
            min.unwrap_or_default(),
            max.map(|m| format!("={m}")).unwrap_or_default()
        ),
    }
}

/// Compares inclusive `@range` intervals; `None` is an open end (or a
/// bound at the type's limit, which the resolver drops).
fn range_direction(
    old: (Option<BoundValue>, Option<BoundValue>),
    new: (Option<BoundValue>, Option<BoundValue>),
) -> Option<Direction> {
    use std::cmp::Ordering::{self, Greater, Less};
    // An open end is -infinity for a minimum and +infinity for a maximum.
    let compare = |a: Option<BoundValue>, b: Option<BoundValue>, open: Ordering| match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => open,
        (Some(_), None) => open.reverse(),
        (Some(a), Some(b)) => a.compare(b),
    };
    let min = compare(new.0, old.0, Less);
    let max = compare(new.1, old.1, Greater);
    direction(min == Greater || max == Less, min == Less || max == Greater)
}

/// Compares inclusive intervals; `None` is an open end. `None` when they
/// are the same interval written differently (`min: 0` on a length).
fn bounds_direction(old: (Option<f64>, Option<f64>), new: (Option<f64>, Option<f64>)) -> Option<Direction> {
    let inf = f64::INFINITY;
    let (old_min, old_max) = (old.0.unwrap_or(-inf), old.1.unwrap_or(inf));
    let (new_min, new_max) = (new.0.unwrap_or(-inf), new.1.unwrap_or(inf));
    direction(
        new_min > old_min || new_max < old_max,
        new_min < old_min || new_max > old_max,
    )
}

/// The direction of a change that rejects some values it accepted before
/// (`tighter`) and/or accepts some it rejected (`looser`).
fn direction(tighter: bool, looser: bool) -> Option<Direction> {
    match (tighter, looser) {
        (true, false) => Some(Direction::Tighter),
        (false, true) => Some(Direction::Looser),
        (true, true) => Some(Direction::Mixed),
        (false, false) => None,
    }
}

/// A pattern with its `{m,n}` quantifiers taken out: the rest of the text,
/// and each quantifier's bounds (`None` for no upper bound).
type Skeleton = (String, Vec<(u64, Option<u64>)>);

/// A changed pattern is looser when it differs from the old one only in
/// quantifier bounds that all widened: every operator of a regular
/// expression is monotone in its operands, so the old language is contained
/// in the new one. Negative lookarounds break that, so they give `Unclear`.
/// `None` when only the spelling of the bounds changed (`{2}`, `{2,2}`).
fn pattern_direction(old: &str, new: &str) -> Option<Direction> {
    let (Some((old_text, old_q)), Some((new_text, new_q))) = (skeleton(old), skeleton(new)) else {
        return Some(Direction::Unclear);
    };
    if old_text != new_text || old_q.len() != new_q.len() {
        return Some(Direction::Unclear);
    }
    let mut looser = false;
    let mut tighter = false;
    for ((old_min, old_max), (new_min, new_max)) in old_q.into_iter().zip(new_q) {
        let old_max = old_max.unwrap_or(u64::MAX);
        let new_max = new_max.unwrap_or(u64::MAX);
        tighter |= new_min > old_min || new_max < old_max;
        looser |= new_min < old_min || new_max > old_max;
    }
    direction(tighter, looser)
}

fn skeleton(pattern: &str) -> Option<Skeleton> {
    if pattern.contains("(?!") || pattern.contains("(?<!") {
        return None;
    }
    let mut text = String::new();
    let mut quantifiers = Vec::new();
    let mut in_class = false;
    let mut chars = pattern.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                text.push(c);
                if let Some((_, next)) = chars.next() {
                    text.push(next);
                }
            }
            '[' if !in_class => {
                in_class = true;
                text.push(c);
            }
            ']' if in_class => {
                in_class = false;
                text.push(c);
            }
            '{' if !in_class => match quantifier(&pattern[at..]) {
                Some((bounds, len)) => {
                    quantifiers.push(bounds);
                    // A marker no pattern text can hold in its place.
                    text.push('\u{0}');
                    for _ in 1..len {
                        chars.next();
                    }
                }
                // Not a quantifier: ECMA-262 reads the brace literally.
                None => text.push(c),
            },
            _ => text.push(c),
        }
    }
    Some((text, quantifiers))
}

/// `{m}`, `{m,}` or `{m,n}` at the start of `text`: the bounds and the
/// length in characters.
fn quantifier(text: &str) -> Option<((u64, Option<u64>), usize)> {
    let end = text.find('}')?;
    let inner = &text[1..end];
    let number = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u64>().ok())?;
    let bounds = match inner.split_once(',') {
        None => {
            let n = number(inner)?;
            (n, Some(n))
        }
        Some((min, "")) => (number(min)?, None),
        Some((min, max)) => (number(min)?, Some(number(max)?)),
    };
    Some((bounds, text[..=end].chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantifier_bounds_give_a_direction() {
        assert_eq!(pattern_direction("^.{1,256}$", "^.{1,512}$"), Some(Direction::Looser));
        assert_eq!(pattern_direction("^.{1,256}$", "^.{2,256}$"), Some(Direction::Tighter));
        assert_eq!(
            pattern_direction("^a{2}b{1,3}$", "^a{1,}b{1,3}$"),
            Some(Direction::Looser)
        );
        assert_eq!(pattern_direction("^a{2,5}$", "^a{3,6}$"), Some(Direction::Mixed));
        assert_eq!(pattern_direction("^a{2}$", "^a{2,2}$"), None);
    }

    #[test]
    fn other_rewrites_are_unclear() {
        assert_eq!(pattern_direction("^[a-z]+$", "^[a-z0-9]+$"), Some(Direction::Unclear));
        assert_eq!(
            pattern_direction("^(?!x).{1,3}$", "^(?!x).{1,4}$"),
            Some(Direction::Unclear)
        );
        // Braces in a class or escaped are text, not quantifiers.
        assert_eq!(pattern_direction("^[{]{1,2}$", "^[{]{1,3}$"), Some(Direction::Looser));
        assert_eq!(pattern_direction(r"^\{1,2}$", r"^\{1,3}$"), Some(Direction::Unclear));
    }

    #[test]
    fn missing_bounds_are_open() {
        let length = |min, max| Constraints {
            length: Some((min, max)),
            ..Constraints::default()
        };
        let none = |_| None;
        let changes = compare(&Constraints::default(), &length(Some(1), None), none, none);
        assert_eq!(changes[0].direction, Direction::Tighter);
        assert_eq!((changes[0].old.as_str(), changes[0].new.as_str()), ("none", "1.."));
        let changes = compare(&length(Some(1), Some(6)), &length(None, Some(10)), none, none);
        assert_eq!(changes[0].direction, Direction::Looser);
        // `min: 0` is the same as no minimum.
        assert!(compare(&length(Some(0), None), &length(None, None), none, none).is_empty());
    }
}
