//! Shared by the fuzz targets: run an entry point on a thread with the stack of a CLI
//! worker (rayon's 2 MiB default), where `azlint check` parses and evaluates.
//!
//! libFuzzer calls the target on the process's main thread, whose 8 MiB stack hides
//! recursion that overflows in a real run (the audit's YAML and ARM overflows were missed
//! this way). One worker thread is started lazily and fed through a channel, so an execution
//! costs a message, not a thread. A panic on the worker aborts the process through
//! libfuzzer-sys's panic hook, and a stack overflow aborts it too: libFuzzer records either
//! as a crash of the current input.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Mutex, OnceLock};

/// The stack of a rayon worker thread, which is what `azlint check` parses on.
pub const WORKER_STACK: usize = 2 << 20;

type Job = (fn(&[u8]), Vec<u8>);

struct Worker {
    jobs: SyncSender<Job>,
    done: Receiver<()>,
}

/// Let a stack overflow on the calling thread be reported as a crash. An overflow is a
/// SIGSEGV on the guard page, and its handler needs a stack of its own: std sets one up only
/// from its own `main` (which a libFuzzer binary does not run), and libFuzzer installs its
/// SIGSEGV handler without `SA_ONSTACK` unless a sanitizer asked for it. Without both, the
/// process died silently (exit 139) and libFuzzer never wrote the crashing input out.
fn install_signal_stack() {
    const SIZE: usize = 256 * 1024;
    let stack: &'static mut [u8] = Box::leak(vec![0u8; SIZE].into_boxed_slice());
    let ss = libc::stack_t {
        ss_sp: stack.as_mut_ptr().cast(),
        ss_flags: 0,
        ss_size: SIZE,
    };
    // SAFETY: `ss` describes a live buffer that is leaked, so it outlives the thread; the
    // sigaction calls read and re-install the current SIGSEGV action with one more flag.
    unsafe {
        libc::sigaltstack(&ss, std::ptr::null_mut());
        let mut action: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGSEGV, std::ptr::null(), &mut action) == 0
            && action.sa_sigaction != libc::SIG_DFL
            && action.sa_sigaction != libc::SIG_IGN
        {
            action.sa_flags |= libc::SA_ONSTACK;
            libc::sigaction(libc::SIGSEGV, &action, std::ptr::null_mut());
        }
    }
}

/// Run `entry(data)` on the worker thread and wait for it.
pub fn run(entry: fn(&[u8]), data: &[u8]) {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    let worker = WORKER.get_or_init(|| {
        let (jobs, job_rx) = sync_channel::<Job>(0);
        let (done_tx, done) = sync_channel::<()>(0);
        std::thread::Builder::new()
            .name("azlint-fuzz-worker".into())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                install_signal_stack();
                for (entry, data) in job_rx {
                    entry(&data);
                    if done_tx.send(()).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn the fuzz worker thread");
        Mutex::new(Worker { jobs, done })
    });
    let worker = worker.lock().unwrap_or_else(|p| p.into_inner());
    worker
        .jobs
        .send((entry, data.to_vec()))
        .expect("the fuzz worker thread is gone");
    // A panic aborts the process before this returns; a closed channel means the worker
    // ended some other way, which is a crash too.
    worker.done.recv().expect("the fuzz worker thread died");
}
