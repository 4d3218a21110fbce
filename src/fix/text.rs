//! Text helpers shared by the fix writers: line geometry, indentation, line endings, and
//! rendering keys and constant values in each syntax.

use crate::model::text as utf8;
use crate::model::value::format_number;

/// The concrete syntax a fix writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Syntax {
    Bicep,
    /// ARM JSON (with comments).
    Json,
    /// Container Apps YAML.
    Yaml,
    /// Terraform HCL (azurerm blocks, azapi object bodies).
    Hcl,
}

/// A constant a fix writes (from the rule file).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Bool(bool),
    Number(f64),
    String(String),
}

impl Scalar {
    pub(crate) fn from_json(v: &serde_json::Value) -> Option<Scalar> {
        match v {
            serde_json::Value::Bool(b) => Some(Scalar::Bool(*b)),
            serde_json::Value::Number(n) => n.as_f64().map(Scalar::Number),
            serde_json::Value::String(s) => Some(Scalar::String(s.clone())),
            _ => None,
        }
    }

    pub(crate) fn render(&self, syntax: Syntax) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Number(n) => format_number(*n),
            Scalar::String(s) => match syntax {
                Syntax::Bicep => bicep_string(s),
                Syntax::Json => serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()),
                Syntax::Hcl => hcl_string(s),
                Syntax::Yaml => yaml_string(s),
            },
        }
    }
}

