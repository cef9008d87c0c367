#include "report/stats.hpp"

#include <fmt/format.h>

#include <array>
#include <map>

namespace agentlens::report {

std::string renderStats(const core::ScanResult& scan, const std::string& cacheDir) {
  std::map<std::string, std::size_t> byLang, byRole;
  std::array<std::size_t, 4> auth{};
  std::size_t routes = 0;
  for (const auto& f : scan.files) {
    ++byLang[std::string(core::langName(f.lang))];
    ++byRole[std::string(core::fileRoleName(f.facts.role))];
    for (const auto& r : f.facts.routes) {
      ++routes;
      ++auth[static_cast<std::size_t>(r.auth)];
    }
  }
  auto join = [](const std::map<std::string, std::size_t>& m) {
    std::string s;
    for (const auto& [k, v] : m) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", k, v);
    return s.empty() ? std::string("-") : s;
  };
  const auto& st = scan.stats;
  std::string out;
  out += fmt::format("files      {} ({:.1f} KiB), {} skipped\n", st.files, static_cast<double>(st.bytes) / 1024.0,
                     scan.skipped.size());
  out += fmt::format("languages  {}\n", join(byLang));
  out += fmt::format("roles      {}\n", join(byRole));
  out += fmt::format("time       wall {:.1f} ms, parse {:.1f} ms, analysis {:.1f} ms (summed over threads)\n",
                     st.wallMs, st.parseMs, st.analyzeMs);
  if (cacheDir.empty()) out += "cache      disabled\n";
  else out += fmt::format("cache      {} hits, {} misses ({})\n", st.cacheHits, st.cacheMisses, cacheDir);
  out += fmt::format("routes     {} (auth: {} explicit, {} inherited, {} none, {} unknown)\n", routes,
                     auth[static_cast<std::size_t>(core::AuthStatus::Explicit)],
                     auth[static_cast<std::size_t>(core::AuthStatus::Inherited)],
                     auth[static_cast<std::size_t>(core::AuthStatus::None)],
                     auth[static_cast<std::size_t>(core::AuthStatus::Unknown)]);
  return out;
}

}  // namespace agentlens::report
