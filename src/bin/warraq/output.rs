//! Writing the outputs: every regular file through a temporary file that
//! is renamed over it only when every output has been written, everything
//! else (standard output, devices, FIFOs) directly.
//!
//! Temporary files are created with `O_EXCL` under a short random name in
//! the target's directory (`tempfile`), so a planted file or symlink at a
//! predictable name is never followed, a long target name still fits, and
//! the rename stays on one file system. A symlink to a regular file keeps
//! being a link: its target is replaced. A replaced file keeps its mode.

use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;
use warraq::Error;

/// The name errors give standard output.
pub const STDOUT: &str = "<stdout>";

/// An output as named on the command line, and how it will be written.
pub struct Output {
    /// As the user spelled it (`-` for standard output).
    pub spelled: String,
    kind: Kind,
}

enum Kind {
    /// Standard output.
    Stdout,
    /// Written in place: a character device, a FIFO, a socket.
    Direct(PathBuf),
    /// A regular file (or none yet), replaced through a temporary file:
    /// `target` is the path with symbolic links resolved; `mode` the
    /// existing file's permissions.
    Replace {
        target: PathBuf,
        mode: Option<Permissions>,
    },
}

/// What makes two outputs (or an output and the input) the same file.
#[derive(Debug, PartialEq, Eq)]
pub enum Identity {
    /// An existing file: device and inode.
    Inode(u64, u64),
    /// A file still to be created: its canonical path.
    Path(PathBuf),
}

impl Output {
    /// Decides how `spelled` will be written; fails if it cannot be (a
    /// directory, a loop of symbolic links).
    pub fn plan(spelled: &str) -> Result<Self, Error> {
        let io = |source| Error::Io {
            path: PathBuf::from(spelled),
            source,
        };
        let kind = if spelled == "-" {
            check_stdout_open().map_err(|source| Error::Io {
                path: PathBuf::from(STDOUT),
                source,
            })?;
            Kind::Stdout
        } else {
            let path = Path::new(spelled);
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    return Err(io(io::Error::new(
                        io::ErrorKind::IsADirectory,
                        "is a directory",
                    )))
                }
                Ok(meta) if meta.is_file() => {
                    let target = resolve_links(path).map_err(io)?;
                    // A magic link (/proc/self/fd/N) may not name its file:
                    // replace only a target that is the same file.
                    match fs::metadata(&target) {
                        Ok(t) if (t.dev(), t.ino()) == (meta.dev(), meta.ino()) => Kind::Replace {
                            target,
                            mode: Some(meta.permissions()),
                        },
                        _ => Kind::Direct(path.to_path_buf()),
                    }
                }
                Ok(_) => Kind::Direct(path.to_path_buf()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Kind::Replace {
                    target: resolve_links(path).map_err(io)?,
                    mode: None,
                },
                Err(e) => return Err(io(e)),
            }
        };
        Ok(Output {
            spelled: spelled.to_string(),
            kind,
        })
    }

    /// The file this output writes, to refuse two outputs into one file;
    /// `None` for a character device (`/dev/null` twice is fine).
    pub fn identity(&self) -> Option<Identity> {
        let meta = match &self.kind {
            Kind::Stdout => stdout_metadata().ok(),
            Kind::Direct(path) => fs::metadata(path).ok(),
            Kind::Replace { target, .. } => match fs::metadata(target) {
                Ok(meta) => Some(meta),
                Err(_) => return new_file_identity(target),
            },
        }?;
        (!meta.file_type().is_char_device()).then(|| Identity::Inode(meta.dev(), meta.ino()))
    }

    /// The name for messages: the path, or `<stdout>`.
    pub fn name(&self) -> &str {
        match self.kind {
            Kind::Stdout => STDOUT,
            _ => &self.spelled,
        }
    }
}

/// The identity of an existing input file.
pub fn input_identity(input: &str) -> Option<Identity> {
    if input == "-" {
        return None;
    }
    let meta = fs::metadata(input).ok()?;
    meta.is_file()
        .then(|| Identity::Inode(meta.dev(), meta.ino()))
}

