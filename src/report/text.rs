//! Output safety for text formats (D18): names, messages and source lines come from the
//! repository being scanned, so a resource named `x\e[2K\e]52;c;…\a` must not clear lines,
//! write the clipboard or hide findings in a terminal or CI log.
//!
//! Every character in [`needs_escape`] is printed as a visible Rust-style escape (`\u{1b}`):
//! C0 controls (tab only where the caller keeps it), DEL, C1 controls, and the bidirectional
//! formatting characters of "Trojan Source" (CVE-2021-42574) plus the line/paragraph
//! separators some viewers treat as line breaks. JSON and SARIF need none of this (serde
//! escapes controls), the human, compact, GitHub, Azure DevOps and JUnit formats do.
//!
//! The Azure DevOps agent executes `##vso[…]` found *anywhere* in a line of a step's output,
//! so a template string `##vso[task.setvariable …]` printed in a snippet or a message would
//! run as a command in the user's pipeline; its second `#` is escaped too (`#\u{23}vso[`).

use crate::model::text as utf8;
use std::borrow::Cow;

/// Whether `c` at byte `i` of `text` must be printed as an escape.
pub(crate) fn needs_escape(text: &str, i: usize, c: char, keep_tab: bool) -> bool {
    match c {
        '\t' => !keep_tab,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '#' => utf8::prefix(text, i).ends_with('#') && utf8::tail(text, i).starts_with("#vso["),
        _ => false,
    }
}

/// `\u{1b}` for ESC.
pub(crate) fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// `s` with every character of [`needs_escape`] (tab included) replaced by its escape.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    printable_with(s, false)
}

/// As [`printable`]; `keep_tab` leaves tabs alone (source lines, help text).
pub(crate) fn printable_with(s: &str, keep_tab: bool) -> Cow<'_, str> {
    let Some(first) = s
        .char_indices()
        .find(|&(i, c)| needs_escape(s, i, c, keep_tab))
        .map(|(i, _)| i)
    else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    let (head, rest) = utf8::split_at(s, first);
    out.push_str(head);
    for (i, c) in rest.char_indices() {
        let i = first + i;
        if needs_escape(s, i, c, keep_tab) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Serialized JSON with every C1 control and bidi/separator character written as a `\uXXXX`
/// escape. serde already escapes C0; these it leaves raw, and a terminal or browser showing
/// the file would act on them. Lossless: a JSON reader decodes the escapes back. Outside
/// strings JSON is ASCII, so replacing everywhere only touches string contents.
pub(crate) fn json_safe(json: String) -> String {
    let unsafe_char = |c: char| c != '#' && c > '\u{7f}' && needs_escape("", 0, c, true);
    if !json.chars().any(unsafe_char) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            use std::fmt::Write;
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_and_bidi_controls() {
        assert_eq!(printable("plain `name` ü"), "plain `name` ü");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
        assert_eq!(
            printable("a\u{1b}[2K\u{1b}]52;c;aGk=\u{7}b"),
            "a\\u{1b}[2K\\u{1b}]52;c;aGk=\\u{7}b"
        );
        assert_eq!(printable("x\r\ny\tz"), "x\\u{d}\\u{a}y\\u{9}z");
        assert_eq!(printable_with("x\ty", true), "x\ty");
        assert_eq!(printable("\u{7f}\u{85}\u{9b}"), "\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(
            printable("a\u{202e}b\u{2066}c\u{2069}\u{200f}\u{2028}"),
            "a\\u{202e}b\\u{2066}c\\u{2069}\\u{200f}\\u{2028}"
        );
    }

    #[test]
    fn json_escapes_c1_and_bidi_losslessly() {
        let raw = serde_json::to_string("a\u{1b}\u{9b}b\u{202e}c").unwrap();
        let safe = json_safe(raw);
        assert_eq!(safe, "\"a\\u001b\\u009bb\\u202ec\"");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{1b}\u{9b}b\u{202e}c");
    }

    #[test]
    fn neutralises_azure_devops_commands() {
        assert_eq!(
            printable("x ##vso[task.setvariable variable=a]b ## #vso["),
            "x #\\u{23}vso[task.setvariable variable=a]b ## #vso["
        );
        assert_eq!(printable("###vso["), "##\\u{23}vso[");
    }
}
