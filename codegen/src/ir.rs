//! The intermediate representation: everything the emitters need, decided.
//!
//! Every Rust name, Rust type, nullability, wire name and validation rule is
//! fixed here by [`crate::resolve`]. Emitters read only this.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::ShapeId;
use crate::names::RustIdent;

/// A whole generated crate.
#[derive(Debug, Clone)]
pub struct CrateIr {
    /// The package name (`ssm`).
    pub crate_name: String,
    /// The package's version and metadata.
    pub package: PackageIr,
    /// Where the runtime modules come from.
    pub runtime: Runtime,
    /// The model file name the crate was generated from.
    pub model_file: String,
    /// SHA-256 of the model file, in hex.
    pub model_sha256: String,
    /// The service.
    pub service: ServiceIr,
    /// Operations, sorted by module name.
    pub operations: Vec<OperationIr>,
    /// Structures, sorted by Rust path.
    pub structures: Vec<StructIr>,
    /// Enums (string and integer), sorted by Rust path.
    pub enums: Vec<EnumIr>,
    /// Unions, sorted by Rust path.
    pub unions: Vec<UnionIr>,
    /// Distinct `@pattern` regexes; [`Constraints::pattern`] indexes this.
    /// Those with a [`PatternIr::table_index`] are compiled into the crate.
    pub patterns: Vec<PatternIr>,
    /// Structures and unions a caller sends (operation inputs and what they
    /// hold, enums too): only these have `validate()`.
    pub sent: std::collections::BTreeSet<TypePath>,
    /// Structures, unions and enums a waiter can read (the inputs and
    /// outputs of operations with waiters, and what they hold): only these
    /// implement `waiter::Inspect`.
    pub inspected: std::collections::BTreeSet<TypePath>,
    /// Sent structures and unions with something to validate, here or in a
    /// value they hold.
    pub validated: std::collections::BTreeSet<TypePath>,
    /// Protocol compliance cases from `smithy.test#httpRequestTests` and
    /// `httpResponseTests`, when asked for.
    pub protocol_tests: Vec<ProtocolTestIr>,
    /// `request()` runs `validate()` and refuses input that breaks a
    /// constraint (off by default: Smithy says clients should not enforce
    /// constraints).
    pub validate_requests: bool,
    /// No generated item is named like an item of Rust's prelude (`Option`,
    /// `String`, `Some`...): the code writes those short, not as
    /// `::std::option::Option`.
    pub prelude_free: bool,
    /// What the crate does not enforce (see [`crate::warning::Warning`]).
    pub warnings: Vec<crate::warning::Warning>,
    /// Endpoint resolution from the service's rule set, if it has one.
    pub endpoint: Option<EndpointIr>,
    /// What some services need that no trait describes.
    pub customizations: Customizations,
}

/// Service customizations no Smithy trait describes, which the AWS SDKs
/// apply by service (API Gateway's `Accept`, Glacier's version header,
/// account id and checksums); set in the config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Customizations {
    /// Headers every request carries (an input member bound to the same
    /// header replaces it).
    pub headers: std::collections::BTreeMap<String, String>,
    /// `@httpLabel` members (by name) and the value sent when the input
    /// leaves them unset or empty (Glacier's `accountId`: `-`).
    pub label_defaults: std::collections::BTreeMap<String, String>,
    /// Glacier's `X-Amz-Content-Sha256` and `X-Amz-Sha256-Tree-Hash` on
    /// requests with a blob payload.
    pub glacier_checksums: bool,
}

impl CrateIr {
    /// The structure generated at `path`, if `path` names one.
    pub fn structure(&self, path: &TypePath) -> Option<&StructIr> {
        self.structures.iter().find(|s| s.path == *path)
    }

    /// The patterns the crate compiles, in table order.
    pub fn checked_patterns(&self) -> impl Iterator<Item = &PatternIr> {
        self.patterns.iter().filter(|p| p.table_index.is_some())
    }

    /// Whether some operation gzip-compresses its requests
    /// (`@requestCompression`): the crate then carries the `compression`
    /// module and depends on `flate2`.
    pub fn uses_request_compression(&self) -> bool {
        self.operations.iter().any(|op| op.gzip)
    }

    /// Whether an operation is `@paginated`, so the crate needs paginators.
    pub fn uses_pagination(&self) -> bool {
        self.operations.iter().any(|op| op.pagination.is_some())
    }

    /// Whether a union is an event stream, so the crate needs the runtime's
    /// `event-stream` feature.
    pub fn uses_event_streams(&self) -> bool {
        self.unions.iter().any(|u| u.event_stream)
    }

    /// Whether an operation has waiters, so the crate needs the runtime's
    /// `waiters` feature.
    pub fn uses_waiters(&self) -> bool {
        self.operations.iter().any(|op| {
            !op.waiters.is_empty()
                || op
                    .endpoint_context
                    .iter()
                    .any(|c| matches!(c.source, ContextSourceIr::Path(_)))
        })
    }
}

