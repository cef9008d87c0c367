// Config resolution: nearest config file per directory, per-path overrides, CLI layer, change
// detection. Parsing (the only toml++ user) is in toml_reader.cpp.
#include "core/config/config.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <type_traits>
#include <variant>
#include <fmt/format.h>

#include "core/config/diagnostic.hpp"
#include "core/discovery.hpp"
#include "core/scan.hpp"
#include "core/text/line_index.hpp"

namespace fs = std::filesystem;

namespace agentlens::core {

bool isToolDiagnostic(std::string_view ruleId) {
  return ruleId == kInvalidConfigRule || ruleId == kInvalidSuppressionRule || ruleId == kUnusedSuppressionRule;
}

std::uint32_t offsetOfLineColumn(std::string_view text, std::uint32_t line1, std::uint32_t column1) {
  LineIndex li(text);
  Position p{line1 ? line1 - 1 : 0, column1 ? column1 - 1 : 0};
  return li.toOffset(p, PositionEncoding::Utf32);
}

Finding makeToolFinding(std::string_view ruleId, const std::string& path, std::string_view text, ByteRange range,
                        std::string message) {
  LineIndex li(text);
  auto size = static_cast<std::uint32_t>(text.size());
  range.start = std::min(range.start, size);
  range.end = std::clamp(range.end, range.start, size);
  Finding f;
  f.ruleId = std::string(ruleId);
  f.category = Category::Configuration;
  if (ruleId == kInvalidConfigRule) f.severity = Severity::High;
  else if (ruleId == kInvalidSuppressionRule) f.severity = Severity::Medium;
  else f.severity = Severity::Info;
  f.path = path;
  f.range = range;
  f.start = li.toPosition(range.start, PositionEncoding::Utf32);
  f.end = li.toPosition(range.end, PositionEncoding::Utf32);
  f.message = std::move(message);
  f.excerpt = std::string(li.lineText(f.start.line));
  if (f.excerpt.size() > 400) f.excerpt = f.excerpt.substr(0, 400);
  return f;
}

bool configGlobMatch(std::string_view glob, std::string_view relPath) {
  if (glob.starts_with("./")) glob.remove_prefix(2);
  if (glob.ends_with('/')) glob.remove_suffix(1);  // "scripts/" means the directory
  if (glob.empty()) return false;
  if (glob.find('/') != std::string_view::npos) {
    if (glob.front() == '/') glob.remove_prefix(1);
    if (globMatch(glob, relPath)) return true;
    // A directory pattern covers everything below it ("scripts/legacy" → scripts/legacy/x.py).
    for (std::size_t i = 0; i < relPath.size(); ++i)
      if (relPath[i] == '/' && globMatch(glob, relPath.substr(0, i))) return true;
    return false;
  }
  // No slash: any component (a directory name or the file name) may match.
  std::size_t start = 0;
  while (start <= relPath.size()) {
    auto slash = relPath.find('/', start);
    auto part = relPath.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (globMatch(glob, part)) return true;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return false;
}

// ---- FileConfig ----

namespace {

/// How specifically a selector list names a rule: 2 = by id, 1 = by category, 0 = "all", -1 = not.
int specificity(const std::vector<std::string>& selectors, std::string_view id, Category category) {
  int best = -1;
  for (const auto& s : selectors) {
    if (s == id) return 2;
    if (s == categoryName(category)) best = std::max(best, 1);
    else if (s == "all" || s == "ALL") best = std::max(best, 0);
  }
  return best;
}

}  // namespace

std::shared_ptr<const FileConfig> FileConfig::defaults() {
  static const auto d = std::make_shared<const FileConfig>(nullptr, nullptr, std::vector<const ConfigLayer*>{},
                                                           std::vector<std::string>{}, std::string{});
  return d;
}

bool FileConfig::enabled(std::string_view ruleId, Category category) const {
  // Like Ruff: each layer's `select` replaces the set, `extend-select` adds, `ignore` removes, and
  // within a layer the more specific selector wins (a rule id beats its category; a tie ignores).
  bool on = true;
  for (const ConfigLayer* l : layers_) {
    int s = std::max(specificity(l->select, ruleId, category), specificity(l->extendSelect, ruleId, category));
    int i = specificity(l->ignore, ruleId, category);
    if (!l->select.empty() || s >= 0 || i >= 0) on = s > i;
  }
  return on;
}

std::optional<Severity> FileConfig::severity(std::string_view ruleId, Category category) const {
  std::optional<Severity> out;
  for (const ConfigLayer* l : layers_) {
    if (auto it = l->rules.find(categoryName(category)); it != l->rules.end() && it->second.severity)
      out = it->second.severity;
    if (auto it = l->rules.find(ruleId); it != l->rules.end() && it->second.severity) out = it->second.severity;
  }
  return out;
}

const OptionValue* FileConfig::option(std::string_view ruleId, std::string_view key) const {
  const OptionValue* out = nullptr;
  for (const ConfigLayer* l : layers_)
    if (auto it = l->rules.find(ruleId); it != l->rules.end())
      if (auto o = it->second.options.find(key); o != it->second.options.end()) out = &o->second;
  return out;
}

namespace {
void appendList(std::string& out, char tag, const std::vector<std::string>& list) {
  out += tag;
  for (const auto& x : list) {
    out += x;
    out += ',';
  }
  out += ';';
}
void appendOption(std::string& out, const OptionValue& v) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) out += x ? "b1" : "b0";
        else if constexpr (std::is_same_v<T, std::int64_t>) out += "i" + std::to_string(x);
        else if constexpr (std::is_same_v<T, double>) out += "d" + std::to_string(x);
        else if constexpr (std::is_same_v<T, std::string>) out += "s" + std::to_string(x.size()) + ":" + x;
        else {
          out += "l";
          for (const auto& e : x) out += std::to_string(e.size()) + ":" + e;
        }
      },
      v);
}
}  // namespace

