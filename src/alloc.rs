//! The global allocator of the binary (and the benchmark): mimalloc for
//! small blocks, the system allocator for large ones.
//!
//! Typst makes many small allocations across threads, where mimalloc takes
//! less time and far fewer page faults than glibc: a sample build, measured
//! interleaved with the glibc build 30 times each, took a tenth less wall
//! time (median 140 against 155 ms on a loaded machine). Blocks of 64 KiB
//! and up, such as the record vectors of a big input, go to glibc, which
//! grows them in place with `mremap` instead of copying them into a new
//! block while the old one is still held; and mimalloc is built without
//! transparent huge pages (`no_thp`). With mimalloc alone, reading 4.2 M
//! cells peaked at 125–165 MB; this way, at 96 MB (glibc alone: 91 MB).
//! glibc is told to map each such block on its own (see
//! [`Allocator::system`]), so that a freed one goes back to the system.
//!
//! Which allocator owns a block follows from its size alone, which Rust
//! passes back on every `dealloc` and `realloc`, so no bookkeeping is needed.

use std::alloc::{GlobalAlloc, Layout, System};

use mimalloc::MiMalloc;

/// Blocks of this many bytes or more go to the system allocator.
pub const LARGE: usize = 64 << 10;

/// mimalloc below [`LARGE`] bytes, the system allocator from there up.
pub struct Allocator;

impl Allocator {
    fn is_large(size: usize) -> bool {
        size >= LARGE
    }

    /// The system allocator, told once (glibc) to map every large block on
    /// its own: by default glibc raises that threshold each time such a
    /// block is freed, after which large blocks come from per-thread heaps
    /// that keep freed memory, and do not grow in place. Reading a 500,000-row
    /// workbook beside a 100,000-response survey on two threads peaked at
    /// 130 MB that way, and at 101 MB with the threshold fixed.
    fn system() -> System {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        {
            use std::sync::atomic::{AtomicBool, Ordering};
            static TOLD: AtomicBool = AtomicBool::new(false);
            if !TOLD.load(Ordering::Relaxed) {
                TOLD.store(true, Ordering::Relaxed);
                // SAFETY: `mallopt` takes plain integers and does not
                // allocate through this allocator; calling it twice (two
                // threads at once) sets the same value.
                unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE as libc::c_int) };
            }
        }
        System
    }
}

// SAFETY: every block is freed and resized by the allocator that made it:
// both are chosen by the block's size, which is the same at allocation and
// at `dealloc`/`realloc` (the `GlobalAlloc` contract). A `realloc` that
// crosses `LARGE` allocates in the other allocator, copies, and frees the
// old block in its own.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { if Self::is_large(layout.size()) { Self::system().alloc(layout) } else { MiMalloc.alloc(layout) } }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { if Self::is_large(layout.size()) { Self::system().alloc_zeroed(layout) } else { MiMalloc.alloc_zeroed(layout) } }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated with `layout`, so by the same allocator.
        unsafe { if Self::is_large(layout.size()) { System.dealloc(ptr, layout) } else { MiMalloc.dealloc(ptr, layout) } }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (was_large, is_large) = (Self::is_large(layout.size()), Self::is_large(new_size));
        // SAFETY: forwarded with the caller's guarantees; across the
        // threshold, a new block of the new size is made in the other
        // allocator, the smaller of the two sizes copied, and the old block
        // freed where it was made.
        unsafe {
            match (was_large, is_large) {
                (true, true) => Self::system().realloc(ptr, layout, new_size),
                (false, false) => MiMalloc.realloc(ptr, layout, new_size),
                _ => {
                    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_bytes_across_the_threshold() {
        let a = Allocator;
        for (from, to) in [(16, LARGE * 2), (LARGE * 2, 16), (LARGE - 1, LARGE), (LARGE, LARGE - 1), (64, 128), (LARGE, LARGE * 4)] {
            let layout = Layout::from_size_align(from, 16).unwrap();
            // SAFETY: sizes are non-zero; each block is written within its
            // size and freed once with its current layout.
            unsafe {
                let p = a.alloc(layout);
                assert!(!p.is_null());
                for i in 0..from.min(4096) {
                    *p.add(i) = (i % 251) as u8;
                }
                let q = a.realloc(p, layout, to);
                assert!(!q.is_null());
                assert_eq!(q as usize % 16, 0, "alignment kept");
                for i in 0..from.min(to).min(4096) {
                    assert_eq!(*q.add(i), (i % 251) as u8);
                }
                a.dealloc(q, Layout::from_size_align(to, 16).unwrap());
            }
        }
        // SAFETY: a zeroed large block is read within its size and freed.
        unsafe {
            let layout = Layout::from_size_align(LARGE * 2, 8).unwrap();
            let p = a.alloc_zeroed(layout);
            assert!((0..LARGE * 2).step_by(4099).all(|i| *p.add(i) == 0));
            a.dealloc(p, layout);
        }
    }
}
