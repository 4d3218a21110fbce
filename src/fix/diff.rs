//! Unified diffs (`azlint check --diff`), by line, with Myers' algorithm (no dependency; the
//! inputs differ in a few places, so the edit distance D is small and the cost O((N+M)·D)).

use std::fmt::Write;

/// Lines of context around each change (as `diff -u`).
const CONTEXT: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Equal,
    Delete,
    Insert,
}

/// Lines with their terminators (the last line may have none).
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The edit script from `a` to `b`: one op per line, in order.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Equal; prefix];
    ops.extend(myers(am, bm));
    ops.extend(std::iter::repeat_n(Op::Equal, suffix));
    ops
}

fn myers(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    if max == 0 {
        return Vec::new();
    }
    let off = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    'outer: for d in 0..=max as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let i = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
                v[i + 1]
            } else {
                v[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                break 'outer;
            }
            k += 2;
        }
    }
    // Walk back through the saved frontiers (trace[d] is the frontier before step d).
    let mut ops = Vec::with_capacity(max);
    let (mut x, mut y) = (n, m);
    for d in (0..trace.len() as isize).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let at = |k: isize| v[(k + off) as usize];
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Equal);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if x == prev_x { Op::Insert } else { Op::Delete });
        }
        x = prev_x;
        y = prev_y;
    }
    ops.reverse();
    ops
}

/// `slice` (starting at byte `base` of the file at `path`) with the secret `ranges` (offsets
/// in the whole file) masked: a quoted value keeps its quotes, its content becomes
/// `********` (the mask every output uses). In Bicep and Terraform an unquoted identifier
/// (`registryPassword`, `var.db_password`) is a reference, not the secret, and stays
/// readable. Overlapping ranges are skipped; never splits a character.
fn mask_slice(
    path: &std::path::Path,
    slice: &str,
    base: usize,
    ranges: &[(usize, usize)],
) -> String {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let references = [".bicep", ".bicepparam", ".tf"]
        .iter()
        .any(|ext| name.ends_with(ext));
    let is_reference = |v: &str| {
        references
            && v.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    let end_of_slice = base + slice.len();
    let mut clipped: Vec<(usize, usize)> = ranges
        .iter()
        .filter(|(s, e)| *s < end_of_slice && *e > base)
        .map(|(s, e)| ((*s).max(base) - base, (*e).min(end_of_slice) - base))
        .collect();
    clipped.sort_unstable();
    let mut out = String::with_capacity(slice.len());
    let mut at = 0usize;
    for (s, e) in clipped {
        if s < at || s >= e {
            continue;
        }
        // A range inside a character is skipped like any other unusable range.
        let (Some(kept), Some(value)) = (slice.get(at..s), slice.get(s..e)) else {
            continue;
        };
        out.push_str(kept);
        if is_reference(value) {
            out.push_str(value);
        } else if crate::report::strip_quotes(value).is_some() {
            // The opening quote (ASCII, so one byte).
            let q = value.get(..1).unwrap_or_default();
            out.push_str(q);
            out.push_str(crate::report::MASK);
            out.push_str(q);
        } else {
            out.push_str(crate::report::MASK);
        }
        at = e;
    }
    out.push_str(slice.get(at..).unwrap_or_default());
    out
}

/// A unified diff of `old` → `new` for `path` (`--- a/path`, `+++ b/path`), empty when they
/// are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    render(path, old, new, &|_, _, line| line.to_string())
}

/// [`unified_diff`] for printing: the diff is computed on the real texts (so only changed
/// lines show as changed), and each printed line is masked with the secret ranges of its side
/// (`old_secrets` for context and removed lines, `new_secrets` for added ones). A secret of
/// the old text that still appears anywhere is masked too, whatever the new ranges say.
pub(crate) fn masked_diff(
    file: &std::path::Path,
    display: &str,
    old: &str,
    new: &str,
    old_secrets: &[(usize, usize)],
    new_secrets: &[(usize, usize)],
) -> String {
    let known: Vec<String> = old_secrets
        .iter()
        .filter_map(|&(s, e)| old.get(s..e))
        .map(|v| {
            crate::report::strip_quotes(v)
                .unwrap_or(v)
                .trim()
                .to_string()
        })
        .filter(|v| v.chars().count() >= 4 && !mask_slice(file, v, 0, &[(0, v.len())]).eq(v))
        .collect();
    render(display, old, new, &|side, start, line| {
        let (ranges, _) = match side {
            Side::Old => (old_secrets, old),
            Side::New => (new_secrets, new),
        };
        let mut shown = mask_slice(file, line, start, ranges);
        for k in &known {
            if shown.contains(k.as_str()) {
                shown = shown.replace(k.as_str(), crate::report::MASK);
            }
        }
        shown
    })
}

