//! The allocator: mimalloc, ending the program with one error line and exit status 1 where
//! memory runs out, instead of Rust's abort (a stack trace and status 134). Whatever the input
//! makes folio allocate, running out of memory is then an error like any other.

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};

pub struct Allocator;

// SAFETY: every call is passed to mimalloc unchanged; only a null result is acted on.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        checked(unsafe { MiMalloc.alloc(layout) }, layout.size())
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        checked(unsafe { MiMalloc.alloc_zeroed(layout) }, layout.size())
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        checked(unsafe { MiMalloc.realloc(ptr, layout, new_size) }, new_size)
    }
}

fn checked(ptr: *mut u8, size: usize) -> *mut u8 {
    if ptr.is_null() {
        out_of_memory(size);
    }
    ptr
}

/// Writes `folio: out of memory : …` and exits with status 1, allocating nothing: the line is
/// put together on the stack, and `_exit` runs no destructor or handler that could allocate.
fn out_of_memory(size: usize) -> ! {
    let mut line = [0u8; 96];
    let mut len = 0;
    let mut put = |bytes: &[u8]| {
        for &byte in bytes {
            if len < line.len() {
                line[len] = byte;
                len += 1;
            }
        }
    };
    put(b"folio: out of memory : ");
    put(b"could not allocate ");
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = size;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    put(&digits[at..]);
    put(b" bytes\n");
    // SAFETY: writes `len` initialised bytes of `line` to standard error, then ends the process.
    unsafe {
        libc::write(2, line.as_ptr().cast(), len);
        libc::_exit(1)
    }
}
