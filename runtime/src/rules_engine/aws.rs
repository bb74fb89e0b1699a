//! The AWS functions rule sets call besides `aws.partition`: `aws.parseArn`
//! and `aws.isVirtualHostableS3Bucket`.

use super::functions::{is_ipv4, is_valid_host_label};
use super::value::{object, Value};

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, the
/// resource split on `:` and `/`. Partition, service and resource must not
/// be empty; region and account may be.
pub(crate) fn parse_arn(text: &str) -> Option<Value> {
    let mut parts = text.splitn(6, ':');
    let (arn, partition, service, region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource.split([':', '/']).map(Value::from).collect();
    Some(object([
        ("partition", partition.into()),
        ("service", service.into()),
        ("region", region.into()),
        ("accountId", account.into()),
        ("resourceId", Value::Array(resource_id)),
    ]))
}

/// `aws.isVirtualHostableS3Bucket`: a bucket name that can be a host label:
/// 3 to 63 characters, lowercase letters, digits and `-` (and `.` between
/// labels when `allow_subdomains`), starting and ending with a letter or
/// digit, and not an IPv4 address.
pub(crate) fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let lowercase = !value.bytes().any(|b| b.is_ascii_uppercase());
    let ends = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&value.len())
        && lowercase
        && ends(value.bytes().next())
        && ends(value.bytes().last())
        && !is_ipv4(value)
        && is_valid_host_label(value, allow_subdomains)
}
