// dev-server-entrypoint: finds the launch commands in Dockerfiles and package.json (its scripts
// from the facts index)
// (see dev_server_sources.hpp).
#include "rules/deployment/dev_server_sources.hpp"

#include <cctype>

#include "rules/common/package_scripts.hpp"

namespace agentlens::rules::dev_server {

DockerLaunch scanDockerfile(std::string_view src) {
  DockerLaunch out;
  std::uint32_t pos = 0;
  while (pos < src.size()) {
    std::uint32_t lineEnd = pos;
    // Join continuation lines.
    for (;;) {
      while (lineEnd < src.size() && src[lineEnd] != '\n') ++lineEnd;
      std::uint32_t back = lineEnd;
      while (back > pos && (src[back - 1] == ' ' || src[back - 1] == '\r')) --back;
      if (back > pos && src[back - 1] == '\\' && lineEnd < src.size()) {
        ++lineEnd;
        continue;
      }
      break;
    }
    std::uint32_t s = pos;
    while (s < lineEnd && (src[s] == ' ' || src[s] == '\t')) ++s;
    if (s < lineEnd && src[s] != '#') {
      std::uint32_t k = s;
      while (k < lineEnd && src[k] != ' ' && src[k] != '\t') ++k;
      std::string kw(src.substr(s, k - s));
      for (char& c : kw) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      while (k < lineEnd && (src[k] == ' ' || src[k] == '\t')) ++k;
      std::uint32_t e = lineEnd;
      while (e > k && (src[e - 1] == ' ' || src[e - 1] == '\r')) --e;
      if (kw == "FROM") out.finalStage.clear();
      if (kw == "ENV") {
        auto args = src.substr(k, e - k);
        auto at = args.find("FLASK_APP");
        if (at != std::string_view::npos) {
          auto v = args.substr(at + 9);
          while (!v.empty() && (v.front() == '=' || v.front() == ' ' || v.front() == '"')) v.remove_prefix(1);
          auto stop = v.find_first_of(" \"\n");
          std::string mod(v.substr(0, stop));
          if (mod.ends_with(".py")) mod.resize(mod.size() - 3);
          for (char& c : mod)
            if (c == '/') c = '.';
          out.flaskApp = mod;
        }
      }
      if (kw == "CMD" || kw == "ENTRYPOINT") out.finalStage.push_back({kw, k, e});
    }
    pos = lineEnd + 1;
  }
  return out;
}

std::optional<core::ByteRange> startScript(const core::Facts& facts, std::string_view src) {
  for (const auto& s : packageScripts(facts, src))
    if (s.name == "start") return s.value;
  return std::nullopt;
}

}  // namespace agentlens::rules::dev_server
