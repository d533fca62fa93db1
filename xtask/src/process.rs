//! Running child processes: the repository root as working directory, `PATH` with
//! the project's tools first, and errors that name the command that failed.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where commands run and what they find on `PATH`.
#[derive(Debug, Clone)]
pub struct Env {
    root: PathBuf,
    path: OsString,
}

impl Env {
    /// The environment for this checkout: the repository root is the parent of the
    /// xtask crate, and `PATH` gets `.tools/binaryen/node_modules/.bin` and
    /// `~/.cargo/bin` in front.
    ///
    /// # Errors
    ///
    /// When the new `PATH` cannot be formed (a directory holding `:`).
    pub fn new() -> Result<Self, String> {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf();
        let mut front = vec![root.join(".tools/binaryen/node_modules/.bin")];
        front.extend(cargo_bin_dir());
        let inherited = env::var_os("PATH").unwrap_or_default();
        let path = env::join_paths(front.into_iter().chain(env::split_paths(&inherited)))
            .map_err(|e| format!("cannot build PATH: {e}"))?;
        Ok(Self { root, path })
    }

    /// The repository root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The release bundle directory, `dist/` in the repository root.
    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// A command that runs in the repository root with the project's `PATH`.
    ///
    /// Cargo's per-package variables from `cargo run` (such as
    /// `CARGO_MANIFEST_DIR`) describe xtask, not what the child builds, so they are
    /// removed.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", &self.path);
        for (key, _) in env::vars_os() {
            let key_text = key.to_string_lossy();
            let describes_xtask = key_text.starts_with("CARGO_PKG_")
                || matches!(
                    key_text.as_ref(),
                    "CARGO_MANIFEST_DIR"
                        | "CARGO_MANIFEST_PATH"
                        | "CARGO_CRATE_NAME"
                        | "CARGO_BIN_NAME"
                        | "CARGO_PRIMARY_PACKAGE"
                );
            if describes_xtask {
                command.env_remove(&key);
            }
        }
        command
    }
}

/// `$CARGO_HOME/bin`, or `~/.cargo/bin`, where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin"))
}

/// The command line as a person would type it, for messages.
pub fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| {
            let text = part.to_string_lossy();
            if text.is_empty() || text.contains(' ') {
                format!("'{text}'")
            } else {
                text.into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a command with inherited output and waits for it.
///
/// # Errors
///
/// A message naming the command when it cannot start or exits unsuccessfully.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// The trimmed standard output of a command that succeeded, or `None` when it could
/// not start or failed. Its standard error is discarded: this is for probes such as
/// `tool --version`.
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::{describe, probe, Env};
    use std::process::Command;

    #[test]
    fn describes_commands_readably() {
        let mut command = Command::new("cargo");
        command.args(["test", "--", "a b", ""]);
        assert_eq!(describe(&command), "cargo test -- 'a b' ''");
    }

    #[test]
    fn commands_run_in_the_root_with_tools_on_path() {
        let Ok(env) = Env::new() else {
            panic!("Env::new failed");
        };
        assert!(env.root().join("xtask/Cargo.toml").is_file());
        let path = probe(env.command("sh").args(["-c", "echo $PATH"])).unwrap_or_default();
        assert!(
            path.starts_with(
                &env.root()
                    .join(".tools/binaryen/node_modules/.bin")
                    .display()
                    .to_string()
            ),
            "{path}"
        );
        assert!(
            path.contains(".cargo/bin") || std::env::var_os("CARGO_HOME").is_some(),
            "{path}"
        );
        let pwd = probe(&mut env.command("pwd")).unwrap_or_default();
        assert_eq!(
            std::path::Path::new(&pwd).canonicalize().ok(),
            env.root().canonicalize().ok()
        );
        assert_eq!(probe(&mut env.command("false")), None);
        assert_eq!(probe(&mut env.command("no-such-program-xtask")), None);
    }
}
