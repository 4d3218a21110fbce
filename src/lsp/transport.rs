//! LSP base protocol over a byte stream: `Content-Length`-framed JSON-RPC messages.
//!
//! `lsp-server`'s own reader ends the connection on the first malformed frame (and echoes the
//! payload into its error). This reader never gives up on the stream: every problem becomes a
//! [`Frame`] the server answers or logs, and reading goes on with the next message.
//!
//! * A body that is not JSON (or not UTF-8) → [`Frame::ParseError`] (`-32700`, id `null`).
//! * JSON that is not a JSON-RPC message → [`Frame::Invalid`] (`-32600` with the message's
//!   id when it has one; skipped otherwise).
//! * A header block without a usable `Content-Length`, a header line longer than
//!   [`MAX_HEADER_LINE`], or a length over the cap → [`Frame::Skipped`]: the body's extent
//!   is unknown (or not to be trusted), so the reader re-synchronises on the next
//!   `Content-Length:` header. Valid JSON cannot contain that header followed by a raw line
//!   break, so the scan cannot stop inside a well-formed body.
//!
//! The cap is checked before anything is allocated. No text of a payload is ever put into a
//! frame's description (it may hold a secret from the user's file).

use std::io::{self, BufRead, Write};

use lsp_server::{Message, RequestId};
use serde_json::Value;

/// Largest message body accepted (editor buffers are limited separately, by the engine's
/// `max-file-size`; JSON escaping can double a buffer's size).
pub(crate) const MAX_CONTENT_LENGTH: usize = 64 << 20;
/// Longest header line; real clients send two short headers.
pub(crate) const MAX_HEADER_LINE: usize = 4096;

/// What the reader produced.
#[derive(Debug)]
pub(crate) enum Frame {
    Message(Message),
    /// The body is not JSON (or not UTF-8): answer `-32700` with a `null` id.
    ParseError {
        reason: String,
    },
    /// JSON, but not a JSON-RPC message: answer `-32600` when `id` is known.
    Invalid {
        id: Option<Value>,
        reason: String,
    },
    /// Bytes that could not be framed were skipped.
    Skipped {
        reason: String,
    },
}

/// Reads frames from a byte stream; `Ok(None)` at the end of the stream.
pub(crate) struct Reader<R> {
    inner: R,
    max_content_length: usize,
    /// Set after a framing error: skip to the next `Content-Length:` header.
    resync: bool,
}

impl<R: BufRead> Reader<R> {
    pub(crate) fn new(inner: R) -> Self {
        Reader {
            inner,
            max_content_length: MAX_CONTENT_LENGTH,
            resync: false,
        }
    }

    #[cfg(test)]
    pub(crate) fn with_max_content_length(mut self, max: usize) -> Self {
        self.max_content_length = max;
        self
    }

