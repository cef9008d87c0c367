// URL and host helpers shared by the configuration rules and the externalize fix: splitting a
// URL-ish literal into parts and classifying its host (local, private, cluster-internal, public).
#pragma once
#include <string>
#include <string_view>

namespace agentlens::rules {

struct UrlParts {
  std::string scheme;    ///< lower case; "" when the value has none
  std::string userinfo;  ///< before '@' ("user:password")
  std::string host;      ///< lower case
  std::string port;
  std::string path;      ///< from the first '/' after the authority, without query/fragment
  bool hasQuery = false;
};

/// Splits `scheme://userinfo@host:port/path?query` (every part optional).
UrlParts parseUrl(std::string_view v);

/// localhost, loopback, 0.0.0.0, IPv6 literals and numeric IPv4 addresses (any, not only private).
bool isLocalOrIp(std::string_view host);
/// localhost, 127.x, ::1, 0.0.0.0: the machine itself.
bool isLoopback(std::string_view host);
/// 10/8, 172.16/12, 192.168/16.
bool isPrivateIp(std::string_view host);
/// Single-label names (docker-compose services) and *.internal / *.local / *.svc / *.cluster.local.
bool isClusterInternal(std::string_view host);
/// example.com/.org/.net, `host`, `hostname`, `your-host`, `<host>`: documentation placeholders.
bool isPlaceholderHost(std::string_view host);

}  // namespace agentlens::rules
