//! One frame: the prelude and its CRC, the message CRC, and the encoder.
//!
//! ```text
//! total length u32 | headers length u32 | prelude CRC u32 | headers | payload | message CRC u32
//! ```
//!
//! Both CRCs are CRC-32 (IEEE 802.3, the one of zlib and gzip), computed
//! over every byte of the frame before them.

use super::error::{ErrorKind, EventStreamError};
use super::header;
use super::message::Message;

/// The longest message, in bytes, that the decoder accepts and the encoder
/// writes: 16 MiB, the limit of AWS's own implementations. It also bounds
/// what a corrupt length can make the decoder wait for and buffer.
pub const MAX_MESSAGE_LENGTH: u32 = 16 * 1024 * 1024;

/// The longest headers section, in bytes, of a message (128 KiB, the
/// specification's limit).
pub const MAX_HEADERS_LENGTH: u32 = 128 * 1024;

/// The prelude (two lengths) and its CRC.
pub(super) const PRELUDE_LENGTH: usize = 12;

/// The prelude, its CRC and the message CRC: the shortest message.
const OVERHEAD: u32 = 16;

/// A prelude whose CRC and lengths have been checked.
pub(super) struct Prelude {
    /// The whole frame's length, between 16 and `MAX_MESSAGE_LENGTH`.
    pub(super) total_length: u32,
    /// At most `total_length - 16`.
    pub(super) headers_length: u32,
}

impl Prelude {
    /// Reads the first 12 bytes of a frame that starts at byte `offset` of
    /// the stream. The CRC is checked first: the lengths of a corrupt
    /// prelude mean nothing, and must not decide how much to wait for.
    pub(super) fn read(bytes: &[u8; PRELUDE_LENGTH], offset: u64) -> Result<Prelude, EventStreamError> {
        let [t0, t1, t2, t3, h0, h1, h2, h3, c0, c1, c2, c3] = *bytes;
        let expected = u32::from_be_bytes([c0, c1, c2, c3]);
        let actual = crc32(&[t0, t1, t2, t3, h0, h1, h2, h3]);
        if expected != actual {
            return Err(EventStreamError::at(
                ErrorKind::PreludeCrc { expected, actual },
                offset.saturating_add(8),
            ));
        }
        let total_length = u32::from_be_bytes([t0, t1, t2, t3]);
        let headers_length = u32::from_be_bytes([h0, h1, h2, h3]);
        if !(OVERHEAD..=MAX_MESSAGE_LENGTH).contains(&total_length) {
            return Err(EventStreamError::at(
                ErrorKind::MessageLength { length: total_length },
                offset,
            ));
        }
        if headers_length > MAX_HEADERS_LENGTH {
            return Err(EventStreamError::at(
                ErrorKind::HeadersLength { length: headers_length },
                offset.saturating_add(4),
            ));
        }
        if headers_length > total_length.saturating_sub(OVERHEAD) {
            return Err(EventStreamError::at(
                ErrorKind::HeadersExceedMessage {
                    total_length,
                    headers_length,
                },
                offset.saturating_add(4),
            ));
        }
        Ok(Prelude {
            total_length,
            headers_length,
        })
    }

    pub(super) fn total_len(&self) -> usize {
        usize::try_from(self.total_length).unwrap_or(usize::MAX)
    }
}

/// Decodes a whole frame (`frame.len()` is the prelude's total length)
/// that starts at byte `offset` of the stream.
pub(super) fn decode(frame: &[u8], prelude: &Prelude, offset: u64) -> Result<Message, EventStreamError> {
    let crc_offset = offset.saturating_add(u64::try_from(frame.len()).unwrap_or(u64::MAX).saturating_sub(4));
    let Some((covered, crc)) = frame.split_last_chunk::<4>() else {
        return Err(EventStreamError::at(
            ErrorKind::MessageLength {
                length: prelude.total_length,
            },
            offset,
        ));
    };
    let expected = u32::from_be_bytes(*crc);
    let actual = crc32(covered);
    if expected != actual {
        return Err(EventStreamError::at(
            ErrorKind::MessageCrc { expected, actual },
            crc_offset,
        ));
    }
    let headers_end = PRELUDE_LENGTH.saturating_add(usize::try_from(prelude.headers_length).unwrap_or(usize::MAX));
    // `Prelude::read` checked that the headers fit; an empty section is
    // what a frame that lied would get, never a panic.
    let headers = covered.get(PRELUDE_LENGTH..headers_end).unwrap_or_default();
    let payload = covered.get(headers_end..).unwrap_or_default();
    let headers = header::read_all(headers, offset.saturating_add(PRELUDE_LENGTH as u64))?;
    Ok(Message {
        headers,
        payload: payload.to_vec(),
    })
}

/// Encodes `message` as one frame.
///
/// Fails when a header name is empty or longer than 255 bytes, a byte
/// array or string value is longer than
/// [`MAX_HEADER_VALUE_LENGTH`](super::MAX_HEADER_VALUE_LENGTH), the headers
/// would exceed [`MAX_HEADERS_LENGTH`] or the message [`MAX_MESSAGE_LENGTH`].
pub fn encode(message: &Message) -> Result<Vec<u8>, EventStreamError> {
    let headers_length = header::encoded_len(&message.headers)?;
    let headers_length_u32 = u32::try_from(headers_length)
        .ok()
        .filter(|length| *length <= MAX_HEADERS_LENGTH)
        .ok_or_else(|| EventStreamError::new(ErrorKind::HeadersTooLong { length: headers_length }))?;
    let total_length = headers_length
        .saturating_add(message.payload.len())
        .saturating_add(OVERHEAD as usize);
    let total_length_u32 = u32::try_from(total_length)
        .ok()
        .filter(|length| *length <= MAX_MESSAGE_LENGTH)
        .ok_or_else(|| EventStreamError::new(ErrorKind::MessageTooLong { length: total_length }))?;
    let mut out = Vec::with_capacity(total_length);
    out.extend_from_slice(&total_length_u32.to_be_bytes());
    out.extend_from_slice(&headers_length_u32.to_be_bytes());
    let prelude_crc = crc32(&out);
    out.extend_from_slice(&prelude_crc.to_be_bytes());
    for header in &message.headers {
        header::write(&mut out, header);
    }
    out.extend_from_slice(&message.payload);
    let message_crc = crc32(&out);
    out.extend_from_slice(&message_crc.to_be_bytes());
    Ok(out)
}

/// CRC-32/ISO-HDLC (polynomial 0x04C11DB7 reflected, as zlib and gzip
/// compute it): the checksum both CRCs of a frame use.
/// `crc32(b"123456789") == 0xCBF43926`.
///
/// Written here, with a table built at compile time, so that neither this
/// crate nor a generated crate carrying a copy of this module needs a
/// dependency for it.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, byte| {
        // A `u8` index into a 256-entry table is always in bounds.
        CRC_TABLE[usize::from(crc as u8 ^ byte)] ^ (crc >> 8)
    })
}

/// The CRC of each byte value, for `crc32`'s byte-at-a-time loop.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut crc = index as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[index] = crc;
        index += 1;
    }
    table
};