std::string FileConfig::fingerprint() const {
  // Lengths or separators that cannot occur in ids keep distinct configurations distinct.
  std::string out;
  for (const ConfigLayer* l : layers_) {
    // An empty layer (no config file keys, no flags) changes nothing: same key as the defaults.
    if (l->select.empty() && l->extendSelect.empty() && l->ignore.empty() && l->rules.empty()) continue;
    out += '[';
    appendList(out, 'S', l->select);
    appendList(out, 'E', l->extendSelect);
    appendList(out, 'I', l->ignore);
    for (const auto& [key, rs] : l->rules) {
      out += 'R' + key + '=';
      out += rs.severity ? std::to_string(static_cast<int>(*rs.severity)) : "-";
      for (const auto& [ok, ov] : rs.options) {
        out += '{' + ok + '=';
        appendOption(out, ov);
        out += '}';
      }
      out += ';';
    }
    out += ']';
  }
  return out;
}

// ---- ConfigResolver ----

ConfigResolver::ConfigResolver(std::vector<KnownRule> known, ResolverOptions opts)
    : known_(std::move(known)),
      explicitConfig_(opts.explicitConfig),
      cli_(std::make_shared<const ConfigLayer>(std::move(opts.cli))) {
  if (!explicitConfig_.empty()) {
    std::error_code ec;
    explicitConfig_ = fs::absolute(explicitConfig_, ec).lexically_normal().string();
  }
}

ConfigResolver::Stamp ConfigResolver::stampOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {true, static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
          static_cast<std::uint64_t>(st.st_size)};
}

