//! HTTPS with HTTP/2 in front of the devserver, so the bench's browser loads
//! pages as it would from a partner's site or a CDN.
//!
//! The devserver speaks HTTP/1.1 only, and over HTTP/1.1 Chromium opens at
//! most six connections to one origin: a page of 20 widgets then requests its
//! 20 articles in rounds, one emulated round trip (150 ms on the mobile
//! profile) per round. Every news site and CDN serves HTTPS with HTTP/2 or
//! newer, where all of a page's requests share one connection and go out at
//! once; browsers only speak HTTP/2 over TLS. This front accepts TLS with
//! ALPN `h2` on loopback and forwards every request to the devserver, whose
//! compression, MIME types, caching headers and request log stay as they are.
//!
//! The certificate is made per run (`rcgen`) and trusted by passing the hash
//! of its public key to Chromium (`--ignore-certificate-errors-spki-list`):
//! the browser then sees a valid certificate, so the HTTP cache works as on a
//! real site (Chromium does not cache responses of a page whose certificate
//! error was merely ignored).

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use anyhow::{Context as _, Result};
use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::header::HOST;
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

/// Headers that describe one HTTP/1.1 connection and are not allowed in HTTP/2.
const HOP_BY_HOP: [&str; 5] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
];

type Backend = Client<HttpConnector, Full<Bytes>>;

/// The running front. Stops when dropped.
#[derive(Debug)]
pub struct Front {
    addr: SocketAddr,
    spki: String,
    task: JoinHandle<()>,
}

impl Front {
    /// Listens on a free loopback port and forwards to `backend` (the devserver).
    ///
    /// # Errors
    ///
    /// When the certificate cannot be made or the port cannot be bound.
    pub async fn start(backend: SocketAddr) -> Result<Self> {
        let (acceptor, spki) = tls().context("making the bench's TLS certificate")?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .context("binding the HTTPS front")?;
        let addr = listener.local_addr()?;
        let client: Backend = Client::builder(TokioExecutor::new()).build_http();
        let task = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    // E.g. out of file descriptors: wait instead of spinning.
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    continue;
                };
                let _ = tcp.set_nodelay(true);
                let acceptor = acceptor.clone();
                let client = client.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let service = hyper::service::service_fn(move |request| {
                        forward(client.clone(), backend, request)
                    });
                    let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        Ok(Self { addr, spki, task })
    }

    /// The origin, e.g. `https://127.0.0.1:41234` (no trailing slash).
    pub fn origin(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// The Chromium flag that makes it trust this front's certificate.
    pub fn chromium_flag(&self) -> String {
        format!("--ignore-certificate-errors-spki-list={}", self.spki)
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A fresh self-signed certificate for 127.0.0.1 and the base64 SHA-256 of
/// its public key (`SubjectPublicKeyInfo`), as Chromium's flag takes it.
fn tls() -> Result<(TlsAcceptor, String)> {
    let key = rcgen::KeyPair::generate()?;
    let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()])?;
    params
        .subject_alt_names
        .push(rcgen::SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    let cert = params.self_signed(&key)?;
    let spki = base64(ring::digest::digest(&ring::digest::SHA256, &key.public_key_der()).as_ref());
    let der = rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], der)?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok((TlsAcceptor::from(Arc::new(config)), spki))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One request, passed to the devserver and its answer passed back.
async fn forward(
    client: Backend,
    backend: SocketAddr,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    Ok(relay(&client, backend, request).await.unwrap_or_else(|e| {
        let mut response =
            Response::new(Full::new(Bytes::from(format!("502 bench front: {e:#}\n"))));
        *response.status_mut() = StatusCode::BAD_GATEWAY;
        response
    }))
}

async fn relay(
    client: &Backend,
    backend: SocketAddr,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await?.to_bytes();
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut out = Request::builder()
        .method(parts.method)
        .uri(format!("http://{backend}{target}"));
    for (name, value) in &parts.headers {
        if name != HOST {
            out = out.header(name, value);
        }
    }
    let response = client.request(out.body(Full::new(body))?).await?;
    let (mut parts, body) = response.into_parts();
    let body = body.collect().await?.to_bytes();
    for name in HOP_BY_HOP {
        parts.headers.remove(name);
    }
    Ok(Response::from_parts(parts, Full::new(body)))
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_the_standard_examples() {
        // RFC 4648, section 10.
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
    }
}
