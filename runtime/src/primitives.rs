//! Primitive types of the wire format: timestamps, blobs, documents, big
//! numbers and unknown enum values.

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

/// Why text or a number is not a timestamp in the format it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeParseError {
    input: String,
    /// `epoch-seconds`, `RFC 3339` or `HTTP-date`.
    format: &'static str,
    reason: &'static str,
}

impl std::fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not an {} timestamp: {}",
            self.input, self.format, self.reason
        )
    }
}

impl std::error::Error for DateTimeParseError {}

const NANOS_PER_SECOND: u32 = 1_000_000_000;

impl DateTime {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime {
        seconds: 0,
        subsecond_nanos: 0,
    };

    /// An instant a whole number of seconds from the epoch.
    pub const fn from_secs(seconds: i64) -> DateTime {
        DateTime {
            seconds,
            subsecond_nanos: 0,
        }
    }

    /// An instant from seconds and nanoseconds; `None` unless the
    /// nanoseconds are below one second.
    pub const fn from_secs_and_nanos(seconds: i64, subsecond_nanos: u32) -> Option<DateTime> {
        if subsecond_nanos < NANOS_PER_SECOND {
            Some(DateTime {
                seconds,
                subsecond_nanos,
            })
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
        let fail = |reason| DateTimeParseError {
            input: text.to_owned(),
            format: "epoch-seconds",
            reason,
        };
        let syntax = "expected digits with an optional fraction";
        let bytes = text.as_bytes();
        let negative = bytes.first() == Some(&b'-');
        let mut pos = usize::from(negative);
        // One pass, no allocation: this runs for every fractional timestamp
        // a response carries.
        let whole_start = pos;
        let mut whole: u64 = 0;
        while let Some(&digit @ b'0'..=b'9') = bytes.get(pos) {
            whole = whole.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
            pos += 1;
        }
        let whole = match pos - whole_start {
            0 => return Err(fail(syntax)),
            // Up to 19 digits cannot overflow.
            1..=19 => Some(whole),
            _ => text.get(whole_start..pos).and_then(|digits| digits.parse::<u64>().ok()),
        };
        let mut nanos: u32 = 0;
        let mut dropped_nonzero = false;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            let fraction_start = pos;
            // The digits are read as they are scanned: this is the hot path
            // of every fractional timestamp in a response (a separate pass
            // through `fraction_nanos` costs 0.4 % of a DescribeSessions parse).
            while let Some(&digit @ b'0'..=b'9') = bytes.get(pos) {
                if pos - fraction_start < 9 {
                    nanos = nanos * 10 + u32::from(digit - b'0');
                } else if digit != b'0' {
                    dropped_nonzero = true;
                }
                pos += 1;
            }
            let digits = pos - fraction_start;
            if digits == 0 {
                return Err(fail(syntax));
            }
            if let Some(scale) = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10].get(digits - 1) {
                nanos *= scale;
            }
        }
        if pos != bytes.len() {
            return Err(fail(syntax));
        }
        let whole = whole.ok_or_else(|| fail("seconds out of range"))?;
        if !negative {
            let seconds = i64::try_from(whole).map_err(|_| fail("seconds out of range"))?;
            return Ok(DateTime {
                seconds,
                subsecond_nanos: nanos,
            });
        }
        // -1.25 is one and a quarter seconds before the epoch: -2 s + 0.75 s.
        let carry = nanos > 0 || dropped_nonzero;
        let nanos = if dropped_nonzero { nanos + 1 } else { nanos };
        let seconds =
            i64::try_from(-i128::from(whole) - i128::from(carry)).map_err(|_| fail("seconds out of range"))?;
        let subsecond_nanos = if carry { NANOS_PER_SECOND - nanos } else { 0 };
        Ok(DateTime {
            seconds,
            subsecond_nanos,
        })
    }

    /// RFC 3339 in UTC, to the millisecond as the protocol writes it:
    /// `2000-01-02T20:34:56Z`, `2000-01-02T20:34:56.123Z`. RFC 3339 has
    /// four-digit years only: an instant outside years 0000 to 9999 is
    /// written with the year's own digits, which [`parse_rfc3339`](Self::parse_rfc3339)
    /// refuses.
    pub fn to_rfc3339(&self) -> String {
        let (year, month, day, hour, minute, second) = civil_from_epoch(self.seconds);
        let millis = self.subsecond_nanos / 1_000_000;
        let fraction = if millis == 0 {
            String::new()
        } else {
            format!(".{millis:03}")
        };
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}Z")
    }

    /// Parses RFC 3339 (`2019-12-16T22:48:18-01:00`, `...56.123Z`), with any
    /// UTC offset from `-23:59` to `+23:59` and fractions of any length
    /// (digits beyond nanoseconds are truncated).
    ///
    /// The day must exist (no February 30th). A leap second (`:60`) is
    /// accepted only where RFC 3339 allows one, in the last minute of a UTC
    /// day (`23:59:60Z`, or `15:59:60-08:00`), and reads as `23:59:59` of
    /// that day: epoch seconds, like POSIX time, have no leap seconds.
    pub fn parse_rfc3339(text: &str) -> Result<DateTime, DateTimeParseError> {
        let fail = |reason| DateTimeParseError {
            input: text.to_owned(),
            format: "RFC 3339",
            reason,
        };
        let bytes = text.as_bytes();
        let number = |range: std::ops::Range<usize>| {
            digits(bytes.get(range).unwrap_or_default()).ok_or_else(|| fail("expected YYYY-MM-DDThh:mm:ss"))
        };
        let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
        if separators.iter().any(|&(i, c)| bytes.get(i) != Some(&c)) || !matches!(bytes.get(10), Some(b'T' | b't')) {
            return Err(fail("expected YYYY-MM-DDThh:mm:ss"));
        }
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
        let mut rest = bytes.get(19..).unwrap_or_default();
        let mut nanos: u32 = 0;
        if let Some(fraction) = rest.strip_prefix(b".") {
            let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            let (fraction_digits, after) = fraction.split_at_checked(count).unwrap_or_default();
            if fraction_digits.is_empty() {
                return Err(fail("expected digits after the decimal point"));
            }
            nanos = fraction_nanos(fraction_digits);
            rest = after;
        }
        let offset_minutes = match rest {
            b"Z" | b"z" => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (hours, minutes) = digits(&[*h1, *h2])
                    .zip(digits(&[*m1, *m2]))
                    .ok_or_else(|| fail("expected a UTC offset as +hh:mm"))?;
                if hours > 23 || minutes > 59 {
                    return Err(fail("UTC offset out of range (hours 00-23, minutes 00-59)"));
                }
                let minutes = hours * 60 + minutes;
                if *sign == b'-' {
                    -minutes
                } else {
                    minutes
                }
            }
            _ => return Err(fail("expected `Z` or a UTC offset as +hh:mm")),
        };
        // The UTC minute of the day decides whether `:60` can be a leap second.
        let utc_minute = (hour * 60 + minute - offset_minutes).rem_euclid(24 * 60);
        let second = civil_second(hour, minute, second, utc_minute).map_err(fail)?;
        let local = epoch_seconds(year, month, day, hour, minute, second).map_err(fail)?;
        let seconds = local
            .checked_sub(offset_minutes * 60)
            .ok_or_else(|| fail("out of range"))?;
        Ok(DateTime {
            seconds,
            subsecond_nanos: nanos,
        })
    }

    /// IMF-fixdate (RFC 9110), to the second: `Sun, 02 Jan 2000 20:34:56 GMT`.
    /// HTTP-date has four-digit years only: an instant outside years 0000
    /// to 9999 is written with the year's own digits, which
    /// [`parse_http_date`](Self::parse_http_date) refuses.
    pub fn to_http_date(&self) -> String {
        let (year, month, day, hour, minute, second) = civil_from_epoch(self.seconds);
        let weekday = SHORT_DAYS
            .get(usize::try_from(self.seconds.div_euclid(86_400).rem_euclid(7)).unwrap_or(0))
            .copied()
            .unwrap_or_default();
        let month = MONTHS
            .get(usize::try_from(month - 1).unwrap_or(0))
            .copied()
            .unwrap_or_default();
        let millis = self.subsecond_nanos / 1_000_000;
        let fraction = if millis == 0 {
            String::new()
        } else {
            format!(".{millis:03}")
        };
        format!("{weekday}, {day:02} {month} {year:04} {hour:02}:{minute:02}:{second:02}{fraction} GMT")
    }

    /// Parses an HTTP-date in any of the three forms RFC 9110 (section
    /// 5.6.7) requires recipients to accept:
    ///
    /// - IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, also with a fraction
    ///   of a second (`08:49:37.250`), which some services write;
    /// - the obsolete RFC 850 form, `Sunday, 06-Nov-94 08:49:37 GMT`, whose
    ///   two-digit year is the nearest one that is not more than 50 years
    ///   in the future (on `wasm32-unknown-unknown`, which has no clock,
    ///   counted from 2026);
    /// - C's asctime form, `Sun Nov  6 08:49:37 1994`.
    ///
    /// The day must exist, and a leap second (`:60`) is accepted only at
    /// `23:59:60`, as `23:59:59`. The day name is checked to be one, not
    /// checked against the date.
    pub fn parse_http_date(text: &str) -> Result<DateTime, DateTimeParseError> {
        let fail = |reason| DateTimeParseError {
            input: text.to_owned(),
            format: "HTTP-date",
            reason,
        };
        let (day, month, year, clock) = if let Some((name, rest)) = text.split_once(", ") {
            let rest = rest
                .strip_suffix(" GMT")
                .ok_or_else(|| fail("expected the time zone `GMT`"))?
                .as_bytes();
            if SHORT_DAYS.contains(&name) {
                // `06 Nov 1994 08:49:37`
                match rest {
                    [d1, d2, b' ', m1, m2, m3, b' ', y1, y2, y3, y4, b' ', clock @ ..] => (
                        digits(&[*d1, *d2]),
                        [*m1, *m2, *m3],
                        digits(&[*y1, *y2, *y3, *y4]),
                        clock,
                    ),
                    _ => return Err(fail("expected `Sun, 06 Nov 1994 08:49:37 GMT`")),
                }
            } else if LONG_DAYS.contains(&name) {
                // `06-Nov-94 08:49:37`
                match rest {
                    [d1, d2, b'-', m1, m2, m3, b'-', y1, y2, b' ', clock @ ..] => {
                        let year = digits(&[*y1, *y2]).map(|two| rfc850_year(two, current_year()));
                        (digits(&[*d1, *d2]), [*m1, *m2, *m3], year, clock)
                    }
                    _ => return Err(fail("expected `Sunday, 06-Nov-94 08:49:37 GMT`")),
                }
            } else {
                return Err(fail("unknown day name"));
            }
        } else {
            // `Sun Nov  6 08:49:37 1994`: a one-digit day is padded with a space.
            match text.as_bytes() {
                [n1, n2, n3, b' ', m1, m2, m3, b' ', d1, d2, b' ', rest @ ..]
                    if SHORT_DAYS.iter().any(|d| d.as_bytes() == [*n1, *n2, *n3]) =>
                {
                    let Some((clock, [b' ', y1, y2, y3, y4])) = rest.split_at_checked(rest.len().saturating_sub(5))
                    else {
                        return Err(fail("expected `Sun Nov  6 08:49:37 1994`"));
                    };
                    let day = if *d1 == b' ' {
                        digits(&[*d2])
                    } else {
                        digits(&[*d1, *d2])
                    };
                    (day, [*m1, *m2, *m3], digits(&[*y1, *y2, *y3, *y4]), clock)
                }
                _ => return Err(fail("expected an HTTP-date such as `Sun, 06 Nov 1994 08:49:37 GMT`")),
            }
        };
        let (day, year) = day.zip(year).ok_or_else(|| fail("expected digits in the date"))?;
        let month = MONTHS
            .iter()
            .position(|m| m.as_bytes() == month)
            .and_then(|index| i64::try_from(index).ok())
            .ok_or_else(|| fail("unknown month"))?
            + 1;
        let (hour, minute, second, nanos) = match clock {
            [h1, h2, b':', m1, m2, b':', s1, s2, fraction @ ..] => {
                let nanos = match fraction {
                    [] => Some(0),
                    [b'.', digits @ ..] if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) => {
                        Some(fraction_nanos(digits))
                    }
                    _ => None,
                };
                match (digits(&[*h1, *h2]), digits(&[*m1, *m2]), digits(&[*s1, *s2]), nanos) {
                    (Some(h), Some(m), Some(s), Some(nanos)) => (h, m, s, nanos),
                    _ => return Err(fail("expected the time as hh:mm:ss")),
                }
            }
            _ => return Err(fail("expected the time as hh:mm:ss")),
        };
        let second = civil_second(hour, minute, second, hour * 60 + minute).map_err(fail)?;
        let seconds = epoch_seconds(year, month, day, hour, minute, second).map_err(fail)?;
        Ok(DateTime {
            seconds,
            subsecond_nanos: nanos,
        })
    }

    /// The instant as the nearest `f64` number of epoch seconds.
    pub fn as_secs_f64(&self) -> f64 {
        // Through the exact decimal text, so the result is correctly rounded;
        // written on the stack, as this runs for every fractional timestamp.
        let mut text = StackText::default();
        match std::fmt::Write::write_fmt(&mut text, format_args!("{self}")) {
            Ok(()) => text.as_str().parse().unwrap_or(f64::NAN),
            Err(_) => self.to_string().parse().unwrap_or(f64::NAN),
        }
    }

    /// The instant whose epoch-seconds decimal is the shortest (with at most
    /// nine fractional digits) that reads back as `seconds`: the text the
    /// service sent. Found with float arithmetic, then proven with integer
    /// arithmetic; `None` where that does not apply (|seconds| < 1, more
    /// than nine digits needed), and the caller formats the number instead.
    fn from_f64_shortest(seconds: f64) -> Option<DateTime> {
        const POW10: [u64; 10] = [
            1,
            10,
            100,
            1_000,
            10_000,
            100_000,
            1_000_000,
            10_000_000,
            100_000_000,
            1_000_000_000,
        ];
        let magnitude = seconds.abs();
        if !(1.0..9.0e15).contains(&magnitude) {
            return None;
        }
        let whole = seconds.floor();
        // Exact: `seconds` and `whole` are both multiples of the ulp of `seconds`.
        let frac = seconds - whole;
        #[allow(clippy::cast_possible_truncation)]
        let whole_secs = whole as i64;
        if frac == 0.0 {
            return Some(DateTime {
                seconds: whole_secs,
                subsecond_nanos: 0,
            });
        }
        // The ulp of `seconds` is 2^-q; frac = m * 2^-q and |seconds| = n * 2^-q exactly.
        let exponent = i32::try_from((magnitude.to_bits() >> 52) & 0x7ff).ok()? - 1023;
        let q = u32::try_from(52 - exponent).ok().filter(|q| *q <= 52)?;
        let ulps = f64::from(1u32 << (q / 2)) * f64::from(1u32 << (q - q / 2));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (m, n) = ((frac * ulps) as u128, (magnitude * ulps) as u64);
        // The closest `digits`-digit fraction that reads back as `seconds`:
        // |decimal - seconds| * 10^d * 2^(q+1) = |s * 2^(q+1) - 2 * m * 10^d|,
        // which must be under half an ulp (10^d), or equal to it with an even
        // significand (ties to even).
        let exact = |digits: usize| -> Option<u64> {
            let p = u128::from(POW10[digits]);
            #[allow(clippy::cast_possible_truncation)]
            let guess = (frac * POW10[digits] as f64).round() as i128;
            let mut best: Option<(u128, u128)> = None;
            for s in [guess - 1, guess, guess + 1] {
                let Ok(s) = u128::try_from(s) else { continue };
                if s >= p {
                    continue;
                }
                let distance = (s << (q + 1)).abs_diff(2 * m * p);
                let rounds_back = distance < p || (distance == p && n % 2 == 0);
                if rounds_back && best.is_none_or(|(_, b)| distance < b) {
                    best = Some((s, distance));
                }
            }
            best.and_then(|(s, _)| u64::try_from(s).ok())
        };
        // Fewer digits that read back would also read back with one digit
        // more (a trailing zero), so proving `digits - 1` fails proves shortest.
        let digits = (1..=9).find(|&d| whole + (frac * POW10[d] as f64).round() / POW10[d] as f64 == seconds)?;
        let fraction = exact(digits)?;
        if digits > 1 && exact(digits - 1).is_some() {
            return None;
        }
        let subsecond_nanos = u32::try_from(fraction * POW10[9 - digits]).ok()?;
        Some(DateTime {
            seconds: whole_secs,
            subsecond_nanos,
        })
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Day names from Thursday, the weekday of the epoch.
const SHORT_DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const LONG_DAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];

