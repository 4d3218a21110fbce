//! Source files, byte spans and the per-file line index.
//!
//! The model never stores line/column: every node carries a byte [`Span`] into one of its
//! document's files, and each output converts offsets through the file's [`LineIndex`]
//! (1-based lines; columns in Unicode scalars for humans, UTF-16 code units for SARIF/LSP).

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A byte range in one of a document's source files (`file` indexes `Document::files`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: u32, start: usize, end: usize) -> Self {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// A span in the document's first (primary) file.
    pub fn primary(start: usize, end: usize) -> Self {
        Span::new(0, start, end)
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The smallest span covering both (must be in the same file).
    pub fn join(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// How a file's bytes were encoded on disk. The model always holds UTF-8 text without a
/// byte-order mark; this records what to write back (fixes) and what was stripped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    #[default]
    Utf8,
    /// UTF-8 with a leading byte-order mark (Windows editors write one; Terraform accepts it).
    Utf8Bom,
    /// UTF-16 little endian with a byte-order mark (PowerShell's `Out-File` default).
    Utf16Le,
    /// UTF-16 big endian with a byte-order mark.
    Utf16Be,
}

/// Why a file's bytes are not text we can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first invalid sequence in the file.
    pub offset: usize,
    pub encoding: Encoding,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => write!(
                f,
                "invalid UTF-16 at byte {} (an unpaired surrogate); re-save the file as UTF-8",
                self.offset
            ),
            _ => write!(
                f,
                "not valid UTF-8 at byte {}; re-save the file as UTF-8 (or UTF-16 with a byte-order mark)",
                self.offset
            ),
        }
    }
}

/// Decode a file's bytes: UTF-8 (a leading byte-order mark is dropped), or UTF-16 LE/BE when
/// the file starts with the matching byte-order mark. Spans index the decoded text.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    fn utf16(body: &[u8], encoding: Encoding) -> Result<(String, Encoding), DecodeError> {
        let unit = |c: &[u8]| match encoding {
            Encoding::Utf16Be => u16::from_be_bytes([c[0], c[1]]),
            _ => u16::from_le_bytes([c[0], c[1]]),
        };
        let mut out = String::with_capacity(body.len() / 2);
        let units = body.chunks_exact(2).map(unit);
        for (i, r) in char::decode_utf16(units).enumerate() {
            match r {
                Ok(c) => out.push(c),
                Err(_) => {
                    return Err(DecodeError {
                        offset: 2 + 2 * i,
                        encoding,
                    })
                }
            }
        }
        if body.len() % 2 == 1 {
            return Err(DecodeError {
                offset: 2 + body.len() - 1,
                encoding,
            });
        }
        Ok((out, encoding))
    }
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, Encoding::Utf16Le),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, Encoding::Utf16Be),
        [0xEF, 0xBB, 0xBF, ..] => {
            let mut bytes = bytes;
            bytes.drain(..3);
            String::from_utf8(bytes)
                .map(|s| (s, Encoding::Utf8Bom))
                .map_err(|e| DecodeError {
                    offset: 3 + e.utf8_error().valid_up_to(),
                    encoding: Encoding::Utf8Bom,
                })
        }
        _ => String::from_utf8(bytes)
            .map(|s| (s, Encoding::Utf8))
            .map_err(|e| DecodeError {
                offset: e.utf8_error().valid_up_to(),
                encoding: Encoding::Utf8,
            }),
    }
}

/// One file as read from disk (or stdin), with its line index.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to the user: relative to the run's root where possible, `/` separated.
    pub display_path: String,
    /// Path used to read the file (and to resolve relative references such as Bicep modules).
    pub path: PathBuf,
    pub text: Arc<str>,
    pub line_index: LineIndex,
    /// The encoding on disk (the text itself is always UTF-8 without a byte-order mark).
    pub encoding: Encoding,
}

impl SourceFile {
    pub fn new(
        path: impl Into<PathBuf>,
        display_path: impl Into<String>,
        text: impl Into<Arc<str>>,
    ) -> Self {
        let text: Arc<str> = text.into();
        let line_index = LineIndex::new(&text);
        SourceFile {
            display_path: display_path.into(),
            path: path.into(),
            text,
            line_index,
            encoding: Encoding::Utf8,
        }
    }

