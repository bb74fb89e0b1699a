//! The runtime every crate that shapesmith generates calls: the types its
//! public API shares (`DateTime`, `Blob`, `Document`, big numbers, unknown
//! enum values, error metadata, paginators), and the protocols, split by
//! family: what every operation shares ([`call`]: the `Operation` trait,
//! request options, request ids), the JSON-RPC requests ([`json_rpc`]), the
//! HTTP binding layer ([`rest`]), the JSON body codec (a serde_json-exact
//! reader and writer that is faster than serde_json, and the [`wire`]
//! adapters for floats and timestamps), the JSON error envelope
//! ([`aws_json`]), and request compression; requests and responses are
//! built and read sans I/O.
//!
//! Generated crates re-export the modules their API names
//! (`ssm::primitives::DateTime` is [`primitives::DateTime`]), so two
//! generated services share one `DateTime` and one error type, and generic
//! code works across them. Items marked `#[doc(hidden)]` are what generated
//! code calls; they are not part of the stable API.
//!
//! # Features
//!
//! - `compression` (default): gzip request bodies for `@requestCompression`
//!   operations (pulls in `flate2`, pure Rust).
//! - `paginators` (default): paginators for `@paginated` operations.
//! - `validation` (default): [`pattern`], the engine that checks `@pattern`
//!   constraints in `validate()`, reading Java's regex syntax as AWS models
//!   use it (pulls in `unicode-general-category`).
//! - `endpoints` (default): endpoint resolution from a service's rule set
//!   (the rules engine and AWS's partitions).
//! - `waiters` (default): waiters for `smithy.waiters#waitable` operations
//!   (a JMESPath subset over `serde_json::Value`).
//! - `event-stream` (default): [`event_stream`], the
//!   `application/vnd.amazon.eventstream` framing of `@streaming` unions
//!   (messages, their CRCs and headers, an incremental decoder).
//!
//! Retries ([`retry`], the AWS SDKs' standard mode) need no feature.
//!
//! # Endpoint resolution
//!
//! A generated crate embeds its service's rule set and wraps
//! [`rules_engine`] in a typed `endpoint::Params`. The engine on its own:
//!
//! ```
//! use shapesmith_runtime::rules_engine::{Params, RuleSet};
//!
//! let rules = RuleSet::from_json(r#"{
//!     "version": "1.0",
//!     "parameters": {"Region": {"type": "string", "required": true, "documentation": "the region"}},
//!     "rules": [{
//!         "type": "endpoint",
//!         "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
//!         "endpoint": {"url": "https://example.{Region}.{p#dnsSuffix}"}
//!     }]
//! }"#)?;
//! let endpoint = rules.resolve(&Params::new().set("Region", "cn-north-1"))?;
//! assert_eq!(endpoint.url(), "https://example.cn-north-1.amazonaws.com.cn");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Event streams
//!
//! [`event_stream`] reads and writes the messages of a `@streaming` union.
//! A streamed body goes into its decoder chunk by chunk, split anywhere:
//!
//! ```
//! use shapesmith_runtime::event_stream::{encode, Decoder, Message, MessageType};
//!
//! // What a service would send: two events, here cut into 7-byte chunks.
//! let mut body = Vec::new();
//! for text in ["hello", "world"] {
//!     let event = Message::new(text)
//!         .with_header(":message-type", "event")
//!         .with_header(":event-type", "Greeting")
//!         .with_header(":content-type", "text/plain");
//!     body.extend(encode(&event)?);
//! }
//!
//! let mut decoder = Decoder::new();
//! let mut greetings = Vec::new();
//! for chunk in body.chunks(7) {
//!     decoder.push(chunk);
//!     while let Some(message) = decoder.next_message()? {
//!         match message.classify()? {
//!             MessageType::Event { event_type: "Greeting", payload, .. } => greetings.push(payload.to_vec()),
//!             MessageType::Event { .. } => {} // an event type added since
//!             MessageType::Exception { exception_type, .. } => return Err(exception_type.into()),
//!             MessageType::Error { code, .. } => return Err(code.into()),
//!         }
//!     }
//! }
//! // The body ended: anything left over is a message cut short.
//! decoder.finish()?;
//! assert_eq!(greetings, [b"hello".to_vec(), b"world".to_vec()]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The same modules can be copied into a generated crate instead
//! (`runtime = "vendored"`), for a crate with no dependency on this one.
#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod aws_json;
pub mod call;
#[doc(hidden)]
pub mod checksum;
#[cfg(feature = "compression")]
#[doc(hidden)]
pub mod compression;
pub mod error;
#[cfg(feature = "event-stream")]
pub mod event_stream;
pub mod json;
#[doc(hidden)]
pub mod json_rpc;
#[cfg(feature = "endpoints")]
pub mod rules_engine;
// The reader and writer against serde_json, on hand-picked and randomly
// broken input.
#[cfg(test)]
mod json_tests;
#[cfg(feature = "paginators")]
pub mod paginate;
#[cfg(feature = "validation")]
pub mod pattern;
pub mod primitives;
#[doc(hidden)]
pub mod rest;
pub mod retry;
#[cfg(feature = "sources")]
#[doc(hidden)]
pub mod sources;
#[cfg(feature = "waiters")]
pub mod waiter;
#[doc(hidden)]
pub mod wire;