/// Where a generated crate gets its runtime (the JSON reader, `DateTime`,
/// errors, the protocol helpers...).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Runtime {
    /// A dependency on the `shapesmith-runtime` crate from the registry,
    /// with this version requirement.
    Version(String),
    /// A dependency on `shapesmith-runtime` at this path, as the generated
    /// crate's `Cargo.toml` writes it (relative to the crate's folder).
    Path(String),
    /// The runtime's modules copied into the crate, unchanged: no
    /// dependency on `shapesmith-runtime`.
    Vendored,
}

/// Vendored while `shapesmith-runtime` is not on crates.io, so that a crate
/// generated anywhere builds with no setting (a registry dependency would
/// not resolve). Once it is published, the default becomes
/// `Runtime::Version(RUNTIME_VERSION)`, and crates generated with no setting
/// share one runtime.
impl Default for Runtime {
    fn default() -> Runtime {
        Runtime::Vendored
    }
}

impl Runtime {
    /// The registry dependency on the `shapesmith-runtime` version this
    /// generator's output needs (the default once it is published).
    pub fn registry() -> Runtime {
        Runtime::Version(RUNTIME_VERSION.to_owned())
    }
}

/// The `shapesmith-runtime` version this generator's output needs.
pub const RUNTIME_VERSION: &str = "0.1.0";

/// The generated crate's package metadata, for its `Cargo.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageIr {
    /// The version (default `0.1.0`).
    pub version: String,
    /// The SPDX licence expression, if any.
    pub license: Option<String>,
    /// The source repository URL, if any.
    pub repository: Option<String>,
    /// The description; default: what the crate is and where it came from.
    pub description: Option<String>,
    /// Whether `cargo publish` may publish it (default: no).
    pub publish: bool,
}

impl Default for PackageIr {
    fn default() -> PackageIr {
        PackageIr {
            version: "0.1.0".to_owned(),
            license: None,
            repository: None,
            description: None,
            publish: false,
        }
    }
}

/// One compliance case that applies to clients, to be emitted as a test.
#[derive(Debug, Clone)]
pub struct ProtocolTestIr {
    /// The case id.
    pub id: String,
    /// The test function's name.
    pub function: RustIdent,
    /// The case's documentation.
    pub docs: Option<String>,
    /// The operation under test.
    pub operation: OperationRef,
    /// What is tested.
    pub kind: ProtocolTestKind,
    /// The values of the input, output or error structure.
    pub params: serde_json::Value,
    /// The structure `params` describes.
    pub params_type: TypePath,
    /// The expected HTTP method (requests).
    pub method: Option<String>,
    /// The expected URI path (requests).
    pub uri: Option<String>,
    /// `name=value` pairs the query must hold, percent-encoded (requests).
    pub query_params: Vec<String>,
    /// Query parameter names that must be absent (requests).
    pub forbid_query_params: Vec<String>,
    /// Query parameter names that must be present (requests).
    pub require_query_params: Vec<String>,
    /// The endpoint host the client is given (requests).
    pub host: Option<String>,
    /// The host the request must go to (requests).
    pub resolved_host: Option<String>,
    /// Headers with their exact values: expected (requests) or sent (responses).
    pub headers: Vec<(String, String)>,
    /// Headers that must be absent.
    pub forbid_headers: Vec<String>,
    /// Headers that must be present.
    pub require_headers: Vec<String>,
    /// The body: expected (requests) or sent (responses).
    pub body: Option<String>,
    /// The body's media type; JSON bodies compare as JSON values.
    pub body_media_type: Option<String>,
    /// The HTTP status (responses).
    pub code: Option<u16>,
    /// The error code and type the case expects the error's metadata to
    /// give, when its `vendorParams` say (`aws.protocoltests.config#ErrorCodeParams`,
    /// used by query-compatible services).
    pub error_code: Option<(String, Option<String>)>,
    /// Why the case is skipped, if it is.
    pub skip: Option<String>,
}

/// Names an operation's type in the generated crate.
#[derive(Debug, Clone)]
pub struct OperationRef {
    /// The module under `crate::operation`.
    pub module: RustIdent,
    /// The operation type.
    pub ident: RustIdent,
}

/// What a compliance case checks.
#[derive(Debug, Clone)]
pub enum ProtocolTestKind {
    /// The request built from the input.
    Request,
    /// The output read from a successful response.
    Response,
    /// The modelled error read from an error response.
    ErrorResponse(OperationErrorIr),
}

/// The service shape.
#[derive(Debug, Clone)]
pub struct ServiceIr {
    /// Its shape id.
    pub id: ShapeId,
    /// The service shape name, the first half of `X-Amz-Target`.
    pub name: String,
    /// The service version.
    pub version: Option<String>,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// Its `@title`, if any.
    pub title: Option<String>,
    /// The wire protocol it speaks, by name.
    pub protocol: Protocol,
    /// How its message bodies are written and read.
    pub codec: BodyCodec,
    /// How its error responses carry the error's code and message.
    pub errors: ErrorEnvelope,
}

