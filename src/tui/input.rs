//! The terminal's events, read on a thread of their own and sent on the event loop's channel,
//! so that the loop waits in one place for keys and for the workers' results alike.
//!
//! crossterm's `event::read` blocks and cannot be interrupted, so this thread is never joined:
//! it ends at the first event after the loop has gone (the send fails), or with the process.
//! Nothing else may read events meanwhile (crossterm's reader is one, behind a lock), and
//! nothing at the end needs to: restoring the terminal writes only.

use super::message::Message;
use super::worker;
use crossterm::event;
use std::io;
use std::sync::mpsc::Sender;

/// Starts reading events into `sender`; a read error is sent too, and ends the reading.
pub fn start(sender: Sender<Message>) -> io::Result<()> {
    let events = sender.clone();
    worker::spawn("folio-input", sender, move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if events.send(Message::Input(event)).is_err() || failed {
                break;
            }
        }
    })
}
