// Loads `.agentlens/rules/*.toml`: parsing is in toml_reader.cpp; here every query is compiled for
// every language it names, so a broken query is reported where it is, with the error's position.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "core/config/config.hpp"
#include "core/config/custom_rule_def.hpp"
#include "core/config/diagnostic.hpp"
#include "core/scan.hpp"
#include "core/ts/query_program.hpp"

namespace fs = std::filesystem;

namespace agentlens::core {

CustomRuleFile loadCustomRules(const std::string& dir, const std::vector<std::string>& builtinIds) {
  CustomRuleFile out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> seen;
  for (const auto& p : files) {
    std::string abs = fs::absolute(p, ec).lexically_normal().string();
    std::string text, err;
    if (!readFile(abs, text, err)) {
      out.diagnostics.push_back(makeToolFinding(kInvalidConfigRule, abs, "", {}, "cannot read the rule file: " + err));
      continue;
    }
    CustomRuleFile parsed = parseCustomRuleFile(abs, text);
    for (auto& d : parsed.diagnostics) out.diagnostics.push_back(std::move(d));
    for (auto& def : parsed.rules) {
      auto report = [&](std::uint32_t at, std::string msg) {
        std::uint32_t end = at;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
        out.diagnostics.push_back(makeToolFinding(kInvalidConfigRule, abs, text, {at, end}, std::move(msg)));
      };
      if (std::find(builtinIds.begin(), builtinIds.end(), def.id) != builtinIds.end()) {
        report(def.idOffset, fmt::format("custom rule id `{}` is already a built-in rule: choose another id", def.id));
        continue;
      }
      if (std::find(seen.begin(), seen.end(), def.id) != seen.end()) {
        report(def.idOffset, fmt::format("custom rule id `{}` is defined twice", def.id));
        continue;
      }
      bool ok = true;
      for (Lang lang : def.languages) {
        std::string error;
        std::uint32_t offset = 0;
        auto program = ts::QueryProgram::compile(lang, def.query, error, offset);
        if (!program) {
          report(def.queryOffset + offset,
                 fmt::format("invalid query for {} in rule `{}`: {} at offset {}", langName(lang), def.id, error, offset));
          ok = false;
          break;
        }
        // `{{name}}` must name a capture of the query, or the text would silently be empty.
        for (const std::string* tmpl : {&def.message, def.fix ? &*def.fix : nullptr}) {
          if (!tmpl) continue;
          for (std::size_t at = tmpl->find("{{"); ok && at != std::string::npos; at = tmpl->find("{{", at + 2)) {
            auto close = tmpl->find("}}", at);
            if (close == std::string::npos) break;
            std::string name = tmpl->substr(at + 2, close - at - 2);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (!program->captureId(name)) {
              report(def.idOffset, fmt::format("rule `{}`: `{{{{{}}}}}` in its {} is not a capture of the query",
                                               def.id, name, tmpl == &def.message ? "message" : "fix"));
              ok = false;
            }
          }
        }
        if (!ok) break;
      }
      if (!ok) continue;
      seen.push_back(def.id);
      out.rules.push_back(std::move(def));
    }
  }
  return out;
}

}  // namespace agentlens::core