/// The wire protocol a service speaks: what protocol tests and messages name.
/// What it decides is in [`BodyCodec`], [`ErrorEnvelope`] and each
/// operation's [`Bindings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#restJson1`.
    RestJson1,
}

impl Protocol {
    /// Every protocol shapesmith generates clients for, in the order a
    /// service that lists several is served (the AWS SDKs prefer awsJson).
    pub const SUPPORTED: [Protocol; 3] = [Protocol::AwsJson1_0, Protocol::AwsJson1_1, Protocol::RestJson1];

    /// The protocol's trait id, as models and protocol tests name it.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => crate::model::trait_ids::AWS_JSON_1_0,
            Protocol::AwsJson1_1 => crate::model::trait_ids::AWS_JSON_1_1,
            Protocol::RestJson1 => crate::model::trait_ids::REST_JSON_1,
        }
    }

    /// The protocol's name as people write it (`awsJson1_0`).
    pub fn name(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestJson1 => "restJson1",
        }
    }
}

/// How a protocol writes and reads message bodies (and structured
/// payloads). Each codec has its emitter in `emit/codec/` and its reader and
/// writer in the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyCodec {
    /// JSON objects keyed by member name.
    Json {
        /// The media type of bodies and structured payloads.
        media_type: &'static str,
        /// `@jsonName` renames members (restJson1; the awsJson protocols
        /// ignore it).
        json_names: bool,
    },
}

impl BodyCodec {
    /// The media type of a body (or structured payload) it writes.
    pub fn media_type(self) -> &'static str {
        match self {
            BodyCodec::Json { media_type, .. } => media_type,
        }
    }
}

/// Where an error response carries the error's code and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorEnvelope {
    /// The JSON protocols': the code in `X-Amzn-Errortype`, else the body's
    /// `code` or `__type`; the message in `message` or `Message`.
    AwsJson {
        /// `@awsQueryCompatible`: the service moved from awsQuery and keeps
        /// its query error codes in the `x-amzn-query-error` header.
        query_compatible: bool,
    },
    /// restJson1's: as the awsJson one, and a body's `Code` names the error
    /// too (after `code`), as botocore reads it.
    RestJson,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct OperationIr {
    /// Its shape id.
    pub id: ShapeId,
    /// The operation shape name (`DescribeSessions`).
    pub name: String,
    /// The operation type (`DescribeSessions`).
    pub ident: RustIdent,
    /// The module under `operation` (`describe_sessions`).
    pub module: RustIdent,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// The input structure.
    pub input: TypePath,
    /// The output structure.
    pub output: TypePath,
    /// Modelled errors (the operation's and the service's), by name.
    pub errors: Vec<OperationErrorIr>,
    /// `@paginated`, merged with the service's defaults.
    pub pagination: Option<PaginationIr>,
    /// `@endpoint(hostPrefix: ...)`.
    pub host_prefix: Option<HostPrefixIr>,
    /// `@requestCompression` lists gzip: request bodies are gzip-encoded.
    pub gzip: bool,
    /// `@httpChecksumRequired`: requests carry `Content-MD5`.
    pub checksum_required: bool,
    /// An input member whose URL, when set, is the endpoint of the request
    /// (a customization set in the config, e.g. Amazon ML's `Predict`).
    pub endpoint_member: Option<RustIdent>,
    /// `smithy.waiters#waitable`: the waiters whose paths all parse, by name.
    pub waiters: Vec<WaiterIr>,
    /// How the request and response map to HTTP.
    pub bindings: Bindings,
    /// Endpoint-rule parameters the operation binds itself, least specific
    /// first (`@operationContextParams`, `@contextParam`,
    /// `@staticContextParams`): a later one with the same name wins.
    pub endpoint_context: Vec<EndpointContextIr>,
}

/// An endpoint-rule parameter an operation binds from its input or model.
#[derive(Debug, Clone)]
pub struct EndpointContextIr {
    /// The rule-set parameter (`ResourceArn`).
    pub name: String,
    /// Where its value comes from.
    pub source: ContextSourceIr,
}

/// Where an operation's endpoint parameter comes from.
#[derive(Debug, Clone)]
pub enum ContextSourceIr {
    /// `@staticContextParams`: a value in the model.
    Static(EndpointTestValue),
    /// `@contextParam`: an input member (a string or a boolean).
    Member {
        /// The input field.
        field: RustIdent,
        /// `bool` or a string (an enum's wire value).
        kind: EndpointParamKind,
        /// Whether the input member is an enum (sent by its wire value).
        is_enum: bool,
    },
    /// `@operationContextParams`: a JMESPath over the input's members, by
    /// model name (the waiters' engine evaluates it).
    Path(String),
}

impl OperationIr {
    /// The operation's `@http` bindings, in a protocol that has them.
    pub fn http(&self) -> Option<&HttpIr> {
        match &self.bindings {
            Bindings::Http(http) => Some(http),
            Bindings::Rpc { .. } => None,
        }
    }
}