    /// Record the on-disk encoding (see [`decode`]).
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Convenience for tests and stdin: display path = path.
    pub fn from_text(path: impl AsRef<Path>, text: impl Into<Arc<str>>) -> Self {
        let p = path.as_ref();
        SourceFile::new(p, p.to_string_lossy().replace('\\', "/"), text)
    }

    pub fn slice(&self, span: Span) -> &str {
        let end = (span.end as usize).min(self.text.len());
        let start = (span.start as usize).min(end);
        self.text.get(start..end).unwrap_or("")
    }

    /// 1-based (line, column) with the column counted in Unicode scalar values.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        self.line_index.line_col(&self.text, offset)
    }

    /// 1-based (line, column) with the column counted in UTF-16 code units (SARIF, LSP).
    pub fn line_col_utf16(&self, offset: u32) -> (u32, u32) {
        self.line_index.line_col_utf16(&self.text, offset)
    }
}

/// Byte offsets of line starts; O(log n) offset → line conversion.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.starts
            .get(line)
            .copied()
            .unwrap_or(*self.starts.last().unwrap_or(&0))
    }

    /// Byte range of 0-based `line` without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line) as usize;
        let mut end = self
            .starts
            .get(line + 1)
            .map(|s| *s as usize)
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && (bytes[end - 1] == b'\n' || bytes[end - 1] == b'\r') {
            end -= 1;
        }
        start..end
    }

    fn clamp(text: &str, offset: u32) -> usize {
        let mut o = (offset as usize).min(text.len());
        while o > 0 && !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let o = Self::clamp(text, offset);
        let line = self.line_of(o as u32);
        let start = self.line_start(line) as usize;
        let col = text[start..o].chars().count() as u32 + 1;
        (line as u32 + 1, col)
    }

    pub fn line_col_utf16(&self, text: &str, offset: u32) -> (u32, u32) {
        let o = Self::clamp(text, offset);
        let line = self.line_of(o as u32);
        let start = self.line_start(line) as usize;
        let col = text[start..o].encode_utf16().count() as u32 + 1;
        (line as u32 + 1, col)
    }

    /// Byte offset of a 0-based (line, utf16 column) position; used by the language server.
    pub fn offset_of_utf16(&self, text: &str, line: usize, col16: usize) -> usize {
        let range = self.line_range(text, line.min(self.starts.len() - 1));
        let mut units = 0;
        for (i, ch) in text[range.clone()].char_indices() {
            if units >= col16 {
                return range.start + i;
            }
            units += ch.len_utf16();
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalars_and_utf16() {
        let text = "ab\r\nx😀y\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        let y = text.find('y').unwrap() as u32;
        assert_eq!(idx.line_col(text, y), (2, 3));
        assert_eq!(idx.line_col_utf16(text, y), (2, 4));
        assert_eq!(idx.line_col(text, text.len() as u32), (3, 5));
        assert_eq!(&text[idx.line_range(text, 0)], "ab");
        assert_eq!(idx.offset_of_utf16(text, 1, 3), y as usize);
    }

    #[test]
    fn decodes_byte_order_marks_and_utf16() {
        assert_eq!(decode(b"ab".to_vec()), Ok(("ab".into(), Encoding::Utf8)));
        assert_eq!(
            decode(b"\xEF\xBB\xBFtype: x".to_vec()),
            Ok(("type: x".into(), Encoding::Utf8Bom))
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("kind: é😀".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le), Ok(("kind: é😀".into(), Encoding::Utf16Le)));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("a".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be), Ok(("a".into(), Encoding::Utf16Be)));
        let e = decode(b"ab\xE9cd".to_vec()).unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(e.to_string().contains("byte 2"), "{e}");
        // An unpaired surrogate in UTF-16.
        assert!(decode(vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).is_err());
    }

    #[test]
    fn offsets_past_end_or_inside_a_char_are_clamped() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), (1, 1));
        assert_eq!(idx.line_col(text, 99), (1, 2));
    }
}
