//! Clusters: runs of blobs, stored as they are or compressed whole (xz, zstd). A compressed
//! cluster is decompressed from its start only as far as the blob asked for ends, and kept in a
//! small cache, since neighbouring articles share it; a stored one is read blob by blob from the
//! file. What one entry may expand to is capped, so a small hostile archive cannot claim gigabytes.

use super::ZimError;
use super::file::ArchiveFile;
use std::collections::VecDeque;
use std::io::{BufReader, Read};
use std::sync::{Arc, Mutex};

/// Decompressed clusters kept: the article being read and a few it links to.
const CACHED_CLUSTERS: usize = 4;
/// A decompressed cluster longer than this is read again rather than kept: libzim writes
/// clusters of one or two megabytes.
const MAX_CACHED_LEN: usize = 8 * 1024 * 1024;
/// The most an entry may expand to, and how far into a compressed cluster folio decompresses
/// to reach one: far above any article (the largest are a few megabytes) or the title listing
/// of the largest Wikipedia (about 28 MB), far below what would exhaust memory.
pub const MAX_ENTRY_LEN: usize = 64 * 1024 * 1024;
const READ_BUFFER: usize = 64 * 1024;
/// The low bits of a cluster's first byte say how it is compressed; this bit that its blob
/// offsets are 8 bytes wide instead of 4.
const EXTENDED_OFFSETS: u8 = 0x10;

/// Where a cluster lies in the file: from its first byte up to the next cluster (or the checksum).
#[derive(Debug, Clone, Copy)]
pub struct Extent {
    pub number: u32,
    pub start: u64,
    pub end: u64,
}

pub enum Blob {
    InFile { offset: u64, len: usize },
    Loaded(Vec<u8>),
}

#[derive(Debug, Clone, Copy)]
enum Compression {
    Xz,
    Zstd,
}

enum Data {
    /// A compressed cluster decompressed from its start (its offset table first) as far as
    /// the blobs read so far reach.
    Expanded {
        compression: Compression,
        bytes: Vec<u8>,
    },
    /// An uncompressed cluster: its offset table, and where its data starts in the file and
    /// how long it is (blob offsets count from that start).
    Stored { at: u64, len: u64, table: Vec<u8> },
}

struct Cluster {
    data: Data,
    /// 4 or 8: the width of a blob offset.
    width: usize,
}

impl Cluster {
    /// The offset table (a compressed cluster's decompressed bytes start with it).
    fn table(&self) -> &[u8] {
        match &self.data {
            Data::Expanded { bytes, .. } => bytes,
            Data::Stored { table, .. } => table,
        }
    }

    /// Where blob `blob` starts and ends in the cluster's data; in a stored cluster, checked
    /// to lie inside it.
    fn bounds(&self, blob: u32) -> Result<(u64, u64), ZimError> {
        let (start, end) = bounds(self.table(), self.width, blob)?;
        match self.data {
            Data::Stored { len, .. } if end > len => Err(past_end()),
            _ => Ok((start, end)),
        }
    }
}

#[derive(Default)]
pub struct ClusterCache {
    recent: Mutex<VecDeque<(u32, Arc<Cluster>)>>,
}

impl ClusterCache {
    /// The bytes of blob `blob` in the cluster at `extent`.
    pub fn blob(&self, file: &ArchiveFile, extent: Extent, blob: u32) -> Result<Vec<u8>, ZimError> {
        match self.locate(file, extent, blob)? {
            Blob::Loaded(bytes) => Ok(bytes),
            Blob::InFile { len, .. } if len > MAX_ENTRY_LEN => Err(too_large()),
            Blob::InFile { offset, len } => file.read_exact_at(offset, len),
        }
    }

    /// Where blob `blob` is: in the file (for an uncompressed cluster, so a large listing is
    /// read piece by piece) or decompressed in memory.
    pub fn locate(&self, file: &ArchiveFile, extent: Extent, blob: u32) -> Result<Blob, ZimError> {
        self.find(file, extent, blob).map_err(|error| match error {
            ZimError::Corrupt(why) => {
                ZimError::Corrupt(format!("cluster {} is corrupt: {why}", extent.number))
            }
            other => other,
        })
    }

