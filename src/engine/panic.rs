//! Contain panics: a bug in a front end or rule on one file must become that file's
//! `AZL006` finding, never the end of the run, and must never print the panic payload (a
//! string-slicing panic quotes up to 256 bytes of the file, which may hold a secret).

use std::cell::{Cell, RefCell};
use std::sync::Once;

thread_local! {
    /// Set while [`catch`] runs on this thread: the hook then records instead of printing.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    /// Where the last captured panic happened (`src/x.rs:12`): a source location of azlint,
    /// never text from the input.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A captured panic: only where it happened, never what it said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panicked {
    pub location: Option<String>,
}

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(at) => write!(f, "internal error at {at}"),
            None => f.write_str("internal error"),
        }
    }
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|c| *c.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Run `f`, turning a panic into [`Panicked`] (with its location only).
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    install_hook();
    let was = CAPTURING.with(|c| c.replace(true));
    LOCATION.with(|c| *c.borrow_mut() = None);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(was));
    result.map_err(|_| Panicked {
        location: LOCATION.with(|c| c.borrow_mut().take()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_location_without_the_payload() {
        let secret = "LEAK-in-a-panic";
        let err = catch(|| {
            let s = format!("{secret}二");
            // Slicing inside a character panics with the text in the message.
            #[allow(clippy::string_slice)] // the panic is what this test needs
            let _ = &s[..secret.len() + 1];
        })
        .unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.starts_with("internal error at src/engine/panic.rs:"),
            "{shown}"
        );
        assert!(!shown.contains("LEAK"));
        assert_eq!(catch(|| 7), Ok(7));
    }
}
