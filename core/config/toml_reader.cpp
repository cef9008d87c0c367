// The only translation unit that includes toml++: reads config files and custom rule files into
// plain structs, turning every problem (syntax, unknown key, bad type, unknown rule) into an
// `invalid-config` finding with its line while keeping everything else that is valid.
#include <toml++/toml.h>

#include <algorithm>
#include <fmt/format.h>

#include "core/config/config.hpp"
#include "core/config/custom_rule_def.hpp"
#include "core/config/diagnostic.hpp"

namespace agentlens::core {
namespace {

class Reader {
 public:
  Reader(const std::string& path, std::string_view text, std::vector<Finding>& out)
      : path_(path), text_(text), out_(out) {}

  std::uint32_t offsetOf(const toml::source_region& r) const {
    return offsetOfLineColumn(text_, r.begin.line, r.begin.column);
  }
  /// A problem at a source position: the finding spans from there to the end of that line.
  void error(const toml::source_region& r, std::string message) {
    std::uint32_t start = offsetOf(r);
    std::uint32_t end = start;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
    while (end > start && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
    out_.push_back(makeToolFinding(kInvalidConfigRule, path_, text_, {start, end}, std::move(message)));
  }

  std::optional<std::vector<std::string>> strings(const toml::key& k, const toml::node& v) {
    const toml::array* a = v.as_array();
    if (!a) {
      error(v.source(), fmt::format("`{}` must be an array of strings, e.g. {} = [\"...\"]", k.str(), k.str()));
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const toml::node& e : *a) {
      if (auto s = e.value<std::string>()) out.push_back(*s);
      else error(e.source(), fmt::format("`{}` must contain only strings", k.str()));
    }
    return out;
  }

  std::optional<std::string> string(const toml::key& k, const toml::node& v) {
    if (auto s = v.value<std::string>()) return *s;
    error(v.source(), fmt::format("`{}` must be a string", k.str()));
    return std::nullopt;
  }

  void unknownKey(const toml::key& k, std::string_view where, std::string_view expected) {
    error(k.source(), fmt::format("unknown key `{}`{} (expected one of: {})", k.str(), where, expected));
  }

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

 private:
  const std::string& path_;
  std::string_view text_;
  std::vector<Finding>& out_;
};

void sortByPosition(std::vector<Finding>& fs) {
  std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) { return a.range.start < b.range.start; });
}

// ---- config files ----

class ConfigReader {
 public:
  ConfigReader(Reader& r, const std::vector<KnownRule>& known) : r_(r), known_(known) {}

  const KnownRule* rule(std::string_view id) const {
    for (const auto& k : known_)
      if (k.id == id) return &k;
    return nullptr;
  }

  /// Rule ids, categories or "all"; unknown names are reported and dropped.
  std::vector<std::string> selectors(const toml::key& k, const toml::node& v) {
    std::vector<std::string> out;
    auto list = r_.strings(k, v);
    if (!list) return out;
    const toml::array& a = *v.as_array();
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string& s = (*list)[i];
      if (s == "all" || s == "ALL" || categoryFromName(s) || rule(s)) out.push_back(s);
      else
        r_.error(i < a.size() ? a[i].source() : v.source(),
                 fmt::format("unknown rule or category `{}` in `{}` (`agentlens rules` lists them)", s, k.str()));
    }
    return out;
  }

  void rulesTable(const toml::node& v, ConfigLayer& layer) {
    const toml::table* t = v.as_table();
    if (!t) {
      r_.error(v.source(), "`rules` must be a table: [rules.<rule-id>] severity = \"low\"");
      return;
    }
    for (auto&& [k, rv] : *t) {
      std::string name(k.str());
      const KnownRule* info = rule(name);
      bool isCategory = categoryFromName(name).has_value();
      if (!info && !isCategory) {
        r_.error(k.source(), fmt::format("unknown rule or category `{}` (`agentlens rules` lists them)", name));
        continue;
      }
      const toml::table* rt = rv.as_table();
      if (!rt) {
        r_.error(rv.source(), fmt::format("`rules.{}` must be a table, e.g. [rules.{}] severity = \"low\"", name, name));
        continue;
      }
      RuleSettings settings;
      for (auto&& [ok, ov] : *rt) {
        std::string key(ok.str());
        if (key == "severity") {
          auto s = ov.value<std::string>();
          auto sev = s ? severityFromName(*s) : std::nullopt;
          if (!sev) r_.error(ov.source(), "`severity` must be one of \"critical\", \"high\", \"medium\", \"low\", \"info\"");
          else settings.severity = sev;
          continue;
        }
        if (!info || std::find(info->options.begin(), info->options.end(), key) == info->options.end()) {
          std::string expected = "severity";
          if (info)
            for (const auto& o : info->options) expected += ", " + o;
          r_.unknownKey(ok, fmt::format(" in `rules.{}`", name), expected);
          continue;
        }
        if (auto b = ov.value_exact<bool>()) settings.options[key] = *b;
        else if (auto i = ov.value_exact<std::int64_t>()) settings.options[key] = *i;
        else if (auto d = ov.value_exact<double>()) settings.options[key] = *d;
        else if (auto s = ov.value_exact<std::string>()) settings.options[key] = *s;
        else if (ov.is_array()) {
          if (auto l = r_.strings(ok, ov)) settings.options[key] = *l;
        } else r_.error(ov.source(), fmt::format("option `{}` has an unsupported type", key));
      }
      layer.rules[name] = std::move(settings);
    }
  }