std::shared_ptr<const ConfigFile> ConfigResolver::load(const std::string& path, bool pyproject) {
  if (auto it = files_.find(path); it != files_.end()) return it->second;
  Stamp st = stampOf(path);
  stamps_[path] = st;
  std::shared_ptr<const ConfigFile> result;
  if (st.exists) {
    std::string text, err;
    if (readFile(path, text, err)) {
      if (auto cfg = parseConfig(path, text, pyproject, known_)) {
        if (!cfg->broken) {
          result = std::make_shared<const ConfigFile>(std::move(*cfg));
          lastGood_[path] = result;
        } else if (auto good = lastGood_.find(path); good != lastGood_.end()) {
          // Keep serving the previous good settings, with this version's syntax error reported.
          ConfigFile kept = *good->second;
          kept.diagnostics = std::move(cfg->diagnostics);
          for (auto& d : kept.diagnostics) {
            constexpr std::string_view kIgnored = "this file's settings are ignored";
            if (auto at = d.message.find(kIgnored); at != std::string::npos)
              d.message.replace(at, kIgnored.size(), "its last good version still applies");
          }
          kept.broken = kept.usingLastGood = true;
          result = std::make_shared<const ConfigFile>(std::move(kept));
        } else {
          result = std::make_shared<const ConfigFile>(std::move(*cfg));
        }
      }
    } else if (!pyproject) {
      ConfigFile cfg;
      cfg.path = path;
      cfg.dir = fs::path(path).parent_path().string();
      cfg.diagnostics.push_back(makeToolFinding(kInvalidConfigRule, path, "", {}, "cannot read the config file: " + err));
      result = std::make_shared<const ConfigFile>(std::move(cfg));
    }
  } else if (!pyproject && path == explicitConfig_) {
    ConfigFile cfg;
    cfg.path = path;
    cfg.dir = fs::path(path).parent_path().string();
    cfg.diagnostics.push_back(makeToolFinding(kInvalidConfigRule, path, "", {}, "config file not found"));
    result = std::make_shared<const ConfigFile>(std::move(cfg));
  }
  files_[path] = result;
  return result;
}

std::shared_ptr<const ConfigFile> ConfigResolver::nearest(const std::string& dirIn) {
  std::vector<std::string> visited;
  std::shared_ptr<const ConfigFile> found;
  fs::path dir(dirIn);
  for (;;) {
    std::string key = dir.string();
    if (auto it = byDir_.find(key); it != byDir_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(key);
    // Within one directory `.agentlens.toml` beats `pyproject.toml` (as `.ruff.toml` does).
    if ((found = load((dir / ".agentlens.toml").string(), false))) break;
    if ((found = load((dir / "pyproject.toml").string(), true))) break;
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  for (const auto& v : visited) byDir_[v] = found;
  return found;
}

std::shared_ptr<const ConfigFile> ConfigResolver::configFor(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  std::lock_guard lock(mu_);
  if (!explicitConfig_.empty()) return load(explicitConfig_, fs::path(explicitConfig_).filename() == "pyproject.toml");
  fs::path dir = fs::is_directory(abs, ec) ? abs : abs.parent_path();
  return nearest(dir.string());
}

std::shared_ptr<const FileConfig> ConfigResolver::resolve(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  std::shared_ptr<const ConfigFile> file;
  {
    std::lock_guard lock(mu_);
    if (!explicitConfig_.empty()) {
      bool py = fs::path(explicitConfig_).filename() == "pyproject.toml";
      file = load(explicitConfig_, py);
    } else {
      fs::path dir = fs::is_directory(abs, ec) ? abs : abs.parent_path();
      file = nearest(dir.string());
    }
  }
  std::vector<const ConfigLayer*> layers;
  std::vector<std::string> matched;
  std::string excludedBy;
  if (file) {
    std::string rel = abs.lexically_relative(file->dir).generic_string();
    for (const auto& g : file->exclude)
      if (configGlobMatch(g, rel)) {
        excludedBy = fmt::format("excluded by \"{}\" in {}", g, file->path);
        break;
      }
    if (excludedBy.empty() && !file->include.empty() &&
        std::none_of(file->include.begin(), file->include.end(), [&](const auto& g) { return configGlobMatch(g, rel); }))
      excludedBy = fmt::format("not matched by `include` in {}", file->path);
    layers.push_back(&file->base);
    for (const auto& o : file->overrides)
      for (const auto& g : o.paths)
        if (configGlobMatch(g, rel)) {
          layers.push_back(&o);
          matched.push_back(g);
          break;
        }
  }
  layers.push_back(cli_.get());
  return std::make_shared<const FileConfig>(std::move(file), cli_, std::move(layers), std::move(matched),
                                            std::move(excludedBy));
}

std::vector<Finding> ConfigResolver::diagnostics() const {
  std::lock_guard lock(mu_);
  std::vector<Finding> out;
  for (const auto& [path, f] : files_)
    if (f)
      for (const auto& d : f->diagnostics) out.push_back(d);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.path != b.path) return a.path < b.path;
    return a.range.start < b.range.start;
  });
  return out;
}

