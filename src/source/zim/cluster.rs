//! Clusters: runs of blobs, stored as they are or compressed whole (xz, zstd). A compressed
//! cluster is decompressed once and kept in a small cache, since neighbouring articles share it;
//! a stored one is read blob by blob from the file.

use super::ZimError;
use super::file::ArchiveFile;
use std::collections::VecDeque;
use std::io::{BufReader, Read, Write};
use std::sync::{Arc, Mutex};

/// Decompressed clusters kept: the article being read and a few it links to.
const CACHED_CLUSTERS: usize = 4;
/// libzim writes clusters of about 2 MB; far more than that is a corrupt or hostile archive.
const MAX_CLUSTER_LEN: usize = 256 * 1024 * 1024;
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

enum Data {
    Decompressed(Vec<u8>),
    /// An uncompressed cluster: blobs are read from the file at this position plus their offset.
    Stored(u64),
}

struct Cluster {
    data: Data,
    /// Blob `n` spans `offsets[n]..offsets[n + 1]` of the data; checked to be in order.
    offsets: Vec<u64>,
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
            Blob::InFile { len, .. } if len > MAX_CLUSTER_LEN => Err(ZimError::Corrupt(format!(
                "blob {blob} of cluster {} is larger than any article ({len} bytes)",
                extent.number
            ))),
            Blob::InFile { offset, len } => file.read_exact_at(offset, len),
        }
    }

    /// Where blob `blob` is: in the file (for an uncompressed cluster, so a large listing is
    /// read piece by piece) or decompressed in memory.
    pub fn locate(&self, file: &ArchiveFile, extent: Extent, blob: u32) -> Result<Blob, ZimError> {
        let cluster = self.cluster(file, extent)?;
        let index = blob as usize;
        let (Some(&start), Some(&end)) =
            (cluster.offsets.get(index), cluster.offsets.get(index + 1))
        else {
            return Err(ZimError::Corrupt(format!(
                "blob {blob} is missing from cluster {} (it has {})",
                extent.number,
                cluster.offsets.len().saturating_sub(1)
            )));
        };
        // Offsets were checked on load: in order and inside the cluster.
        let len = (end - start) as usize;
        match &cluster.data {
            Data::Decompressed(bytes) => {
                Ok(Blob::Loaded(bytes[start as usize..end as usize].to_vec()))
            }
            Data::Stored(at) => Ok(Blob::InFile {
                offset: at + start,
                len,
            }),
        }
    }

    fn cluster(&self, file: &ArchiveFile, extent: Extent) -> Result<Arc<Cluster>, ZimError> {
        if let Ok(mut recent) = self.recent.lock()
            && let Some(found) = recent.iter().position(|(n, _)| *n == extent.number)
            && let Some(entry) = recent.remove(found)
        {
            let cluster = Arc::clone(&entry.1);
            recent.push_front(entry);
            return Ok(cluster);
        }
        let cluster = Arc::new(load(file, extent).map_err(|error| match error {
            ZimError::Corrupt(why) => {
                ZimError::Corrupt(format!("cluster {} is corrupt: {why}", extent.number))
            }
            other => other,
        })?);
        if let Ok(mut recent) = self.recent.lock() {
            recent.push_front((extent.number, Arc::clone(&cluster)));
            recent.truncate(CACHED_CLUSTERS);
        }
        Ok(cluster)
    }
}