    pub(crate) fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        let mut first_line = None;
        if self.resync {
            self.resync = false;
            match self.skip_to_content_length()? {
                Some(line) => first_line = Some(line),
                None => return Ok(None),
            }
        }
        let length = match self.read_headers(first_line)? {
            Headers::Eof => return Ok(None),
            Headers::Length(n) => n,
            Headers::Bad(reason) => {
                self.resync = true;
                return Ok(Some(Frame::Skipped { reason }));
            }
        };
        if length > self.max_content_length {
            // Never allocate a claimed length over the cap; a genuine oversized body is
            // skipped by the resynchronising scan, a lying header costs nothing.
            self.resync = true;
            return Ok(Some(Frame::Skipped {
                reason: format!(
                    "a message of {length} bytes exceeds the {} byte limit",
                    self.max_content_length
                ),
            }));
        }
        let mut body = vec![0u8; length];
        if let Err(e) = self.inner.read_exact(&mut body) {
            return if e.kind() == io::ErrorKind::UnexpectedEof {
                Ok(None)
            } else {
                Err(e)
            };
        }
        Ok(Some(classify(&body)))
    }

    /// Read header lines up to the empty line. `first` is a header line already read.
    fn read_headers(&mut self, first: Option<Vec<u8>>) -> io::Result<Headers> {
        let mut length: Option<Result<usize, ()>> = None;
        let mut pending = first;
        let mut any = false;
        loop {
            let line = match pending.take() {
                Some(l) => l,
                None => match self.read_line()? {
                    Line::Eof => {
                        return Ok(if any {
                            Headers::Bad("the stream ended inside a header".into())
                        } else {
                            Headers::Eof
                        })
                    }
                    Line::TooLong => {
                        return Ok(Headers::Bad(format!(
                            "a header line longer than {MAX_HEADER_LINE} bytes"
                        )))
                    }
                    Line::Text(l) => l,
                },
            };
            if line.is_empty() {
                if !any {
                    // Blank lines between messages are tolerated.
                    continue;
                }
                break;
            }
            any = true;
            let Some(colon) = line.iter().position(|&b| b == b':') else {
                return Ok(Headers::Bad("a header line without `:`".into()));
            };
            let (name, value) = line.split_at(colon);
            if name.eq_ignore_ascii_case(b"content-length") {
                let value = std::str::from_utf8(&value[1..]).unwrap_or("").trim();
                length = Some(value.parse::<usize>().map_err(|_| ()));
            }
        }
        Ok(match length {
            Some(Ok(n)) => Headers::Length(n),
            Some(Err(())) => Headers::Bad("a Content-Length that is not a number".into()),
            None => Headers::Bad("a header block without Content-Length".into()),
        })
    }

    /// One line without its `\r\n` (or `\n`), bounded by [`MAX_HEADER_LINE`].
    fn read_line(&mut self) -> io::Result<Line> {
        let mut line = Vec::new();
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(if line.is_empty() {
                    Line::Eof
                } else {
                    Line::Text(trim_cr(line))
                });
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    if line.len() + i > MAX_HEADER_LINE {
                        self.inner.consume(i + 1);
                        return Ok(Line::TooLong);
                    }
                    line.extend_from_slice(&buf[..i]);
                    self.inner.consume(i + 1);
                    return Ok(Line::Text(trim_cr(line)));
                }
                None => {
                    let n = buf.len();
                    if line.len() + n > MAX_HEADER_LINE {
                        self.inner.consume(n);
                        // Drop the rest of the over-long line without keeping it.
                        self.skip_line()?;
                        return Ok(Line::TooLong);
                    }
                    line.extend_from_slice(buf);
                    self.inner.consume(n);
                }
            }
        }
    }

    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            if let Some(i) = buf.iter().position(|&b| b == b'\n') {
                self.inner.consume(i + 1);
                return Ok(());
            }
            let n = buf.len();
            self.inner.consume(n);
        }
    }

    /// Discard bytes up to the next `Content-Length:` (any case), and return that header
    /// line (`None` at the end of the stream). Keeps no more than the header itself.
    fn skip_to_content_length(&mut self) -> io::Result<Option<Vec<u8>>> {
        const NEEDLE: &[u8] = b"content-length:";
        let mut matched = 0;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let mut found = None;
            for (i, &b) in buf.iter().enumerate() {
                let b = b.to_ascii_lowercase();
                if b == NEEDLE[matched] {
                    matched += 1;
                    if matched == NEEDLE.len() {
                        found = Some(i + 1);
                        break;
                    }
                } else {
                    // The needle has no repeated prefix except its first byte.
                    matched = usize::from(b == NEEDLE[0]);
                }
            }
            match found {
                Some(end) => {
                    self.inner.consume(end);
                    let rest = match self.read_line()? {
                        Line::Text(t) => t,
                        Line::Eof => return Ok(None),
                        Line::TooLong => Vec::new(),
                    };
                    let mut line = b"Content-Length:".to_vec();
                    line.extend_from_slice(&rest);
                    return Ok(Some(line));
                }
                None => {
                    let n = buf.len();
                    self.inner.consume(n);
                }
            }
        }
    }
}

enum Headers {
    Eof,
    Length(usize),
    Bad(String),
}

enum Line {
    Eof,
    TooLong,
    Text(Vec<u8>),
}

fn trim_cr(mut line: Vec<u8>) -> Vec<u8> {
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    line
}

