//! Reading one file from disk without trusting what the path names: only a regular file is
//! read (never a FIFO, socket or device, even one swapped in after a check), and never more
//! than a bound.

use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

/// The largest document folio reads (a full Wikipedia page is a few MB; the largest ones near 3).
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("not a regular file ({})", .0.with_article())]
    NotRegular(Kind),
    #[error("too large ({} MiB; folio reads documents of up to {} MiB)", .0 / (1024 * 1024), MAX_DOCUMENT_BYTES / (1024 * 1024))]
    TooLarge(u64),
}

/// What a directory entry is, as far as folio cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Regular,
    Folder,
    Symlink,
    Fifo,
    Socket,
    Device,
    Other,
}

impl Kind {
    pub fn of(file_type: FileType) -> Kind {
        if file_type.is_file() {
            Kind::Regular
        } else if file_type.is_dir() {
            Kind::Folder
        } else if file_type.is_symlink() {
            Kind::Symlink
        } else if file_type.is_fifo() {
            Kind::Fifo
        } else if file_type.is_socket() {
            Kind::Socket
        } else if file_type.is_char_device() || file_type.is_block_device() {
            Kind::Device
        } else {
            Kind::Other
        }
    }

    /// The name for a count of such entries: "FIFO", "FIFOs".
    pub fn name(self, count: usize) -> &'static str {
        let (one, many) = match self {
            Kind::Regular => ("file", "files"),
            Kind::Folder => ("folder", "folders"),
            Kind::Symlink => ("link", "links"),
            Kind::Fifo => ("FIFO", "FIFOs"),
            Kind::Socket => ("socket", "sockets"),
            Kind::Device => ("device", "devices"),
            Kind::Other => ("special file", "special files"),
        };
        if count == 1 { one } else { many }
    }

    fn with_article(self) -> String {
        match self {
            Kind::Other => "a special file".to_string(),
            kind => format!("a {}", kind.name(1)),
        }
    }
}

/// Opens `path` for reading only if it is a regular file. The open itself cannot block (a FIFO
/// opens at once with O_NONBLOCK, and O_NOCTTY keeps a terminal from becoming ours), and the
/// opened handle is what is checked, so a file swapped for a FIFO after a `stat` is refused.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), FileError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let metadata = file.metadata()?;
    match Kind::of(metadata.file_type()) {
        Kind::Regular => Ok((file, metadata)),
        kind => Err(FileError::NotRegular(kind)),
    }
}

/// Which file this is, whatever path reached it: its device and inode.
pub type FileId = (u64, u64);

pub fn file_id(metadata: &Metadata) -> FileId {
    (metadata.dev(), metadata.ino())
}

/// A whole document, refused beyond `MAX_DOCUMENT_BYTES`.
pub fn read_document(path: &Path) -> Result<Vec<u8>, FileError> {
    read_document_with_id(path).map(|(bytes, _)| bytes)
}

/// A whole document and which file it was read from (a folder that holds it then need not
/// read it again).
pub fn read_document_with_id(path: &Path) -> Result<(Vec<u8>, FileId), FileError> {
    let (file, metadata) = open_regular(path)?;
    if metadata.len() > MAX_DOCUMENT_BYTES {
        return Err(FileError::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // One byte past the cap tells a file that grew after the check.
    file.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(FileError::TooLarge(bytes.len() as u64));
    }
    Ok((bytes, file_id(&metadata)))
}

/// The first `limit` bytes of a regular file.
pub fn read_head(path: &Path, limit: usize) -> Result<Vec<u8>, FileError> {
    let (file, metadata) = open_regular(path)?;
    let mut head = Vec::with_capacity(metadata.len().min(limit as u64) as usize);
    file.take(limit as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// What `path` names after following links, for a target given on the command line; None when
/// nothing is there.
pub fn kind_of(path: &Path) -> Option<Kind> {
    std::fs::metadata(path)
        .ok()
        .map(|metadata| Kind::of(metadata.file_type()))
}
