//! A minimal reader of Compound File Binary containers (MS-CFB), the
//! "OLE" files that hold an `.xls` workbook's `Workbook` stream, or an
//! encrypted Office file's `EncryptionInfo` and `EncryptedPackage`.
//!
//! It lists the container's streams and says where each stream's bytes lie
//! in the file, so that the `.xls` preflight (`xls`) can read the workbook
//! stream and mend its declared dimensions in place before calamine sees
//! it. Every sector number is checked and every chain is bounded: a damaged
//! container is an error here, never a panic or a loop.

/// Sector numbers with a meaning of their own.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const MAX_REGULAR: u32 = 0xFFFF_FFFA;

/// One entry of the container's directory.
#[derive(Debug)]
pub(super) struct Entry {
    /// The entry's name (`Workbook`, `EncryptionInfo`, `\u{5}SummaryInformation`).
    pub name: String,
    /// 1: storage, 2: stream, 5: root.
    pub kind: u8,
    start: u32,
    size: u64,
}

/// An opened container: its tables, read once.
pub(super) struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    mini_shift: u32,
    cutoff: u64,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    /// The file offset of each sector of the mini stream.
    mini_stream: Vec<usize>,
    /// The directory.
    pub entries: Vec<Entry>,
}

/// The 8 bytes every compound file starts with.
pub(super) const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Cfb<'a> {
    /// Reads the header, the allocation tables and the directory. The error
    /// is a short technical description, for `--verbose`.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, String> {
        if !bytes.starts_with(&MAGIC) || bytes.len() < 512 {
            return Err("not a compound file, or shorter than its header".into());
        }
        let shift = u32::from(u16_at(bytes, 0x1E).unwrap_or(0));
        let mini_shift = u32::from(u16_at(bytes, 0x20).unwrap_or(0));
        if !(7..=16).contains(&shift) || !(2..shift).contains(&mini_shift) {
            return Err(format!("sector size 2^{shift}, mini sector size 2^{mini_shift}"));
        }
        let header = |at| u32_at(bytes, at).unwrap_or(0);
        let mut cfb = Cfb {
            bytes,
            shift,
            mini_shift,
            cutoff: u64::from(header(0x38)),
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };
        let sectors = cfb.sector_count();
        // The FAT's own sectors: 109 in the header, the rest in a chain of
        // DIFAT sectors (each ends with the next one's number).
        let fat_count = header(0x2C) as usize;
        if fat_count > sectors {
            return Err(format!("{fat_count} FAT sectors in a file of {sectors}"));
        }
        let mut fat_sectors: Vec<u32> = (0..109).map(|i| header(0x4C + 4 * i)).filter(|&s| s <= MAX_REGULAR).collect();
        let mut difat = header(0x44);
        let per_sector = (1usize << shift) / 4;
        let mut hops = 0;
        while difat <= MAX_REGULAR && fat_sectors.len() < fat_count {
            hops += 1;
            let sector = cfb.sector(difat).ok_or("a DIFAT sector past the end of the file")?;
            if hops > sectors {
                return Err("the DIFAT chain loops".into());
            }
            fat_sectors.extend((0..per_sector - 1).map(|i| u32_at(sector, 4 * i).unwrap_or(u32::MAX)).filter(|&s| s <= MAX_REGULAR));
            difat = u32_at(sector, 4 * (per_sector - 1)).unwrap_or(END_OF_CHAIN);
        }
        fat_sectors.truncate(fat_count.max(1));
        for s in fat_sectors {
            let sector = cfb.sector(s).ok_or("a FAT sector past the end of the file")?;
            cfb.fat.extend(sector.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        }
        // The directory, 128 bytes an entry.
        let dir = cfb.chain(header(0x30), false)?;
        for s in dir {
            let Some(sector) = cfb.sector(s) else { break };
            for raw in sector.chunks_exact(128) {
                let len = (u16_at(raw, 0x40).unwrap_or(0) as usize).min(64);
                let units: Vec<u16> = raw[..len.saturating_sub(2)].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
                let size = if shift == 9 {
                    u64::from(u32_at(raw, 0x78).unwrap_or(0))
                } else {
                    u64::from_le_bytes(raw[0x78..0x80].try_into().unwrap_or_default())
                };
                cfb.entries.push(Entry {
                    name: String::from_utf16_lossy(&units),
                    kind: raw[0x42],
                    start: u32_at(raw, 0x74).unwrap_or(END_OF_CHAIN),
                    size,
                });
            }
        }
        let root = cfb.entries.first().filter(|e| e.kind == 5).ok_or("no root entry")?;
        let root_start = root.start;
        // The mini FAT and the mini stream (held by the root entry).
        for s in cfb.chain(header(0x3C), false).unwrap_or_default() {
            if let Some(sector) = cfb.sector(s) {
                cfb.mini_fat.extend(sector.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
            }
        }
        cfb.mini_stream = cfb.chain(root_start, false).unwrap_or_default().into_iter().map(|s| cfb.offset(s)).collect();
        Ok(cfb)
    }

    /// How many whole sectors the file has after its header.
    fn sector_count(&self) -> usize {
        (self.bytes.len() >> self.shift).saturating_sub(1)
    }

    fn offset(&self, sector: u32) -> usize {
        (sector as usize + 1) << self.shift
    }

    fn sector(&self, sector: u32) -> Option<&'a [u8]> {
        let at = self.offset(sector);
        self.bytes.get(at..at + (1 << self.shift))
    }

    /// The sectors of a chain, from the FAT (or the mini FAT), bounded by the
    /// table's length: a loop is an error.
    fn chain(&self, start: u32, mini: bool) -> Result<Vec<u32>, String> {
        let table = if mini { &self.mini_fat } else { &self.fat };
        let mut out = Vec::new();
        let mut at = start;
        while at != END_OF_CHAIN {
            if at > MAX_REGULAR {
                break;
            }
            if out.len() > table.len() {
                return Err("a sector chain loops".into());
            }
            out.push(at);
            at = *table.get(at as usize).ok_or_else(|| format!("sector {at} points past the end of the table"))?;
        }
        Ok(out)
    }

    /// The stream named `name` (any case), if there is one.
    pub(super) fn stream(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.kind == 2 && e.name.eq_ignore_ascii_case(name))
    }

    /// Whether the container has a stream or storage named `name`.
    pub(super) fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| matches!(e.kind, 1 | 2) && e.name.eq_ignore_ascii_case(name))
    }

    /// Where a stream's bytes lie: one file offset per piece, and the
    /// pieces' size (the last one may be cut short by the stream's end).
    pub(super) fn pieces(&self, entry: &Entry) -> Result<Pieces, String> {
        let mini = entry.size < self.cutoff;
        let (sectors, size_shift) = (self.chain(entry.start, mini)?, if mini { self.mini_shift } else { self.shift });
        let piece = 1usize << size_shift;
        let mut offsets = Vec::with_capacity(sectors.len());
        for s in sectors {
            let at = if mini {
                let pos = (s as usize) << self.mini_shift;
                let Some(&base) = self.mini_stream.get(pos >> self.shift) else { break };
                base + (pos & ((1 << self.shift) - 1))
            } else {
                self.offset(s)
            };
            if at + piece > self.bytes.len() {
                // A cut-off file: keep what is there.
                break;
            }
            offsets.push(at);
        }
        let len = (entry.size as usize).min(offsets.len() * piece);
        Ok(Pieces { offsets, piece, len })
    }

    /// A stream's bytes, as one buffer.
    pub(super) fn read(&self, pieces: &Pieces) -> Vec<u8> {
        let mut out = Vec::with_capacity(pieces.len);
        for &at in &pieces.offsets {
            let want = (pieces.len - out.len()).min(pieces.piece);
            out.extend_from_slice(&self.bytes[at..at + want]);
            if out.len() == pieces.len {
                break;
            }
        }
        out
    }
}

/// Where a stream's bytes lie in the file.
pub(super) struct Pieces {
    offsets: Vec<usize>,
    piece: usize,
    /// The stream's length (as far as the file holds it).
    pub len: usize,
}

impl Pieces {
    /// The file offset of byte `pos` of the stream.
    pub(super) fn file_offset(&self, pos: usize) -> Option<usize> {
        (pos < self.len).then(|| self.offsets.get(pos / self.piece).map(|base| base + pos % self.piece))?
    }
}
