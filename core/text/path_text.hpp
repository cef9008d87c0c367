// Small string and path helpers shared by the facts builder and the workspace index: ASCII
// lower-casing, the last path segment, and joining a route prefix with a path.
#pragma once
#include <string>
#include <string_view>

namespace agentlens::core::text {

/// ASCII lower case (identifiers, file names, HTTP methods; not locale-aware on purpose).
inline std::string asciiLower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  return o;
}

/// "a/b/c.py" -> "c.py"; a path without '/' is its own base name.
inline std::string_view baseName(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// Route prefix + path with exactly one '/' between them: ("/v1/", "/users") -> "/v1/users";
/// an empty or "/" prefix leaves the path as it is, an empty or "/" path gives the prefix.
inline std::string joinUrlPath(std::string_view prefix, std::string_view path) {
  if (prefix.empty() || prefix == "/") return std::string(path);
  std::string p(prefix);
  if (p.back() == '/') p.pop_back();
  if (path.empty() || path == "/") return p;
  if (path.front() != '/') p += '/';
  p += path;
  return p;
}

}  // namespace agentlens::core::text
