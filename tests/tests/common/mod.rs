//! Values and helpers several test files share (`mod common;` in each).
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use ssm::primitives::DateTime;
use ssm::types::{SessionFilter, SessionFilterKey};

pub const OWNER_ARN: &str = "arn:aws:sts::123456789012:assumed-role/Admin/alice";
pub const INSTANCE: &str = "i-0123456789abcdef0";
pub const NEXT_TOKEN: &str = "AAEAAbU0ZmM2ZDljNi1kYjExLTQ5NmItYjY0Mi1mN2U0N2ExZmY0OTUAAAAAZ0bN8w==";

/// A filter with both members set.
pub fn filter(key: SessionFilterKey, value: &str) -> SessionFilter {
    SessionFilter::builder()
        .key(key)
        .value(value)
        .build()
        .expect("key and value are set")
}

/// A timestamp from seconds and nanoseconds.
pub fn dt(secs: i64, nanos: u32) -> DateTime {
    DateTime::from_secs_and_nanos(secs, nanos).expect("nanos below one second")
}
