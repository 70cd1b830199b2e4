//! Positioned reads of the archive file: every read names its offset and is checked against the
//! file's length first, so a corrupt offset is an error and never a short read or a huge buffer.

use super::ZimError;
use crate::source::file::{FileError, open_regular};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How much a read-ahead buffer reads at once.
const READ_AHEAD: usize = 64 * 1024;

pub struct ArchiveFile {
    file: File,
    len: u64,
}

impl ArchiveFile {
    /// Opens a regular file only, as every document is opened (never blocking on a FIFO).
    pub fn open(path: &Path) -> io::Result<ArchiveFile> {
        let (file, metadata) = open_regular(path).map_err(|error| match error {
            FileError::Io(error) => error,
            other => io::Error::other(other),
        })?;
        Ok(ArchiveFile {
            file,
            len: metadata.len(),
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    /// Exactly `len` bytes at `offset`; a range reaching past the end of the file is an error.
    pub fn read_exact_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, ZimError> {
        let end = u64::try_from(len)
            .ok()
            .and_then(|len| offset.checked_add(len))
            .filter(|&end| end <= self.len)
            .ok_or(ZimError::PastEnd {
                offset,
                len: self.len,
            })?;
        let len = (end - offset) as usize;
        let mut buf = Vec::new();
        // The length comes from the archive: a failed allocation is its error, not an abort.
        buf.try_reserve_exact(len)
            .map_err(|_| ZimError::OutOfMemory(len as u64))?;
        buf.resize(len, 0);
        self.fill(&mut buf, offset)?;
        Ok(buf)
    }

    /// Up to `max` bytes at `offset`: fewer where the file ends sooner.
    pub fn read_up_to(&self, offset: u64, max: usize) -> Result<Vec<u8>, ZimError> {
        if offset >= self.len {
            return Err(ZimError::PastEnd {
                offset,
                len: self.len,
            });
        }
        let available = usize::try_from(self.len - offset).unwrap_or(usize::MAX);
        self.read_exact_at(offset, max.min(available))
    }

    pub fn u32_at(&self, offset: u64) -> Result<u32, ZimError> {
        let bytes = self.read_exact_at(offset, 4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    pub fn u64_at(&self, offset: u64) -> Result<u64, ZimError> {
        let bytes = self.read_exact_at(offset, 8)?;
        let mut word = [0; 8];
        word.copy_from_slice(&bytes);
        Ok(u64::from_le_bytes(word))
    }

    /// A reader over `offset..end` (clamped to the file), for the decompressors.
    pub fn window(&self, offset: u64, end: u64) -> Window<'_> {
        Window {
            file: self,
            position: offset,
            end: end.min(self.len),
        }
    }

    fn fill(&self, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
        while !buf.is_empty() {
            let read = read_at(&self.file, buf, offset)?;
            if read == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            buf = &mut buf[read..];
            offset += read as u64;
        }
        Ok(())
    }
}

/// Reads of nearby positions served from one larger read, for scans that go through a list
/// mostly in order.
pub struct ReadAhead<'a> {
    file: &'a ArchiveFile,
    start: u64,
    bytes: Vec<u8>,
}

impl<'a> ReadAhead<'a> {
    pub fn new(file: &'a ArchiveFile) -> ReadAhead<'a> {
        ReadAhead {
            file,
            start: 0,
            bytes: Vec::new(),
        }
    }

    /// Up to `max` bytes at `offset` (fewer where the file ends), from the buffer when it
    /// holds them, else from a new read of at least `READ_AHEAD` bytes there.
    pub fn up_to(&mut self, offset: u64, max: usize) -> Result<&[u8], ZimError> {
        let end = offset.saturating_add(max as u64).min(self.file.len);
        let buffered = self.start + self.bytes.len() as u64;
        if offset < self.start || end > buffered || offset >= buffered {
            self.bytes = self.file.read_up_to(offset, max.max(READ_AHEAD))?;
            self.start = offset;
        }
        let from = (offset - self.start) as usize;
        let to = (from + max).min(self.bytes.len());
        Ok(&self.bytes[from..to])
    }
}

/// A stretch of the file read front to back, without moving any shared file position.
pub struct Window<'a> {
    file: &'a ArchiveFile,
    position: u64,
    end: u64,
}

impl Read for Window<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.end.saturating_sub(self.position);
        let len = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
        if len == 0 {
            return Ok(0);
        }
        let read = read_at(&self.file.file, &mut buf[..len], self.position)?;
        self.position += read as u64;
        Ok(read)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}
