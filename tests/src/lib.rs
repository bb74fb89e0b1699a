//! Integration tests for shapesmith live in `tests/tests`.