  void overrides(const toml::node& v, ConfigFile& cfg) {
    const toml::array* a = v.as_array();
    if (!a) {
      r_.error(v.source(), "`overrides` must be an array of tables: [[overrides]] paths = [\"scripts/**\"]");
      return;
    }
    for (const toml::node& e : *a) {
      const toml::table* t = e.as_table();
      if (!t) {
        r_.error(e.source(), "each `overrides` entry must be a table");
        continue;
      }
      ConfigLayer layer;
      for (auto&& [k, ov] : *t) {
        std::string_view key = k.str();
        if (key == "paths") {
          if (auto l = r_.strings(k, ov)) layer.paths = *l;
        } else if (key == "select") layer.select = selectors(k, ov);
        else if (key == "extend-select") layer.extendSelect = selectors(k, ov);
        else if (key == "ignore") layer.ignore = selectors(k, ov);
        else if (key == "rules") rulesTable(ov, layer);
        else r_.unknownKey(k, " in `[[overrides]]`", "paths, select, extend-select, ignore, rules");
      }
      if (layer.paths.empty()) {
        r_.error(e.source(), "an `[[overrides]]` entry needs `paths = [\"glob\", ...]`: it applies to nothing");
        continue;
      }
      cfg.overrides.push_back(std::move(layer));
    }
  }

  void top(const toml::table& t, ConfigFile& cfg) {
    for (auto&& [k, v] : t) {
      std::string_view key = k.str();
      if (key == "select") cfg.base.select = selectors(k, v);
      else if (key == "extend-select") cfg.base.extendSelect = selectors(k, v);
      else if (key == "ignore") cfg.base.ignore = selectors(k, v);
      else if (key == "exclude") {
        if (auto l = r_.strings(k, v)) cfg.exclude = *l;
      } else if (key == "include") {
        if (auto l = r_.strings(k, v)) cfg.include = *l;
      } else if (key == "rules") rulesTable(v, cfg.base);
      else if (key == "overrides") overrides(v, cfg);
      else if (key == "fail-on") {
        auto s = v.value<std::string>();
        auto l = s ? levelFromName(*s) : std::nullopt;
        if (s && *s == "none") continue;
        if (!l) r_.error(v.source(), "`fail-on` must be one of \"error\", \"warning\", \"info\", \"hint\", \"none\"");
        else cfg.failOn = l;
      } else if (key == "services") {
        services(v, cfg.services);
      } else if (key == "score") {
        const toml::table* st = v.as_table();
        if (!st) {
          r_.error(v.source(), "`score` must be a table: [score] fail-under = 70");
          continue;
        }
        for (auto&& [sk, sv] : *st) {
          if (sk.str() != "fail-under") {
            r_.unknownKey(sk, " in `[score]`", "fail-under");
            continue;
          }
          auto d = sv.value<double>();  // integers convert
          if (!d || *d < 0 || *d > 100) r_.error(sv.source(), "`fail-under` must be a number from 0 to 100");
          else cfg.failUnder = d;
        }
      } else {
        r_.unknownKey(k, "", "select, extend-select, ignore, exclude, include, rules, overrides, fail-on, score, services");
      }
    }
  }

  /// `[services] declare = ["api", { path = "svc/worker", name = "worker" }, { path = "web", kind = "frontend" }]`,
  /// `exclude = ["examples"]`.
  void services(const toml::node& v, ServicesConfig& out) {
    const toml::table* t = v.as_table();
    if (!t) {
      r_.error(v.source(), "`services` must be a table: [services] declare = [\"api\"], exclude = [\"examples\"]");
      return;
    }
    for (auto&& [k, sv] : *t) {
      if (k.str() == "exclude") {
        if (auto l = r_.strings(k, sv)) out.exclude = *l;
      } else if (k.str() == "declare") {
        declared(sv, out.declare);
      } else {
        r_.unknownKey(k, " in `[services]`", "declare, exclude");
      }
    }
  }

