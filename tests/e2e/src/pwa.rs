//! Harness for `tests/pwa.rs`: serving a copy of a build on a fixed port, the
//! Cache API and service-worker state seen from the page, installability, PNG sizes.

// Everything the harness root defines (helpers, imports) is shared here.
#[allow(clippy::wildcard_imports)]
use super::*;

/// Copies the directory tree `from` into `to` (created if missing).
///
/// # Errors
///
/// When a file or directory cannot be read or written.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Serves `dir` (SPA fallback on) on `127.0.0.1:port` (`0` picks a free one).
/// Binding is retried for a few seconds, because a port just released by a
/// stopped server may still be settling.
///
/// # Errors
///
/// When the port cannot be bound within that time.
pub async fn serve_dir_on_port(dir: &Path, port: u16) -> Result<ServerHandle> {
    let dir = dir.to_path_buf();
    wait_until(
        &format!("serving {} on port {port}", dir.display()),
        DEFAULT_TIMEOUT,
        || {
            let dir = dir.clone();
            async move {
                Ok(devserver::Server::builder()
                    .root(dir)
                    .spa_fallback(true)
                    .port(port)
                    .start()
                    .ok())
            }
        },
    )
    .await
}

/// Width and height of the PNG file at `path`, from its `IHDR` header.
///
/// # Errors
///
/// When the file cannot be read or is not a PNG.
pub fn png_dimensions(path: &Path) -> Result<(u32, u32)> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    png_size(&bytes).with_context(|| format!("{} is not a PNG", path.display()))
}

/// The page origin's Cache API cache names (`caches.keys()`).
///
/// # Errors
///
/// When the script fails or returns something else than a list of strings.
pub async fn cache_names(driver: &WebDriver) -> Result<Vec<String>> {
    let value = eval_async(
        driver,
        "const done = arguments[arguments.length - 1];
         caches.keys().then(done, (e) => done({error: String(e)}));",
    )
    .await?;
    serde_json::from_value(value.clone()).with_context(|| format!("caches.keys() gave {value}"))
}

/// The request URLs held by cache `name` (empty when it does not exist).
///
/// # Errors
///
/// When the script fails.
pub async fn cache_urls(driver: &WebDriver, name: &str) -> Result<Vec<String>> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         caches.has({name}).then((has) => has
             ? caches.open({name}).then((c) => c.keys()).then((ks) => done(ks.map((k) => k.url)))
             : done([]), (e) => done({{error: String(e)}}));",
        name = Value::from(name)
    );
    let value = eval_async(driver, &script).await?;
    serde_json::from_value(value.clone()).with_context(|| format!("cache {name} gave {value}"))
}

/// Waits until a service worker controls the page.
///
/// # Errors
///
/// On timeout.
pub async fn wait_for_sw_control(driver: &WebDriver) -> Result<()> {
    wait_until(
        "a service worker to control the page",
        DEFAULT_TIMEOUT,
        || async {
            let controlled = eval(
                driver,
                "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);",
            )
            .await?;
            Ok(controlled.as_bool().unwrap_or(false).then_some(()))
        },
    )
    .await
}

/// Chromium's installability errors for the current page
/// (`Page.getInstallabilityErrors`), each as `errorId` plus arguments.
///
/// # Errors
///
/// When the `DevTools` command fails.
pub async fn installability_errors(driver: &WebDriver) -> Result<Vec<Value>> {
    let result = cdp(driver, "Page.getInstallabilityErrors", json!({})).await?;
    Ok(result["installabilityErrors"]
        .as_array()
        .cloned()
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_size_reads_ihdr() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&390u32.to_be_bytes());
        png.extend_from_slice(&844u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((390, 844)));
        assert_eq!(png_size(b"GIF89a"), None);
    }

    #[test]
    fn normalizes_space() {
        assert_eq!(normalize_space("  a \n\t b  "), "a b");
    }

    #[test]
    fn site_urls_have_one_slash() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let server = devserver::Server::builder().root(dir.path()).start()?;
        let site = Site { server };
        assert_eq!(site.url("/a?b=1"), format!("{}/a?b=1", site.origin()));
        assert_eq!(site.url("a"), format!("{}/a", site.origin()));
        Ok(())
    }
}
