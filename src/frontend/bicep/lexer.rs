//! Bicep lexer: bytes in, compact tokens out (kind + byte range, no per-token allocation).
//!
//! Strings with interpolation are split into pieces (`'a${`, `}b${`, `}c'`) so the parser
//! sees the holes as ordinary expression tokens; a stack remembers whether a `}` closes an
//! object or an interpolation hole. Comments and `#disable-…` pragmas are trivia. Runs of
//! newlines collapse into one `NewLine` token because statements are newline-terminated.

use super::SyntaxError;
use crate::model::{Comment, CommentKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Ident,
    Int,
    /// `'abc'`
    Str,
    /// `'abc${`
    StrLeft,
    /// `}abc${`
    StrMid,
    /// `}abc'`
    StrRight,
    /// `'''abc'''` or `$'''abc'''` without holes.
    MlStr,
    /// `$'''abc${` (the token text starts with the `$` run).
    MlLeft,
    MlMid,
    MlRight,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Colon,
    DoubleColon,
    Dot,
    DotQuestion,
    Ellipsis,
    Question,
    DoubleQuestion,
    Caret,
    Arrow,
    Assign,
    Eq,
    NotEq,
    EqI,
    NotEqI,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Bang,
    And,
    Or,
    Pipe,
    At,
    NewLine,
    /// An unexpected character or an unterminated string; already reported.
    Error,
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

#[derive(Clone, Copy)]
enum Open {
    Brace,
    /// Interpolation hole of a single-line string.
    Hole,
    /// Interpolation hole of a multi-line string with `n` dollars.
    MlHole(u32),
}

pub struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    stack: Vec<Open>,
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
    /// The trivia that is not whitespace: comments and pragmas.
    pub comments: Vec<Comment>,
}

/// Lex the whole text. Never fails: problems become `Tok::Error` tokens plus an error.
pub fn lex(src: &str) -> (Vec<Token>, Vec<SyntaxError>) {
    let lx = lex_all(src);
    (lx.tokens, lx.errors)
}

