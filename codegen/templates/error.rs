/// `build()` was called on a builder whose required member has no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    member: &'static str,
    structure: &'static str,
}

impl BuildError {
    #[allow(dead_code)]
    pub(crate) fn missing_field(member: &'static str, structure: &'static str) -> BuildError {
        BuildError { member, structure }
    }

    /// The member that has no value, as the model names it.
    pub fn member(&self) -> &str {
        self.member
    }

    /// The structure being built.
    pub fn structure(&self) -> &str {
        self.structure
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` was not specified but it is required when building `{}`",
            self.member, self.structure
        )
    }
}

impl std::error::Error for BuildError {}

/// Every constraint of the model that a value breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<ConstraintViolation>,
}

impl ValidationError {
    pub(crate) fn check(violations: Vec<ConstraintViolation>) -> Result<(), ValidationError> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }

    /// The violations, in member order.
    pub fn violations(&self) -> &[ConstraintViolation] {
        &self.violations
    }
}

/// One violation per line.
impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A value that breaks one constraint: where, and which rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintViolation {
    path: String,
    rule: Rule,
}

impl ConstraintViolation {
    #[allow(dead_code)]
    pub(crate) fn new(path: &str, rule: Rule) -> ConstraintViolation {
        ConstraintViolation { path: path.to_owned(), rule }
    }

    /// The member path with wire names and list indexes, e.g. `Filters[0].value`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The rule that is broken.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

/// `Filters[0].value: length 0 is below the minimum of 1`.
impl std::fmt::Display for ConstraintViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)
    }
}

/// A constraint of the model.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `@required`: the member has no value.
    Required,
    /// `@length`: too short (characters for strings, items for lists and maps).
    LengthBelow {
        /// The length found.
        length: u64,
        /// The minimum.
        min: u64,
    },
    /// `@length`: too long.
    LengthAbove {
        /// The length found.
        length: u64,
        /// The maximum.
        max: u64,
    },
    /// `@range`: too small.
    RangeBelow {
        /// The value found.
        value: String,
        /// The minimum, as the model writes it.
        min: &'static str,
    },
    /// `@range`: too large.
    RangeAbove {
        /// The value found.
        value: String,
        /// The maximum, as the model writes it.
        max: &'static str,
    },
    /// `@pattern`: the value does not match the regular expression.
    Pattern {
        /// The pattern.
        pattern: &'static str,
    },
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rule::Required => f.write_str("is required but has no value"),
            Rule::LengthBelow { length, min } => write!(f, "length {length} is below the minimum of {min}"),
            Rule::LengthAbove { length, max } => write!(f, "length {length} is above the maximum of {max}"),
            Rule::RangeBelow { value, min } => write!(f, "value {value} is below the minimum of {min}"),
            Rule::RangeAbove { value, max } => write!(f, "value {value} is above the maximum of {max}"),
            Rule::Pattern { pattern } => write!(f, "does not match the pattern `{pattern}`"),
        }
    }
}

/// The path of a member below `parent` (the top level is the empty path).
#[allow(dead_code)]
pub(crate) fn member_path(parent: &str, member: &str) -> String {
    if parent.is_empty() {
        member.to_owned()
    } else {
        format!("{parent}.{member}")
    }
}
