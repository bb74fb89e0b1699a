//! The incremental decoder: bytes in, in pieces of any size, whole
//! messages out.

use super::error::{ErrorKind, EventStreamError};
use super::frame::{self, Prelude, PRELUDE_LENGTH};
use super::message::Message;

/// Splits a byte stream into [`Message`]s, sans I/O: the caller
/// [`push`](Decoder::push)es bytes as they arrive, in chunks of any size
/// and split anywhere, takes each message once whole with
/// [`next_message`](Decoder::next_message), and calls
/// [`finish`](Decoder::finish) when the stream ends.
///
/// A frame's prelude is checked as soon as its 12 bytes are in, so a
/// corrupt length is reported at once rather than waited for. The first
/// error is final: the specification has the receiver terminate the
/// stream, and every later call returns the same error.
#[derive(Debug, Default)]
pub struct Decoder {
    buffer: Vec<u8>,
    /// Where the next message starts in `buffer`: the messages before it
    /// were taken, and are dropped at the next push rather than on each
    /// take, so that a push carrying many messages is not quadratic.
    start: usize,
    /// The stream offset of `buffer[start]`.
    offset: u64,
    failed: Option<EventStreamError>,
}

impl Decoder {
    /// A decoder at the start of a stream.
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Appends the next bytes of the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 {
            self.buffer.drain(..self.start.min(self.buffer.len()));
            self.start = 0;
        }
        self.buffer.extend_from_slice(bytes);
    }

    /// The next whole message, `None` until enough bytes have been pushed
    /// for one; an error for a frame that is malformed.
    pub fn next_message(&mut self) -> Result<Option<Message>, EventStreamError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        let result = self.read();
        if let Err(error) = &result {
            self.failed = Some(error.clone());
        }
        result
    }

    fn read(&mut self) -> Result<Option<Message>, EventStreamError> {
        let pending = self.pending();
        let Some(prelude) = pending.first_chunk::<PRELUDE_LENGTH>() else {
            return Ok(None);
        };
        let prelude = Prelude::read(prelude, self.offset)?;
        let Some(frame) = pending.get(..prelude.total_len()) else {
            return Ok(None);
        };
        let message = frame::decode(frame, &prelude, self.offset)?;
        self.start = self.start.saturating_add(frame.len());
        self.offset = self.offset.saturating_add(u64::from(prelude.total_length));
        Ok(Some(message))
    }

    fn pending(&self) -> &[u8] {
        self.buffer.get(self.start..).unwrap_or_default()
    }

    /// The bytes pushed and not yet taken as messages.
    pub fn buffered(&self) -> usize {
        self.pending().len()
    }

    /// Says whether the stream may end here: call it when the body ends,
    /// after `next_message` has returned `Ok(None)`. Fails with
    /// [`ErrorKind::Truncated`] when bytes of an unfinished message are
    /// left (a connection cut mid-message), with the decoding error if one
    /// happened or the left-over prelude is corrupt, and with
    /// [`ErrorKind::UnreadMessage`] if a whole message was never taken.
    pub fn finish(&self) -> Result<(), EventStreamError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        let pending = self.pending();
        if pending.is_empty() {
            return Ok(());
        }
        let Some(prelude) = pending.first_chunk::<PRELUDE_LENGTH>() else {
            return Err(EventStreamError::at(
                ErrorKind::Truncated {
                    buffered: pending.len(),
                    needed: None,
                },
                self.offset,
            ));
        };
        let prelude = Prelude::read(prelude, self.offset)?;
        if pending.len() < prelude.total_len() {
            return Err(EventStreamError::at(
                ErrorKind::Truncated {
                    buffered: pending.len(),
                    needed: Some(prelude.total_length),
                },
                self.offset,
            ));
        }
        Err(EventStreamError::at(ErrorKind::UnreadMessage, self.offset))
    }
}
