//! Errors from building, validating, sending and reading values.

/// `build()` was called on a builder whose required member has no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    member: &'static str,
    structure: &'static str,
}

impl BuildError {
    #[doc(hidden)]
    pub fn missing_field(member: &'static str, structure: &'static str) -> BuildError {
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

/// The value of a required member, or the [`BuildError`] that names it.
#[doc(hidden)]
#[inline]
pub fn required<T>(value: Option<T>, member: &'static str, structure: &'static str) -> Result<T, BuildError> {
    value.ok_or(BuildError { member, structure })
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
    #[doc(hidden)]
    pub fn check(violations: Vec<ConstraintViolation>) -> Result<(), ValidationError> {
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
    #[doc(hidden)]
    pub fn new(path: &Path<'_>, rule: Rule) -> ConstraintViolation {
        ConstraintViolation {
            path: path.to_string(),
            rule,
        }
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

/// Where a value sits below the value being validated, as a chain of
/// borrowed steps: validating allocates nothing until a violation is found.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The value `validate()` was called on.
    Root,
    /// A member of a structure or union.
    Member(&'a Path<'a>, &'static str),
    /// An item of a list.
    Index(&'a Path<'a>, usize),
    /// The value under a map key.
    Entry(&'a Path<'a>, &'a str),
    /// A map key itself.
    Key(&'a Path<'a>, &'a str),
}

/// `Filters[0].value`, `Tags["env"]`, `Tags["env"] (key)`.
impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(Path::Root, name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Entry(parent, key) => write!(f, "{parent}[{key:?}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}] (key)"),
        }
    }
}

/// The constraint checks of one value under validation, chained: each one
/// that fails records a violation at the value's path. Generated
/// `validate_into` methods make one call per constraint, so the rules live
/// here, once.
#[doc(hidden)]
pub struct Check<'v, 'p> {
    violations: &'v mut Vec<ConstraintViolation>,
    path: Path<'p>,
}

impl<'v, 'p> Check<'v, 'p> {
    /// Checks of member `name` of the value at `parent`.
    pub fn member(violations: &'v mut Vec<ConstraintViolation>, parent: &'p Path<'p>, name: &'static str) -> Self {
        Check {
            violations,
            path: Path::Member(parent, name),
        }
    }

    /// Checks of the value at `path` (a list item, a map key or entry).
    pub fn at(violations: &'v mut Vec<ConstraintViolation>, path: &Path<'p>) -> Self {
        Check {
            violations,
            path: *path,
        }
    }

    fn push(&mut self, rule: Rule) {
        self.violations.push(ConstraintViolation::new(&self.path, rule));
    }

    /// `@required`: the member has no value.
    pub fn missing(mut self) {
        self.push(Rule::Required);
    }

    /// `@length`: `length` (characters, bytes or items, as the caller
    /// counted them) is at least `min` and at most `max`.
    pub fn length(mut self, length: usize, min: u64, max: Option<u64>) -> Self {
        // A length beyond u64 (not on any target Rust has) is too long.
        let length = u64::try_from(length).unwrap_or(u64::MAX);
        if length < min {
            self.push(Rule::LengthBelow { length, min });
        }
        if let Some(max) = max.filter(|max| length > *max) {
            self.push(Rule::LengthAbove { length, max });
        }
        self
    }

    /// `@range`: `value` is at least `min` (which the model writes as `shown`).
    pub fn range_min<T: PartialOrd + std::fmt::Display>(mut self, value: T, min: T, shown: &'static str) -> Self {
        if value < min {
            self.push(Rule::RangeBelow {
                value: value.to_string(),
                min: shown,
            });
        }
        self
    }

    /// `@range`: `value` is at most `max` (which the model writes as `shown`).
    pub fn range_max<T: PartialOrd + std::fmt::Display>(mut self, value: T, max: T, shown: &'static str) -> Self {
        if value > max {
            self.push(Rule::RangeAbove {
                value: value.to_string(),
                max: shown,
            });
        }
        self
    }

    /// `@pattern`: whether the value matched `pattern`.
    pub fn pattern(mut self, matched: bool, pattern: &'static str) -> Self {
        if !matched {
            self.push(Rule::Pattern { pattern });
        }
        self
    }
}

/// What every error response carries: its code, message, request id and
/// HTTP status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    /// The error shape's name, which picks the modelled error.
    pub(crate) shape: Option<String>,
    /// A query-compatible service's own code for the error and its type
    /// (boxed: rare, and every error result carries this struct).
    pub(crate) query: Option<Box<QueryError>>,
    pub(crate) message: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) status: Option<http::StatusCode>,
}

impl ErrorMetadata {
    #[doc(hidden)]
    pub fn new(status: http::StatusCode, request_id: Option<String>) -> ErrorMetadata {
        ErrorMetadata {
            request_id,
            status: Some(status),
            ..ErrorMetadata::default()
        }
    }

    /// The error code: the error shape's name, from the `X-Amzn-Errortype`
    /// header or the body's `code` or `__type`, without namespace or suffix.
    /// A service that moved from the awsQuery protocol (`@awsQueryCompatible`,
    /// such as SQS) keeps its query error codes, and this is that code
    /// (`AWS.SimpleQueueService.NonExistentQueue`) when the response's
    /// `x-amzn-query-error` header gives one.
    pub fn code(&self) -> Option<&str> {
        match &self.query {
            Some(query) => Some(&query.code),
            None => self.shape.as_deref(),
        }
    }

    /// The error shape's name the response gives (`QueueDoesNotExist`), which
    /// picks the modelled error; the same as [`code`](Self::code) except for a
    /// query-compatible service's errors.
    pub fn shape_name(&self) -> Option<&str> {
        self.shape.as_deref()
    }

    /// How the AWS SDKs' standard retry mode classifies the response: a
    /// throttling error code or HTTP 429 is [`ErrorKind::Throttling`], a
    /// transient code (`RequestTimeout`...) or HTTP 500, 502, 503 or 504
    /// [`ErrorKind::Transient`], any other 5xx [`ErrorKind::Server`], the
    /// rest [`ErrorKind::Client`]. A modelled error's `@retryable` trait
    /// wins over this ([`ServiceError::kind`]).
    pub fn kind(&self) -> ErrorKind {
        // A query-compatible service's code and its error shape's name both count.
        let names = [self.code(), self.shape_name()];
        let named = |codes: &[&str]| names.iter().flatten().any(|name| codes.contains(name));
        let status = self.status.map_or(0, |s| s.as_u16());
        if named(THROTTLING_CODES) || status == 429 {
            ErrorKind::Throttling
        } else if named(TRANSIENT_CODES) || matches!(status, 500 | 502 | 503 | 504) {
            ErrorKind::Transient
        } else if (500..600).contains(&status) {
            ErrorKind::Server
        } else {
            ErrorKind::Client
        }
    }

    /// Who is at fault, `Sender` or `Receiver`, from a query-compatible
    /// service's `x-amzn-query-error` header.
    pub fn error_type(&self) -> Option<&str> {
        self.query.as_ref().map(|query| query.error_type.as_str())
    }

    /// The message, from the body's `message`, `Message` or `errorMessage`.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request id, from the `x-amzn-RequestId` header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> Option<http::StatusCode> {
        self.status
    }
}

/// How the AWS SDKs' standard retry mode classifies an error: what a retry
/// policy should do with it.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The service is throttling the caller: retry after backing off.
    Throttling,
    /// A transient failure (a timeout, HTTP 500, 502, 503 or 504): retry.
    Transient,
    /// Another failure of the service (HTTP 5xx): not retried.
    Server,
    /// The request itself is at fault (HTTP 4xx): the same request fails again.
    Client,
}

impl ErrorKind {
    /// Whether the standard retry mode retries it (throttling and transient
    /// errors).
    pub fn is_retryable(self) -> bool {
        matches!(self, ErrorKind::Throttling | ErrorKind::Transient)
    }
}

/// Error codes the AWS SDKs' standard retry mode treats as throttling.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "EC2ThrottledException",
];

