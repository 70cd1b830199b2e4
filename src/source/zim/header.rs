//! The 80-byte header at the start of every ZIM archive, and the MIME type list after it.

use super::ZimError;
use super::file::ArchiveFile;

pub const MAGIC: u32 = 0x044D_495A;
pub const HEADER_LEN: usize = 80;
/// Marks "no main page" and, as a position, "no title pointer list" (gone since version 6.3).
const NONE_U32: u32 = u32::MAX;
const NONE_U64: u64 = u64::MAX;
/// The MIME type list is a handful of short strings; more than this means a corrupt position.
const MAX_MIME_LIST_LEN: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct Header {
    pub major_version: u16,
    pub minor_version: u16,
    pub uuid: [u8; 16],
    pub entry_count: u32,
    pub cluster_count: u32,
    pub url_pointers: u64,
    /// The title pointer list, when the archive has one.
    pub title_pointers: Option<u64>,
    pub cluster_pointers: u64,
    pub mime_list: u64,
    pub main_page: Option<u32>,
    pub checksum: u64,
}

impl Header {
    /// Reads and checks the header: every list it points to must lie inside the file.
    pub fn read(file: &ArchiveFile) -> Result<Header, ZimError> {
        if file.len() < HEADER_LEN as u64 {
            let magic = file.read_up_to(0, 4).unwrap_or_default();
            if magic.len() == 4
                && u32::from_le_bytes([magic[0], magic[1], magic[2], magic[3]]) != MAGIC
            {
                return Err(ZimError::NotZim);
            }
            return Err(ZimError::TooShort(file.len()));
        }
        let bytes = file.read_exact_at(0, HEADER_LEN)?;
        let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let u32_at = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let u64_at = |at: usize| {
            let mut word = [0; 8];
            word.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(word)
        };
        if u32_at(0) != MAGIC {
            return Err(ZimError::NotZim);
        }
        let mut uuid = [0; 16];
        uuid.copy_from_slice(&bytes[8..24]);
        let header = Header {
            major_version: u16_at(4),
            minor_version: u16_at(6),
            uuid,
            entry_count: u32_at(24),
            cluster_count: u32_at(28),
            url_pointers: u64_at(32),
            title_pointers: Some(u64_at(40)).filter(|&at| at != NONE_U64),
            cluster_pointers: u64_at(48),
            mime_list: u64_at(56),
            main_page: Some(u32_at(64)).filter(|&index| index != NONE_U32),
            checksum: u64_at(72),
        };
        header.check(file.len())?;
        Ok(header)
    }

    /// Version 6.1 moved every entry into the `C` namespace ("new namespace scheme").
    pub fn new_namespaces(&self) -> bool {
        self.major_version >= 6 && self.minor_version >= 1
    }

    fn check(&self, file_len: u64) -> Result<(), ZimError> {
        if !(5..=6).contains(&self.major_version) {
            return Err(ZimError::Version(self.major_version, self.minor_version));
        }
        let within = |what: &'static str, at: u64, count: u32, width: u64| {
            let end = at.checked_add(u64::from(count) * width);
            match end {
                Some(end) if at >= HEADER_LEN as u64 && end <= file_len => Ok(()),
                _ => Err(ZimError::Corrupt(format!(
                    "the {what} (at byte {at}) lies outside the file ({file_len} bytes); is it truncated?"
                ))),
            }
        };
        // The MD5 checksum ends the archive: a file that stops before it was cut short.
        if self
            .checksum
            .checked_add(16)
            .is_none_or(|end| end > file_len)
        {
            return Err(ZimError::Corrupt(format!(
                "the archive is cut short: its header says it ends at byte {}, the file has {file_len} bytes; is it truncated?",
                self.checksum.saturating_add(16)
            )));
        }
        within("URL pointer list", self.url_pointers, self.entry_count, 8)?;
        within(
            "cluster pointer list",
            self.cluster_pointers,
            self.cluster_count,
            8,
        )?;
        within("MIME type list", self.mime_list, 1, 1)?;
        if let Some(at) = self.title_pointers {
            within("title pointer list", at, self.entry_count, 4)?;
        }
        if let Some(main) = self.main_page.filter(|&main| main >= self.entry_count) {
            return Err(ZimError::Corrupt(format!(
                "the main page is entry {main}, but there are only {} entries",
                self.entry_count
            )));
        }
        Ok(())
    }

    /// The MIME types that directory entries refer to by number.
    pub fn mime_types(&self, file: &ArchiveFile) -> Result<Vec<String>, ZimError> {
        let bytes = file.read_up_to(self.mime_list, MAX_MIME_LIST_LEN)?;
        let mut types = Vec::new();
        for name in bytes.split(|&b| b == 0) {
            if name.is_empty() {
                return Ok(types);
            }
            types.push(String::from_utf8_lossy(name).into_owned());
        }
        Err(ZimError::Corrupt(
            "the MIME type list has no end".to_string(),
        ))
    }
}
