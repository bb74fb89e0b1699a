//! Character sets: classes (`[...]`), predefined classes (`\d`, `\s`, ...) and
//! properties (`\p{..}`), with the meaning `java.util.regex.Pattern` gives them.

use unicode_general_category::{get_general_category, GeneralCategory};

/// The general categories, in the order of the bits of a [`Prop::Category`]
/// mask; the names are Java's (and Unicode's) abbreviations.
const CATEGORIES: [&str; 30] = [
    "Cc", "Cf", "Cn", "Co", "Cs", "Ll", "Lm", "Lo", "Lt", "Lu", "Mc", "Me", "Mn", "Nd", "Nl", "No", "Pc", "Pd", "Pe",
    "Pf", "Pi", "Po", "Ps", "Sc", "Sk", "Sm", "So", "Zl", "Zp", "Zs",
];

/// The mask of one category by abbreviation (`0` if there is none).
fn category_bit(name: &str) -> u32 {
    CATEGORIES
        .iter()
        .position(|&c| c == name)
        .map_or(0, |i| 1u32.checked_shl(i as u32).unwrap_or(0))
}

/// The union of the categories whose abbreviations start with `major`
/// (`"L"` for all letters).
fn major_mask(major: char) -> u32 {
    CATEGORIES
        .iter()
        .enumerate()
        .filter(|(_, c)| c.starts_with(major))
        .fold(0, |mask, (i, _)| mask | 1u32.checked_shl(i as u32).unwrap_or(0))
}

/// The category mask of one character: a match rather than a lookup by
/// name, since it runs once per character tested against a property.
pub(crate) fn category_of(c: char) -> u32 {
    use GeneralCategory as G;
    // Positions in `CATEGORIES`.
    let index = match get_general_category(c) {
        G::Control => 0,
        G::Format => 1,
        G::Unassigned => 2,
        G::PrivateUse => 3,
        G::Surrogate => 4,
        G::LowercaseLetter => 5,
        G::ModifierLetter => 6,
        G::OtherLetter => 7,
        G::TitlecaseLetter => 8,
        G::UppercaseLetter => 9,
        G::SpacingMark => 10,
        G::EnclosingMark => 11,
        G::NonspacingMark => 12,
        G::DecimalNumber => 13,
        G::LetterNumber => 14,
        G::OtherNumber => 15,
        G::ConnectorPunctuation => 16,
        G::DashPunctuation => 17,
        G::ClosePunctuation => 18,
        G::FinalPunctuation => 19,
        G::InitialPunctuation => 20,
        G::OtherPunctuation => 21,
        G::OpenPunctuation => 22,
        G::CurrencySymbol => 23,
        G::ModifierSymbol => 24,
        G::MathSymbol => 25,
        G::OtherSymbol => 26,
        G::LineSeparator => 27,
        G::ParagraphSeparator => 28,
        G::SpaceSeparator => 29,
        // The enum is non-exhaustive; a variant added later is found by its abbreviation.
        other => return category_bit(other.abbreviation()),
    };
    1u32 << index
}

/// Cased letters (`Lu`, `Ll`, `Lt`): what Java's `\p{Lu}`, `\p{Ll}` and
/// `\p{Lt}` all mean under `(?i)`.
fn cased_mask() -> u32 {
    category_bit("Lu") | category_bit("Ll") | category_bit("Lt")
}