/// How an operation's request and response map to HTTP.
#[derive(Debug, Clone)]
pub enum Bindings {
    /// The RPC protocols (awsJson1_0, awsJson1_1): a `POST /` that names
    /// the operation in a header, every member in the body.
    Rpc {
        /// The `X-Amz-Target` header: `<Service>.<Operation>`.
        target: String,
    },
    /// `@http`: the method and URI, members bound to the path, query,
    /// headers, status or payload ([`MemberIr::http`]), the rest in the body.
    Http(HttpIr),
}

/// An operation's `@http` trait, decided: the method, the URI pattern cut
/// into literal text and labels, the query literals, the success status.
#[derive(Debug, Clone)]
pub struct HttpIr {
    /// `GET`, `POST`...
    pub method: String,
    /// The path, in order.
    pub path: Vec<PathPart>,
    /// Literal query parameters of the URI pattern (`?type=a&flag`).
    pub query: Vec<(String, Option<String>)>,
    /// The success status.
    pub code: u16,
}

/// A piece of an `@http` URI path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text copied as it is.
    Text(String),
    /// `{name}` or `{name+}` (greedy: keeps `/`): an `@httpLabel` member.
    Label {
        /// The input member's index in its structure's members.
        member: usize,
        /// `{name+}`.
        greedy: bool,
    },
}

impl OperationIr {
    /// The operation's error enum (`DescribeSessionsError`).
    pub fn error_ident(&self) -> proc_macro2::Ident {
        error_ident(&self.ident)
    }
}

impl OperationRef {
    /// The operation's error enum (`DescribeSessionsError`).
    pub fn error_ident(&self) -> proc_macro2::Ident {
        error_ident(&self.ident)
    }
}

fn error_ident(operation: &RustIdent) -> proc_macro2::Ident {
    format_ident!("{}Error", operation.base())
}

/// A modelled error of an operation.
#[derive(Debug, Clone)]
pub struct OperationErrorIr {
    /// The error shape.
    pub id: ShapeId,
    /// The variant of the operation's error enum.
    pub variant: RustIdent,
    /// The error structure.
    pub path: TypePath,
    /// The error code on the wire: the error shape's name.
    pub code: String,
    /// `is_<variant>()` on the error enum.
    pub is_method: RustIdent,
}

/// How an operation's pages chain, as fields of its input and output.
#[derive(Debug, Clone)]
pub struct PaginationIr {
    /// The input member that takes the page token.
    pub input_token: RustIdent,
    /// The output member holding the next token, and whether it is optional.
    pub output_token: (RustIdent, bool),
    /// The token's type: a string, or a map with string keys (DynamoDB's
    /// `ExclusiveStartKey`), the same in the input and the output.
    pub token: ValueType,
    /// The input member that sets the page size, and its type.
    pub page_size: Option<(RustIdent, ValueType)>,
    /// The output member holding the items (a list), whether it is
    /// optional, and the item type.
    pub items: Option<(RustIdent, bool, ValueType)>,
}

/// A waiter of `smithy.waiters#waitable`, checked: every path parses with
/// the runtime's JMESPath parser.
#[derive(Debug, Clone)]
pub struct WaiterIr {
    /// The name in the model (`CommandExecuted`).
    pub name: String,
    /// The method that starts it (`wait_until_command_executed`).
    pub method: RustIdent,
    /// The static holding its acceptors (`COMMAND_EXECUTED`).
    pub spec: RustIdent,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// Seconds, the model's or the spec's default (2).
    pub min_delay: u64,
    /// Seconds, the model's or the spec's default (120).
    pub max_delay: u64,
    /// The acceptors, in order.
    pub acceptors: Vec<AcceptorIr>,
    /// `deprecated: true` in the model.
    pub deprecated: bool,
}

/// One acceptor of a waiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptorIr {
    /// `success`, `failure` or `retry`.
    pub state: AcceptorStateIr,
    /// What it matches.
    pub matcher: MatcherIr,
}

/// The state an acceptor leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorStateIr {
    /// `success`.
    Success,
    /// `failure`.
    Failure,
    /// `retry`.
    Retry,
}

/// A waiter matcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatcherIr {
    /// `output` (`input_output: false`) or `inputOutput`: a path, the
    /// expected value, the comparator's name (`stringEquals`...).
    Path {
        /// Whether the path reads `{"input": ..., "output": ...}`.
        input_output: bool,
        /// The JMESPath expression.
        path: String,
        /// The value compared with.
        expected: String,
        /// The comparator as the model names it.
        comparator: String,
    },
    /// `success: true` or `false`.
    Success(bool),
    /// `errorType`.
    ErrorType(String),
}

/// The prefix an operation puts in front of the endpoint's host.
#[derive(Debug, Clone)]
pub struct HostPrefixIr {
    /// The template, e.g. `{label}.data.`.
    pub template: String,
    /// The template cut into text and labels, in order.
    pub parts: Vec<HostPart>,
}

