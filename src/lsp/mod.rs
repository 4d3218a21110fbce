//! `azlint lsp`: the language server.
//!
//! ```text
//! stdin ─▶ reader thread (transport: framing that survives malformed input)
//!            │ Event
//!            ▼
//!          message loop (server: documents, hover, code actions, commands) ──▶ writer ─▶ stdout
//!            │ Job                                                              ▲
//!            ▼                                                                  │
//!          lint worker (worker: debounce, newest text only, engines per config) ┘
//!          workspace thread (opt-in diagnostics for files that are not open)
//! ```
//!
//! Every open document is linted by the [`crate::Engine`] that `azlint check FILE` would use
//! (its repository root and `.azlint.yaml`), with every open buffer overlaid on the disk, so
//! the editor and CI agree. Positions use UTF-8 when the client offers it, UTF-16 otherwise.

mod actions;
mod convert;
mod engines;
mod position;
mod server;
mod settings;
mod state;
mod transport;
mod uri;
mod worker;

use std::io::{BufReader, BufWriter};
use std::sync::mpsc;

use transport::{Outgoing, Reader};

/// Serve over stdin/stdout until the client says `exit` (or closes stdin). Returns the
/// process exit code: 0 after `shutdown` + `exit`, 1 otherwise (as the protocol says).
pub fn serve() -> i32 {
    let (events, event_rx) = mpsc::channel();
    let (out, out_rx) = mpsc::channel::<Outgoing>();
    std::thread::Builder::new()
        .name("azlint-lsp-reader".into())
        .spawn(move || {
            let mut reader = Reader::new(BufReader::new(std::io::stdin().lock()));
            loop {
                match reader.next_frame() {
                    Ok(Some(frame)) => {
                        if events.send(server::Event::Frame(frame)).is_err() {
                            return;
                        }
                    }
                    Ok(None) | Err(_) => {
                        let _ = events.send(server::Event::Eof);
                        return;
                    }
                }
            }
        })
        .expect("a reader thread");
    std::thread::Builder::new()
        .name("azlint-lsp-writer".into())
        .spawn(move || {
            let mut stdout = BufWriter::new(std::io::stdout().lock());
            for message in out_rx {
                if transport::write(&mut stdout, &message).is_err() {
                    // The client is gone; the reader will see the end of input.
                    return;
                }
            }
        })
        .expect("a writer thread");
    let code = server::run(event_rx, out.clone());
    // Let the writer finish what is queued (the shutdown response, last publications)
    // before the process ends; the lint threads keep the channel open, so ask for an
    // acknowledgement instead of waiting for it to close.
    let (ack, acked) = mpsc::channel();
    if out.send(Outgoing::Flush(ack)).is_ok() {
        let _ = acked.recv_timeout(std::time::Duration::from_secs(2));
    }
    code
}
