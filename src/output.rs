//! Where the binary writes a report or a baseline named by `--output` or `--write-baseline`:
//! a file is replaced whole through a temporary file and a rename, keeping the permissions it
//! had; a read-only file is refused, as cargo refuses to overwrite one; a pipe or a device is
//! written in place. Every error names the path.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes to `path`. A pipe or a device (`/dev/null`, `/dev/stdout`, a process substitution) is
/// written in place: the rename that replaces a file would replace it with one.
pub(crate) fn write_output(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let named = |error: io::Error| io::Error::new(error.kind(), format!("{}: {error}", path.display()));
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_file() && metadata.permissions().readonly() => {
            let message = format!("{}: the file is read-only; not replacing it", path.display());
            Err(io::Error::new(io::ErrorKind::PermissionDenied, message))
        }
        Ok(metadata) if metadata.is_file() => {
            write_atomically(path, Some(metadata.permissions()), write).map_err(named)
        }
        Ok(metadata) if !metadata.is_dir() => {
            let mut buffered = io::BufWriter::new(fs::OpenOptions::new().write(true).open(path).map_err(named)?);
            write(&mut buffered).and_then(|()| buffered.flush()).map_err(named)
        }
        _ => write_atomically(path, None, write).map_err(named),
    }
}

/// Writes a file through a temporary file beside it and a rename, so a reader never sees half of
/// it and an interrupted run leaves the old one in place; the new file gets `permissions`.
fn write_atomically(
    path: &Path,
    permissions: Option<fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| io::Error::other("not a file name"))?;
    let temporary = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = fs::File::create(&temporary).and_then(|file| {
        let mut buffered = io::BufWriter::new(file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(io::IntoInnerError::into_error)?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.sync_all()
    });
    match result.and_then(|()| fs::rename(&temporary, path)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// Appends `text` to `path` (GitHub's step summary).
pub(crate) fn append(path: &Path, text: &str) -> io::Result<()> {
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", path.display())))
}
