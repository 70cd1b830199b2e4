//! A thread doing slow work for the event loop. It is never joined: quitting does not wait for
//! a load or a search to end, the process's exit ends it. A panic on it ends browsing as a
//! panic on the event loop would (the panic hook has restored the terminal already), rather than
//! leaving a load that never ends.

use super::message::Message;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::Sender;
use std::thread;

/// Runs `work` on a thread named `name`; a panic in it is sent to the event loop on `sender`.
pub fn spawn(
    name: &str,
    sender: Sender<Message>,
    work: impl FnOnce() + Send + 'static,
) -> io::Result<()> {
    let named = name.to_string();
    thread::Builder::new().name(named.clone()).spawn(move || {
        if let Err(panic) = catch_unwind(AssertUnwindSafe(work)) {
            let what = panic
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            let _ = sender.send(Message::WorkerFailed(format!("{named}: {what}")));
        }
    })?;
    Ok(())
}
