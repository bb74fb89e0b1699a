//! Body codecs: how a protocol's bodies and structured payloads are
//! written and read, and where its error responses keep the code and
//! message. Each codec is its own module; the operations
//! (`emit/operations.rs`) and the HTTP binding layer (`emit/rest.rs`) reach
//! one only through the functions here, so a new codec is a new module and
//! one arm in each function.

use proc_macro2::TokenStream;

use crate::ir::{BodyCodec, CrateIr, EnumIr, ErrorEnvelope, StructIr, UnionIr};

mod json;

/// The codec's impls for a structure (JSON: `Serialize`, `Deserialize`).
pub fn structure(ir: &CrateIr, s: &StructIr) -> TokenStream {
    match ir.service.codec {
        BodyCodec::Json { .. } => json::structure(ir, s),
    }
}

/// The codec's impls for an enum.
pub fn enumeration(codec: BodyCodec, e: &EnumIr) -> TokenStream {
    match codec {
        BodyCodec::Json { .. } => json::enumeration(e),
    }
}

/// The codec's impls for a union.
pub fn union(codec: BodyCodec, u: &UnionIr) -> TokenStream {
    match codec {
        BodyCodec::Json { .. } => json::union(u),
    }
}

/// An expression of type `Vec<u8>`: `value` (a reference to a structure,
/// union or document) encoded, returning a `BuildRequestError` with `?` if
/// it cannot be.
pub fn encode(codec: BodyCodec, value: &TokenStream) -> TokenStream {
    match codec {
        BodyCodec::Json { .. } => json::encode(value),
    }
}

/// An expression of type `Vec<u8>`: a structure payload the input leaves
/// unset, as the codec sends it (JSON: `{}`).
pub fn empty_structure(codec: BodyCodec) -> TokenStream {
    match codec {
        BodyCodec::Json { .. } => json::empty_structure(),
    }
}

/// An expression: a structure, union or document (the type is inferred)
/// decoded from `body` (a `&[u8]`), giving an error message to `fail` with
/// `?` if it cannot be.
pub fn decode_payload(codec: BodyCodec) -> TokenStream {
    match codec {
        BodyCodec::Json { .. } => json::decode_payload(),
    }
}

/// A statement that binds `mut output: Self::Output` from the body of a
/// successful `response`, with `?` on `Self::Error`; `bound`: only the body
/// members are read there (the others come from the status and headers).
pub fn decode_output(codec: BodyCodec, bound: bool) -> TokenStream {
    match codec {
        BodyCodec::Json { .. } => json::decode_output(bound),
    }
}

/// The request of an RPC protocol (`POST /`, the operation named by
/// `target`, `value` as the body), as a `Result` expression; `endpoint` and
/// `host_prefix` in scope as `build_request` has them.
pub fn rpc_request(
    codec: BodyCodec,
    errors: ErrorEnvelope,
    target: &str,
    value: &TokenStream,
    host_prefix: &TokenStream,
) -> TokenStream {
    match codec {
        BodyCodec::Json { media_type, .. } => json::rpc_request(media_type, errors, target, value, host_prefix),
    }
}

/// A statement that binds `error` to the envelope read from `response`,
/// or returns `Self::Error::Unhandled` when there is none to read.
pub fn read_error(errors: ErrorEnvelope) -> TokenStream {
    match errors {
        ErrorEnvelope::AwsJson { query_compatible } => json::read_error(Some(query_compatible)),
        ErrorEnvelope::RestJson => json::read_error(None),
    }
}
