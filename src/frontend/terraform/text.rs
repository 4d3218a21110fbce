//! Expression text normalisation: whitespace outside string literals is removed, so that two
//! references to the same thing compare equal (`azurerm_user_assigned_identity.a.id`) however
//! they are laid out.

/// Remove whitespace (and `#`/`//` line comments) outside double-quoted strings.
pub fn normalize(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    let mut in_string = false;
    // Nesting of `${ … }` inside strings: their content is expression text again.
    let mut interp: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '"' => in_string = false,
                '$' | '%' if chars.peek() == Some(&'{') => {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                    interp.push(braces);
                    braces += 1;
                    in_string = false;
                }
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' => {
                braces += 1;
                out.push(c);
            }
            '}' => {
                braces = braces.saturating_sub(1);
                out.push(c);
                if interp.last() == Some(&braces) {
                    interp.pop();
                    in_string = true;
                }
            }
            '#' => skip_line(&mut chars),
            '/' if chars.peek() == Some(&'/') => skip_line(&mut chars),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_line(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if c == '\n' {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn removes_whitespace_outside_strings() {
        assert_eq!(normalize("azurerm_x.y . id"), "azurerm_x.y.id");
        assert_eq!(
            normalize("var.a ? \"x y\" : local.b"),
            "var.a?\"x y\":local.b"
        );
        assert_eq!(normalize("\"a ${ var.x } b\""), "\"a ${var.x} b\"");
        assert_eq!(normalize("{ a = 1 # c\n b = \"}\" }"), "{a=1b=\"}\"}");
        assert_eq!(normalize("\"esc \\\" q\" + 1"), "\"esc \\\" q\"+1");
    }
}