  void declared(const toml::node& v, std::vector<ServiceDecl>& out) {
    const toml::array* a = v.as_array();
    if (!a) {
      r_.error(v.source(), "`declare` must be an array of folders or { path, name, kind } tables");
      return;
    }
    for (const toml::node& e : *a) {
      ServiceDecl d;
      if (auto s = e.value<std::string>()) {
        d.path = *s;
      } else if (const toml::table* et = e.as_table()) {
        auto p = (*et)["path"].value<std::string>();
        if (!p) {
          r_.error(e.source(), "a declared service needs `path = \"folder\"`");
          continue;
        }
        d.path = *p;
        d.name = (*et)["name"].value<std::string>().value_or("");
        for (auto&& [ek, ev] : *et) {
          if (ek.str() == "kind") {
            auto k = ev.value<std::string>();
            if (k && (*k == "service" || *k == "frontend" || *k == "library")) d.kind = *k;
            else r_.error(ev.source(), "`kind` must be \"service\", \"frontend\" or \"library\"");
          } else if (ek.str() != "path" && ek.str() != "name") {
            r_.unknownKey(ek, " in a declared service", "path, name, kind");
          }
        }
      } else {
        r_.error(e.source(), "each `declare` entry must be a folder or a { path, name, kind } table");
        continue;
      }
      while (d.path.starts_with("./")) d.path.erase(0, 2);
      while (!d.path.empty() && d.path.back() == '/') d.path.pop_back();
      if (d.path == ".") d.path.clear();
      if (d.path.starts_with("/") || d.path.starts_with("..")) {
        r_.error(e.source(), "a declared service's path must be a folder inside the project, relative to this file");
        continue;
      }
      out.push_back(std::move(d));
    }
  }

 private:
  Reader& r_;
  const std::vector<KnownRule>& known_;
};

}  // namespace

std::optional<ConfigFile> parseConfig(const std::string& absPath, std::string_view text, bool isPyproject,
                                      const std::vector<KnownRule>& known) {
  ConfigFile cfg;
  cfg.path = absPath;
  auto slash = absPath.find_last_of('/');
  cfg.dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : absPath.substr(0, slash));
  Reader r(absPath, text, cfg.diagnostics);
  toml::table doc;
  try {
    doc = toml::parse(text, absPath);
  } catch (const toml::parse_error& e) {
    if (isPyproject) {
      // A broken pyproject.toml is only ours to report when it mentions our table.
      if (text.find("[tool.agentlens") == std::string_view::npos) return std::nullopt;
    }
    r.error(e.source(), fmt::format("TOML syntax error: {}; this file's settings are ignored", e.description()));
    cfg.broken = true;
    return cfg;
  }
  const toml::table* t = &doc;
  if (isPyproject) {
    const toml::table* tool = doc["tool"].as_table();
    t = tool ? (*tool)["agentlens"].as_table() : nullptr;
    if (!t) {
      if (tool && (*tool)["agentlens"]) {
        r.error((*tool)["agentlens"].node()->source(), "`tool.agentlens` must be a table");
        return cfg;
      }
      return std::nullopt;
    }
  }
  ConfigReader(r, known).top(*t, cfg);
  sortByPosition(cfg.diagnostics);  // toml++ iterates keys in sorted order, not file order
  return cfg;
}

// ---- custom rule files ----