pub(crate) fn bicep_string(s: &str) -> String {
    let mut out = String::from("'");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

pub(crate) fn hcl_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain when nothing in it means something to YAML, else single-quoted.
pub(crate) fn yaml_string(s: &str) -> String {
    const RESERVED: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ];
    let plain = !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn is_ident(k: &str) -> bool {
    k.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// An object key as the syntax writes it.
pub(crate) fn key(k: &str, syntax: Syntax) -> String {
    match syntax {
        Syntax::Bicep if is_ident(k) => k.to_string(),
        Syntax::Bicep => bicep_string(k),
        Syntax::Json => serde_json::to_string(k).unwrap_or_default(),
        Syntax::Hcl if is_ident(k) || k.contains('-') && is_ident(&k.replace('-', "_")) => {
            k.to_string()
        }
        Syntax::Hcl => hcl_string(k),
        Syntax::Yaml => yaml_string(k),
    }
}

/// `key: ` / `"key": ` / `key = `.
pub(crate) fn assign(k: &str, syntax: Syntax) -> String {
    match syntax {
        Syntax::Hcl => format!("{} = ", key(k, syntax)),
        _ => format!("{}: ", key(k, syntax)),
    }
}

/// The file's line ending: CRLF when its first line ends with one.
pub(crate) fn eol(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Byte offset of the start of the line holding `at`.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    utf8::prefix(text, at)
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// Byte offset of the end of the line holding `at` (before `\r\n` / `\n`).
pub(crate) fn line_end(text: &str, at: usize) -> usize {
    let at = utf8::floor_boundary(text, at);
    let mut end = utf8::tail(text, at)
        .find('\n')
        .map(|i| at + i)
        .unwrap_or(text.len());
    if end > at && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    end
}

/// The offset just after the line ending of the line holding `at` (the next line's start),
/// or the end of the text.
pub(crate) fn next_line_start(text: &str, at: usize) -> usize {
    let at = utf8::floor_boundary(text, at);
    utf8::tail(text, at)
        .find('\n')
        .map(|i| at + i + 1)
        .unwrap_or(text.len())
}

/// The leading whitespace of the line holding `at`.
pub(crate) fn line_indent(text: &str, at: usize) -> &str {
    let start = line_start(text, at);
    utf8::leading_whitespace(utf8::slice(text, start..line_end(text, start)))
}

/// Whether only whitespace precedes `at` on its line.
pub(crate) fn first_on_line(text: &str, at: usize) -> bool {
    utf8::slice(text, line_start(text, at)..at)
        .chars()
        .all(|c| c == ' ' || c == '\t')
}

/// The column of `at` as indentation: the line's prefix with every non-tab character turned
/// into a space (so `  - name: x` gives the indentation of `name`).
pub(crate) fn column_indent(text: &str, at: usize) -> String {
    utf8::slice(text, line_start(text, at)..at)
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect()
}

/// One indentation step, as the file writes it: the first line indented by a tab gives a tab;
/// else the smallest positive indentation found (2 or 4 spaces); else two spaces.
pub(crate) fn indent_unit(text: &str) -> String {
    let mut smallest: Option<usize> = None;
    for line in text.lines().take(2000) {
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('-') && smallest.is_some() {
            continue;
        }
        let lead = line.strip_suffix(trimmed).unwrap_or_default();
        if lead.starts_with('\t') {
            return "\t".into();
        }
        let n = lead.len();
        if n > 0 && smallest.is_none_or(|s| n < s) {
            smallest = Some(n);
        }
    }
    " ".repeat(smallest.unwrap_or(2).clamp(1, 8))
}

/// Skip spaces and tabs from `at`.
pub(crate) fn skip_blanks(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    let mut i = at;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// Whether the rest of the line from `at` is blank or a comment (`//`, `#`, `/* … */`).
pub(crate) fn rest_is_comment(text: &str, at: usize, syntax: Syntax) -> bool {
    let rest = utf8::slice(text, at..line_end(text, at)).trim_start();
    rest.is_empty()
        || match syntax {
            Syntax::Yaml => rest.starts_with('#'),
            Syntax::Hcl => {
                rest.starts_with('#') || rest.starts_with("//") || rest.starts_with("/*")
            }
            Syntax::Bicep | Syntax::Json => rest.starts_with("//") || rest.starts_with("/*"),
        }
}

/// Words of a name: split at non-alphanumerics, at lower→upper case changes and before the
/// last capital of an acronym (`STORAGE_CONNECTION` → storage, connection; `dbPassword` → db,
/// password; `daprAIConnectionString` → dapr, ai, connection, string).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i
            .checked_sub(1)
            .map(|j| chars[j])
            .filter(char::is_ascii_alphanumeric);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `api-key` → `apiKey` (Bicep, ARM). Empty when the name has no letters or digits.
pub(crate) fn camel_case(name: &str) -> String {
    let mut out = String::new();
    for (i, w) in words(name).iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.push(f.to_ascii_uppercase());
                out.push_str(c.as_str());
            }
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "secret");
    }
    out
}

/// `api-key` → `api_key` (Terraform).
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = words(name).join("_");
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "secret_");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cased_per_language() {
        assert_eq!(camel_case("api-key"), "apiKey");
        assert_eq!(camel_case("STORAGE_CONNECTION"), "storageConnection");
        assert_eq!(camel_case("dbPassword"), "dbPassword");
        assert_eq!(camel_case("2fa"), "secret2fa");
        assert_eq!(
            camel_case("daprAIConnectionString"),
            "daprAiConnectionString"
        );
        assert_eq!(
            snake_case("daprAIConnectionString"),
            "dapr_ai_connection_string"
        );
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("AdminPassword"), "admin_password");
        assert_eq!(snake_case("registry-password"), "registry_password");
        assert_eq!(snake_case("--"), "");
    }

    #[test]
    fn scalars_render_per_syntax() {
        let s = Scalar::String("it's ${x}".into());
        assert_eq!(s.render(Syntax::Bicep), r"'it\'s \${x}'");
        assert_eq!(s.render(Syntax::Hcl), "\"it's $${x}\"");
        assert_eq!(s.render(Syntax::Json), "\"it's ${x}\"");
        assert_eq!(s.render(Syntax::Yaml), "'it''s ${x}'");
        assert_eq!(
            Scalar::String("Disabled".into()).render(Syntax::Yaml),
            "Disabled"
        );
        assert_eq!(Scalar::String("off".into()).render(Syntax::Yaml), "'off'");
        assert_eq!(Scalar::Number(1.0).render(Syntax::Json), "1");
        assert_eq!(key("a-b", Syntax::Bicep), "'a-b'");
        assert_eq!(key("ab", Syntax::Json), "\"ab\"");
    }

    #[test]
    fn geometry() {
        let t = "a\r\n  b: 1 // c\r\nend";
        assert_eq!(eol(t), "\r\n");
        let b = t.find('b').unwrap();
        assert_eq!(line_indent(t, b), "  ");
        assert_eq!(
            utf8::slice(t, line_start(t, b)..line_end(t, b)),
            "  b: 1 // c"
        );
        assert!(rest_is_comment(t, t.find(" //").unwrap(), Syntax::Bicep));
        assert!(first_on_line(t, b));
        assert_eq!(column_indent("  - name: x", 4), "    ");
        assert_eq!(indent_unit("x:\n    y: 1\n"), "    ");
        assert_eq!(indent_unit("x {\n\ty = 1\n}"), "\t");
    }

    #[test]
    fn geometry_with_multi_byte_text_and_offsets_inside_characters() {
        let t = "日本:\n  名前: 値 # 🔐\n";
        let v = t.find('値').unwrap();
        // Every byte offset, inside a character or past the end included: no panic, and
        // offsets that stay on character boundaries.
        for at in 0..=t.len() + 1 {
            let (s, e) = (line_start(t, at), line_end(t, at));
            assert!(
                s <= e && t.is_char_boundary(s) && t.is_char_boundary(e),
                "{at}"
            );
            assert!(t.is_char_boundary(next_line_start(t, at)), "{at}");
            let _ = (
                first_on_line(t, at),
                column_indent(t, at),
                line_indent(t, at),
            );
            let _ = rest_is_comment(t, at, Syntax::Yaml);
        }
        assert_eq!(
            utf8::slice(t, line_start(t, v + 1)..line_end(t, v + 1)),
            "  名前: 値 # 🔐"
        );
        assert_eq!(line_indent(t, v + 1), "  ");
        assert_eq!(column_indent(t, v), "      ");
        assert!(rest_is_comment(t, v + '値'.len_utf8(), Syntax::Yaml));
        assert!(!first_on_line(t, v));
        assert_eq!(next_line_start(t, 1), t.find(' ').unwrap());
    }
}
