//! Helpers shared by the pattern tests.
#![allow(dead_code)]

use shapesmith_runtime::pattern::{Pattern, PatternError};

pub fn compile(pattern: &str) -> Pattern {
    Pattern::new(pattern).unwrap_or_else(|e| panic!("{pattern:?} should compile: {e}"))
}

pub fn matches(pattern: &str, text: &str) -> bool {
    compile(pattern).is_match(text)
}

/// Asserts that `pattern` is found in every text of `yes` and in none of `no`.
pub fn check(pattern: &str, yes: &[&str], no: &[&str]) {
    let p = compile(pattern);
    for text in yes {
        assert_eq!(p.try_match(text), Some(true), "{pattern:?} should match {text:?}");
    }
    for text in no {
        assert_eq!(p.try_match(text), Some(false), "{pattern:?} should not match {text:?}");
    }
}

pub fn error_of(pattern: &str) -> PatternError {
    match Pattern::new(pattern) {
        Ok(_) => panic!("{pattern:?} should be rejected"),
        Err(e) => e,
    }
}

/// Asserts that `pattern` is refused at `offset` with a message containing `words`.
pub fn assert_error(pattern: &str, offset: usize, words: &str) {
    let e = error_of(pattern);
    assert_eq!(e.offset(), offset, "{pattern:?}: {e}");
    assert!(e.message().contains(words), "{pattern:?}: {e} should mention {words:?}");
}