/// A set of characters given by a name rather than by listing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prop {
    /// A union of general categories (one bit per entry of `CATEGORIES`).
    Category(u32),
    /// `\d`: `[0-9]`.
    Digit,
    /// `\w`: `[a-zA-Z_0-9]`.
    Word,
    /// `\s`: `[ \t\n\x0B\f\r]`.
    Space,
    /// `\h`: horizontal whitespace.
    HSpace,
    /// `\v`: vertical whitespace.
    VSpace,
    /// A POSIX class such as `\p{Alpha}`, which Java limits to US-ASCII.
    Posix(Posix),
    /// `\p{L1}`: Latin-1, U+0000 to U+00FF.
    Latin1,
    /// `\p{all}`: every character.
    All,
    /// `\p{javaLowerCase}`, `\p{IsLowercase}`: `char::is_lowercase`, i.e.
    /// `Ll` plus Other_Lowercase, which is what `Character.isLowerCase` is.
    Lowercase,
    /// `\p{javaUpperCase}`, `\p{IsUppercase}`: `Lu` plus Other_Uppercase.
    Uppercase,
    /// The three above under `(?i)`: lowercase, uppercase or titlecase.
    AnyCase,
    /// `\p{IsAlphabetic}`: the Alphabetic property.
    Alphabetic,
    /// `\p{IsWhite_Space}`: the White_Space property.
    WhiteSpace,
    /// `\p{javaWhitespace}`: `Character.isWhitespace`.
    JavaWhitespace,
    /// `\p{IsHex_Digit}`: as Java defines it (see `contains`).
    HexDigit,
    /// `\p{IsJoin_Control}`: U+200C and U+200D.
    JoinControl,
    /// `\p{IsNoncharacter_Code_Point}`.
    Noncharacter,
    /// `\p{IsWord}`: UTS #18 word characters.
    UnicodeWord,
    /// `\p{IsAlnum}`: Alphabetic or `Nd`.
    UnicodeAlnum,
    /// `\p{IsBlank}`: `Zs` or tab.
    UnicodeBlank,
    /// `\p{IsGraph}`: not whitespace, `Cc`, `Cs` or `Cn`.
    UnicodeGraph,
    /// `\p{IsPrint}`: graph or blank, and not a control.
    UnicodePrint,
}

/// Java's POSIX character classes, all US-ASCII only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Posix {
    Lower,
    Upper,
    Ascii,
    Alpha,
    Digit,
    Alnum,
    Punct,
    Graph,
    Print,
    Blank,
    Cntrl,
    XDigit,
    Space,
    /// `\p{Lower}` or `\p{Upper}` under `(?i)`: `[a-zA-Z]`.
    Cased,
}

impl Posix {
    fn contains(self, c: char) -> bool {
        match self {
            Posix::Lower => c.is_ascii_lowercase(),
            Posix::Upper => c.is_ascii_uppercase(),
            Posix::Ascii => c.is_ascii(),
            Posix::Alpha | Posix::Cased => c.is_ascii_alphabetic(),
            Posix::Digit => c.is_ascii_digit(),
            Posix::Alnum => c.is_ascii_alphanumeric(),
            Posix::Punct => c.is_ascii_punctuation(),
            Posix::Graph => c.is_ascii_graphic(),
            Posix::Print => c.is_ascii_graphic() || c == ' ',
            Posix::Blank => c == ' ' || c == '\t',
            Posix::Cntrl => c.is_ascii_control(),
            Posix::XDigit => c.is_ascii_hexdigit(),
            Posix::Space => is_space(c),
        }
    }
}

/// Java's `\s` (without `UNICODE_CHARACTER_CLASS`).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
}

/// Java's `\w` (without `UNICODE_CHARACTER_CLASS`), also what `\b` looks at.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// What `.` does not match without `(?s)`, and what `$` and `\Z` may precede.
pub(crate) fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn has_category(c: char, mask: u32) -> bool {
    category_of(c) & mask != 0
}