/// A piece of an `@endpoint` host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPart {
    /// Text copied as it is.
    Text(String),
    /// `{label}`: the input member `label`, in `field`.
    Label {
        /// The member's name in the model.
        label: String,
        /// The input field holding its value.
        field: RustIdent,
    },
}

/// Where a generated type lives: `crate::<module...>::<ident>`, defined in a
/// private file module and re-exported from its public module.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypePath {
    /// The public module path under the crate root (`["types"]`).
    pub module: Vec<RustIdent>,
    /// The private module that holds the definition (`_session`).
    pub file_module: RustIdent,
    /// The type name.
    pub ident: RustIdent,
}

impl TypePath {
    /// `crate::types::Session`.
    pub fn tokens(&self) -> TokenStream {
        let module = &self.module;
        let ident = &self.ident;
        quote!(crate #(:: #module)* :: #ident)
    }

    /// `crate::types::Session` as text, for intra-doc links.
    pub fn rust_path(&self) -> String {
        let mut parts = vec!["crate".to_owned()];
        parts.extend(self.module.iter().map(ToString::to_string));
        parts.push(self.ident.to_string());
        parts.join("::")
    }

    /// The builder type's name (`SessionBuilder`).
    pub fn builder_ident(&self) -> proc_macro2::Ident {
        format_ident!("{}Builder", self.ident.base())
    }

    /// `crate::types::builders::SessionBuilder`.
    pub fn builder_tokens(&self) -> TokenStream {
        let module = &self.module;
        let builder = self.builder_ident();
        quote!(crate #(:: #module)* :: builders :: #builder)
    }
}

/// What a structure is for; it decides nullability and the API around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    /// An operation input (`@input`, or used as one): every member optional.
    Input,
    /// An operation output.
    Output,
    /// An error structure (`@error`).
    Error,
    /// Any other structure.
    Plain,
}

/// A structure.
#[derive(Debug, Clone)]
pub struct StructIr {
    /// Its shape id.
    pub id: ShapeId,
    /// Its Rust path.
    pub path: TypePath,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// What it is for.
    pub role: StructRole,
    /// Members in model order.
    pub members: Vec<MemberIr>,
    /// Reachable from an operation output or error: when a response leaves
    /// out a `@required` member, it is filled with its zero value (Smithy's
    /// client error correction) instead of failing.
    pub error_correction: bool,
    /// `@retryable` on an error structure: whether a retry may succeed, and
    /// whether the error means throttling.
    pub retryable: Option<Retryable>,
    /// `@error("server")`: the service is at fault, whatever the status.
    pub server_fault: bool,
    /// An operation's output: it keeps the response's request id.
    pub carries_request_id: bool,
    /// A member of an event stream: its `@eventHeader` members are message
    /// headers (as [`HttpBinding::Header`], named as the member), its
    /// `@eventPayload` member the payload ([`HttpBinding::Payload`]), the
    /// others the payload's JSON object.
    pub event: bool,
    /// An error structure's message member (`message` in any case, a
    /// string), an index into `members`, which its `Display` shows.
    pub message_member: Option<usize>,
}

/// An error structure's `@retryable` trait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retryable {
    /// `@retryable(throttling: true)`: the service is throttling the caller.
    Throttling,
    /// `@retryable`: a transient failure.
    Transient,
}

impl StructIr {
    /// Whether some member is bound to a part of the HTTP message other
    /// than the JSON body: the body then holds only the others.
    pub fn has_http_bindings(&self) -> bool {
        self.members.iter().any(|m| m.http != HttpBinding::Body)
    }

    /// Whether `build()` can fail: some member must be set and has no default.
    pub fn fallible_build(&self) -> bool {
        // Inputs are always fallible so that a member becoming required is
        // not a breaking change (as in the AWS SDK).
        self.role == StructRole::Input || self.members.iter().any(|m| !m.optional && m.default.is_none())
    }

    /// Whether the structure is its own builder's equal: every member an
    /// `Option` held unboxed, and no error metadata. It then derives
    /// `Default`, and a reader fills it in place rather than through a
    /// builder (a builder's `build()` is a copy of the whole value).
    pub fn fills_in_place(&self) -> bool {
        self.role != StructRole::Error && self.members.iter().all(|m| m.optional && !m.boxed)
    }

    /// Whether `Debug` must be written by hand to redact members.
    pub fn has_sensitive(&self) -> bool {
        self.members.iter().any(|m| m.sensitive)
    }
}

