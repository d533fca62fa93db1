//! On-the-fly compression of static responses (features `brotli` and `gzip`).
//!
//! Benchmarks measure transfer sizes as a CDN would serve them, so this uses the
//! strongest settings (brotli quality 11, gzip level 9) and caches each result, since
//! the same few files are fetched again and again.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use crate::http::Response;
use crate::mime::is_compressible;

/// A content coding this build can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Encoding {
    #[cfg(feature = "brotli")]
    Brotli,
    #[cfg(feature = "gzip")]
    Gzip,
}

impl Encoding {
    /// In order of preference.
    const ALL: &'static [Encoding] = &[
        #[cfg(feature = "brotli")]
        Encoding::Brotli,
        #[cfg(feature = "gzip")]
        Encoding::Gzip,
    ];

    fn token(self) -> &'static str {
        match self {
            #[cfg(feature = "brotli")]
            Encoding::Brotli => "br",
            #[cfg(feature = "gzip")]
            Encoding::Gzip => "gzip",
        }
    }

    fn encode(self, body: &[u8]) -> io::Result<Vec<u8>> {
        match self {
            #[cfg(feature = "brotli")]
            Encoding::Brotli => {
                let mut writer = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 11, 22);
                writer.write_all(body)?;
                writer.flush()?;
                Ok(writer.into_inner())
            }
            #[cfg(feature = "gzip")]
            Encoding::Gzip => {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                encoder.write_all(body)?;
                encoder.finish()
            }
        }
    }
}

/// Identifies a body in one coding: the coding, a hash of the body and its length.
type Key = (Encoding, u64, usize);

/// Compressed bodies, so each file is compressed once per coding.
#[derive(Debug, Default)]
pub(crate) struct Cache(Mutex<HashMap<Key, Arc<Vec<u8>>>>);

impl Cache {
    fn get_or_encode(&self, encoding: Encoding, body: &[u8]) -> io::Result<Arc<Vec<u8>>> {
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let key = (encoding, hasher.finish(), body.len());
        if let Some(hit) = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(Arc::clone(hit));
        }
        // Encode outside the lock: brotli 11 on a large wasm file takes a while.
        let encoded = Arc::new(encoding.encode(body)?);
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, Arc::clone(&encoded));
        Ok(encoded)
    }
}

/// Compresses a successful response in place when its type is worth it and the
/// client accepts a coding this build has.
pub(crate) fn apply(response: &mut Response, accept_encoding: Option<&str>, cache: &Cache) {
    let compressible = response.header("Content-Type").is_some_and(is_compressible);
    if response.status != 200
        || response.body.is_empty()
        || !compressible
        || response.header("Content-Encoding").is_some()
    {
        return;
    }
    response.set_header("Vary", "Accept-Encoding");
    let Some(encoding) = choose(accept_encoding.unwrap_or_default()) else {
        return;
    };
    if let Ok(encoded) = cache.get_or_encode(encoding, &response.body) {
        response.body.clone_from(encoded.as_ref());
        response.set_header("Content-Encoding", encoding.token());
    }
}

/// Picks the preferred coding that `Accept-Encoding` allows (`q=0` forbids).
fn choose(accept_encoding: &str) -> Option<Encoding> {
    let accepted: Vec<String> = accept_encoding
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let name = parts.next()?.trim().to_ascii_lowercase();
            let refused = parts.any(|param| {
                param
                    .trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (!refused && !name.is_empty()).then_some(name)
        })
        .collect();
    Encoding::ALL
        .iter()
        .copied()
        .find(|encoding| accepted.iter().any(|a| a == encoding.token() || a == "*"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // A panic is how a test reports failure.

    use super::{apply, choose, Cache, Encoding};
    use crate::http::Response;

    fn wasm_response() -> Response {
        let mut response = Response::text(200, &"hello wasm ".repeat(200));
        response.set_header("Content-Type", "application/wasm");
        response
    }

    #[test]
    fn refuses_q_zero() {
        assert_eq!(choose(""), None);
        assert_eq!(choose("identity"), None);
        assert_eq!(choose("br;q=0, gzip;q=0"), None);
    }

    #[cfg(feature = "gzip")]
    #[test]
    fn gzip_round_trips() {
        use std::io::Read;
        assert_eq!(choose("gzip, deflate"), Some(Encoding::Gzip));
        let mut response = wasm_response();
        let original = response.body.clone();
        apply(&mut response, Some("gzip"), &Cache::default());
        assert_eq!(response.header("Content-Encoding"), Some("gzip"));
        assert!(response.body.len() < original.len());
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&response.body[..])
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, original);
    }

    #[cfg(feature = "brotli")]
    #[test]
    fn brotli_is_preferred_and_round_trips() {
        use std::io::Read;
        assert_eq!(choose("gzip, deflate, br, zstd"), Some(Encoding::Brotli));
        let mut response = wasm_response();
        let original = response.body.clone();
        let cache = Cache::default();
        apply(&mut response, Some("br"), &cache);
        assert_eq!(response.header("Content-Encoding"), Some("br"));
        let mut decoded = Vec::new();
        brotli::Decompressor::new(&response.body[..], 4096)
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, original);
    }

    #[test]
    fn leaves_images_and_errors_alone() {
        let mut png = Response::text(200, "not really a png");
        png.set_header("Content-Type", "image/png");
        apply(&mut png, Some("gzip, br"), &Cache::default());
        assert_eq!(png.header("Content-Encoding"), None);
        let mut missing = Response::text(404, "404 Not Found\n");
        apply(&mut missing, Some("gzip, br"), &Cache::default());
        assert_eq!(missing.header("Content-Encoding"), None);
    }
}
