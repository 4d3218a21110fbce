//! Byte offsets ↔ LSP positions, in the negotiated encoding, without rescanning lines.
//!
//! A minified ARM template is one 500 KB line; counting UTF-16 units from the line start for
//! each of its thousand findings cost ~300 ms per change. [`PositionIndex`] records the UTF-16
//! count at a checkpoint every [`STRIDE`] bytes, so a conversion is a binary search plus a scan
//! of at most `STRIDE` bytes, whatever the line length. ASCII text needs no checkpoints at all.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::model::text as utf8;
use crate::source::LineIndex;

/// Bytes between checkpoints: a conversion scans at most this many bytes.
const STRIDE: usize = 256;

/// How `Position.character` counts: negotiated through `general.positionEncodings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (our offsets are bytes), else the mandatory UTF-16.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// UTF-16 code units contributed by one byte of UTF-8: a lead byte opens a character (one
/// unit, two for a 4-byte character, which is a surrogate pair); continuation bytes add none.
/// The count over any byte range is then a plain sum, so checkpoints may sit anywhere.
#[inline]
fn units(b: u8) -> u32 {
    if b & 0xC0 == 0x80 {
        0
    } else if b >= 0xF0 {
        2
    } else {
        1
    }
}

/// Converts positions for one text (borrowing its line index).
pub(crate) struct PositionIndex<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    encoding: Encoding,
    /// `(byte, utf16 units before byte)` every `STRIDE` bytes; empty for ASCII text or UTF-8.
    checkpoints: Vec<(u32, u32)>,
}

impl<'t> PositionIndex<'t> {
    pub(crate) fn new(text: &'t str, lines: &'t LineIndex, encoding: Encoding) -> Self {
        let mut checkpoints = Vec::new();
        if encoding == Encoding::Utf16 && !text.is_ascii() {
            checkpoints.reserve(text.len() / STRIDE + 1);
            let mut total = 0u32;
            for (i, chunk) in text.as_bytes().chunks(STRIDE).enumerate() {
                checkpoints.push(((i * STRIDE) as u32, total));
                total += chunk.iter().map(|&b| units(b)).sum::<u32>();
            }
        }
        PositionIndex {
            text,
            lines,
            encoding,
            checkpoints,
        }
    }

    fn clamp(&self, offset: usize) -> usize {
        utf8::floor_boundary(self.text, offset)
    }

    /// UTF-16 units before byte `o` (a char boundary).
    fn units_before(&self, o: usize) -> u32 {
        if self.checkpoints.is_empty() {
            return o as u32;
        }
        let (at, count) = self.checkpoints[(o / STRIDE).min(self.checkpoints.len() - 1)];
        count
            + self.text.as_bytes()[at as usize..o]
                .iter()
                .map(|&b| units(b))
                .sum::<u32>()
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    /// How this index counts columns.
    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub(crate) fn position(&self, offset: u32) -> Position {
        let o = self.clamp(offset as usize);
        let line = self.lines.line_of(o as u32);
        let start = self.lines.line_start(line) as usize;
        let character = match self.encoding {
            Encoding::Utf8 => (o - start) as u32,
            Encoding::Utf16 => self.units_before(o) - self.units_before(start),
        };
        Position {
            line: line as u32,
            character,
        }
    }

    pub(crate) fn range(&self, start: u32, end: u32) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end),
        }
    }

    /// The byte offset of a position, clamped to its line (a character past the end is the
    /// line's end; a line past the last is the end of the text; inside a character or a
    /// surrogate pair → that character's start).
    pub(crate) fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        let range = self.lines.line_range(self.text, line);
        let want = pos.character as usize;
        match self.encoding {
            Encoding::Utf8 => self.clamp((range.start + want).min(range.end)),
            Encoding::Utf16 => {
                if self.checkpoints.is_empty() {
                    return (range.start + want).min(range.end);
                }
                // Jump to the last checkpoint at or before the target inside the line.
                let base = self.units_before(range.start) as usize;
                let target = base + want;
                let idx = self
                    .checkpoints
                    .partition_point(|&(b, u)| (u as usize) <= target && (b as usize) <= range.end)
                    .saturating_sub(1);
                let (mut at, mut count) = (range.start, base);
                let (cb, cu) = self.checkpoints[idx];
                if cb as usize > range.start {
                    // Checkpoints may sit inside a character: step back to its start.
                    let b = utf8::floor_boundary(self.text, cb as usize);
                    at = b;
                    count = cu as usize
                        - self.text.as_bytes()[b..cb as usize]
                            .iter()
                            .map(|&x| units(x) as usize)
                            .sum::<usize>();
                }
                for (i, ch) in utf8::slice(self.text, at..range.end).char_indices() {
                    let next = count + ch.len_utf16();
                    if next > target {
                        return at + i;
                    }
                    count = next;
                }
                range.end
            }
        }
    }
}

