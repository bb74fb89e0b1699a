//! What the JSON protocols (awsJson1_0, awsJson1_1, restJson1) share when
//! reading a response: a JSON body (empty is `{}`), and the JSON error
//! envelope: the error's code from `X-Amzn-Errortype` or the body's
//! `code`/`__type`, its message, and for `@awsQueryCompatible` services the
//! `x-amzn-query-error` header.

// `Unhandled` is the error path of every response reader here and is
// returned unboxed, as the operations' error enums hold it.
#![allow(clippy::result_large_err)]

use crate::call::{request_id, ModelledError};
use crate::error::{ErrorMetadata, Unhandled};

/// Parses a JSON body; an empty (or all-whitespace) body is an empty object.
#[doc(hidden)]
pub fn from_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return crate::json::from_str("{}");
    }
    crate::json::from_slice(body)
}

/// The output of a successful response whose body is its JSON form (for
/// restJson1, the members bound to the body: `crate::rest::BodyOf<T>`).
#[doc(hidden)]
pub fn parse_output<T: serde::de::DeserializeOwned, B: AsRef<[u8]>>(
    response: &http::Response<B>,
) -> Result<T, Unhandled> {
    let body = response.body().as_ref();
    from_body(body).map_err(|e| {
        Unhandled::new(
            ErrorMetadata::new(response.status(), request_id(response.headers())),
            body,
            Some(e.into()),
        )
    })
}

/// The error's code, message and request id, from the headers and the
/// top-level `code`/`Code`/`__type` and `message`/`Message`/`errorMessage` fields;
/// for a query-compatible service, the code and type of the
/// `x-amzn-query-error` header (`AWS.SimpleQueueService.NonExistentQueue;Sender`).
#[doc(hidden)]
pub fn error_metadata<B: AsRef<[u8]>>(
    query_compatible: bool,
    response: &http::Response<B>,
) -> Result<ErrorMetadata, Unhandled> {
    read_metadata(query_compatible, false, response)
}

/// [`error_metadata`] for restJson1, where a body's `Code` names the error
/// too (after `code`), as botocore reads it; the awsJson protocols name it
/// by `code` or `__type` only.
#[doc(hidden)]
pub fn rest_error_metadata<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<ErrorMetadata, Unhandled> {
    read_metadata(false, true, response)
}

fn read_metadata<B: AsRef<[u8]>>(
    query_compatible: bool,
    capitalised_code: bool,
    response: &http::Response<B>,
) -> Result<ErrorMetadata, Unhandled> {
    let (headers, body) = (response.headers(), response.body().as_ref());
    let mut meta = ErrorMetadata::new(response.status(), request_id(headers));
    if query_compatible {
        if let Some((code, kind)) = headers
            .get("x-amzn-query-error")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(';'))
            // An empty code (`;Sender`) names nothing: botocore ignores
            // the header then, and so does this reader.
            .filter(|(code, _)| !code.trim().is_empty())
        {
            meta.query = Some(Box::new(crate::error::QueryError {
                code: code.trim().to_owned(),
                error_type: kind.trim().to_owned(),
            }));
        }
    }
    let sanitized = |code: String| sanitize_error_code(&code).to_owned();
    // The header names the error even when the body cannot be read.
    meta.shape = headers
        .get("X-Amzn-Errortype")
        .and_then(|v| v.to_str().ok())
        .map(|code| sanitized(code.to_owned()));
    // Error bodies are small; only top-level fields count, so read them as a map.
    let fields: serde_json::Map<String, serde_json::Value> = match from_body(body) {
        Ok(fields) => fields,
        Err(e) => return Err(Unhandled::new(meta, body, Some(e.into()))),
    };
    let text = |key: &str| fields.get(key).and_then(serde_json::Value::as_str).map(str::to_owned);
    if meta.shape.is_none() {
        // botocore reads restJson1's `code`, then `Code` (some services
        // write it capitalised); awsJson's `__type` comes last.
        meta.shape = text("code")
            .or_else(|| capitalised_code.then(|| text("Code")).flatten())
            .or_else(|| text("__type"))
            .map(sanitized);
    }
    meta.message = text("message")
        .or_else(|| text("Message"))
        .or_else(|| text("errorMessage"));
    Ok(meta)
}

/// An error response with its metadata read: what an operation's
/// `parse_error` dispatches on, one call per modelled error.
#[doc(hidden)]
pub struct ErrorResponse<'a> {
    body: &'a [u8],
    meta: ErrorMetadata,
}

impl<'a> ErrorResponse<'a> {
    /// Reads the code, message and request id of `response` (awsJson).
    pub fn read<B: AsRef<[u8]>>(query_compatible: bool, response: &'a http::Response<B>) -> Result<Self, Unhandled> {
        Ok(ErrorResponse {
            meta: error_metadata(query_compatible, response)?,
            body: response.body().as_ref(),
        })
    }

    /// Reads the code, message and request id of `response` (restJson1).
    pub fn read_rest<B: AsRef<[u8]>>(response: &'a http::Response<B>) -> Result<Self, Unhandled> {
        Ok(ErrorResponse {
            meta: rest_error_metadata(response)?,
            body: response.body().as_ref(),
        })
    }

    /// The name of the error shape the response names, which picks the
    /// modelled error.
    pub fn shape_name(&self) -> Option<&str> {
        self.meta.shape_name()
    }

    /// A modelled error: the body read as `T`, the metadata attached, made
    /// the operation's error by `wrap` (its variant); `Unhandled` if the
    /// body cannot be read as `T`.
    pub fn modelled<T, E>(self, wrap: fn(T) -> E) -> E
    where
        T: serde::de::DeserializeOwned + ModelledError,
        E: From<Unhandled>,
    {
        match from_body::<T>(self.body) {
            Ok(mut error) => {
                error.set_meta(self.meta);
                wrap(error)
            }
            Err(e) => E::from(Unhandled::new(self.meta, self.body, Some(e.into()))),
        }
    }

    /// The body read as `T` (a modelled error whose other members are bound
    /// to headers), or `Unhandled`.
    pub fn body<T: serde::de::DeserializeOwned>(&self) -> Result<T, Unhandled> {
        from_body(self.body).map_err(|e| Unhandled::new(self.meta.clone(), self.body, Some(e.into())))
    }

    /// The code, message, request id and status.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    /// The metadata, to attach to a modelled error read with [`body`](Self::body).
    pub fn into_meta(self) -> ErrorMetadata {
        self.meta
    }

    /// An error the operation does not model.
    pub fn unhandled<E: From<Unhandled>>(self) -> E {
        E::from(Unhandled::new(self.meta, self.body, None))
    }
}

/// `aws.protocoltests.json#FooError:http://...` -> `FooError`: cut at the
/// first `:`, then keep what follows the first `#`.
#[doc(hidden)]
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    code.split_once('#').map_or(code, |(_, name)| name)
}
