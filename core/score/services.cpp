#include "core/score/services.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/config/config.hpp"

namespace agentlens::core {
namespace {

std::string dirOf(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string baseName(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool isManifest(const std::string& path) {
  std::string b = baseName(path);
  return b == "package.json" || b == "pyproject.toml" || b == "go.mod" ||
         (b.starts_with("requirements") && b.ends_with(".txt"));
}

bool under(const std::string& path, const std::string& root) {
  return root.empty() || path.starts_with(root + "/");
}

/// The deepest root in `roots` that contains `path`, or nullptr.
const std::string* owner(const std::string& path, const std::vector<std::string>& roots) {
  const std::string* best = nullptr;
  for (const auto& r : roots)
    if (under(path, r) && (!best || r.size() > best->size())) best = &r;
  return best;
}

/// Whether `path` (a file) lies in a folder the options exclude.
bool excluded(const std::string& path, const ServiceOptions& opts) {
  if (opts.exclude.empty()) return false;
  for (std::string dir = dirOf(path);; dir = dirOf(dir)) {
    std::string rel = opts.excludePrefix.empty() ? dir : dir.empty() ? opts.excludePrefix : opts.excludePrefix + "/" + dir;
    if (!rel.empty())
      for (const auto& g : opts.exclude)
        if (configGlobMatch(g, rel)) return true;
    if (dir.empty()) return false;
  }
}

std::vector<ServiceRoot> declaredServices(const std::vector<FileResult>& files, const ServiceOptions& opts) {
  std::vector<ServiceRoot> out;
  for (const auto& d : opts.declared) {
    bool any = std::any_of(files.begin(), files.end(), [&](const FileResult& f) { return under(f.path, d.root); });
    if (!any) continue;
    ServiceRoot s = d;
    if (s.name.empty()) s.name = s.root.empty() ? "(root)" : baseName(s.root);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.root < b.root; });
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.root == b.root; }),
            out.end());
  return out;
}

}  // namespace

std::string_view unitKindName(UnitKind k) {
  switch (k) {
    case UnitKind::Service: return "service";
    case UnitKind::Frontend: return "frontend";
    case UnitKind::Library: return "library";
  }
  return "service";
}

std::optional<UnitKind> parseUnitKind(std::string_view s) {
  for (UnitKind k : {UnitKind::Service, UnitKind::Frontend, UnitKind::Library})
    if (s == unitKindName(k)) return k;
  return std::nullopt;
}

std::vector<ServiceRoot> findServices(const std::vector<FileResult>& files, const ServiceOptions& opts) {
  if (!opts.declared.empty()) return declaredServices(files, opts);
  std::vector<std::string> manifests;
  for (const auto& f : files)
    if (isManifest(f.path) && f.path.find("node_modules/") == std::string::npos && !excluded(f.path, opts))
      manifests.push_back(dirOf(f.path));
  std::sort(manifests.begin(), manifests.end());
  manifests.erase(std::unique(manifests.begin(), manifests.end()), manifests.end());
  // What each manifest folder holds (its own files: the deepest manifest above them).
  struct Holds {
    bool server = false;
    std::size_t browser = 0, code = 0;
  };
  std::map<std::string, Holds> holds;
  for (const auto& f : files) {
    if (excluded(f.path, opts)) continue;
    const std::string* o = owner(f.path, manifests);
    if (!o) continue;
    Holds& h = holds[*o];
    if (f.facts.role == FileRole::Server) h.server = true;
    else if (f.facts.role == FileRole::Frontend) ++h.browser;
    else if (f.facts.role == FileRole::Library && hasGrammar(f.lang)) ++h.code;
  }
  std::vector<ServiceRoot> out;
  for (const auto& [root, h] : holds)
    if (h.server) out.push_back({root, root.empty() ? "(root)" : baseName(root), UnitKind::Service});
  if (out.empty()) return out;
  // Beside a service: the frontends and libraries, scored for what applies to them. The root's
  // manifest without a server is the monorepo's own: its files stay shared.
  for (const auto& [root, h] : holds) {
    if (root.empty() || h.server || (!h.browser && !h.code)) continue;
    UnitKind kind = h.browser >= h.code ? UnitKind::Frontend : UnitKind::Library;
    out.push_back({root, root.empty() ? "(root)" : baseName(root), kind});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.root < b.root; });
  return out;
}

Membership membershipOf(const std::string& path, const std::vector<ServiceRoot>& all, const ServiceOptions& opts) {
  Membership m;
  if (excluded(path, opts)) {
    m.excluded = true;
    return m;
  }
  for (const auto& s : all)
    if (under(path, s.root) && (!m.owner || s.root.size() > m.owner->root.size())) m.owner = &s;
  return m;
}

std::vector<FileResult> filesOfService(const std::vector<FileResult>& files, const std::vector<ServiceRoot>& all,
                                       const ServiceRoot& service, const ServiceOptions& opts) {
  std::vector<FileResult> out;
  for (const auto& f : files) {
    Membership m = membershipOf(f.path, all, opts);
    if (!m.excluded && (!m.owner || m.owner->root == service.root)) out.push_back(f);
  }
  return out;
}

}  // namespace agentlens::core