#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// The diff, each printed line passed through `show(side, byte offset of the line, line)`.
fn render(path: &str, old: &str, new: &str, show: &dyn Fn(Side, usize, &str) -> String) -> String {
    if old == new {
        return String::new();
    }
    let (a, b) = (lines(old), lines(new));
    let starts = |ls: &[&str]| {
        let mut v = Vec::with_capacity(ls.len());
        let mut o = 0;
        for l in ls {
            v.push(o);
            o += l.len();
        }
        v
    };
    let (sa, sb) = (starts(&a), starts(&b));
    let ops = script(&a, &b);
    // Positions in a and b before each op.
    let mut pos = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0usize, 0usize);
    for op in &ops {
        pos.push((i, j));
        match op {
            Op::Equal => {
                i += 1;
                j += 1;
            }
            Op::Delete => i += 1,
            Op::Insert => j += 1,
        }
    }
    pos.push((i, j));
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k] != Op::Equal).collect();
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let mut k = 0;
    while k < changed.len() {
        // A hunk: changes closer than 2·CONTEXT equal lines apart are one hunk.
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + 1 + CONTEXT).min(ops.len());
        let (a0, b0) = pos[start];
        let (a1, b1) = pos[end];
        let range = |s: usize, n: usize| {
            if n == 0 {
                format!("{s},0")
            } else if n == 1 {
                format!("{}", s + 1)
            } else {
                format!("{},{n}", s + 1)
            }
        };
        let _ = writeln!(out, "@@ -{} +{} @@", range(a0, a1 - a0), range(b0, b1 - b0));
        for (op, &(x, y)) in ops[start..end].iter().zip(&pos[start..end]) {
            let (mark, side, at, line) = match op {
                Op::Equal => (' ', Side::Old, sa[x], a[x]),
                Op::Delete => ('-', Side::Old, sa[x], a[x]),
                Op::Insert => ('+', Side::New, sb[y], b[y]),
            };
            out.push(mark);
            let (body, terminated) = match line.strip_suffix('\n') {
                Some(l) => (l.strip_suffix('\r').unwrap_or(l), true),
                None => (line, false),
            };
            out.push_str(&show(side, at, body));
            out.push('\n');
            if !terminated {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Apply a script to `a` and check it gives `b` (the script is a valid edit sequence).
    fn check(a: &str, b: &str) -> Vec<Op> {
        let (la, lb) = (lines(a), lines(b));
        let ops = script(&la, &lb);
        let (mut i, mut j) = (0, 0);
        for op in &ops {
            match op {
                Op::Equal => {
                    assert_eq!(la[i], lb[j], "equal op on different lines");
                    i += 1;
                    j += 1;
                }
                Op::Delete => i += 1,
                Op::Insert => j += 1,
            }
        }
        assert_eq!((i, j), (la.len(), lb.len()));
        ops
    }

    #[test]
    fn scripts_are_valid_and_minimal_for_small_changes() {
        let ops = check("a\nb\nc\n", "a\nx\nc\n");
        assert_eq!(ops.iter().filter(|o| **o != Op::Equal).count(), 2);
        check("", "a\n");
        check("a\n", "");
        check("a\nb\n", "b\na\n");
        let ops = check("1\n2\n3\n4\n5\n6\n", "0\n1\n2\n3\n4\n5\n6\n7\n");
        assert_eq!(ops.iter().filter(|o| **o != Op::Equal).count(), 2);
        // A pseudo-random sweep against the invariant.
        let mut seed = 7u64;
        for _ in 0..200 {
            let mut gen = |len: usize| {
                (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        format!("{}\n", (seed >> 60) % 4)
                    })
                    .collect::<String>()
            };
            let (a, b) = (gen(9), gen(7));
            check(&a, &b);
        }
    }

    #[test]
    fn unified_format() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nb\nc\nd\ne\nF\ng\nh\ni\nj\nk";
        let d = unified_diff("x.bicep", old, new);
        assert_eq!(
            d,
            "--- a/x.bicep\n+++ b/x.bicep\n@@ -3,8 +3,9 @@\n c\n d\n e\n-f\n+F\n g\n h\n i\n j\n+k\n\\ No newline at end of file\n"
        );
        assert_eq!(unified_diff("x", "same", "same"), "");
        let d = unified_diff(
            "y",
            "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
            "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n",
        );
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
    }
}