/// Fails when standard output was closed (`--pdf - >&-`), so that no PDF
/// is silently lost. Rust's runtime reopens a closed descriptor 1 on
/// `/dev/null`, read-write (a shell's `>/dev/null` is write-only), and its
/// standard output ignores a closed descriptor: both are told apart here.
pub fn check_stdout_open() -> io::Result<()> {
    stdout_metadata()?;
    let on_null = fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == Path::new("/dev/null"));
    let read_write = fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 0o2)
    });
    if on_null && read_write {
        return Err(io::Error::other("standard output is closed"));
    }
    Ok(())
}

fn stdout_metadata() -> io::Result<fs::Metadata> {
    use std::os::fd::AsFd;
    let fd = io::stdout().as_fd().try_clone_to_owned()?;
    fs::File::from(fd).metadata()
}

fn new_file_identity(target: &Path) -> Option<Identity> {
    let dir = parent(target).canonicalize().ok()?;
    Some(Identity::Path(dir.join(target.file_name()?)))
}

/// The directory of `path` (`.` for a bare name).
fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Follows the symbolic links of the last component of `path`.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = if to.is_absolute() {
                    to
                } else {
                    parent(&p).join(to)
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// An output whose bytes are ready: in a temporary file next to its target,
/// or in memory for a direct write. Dropped uncommitted, the temporary file
/// is removed (also when a panic unwinds).
pub struct Staged<'a> {
    output: &'a Output,
    bytes: &'a [u8],
    temp: Option<NamedTempFile>,
}

impl Output {
    /// Writes `bytes` to a temporary file next to the target (for a
    /// regular file); nothing visible changes yet.
    pub fn stage<'a>(&'a self, bytes: &'a [u8]) -> Result<Staged<'a>, Error> {
        let temp = match &self.kind {
            Kind::Replace { target, mode } => Some(
                write_temp(target, mode.as_ref(), bytes).map_err(|source| Error::Io {
                    path: PathBuf::from(&self.spelled),
                    source,
                })?,
            ),
            Kind::Stdout | Kind::Direct(_) => None,
        };
        Ok(Staged {
            output: self,
            bytes,
            temp,
        })
    }
}

fn write_temp(
    target: &Path,
    mode: Option<&Permissions>,
    bytes: &[u8],
) -> io::Result<NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(".warraq-")
        .suffix(".tmp")
        .rand_bytes(8)
        // A new file gets 0666 less the umask, like any file a program creates.
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(parent(target))
        .map_err(|e| {
            // tempfile appends the random name; say which directory instead.
            let text = e.to_string();
            let cause = text.rsplit_once(" at path \"").map_or(&*text, |(c, _)| c);
            let dir = parent(target).display();
            io::Error::new(e.kind(), format!("cannot create a file in {dir}: {cause}"))
        })?;
    if let Some(mode) = mode {
        temp.as_file().set_permissions(mode.clone())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Commits staged outputs: the direct writes first (a failing device or a
/// closed standard output leaves every file as it was), then the renames.
pub fn commit(staged: Vec<Staged>) -> Result<(), Error> {
    for s in staged.iter().filter(|s| s.temp.is_none()) {
        write_direct(s.output, s.bytes)?;
    }
    for s in staged {
        let (Some(temp), Kind::Replace { target, .. }) = (s.temp, &s.output.kind) else {
            continue;
        };
        temp.persist(target).map_err(|e| Error::Io {
            path: PathBuf::from(&s.output.spelled),
            source: e.error,
        })?;
        // Make the rename durable; a directory that cannot be synced is no error.
        let _ = fs::File::open(parent(target)).and_then(|dir| dir.sync_all());
    }
    Ok(())
}

fn write_direct(output: &Output, bytes: &[u8]) -> Result<(), Error> {
    let result = match &output.kind {
        Kind::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }
        Kind::Direct(path) => fs::OpenOptions::new()
            .write(true)
            // A regular file reached through a link that does not name it.
            .truncate(fs::metadata(path).is_ok_and(|m| m.is_file()))
            .open(path)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush())),
        Kind::Replace { .. } => Ok(()),
    };
    result.map_err(|source| Error::Io {
        path: PathBuf::from(output.name()),
        source,
    })
}
