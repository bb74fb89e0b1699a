/// An instant in time: whole seconds since the Unix epoch plus nanoseconds.
///
/// Both parts are kept exactly. On the awsJson1_1 wire a `DateTime` is an
/// epoch-seconds JSON number: an integer when the instant is a whole second,
/// a decimal fraction otherwise. JSON numbers with a fraction pass through
/// serde as `f64`, so on the wire the fraction is exact to about a
/// microsecond for present-day instants; in memory it is exact to the nanosecond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    seconds: i64,
    subsecond_nanos: u32,
}

/// Why text or a number is not an epoch-seconds timestamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeParseError {
    input: String,
    reason: &'static str,
}

impl std::fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not an epoch-seconds timestamp: {}", self.input, self.reason)
    }
}

impl std::error::Error for DateTimeParseError {}

const NANOS_PER_SECOND: u32 = 1_000_000_000;

impl DateTime {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime { seconds: 0, subsecond_nanos: 0 };

    /// An instant a whole number of seconds from the epoch.
    pub const fn from_secs(seconds: i64) -> DateTime {
        DateTime { seconds, subsecond_nanos: 0 }
    }

    /// An instant from seconds and nanoseconds; `None` unless the
    /// nanoseconds are below one second.
    pub const fn from_secs_and_nanos(seconds: i64, subsecond_nanos: u32) -> Option<DateTime> {
        if subsecond_nanos < NANOS_PER_SECOND {
            Some(DateTime { seconds, subsecond_nanos })
        } else {
            None
        }
    }

    /// Whole seconds since the epoch (rounded towards negative infinity).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past [`secs`](Self::secs), below one second.
    pub const fn subsec_nanos(&self) -> u32 {
        self.subsecond_nanos
    }

    /// Parses decimal epoch seconds such as `1700000000` or `-1.25`, exactly;
    /// digits beyond nanoseconds are truncated towards negative infinity.
    pub fn parse_epoch_seconds(text: &str) -> Result<DateTime, DateTimeParseError> {
        let fail = |reason| DateTimeParseError { input: text.to_owned(), reason };
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (unsigned.contains('.') && !digits(fraction)) {
            return Err(fail("expected digits with an optional fraction"));
        }
        let whole: i64 = whole.parse().map_err(|_| fail("seconds out of range"))?;
        let mut nanos: u32 = 0;
        let mut dropped_nonzero = false;
        for (i, b) in fraction.bytes().enumerate() {
            if i < 9 {
                nanos = nanos * 10 + u32::from(b - b'0');
            } else if b != b'0' {
                dropped_nonzero = true;
            }
        }
        for _ in fraction.len()..9 {
            nanos *= 10;
        }
        if !negative {
            return Ok(DateTime { seconds: whole, subsecond_nanos: nanos });
        }
        // -1.25 is one and a quarter seconds before the epoch: -2 s + 0.75 s.
        let carry = nanos > 0 || dropped_nonzero;
        let nanos = if dropped_nonzero { nanos + 1 } else { nanos };
        let seconds = whole
            .checked_neg()
            .and_then(|s| s.checked_sub(i64::from(carry)))
            .ok_or_else(|| fail("seconds out of range"))?;
        let subsecond_nanos = if carry { NANOS_PER_SECOND - nanos } else { 0 };
        Ok(DateTime { seconds, subsecond_nanos })
    }

    /// The instant as the nearest `f64` number of epoch seconds.
    pub fn as_secs_f64(&self) -> f64 {
        // Through the exact decimal text, so the result is correctly rounded.
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

/// Decimal epoch seconds: `1700000000`, `1700000000.5`, `-0.25`.
impl std::fmt::Display for DateTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.subsecond_nanos == 0 {
            return write!(f, "{}", self.seconds);
        }
        let (sign, whole, nanos) = if self.seconds < 0 {
            // Back from floor form: -2 s + 0.75 s is -1.25 s.
            ("-", -(i128::from(self.seconds) + 1), NANOS_PER_SECOND - self.subsecond_nanos)
        } else {
            ("", i128::from(self.seconds), self.subsecond_nanos)
        };
        let fraction = format!("{nanos:09}");
        write!(f, "{sign}{whole}.{}", fraction.trim_end_matches('0'))
    }
}

impl std::str::FromStr for DateTime {
    type Err = DateTimeParseError;
    fn from_str(text: &str) -> Result<DateTime, DateTimeParseError> {
        DateTime::parse_epoch_seconds(text)
    }
}

impl From<std::time::SystemTime> for DateTime {
    fn from(time: std::time::SystemTime) -> DateTime {
        match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => DateTime {
                seconds: i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                subsecond_nanos: after.subsec_nanos(),
            },
            Err(before) => {
                let before = before.duration();
                let seconds = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                match before.subsec_nanos() {
                    0 => DateTime { seconds: -seconds, subsecond_nanos: 0 },
                    nanos => DateTime {
                        seconds: -seconds - 1,
                        subsecond_nanos: NANOS_PER_SECOND - nanos,
                    },
                }
            }
        }
    }
}

/// Fails only where the platform's `SystemTime` cannot hold the instant.
impl TryFrom<DateTime> for std::time::SystemTime {
    type Error = DateTimeParseError;
    fn try_from(time: DateTime) -> Result<std::time::SystemTime, DateTimeParseError> {
        let out_of_range = || DateTimeParseError {
            input: time.to_string(),
            reason: "outside the range of SystemTime on this platform",
        };
        let nanos = std::time::Duration::from_nanos(u64::from(time.subsecond_nanos));
        let base = if time.seconds >= 0 {
            std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_secs(time.seconds.unsigned_abs()))
        } else {
            std::time::UNIX_EPOCH.checked_sub(std::time::Duration::from_secs(time.seconds.unsigned_abs()))
        };
        base.and_then(|t| t.checked_add(nanos)).ok_or_else(out_of_range)
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.subsecond_nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DateTime;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a timestamp as epoch seconds (a JSON number)")
            }
            fn visit_i64<E: serde::de::Error>(self, seconds: i64) -> Result<DateTime, E> {
                Ok(DateTime::from_secs(seconds))
            }
            fn visit_u64<E: serde::de::Error>(self, seconds: u64) -> Result<DateTime, E> {
                i64::try_from(seconds)
                    .map(DateTime::from_secs)
                    .map_err(|_| E::custom(format_args!("epoch seconds {seconds} out of range")))
            }
            fn visit_f64<E: serde::de::Error>(self, seconds: f64) -> Result<DateTime, E> {
                if !seconds.is_finite() {
                    return Err(E::custom(format_args!("epoch seconds must be finite, found {seconds}")));
                }
                // `f64`'s `Display` is the shortest text that reads back as the
                // same number, which is the text the service sent whenever it
                // fits in an `f64`; parse that exactly rather than multiplying.
                DateTime::parse_epoch_seconds(&seconds.to_string()).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The text of an enum value that this version of the crate does not know.
///
/// Opaque on purpose: code that matched on a particular unknown text would
/// silently stop matching once a newer crate knows that value as a variant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    #[allow(dead_code)]
    pub(crate) fn new(value: String) -> UnknownVariantValue {
        UnknownVariantValue(value)
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