/// A member of a structure.
#[derive(Debug, Clone)]
pub struct MemberIr {
    /// The member name in the model.
    pub name: String,
    /// Its name in the body codec's messages: the member name, or its
    /// `@jsonName` where the codec honours it ([`BodyCodec::Json`]).
    pub wire_name: String,
    /// Where the member goes in an HTTP message (restJson1 inputs, outputs
    /// and errors); [`HttpBinding::Body`] everywhere else.
    pub http: HttpBinding,
    /// The Rust field name.
    pub field: RustIdent,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// The value type, with the constraints on it.
    pub value: Element,
    /// The field is `Option<T>` (Smithy's client nullability rules).
    pub optional: bool,
    /// The model marks the member `@required`.
    pub required: bool,
    /// The member (or what it targets) is `@sensitive`: redacted in `Debug`.
    pub sensitive: bool,
    /// The value is boxed: it leads back to its own structure without a
    /// list or map in between, so it needs indirection to have a size.
    pub boxed: bool,
    /// The `@default` value, for members that are plain values because of it.
    pub default: Option<DefaultValue>,
    /// The model's `@default`, also where it does not shape the field (an
    /// input's members stay `Option<T>`): `shapesmith diff` compares it.
    pub model_default: Option<ModelDefault>,
    /// `@idempotencyToken`: filled with a fresh token when the request is
    /// built and the member has no value.
    pub idempotency_token: bool,
}

/// Where a member of an operation's input, output or error goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    /// A member of the JSON body.
    Body,
    /// `@httpLabel`: a segment of the URI path.
    Label {
        /// How a timestamp is written (`date-time` unless the member says).
        format: TimestampFormat,
    },
    /// `@httpQuery`: a query parameter.
    Query {
        /// The parameter name.
        name: String,
        /// How a timestamp is written (`date-time` unless the member says).
        format: TimestampFormat,
    },
    /// `@httpQueryParams`: a map of query parameters.
    QueryParams,
    /// `@httpHeader`: a header.
    Header {
        /// The header name.
        name: String,
        /// How a timestamp is written (`http-date` unless the member says).
        format: TimestampFormat,
        /// `@mediaType` on a string: base64 in the header.
        base64: bool,
    },
    /// `@httpPrefixHeaders`: every header whose name starts with the prefix.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload(PayloadKind),
    /// `@httpResponseCode`: the response's status.
    ResponseCode,
}

/// What an `@httpPayload` member holds, which decides the body's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadKind {
    /// A blob: the bytes as they are.
    Blob {
        /// `@streaming`: may be large, sent as it is.
        streaming: bool,
        /// The `@mediaType`, else `application/octet-stream`.
        media_type: String,
    },
    /// A string or enum: the text as it is.
    Text {
        /// The `@mediaType`, else `text/plain`.
        media_type: String,
    },
    /// A structure, union or document: encoded by the body codec.
    Encoded,
    /// A `@streaming` union: an event stream
    /// (`application/vnd.amazon.eventstream`).
    EventStream,
}

/// A `@default`, checked against the member's type and decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A boolean.
    Bool(bool),
    /// An integer of any width (`byte` to `long`, `intEnum`), in the
    /// member type's range.
    Integer(i64),
    /// A `float` or `double`.
    Float(f64),
    /// A string or an enum's wire value.
    Text(String),
    /// A blob's bytes (the model writes them in base64).
    Bytes(Vec<u8>),
    /// A timestamp: whole seconds since the epoch and nanoseconds.
    Timestamp {
        /// Seconds since the epoch.
        secs: i64,
        /// Nanoseconds, below 1,000,000,000.
        nanos: u32,
    },
    /// A document's JSON value.
    Document(serde_json::Value),
    /// An empty list or map (the only collection defaults Smithy allows).
    Empty,
}

/// A member's `@default` in the model: decoded, and as the model wrote it
/// (for `shapesmith diff`'s messages).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelDefault {
    /// The decoded value.
    pub value: DefaultValue,
    /// The model's JSON text of it.
    pub text: String,
}

/// A value type together with the constraints that apply at that level.
#[derive(Debug, Clone)]
pub struct Element {
    /// The type.
    pub ty: ValueType,
    /// Constraint traits on the member and its target.
    pub constraints: Constraints,
}

/// How a timestamp is written on the wire (`@timestampFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// A JSON number of seconds since the epoch (the awsJson1_1 default).
    EpochSeconds,
    /// An RFC 3339 string.
    DateTime,
    /// An IMF-fixdate string (`Sun, 02 Jan 2000 20:34:56 GMT`).
    HttpDate,
}

/// The Rust type of a value.
#[derive(Debug, Clone)]
pub enum ValueType {
    /// `bool`
    Bool,
    /// `i8`
    Byte,
    /// `i16`
    Short,
    /// `i32`
    Integer,
    /// `i64`
    Long,
    /// `f32`
    Float,
    /// `f64`
    Double,
    /// `String`
    String,
    /// `crate::primitives::BigInteger`
    BigInteger,
    /// `crate::primitives::BigDecimal`
    BigDecimal,
    /// `crate::primitives::Blob` (base64 on the wire)
    Blob,
    /// `crate::primitives::Document` (any JSON value)
    Document,
    /// `crate::primitives::DateTime`, in the given wire format
    Timestamp(TimestampFormat),
    /// A generated structure.
    Struct(TypePath),
    /// A generated enum of strings.
    Enum(TypePath),
    /// A generated enum of integers.
    IntEnum(TypePath),
    /// A generated union.
    Union(TypePath),
    /// `Vec<T>`, or `Vec<Option<T>>` when sparse.
    List {
        /// The element.
        item: Box<Element>,
        /// `@sparse`: elements may be null.
        sparse: bool,
    },
    /// `BTreeMap<K, V>` (ordered, so output is deterministic), values
    /// `Option<V>` when sparse.
    Map {
        /// The key (a string or string enum).
        key: Box<Element>,
        /// The value.
        value: Box<Element>,
        /// `@sparse`: values may be null.
        sparse: bool,
    },
}