/// Error codes the standard retry mode treats as transient.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"];

/// How a modelled error displays: `Name`, or `Name: message`. One function
/// for every error structure, rather than a formatting chain in each.
#[doc(hidden)]
pub fn display_error(f: &mut std::fmt::Formatter<'_>, name: &str, message: Option<&str>) -> std::fmt::Result {
    f.write_str(name)?;
    if let Some(message) = message {
        f.write_str(": ")?;
        f.write_str(message)?;
    }
    Ok(())
}

/// What every error a generated crate returns can tell, whatever the
/// service: one trait, so that logging, metrics or a retry loop can be
/// written once for every generated crate. Operation error enums, modelled
/// error structures and [`Unhandled`] implement it.
pub trait ServiceError: std::error::Error {
    /// Code, message, request id and status of the error response.
    fn meta(&self) -> &ErrorMetadata;

    /// The error code; see [`ErrorMetadata::code`].
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The error message.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }

    /// The request id from the `x-amzn-RequestId` header.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }

    /// The HTTP status of the response.
    fn status(&self) -> Option<http::StatusCode> {
        self.meta().status()
    }

    /// How the standard retry mode treats the error: the model's
    /// `@retryable` trait where it has one, else the code and status of
    /// the response ([`ErrorMetadata::kind`]).
    fn kind(&self) -> ErrorKind {
        self.meta().kind()
    }
}