bool ConfigResolver::refresh() {
  std::lock_guard lock(mu_);
  bool changed = false;
  for (const auto& [path, st] : stamps_)
    if (!(stampOf(path) == st)) {
      changed = true;
      break;
    }
  if (changed) {
    files_.clear();
    stamps_.clear();
    byDir_.clear();
  }
  return changed;
}

void ConfigResolver::clear() {
  std::lock_guard lock(mu_);
  files_.clear();
  stamps_.clear();
  byDir_.clear();
}

std::vector<std::string> splitList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      auto comma = v.find(',', start);
      std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      auto b = item.find_first_not_of(" \t");
      auto e = item.find_last_not_of(" \t");
      if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

namespace {
std::string optionText(const OptionValue& v) {
  struct V {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(const std::string& s) const { return fmt::format("\"{}\"", s); }
    std::string operator()(const std::vector<std::string>& l) const {
      std::string out = "[";
      for (std::size_t i = 0; i < l.size(); ++i) out += (i ? ", \"" : "\"") + l[i] + "\"";
      return out + "]";
    }
  };
  return std::visit(V{}, v);
}
}  // namespace

std::string describeConfig(const FileConfig& config, const std::vector<KnownRule>& known, const std::string& path) {
  std::string out = fmt::format("# effective configuration for {}\n", path);
  if (const ConfigFile* src = config.source()) {
    out += fmt::format("# config file: {}\n", src->path);
    for (const auto& g : config.matchedOverrides()) out += fmt::format("# override applied: paths = \"{}\"\n", g);
    if (!src->diagnostics.empty())
      out += fmt::format("# {} problem(s) in the config file (shown by `agentlens check`)\n", src->diagnostics.size());
  } else {
    out += "# config file: none (defaults)\n";
  }
  out += fmt::format("excluded = {}\n", config.excluded() ? "true" : "false");
  if (config.excluded()) out += fmt::format("# {}\n", config.excludedBy());
  if (auto fu = config.failUnder()) out += fmt::format("fail-under = {}\n", *fu);
  if (auto fo = config.failOn()) out += fmt::format("fail-on = \"{}\"\n", levelName(*fo));
  out += "\n[rules]\n";
  for (const auto& r : known) {
    bool on = config.enabled(r.id, r.category);
    auto sev = config.severity(r.id, r.category);
    out += fmt::format("{} = {{ enabled = {}, category = \"{}\"", r.id, on ? "true" : "false", categoryName(r.category));
    if (sev) out += fmt::format(", severity = \"{}\"", severityName(*sev));
    if (const ConfigFile* src = config.source()) {
      std::set<std::string> keys;
      auto add = [&](const ConfigLayer& l) {
        if (auto it = l.rules.find(r.id); it != l.rules.end())
          for (const auto& kv : it->second.options) keys.insert(kv.first);
      };
      add(src->base);
      for (const auto& o : src->overrides) add(o);
      for (const auto& k : keys)
        if (const OptionValue* v = config.option(r.id, k)) out += fmt::format(", {} = {}", k, optionText(*v));
    }
    out += " }\n";
  }
  return out;
}

}  // namespace agentlens::core