impl ValueType {
    /// The Rust type.
    pub fn tokens(&self) -> TokenStream {
        match self {
            ValueType::Bool => quote!(bool),
            ValueType::Byte => quote!(i8),
            ValueType::Short => quote!(i16),
            ValueType::Integer => quote!(i32),
            ValueType::Long => quote!(i64),
            ValueType::Float => quote!(f32),
            ValueType::Double => quote!(f64),
            ValueType::String => quote!(::std::string::String),
            ValueType::BigInteger => quote!(crate::primitives::BigInteger),
            ValueType::BigDecimal => quote!(crate::primitives::BigDecimal),
            ValueType::Blob => quote!(crate::primitives::Blob),
            ValueType::Document => quote!(crate::primitives::Document),
            ValueType::Timestamp(_) => quote!(crate::primitives::DateTime),
            ValueType::Struct(path) | ValueType::Enum(path) | ValueType::IntEnum(path) | ValueType::Union(path) => {
                path.tokens()
            }
            ValueType::List { item, sparse } => {
                let item = item.ty.tokens();
                if *sparse {
                    quote!(::std::vec::Vec<::std::option::Option<#item>>)
                } else {
                    quote!(::std::vec::Vec<#item>)
                }
            }
            ValueType::Map { key, value, sparse } => {
                let key = key.ty.tokens();
                let value = value.ty.tokens();
                if *sparse {
                    quote!(::std::collections::BTreeMap<#key, ::std::option::Option<#value>>)
                } else {
                    quote!(::std::collections::BTreeMap<#key, #value>)
                }
            }
        }
    }

    /// Whether the type is `Copy` (accessors return it by value).
    pub fn is_copy(&self) -> bool {
        matches!(
            self,
            ValueType::Bool
                | ValueType::Byte
                | ValueType::Short
                | ValueType::Integer
                | ValueType::Long
                | ValueType::Float
                | ValueType::Double
                | ValueType::Timestamp(_)
        )
    }

    /// Whether the type is an integer (range bounds are integer literals).
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            ValueType::Byte | ValueType::Short | ValueType::Integer | ValueType::Long
        )
    }

    /// Whether serde's own form of the Rust type is the wire form, so no
    /// `crate::wire` adapter is needed (floats, non-epoch timestamps and
    /// sparse or nested adapted values need one).
    pub fn is_plain(&self) -> bool {
        match self {
            ValueType::Float | ValueType::Double => false,
            ValueType::Timestamp(format) => *format == TimestampFormat::EpochSeconds,
            ValueType::List { item, .. } => item.ty.is_plain(),
            ValueType::Map { key, value, .. } => key.ty.is_plain() && value.ty.is_plain(),
            _ => true,
        }
    }
}

/// Constraint traits (`@length`, `@range`, `@pattern`) on one level of a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `@length`: minimum and maximum, inclusive.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range`: minimum and maximum, inclusive, in the member's type;
    /// bounds at the type's own limits are dropped (they hold for every
    /// value).
    pub range: Option<Range>,
    /// `@pattern`: an index into [`CrateIr::patterns`].
    pub pattern: Option<usize>,
}

impl Constraints {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.range.is_none() && self.pattern.is_none()
    }
}

/// A `@range`: minimum and maximum, inclusive; `None` is an open end.
pub type Range = (Option<RangeBound>, Option<RangeBound>);

/// One `@range` bound: the number the model wrote, decided once as a
/// value of the member's Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeBound {
    /// The bound as the model wrote it, for messages and diffs.
    pub text: String,
    /// The bound as a value of the member's type.
    pub value: BoundValue,
}

/// A `@range` bound's value: an integer for integer members (byte to long,
/// intEnum), a float for float and double members.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BoundValue {
    /// Fits the member's integer type.
    Integer(i64),
    /// Finite and within the member's float type.
    Float(f64),
}

impl BoundValue {
    /// Orders two bounds (an integer and a float compare as numbers).
    pub fn compare(self, other: BoundValue) -> std::cmp::Ordering {
        match (self, other) {
            (BoundValue::Integer(a), BoundValue::Integer(b)) => a.cmp(&b),
            (a, b) => a.as_f64().total_cmp(&b.as_f64()),
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            // Only compared against a float here, where rounding is moot.
            BoundValue::Integer(n) => n as f64,
            BoundValue::Float(x) => x,
        }
    }
}

