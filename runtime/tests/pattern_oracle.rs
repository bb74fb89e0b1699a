//! The engine against `java.util.regex`: every case of
//! `tests/fixtures/patterns/cases.json`, with the answers Java gave in
//! `java-cases.json` (see that folder's README for how both are made).
//!
//! Rows are left out only for the documented divergences listed here, and
//! are counted; every other row must agree with Java.
#![cfg(feature = "validation")]

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use shapesmith_runtime::pattern::Pattern;

/// Tables not compared, and why.
const EXCLUDED_TABLES: &[(&str, &str)] = &[
    (
        "lone-surrogates",
        "the texts contain lone surrogates, which no Rust string can hold",
    ),
    (
        "word-boundary-non-ascii",
        "\\b follows Java 19 and later (ASCII word characters, like \\w); the oracle is Java 17, which counts every letter or digit",
    ),
];

/// Patterns Java accepts that this engine refuses on purpose (a clear
/// error rather than a different meaning), and why.
const REFUSED: &[(&str, &str)] = &[
    (
        "\\N{LATIN SMALL LETTER A}",
        "character names need the Unicode name table",
    ),
    ("\\X", "grapheme clusters need the Unicode segmentation tables"),
    ("\\b{g}", "grapheme boundaries need the Unicode segmentation tables"),
    ("(?u)a", "Unicode case folding (flag u) is not implemented"),
    ("(?x)a b", "comments mode (flag x) is not implemented"),
    ("(?U)a", "UNICODE_CHARACTER_CLASS (flag U) is not implemented"),
    ("(?d)a", "UNIX_LINES (flag d) is not implemented"),
    ("\\p{IsLatin}", "scripts need the Unicode script table"),
    ("\\p{InGreek}", "blocks need the Unicode block table"),
    ("\\p{IsIdeographic}", "the Ideographic property needs its table"),
    ("\\p{javaMirrored}", "the Bidi_Mirrored property needs its table"),
    ("\\p{sc=Latn}", "scripts need the Unicode script table"),
    ("\\p{script=Latin}", "scripts need the Unicode script table"),
    ("\\p{block=Greek}", "blocks need the Unicode block table"),
    ("\\p{blk=Greek}", "blocks need the Unicode block table"),
    ("x{2}{3}", "Java ignores the second count; refused rather than copied"),
    ("x*{2}", "a count after a quantifier: refused rather than copied"),
    ("[a&&&b]", "Java matches a, b and & alike; refused rather than copied"),
    (
        "(?<=a+b*)c",
        "Java 17 never matches a lookbehind with two unbounded repetitions in sequence",
    ),
    (
        "(?<=a*b*)c",
        "Java 17 never matches a lookbehind with two unbounded repetitions in sequence",
    ),
];

/// The errors by which the engine refuses, on purpose, patterns Java accepts
/// (the `random` table meets them by chance), and why.
const REFUSED_MESSAGES: &[(&str, &str)] = &[
    (
        "a quantifier after a quantifier",
        "Java gives the second count no effect (`x{2}{3}`)",
    ),
    ("'&&&'", "Java matches both sides and `&` alike"),
    ("two unbounded repetitions", "Java 17 never matches such a lookbehind"),
    ("a class ending in '&&'", "Java intersects with the last member alone"),
];

/// Patterns on which the engine's answers differ from Java's, by design,
/// and why. Each is a corner that only a backreference can observe.
const DIVERGENT: &[(&str, &str)] = &[(
    r"\w*[^b]?(?:\w(?:($\b){1,2}+|\Z(\R$)?\w++\z){1,2}+\x61)??\1",
    "Java keeps a capture made by an attempt that failed, and a later backreference sees it",
)];

/// `Character.getType` numbers to general category abbreviations.
fn java_category(java_type: u64) -> &'static str {
    const NAMES: [&str; 31] = [
        "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "", "Co",
        "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf",
    ];
    usize::try_from(java_type)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

