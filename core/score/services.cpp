#include "core/score/services.hpp"

#include <algorithm>
#include <set>

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

}  // namespace

std::vector<ServiceRoot> findServices(const std::vector<FileResult>& files) {
  std::vector<std::string> manifests;
  for (const auto& f : files)
    if (isManifest(f.path) && f.path.find("node_modules/") == std::string::npos) manifests.push_back(dirOf(f.path));
  std::sort(manifests.begin(), manifests.end());
  manifests.erase(std::unique(manifests.begin(), manifests.end()), manifests.end());
  std::set<std::string> withServer;
  for (const auto& f : files) {
    if (f.facts.role != FileRole::Server) continue;
    if (const std::string* o = owner(f.path, manifests)) withServer.insert(*o);
  }
  std::vector<ServiceRoot> out;
  for (const auto& r : withServer) out.push_back({r, r.empty() ? "(root)" : baseName(r)});
  return out;
}

std::vector<FileResult> filesOfService(const std::vector<FileResult>& files, const std::vector<ServiceRoot>& all,
                                       const ServiceRoot& service) {
  std::vector<std::string> roots;
  for (const auto& s : all) roots.push_back(s.root);
  std::vector<FileResult> out;
  for (const auto& f : files) {
    const std::string* o = owner(f.path, roots);
    if (!o || *o == service.root) out.push_back(f);
  }
  return out;
}

}  // namespace agentlens::core