    fn find(&self, file: &ArchiveFile, extent: Extent, blob: u32) -> Result<Blob, ZimError> {
        let cached = self.cached(extent.number);
        let cluster = match cached {
            Some(cluster) => cluster,
            None => self.keep(extent.number, load(file, extent, blob)?),
        };
        let (start, end) = cluster.bounds(blob)?;
        match &cluster.data {
            Data::Stored { at, .. } => Ok(Blob::InFile {
                offset: at + start,
                len: usize::try_from(end - start).map_err(|_| too_large())?,
            }),
            Data::Expanded { bytes, .. } if end <= bytes.len() as u64 => {
                Ok(Blob::Loaded(copy(&bytes[start as usize..end as usize])?))
            }
            // Decompressed not far enough yet: again from the start, this time further.
            Data::Expanded { compression, .. } => {
                let further = self.keep(
                    extent.number,
                    expand(file, extent, *compression, cluster.width, blob)?,
                );
                match &further.data {
                    Data::Expanded { bytes, .. } => bytes
                        .get(start as usize..end as usize)
                        .ok_or_else(past_end)
                        .and_then(copy)
                        .map(Blob::Loaded),
                    Data::Stored { .. } => Err(past_end()),
                }
            }
        }
    }

    fn cached(&self, number: u32) -> Option<Arc<Cluster>> {
        let mut recent = self.recent.lock().ok()?;
        let found = recent.iter().position(|(n, _)| *n == number)?;
        let entry = recent.remove(found)?;
        let cluster = Arc::clone(&entry.1);
        recent.push_front(entry);
        Some(cluster)
    }

    /// Puts a cluster first in the cache, unless it is too large to keep.
    fn keep(&self, number: u32, cluster: Cluster) -> Arc<Cluster> {
        let cluster = Arc::new(cluster);
        if let Ok(mut recent) = self.recent.lock() {
            recent.retain(|(n, _)| *n != number);
            if cluster.table().len() <= MAX_CACHED_LEN {
                recent.push_front((number, Arc::clone(&cluster)));
                recent.truncate(CACHED_CLUSTERS);
            }
        }
        cluster
    }
}

/// Reads the cluster at `extent` as far as blob `blob` needs: the offset table of a stored
/// cluster, the start of a compressed one up to the blob's end.
fn load(file: &ArchiveFile, extent: Extent, blob: u32) -> Result<Cluster, ZimError> {
    let info = file.read_exact_at(extent.start, 1)?[0];
    let width = if info & EXTENDED_OFFSETS != 0 { 8 } else { 4 };
    let data_start = extent.start + 1;
    let data_len = extent.end.max(data_start) - data_start;
    match info & 0x0f {
        0 | 1 => {
            let first = file.read_up_to(data_start, width)?;
            let table_len = read_offset(&first, 0, width)
                .filter(|&len| len <= data_len)
                .ok_or_else(|| {
                    ZimError::Corrupt("its offset table is larger than itself".into())
                })?;
            let table = file.read_exact_at(data_start, table_len as usize)?;
            check_table(&table, width, Some(data_len))?;
            Ok(Cluster {
                data: Data::Stored {
                    at: data_start,
                    len: data_len,
                    table,
                },
                width,
            })
        }
        4 => expand(file, extent, Compression::Xz, width, blob),
        5 => expand(file, extent, Compression::Zstd, width, blob),
        2 | 3 => Err(ZimError::Unsupported(
            "zlib and bzip2 clusters (dropped from the format long ago)",
        )),
        other => Err(ZimError::Corrupt(format!("unknown compression {other}"))),
    }
}

/// Decompresses the cluster at `extent` from its start through the end of blob `blob`, and no
/// further: its offset table says how far that is, and more than `MAX_ENTRY_LEN` is refused.
fn expand(
    file: &ArchiveFile,
    extent: Extent,
    compression: Compression,
    width: usize,
    blob: u32,
) -> Result<Cluster, ZimError> {
    let input = BufReader::with_capacity(READ_BUFFER, file.window(extent.start + 1, extent.end));
    let mut decoder: Box<dyn Read + '_> = match compression {
        Compression::Xz => Box::new(lzma_rust2::XzReader::new(input, false)),
        // ruzstd's default bound on the window (128 MiB) is what libzim's archives declare.
        Compression::Zstd => Box::new(
            ruzstd::decoding::StreamingDecoder::new(input)
                .map_err(|error| ZimError::Corrupt(format!("zstd: {error}")))?,
        ),
    };
    let what = match compression {
        Compression::Xz => "xz",
        Compression::Zstd => "zstd",
    };
    let mut bytes = Vec::new();
    let mut fill = |bytes: &mut Vec<u8>, len: u64| -> Result<(), ZimError> {
        if len > MAX_ENTRY_LEN as u64 {
            return Err(too_large());
        }
        let more = len.saturating_sub(bytes.len() as u64);
        (&mut decoder)
            .take(more)
            .read_to_end(bytes)
            .map_err(|error| match error.kind() {
                std::io::ErrorKind::OutOfMemory => ZimError::OutOfMemory(len),
                _ => ZimError::Corrupt(format!("{what}: {error}")),
            })?;
        if (bytes.len() as u64) < len {
            return Err(past_end());
        }
        Ok(())
    };
    fill(&mut bytes, width as u64)?;
    let table_len = read_offset(&bytes, 0, width).unwrap_or(0);
    fill(&mut bytes, table_len)?;
    check_table(&bytes, width, None)?;
    let (_, end) = bounds(&bytes, width, blob)?;
    fill(&mut bytes, end)?;
    Ok(Cluster {
        data: Data::Expanded { compression, bytes },
        width,
    })
}

