//! Shared fixtures live in the bench itself.
