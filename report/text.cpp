#include <fmt/format.h>

#include <map>

#include "report/report.hpp"

namespace agentlens::report {
namespace {

struct Palette {
  bool on;
  std::string_view bold() const { return on ? "\x1b[1m" : ""; }
  std::string_view dim() const { return on ? "\x1b[2m" : ""; }
  std::string_view reset() const { return on ? "\x1b[0m" : ""; }
  std::string_view level(core::Level l) const {
    if (!on) return "";
    switch (l) {
      case core::Level::Error: return "\x1b[1;31m";
      case core::Level::Warning: return "\x1b[1;33m";
      case core::Level::Info: return "\x1b[1;34m";
      case core::Level::Hint: return "\x1b[1;36m";
    }
    return "";
  }
};

/// Byte offset of code point `cp` in a UTF-8 line.
std::size_t byteOfCodePoint(std::string_view s, std::uint32_t cp) {
  std::size_t i = 0;
  for (std::uint32_t k = 0; k < cp && i < s.size(); ++k) {
    auto b = static_cast<unsigned char>(s[i]);
    i += b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  }
  return std::min(i, s.size());
}

std::size_t codePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::string renderText(const ReportInput& in, const TextOptions& opts) {
  Palette p{opts.color};
  std::string out;
  if (in.readiness) out += renderReadinessText(*in.readiness, opts.color, 5, in.previousScore, in.previousScoreVersion);
  std::map<core::Level, std::size_t> byLevel;
  std::size_t fixable = 0, total = 0, suppressed = 0, filesWith = 0;
  for (const auto& file : in.scan->files) {
    bool any = false;
    for (const auto& f : file.findings) {
      if (f.suppressedReason) {
        ++suppressed;
        continue;
      }
      any = true;
      ++total;
      ++byLevel[f.level()];
      if (!f.fixes.empty()) ++fixable;
      auto line = f.start.line + 1;
      std::string gutter = std::to_string(line);
      std::string pad(gutter.size(), ' ');
      out += fmt::format("{}{}:{}:{}{}  {}{}{}  {}{}{}\n", p.bold(), f.path, line, f.start.character + 1, p.reset(),
                         p.level(f.level()), f.ruleId, p.reset(), f.message, "", "");
      // Source line with a caret underline (the excerpt is already secret-masked).
      std::string_view ex = f.excerpt;
      std::size_t startB = byteOfCodePoint(ex, f.start.character);
      std::size_t width = 1;
      if (f.end.line == f.start.line && f.end.character > f.start.character)
        width = f.end.character - f.start.character;
      else if (f.end.line > f.start.line)
        width = std::max<std::size_t>(1, codePoints(ex.substr(startB)));
      std::string lead;
      for (std::size_t i = 0; i < startB; ++i) lead += ex[i] == '\t' ? '\t' : ' ';
      // Leading spaces of multi-byte characters collapse to one column each.
      lead.resize(std::min(lead.size(), static_cast<std::size_t>(f.start.character)), ' ');
      if (f.sensitive) width = std::min<std::size_t>(width, std::max<std::size_t>(1, codePoints(ex.substr(startB))));
      out += fmt::format("{}{} |{}\n", p.dim(), pad, p.reset());
      out += fmt::format("{}{} |{} {}\n", p.dim(), gutter, p.reset(), ex);
      out += fmt::format("{}{} |{} {}{}{}{}\n", p.dim(), pad, p.reset(), lead, p.level(f.level()),
                         std::string(std::min<std::size_t>(width, 200), '^'), p.reset());
      if (opts.showFixes)
        for (const auto& fix : f.fixes)
          out += fmt::format("{}{} = fix ({}):{} {}\n", p.dim(), pad, core::applicabilityName(fix.applicability),
                             p.reset(), fix.title);
      out += "\n";
    }
    if (any) ++filesWith;
  }
  if (opts.verbose && !in.scan->skipped.empty()) {
    std::map<std::string, std::vector<std::string>> byReason;
    for (const auto& s : in.scan->skipped) byReason[s.reason].push_back(s.path);
    out += fmt::format("Skipped {} paths:\n", in.scan->skipped.size());
    for (const auto& [reason, paths] : byReason) {
      out += fmt::format("  {} ({}):\n", reason, paths.size());
      for (const auto& path : paths) out += fmt::format("    {}\n", path);
    }
    out += "\n";
  }
  for (const auto& e : in.scan->errors) out += fmt::format("{}warning:{} {}\n", p.level(core::Level::Warning), p.reset(), e);

  if (total == 0) {
    out += fmt::format("{}No problems found{} in {} files.", p.bold(), p.reset(), in.scan->files.size());
  } else {
    std::vector<std::string> parts;
    for (auto l : {core::Level::Error, core::Level::Warning, core::Level::Info, core::Level::Hint})
      if (byLevel[l]) parts.push_back(fmt::format("{} {}{}", byLevel[l], core::levelName(l), byLevel[l] == 1 ? "" : "s"));
    out += fmt::format("{}Found {} problem{}{} ({}) in {} of {} files; {} with a fix.", p.bold(), total,
                       total == 1 ? "" : "s", p.reset(), fmt::join(parts, ", "), filesWith, in.scan->files.size(), fixable);
  }
  if (suppressed) out += fmt::format(" {} suppressed.", suppressed);
  if (!in.scan->skipped.empty() && !opts.verbose)
    out += fmt::format(" {} paths skipped (--verbose lists them).", in.scan->skipped.size());
  out += "\n";
  return out;
}

}  // namespace agentlens::report