/// Decide what a body is. Descriptions name the problem and the position, never the text.
pub(crate) fn classify(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Frame::ParseError {
                reason: format!(
                    "the message body is not valid JSON ({:?} error at line {}, column {})",
                    e.classify(),
                    e.line(),
                    e.column()
                ),
            }
        }
    };
    let Value::Object(map) = &value else {
        return Frame::Invalid {
            id: None,
            reason: "the message is not a JSON object".into(),
        };
    };
    let id = map.get("id").cloned();
    let id_ok = matches!(&id, Some(Value::Number(_) | Value::String(_)));
    let invalid = |reason: &str| Frame::Invalid {
        id: id.clone().filter(|_| id_ok),
        reason: reason.into(),
    };
    match map.get("method") {
        Some(Value::String(_)) => {
            if !matches!(
                map.get("params"),
                None | Some(Value::Null | Value::Object(_) | Value::Array(_))
            ) {
                return invalid("`params` must be an object or an array");
            }
            if id.is_some() && !id_ok {
                return invalid("a request id must be a number or a string");
            }
        }
        Some(_) => return invalid("`method` must be a string"),
        None => {
            if !(map.contains_key("result") || map.contains_key("error")) || !id_ok {
                return invalid("neither a request, a notification nor a response");
            }
        }
    }
    let is_response = !map.contains_key("method");
    let has_id = map.contains_key("id");
    match serde_json::from_value::<Message>(value.clone()) {
        // lsp-server reads a request whose id it cannot represent as a notification.
        Ok(Message::Notification(_)) if has_id => {
            invalid("the request id is outside the supported range")
        }
        Ok(m) => Frame::Message(m),
        // A response is never answered, whatever is wrong with it.
        Err(_) if is_response => Frame::Skipped {
            reason: "a response with an id this server never uses".into(),
        },
        // E.g. a request id outside the i32 range lsp-server represents.
        Err(_) => invalid("the message does not fit the JSON-RPC shapes"),
    }
}

/// An error response for an id lsp-server's `RequestId` may not represent (any JSON number
/// or string; `null` when unknown).
pub(crate) fn error_response(id: Option<Value>, code: i32, message: &str) -> Value {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": { "code": code, "message": message },
    })
}

/// What the writer sends.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Message(Message),
    Raw(Value),
    /// Everything sent before is written and flushed: acknowledge.
    Flush(std::sync::mpsc::Sender<()>),
}

impl From<Message> for Outgoing {
    fn from(m: Message) -> Self {
        Outgoing::Message(m)
    }
}

/// Frame and write one message.
pub(crate) fn write(w: &mut impl Write, out: &Outgoing) -> io::Result<()> {
    let text = match out {
        Outgoing::Message(m) => {
            let mut v = serde_json::to_value(m)?;
            if let Value::Object(map) = &mut v {
                map.insert("jsonrpc".into(), Value::from("2.0"));
            }
            serde_json::to_string(&v)?
        }
        Outgoing::Raw(v) => serde_json::to_string(v)?,
        Outgoing::Flush(ack) => {
            w.flush()?;
            let _ = ack.send(());
            return Ok(());
        }
    };
    write!(w, "Content-Length: {}\r\n\r\n", text.len())?;
    w.write_all(text.as_bytes())?;
    w.flush()
}

