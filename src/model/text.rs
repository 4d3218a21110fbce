//! Boundary-safe helpers for byte offsets into user text.
//!
//! Byte offsets computed from limits (a 10-byte date prefix, a length cap) can fall inside a
//! multi-byte character, and `&s[..n]` then panics. Front ends and the model use these
//! helpers (or `str::get`) instead; `#![deny(clippy::string_slice)]` keeps it that way.

/// The largest character boundary at or below `i` (clamped to the text's length).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    // At most 3 steps: a UTF-8 sequence is at most 4 bytes long.
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
}