/// An enum of string values (`enum`, or `string` with `@enum`) or of
/// integer values (`intEnum`).
#[derive(Debug, Clone)]
pub struct EnumIr {
    /// Its shape id.
    pub id: ShapeId,
    /// Its Rust path.
    pub path: TypePath,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// Variants in model order.
    pub variants: Vec<VariantIr>,
    /// Whether the values are integers (`intEnum`).
    pub int: bool,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct VariantIr {
    /// The variant name.
    pub ident: RustIdent,
    /// The value on the wire: a string, or an integer's decimal text.
    pub value: String,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
}

/// A union: exactly one member is set.
#[derive(Debug, Clone)]
pub struct UnionIr {
    /// Its shape id.
    pub id: ShapeId,
    /// Its Rust path.
    pub path: TypePath,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// Members in model order.
    pub variants: Vec<UnionVariantIr>,
    /// `@streaming`: an event stream, whose members are the events (and
    /// modelled exceptions) of `application/vnd.amazon.eventstream` messages.
    pub event_stream: bool,
}

/// A member of a union.
#[derive(Debug, Clone)]
pub struct UnionVariantIr {
    /// The variant name.
    pub ident: RustIdent,
    /// The snake-case stem of the `is_x`/`as_x` helpers.
    pub method: RustIdent,
    /// The member name in the model.
    pub name: String,
    /// Its name in the body codec's messages: the member name, or its
    /// `@jsonName` where the codec honours it ([`BodyCodec::Json`]).
    pub wire_name: String,
    /// Its documentation as Markdown.
    pub docs: Option<String>,
    /// The value.
    pub value: Element,
    /// Boxed because it leads back to the union.
    pub boxed: bool,
}

/// A `@pattern` (Java regex syntax), checked at generation time by the
/// engine the generated crate uses (`shapesmith_runtime::pattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternIr {
    /// The model's pattern.
    pub source: String,
    /// Its index in the crate's compiled pattern table, when a structure a
    /// caller sends checks it (`None`: only received values have it, and
    /// nothing validates those).
    pub table_index: Option<usize>,
}

/// The service's endpoint rules (`smithy.rules#endpointRuleSet`), for the
/// generated `endpoint` module: typed parameters over the runtime's rules
/// engine.
#[derive(Debug, Clone)]
pub struct EndpointIr {
    /// The rule set as compact JSON, embedded in the crate (checked by the
    /// runtime's parser at generation time).
    pub rule_set: String,
    /// The parameters, in the rule set's order.
    pub params: Vec<EndpointParamIr>,
    /// The model's `smithy.rules#endpointTests` cases, when the settings ask
    /// for them as tests.
    pub tests: Vec<EndpointTestIr>,
}

/// One endpoint parameter.
#[derive(Debug, Clone)]
pub struct EndpointParamIr {
    /// Its name in the rule set (`Region`).
    pub name: String,
    /// The field and setter name (`region`).
    pub field: RustIdent,
    /// Its type.
    pub kind: EndpointParamKind,
    /// Its documentation, with the built-in that supplies it.
    pub docs: String,
    /// The built-in that supplies it (`AWS::Region`), if any.
    pub built_in: Option<String>,
    /// The value an AWS SDK gives it when the caller sets none and the rule
    /// set has no default (`AWS::Auth::AccountIdEndpointMode`: `preferred`).
    pub sdk_default: Option<String>,
}

/// An endpoint parameter's Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointParamKind {
    /// `String`
    String,
    /// `bool`
    Bool,
    /// `Vec<String>`
    StringArray,
}

/// A parameter value in an endpoint test.
#[derive(Debug, Clone)]
pub enum EndpointTestValue {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    StringArray(Vec<String>),
}

/// One `smithy.rules#endpointTests` case, as a generated `#[test]`.
#[derive(Debug, Clone)]
pub struct EndpointTestIr {
    /// The test function's name.
    pub name: RustIdent,
    /// The case's documentation.
    pub docs: Option<String>,
    /// Parameter values: index into [`EndpointIr::params`] and value.
    pub params: Vec<(usize, EndpointTestValue)>,
    /// What resolution should give.
    pub expect: EndpointExpect,
    /// The case's `operationInputs`: the same expectation through an
    /// operation's `request_for`.
    pub operation_inputs: Vec<EndpointOperationInputIr>,
}

/// One `operationInputs` entry of an endpoint test case.
#[derive(Debug, Clone)]
pub struct EndpointOperationInputIr {
    /// The operation's shape name (the test runs where the crate has it).
    pub operation: String,
    /// The built-in and client parameters it sets, as [`EndpointTestIr::params`].
    pub params: Vec<(usize, EndpointTestValue)>,
    /// `operationParams`: the input, as JSON keyed by member name.
    pub input: String,
}

/// An endpoint test's expectation.
#[derive(Debug, Clone)]
pub enum EndpointExpect {
    /// An endpoint.
    Endpoint {
        /// The URL.
        url: String,
        /// Headers and their values.
        headers: Vec<(String, Vec<String>)>,
        /// The properties as compact JSON (`{}` when there are none).
        properties: String,
    },
    /// The rule set's error message.
    Error(String),
}
