#include "support/fixture.hpp"

#include <fstream>
#include <sstream>

#include "core/fix_apply.hpp"
#include "rules/engine.hpp"
#include "support/diff.hpp"

namespace agentlens::testing {

std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeText(const std::filesystem::path& p, std::string_view text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

std::filesystem::path sourceDir() { return AGENTLENS_SOURCE_DIR; }

std::vector<Expectation> expectations(std::string_view text, std::string_view ruleId) {
  std::vector<Expectation> out;
  std::uint32_t line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    auto at = l.find("expect:");
    if (at != std::string_view::npos) {
      std::string_view rest = l.substr(at + 7);
      std::size_t p = 0;
      while ((p = rest.find(ruleId, p)) != std::string_view::npos) {
        std::size_t after = p + ruleId.size();
        bool wordEnd = after >= rest.size() || !(std::isalnum(static_cast<unsigned char>(rest[after])) || rest[after] == '-');
        bool wordStart = p == 0 || !(std::isalnum(static_cast<unsigned char>(rest[p - 1])) || rest[p - 1] == '-');
        if (wordEnd && wordStart) {
          Expectation e{line, ""};
          if (after < rest.size() && rest[after] == '(') {
            auto close = rest.find(')', after);
            if (close != std::string_view::npos) e.level = std::string(rest.substr(after + 1, close - after - 1));
          }
          out.push_back(e);
        }
        p = after;
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  return out;
}

std::string blankMarkers(std::string_view text) {
  std::string out(text);
  std::size_t pos = 0;
  while ((pos = out.find("expect:", pos)) != std::string::npos) {
    std::size_t end = pos;
    while (end < out.size() && out[end] != '\n' && out[end] != '\r' && !(out[end] == '*' && end + 1 < out.size() && out[end + 1] == '/'))
      ++end;
    for (std::size_t i = pos; i < end; ++i) out[i] = ' ';
    pos = end;
  }
  return out;
}

std::string fixturePath(std::string_view text, const std::string& fallback) {
  auto nl = text.find('\n');
  std::string_view first = text.substr(0, nl);
  auto at = first.find("fixture-path:");
  if (at == std::string_view::npos) return fallback;
  std::string_view rest = first.substr(at + 13);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  auto end = rest.find_first_of(" \t\r*");
  return std::string(rest.substr(0, end));
}

core::FileResult analyzeText(const std::string& path, std::string_view text, std::vector<const rules::Rule*> rs) {
  auto lang = core::detectLang(path);
  auto pf = core::parseFile(path, lang.value_or(core::Lang::Text), std::make_shared<std::string>(text));
  rules::Engine engine(std::move(rs));
  return engine.analyze(pf);
}

std::size_t syntaxErrors(core::Lang lang, std::string_view text) {
  if (!core::hasGrammar(lang)) return 0;
  ts::Parser p;
  if (!p.setLanguage(lang)) return 0;
  ts::Tree t = p.parse(text);
  std::size_t n = 0;
  ts::walk(t.root(), [&](ts::Node node) {
    if (node.isError() || node.isMissing()) ++n;
    return true;
  });
  return n;
}

std::string renderSnapshot(std::string_view text, const core::FileResult& result) {
  std::string out;
  for (const auto& f : result.findings) {
    out += std::to_string(f.start.line + 1) + ":" + std::to_string(f.start.character + 1) + " " +
           std::string(core::levelName(f.level())) + " " + f.ruleId + ": " + f.message + "\n";
    out += "  | " + f.excerpt + "\n";
    for (std::size_t i = 0; i < f.fixes.size(); ++i) {
      const auto& fix = f.fixes[i];
      out += "  fix " + std::to_string(i + 1) + " (" + std::string(core::applicabilityName(fix.applicability)) +
             "): " + fix.title + "\n";
      auto applied = core::applyEdits(text, fix.edits);
      if (!applied) {
        out += "  !! edits overlap or are out of range\n";
        continue;
      }
      std::string diff = unifiedDiff(text, *applied);
      std::istringstream lines(diff);
      for (std::string l; std::getline(lines, l);) out += "    " + l + "\n";
      for (const auto& e : fix.edits) {
        if (e.kind == core::TextEdit::Kind::AppendLineIfMissing)
          out += "    " + e.path + ": append `" + e.text + "` unless a line starts with `" + e.key + "`\n";
        else if (e.kind == core::TextEdit::Kind::CreateFile)
          out += "    create " + e.path + ":\n" + e.text + "\n";
        else if (!e.path.empty())
          out += "    edit " + e.path + "\n";
      }
    }
    out += "\n";
  }
  if (result.findings.empty()) out += "(no findings)\n";
  return out;
}

}  // namespace agentlens::testing
