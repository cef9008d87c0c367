// What every tool shares: argument reading, the workspace root and its path checks, the scan,
// and the compact finding shape.
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "mcp/tools.hpp"

namespace agentlens::mcp {
namespace {

namespace fs = std::filesystem;

bool within(const fs::path& base, const fs::path& p) {
  auto [a, b] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
  return a == base.end();
}

std::string field(const char* key) { return std::string("arguments.") + key; }

}  // namespace

Args::Args(const json& args, std::initializer_list<std::string_view> known) : args_(args) {
  for (const auto& [key, value] : args.items()) {
    bool ok = false;
    for (auto k : known) ok = ok || k == key;
    if (!ok) throw InvalidParams("arguments." + key + ": unknown argument");
  }
}

std::optional<std::string> Args::string(const char* key) const {
  if (!args_.contains(key) || args_[key].is_null()) return std::nullopt;
  if (!args_[key].is_string()) throw InvalidParams(field(key) + ": expected a string");
  return args_[key].get<std::string>();
}

std::optional<std::vector<std::string>> Args::strings(const char* key) const {
  if (!args_.contains(key) || args_[key].is_null()) return std::nullopt;
  const json& v = args_[key];
  if (!v.is_array()) throw InvalidParams(field(key) + ": expected an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) throw InvalidParams(field(key) + "[" + std::to_string(i) + "]: expected a string");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

std::optional<std::int64_t> Args::integer(const char* key, std::int64_t min, std::int64_t max) const {
  if (!args_.contains(key) || args_[key].is_null()) return std::nullopt;
  const json& v = args_[key];
  if (!v.is_number_integer()) throw InvalidParams(field(key) + ": expected an integer");
  auto n = v.get<std::int64_t>();
  if (n < min || n > max)
    throw InvalidParams(field(key) + ": expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

bool Args::boolean(const char* key) const {
  if (!args_.contains(key) || args_[key].is_null()) return false;
  if (!args_[key].is_boolean()) throw InvalidParams(field(key) + ": expected true or false");
  return args_[key].get<bool>();
}

Workspace::Workspace(const ServerOptions& opts) : opts_(opts) {
  std::error_code ec;
  fs::path root = opts.root.empty() ? fs::current_path(ec) : fs::path(opts.root);
  auto canon = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canon, ec)) throw ToolError("workspace root " + root.string() + " is not a directory");
  root_ = canon.string();
}

std::string Workspace::resolve(const std::string& path, bool mustExist) const {
  if (path.find('\0') != std::string::npos) throw ToolError("path contains a NUL byte");
  fs::path p = path.empty() ? fs::path(".") : fs::path(path);
  if (p.is_relative()) p = fs::path(root_) / p;
  std::error_code ec;
  // Symlinks are resolved before the check: a link inside the root pointing out is outside.
  fs::path canon = fs::weakly_canonical(p.lexically_normal(), ec);
  if (ec || !within(fs::path(root_), canon))
    throw ToolError("path '" + path + "' is outside the workspace root " + root_);
  if (mustExist && !fs::exists(canon, ec)) throw ToolError("path '" + path + "': no such file or directory");
  return canon.string();
}

std::string Workspace::relative(const std::string& abs) const {
  std::error_code ec;
  auto rel = fs::path(abs).lexically_relative(root_).generic_string();
  return rel == "." ? "" : rel;
}

project::ScanSettings Workspace::settings() const {
  project::ScanSettings s;
  s.threads = opts_.threads;
  s.noCache = opts_.noCache;
  return s;
}

project::ProjectScan Workspace::scan(const std::string& dir) const {
  std::string error;
  auto s = project::scanProject({dir}, settings(), error);
  if (!s) throw ToolError(error);
  if (!s->project->baselineError().empty()) throw ToolError(s->project->baselineError());
  project::finishScan(*s);
  return std::move(*s);
}

std::string findingId(const core::Finding& f, const std::string& file) {
  // FNV-1a over what places the finding: stable while the file is not edited above it.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  mix(f.ruleId);
  mix(file);
  mix(std::to_string(f.start.line) + ":" + std::to_string(f.start.character) + "-" + std::to_string(f.end.line) + ":" +
      std::to_string(f.end.character));
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>((h >> 32) ^ h));
  return buf;
}

json compactFinding(const core::Finding& f, const std::string& file) {
  json fix = nullptr;
  if (!f.fixes.empty()) {
    // The best fix offered: a safe one when there is one.
    auto best = f.fixes.front().applicability;
    for (const auto& x : f.fixes) best = std::min(best, x.applicability);
    fix = core::applicabilityName(best);
  }
  return {{"id", findingId(f, file)},
          {"file", file},
          {"line", f.start.line + 1},
          {"rule", f.ruleId},
          {"severity", core::severityName(f.severity)},
          {"message", f.message},
          {"fix", fix}};
}

json score(double value, bool applicable) {
  if (!applicable) return nullptr;
  return std::round(value * 10) / 10;
}

}  // namespace agentlens::mcp
