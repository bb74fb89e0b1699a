//! What the generator could not honour but did not need to refuse the model
//! for: the crate is generated without that check, and the user is told.

use std::fmt;
use std::path::PathBuf;

use crate::shape_id::ShapeId;

/// Something in the model the generated crate does not enforce, such as a
/// `@pattern` the pattern engine cannot compile. Printed by the CLI on
/// standard error; [`crate::Config::deny_warnings`] turns any into an error.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Warning {
    /// The model file.
    pub path: PathBuf,
    /// The shape (or member) it is about.
    pub shape: ShapeId,
    /// What was left out, and why.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: shape `{}` {}", self.path.display(), self.shape, self.message)
    }
}