/// Lex the whole text, keeping the comments and pragmas too.
pub(crate) fn lex_all(src: &str) -> Lexer<'_> {
    let mut lx = Lexer {
        src,
        b: src.as_bytes(),
        pos: 0,
        stack: Vec::new(),
        tokens: Vec::with_capacity(src.len() / 4 + 8),
        errors: Vec::new(),
        comments: Vec::new(),
    };
    if src.starts_with('\u{feff}') {
        lx.pos = 3;
    }
    lx.run();
    lx
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl<'a> Lexer<'a> {
    fn peek_at(&self, off: usize) -> u8 {
        self.b.get(self.pos + off).copied().unwrap_or(0)
    }

    fn push(&mut self, kind: Tok, start: usize) {
        if kind == Tok::NewLine && self.tokens.last().is_some_and(|t| t.kind == Tok::NewLine) {
            if let Some(last) = self.tokens.last_mut() {
                last.end = self.pos as u32;
            }
            return;
        }
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
        });
    }

    fn error(&mut self, msg: impl Into<String>, start: usize, end: usize) {
        // Bounded like the parser's errors: garbage input must not yield a diagnostic per byte.
        if self.errors.len() >= 200 {
            return;
        }
        self.errors.push(SyntaxError {
            message: msg.into(),
            start: start as u32,
            end: end as u32,
        });
    }

    /// True when only whitespace precedes `pos` on its line (pragmas must start a line).
    fn at_line_start(&self) -> bool {
        let mut i = self.pos;
        while i > 0 {
            match self.b[i - 1] {
                b' ' | b'\t' => i -= 1,
                b'\n' => return true,
                _ => return false,
            }
        }
        true
    }

    fn run(&mut self) {
        while self.pos < self.b.len() {
            let start = self.pos;
            let c = self.b[self.pos];
            match c {
                b' ' | b'\t' => self.pos += 1,
                b'\r' | b'\n' => {
                    self.pos += 1;
                    self.push(Tok::NewLine, start);
                }
                b'/' if self.peek_at(1) == b'/' => {
                    while self.pos < self.b.len()
                        && self.b[self.pos] != b'\n'
                        && self.b[self.pos] != b'\r'
                    {
                        self.pos += 1;
                    }
                    self.comments
                        .push(Comment::new(start..self.pos, CommentKind::Line));
                }
                // `/*` is ASCII: `pos + 2` is a character boundary.
                b'/' if self.peek_at(1) == b'*' => match self
                    .src
                    .get(self.pos + 2..)
                    .and_then(|rest| rest.find("*/"))
                {
                    Some(i) => {
                        self.pos += 2 + i + 2;
                        self.comments
                            .push(Comment::new(start..self.pos, CommentKind::Block));
                    }
                    None => {
                        self.pos = self.b.len();
                        self.comments
                            .push(Comment::new(start..self.pos, CommentKind::Block));
                        self.error("unterminated multi-line comment", start, start + 2);
                    }
                },
                b'#' if self.at_line_start() && is_ident_start(self.peek_at(1)) => {
                    // `#disable-next-line`, `#disable-diagnostics`, `#restore-diagnostics`.
                    while self.pos < self.b.len()
                        && self.b[self.pos] != b'\n'
                        && self.b[self.pos] != b'\r'
                    {
                        self.pos += 1;
                    }
                    self.comments
                        .push(Comment::new(start..self.pos, CommentKind::Pragma));
                }
                b'\'' => {
                    if self.peek_at(1) == b'\'' && self.peek_at(2) == b'\'' {
                        self.pos += 3;
                        self.multiline(start, 0, false);
                    } else {
                        self.pos += 1;
                        self.string(start, false);
                    }
                }
                b'$' => {
                    let mut n = 0;
                    while self.peek_at(n) == b'$' {
                        n += 1;
                    }
                    if self.peek_at(n) == b'\''
                        && self.peek_at(n + 1) == b'\''
                        && self.peek_at(n + 2) == b'\''
                    {
                        self.pos += n + 3;
                        self.multiline(start, n as u32, false);
                    } else {
                        self.pos += n;
                        self.push(Tok::Error, start);
                        self.error("unexpected character '$'", start, self.pos);
                    }
                }
                b'0'..=b'9' => {
                    while self.pos < self.b.len() && self.b[self.pos].is_ascii_digit() {
                        self.pos += 1;
                    }
                    self.push(Tok::Int, start);
                }
                c if is_ident_start(c) => {
                    while self.pos < self.b.len() && is_ident_char(self.b[self.pos]) {
                        self.pos += 1;
                    }
                    self.push(Tok::Ident, start);
                }
                b'{' => {
                    self.pos += 1;
                    self.stack.push(Open::Brace);
                    self.push(Tok::LBrace, start);
                }
                b'}' => {
                    self.pos += 1;
                    match self.stack.pop() {
                        Some(Open::Hole) => self.string(start, true),
                        Some(Open::MlHole(n)) => self.multiline(start, n, true),
                        _ => self.push(Tok::RBrace, start),
                    }
                }
                _ => self.punct(start, c),
            }
        }
        let end = self.b.len();
        self.tokens.push(Token {
            kind: Tok::Eof,
            start: end as u32,
            end: end as u32,
        });
    }

    fn punct(&mut self, start: usize, c: u8) {
        let n1 = self.peek_at(1);
        let n2 = self.peek_at(2);
        let (kind, len) = match c {
            b'[' => (Tok::LBracket, 1),
            b']' => (Tok::RBracket, 1),
            b'(' => (Tok::LParen, 1),
            b')' => (Tok::RParen, 1),
            b',' => (Tok::Comma, 1),
            b':' if n1 == b':' => (Tok::DoubleColon, 2),
            b':' => (Tok::Colon, 1),
            b'.' if n1 == b'.' && n2 == b'.' => (Tok::Ellipsis, 3),
            b'.' if n1 == b'?' => (Tok::DotQuestion, 2),
            b'.' => (Tok::Dot, 1),
            b'?' if n1 == b'?' => (Tok::DoubleQuestion, 2),
            b'?' => (Tok::Question, 1),
            b'^' => (Tok::Caret, 1),
            b'=' if n1 == b'>' => (Tok::Arrow, 2),
            b'=' if n1 == b'=' => (Tok::Eq, 2),
            b'=' if n1 == b'~' => (Tok::EqI, 2),
            b'=' => (Tok::Assign, 1),
            b'!' if n1 == b'=' => (Tok::NotEq, 2),
            b'!' if n1 == b'~' => (Tok::NotEqI, 2),
            b'!' => (Tok::Bang, 1),
            b'<' if n1 == b'=' => (Tok::Le, 2),
            b'<' => (Tok::Lt, 1),
            b'>' if n1 == b'=' => (Tok::Ge, 2),
            b'>' => (Tok::Gt, 1),
            b'+' => (Tok::Plus, 1),
            b'-' => (Tok::Minus, 1),
            b'*' => (Tok::Star, 1),
            b'/' => (Tok::Slash, 1),
            b'%' => (Tok::Percent, 1),
            b'&' if n1 == b'&' => (Tok::And, 2),
            b'|' if n1 == b'|' => (Tok::Or, 2),
            b'|' => (Tok::Pipe, 1),
            b'@' => (Tok::At, 1),
            _ => (Tok::Error, 0),
        };
        if kind == Tok::Error {
            // Skip one whole character (it may be multi-byte).
            let ch = self.src.get(start..).and_then(|rest| rest.chars().next());
            self.pos += ch.map_or(1, char::len_utf8);
            self.push(Tok::Error, start);
            // Name ASCII punctuation (`%`, `;`), never letters or digits: a parse-error
            // message must not carry source text that could be part of a secret.
            let message = match ch {
                Some(c) if c.is_ascii_punctuation() => format!("unexpected character '{c}'"),
                Some(c) if c.is_ascii_control() => "unexpected control character".to_string(),
                _ => "unexpected character".to_string(),
            };
            self.error(message, start, self.pos);
            return;
        }
        self.pos += len;
        self.push(kind, start);
    }

    /// Single-line string body; `pos` is just after the opening `'` or the `}` of a hole.
    fn string(&mut self, start: usize, continued: bool) {
        loop {
            match self.b.get(self.pos).copied() {
                None | Some(b'\n') | Some(b'\r') => {
                    self.push(Tok::Error, start);
                    self.error("unterminated string", start, self.pos);
                    return;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    if self.pos < self.b.len()
                        && self.b[self.pos] != b'\n'
                        && self.b[self.pos] != b'\r'
                    {
                        self.pos += 1;
                    }
                }
                Some(b'\'') => {
                    self.pos += 1;
                    self.push(if continued { Tok::StrRight } else { Tok::Str }, start);
                    return;
                }
                Some(b'$') if self.peek_at(1) == b'{' => {
                    self.pos += 2;
                    self.stack.push(Open::Hole);
                    self.push(if continued { Tok::StrMid } else { Tok::StrLeft }, start);
                    return;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// Multi-line string body (`'''…'''`); `dollars` = 0 means no interpolation.
    fn multiline(&mut self, start: usize, dollars: u32, continued: bool) {
        loop {
            match self.b.get(self.pos).copied() {
                None => {
                    self.push(Tok::Error, start);
                    self.error("unterminated multi-line string", start, self.pos);
                    return;
                }
                Some(b'\'') if self.peek_at(1) == b'\'' && self.peek_at(2) == b'\'' => {
                    // A run of more than three quotes ends with the last three.
                    while self.peek_at(3) == b'\'' {
                        self.pos += 1;
                    }
                    self.pos += 3;
                    let kind = match (continued, dollars) {
                        (true, _) => Tok::MlRight,
                        _ => Tok::MlStr,
                    };
                    self.push(kind, start);
                    return;
                }
                Some(b'$') if dollars > 0 => {
                    let mut n = 0;
                    while self.peek_at(n) == b'$' {
                        n += 1;
                    }
                    if n >= dollars as usize && self.peek_at(n) == b'{' {
                        self.pos += n + 1;
                        self.stack.push(Open::MlHole(dollars));
                        self.push(if continued { Tok::MlMid } else { Tok::MlLeft }, start);
                        return;
                    }
                    self.pos += n;
                }
                Some(_) => self.pos += 1,
            }
        }
    }
}

/// Decode the escapes of a single-line string fragment (between the delimiters).
pub fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let mut hex = String::new();
                for h in chars.by_ref() {
                    if h == '}' {
                        break;
                    }
                    hex.push(h);
                }
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => out.push('\u{fffd}'),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The literal text of a string token, without its delimiters (escapes still raw for
/// single-line strings; multi-line strings have none). Returns (content, is_multiline).
pub fn string_piece(tok: Token, src: &str) -> (&str, bool) {
    let t = tok.text(src);
    fn strip(s: &str, pre: usize, post: usize) -> &str {
        s.get(pre..s.len().saturating_sub(post).max(pre))
            .unwrap_or("")
    }
    fn dollars_then(s: &str, quotes: usize) -> usize {
        s.bytes().take_while(|b| *b == b'$').count() + quotes
    }
    match tok.kind {
        Tok::Str => (strip(t, 1, 1), false),
        Tok::StrLeft => (strip(t, 1, 2), false),
        Tok::StrMid => (strip(t, 1, 2), false),
        Tok::StrRight => (strip(t, 1, 1), false),
        Tok::MlStr => {
            let pre = dollars_then(t, 3);
            let body = strip(t, pre, 3);
            (trim_ml_leading_newline(body), true)
        }
        Tok::MlLeft => {
            let pre = dollars_then(t, 3);
            let body = strip(t, pre, trailing_hole_len(t));
            (trim_ml_leading_newline(body), true)
        }
        Tok::MlMid => (strip(t, 1, trailing_hole_len(t)), true),
        Tok::MlRight => (strip(t, 1, 3), true),
        _ => ("", false),
    }
}

fn trailing_hole_len(t: &str) -> usize {
    // `$…${` at the end: the `{` plus the dollar run before it.
    let bytes = t.as_bytes();
    let mut n = 1;
    while n < bytes.len() && bytes[bytes.len() - 1 - n] == b'$' {
        n += 1;
    }
    n
}

/// Bicep drops a newline directly after the opening `'''`.
fn trim_ml_leading_newline(s: &str) -> &str {
    s.strip_prefix("\r\n")
        .or_else(|| s.strip_prefix('\n'))
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src).0.into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn punctuation_and_keywords() {
        use Tok::*;
        assert_eq!(
            kinds("a.?b ?? c[?^1]!::d ... => =~ !~ != == <= >="),
            vec![
                Ident,
                DotQuestion,
                Ident,
                DoubleQuestion,
                Ident,
                LBracket,
                Question,
                Caret,
                Int,
                RBracket,
                Bang,
                DoubleColon,
                Ident,
                Ellipsis,
                Arrow,
                EqI,
                NotEqI,
                NotEq,
                Eq,
                Le,
                Ge,
                Eof
            ]
        );
    }

    #[test]
    fn newlines_collapse_and_comments_are_trivia() {
        use Tok::*;
        assert_eq!(
            kinds("a // c\r\n\r\n/* x\n y */ b\n#disable-next-line foo\nc"),
            vec![Ident, NewLine, Ident, NewLine, Ident, Eof]
        );
    }

    #[test]
    fn bom_is_skipped() {
        let (t, e) = lex("\u{feff}param");
        assert!(e.is_empty());
        assert_eq!(t[0].kind, Tok::Ident);
        assert_eq!(t[0].start, 3);
    }

    #[test]
    fn interpolated_strings_split_into_pieces() {
        use Tok::*;
        let src = "'a${b}c${ {x: 1}.x }d\\'e'";
        assert_eq!(
            kinds(src),
            vec![
                StrLeft, Ident, StrMid, LBrace, Ident, Colon, Int, RBrace, Dot, Ident, StrRight,
                Eof
            ]
        );
        let toks = lex(src).0;
        assert_eq!(string_piece(toks[0], src).0, "a");
        assert_eq!(string_piece(toks[10], src).0, "d\\'e");
        assert_eq!(unescape("d\\'e\\n\\u{41}\\$\\\\"), "d'e\nA$\\");
    }

    #[test]
    fn multiline_strings() {
        use Tok::*;
        let src = "'''\nline ${x}\n''' $$'''a ${b} $${c}d'''";
        assert_eq!(kinds(src), vec![MlStr, MlLeft, Ident, MlRight, Eof]);
        let toks = lex(src).0;
        assert_eq!(string_piece(toks[0], src).0, "line ${x}\n");
        assert_eq!(string_piece(toks[1], src).0, "a ${b} ");
        assert_eq!(string_piece(toks[3], src).0, "d");
    }

    #[test]
    fn errors_do_not_stop_lexing() {
        let (t, e) = lex("'abc\nx ` y");
        assert_eq!(e.len(), 2);
        assert_eq!(t.iter().filter(|t| t.kind == Tok::Ident).count(), 2);
    }
}
