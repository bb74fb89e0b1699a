//! The one error type of the generator. Every variant names the file it is
//! about and, where it applies, the shape id, so a user can find the problem.

use std::path::PathBuf;

use crate::shape_id::ShapeId;

/// Everything that can go wrong while reading a model or writing a crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The model file is not valid JSON or not a JSON AST document.
    #[error("{path}: invalid JSON AST model: {source}")]
    Json {
        /// The model file.
        path: PathBuf,
        /// The parser's error, with line and column.
        source: serde_json::Error,
    },
    /// The model is well-formed JSON but not a model shapesmith can generate from.
    #[error("{path}: {}{message}", shape.as_ref().map(|s| format!("shape `{s}` ")).unwrap_or_default())]
    Model {
        /// The model file.
        path: PathBuf,
        /// The shape at fault, where there is one.
        shape: Option<ShapeId>,
        /// What is wrong.
        message: String,
    },
    /// The model has what the crate would not enforce, and warnings are
    /// denied ([`crate::Config::deny_warnings`]).
    #[error("warnings are denied, and there {}:{}", if .0.len() == 1 { "is one" } else { "are some" }, .0.iter().map(|w| format!("\n  {w}")).collect::<String>())]
    DeniedWarnings(Vec<crate::Warning>),
    /// A setting (builder call, CLI argument or config file entry) is wrong.
    #[error("{0}")]
    Config(String),
    /// shapesmith itself went wrong; the message asks for a report.
    #[error("internal error: {0}; please report this together with the model")]
    Internal(String),
}

impl Error {
    pub(crate) fn model(path: &std::path::Path, shape: Option<&ShapeId>, message: impl Into<String>) -> Error {
        Error::Model {
            path: path.to_owned(),
            shape: shape.cloned(),
            message: message.into(),
        }
    }
}
