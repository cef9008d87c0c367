#include "rules/common/urls.hpp"

#include <algorithm>
#include <cctype>

namespace agentlens::rules {

namespace {
std::string lowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

UrlParts parseUrl(std::string_view v) {
  UrlParts u;
  auto sep = v.find("://");
  std::string_view rest = v;
  if (sep != std::string_view::npos) {
    u.scheme = lowerCopy(v.substr(0, sep));
    rest = v.substr(sep + 3);
  }
  auto q = rest.find_first_of("?#");
  if (q != std::string_view::npos) {
    u.hasQuery = true;
    rest = rest.substr(0, q);
  }
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) u.path = std::string(rest.substr(slash));
  auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    u.userinfo = std::string(authority.substr(0, at));
    authority = authority.substr(at + 1);
  }
  if (!authority.empty() && authority.front() == '[') {  // [::1]:5432
    auto close = authority.find(']');
    u.host = std::string(authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1));
    if (close != std::string_view::npos && close + 1 < authority.size() && authority[close + 1] == ':')
      u.port = std::string(authority.substr(close + 2));
  } else {
    auto colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) u.port = std::string(authority.substr(colon + 1));
  }
  u.host = lowerCopy(u.host);
  return u;
}

bool isLocalOrIp(std::string_view host) {
  if (host.empty() || host == "localhost" || host.starts_with("[")) return true;
  return std::all_of(host.begin(), host.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

bool isLoopback(std::string_view host) {
  return host == "localhost" || host.starts_with("127.") || host == "[::1]" || host == "::1" || host == "0.0.0.0" ||
         host.ends_with(".localhost");
}

bool isPrivateIp(std::string_view host) {
  if (host.starts_with("10.") || host.starts_with("192.168.")) return true;
  if (host.starts_with("172.")) {
    int second = 0;
    for (std::size_t i = 4; i < host.size() && std::isdigit(static_cast<unsigned char>(host[i])); ++i)
      second = second * 10 + (host[i] - '0');
    return second >= 16 && second <= 31;
  }
  return false;
}

bool isClusterInternal(std::string_view host) {
  if (host.empty() || isLocalOrIp(host)) return false;
  if (host.find('.') == std::string_view::npos) return true;
  for (auto suffix : {".internal", ".local", ".svc", ".cluster.local", ".lan", ".corp", ".intra"})
    if (host.ends_with(suffix)) return true;
  return host.find(".internal.") != std::string_view::npos || host.find(".svc.") != std::string_view::npos;
}

bool isPlaceholderHost(std::string_view host) {
  for (auto h : {"example.com", "example.org", "example.net", "host", "hostname", "your-host", "yourhost", "<host>",
                 "server", "your-domain.com", "domain.com", "myhost"})
    if (host == h) return true;
  // `your-app-url`, `your_domain.com`: a value the reader is told to replace.
  if (host.starts_with("your-") || host.starts_with("your_") || host.starts_with("your.")) return true;
  return host.ends_with(".example.com") || host.ends_with(".example") || host.ends_with(".invalid") ||
         host.ends_with(".test") || host.find('<') != std::string_view::npos || host.find('{') != std::string_view::npos;
}

}  // namespace agentlens::rules
