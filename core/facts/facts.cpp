#include "core/facts/facts.hpp"

#include <algorithm>
#include <array>

namespace agentlens::core {

std::string_view fileRoleName(FileRole r) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "server", "test", "script", "config", "migration", "frontend", "generated", "infra", "library"};
  return kNames[static_cast<std::size_t>(r)];
}

std::string_view authStatusName(AuthStatus a) {
  switch (a) {
    case AuthStatus::Explicit: return "explicit";
    case AuthStatus::Inherited: return "inherited";
    case AuthStatus::None: return "none";
    case AuthStatus::Unknown: return "unknown";
  }
  return "unknown";
}

const Route* Facts::routeAt(std::uint32_t byte) const {
  const Route* best = nullptr;
  for (const auto& r : routes)
    if (r.handlerStart <= byte && byte < r.handlerEnd &&
        (!best || r.handlerEnd - r.handlerStart < best->handlerEnd - best->handlerStart))
      best = &r;
  return best;
}

bool Facts::inHandler(std::uint32_t byte) const {
  if (routeAt(byte)) return true;
  return std::any_of(handlerSpans.begin(), handlerSpans.end(),
                     [&](const HandlerSpan& h) { return h.start <= byte && byte < h.end; });
}

std::vector<const Route*> Facts::healthRoutes() const {
  std::vector<const Route*> out;
  for (const auto& r : routes)
    if (isHealthPath(r.path)) out.push_back(&r);
  return out;
}

namespace {
std::string normalizedHealthPath(std::string_view path) {
  std::string p;
  for (char c : path) p += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  if (auto sp = p.find(' '); sp != std::string::npos) p = p.substr(sp + 1);  // "GET /health"
  if (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.starts_with("/api/")) p = p.substr(4);
  return p;
}
}  // namespace

bool isHealthPath(std::string_view path) {
  auto p = normalizedHealthPath(path);
  for (auto h : {"/health", "/healthz", "/live", "/livez", "/ready", "/readyz", "/ping", "/status", "/_health"})
    if (p == h) return true;
  return false;
}

bool isReadinessPath(std::string_view path) {
  auto p = normalizedHealthPath(path);
  return p == "/ready" || p == "/readyz";
}

bool Facts::imports_(std::string_view module) const {
  return std::any_of(imports.begin(), imports.end(), [&](const Import& i) { return i.module == module; });
}

bool Facts::usesFramework(std::string_view name) const {
  return std::find(frameworks.begin(), frameworks.end(), name) != frameworks.end();
}

namespace {
bool hasSegment(std::string_view path, std::string_view seg) {
  // seg matches a whole directory component anywhere in the path.
  std::size_t pos = 0;
  while (pos <= path.size()) {
    auto next = path.find('/', pos);
    auto comp = path.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (comp == seg && next != std::string_view::npos) return true;
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return false;
}
bool endsWith(std::string_view s, std::string_view t) {
  return s.size() >= t.size() && s.substr(s.size() - t.size()) == t;
}
}  // namespace

FileRole roleFromPath(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);

  for (auto seg : {"node_modules", "vendor", "third_party", "dist", "build", ".venv", "venv",
                   "site-packages", "__generated__", "generated"})
    if (hasSegment(path, seg)) return FileRole::Generated;
  if (endsWith(name, ".min.js") || endsWith(name, ".pb.go") || endsWith(name, "_pb2.py") ||
      endsWith(name, ".gen.go") || endsWith(name, ".generated.ts"))
    return FileRole::Generated;

  for (auto seg : {"tests", "test", "__tests__", "testing", "e2e", "cypress", "playwright", "fixtures",
                   "testdata", "spec"})
    if (hasSegment(path, seg)) return FileRole::Test;
  if (endsWith(name, "_test.go") || endsWith(name, "_test.py") ||
      (name.starts_with("test_") && endsWith(name, ".py")) || name == "conftest.py")
    return FileRole::Test;
  for (auto mid : {".test.", ".spec."})
    if (name.find(mid) != std::string_view::npos) return FileRole::Test;

  for (auto seg : {"migrations", "migration", "alembic", "migrate"})
    if (hasSegment(path, seg)) return FileRole::Migration;
  for (auto seg : {"scripts", "script", "bin", "tools"})
    if (hasSegment(path, seg)) return FileRole::Script;
  if (name == "manage.py" || name == "setup.py" || name == "noxfile.py" || name == "fabfile.py")
    return FileRole::Script;
  return FileRole::Library;
}

}  // namespace agentlens::core
