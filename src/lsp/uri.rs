//! `file:` URIs ↔ paths.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// `file:///a/b%20c.yaml` → `/a/b c.yaml`; `file:///C:/x` → `C:/x` (on Windows); anything
/// that is not a local file URI → `None`. The path is lexically normalised.
pub(crate) fn to_path(uri: &str) -> Option<PathBuf> {
    let (scheme, rest) = uri.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    // Authority: empty or `localhost`; a remote host is not a local file.
    let slash = rest.find('/')?;
    let (host, path) = crate::model::text::split_at(rest, slash);
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded == "/" {
        return None;
    }
    let bytes = decoded.as_bytes();
    // `/C:/…` is a Windows drive path.
    if cfg!(windows) && bytes.len() >= 3 && bytes[0] == b'/' && bytes[2] == b':' {
        let drive = decoded.strip_prefix('/').unwrap_or(&decoded);
        return Some(crate::frontend::normalize(Path::new(drive)));
    }
    Some(crate::frontend::normalize(Path::new(&decoded)))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `file:` URI of an absolute path (every byte outside the unreserved set and `/` is
/// percent-encoded, as VS Code writes them).
pub(crate) fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else if b == b':' && cfg!(windows) {
            out.push(':');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            to_path("file:///tmp/a%20b.yaml"),
            Some(PathBuf::from("/tmp/a b.yaml"))
        );
        assert_eq!(
            to_path("file://localhost/x.bicep"),
            Some(PathBuf::from("/x.bicep"))
        );
        assert_eq!(
            to_path("file:///r/./a/../b.tf"),
            Some(PathBuf::from("/r/b.tf"))
        );
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/x.tf"), None);
        assert_eq!(to_path("file:///bad%zz"), None);
        assert_eq!(to_path("file:///bad%"), None);
        assert_eq!(to_path("file:///%00"), None);
        assert_eq!(to_path("file://"), None);
        assert_eq!(to_path("file:///"), None);
        assert_eq!(to_path("https://example.com/a.yaml"), None);
    }

    #[test]
    fn paths_round_trip_through_uris() {
        for p in ["/tmp/a b/c#d.bicep", "/x/é😀.tf", "/r/main.bicepparam"] {
            let uri = from_path(Path::new(p)).expect("a URI");
            assert!(uri.as_str().starts_with("file:///"), "{}", uri.as_str());
            assert_eq!(to_path(uri.as_str()), Some(PathBuf::from(p)));
        }
    }
}