fn load(name: &str) -> Value {
    let path = format!("{}/../tests/fixtures/patterns/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn engine_agrees_with_java() {
    let input = load("cases.json");
    let output = load("java-cases.json");
    let java_version = output["java"].as_str().unwrap_or("?");

    // Code points whose general category or derived properties (Alphabetic, Lowercase, Uppercase) in
    // Java's Unicode differ from ours: rows containing them compare two Unicode versions, not two engines.
    let version_skew: HashSet<char> = output["types"]
        .as_array()
        .expect("types")
        .iter()
        .filter_map(|pair| {
            let cp = char::from_u32(u32::try_from(pair[0].as_u64()?).ok()?)?;
            let java = pair[1].as_u64()?;
            let ours = unicode_general_category::get_general_category(cp).abbreviation();
            let derived = |bit: u32| java & (1 << bit) != 0;
            let skew = java_category(java & 0xff) != ours
                || derived(8) != cp.is_alphabetic()
                || derived(9) != cp.is_lowercase()
                || derived(10) != cp.is_uppercase();
            skew.then_some(cp)
        })
        .collect();

    let sets: HashMap<&str, &Vec<Value>> = input["textSets"]
        .as_object()
        .expect("textSets")
        .iter()
        .map(|(name, texts)| (name.as_str(), texts.as_array().expect("text set")))
        .collect();
    let cases = input["cases"].as_array().expect("cases");
    let answers = output["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), answers.len(), "java-cases.json is stale: regenerate it");

    let excluded: HashMap<&str, &str> = EXCLUDED_TABLES.iter().copied().collect();
    let refused: HashMap<&str, &str> = REFUSED.iter().copied().collect();
    let divergent: HashMap<&str, &str> = DIVERGENT.iter().copied().collect();
    let mut compared = 0usize;
    let mut skew_rows = 0usize;
    let mut excluded_rows: HashMap<&str, usize> = HashMap::new();
    let mut failures = Vec::new();
    let mut tables: HashMap<&str, usize> = HashMap::new();

    for (case, answer) in cases.iter().zip(answers) {
        let table = case["table"].as_str().expect("table");
        let pattern = case["pattern"].as_str().expect("pattern");
        assert_eq!(answer["pattern"].as_str(), Some(pattern), "java-cases.json is stale");
        let texts: &Vec<Value> = match case["textSet"].as_str() {
            Some(set) => sets[set],
            None => case["texts"].as_array().expect("texts"),
        };
        if excluded.contains_key(table) {
            *excluded_rows.entry(table).or_default() += texts.len().max(1);
            continue;
        }
        let ours = Pattern::new(pattern);
        match (&answer["error"], &ours) {
            (Value::String(java), Ok(_)) => {
                failures.push(format!("[{table}] {pattern:?}: Java refuses it ({java}), we accept it"));
                continue;
            }
            (Value::String(_), Err(_)) => {
                compared += 1;
                continue;
            }
            (_, Err(e)) => {
                let on_purpose = REFUSED_MESSAGES.iter().any(|(words, _)| e.message().contains(words));
                if refused.contains_key(pattern) || (table.starts_with("random") && on_purpose) {
                    *excluded_rows.entry("refused on purpose").or_default() += 1;
                } else {
                    failures.push(format!("[{table}] {pattern:?}: Java accepts it, we refuse it: {e}"));
                }
                continue;
            }
            (_, Ok(_)) if refused.contains_key(pattern) => {
                failures.push(format!("[{table}] {pattern:?} should be refused: {}", refused[pattern]));
                continue;
            }
            _ => {}
        }
        let Ok(compiled) = ours else { continue };
        if divergent.contains_key(pattern) {
            *excluded_rows.entry("documented divergence").or_default() += texts.len();
            continue;
        }
        let matches: Vec<char> = answer["matches"].as_str().expect("matches").chars().collect();
        let word_boundary = pattern.contains("\\b") || pattern.contains("\\B");
        assert_eq!(matches.len(), texts.len(), "java-cases.json is stale");
        for (text, java) in texts.iter().zip(matches) {
            let text = text.as_str().expect("texts outside the excluded tables are strings");
            if text.chars().any(|c| version_skew.contains(&c)) {
                skew_rows += 1;
                continue;
            }
            if word_boundary && text.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
                // The same divergence as the `word-boundary-non-ascii` table, met by chance.
                *excluded_rows
                    .entry("\\b next to a non-ASCII letter or digit")
                    .or_default() += 1;
                continue;
            }
            if java == 'x' {
                *excluded_rows
                    .entry("Java throws while matching (a bug in Java's class intersection)")
                    .or_default() += 1;
                continue;
            }
            let java = java == '1';
            match compiled.try_match(text) {
                Some(ours) if ours == java => {
                    compared += 1;
                    *tables.entry(table).or_default() += 1;
                }
                ours => failures.push(format!("[{table}] {pattern:?} on {text:?}: Java {java}, we {ours:?}")),
            }
        }
    }
    let mut tables: Vec<_> = tables.into_iter().collect();
    tables.sort();
    println!("oracle: Java {java_version}; {compared} rows agree; by table: {tables:?}");
    let mut skewed: Vec<String> = version_skew
        .iter()
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect();
    skewed.sort();
    println!(
        "left out: {skew_rows} rows with the {} code points whose properties differ between Java's Unicode and ours ({}); {excluded_rows:?}",
        skewed.len(),
        skewed.join(" ")
    );
    let sampled = sets.get("codepoints").map_or(0, |s| s.len());
    assert!(
        version_skew.len() * 10 < sampled,
        "{} of {sampled} sampled code points differ between Java's Unicode and ours",
        version_skew.len()
    );
    if let Ok(path) = std::env::var("PATTERN_ORACLE_FAILURES") {
        let _ = std::fs::write(path, failures.join("\n"));
    }
    let shown: Vec<_> = failures.iter().take(60).collect();
    assert!(
        failures.is_empty(),
        "{} disagreements with Java:\n{shown:#?}",
        failures.len()
    );
    assert!(compared > 100_000, "too few rows compared: {compared}");
}