namespace {

/// Offset of the first character of a string value's content (after the opening quotes and the
/// newline a multi-line string trims). Exact for literal strings ('...' and '''...''').
std::uint32_t contentOffset(std::string_view text, std::uint32_t at) {
  if (text.substr(at, 3) == "'''" || text.substr(at, 3) == "\"\"\"") {
    at += 3;
    if (text.substr(at, 2) == "\r\n") at += 2;
    else if (at < text.size() && text[at] == '\n') ++at;
    return at;
  }
  if (at < text.size() && (text[at] == '\'' || text[at] == '"')) ++at;
  return at;
}

constexpr std::string_view kRuleKeys =
    "id, category, severity, confidence, languages, message, summary, docs, query, fix, fix-safety";

void readRule(Reader& r, const toml::table& t, const toml::source_region& where, CustomRuleFile& out) {
  CustomRuleDef def;
  def.file = r.path();
  def.idOffset = r.offsetOf(where);
  bool ok = true;
  for (auto&& [k, v] : t) {
    std::string_view key = k.str();
    // Init-captures: clang before 16 cannot capture structured bindings.
    auto str = [&r, &k = k, &v = v]() -> std::optional<std::string> { return r.string(k, v); };
    if (key == "id") {
      if (auto s = str()) {
        def.id = *s;
        def.idOffset = r.offsetOf(v.source());
        bool kebab = !s->empty() && std::all_of(s->begin(), s->end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (!kebab) {
          r.error(v.source(), "`id` must be kebab-case: lower-case letters, digits and '-'");
          ok = false;
        }
      } else ok = false;
    } else if (key == "category") {
      auto s = str();
      auto c = s ? categoryFromName(*s) : std::nullopt;
      if (!c) {
        if (s) r.error(v.source(), fmt::format("unknown category `{}` (error-handling, security, observability, "
                                               "configuration, database, deployment, testing)", *s));
        ok = false;
      } else def.category = *c;
    } else if (key == "severity") {
      auto s = str();
      auto sev = s ? severityFromName(*s) : std::nullopt;
      if (!sev) {
        if (s) r.error(v.source(), "`severity` must be one of \"critical\", \"high\", \"medium\", \"low\", \"info\"");
        ok = false;
      } else def.severity = *sev;
    } else if (key == "confidence") {
      auto s = str();
      if (s && *s == "high") def.confidence = Confidence::High;
      else if (s && *s == "medium") def.confidence = Confidence::Medium;
      else if (s && *s == "low") def.confidence = Confidence::Low;
      else if (s) r.error(v.source(), "`confidence` must be \"high\", \"medium\" or \"low\"");
    } else if (key == "languages") {
      if (auto l = r.strings(k, v)) {
        const toml::array& a = *v.as_array();
        for (std::size_t i = 0; i < l->size(); ++i) {
          auto lang = langFromName((*l)[i]);
          if (!lang || !hasGrammar(*lang)) {
            r.error(a[i].source(), fmt::format("unknown language `{}` (python, javascript, typescript, tsx, go)", (*l)[i]));
            ok = false;
          } else if (std::find(def.languages.begin(), def.languages.end(), *lang) == def.languages.end()) {
            def.languages.push_back(*lang);
          }
        }
      } else ok = false;
    } else if (key == "message") {
      if (auto s = str()) def.message = *s;
      else ok = false;
    } else if (key == "summary") {
      if (auto s = str()) def.summary = *s;
    } else if (key == "docs") {
      if (auto s = str()) def.docs = *s;
    } else if (key == "query") {
      if (auto s = str()) {
        def.query = *s;
        def.queryOffset = contentOffset(r.text(), r.offsetOf(v.source()));
      } else ok = false;
    } else if (key == "fix") {
      if (auto s = str()) def.fix = *s;
    } else if (key == "fix-safety") {
      auto s = str();
      if (s && *s == "safe") def.fixSafety = Applicability::Safe;
      else if (s && *s == "unsafe") def.fixSafety = Applicability::Unsafe;
      else if (s && *s == "display-only") def.fixSafety = Applicability::DisplayOnly;
      else if (s) r.error(v.source(), "`fix-safety` must be \"safe\", \"unsafe\" or \"display-only\"");
    } else {
      r.unknownKey(k, " in a custom rule", kRuleKeys);
    }
  }
  for (auto [name, present] : {std::pair<std::string_view, bool>{"id", t.contains("id")},
                               {"category", t.contains("category")},
                               {"languages", t.contains("languages")},
                               {"message", t.contains("message")},
                               {"query", t.contains("query")}}) {
    if (!present) {
      r.error(where, fmt::format("custom rule{} is missing `{}`", def.id.empty() ? "" : " `" + def.id + "`", name));
      ok = false;
    }
  }
  if (ok && def.languages.empty()) {
    r.error(t["languages"].node() ? t["languages"].node()->source() : where, "`languages` must name at least one language");
    ok = false;
  }
  if (!ok) return;
  if (def.summary.empty()) def.summary = def.message;
  out.rules.push_back(std::move(def));
}

}  // namespace

CustomRuleFile parseCustomRuleFile(const std::string& absPath, std::string_view text) {
  CustomRuleFile out;
  Reader r(absPath, text, out.diagnostics);
  toml::table doc;
  try {
    doc = toml::parse(text, absPath);
  } catch (const toml::parse_error& e) {
    r.error(e.source(), fmt::format("TOML syntax error: {}; the rules in this file are not loaded", e.description()));
    return out;
  }
  if (const toml::node* many = doc.get("rule")) {
    const toml::array* a = many->as_array();
    if (!a || !a->is_array_of_tables()) {
      r.error(many->source(), "`rule` must be an array of tables: [[rule]]");
      return out;
    }
    for (auto&& [k, v] : doc)
      if (k.str() != "rule") r.unknownKey(k, " next to [[rule]] entries", "rule");
    for (const toml::node& e : *a) readRule(r, *e.as_table(), e.source(), out);
    sortByPosition(out.diagnostics);
    return out;
  }
  toml::source_region top;
  top.begin = {1, 1};
  top.end = {1, 1};
  readRule(r, doc, top, out);
  sortByPosition(out.diagnostics);
  return out;
}

}  // namespace agentlens::core