impl Prop {
    pub(crate) fn contains(self, c: char) -> bool {
        match self {
            Prop::Category(mask) => has_category(c, mask),
            Prop::Digit => c.is_ascii_digit(),
            Prop::Word => is_word_char(c),
            Prop::Space => is_space(c),
            Prop::HSpace => matches!(
                c,
                ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{180e}' | '\u{2000}'
                    ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
            ),
            Prop::VSpace => matches!(c, '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
            Prop::Posix(posix) => posix.contains(c),
            Prop::Latin1 => u32::from(c) <= 0xff,
            Prop::All => true,
            Prop::Lowercase => c.is_lowercase(),
            Prop::Uppercase => c.is_uppercase(),
            Prop::AnyCase => c.is_lowercase() || c.is_uppercase() || has_category(c, category_bit("Lt")),
            Prop::Alphabetic => c.is_alphabetic(),
            Prop::WhiteSpace => c.is_whitespace(),
            Prop::JavaWhitespace => {
                // Space separators except the no-break ones, plus some controls.
                (has_category(c, major_mask('Z')) && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
                    || matches!(c, '\t'..='\r' | '\u{1c}'..='\u{1f}')
            }
            // Java's Hex_Digit is UTS #18's: any decimal digit (`Nd`) plus the ASCII and fullwidth letters a-f.
            Prop::HexDigit => {
                has_category(c, category_bit("Nd"))
                    || matches!(c, 'a'..='f' | 'A'..='F' | '\u{ff21}'..='\u{ff26}' | '\u{ff41}'..='\u{ff46}')
            }
            Prop::JoinControl => matches!(c, '\u{200c}' | '\u{200d}'),
            Prop::Noncharacter => {
                let v = u32::from(c);
                (0xfdd0..=0xfdef).contains(&v) || v & 0xfffe == 0xfffe
            }
            Prop::UnicodeWord => {
                c.is_alphabetic()
                    || has_category(
                        c,
                        category_bit("Mn")
                            | category_bit("Me")
                            | category_bit("Mc")
                            | category_bit("Nd")
                            | category_bit("Pc"),
                    )
                    || Prop::JoinControl.contains(c)
            }
            Prop::UnicodeAlnum => c.is_alphabetic() || has_category(c, category_bit("Nd")),
            Prop::UnicodeBlank => c == '\t' || has_category(c, category_bit("Zs")),
            Prop::UnicodeGraph => {
                !c.is_whitespace() && !has_category(c, category_bit("Cc") | category_bit("Cs") | category_bit("Cn"))
            }
            Prop::UnicodePrint => {
                (Prop::UnicodeGraph.contains(c) || Prop::UnicodeBlank.contains(c))
                    && !has_category(c, category_bit("Cc"))
            }
        }
    }
}

/// Looks up the name inside `\p{..}` (or the letter of `\pL`) as Java does;
/// `icase` is whether `(?i)` is on, which widens the case properties. `Err`
/// carries why the name is refused.
pub(crate) fn property(name: &str, icase: bool) -> Result<Prop, String> {
    if let Some((key, value)) = name.split_once('=') {
        return match key {
            "gc" | "general_category" => {
                category(value, icase).ok_or_else(|| format!("unknown general category '{value}'"))
            }
            "sc" | "script" | "blk" | "block" => Err(format!(
                "Unicode scripts and blocks ('\\p{{{name}}}') are not supported"
            )),
            _ => Err(format!("unknown character property '{name}'")),
        };
    }
    if let Some(rest) = name.strip_prefix("Is") {
        if let Some(prop) = binary_property(rest, icase) {
            return Ok(prop);
        }
        if let Some(prop) = category(rest, icase).or_else(|| java_property(rest, icase)) {
            return Ok(prop);
        }
        return Err(format!(
            "unknown or unsupported character property '{name}' (Unicode scripts are not supported)"
        ));
    }
    if name.starts_with("In") {
        return Err(format!("Unicode blocks ('\\p{{{name}}}') are not supported"));
    }
    category(name, icase)
        .or_else(|| java_property(name, icase))
        .ok_or_else(|| {
            if name.starts_with("java") {
                format!("unsupported character property '{name}'")
            } else {
                format!("unknown character property '{name}'")
            }
        })
}

/// A general category, a major class (`L`) or Java's extras (`LC`, `LD`).
fn category(name: &str, icase: bool) -> Option<Prop> {
    let mask = match name {
        "L" | "M" | "N" | "P" | "S" | "Z" | "C" => major_mask(name.chars().next()?),
        "LC" => cased_mask(),
        "LD" => major_mask('L') | category_bit("Nd"),
        _ => category_bit(name),
    };
    if mask == 0 {
        return None;
    }
    // Java widens a case category to all cased letters under (?i).
    let widened = if icase && matches!(name, "Lu" | "Ll" | "Lt") {
        cased_mask()
    } else {
        mask
    };
    Some(Prop::Category(widened))
}

/// POSIX classes and the `java.lang.Character` methods, by their Java names.
fn java_property(name: &str, icase: bool) -> Option<Prop> {
    let posix = match name {
        "Lower" if icase => Posix::Cased,
        "Upper" if icase => Posix::Cased,
        "Lower" => Posix::Lower,
        "Upper" => Posix::Upper,
        "ASCII" => Posix::Ascii,
        "Alpha" => Posix::Alpha,
        "Digit" => Posix::Digit,
        "Alnum" => Posix::Alnum,
        "Punct" => Posix::Punct,
        "Graph" => Posix::Graph,
        "Print" => Posix::Print,
        "Blank" => Posix::Blank,
        "Cntrl" => Posix::Cntrl,
        "XDigit" => Posix::XDigit,
        "Space" => Posix::Space,
        _ => {
            return match name {
                "L1" => Some(Prop::Latin1),
                "all" => Some(Prop::All),
                "javaLowerCase" | "javaUpperCase" if icase => Some(Prop::AnyCase),
                "javaLowerCase" => Some(Prop::Lowercase),
                "javaUpperCase" => Some(Prop::Uppercase),
                "javaWhitespace" => Some(Prop::JavaWhitespace),
                "javaLetter" => Some(Prop::Category(major_mask('L'))),
                "javaDigit" => Some(Prop::Category(category_bit("Nd"))),
                "javaLetterOrDigit" => Some(Prop::Category(major_mask('L') | category_bit("Nd"))),
                "javaAlphabetic" => Some(Prop::Alphabetic),
                "javaISOControl" => Some(Prop::Category(category_bit("Cc"))),
                "javaTitleCase" if icase => Some(Prop::AnyCase),
                "javaTitleCase" => Some(Prop::Category(category_bit("Lt"))),
                "javaSpaceChar" => Some(Prop::Category(major_mask('Z'))),
                "javaDefined" => Some(Prop::Category(!category_bit("Cn") & ((1 << CATEGORIES.len()) - 1))),
                _ => None,
            };
        }
    };
    Some(Prop::Posix(posix))
}

/// Unicode binary properties after `Is` (`\p{IsAlphabetic}`). Java compares
/// these names without regard to case, and accepts the spellings with and
/// without `_` listed here.
fn binary_property(name: &str, icase: bool) -> Option<Prop> {
    let upper = name.to_ascii_uppercase();
    Some(match upper.as_str() {
        "ALPHABETIC" => Prop::Alphabetic,
        "ASSIGNED" => Prop::Category(!category_bit("Cn") & ((1 << CATEGORIES.len()) - 1)),
        "CONTROL" => Prop::Category(category_bit("Cc")),
        "HEXDIGIT" | "HEX_DIGIT" => Prop::HexDigit,
        "JOINCONTROL" | "JOIN_CONTROL" => Prop::JoinControl,
        "LETTER" => Prop::Category(major_mask('L')),
        "LOWERCASE" | "UPPERCASE" | "TITLECASE" | "LOWER" | "UPPER" if icase => Prop::AnyCase,
        "LOWERCASE" | "LOWER" => Prop::Lowercase,
        "UPPERCASE" | "UPPER" => Prop::Uppercase,
        // After `Is`, the POSIX names mean their Unicode (UTS #18) versions, not the ASCII classes.
        "ALPHA" => Prop::Alphabetic,
        "PUNCT" => Prop::Category(major_mask('P')),
        "SPACE" => Prop::WhiteSpace,
        "XDIGIT" => Prop::HexDigit,
        "CNTRL" => Prop::Category(category_bit("Cc")),
        "TITLECASE" => Prop::Category(category_bit("Lt")),
        "NONCHARACTERCODEPOINT" | "NONCHARACTER_CODE_POINT" => Prop::Noncharacter,
        "PUNCTUATION" => Prop::Category(major_mask('P')),
        "WHITESPACE" | "WHITE_SPACE" => Prop::WhiteSpace,
        "DIGIT" => Prop::Category(category_bit("Nd")),
        "WORD" => Prop::UnicodeWord,
        "ALNUM" => Prop::UnicodeAlnum,
        "BLANK" => Prop::UnicodeBlank,
        "GRAPH" => Prop::UnicodeGraph,
        "PRINT" => Prop::UnicodePrint,
        _ => return None,
    })
}

/// A character class as a tree: Java builds `[a-z&&[^aeiou]]` from unions,
/// intersections and complements, and `(?i)` applies to the leaves only.
#[derive(Debug, Clone)]
pub(crate) enum Set {
    /// An inclusive range of code points. Code points rather than `char`s,
    /// because a range may start or end at a lone surrogate (`\uD800`), which
    /// no Rust text contains; `icase` adds the other ASCII case of the
    /// character tested, as Java's `(?i)` does.
    Range {
        lo: u32,
        hi: u32,
        icase: bool,
    },
    Prop(Prop),
    Not(Box<Set>),
    Union(Vec<Set>),
    And(Vec<Set>),
}

impl Set {
    pub(crate) fn contains(&self, c: char) -> bool {
        match self {
            Set::Range { lo, hi, icase } => {
                let inside = |c: char| (*lo..=*hi).contains(&u32::from(c));
                inside(c) || (*icase && (inside(c.to_ascii_lowercase()) || inside(c.to_ascii_uppercase())))
            }
            Set::Prop(prop) => prop.contains(c),
            Set::Not(set) => !set.contains(c),
            Set::Union(sets) => sets.iter().any(|s| s.contains(c)),
            Set::And(sets) => sets.iter().all(|s| s.contains(c)),
        }
    }
}