/// The id of a request as lsp-server represents it.
pub(crate) fn request_id(v: &Value) -> Option<RequestId> {
    serde_json::from_value(v.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn frames(input: &[u8], max: usize) -> Vec<Frame> {
        let mut r = Reader::new(input).with_max_content_length(max);
        let mut out = Vec::new();
        while let Some(f) = r.next_frame().expect("in-memory reads do not fail") {
            out.push(f);
        }
        out
    }

    fn method(f: &Frame) -> Option<&str> {
        match f {
            Frame::Message(Message::Request(r)) => Some(&r.method),
            Frame::Message(Message::Notification(n)) => Some(&n.method),
            _ => None,
        }
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;

    #[test]
    fn well_formed_messages_of_every_kind() {
        let input = [
            frame(PING),
            frame(r#"{"jsonrpc":"2.0","method":"note","params":{"a":1}}"#),
            frame(r#"{"jsonrpc":"2.0","id":"x","result":null}"#),
        ]
        .concat();
        let got = frames(input.as_bytes(), 1 << 20);
        assert_eq!(got.len(), 3);
        assert_eq!(method(&got[0]), Some("ping"));
        assert_eq!(method(&got[1]), Some("note"));
        assert!(matches!(&got[2], Frame::Message(Message::Response(_))));
    }

    #[test]
    fn bad_json_is_a_parse_error_and_reading_goes_on() {
        let input = [frame("{not json"), frame(PING)].concat();
        let got = frames(input.as_bytes(), 1 << 20);
        let Frame::ParseError { reason } = &got[0] else {
            panic!("{got:?}")
        };
        assert!(!reason.contains("not json"), "payload echoed: {reason}");
        assert_eq!(method(&got[1]), Some("ping"));
    }

    #[test]
    fn json_that_is_not_a_message_is_invalid_with_its_id_when_it_has_one() {
        let input = [
            frame("[]"),
            frame(r#"{"foo":1}"#),
            frame(r#"{"id":7,"method":5}"#),
            frame(r#"{"id":8,"method":"m","params":"secret-text"}"#),
            frame(r#"{"id":4000000000,"method":"m"}"#),
            frame(r#"{"id":{"a":1},"method":"m"}"#),
            frame(PING),
        ]
        .concat();
        let got = frames(input.as_bytes(), 1 << 20);
        let ids: Vec<Option<Value>> = got[..6]
            .iter()
            .map(|f| match f {
                Frame::Invalid { id, reason } => {
                    assert!(!reason.contains("secret"), "{reason}");
                    id.clone()
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            ids,
            vec![
                None,
                None,
                Some(Value::from(7)),
                Some(Value::from(8)),
                Some(Value::from(4_000_000_000u64)),
                None
            ]
        );
        assert_eq!(method(&got[6]), Some("ping"));
    }

    #[test]
    fn missing_or_invalid_content_length_resynchronises_on_the_next_header() {
        let input = [
            "Content-Type: x\r\n\r\n{\"a\":1}".to_string(),
            "Content-Length: abc\r\n\r\n{\"b\":2}".to_string(),
            "no colon here\r\n\r\n".to_string(),
            frame(PING),
        ]
        .concat();
        let got = frames(input.as_bytes(), 1 << 20);
        let skipped = got
            .iter()
            .filter(|f| matches!(f, Frame::Skipped { .. }))
            .count();
        assert!(skipped >= 1, "{got:?}");
        assert_eq!(got.last().and_then(method), Some("ping"), "{got:?}");
        assert_eq!(got.iter().filter_map(method).count(), 1);
    }

    #[test]
    fn an_oversized_length_is_refused_without_allocating_and_skipped() {
        // A lying header (100 GB) followed by a real message: nothing is allocated for
        // the claim, and the next message is found.
        let input = [
            "Content-Length: 100000000000\r\n\r\nx".to_string(),
            frame(PING),
        ]
        .concat();
        let got = frames(input.as_bytes(), 1 << 20);
        assert!(matches!(&got[0], Frame::Skipped { reason } if reason.contains("exceeds")));
        assert_eq!(method(&got[1]), Some("ping"));
        // A genuine body over the cap (a small cap here) is skipped whole.
        let big = format!(
            r#"{{"jsonrpc":"2.0","method":"big","params":["{}"]}}"#,
            "y".repeat(200)
        );
        let input = [frame(&big), frame(PING)].concat();
        let got = frames(input.as_bytes(), 100);
        assert!(matches!(&got[0], Frame::Skipped { .. }));
        assert_eq!(method(&got[1]), Some("ping"));
    }

    #[test]
    fn a_huge_header_line_is_bounded() {
        let input = [
            format!("X-Junk: {}\r\n\r\n", "z".repeat(MAX_HEADER_LINE * 3)),
            frame(PING),
        ]
        .concat();
        let got = frames(input.as_bytes(), 1 << 20);
        assert!(matches!(&got[0], Frame::Skipped { .. }));
        assert_eq!(method(&got[1]), Some("ping"));
    }

    #[test]
    fn lenient_about_case_bare_newlines_and_blank_lines() {
        let input = format!("\r\ncontent-length: {}\n\n{PING}", PING.len());
        let got = frames(input.as_bytes(), 1 << 20);
        assert_eq!(method(&got[0]), Some("ping"));
    }

    #[test]
    fn a_body_cut_short_is_the_end_of_the_stream() {
        let got = frames(b"Content-Length: 50\r\n\r\n{\"a\"", 1 << 20);
        assert!(got.is_empty());
    }

    #[test]
    fn invalid_utf8_is_a_parse_error() {
        let mut input = b"Content-Length: 3\r\n\r\n".to_vec();
        input.extend_from_slice(&[0xff, 0xfe, 0xfd]);
        input.extend_from_slice(frame(PING).as_bytes());
        let got = frames(&input, 1 << 20);
        assert!(matches!(&got[0], Frame::ParseError { .. }));
        assert_eq!(method(&got[1]), Some("ping"));
    }

    #[test]
    fn written_messages_read_back() {
        let mut buf = Vec::new();
        let m = Message::Notification(lsp_server::Notification::new(
            "x/y".into(),
            serde_json::json!({"é": "😀"}),
        ));
        write(&mut buf, &Outgoing::Message(m)).unwrap();
        write(
            &mut buf,
            &Outgoing::Raw(error_response(None, -32700, "parse error")),
        )
        .unwrap();
        let text = String::from_utf8(buf.clone()).unwrap();
        assert!(text.contains("\"jsonrpc\":\"2.0\""), "{text}");
        let got = frames(&buf, 1 << 20);
        assert_eq!(method(&got[0]), Some("x/y"));
        // A response with a null id is not a message we accept from a client.
        assert!(matches!(&got[1], Frame::Invalid { id: None, .. }));
    }
}