fn load(file: &ArchiveFile, extent: Extent) -> Result<Cluster, ZimError> {
    let info = file.read_exact_at(extent.start, 1)?[0];
    let offset_width = if info & EXTENDED_OFFSETS != 0 { 8 } else { 4 };
    let data_start = extent.start + 1;
    let data_end = extent.end.max(data_start);
    match info & 0x0f {
        0 | 1 => {
            let data_len = data_end - data_start;
            let first = file.read_up_to(data_start, offset_width)?;
            let table_len = read_offset(&first, 0, offset_width)
                .filter(|&len| len <= data_len && len as usize <= MAX_CLUSTER_LEN)
                .ok_or_else(|| {
                    ZimError::Corrupt("its offset table is larger than itself".into())
                })?;
            let table = file.read_exact_at(data_start, table_len as usize)?;
            let offsets = offsets(&table, offset_width, data_len)?;
            Ok(Cluster {
                data: Data::Stored(data_start),
                offsets,
            })
        }
        4 => {
            let mut input =
                BufReader::with_capacity(READ_BUFFER, file.window(data_start, data_end));
            let mut output = Bounded(Vec::new());
            lzma_rs::xz_decompress(&mut input, &mut output)
                .map_err(|error| ZimError::Corrupt(format!("xz: {error}")))?;
            decompressed(output.0, offset_width)
        }
        5 => {
            let input = BufReader::with_capacity(READ_BUFFER, file.window(data_start, data_end));
            let decoder = ruzstd::decoding::StreamingDecoder::new(input)
                .map_err(|error| ZimError::Corrupt(format!("zstd: {error}")))?;
            let mut bytes = Vec::new();
            decoder
                .take(MAX_CLUSTER_LEN as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|error| ZimError::Corrupt(format!("zstd: {error}")))?;
            if bytes.len() > MAX_CLUSTER_LEN {
                return Err(too_large());
            }
            decompressed(bytes, offset_width)
        }
        2 | 3 => Err(ZimError::Unsupported(
            "zlib and bzip2 clusters (dropped from the format long ago)",
        )),
        other => Err(ZimError::Corrupt(format!("unknown compression {other}"))),
    }
}

fn decompressed(bytes: Vec<u8>, offset_width: usize) -> Result<Cluster, ZimError> {
    let offsets = offsets(&bytes, offset_width, bytes.len() as u64)?;
    Ok(Cluster {
        data: Data::Decompressed(bytes),
        offsets,
    })
}

/// The blob offset table at the start of `table`: the first offset is the table's own length.
/// Checked as libzim does: in order, and none past the end of the data.
fn offsets(table: &[u8], width: usize, data_len: u64) -> Result<Vec<u64>, ZimError> {
    let first = read_offset(table, 0, width)
        .ok_or_else(|| ZimError::Corrupt("it is too short for its offset table".into()))?;
    if first == 0 || first % width as u64 != 0 || first > table.len() as u64 {
        return Err(ZimError::Corrupt(
            "its offset table has a bad length".into(),
        ));
    }
    let count = (first / width as u64) as usize;
    let mut offsets = Vec::with_capacity(count);
    for index in 0..count {
        let offset = read_offset(table, index, width)
            .ok_or_else(|| ZimError::Corrupt("its offset table is cut short".into()))?;
        if offsets.last().is_some_and(|&previous| offset < previous) {
            return Err(ZimError::Corrupt(
                "its blob offsets are not in order".into(),
            ));
        }
        if offset > data_len {
            return Err(ZimError::Corrupt(
                "a blob offset points past its end".into(),
            ));
        }
        offsets.push(offset);
    }
    Ok(offsets)
}

fn read_offset(table: &[u8], index: usize, width: usize) -> Option<u64> {
    let bytes = table.get(index.checked_mul(width)?..)?.get(..width)?;
    let mut word = [0; 8];
    word[..width].copy_from_slice(bytes);
    Some(u64::from_le_bytes(word))
}

fn too_large() -> ZimError {
    ZimError::Corrupt(format!(
        "it decompresses to more than {} MiB",
        MAX_CLUSTER_LEN / (1024 * 1024)
    ))
}

/// The xz decoder's output, refusing to grow past the cluster size limit.
struct Bounded(Vec<u8>);

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_CLUSTER_LEN {
            return Err(std::io::Error::other(too_large().to_string()));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_tables_are_checked() {
        let table = [8, 0, 0, 0, 10, 0, 0, 0];
        assert_eq!(offsets(&table, 4, 10).unwrap(), vec![8, 10]);
        assert!(offsets(&table, 4, 9).is_err(), "past the end");
        let unordered = [12, 0, 0, 0, 20, 0, 0, 0, 14, 0, 0, 0];
        assert!(offsets(&unordered, 4, 30).is_err());
        assert!(offsets(&[0, 0, 0, 0], 4, 30).is_err(), "empty table");
        assert!(offsets(&[255, 255, 255, 255], 4, 30).is_err(), "huge table");
        let wide = [16, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(offsets(&wide, 8, 20).unwrap(), vec![16, 20]);
    }
}