/// Apply one `didChange` content change with a range (clients may send ranged changes even
/// though the server asks for full sync).
pub(crate) fn apply_change(text: &mut String, range: Range, new_text: &str, encoding: Encoding) {
    let lines = LineIndex::new(text);
    let index = PositionIndex::new(text, &lines, encoding);
    let start = index.offset(range.start);
    let end = index.offset(range.end).max(start);
    text.replace_range(start..end, new_text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    /// The reference: count from the line start (what the old server did per diagnostic).
    fn naive(text: &str, o: usize, encoding: Encoding) -> Position {
        let before = text.get(..o).unwrap();
        let line = before.matches('\n').count() as u32;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let character = match encoding {
            Encoding::Utf8 => (o - start) as u32,
            Encoding::Utf16 => text.get(start..o).unwrap().encode_utf16().count() as u32,
        };
        pos(line, character)
    }

    #[test]
    fn positions_count_utf8_bytes_or_utf16_units() {
        let text = "ab\nx😀y\n";
        let lines = LineIndex::new(text);
        let y = text.find('y').unwrap() as u32;
        assert_eq!(
            PositionIndex::new(text, &lines, Encoding::Utf16).position(y),
            pos(1, 3)
        );
        assert_eq!(
            PositionIndex::new(text, &lines, Encoding::Utf8).position(y),
            pos(1, 5)
        );
        assert_eq!(
            PositionIndex::new(text, &lines, Encoding::Utf16).offset(pos(1, 3)),
            y as usize
        );
        assert_eq!(
            PositionIndex::new(text, &lines, Encoding::Utf8).offset(pos(1, 5)),
            y as usize
        );
    }

    #[test]
    fn every_offset_of_a_long_mixed_line_matches_the_naive_count_both_ways() {
        // Checkpoints fall inside multi-byte characters and surrogate pairs.
        let unit = "aé😀二\u{200d}b";
        let text = format!("{{\n{}\n  x: 1\n", unit.repeat(300));
        let lines = LineIndex::new(&text);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let index = PositionIndex::new(&text, &lines, encoding);
            for (o, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let p = index.position(o as u32);
                assert_eq!(p, naive(&text, o, encoding), "offset {o}");
                assert_eq!(index.offset(p), o, "back from {p:?}");
            }
        }
    }

    #[test]
    fn out_of_range_positions_and_offsets_are_clamped() {
        let text = "é😀\nab";
        let lines = LineIndex::new(text);
        let index = PositionIndex::new(text, &lines, Encoding::Utf16);
        // Inside é (byte 1) → its start.
        assert_eq!(index.position(1), pos(0, 0));
        assert_eq!(index.position(999), pos(1, 2));
        // Past the line end → the line end; past the last line → the text end.
        assert_eq!(index.offset(pos(0, 99)), "é😀".len());
        assert_eq!(index.offset(pos(9, 0)), text.len());
        // Between the two halves of the surrogate pair → the emoji's start.
        assert_eq!(index.offset(pos(0, 2)), "é".len());
    }

    #[test]
    fn ranged_changes_apply() {
        let mut text = String::from("a: 1\nb: 😀2\n");
        let range = Range {
            start: pos(1, 3),
            end: pos(1, 5),
        };
        apply_change(&mut text, range, "3", Encoding::Utf16);
        assert_eq!(text, "a: 1\nb: 32\n");
        // An inverted range inserts at its start.
        let mut text = String::from("abc");
        apply_change(
            &mut text,
            Range {
                start: pos(0, 2),
                end: pos(0, 1),
            },
            "X",
            Encoding::Utf16,
        );
        assert_eq!(text, "abXc");
    }

    #[test]
    fn encoding_negotiation_prefers_utf8() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
    }
}

/// `cargo test --lib lsp::position::timing -- --ignored --nocapture`: conversion time for a
/// minified 500 KB template, the old per-diagnostic count from the line start against the index.
#[cfg(test)]
mod timing {
    use super::*;
    use std::time::Instant;

    #[test]
    #[ignore = "a measurement, not a check"]
    fn one_line_template() {
        let unit = r#"{"type":"Microsoft.App/containerApps","name":"app","tags":{"description":"🔐 数据库密码 🚀 ключ"},"properties":{"configuration":{"secrets":[{"name":"db","value":"x"}]}}},"#;
        let text = unit.repeat(496_000 / unit.len());
        let lines = LineIndex::new(&text);
        // Two offsets (start, end) per finding, one finding per resource.
        let offsets: Vec<u32> = text
            .match_indices("\"value\"")
            .flat_map(|(i, _)| [i as u32 + 8, i as u32 + 11])
            .collect();
        let t = Instant::now();
        let old: Vec<u32> = offsets
            .iter()
            .map(|&o| text.get(..o as usize).unwrap().encode_utf16().count() as u32)
            .collect();
        let old_time = t.elapsed();
        let t = Instant::now();
        let index = PositionIndex::new(&text, &lines, Encoding::Utf16);
        let new: Vec<u32> = offsets
            .iter()
            .map(|&o| index.position(o).character)
            .collect();
        let new_time = t.elapsed();
        assert_eq!(old, new);
        eprintln!(
            "{} bytes, {} findings: per-diagnostic count {old_time:?}, index {new_time:?}",
            text.len(),
            offsets.len() / 2
        );
    }
}
