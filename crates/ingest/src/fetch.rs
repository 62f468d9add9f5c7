//! Fetching one http(s) URL, safely.
//!
//! Owns the HTTP client (blocking `ureq`, rustls), its timeouts, the
//! response size cap, and the address rule: a URL whose host resolves to a
//! loopback, private, link-local, unique-local or otherwise non-public
//! address is refused unless [`FetchOptions::allow_private`] is set. The rule
//! is enforced in the client's resolver, so it holds for every connection,
//! including the ones redirects lead to, and the addresses checked are the
//! addresses connected to (no second lookup a DNS rebind could change).
//!
//! It does not decide what the body is (feed, page): [`crate::read`] does.

use std::io::{self, Read};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::IngestError;

/// How URLs are fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Allow loopback, private, link-local and unique-local addresses.
    pub allow_private: bool,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub timeout: Duration,
    /// Redirects followed at most.
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            allow_private: false,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
        }
    }
}

/// A fetched response body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL finally answered (after redirects).
    pub url: String,
    /// The `Content-Type` without parameters, lower case (`text/html`).
    pub content_type: String,
    pub body: Vec<u8>,
}

/// True for an address that only makes sense inside a host or a private
/// network: loopback, RFC 1918 private, link-local, carrier-grade NAT,
/// unspecified, broadcast, multicast, reserved, IPv6 unique-local and
/// site-local, and IPv4 addresses embedded in IPv6 that are any of these.
pub fn is_non_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xC0) == 64) // 100.64.0.0/10
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0.0/24
        || o[0] >= 240 // reserved
}

fn non_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return non_public_v4(v4);
    }
    // NAT64 (64:ff9b::/96) and the deprecated IPv4-compatible form.
    if (s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0]) || s[0..6] == [0; 6] {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        if !ip.is_loopback() && !ip.is_unspecified() {
            return non_public_v4(v4);
        }
    }
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // fc00::/7 unique-local
        || (s[0] & 0xffc0) == 0xfe80 // fe80::/10 link-local
        || (s[0] & 0xffc0) == 0xfec0 // fec0::/10 site-local
}

/// The host part of an `http(s)` URL, or why it is not one.
fn url_host(url: &str) -> Result<String, IngestError> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| IngestError::BadUrl(format!("{url} is not an http(s) URL")))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let hostport = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(v6) = hostport.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        hostport.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(IngestError::BadUrl(format!("{url} has no host")));
    }
    Ok(host.to_string())
}

/// A blocking HTTP client with the address rule built in.
pub struct Fetcher {
    agent: ureq::Agent,
    refused: Arc<Mutex<Option<(String, String)>>>,
}

impl Fetcher {
    pub fn new(opts: &FetchOptions) -> Fetcher {
        let refused: Arc<Mutex<Option<(String, String)>>> = Arc::default();
        let seen = Arc::clone(&refused);
        let allow_private = opts.allow_private;
        let resolver = move |netloc: &str| -> io::Result<Vec<SocketAddr>> {
            let addrs: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
            if !allow_private {
                if let Some(bad) = addrs.iter().find(|a| is_non_public(a.ip())) {
                    let host = netloc
                        .rsplit_once(':')
                        .map_or(netloc, |(h, _)| h)
                        .trim_matches(['[', ']'])
                        .to_string();
                    if let Ok(mut slot) = seen.lock() {
                        *slot = Some((host, bad.ip().to_string()));
                    }
                    return Err(io::Error::new(
                        io::ErrorKind::PermissionDenied,
                        format!("{} is a private or local address", bad.ip()),
                    ));
                }
            }
            Ok(addrs)
        };
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirects(opts.max_redirects)
            .user_agent(concat!("sitrep/", env!("CARGO_PKG_VERSION")))
            .resolver(resolver)
            .build();
        Fetcher { agent, refused }
    }

    /// GET `url`; the body may be at most `max_bytes` long.
    pub fn get(&self, url: &str, max_bytes: usize) -> Result<Fetched, IngestError> {
        url_host(url)?;
        if let Ok(mut slot) = self.refused.lock() {
            *slot = None;
        }
        let resp = match self.agent.get(url).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(code, r)) => {
                return Err(IngestError::Fetch(format!(
                    "HTTP status {code} from {}",
                    r.get_url()
                )))
            }
            Err(e) => {
                if let Some((host, addr)) = self.refused.lock().ok().and_then(|mut s| s.take()) {
                    return Err(IngestError::PrivateAddress { host, addr });
                }
                return Err(IngestError::Fetch(e.to_string()));
            }
        };
        let final_url = resp.get_url().to_string();
        let content_type = resp.content_type().to_ascii_lowercase();
        let mut body = Vec::new();
        resp.into_reader()
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| IngestError::Fetch(format!("reading the body: {e}")))?;
        if body.len() > max_bytes {
            return Err(IngestError::TooLarge {
                size: body.len() as u64,
                limit: max_bytes,
            });
        }
        Ok(Fetched {
            url: final_url,
            content_type,
            body,
        })
    }
}

/// True when `arg` names an http(s) URL rather than a path.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn non_public_addresses() {
        for a in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(is_non_public(ip(a)), "{a} must be refused");
        }
        for a in [
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2001:4860:4860::8888",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_non_public(ip(a)), "{a} is public");
        }
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(url_host("https://example.org/a?b").unwrap(), "example.org");
        assert_eq!(
            url_host("http://u:p@127.0.0.1:8080/x").unwrap(),
            "127.0.0.1"
        );
        assert_eq!(url_host("http://[::1]:80/").unwrap(), "::1");
        assert!(url_host("ftp://example.org/").is_err());
        assert!(url_host("http:///x").is_err());
        assert!(is_url("HTTPS://example.org"));
        assert!(!is_url("data/http.txt"));
    }

    #[test]
    fn loopback_is_refused_before_connecting() {
        let f = Fetcher::new(&FetchOptions::default());
        for url in [
            "http://127.0.0.1:9/feed.xml",
            "http://[::1]:9/",
            "http://localhost:9/",
        ] {
            match f.get(url, 1000) {
                Err(IngestError::PrivateAddress { addr, .. }) => {
                    assert!(is_non_public(addr.parse().unwrap()), "{url}: {addr}")
                }
                other => panic!("{url}: expected a refusal, got {other:?}"),
            }
        }
    }

    #[test]
    fn loopback_is_fetched_when_allowed() {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            if let Ok((mut s, _)) = listener.accept() {
                let mut buf = [0u8; 2048];
                let _ = s.read(&mut buf);
                let body = "<rss/>";
                let _ = write!(
                    s,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        let f = Fetcher::new(&FetchOptions {
            allow_private: true,
            ..FetchOptions::default()
        });
        let got = f
            .get(&format!("http://127.0.0.1:{port}/f.xml"), 1000)
            .unwrap();
        assert_eq!(got.content_type, "application/rss+xml");
        assert_eq!(got.body, b"<rss/>");
        server.join().unwrap();
    }
}
