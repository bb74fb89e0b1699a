//! Helpers: an independent CRC-32, frames assembled by hand, and decoding
//! a whole byte string.

use shapesmith_runtime::event_stream::{Decoder, ErrorKind, EventStreamError, Message};

/// CRC-32 bit by bit, straight from its definition (reflected polynomial
/// 0xEDB88320, initial value and final XOR all ones), so that the tests do
/// not check the table-driven one against itself.
pub fn reference_crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            let low_bit_set = crc & 1 == 1;
            crc >>= 1;
            if low_bit_set {
                crc ^= 0xEDB8_8320;
            }
        }
    }
    !crc
}

/// A frame around `headers` (already encoded) and `payload`, with the
/// lengths and both CRCs computed here.
pub fn frame(headers: &[u8], payload: &[u8]) -> Vec<u8> {
    let total = u32::try_from(16 + headers.len() + payload.len()).unwrap();
    frame_with_lengths(total, u32::try_from(headers.len()).unwrap(), headers, payload)
}

/// A frame whose prelude says `total` and `headers_length` whatever the
/// bytes that follow, with correct CRCs over what is written.
pub fn frame_with_lengths(total: u32, headers_length: u32, headers: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&total.to_be_bytes());
    out.extend_from_slice(&headers_length.to_be_bytes());
    let prelude_crc = reference_crc32(&out);
    out.extend_from_slice(&prelude_crc.to_be_bytes());
    out.extend_from_slice(headers);
    out.extend_from_slice(payload);
    let message_crc = reference_crc32(&out);
    out.extend_from_slice(&message_crc.to_be_bytes());
    out
}

/// One header: name length, name, type byte, value bytes.
pub fn header(name: &[u8], value_type: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![u8::try_from(name.len()).unwrap()];
    out.extend_from_slice(name);
    out.push(value_type);
    out.extend_from_slice(value);
    out
}

/// A string header (type 7).
pub fn string_header(name: &str, value: &str) -> Vec<u8> {
    let mut bytes = u16::try_from(value.len()).unwrap().to_be_bytes().to_vec();
    bytes.extend_from_slice(value.as_bytes());
    header(name.as_bytes(), 7, &bytes)
}

/// Every message of `bytes` pushed at once, then `finish`.
pub fn decode_all(bytes: &[u8]) -> Result<Vec<Message>, EventStreamError> {
    decode_chunked(bytes, bytes.len().max(1))
}

/// Every message of `bytes` pushed in chunks of `size`, then `finish`.
pub fn decode_chunked(bytes: &[u8], size: usize) -> Result<Vec<Message>, EventStreamError> {
    let mut decoder = Decoder::new();
    let mut messages = Vec::new();
    for chunk in bytes.chunks(size) {
        decoder.push(chunk);
        while let Some(message) = decoder.next_message()? {
            messages.push(message);
        }
    }
    decoder.finish()?;
    Ok(messages)
}

/// The one message of `bytes`.
pub fn decode_one(bytes: &[u8]) -> Message {
    let mut messages = decode_all(bytes).unwrap_or_else(|e| panic!("should decode: {e}"));
    assert_eq!(messages.len(), 1, "one message expected");
    messages.remove(0)
}

/// The error decoding `bytes` gives, with its offset.
pub fn decode_error(bytes: &[u8]) -> (ErrorKind, Option<u64>) {
    match decode_all(bytes) {
        Ok(messages) => panic!("should fail, decoded {messages:?}"),
        Err(e) => (e.kind().clone(), e.offset()),
    }
}

/// A small deterministic generator (xorshift64*), for random messages and
/// chunkings without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap()).unwrap()
    }

    pub fn bytes(&mut self, length: usize) -> Vec<u8> {
        (0..length).map(|_| self.next() as u8).collect()
    }
}