/// The `x-amzn-query-error` header's two parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QueryError {
    pub(crate) code: String,
    pub(crate) error_type: String,
}

/// An error response the operation does not model, or a response that could
/// not be read. It keeps the raw body.
#[derive(Debug)]
pub struct Unhandled {
    meta: ErrorMetadata,
    // Boxed, not a `Vec`: every operation's error enum holds an `Unhandled`,
    // so its size is theirs.
    body: Box<[u8]>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Unhandled {
    #[doc(hidden)]
    pub fn new(
        meta: ErrorMetadata,
        body: &[u8],
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Unhandled {
        Unhandled {
            meta,
            body: body.into(),
            source,
        }
    }

    /// Code, message, request id and status.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    /// The response body as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Why the response could not be read, when that is the problem: the
    /// body codec's error (with its position), or a header or payload that
    /// does not hold what the model says.
    pub fn parse_error(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

impl std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = self
            .meta
            .status
            .map(|s| s.as_u16().to_string())
            .unwrap_or_else(|| "?".to_owned());
        match &self.source {
            Some(e) => write!(f, "cannot read the response body (HTTP {status}): {e}"),
            None => {
                write!(
                    f,
                    "unhandled error {} (HTTP {status})",
                    self.meta.code().unwrap_or("without a code")
                )?;
                if let Some(message) = &self.meta.message {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
        }
    }
}

impl ServiceError for Unhandled {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}

/// A request could not be built: the input breaks the model's constraints,
/// or the endpoint or a host label is not usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildRequestError {
    /// The input breaks constraints of the model.
    Invalid(ValidationError),
    /// The endpoint, a host label or a header value cannot be used.
    Other(String),
}

impl BuildRequestError {
    #[doc(hidden)]
    pub fn new(message: String) -> BuildRequestError {
        BuildRequestError::Other(message)
    }
}

impl From<ValidationError> for BuildRequestError {
    fn from(e: ValidationError) -> BuildRequestError {
        BuildRequestError::Invalid(e)
    }
}

impl std::fmt::Display for BuildRequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildRequestError::Invalid(e) => write!(f, "invalid input:\n{e}"),
            BuildRequestError::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for BuildRequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildRequestError::Invalid(e) => Some(e),
            BuildRequestError::Other(_) => None,
        }
    }
}

/// Why a paginator stopped with an error.
#[derive(Debug)]
pub enum PaginationError<E> {
    /// The send function failed.
    Send(E),
    /// The service returned the same page token twice, which would loop forever.
    RepeatedToken(String),
}

impl<E: std::fmt::Display> std::fmt::Display for PaginationError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PaginationError::Send(e) => write!(f, "{e}"),
            PaginationError::RepeatedToken(token) => {
                write!(
                    f,
                    "the service returned the page token `{token}` twice; stopping to avoid a loop"
                )
            }
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for PaginationError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PaginationError::Send(e) => Some(e),
            PaginationError::RepeatedToken(_) => None,
        }
    }
}