/// The value of a short run of ASCII digits; `None` for anything else.
fn digits(text: &[u8]) -> Option<i64> {
    if text.is_empty() || text.len() > 4 {
        return None;
    }
    text.iter()
        .try_fold(0, |n, &b| b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0')))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The second of the minute, checked: `60` (a leap second) only when the
/// UTC time is 23:59, and then read as 59.
fn civil_second(hour: i64, minute: i64, second: i64, utc_minute_of_day: i64) -> Result<i64, &'static str> {
    if hour > 23 || minute > 59 {
        return Err("no such time of day");
    }
    match second {
        0..=59 => Ok(second),
        60 if utc_minute_of_day == 23 * 60 + 59 => Ok(59),
        60 => Err("a leap second (:60) can only be 23:59:60 UTC"),
        _ => Err("no such time of day"),
    }
}

/// Epoch seconds of a checked civil date and time, with checked arithmetic
/// (the callers read at most four-digit years, but the range is not this
/// function's to assume).
fn epoch_seconds(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Result<i64, &'static str> {
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err("no such date");
    }
    days_from_civil(year, month, day)
        .and_then(|days| days.checked_mul(86_400))
        .and_then(|s| s.checked_add(hour * 3600 + minute * 60 + second))
        .ok_or("out of range")
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil` algorithm); `None` when it does not fit an `i64`.
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    let year = if month <= 2 { year.checked_sub(1)? } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era.checked_mul(146_097)?.checked_add(day_of_era - 719_468)
}

/// The full year of an RFC 850 two-digit year: the one with those last
/// digits among the hundred years that end 50 years from now, since RFC
/// 9110 reads a year more than 50 years in the future as the most recent
/// past year with the same last two digits.
fn rfc850_year(two_digits: i64, this_year: i64) -> i64 {
    let year = this_year - this_year.rem_euclid(100) + two_digits;
    if year > this_year + 50 {
        year - 100
    } else if year <= this_year - 50 {
        year + 100
    } else {
        year
    }
}

/// The current UTC year, for RFC 850 dates.
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
fn current_year() -> i64 {
    civil_from_epoch(DateTime::from(std::time::SystemTime::now()).seconds).0
}

/// `wasm32-unknown-unknown` has no clock (`SystemTime::now` panics there):
/// RFC 850 years are read as seen from 2026.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
fn current_year() -> i64 {
    2026
}

/// Year, month, day, hour, minute and second of epoch seconds in UTC.
fn civil_from_epoch(seconds: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day, in_day / 3600, in_day % 3600 / 60, in_day % 60)
}

/// Decimal epoch seconds: `1700000000`, `1700000000.5`, `-0.25`.
/// The nanoseconds of a decimal fraction (ASCII digits after the point),
/// truncated to nine digits.
fn fraction_nanos(digits: &[u8]) -> u32 {
    const SCALE: [u32; 9] = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
    let nanos = digits.iter().take(9).fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    let scale = digits
        .len()
        .checked_sub(1)
        .and_then(|i| SCALE.get(i))
        .copied()
        .unwrap_or(1);
    nanos * scale
}

impl std::fmt::Display for DateTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.subsecond_nanos == 0 {
            return write!(f, "{}", self.seconds);
        }
        let (sign, whole, nanos) = if self.seconds < 0 {
            // Back from floor form: -2 s + 0.75 s is -1.25 s.
            (
                "-",
                -(i128::from(self.seconds) + 1),
                NANOS_PER_SECOND - self.subsecond_nanos,
            )
        } else {
            ("", i128::from(self.seconds), self.subsecond_nanos)
        };
        // The nanoseconds without trailing zeros, with no String in between
        // (this runs for every fractional timestamp written).
        let (mut fraction, mut width) = (nanos, 9);
        while fraction % 10 == 0 {
            fraction /= 10;
            width -= 1;
        }
        write!(f, "{sign}{whole}.{fraction:0width$}")
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
                    0 => DateTime {
                        seconds: -seconds,
                        subsecond_nanos: 0,
                    },
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
            format: "epoch-seconds",
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
                // The shortest decimal that reads back as this number is the
                // text the service sent (whenever it fits in an `f64`).
                if let Some(time) = DateTime::from_f64_shortest(seconds) {
                    return Ok(time);
                }
                // Otherwise `f64`'s `Display`, which is that same shortest
                // text, parsed exactly; on the stack, or for the rare long
                // text (tiny fractions) on the heap.
                let mut text = StackText::default();
                match std::fmt::Write::write_fmt(&mut text, format_args!("{seconds}")) {
                    Ok(()) => DateTime::parse_epoch_seconds(text.as_str()).map_err(E::custom),
                    Err(_) => DateTime::parse_epoch_seconds(&seconds.to_string()).map_err(E::custom),
                }
            }
        }
        /// Asks for the number's exact text: the crate's own JSON reader
        /// (`parse_response`) gives it, so every digit of the fraction is
        /// kept; any other deserializer (serde_json) answers
        /// `visit_newtype_struct`, and the number is read through `Visitor`.
        struct NumberText;
        impl<'de> serde::de::Visitor<'de> for NumberText {
            type Value = DateTime;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                serde::de::Visitor::expecting(&Visitor, f)
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<DateTime, D::Error> {
                deserializer.deserialize_any(Visitor)
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateTime, E> {
                match DateTime::parse_epoch_seconds(text) {
                    Ok(time) => Ok(time),
                    // Exponent notation: as a float, like serde_json reads it.
                    Err(_) if text.contains(['e', 'E']) => {
                        let seconds: f64 = text.parse().map_err(E::custom)?;
                        serde::de::Visitor::visit_f64(Visitor, seconds)
                    }
                    Err(e) => Err(E::custom(e)),
                }
            }
        }
        deserializer.deserialize_newtype_struct(crate::json::NUMBER_TEXT, NumberText)
    }
}

/// A small text buffer on the stack, for formatting numbers without
/// allocating. Writing more than it holds is an error.
struct StackText {
    bytes: [u8; 64],
    len: usize,
}

impl Default for StackText {
    fn default() -> StackText {
        StackText { bytes: [0; 64], len: 0 }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so this is valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The text of an enum value that this version of the crate does not know.
///
/// Opaque on purpose: code that matched on a particular unknown text would
/// silently stop matching once a newer crate knows that value as a variant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    #[doc(hidden)]
    pub fn new(value: String) -> UnknownVariantValue {
        UnknownVariantValue(value)
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Binary data; base64 (RFC 4648, with padding) on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Blob {
        Blob(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Blob {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Blob {
        Blob(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Blob {
        Blob(text.as_bytes().to_vec())
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) fn base64_decode(text: &str) -> Result<Vec<u8>, &'static str> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for b in text.bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err("not a base64 character"),
        };
        buffer = buffer << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits & 0xff) as u8);
        }
    }
    if bits >= 6 {
        return Err("truncated base64");
    }
    Ok(out)
}

impl serde::Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64_encode(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Blob, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        base64_decode(&text)
            .map(Blob)
            .map_err(|reason| serde::de::Error::custom(format_args!("invalid base64 blob: {reason}")))
    }
}

/// A JSON document: any JSON value, written as is.
pub type Document = serde_json::Value;

/// Why text is not a [`BigInteger`] or [`BigDecimal`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigNumberParseError {
    input: String,
    kind: &'static str,
}

impl std::fmt::Display for BigNumberParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.kind == "bigInteger" {
            "a JSON integer (no fraction or exponent)"
        } else {
            "a JSON number"
        };
        write!(f, "`{}` is not a {}: expected {what}", self.input, self.kind)
    }
}

impl std::error::Error for BigNumberParseError {}

/// The name of serde_json's raw-value protocol (its `raw_value` feature,
/// which the generated crate turns on): a struct or newtype struct by this
/// name carries a JSON value's text, written and read as is. It is how
/// plain `serde_json` keeps every digit of a big number without
/// `arbitrary_precision`, which would change how every crate in the build
/// reads numbers.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// The text of a JSON number, checked to be a `bigInteger` (`integer`) or
/// any number, from whichever way the deserializer offers it.
struct BigNumberText {
    kind: &'static str,
    integer: bool,
}

impl BigNumberText {
    fn check(&self, text: &str) -> Result<String, BigNumberParseError> {
        match crate::json::json_number(text) {
            Some(crate::json::JsonNumber::Integer) => Ok(text.to_owned()),
            Some(crate::json::JsonNumber::Other) if !self.integer => Ok(text.to_owned()),
            _ => Err(BigNumberParseError {
                input: text.to_owned(),
                kind: self.kind,
            }),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for BigNumberText {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a {} (a JSON number)", self.kind)
    }
    /// The crate's own JSON reader answers `NUMBER_TEXT` with the text.
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<String, E> {
        self.check(text).map_err(E::custom)
    }
    /// serde_json (and any other deserializer) does not know
    /// `NUMBER_TEXT`; ask again through the raw-value protocol.
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE, RawNumber(self))
    }
}

/// serde_json answers the raw-value protocol with a one-entry map whose
/// value is the JSON text; other deserializers with the value itself.
struct RawNumber(BigNumberText);

impl<'de> serde::de::Visitor<'de> for RawNumber {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.expecting(f)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == RAW_VALUE => {
                let text = map.next_value::<String>()?;
                self.0.check(&text).map_err(serde::de::Error::custom)
            }
            _ => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Map, &self)),
        }
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
    // Deserializers that know neither protocol give the number's value.
    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }
    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }
    fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<String, E> {
        Ok(value.to_string())
    }
    fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<String, E> {
        Ok(value.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<String, E> {
        // `f64`'s Display never uses an exponent: always JSON number text,
        // and for a whole number an integer's.
        if value.is_finite() {
            self.0.check(&value.to_string()).map_err(E::custom)
        } else {
            Err(E::invalid_value(serde::de::Unexpected::Float(value), &self))
        }
    }
}

macro_rules! big_number {
    ($name:ident, $what:literal, $kind:literal, $integer:literal) => {
        #[doc = concat!("An arbitrary-precision ", $what, ", kept as its JSON text, every digit.")]
        ///
        /// On the wire it is a JSON number, read and written as the exact
        /// text the service sent or the caller gave, through the crate's
        /// `json` module and through plain `serde_json` alike (by
        /// serde_json's raw-value protocol). Values within 64-bit integers
        /// go through serde's integer types, so every serde format writes
        /// those; a bigger or fractional value written to a format other
        /// than JSON comes out as serde_json's raw-value struct.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The JSON text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                $name(value.to_string())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        #[doc = concat!("Parses JSON number text (RFC 8259), ", $kind, "s kept as they are written.")]
        impl std::str::FromStr for $name {
            type Err = BigNumberParseError;
            fn from_str(text: &str) -> Result<Self, BigNumberParseError> {
                BigNumberText {
                    kind: $kind,
                    integer: $integer,
                }
                .check(text)
                .map($name)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // Parsing succeeds only for canonical text (the text is
                // checked JSON, so no `+` or leading zeros), except `-0`.
                if self.0 != "-0" {
                    if let Ok(n) = self.0.parse::<i64>() {
                        return serializer.serialize_i64(n);
                    }
                    if let Ok(n) = self.0.parse::<u64>() {
                        return serializer.serialize_u64(n);
                    }
                }
                let mut raw = serde::Serializer::serialize_struct(serializer, RAW_VALUE, 1)?;
                serde::ser::SerializeStruct::serialize_field(&mut raw, RAW_VALUE, &self.0)?;
                serde::ser::SerializeStruct::end(raw)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = BigNumberText {
                    kind: $kind,
                    integer: $integer,
                };
                deserializer
                    .deserialize_newtype_struct(crate::json::NUMBER_TEXT, text)
                    .map($name)
            }
        }
    };
}

big_number!(BigInteger, "integer", "bigInteger", true);
big_number!(BigDecimal, "decimal number", "bigDecimal", false);
