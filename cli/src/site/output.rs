//! Writing a site's files incrementally: a file is written only when its
//! bytes change (through a temporary file and a rename, so a server or a
//! sync to a CDN never reads half a file), and what the last build knew
//! about each article is kept in [`STATE_FILE`] so an unchanged article is
//! not rendered again.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::feeds::Entry;

/// The build's memory, in the output's root (not meant to be served; a
/// host may ignore dot files).
pub const STATE_FILE: &str = ".article-widget-site.json";

/// What the last build knew.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Hash of everything every page depends on (tool version, stylesheet,
    /// config, options): when it changes, every article is rendered again.
    pub inputs: String,
    /// Per article (by slug): the hash of its source file and its entry.
    pub articles: BTreeMap<String, Known>,
    /// The files of the publication's reader, so that a file the next
    /// reader no longer has (an old hashed name) is removed.
    #[serde(default)]
    pub reader: Vec<String>,
}

/// One article as the last build saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// Hash of the source file's bytes.
    pub source: String,
    /// What the lists need of it.
    pub entry: Entry,
}

/// The output directory and counts of what a build did to it.
#[derive(Debug)]
pub struct Output {
    root: PathBuf,
    /// Files written (new or changed).
    pub written: usize,
    /// Files whose bytes were already right.
    pub unchanged: usize,
    /// Files removed (articles gone).
    pub removed: usize,
}

impl Output {
    /// Writes into `root` (created if missing).
    ///
    /// # Errors
    ///
    /// When `root` cannot be created.
    pub fn new(root: &Path) -> io::Result<Self> {
        fs::create_dir_all(root)?;
        Ok(Self {
            root: root.to_path_buf(),
            written: 0,
            unchanged: 0,
            removed: 0,
        })
    }

    /// The output's root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The state the last build left, or an empty one.
    pub fn state(&self) -> State {
        fs::read(self.root.join(STATE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Keeps `state` for the next build.
    ///
    /// # Errors
    ///
    /// When it cannot be written.
    pub fn save_state(&mut self, state: &State) -> io::Result<()> {
        let bytes = serde_json::to_vec(state).map_err(io::Error::other)?;
        self.put(STATE_FILE, &bytes)
    }

    /// Whether `rel` exists in the output.
    pub fn exists(&self, rel: &str) -> bool {
        self.root.join(rel).is_file()
    }

    /// Writes `bytes` at `rel` (a `/`-separated path inside the output)
    /// unless the file already holds them.
    ///
    /// # Errors
    ///
    /// When the file cannot be written.
    pub fn put(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.root.join(rel);
        if fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64)
            && fs::read(&path).is_ok_and(|old| old == bytes)
        {
            self.unchanged += 1;
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut tmp = path.clone().into_os_string();
        tmp.push(".tmp");
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, &path)?;
        self.written += 1;
        Ok(())
    }

    /// Removes `rel` if it exists.
    ///
    /// # Errors
    ///
    /// When it exists and cannot be removed.
    pub fn remove(&mut self, rel: &str) -> io::Result<()> {
        match fs::remove_file(self.root.join(rel)) {
            Ok(()) => {
                self.removed += 1;
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Copies the directory `from` to `rel` in the output, file by file
    /// through [`Output::put`] (so unchanged files are left alone), leaving
    /// out dot files and the files whose name `wanted` refuses. Returns the
    /// paths copied.
    ///
    /// # Errors
    ///
    /// When a file cannot be read or written.
    pub fn copy_dir(
        &mut self,
        from: &Path,
        rel: &str,
        wanted: &dyn Fn(&str) -> bool,
    ) -> io::Result<Vec<String>> {
        let mut copied = Vec::new();
        let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            if name.starts_with('.') || !wanted(name) {
                continue;
            }
            let target = if rel.is_empty() {
                name.to_owned()
            } else {
                format!("{rel}/{name}")
            };
            if entry.file_type()?.is_dir() {
                copied.extend(self.copy_dir(&entry.path(), &target, wanted)?);
            } else {
                self.put(&target, &fs::read(entry.path())?)?;
                copied.push(target);
            }
        }
        Ok(copied)
    }
}

#[cfg(test)]
mod tests {
    use super::Output;

    #[test]
    fn only_changed_bytes_are_written() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("temp dir");
        };
        let Ok(mut out) = Output::new(dir.path()) else {
            panic!("output");
        };
        let ok = out.put("a/b.txt", b"one").is_ok()
            && out.put("a/b.txt", b"one").is_ok()
            && out.put("a/b.txt", b"two").is_ok();
        assert!(ok);
        assert_eq!((out.written, out.unchanged), (2, 1));
        assert!(out.remove("a/b.txt").is_ok() && out.remove("a/b.txt").is_ok());
        assert_eq!(out.removed, 1);
        assert!(!out.exists("a/b.txt"));
    }
}
