//! AWS's partitions (`aws`, `aws-cn`, `aws-us-gov`, the ISO partitions...)
//! from `partitions.json`, embedded, and the `aws.partition` lookup: a
//! region listed by a partition, else the first partition whose
//! `regionRegex` matches, else `aws` (so a region launched after this data
//! still resolves, as AWS SDKs do).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value as Json;

use super::value::Value;

use super::partitions_data::PARTITIONS_JSON;

/// The keys of a partition's `outputs` that the `Partition` structure has.
const OUTPUT_KEYS: [&str; 6] = [
    "name",
    "dnsSuffix",
    "dualStackDnsSuffix",
    "supportsFIPS",
    "supportsDualStack",
    "implicitGlobalRegion",
];

struct Partition {
    id: String,
    region_regex: RegionRegex,
    /// Each listed region's outputs (the partition's, with the region's
    /// own overrides applied).
    regions: BTreeMap<String, Value>,
    outputs: Value,
}

/// The embedded partitions, read once. The data ships with this crate and a
/// test reads it, so it always parses; `None` would mean a broken build.
fn partitions() -> Option<&'static [Partition]> {
    static PARTITIONS: OnceLock<Option<Vec<Partition>>> = OnceLock::new();
    PARTITIONS.get_or_init(|| load(PARTITIONS_JSON).ok()).as_deref()
}

/// Reads a `partitions.json` document.
fn load(text: &str) -> Result<Vec<Partition>, String> {
    let json: Json = serde_json::from_str(text).map_err(|e| format!("partitions.json: {e}"))?;
    let list = json
        .get("partitions")
        .and_then(Json::as_array)
        .ok_or("partitions.json: no `partitions` array")?;
    let mut out = Vec::new();
    for p in list {
        let id = p
            .get("id")
            .and_then(Json::as_str)
            .ok_or("partitions.json: a partition without `id`")?;
        let regex = p
            .get("regionRegex")
            .and_then(Json::as_str)
            .ok_or_else(|| format!("partitions.json: partition {id} has no `regionRegex`"))?;
        let outputs = outputs(p.get("outputs"))
            .ok_or_else(|| format!("partitions.json: partition {id} has malformed `outputs`"))?;
        let mut regions = BTreeMap::new();
        if let Some(map) = p.get("regions").and_then(Json::as_object) {
            for (region, overrides) in map {
                let merged = outputs_over(&outputs, overrides)
                    .ok_or_else(|| format!("partitions.json: region {region} has malformed overrides"))?;
                regions.insert(region.clone(), merged);
            }
        }
        out.push(Partition {
            id: id.to_owned(),
            region_regex: RegionRegex::new(regex).map_err(|e| format!("partitions.json: partition {id}: {e}"))?,
            regions,
            outputs,
        });
    }
    Ok(out)
}

fn outputs(json: Option<&Json>) -> Option<Value> {
    let map = json?.as_object()?;
    let mut out = BTreeMap::new();
    for key in OUTPUT_KEYS {
        out.insert(key.to_owned(), json_value(map.get(key)?)?);
    }
    Some(Value::Object(out))
}

/// The partition's outputs with a region's entries of the same names.
fn outputs_over(base: &Value, overrides: &Json) -> Option<Value> {
    let mut merged = match base {
        Value::Object(map) => map.clone(),
        _ => return None,
    };
    for (key, value) in overrides.as_object()? {
        if OUTPUT_KEYS.contains(&key.as_str()) {
            merged.insert(key.clone(), json_value(value)?);
        }
    }
    Some(Value::Object(merged))
}

fn json_value(json: &Json) -> Option<Value> {
    match json {
        Json::String(s) => Some(Value::String(s.clone())),
        Json::Bool(b) => Some(Value::Bool(*b)),
        _ => None,
    }
}

/// `aws.partition(region)`: the partition's outputs (`name`, `dnsSuffix`,
/// `dualStackDnsSuffix`, `supportsFIPS`, `supportsDualStack`,
/// `implicitGlobalRegion`). `None` only if the embedded data were broken.
pub fn partition(region: &str) -> Option<Value> {
    let all = partitions()?;
    if let Some(found) = all.iter().find_map(|p| p.regions.get(region)) {
        return Some(found.clone());
    }
    if let Some(p) = all.iter().find(|p| p.region_regex.is_match(region)) {
        return Some(p.outputs.clone());
    }
    all.iter().find(|p| p.id == "aws").map(|p| p.outputs.clone())
}

/// The regular expressions `partitions.json` writes (`^(us|eu)\-\w+\-\d+$`):
/// anchors, literal characters and escaped punctuation, `\w+`, `\d+`, and
/// groups of literal alternatives. Anything else is refused when the data
/// is read, so a new construct in a data update fails a test instead of
/// matching wrongly.
#[derive(Debug)]
struct RegionRegex(Vec<Token>);

#[derive(Debug, PartialEq)]
enum Token {
    Literal(char),
    Word,
    Digits,
    Alternatives(Vec<String>),
}

impl RegionRegex {
    fn new(source: &str) -> Result<RegionRegex, String> {
        let body = source
            .strip_prefix('^')
            .and_then(|s| s.strip_suffix('$'))
            .ok_or_else(|| format!("`{source}` is not anchored with ^ and $"))?;
        let mut tokens = Vec::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match (chars.next(), chars.peek()) {
                    (Some('w'), Some('+')) => {
                        chars.next();
                        tokens.push(Token::Word);
                    }
                    (Some('d'), Some('+')) => {
                        chars.next();
                        tokens.push(Token::Digits);
                    }
                    (Some(p), _) if p.is_ascii_punctuation() => tokens.push(Token::Literal(p)),
                    (other, _) => return Err(format!("`{source}`: unsupported escape {other:?}")),
                },
                '(' => {
                    let mut group = String::new();
                    loop {
                        match chars.next() {
                            Some(')') => break,
                            Some(c) if c.is_ascii_alphanumeric() || c == '|' || c == '-' => group.push(c),
                            other => return Err(format!("`{source}`: unsupported group content {other:?}")),
                        }
                    }
                    tokens.push(Token::Alternatives(group.split('|').map(str::to_owned).collect()));
                }
                c if c.is_ascii_alphanumeric() => tokens.push(Token::Literal(c)),
                c => return Err(format!("`{source}`: unsupported character `{c}`")),
            }
        }
        Ok(RegionRegex(tokens))
    }

    fn is_match(&self, text: &str) -> bool {
        matches(&self.0, text)
    }
}

/// Backtracking over the tokens; a region name is short and the patterns
/// have a handful of tokens, so the search is tiny.
fn matches(tokens: &[Token], text: &str) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return text.is_empty();
    };
    match first {
        Token::Literal(c) => text.strip_prefix(*c).is_some_and(|t| matches(rest, t)),
        Token::Alternatives(options) => options
            .iter()
            .any(|o| text.strip_prefix(o.as_str()).is_some_and(|t| matches(rest, t))),
        Token::Word | Token::Digits => {
            let class = |c: char| match first {
                Token::Word => c.is_ascii_alphanumeric() || c == '_',
                _ => c.is_ascii_digit(),
            };
            let run = text.find(|c: char| !class(c)).unwrap_or(text.len());
            // One or more, longest first.
            (1..=run).rev().any(|n| text.get(n..).is_some_and(|t| matches(rest, t)))
        }
    }
}
