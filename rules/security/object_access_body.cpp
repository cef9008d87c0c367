// object-access-without-ownership-check: body ids (see object_access_body.hpp).
#include "rules/security/object_access_body.hpp"

#include <cctype>
#include <vector>

namespace agentlens::rules::object_access {
namespace {

bool word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool idKey(std::string_view k) {
  return k.size() > 2 && (k.ends_with("_id") || (k.ends_with("Id") && std::islower(static_cast<unsigned char>(k[0]))));
}

/// Id-like body fields: `["x_id"]`, `.get("x_id")`, `req.body.xId`.
std::vector<std::string> bodyKeys(std::string_view h) {
  std::vector<std::string> out;
  bool body = h.find("get_json(") != std::string_view::npos || h.find("request.json") != std::string_view::npos ||
              h.find("request.form") != std::string_view::npos;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h.compare(i, 9, "req.body.") == 0) {
      std::size_t b = i + 9, e = b;
      while (e < h.size() && word(h[e])) ++e;
      if (idKey(h.substr(b, e - b))) out.emplace_back(h.substr(b, e - b));
      continue;
    }
    if (!body || (h[i] != '"' && h[i] != '\'')) continue;
    std::size_t b = i + 1, e = b;
    while (e < h.size() && word(h[e])) ++e;
    if (e >= h.size() || h[e] != h[i] || !idKey(h.substr(b, e - b))) continue;
    bool subscript = i > 0 && h[i - 1] == '[';
    bool get = i >= 5 && h.substr(i - 5, 5) == ".get(";
    if (subscript || get) out.emplace_back(h.substr(b, e - b));
    i = e;
  }
  return out;
}

}  // namespace

std::optional<BodyIdLoad> bodyIdLoad(std::string_view h) {
  static constexpr std::string_view kLoads[] = {"get_or_404(", ".query.get(", "session.get(", "objects.get(",
                                                "findById(", "findByPk(", "findUnique(", "findOne("};
  for (const auto& key : bodyKeys(h))
    for (auto load : kLoads)
      for (auto at = h.find(load); at != std::string_view::npos; at = h.find(load, at + 1)) {
        auto close = h.find(')', at);
        if (close == std::string_view::npos) break;
        std::string_view args = h.substr(at + load.size(), close - at - load.size());
        for (auto k = args.find(key); k != std::string_view::npos; k = args.find(key, k + 1)) {
          bool before = k == 0 || !word(args[k - 1]) || args.substr(0, k).ends_with("body.");
          bool after = k + key.size() >= args.size() || !word(args[k + key.size()]);
          if (before && after) return BodyIdLoad{key, at};
        }
      }
  return std::nullopt;
}

}  // namespace agentlens::rules::object_access
