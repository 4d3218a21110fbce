//! Boundary-safe helpers for byte offsets into user text.
//!
//! Byte offsets computed from limits (a 10-byte date prefix, a length cap) can fall inside a
//! multi-byte character, and `&s[..n]` then panics. The whole crate uses these helpers (or
//! `str::get`) instead; `#![deny(clippy::string_slice)]` in `lib.rs` keeps it that way.
//!
//! Each helper equals the slice it replaces whenever that slice would not panic, so using
//! one never changes behaviour for valid offsets; an offset inside a character moves down to
//! that character's start, and an offset past the end is the end.

use std::ops::Range;

/// The largest character boundary at or below `i` (clamped to the text's length).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    // At most 3 steps: a UTF-8 sequence is at most 4 bytes long.
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary at or above `i` (clamped to the text's length).
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `&s[range]` that cannot panic: both ends are moved down to a character boundary (and
/// clamped to the text); a range that ends before it starts is empty.
pub(crate) fn slice(s: &str, range: Range<usize>) -> &str {
    let end = floor_boundary(s, range.end);
    let start = floor_boundary(s, range.start).min(end);
    s.get(start..end).unwrap_or("")
}

/// `&s[start..]` that cannot panic: the text from the boundary at or below `start`.
pub(crate) fn tail(s: &str, start: usize) -> &str {
    s.get(floor_boundary(s, start)..).unwrap_or("")
}

/// `s.split_at(i)` that cannot panic: split at the boundary at or below `i`.
pub(crate) fn split_at(s: &str, i: usize) -> (&str, &str) {
    s.split_at(floor_boundary(s, i))
}

/// The characters just before and just after the bytes `at..at + len` of `s` (a match of a
/// word found by `match_indices`), to test whether the match is a whole word.
pub(crate) fn neighbours(s: &str, at: usize, len: usize) -> (Option<char>, Option<char>) {
    (
        prefix(s, at).chars().next_back(),
        tail(s, at.saturating_add(len)).chars().next(),
    )
}

/// `s` without `p` at its start, compared ASCII-case-insensitively (`AZL` for `azl101`).
/// Compares bytes, so a multi-byte character where `p` ends cannot panic.
pub(crate) fn strip_prefix_ignore_ascii_case<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let head = s.as_bytes().get(..p.len())?;
    if head.eq_ignore_ascii_case(p.as_bytes()) {
        s.get(p.len()..)
    } else {
        None
    }
}

/// The leading whitespace of `line` (what `trim_start` removes).
pub(crate) fn leading_whitespace(line: &str) -> &str {
    let rest = line.trim_start();
    line.strip_suffix(rest).unwrap_or("")
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    s.get(..floor_boundary(s, max)).unwrap_or("")
}

/// The comparable date part of an ARM API version: `2023-05-01` of `2023-05-01-preview`.
/// At most the first 10 bytes, cut on a character boundary so that a hostile version
/// (`2023-05-0é1`) cannot panic; such a version simply compares as its shorter prefix.
pub fn api_date(version: &str) -> &str {
    prefix(version, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_never_split_a_character() {
        assert_eq!(prefix("2023-05-01-preview", 10), "2023-05-01");
        assert_eq!(prefix("abc", 10), "abc");
        assert_eq!(prefix("", 10), "");
        // 'é' is bytes 9..11: the cut at 10 falls inside it.
        assert_eq!(prefix("2023-05-0é1", 10), "2023-05-0");
        // 4-byte characters, every cut position.
        let s = "a\u{1F600}b";
        for n in 0..=s.len() + 1 {
            let p = prefix(s, n);
            assert!(s.starts_with(p));
            assert!(p.len() <= n);
        }
        assert_eq!(floor_boundary("日本", 4), 3);
        assert_eq!(floor_boundary("日本", 100), 6);
        assert_eq!(api_date("2023-05-0é1"), "2023-05-0");
    }

    #[test]
    fn slices_move_down_to_a_boundary_and_never_panic() {
        // 日 is bytes 0..3, 本 3..6, 😀 6..10.
        let s = "日本😀x";
        assert_eq!(ceil_boundary(s, 1), 3);
        assert_eq!(ceil_boundary(s, 7), 10);
        assert_eq!(ceil_boundary(s, 99), s.len());
        assert_eq!(slice(s, 3..6), "本");
        assert_eq!(slice(s, 1..5), "日");
        assert_eq!(slice(s, 4..99), "本😀x");
        let (from, to) = (6, 2);
        assert_eq!(slice(s, from..to), "");
        assert_eq!(tail(s, 7), "😀x");
        assert_eq!(tail(s, 99), "");
        assert_eq!(split_at(s, 4), ("日", "本😀x"));
        // Every pair of offsets, including past the end: no panic, and the slice itself
        // wherever the slice is valid.
        for a in 0..=s.len() + 1 {
            for b in 0..=s.len() + 1 {
                let got = slice(s, a..b);
                if let Some(exact) = s.get(a..b) {
                    assert_eq!(got, exact);
                }
                assert!(s.contains(got));
            }
            if let Some(exact) = s.get(a..) {
                assert_eq!(tail(s, a), exact);
            }
            assert_eq!(neighbours(s, a, 1).0.is_some(), floor_boundary(s, a) > 0);
        }
        assert_eq!(neighbours("a本b", 1, 3), (Some('a'), Some('b')));
        assert_eq!(neighbours("本", 0, 3), (None, None));
        assert_eq!(neighbours("本x", 1, 1), (None, Some('本')));
    }

    #[test]
    fn case_insensitive_prefixes_compare_bytes() {
        assert_eq!(strip_prefix_ignore_ascii_case("azl101", "AZL"), Some("101"));
        assert_eq!(strip_prefix_ignore_ascii_case("AZ", "AZL"), None);
        // `€` is bytes 2..5: the third byte is inside it, which `&t[..3]` would panic on.
        assert_eq!(strip_prefix_ignore_ascii_case("ab€x", "AZL"), None);
        assert_eq!(strip_prefix_ignore_ascii_case("日本", "AZL"), None);
        assert_eq!(leading_whitespace("  \tx y "), "  \t");
        assert_eq!(leading_whitespace("\u{3000}日本"), "\u{3000}");
        assert_eq!(leading_whitespace(""), "");
    }
}