/// Where blob `blob` starts and ends, by the offset table at the start of `table` (checked by
/// `check_table`): in order and after the table, as libzim checks.
fn bounds(table: &[u8], width: usize, blob: u32) -> Result<(u64, u64), ZimError> {
    let table_len = read_offset(table, 0, width).unwrap_or(0);
    let count = table_len / width as u64;
    let blob_at = blob as usize;
    let (Some(start), Some(end)) = (
        read_offset(table, blob_at, width),
        read_offset(table, blob_at + 1, width),
    ) else {
        return Err(missing(blob, count));
    };
    if u64::from(blob) + 1 >= count {
        return Err(missing(blob, count));
    }
    if start < table_len || end < start {
        return Err(ZimError::Corrupt(
            "its blob offsets are not in order".into(),
        ));
    }
    Ok((start, end))
}

fn missing(blob: u32, count: u64) -> ZimError {
    ZimError::Corrupt(format!(
        "blob {blob} is missing (it has {})",
        count.saturating_sub(1)
    ))
}

/// Checks the blob offset table at the start of `table` as libzim does: the first offset is
/// the table's own length (a whole number of offsets, all in `table`), the offsets are in
/// order, and none points past `data_len` where that is known (a stored cluster).
fn check_table(table: &[u8], width: usize, data_len: Option<u64>) -> Result<(), ZimError> {
    let first = read_offset(table, 0, width)
        .ok_or_else(|| ZimError::Corrupt("it is too short for its offset table".into()))?;
    if first == 0 || first % width as u64 != 0 || first > table.len() as u64 {
        return Err(ZimError::Corrupt(
            "its offset table has a bad length".into(),
        ));
    }
    let mut previous = first;
    for offset in table[..first as usize].chunks_exact(width).skip(1) {
        let offset = read_offset(offset, 0, width).unwrap_or(0);
        if offset < previous {
            return Err(ZimError::Corrupt(
                "its blob offsets are not in order".into(),
            ));
        }
        if data_len.is_some_and(|len| offset > len) {
            return Err(past_end());
        }
        previous = offset;
    }
    Ok(())
}

fn read_offset(table: &[u8], index: usize, width: usize) -> Option<u64> {
    let bytes = table.get(index.checked_mul(width)?..)?.get(..width)?;
    let mut word = [0; 8];
    word[..width].copy_from_slice(bytes);
    Some(u64::from_le_bytes(word))
}

/// A blob's bytes copied out of its cluster, or an error where memory is short.
fn copy(bytes: &[u8]) -> Result<Vec<u8>, ZimError> {
    let mut copy = Vec::new();
    copy.try_reserve_exact(bytes.len())
        .map_err(|_| ZimError::OutOfMemory(bytes.len() as u64))?;
    copy.extend_from_slice(bytes);
    Ok(copy)
}

fn too_large() -> ZimError {
    ZimError::TooLarge(MAX_ENTRY_LEN / (1024 * 1024))
}

fn past_end() -> ZimError {
    ZimError::Corrupt("a blob offset points past its end".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_tables_are_checked() {
        let table = [8, 0, 0, 0, 10, 0, 0, 0];
        assert!(check_table(&table, 4, Some(10)).is_ok());
        assert!(check_table(&table, 4, Some(9)).is_err(), "past the end");
        assert_eq!(bounds(&table, 4, 0).unwrap(), (8, 10));
        assert!(bounds(&table, 4, 1).is_err(), "one blob only");
        let unordered = [12, 0, 0, 0, 20, 0, 0, 0, 14, 0, 0, 0];
        assert!(bounds(&unordered, 4, 1).is_err());
        assert!(check_table(&unordered, 4, None).is_err());
        let inside_the_table = [12, 0, 0, 0, 4, 0, 0, 0, 14, 0, 0, 0];
        assert!(bounds(&inside_the_table, 4, 1).is_err());
        assert!(check_table(&[0, 0, 0, 0], 4, None).is_err(), "empty table");
        assert!(
            check_table(&[255, 255, 255, 255], 4, None).is_err(),
            "huge table"
        );
        assert!(
            check_table(&[6, 0, 0, 0, 0, 0], 4, None).is_err(),
            "a part offset"
        );
        let wide = [16, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(bounds(&wide, 8, 0).unwrap(), (16, 20));
    }
}
