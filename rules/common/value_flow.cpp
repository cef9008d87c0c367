// Text-level value questions for the page-size rule (see value_flow.hpp).
#include "rules/common/value_flow.hpp"

#include <cctype>

namespace agentlens::rules {
namespace {
bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }
}  // namespace

/// True when the function bounds the value: min()/Math.min()/clamp, or `v > N` / `v >= N` with N not 0 or 1.
bool clamped(std::string_view fn, std::string_view var) {
  if (has(fn, "min(") || has(fn, "clamp") || has(fn, "Clamp")) return true;
  if (has(fn, "max_per_page=") || has(fn, "max_per_page =")) return true;  // Flask-SQLAlchemy paginate caps it
  if (var.empty()) return false;
  for (std::size_t at = fn.find(var); at != std::string_view::npos; at = fn.find(var, at + 1)) {
    std::size_t i = at + var.size();
    while (i < fn.size() && fn[i] == ' ') ++i;
    if (i >= fn.size() || (fn[i] != '>' && fn[i] != '<')) continue;
    bool greater = fn[i] == '>';
    ++i;
    if (i < fn.size() && fn[i] == '=') ++i;
    while (i < fn.size() && fn[i] == ' ') ++i;
    if (!greater) continue;  // v < N only reads as a bound together with a reassignment; keep it simple
    if (i < fn.size() && (fn[i] == '0' || fn[i] == '1') && (i + 1 >= fn.size() || !std::isalnum(static_cast<unsigned char>(fn[i + 1]))))
      continue;
    return true;
  }
  return false;
}

/// JS: the value only cuts a list already in memory (`items.slice(skip, skip + top)`): the read
/// that loaded the list is the cost, and unbounded-query judges it.
bool slicesLoadedList(std::string_view fn, std::string_view var) {
  for (std::size_t at = fn.find(".slice("); at != std::string_view::npos; at = fn.find(".slice(", at + 1)) {
    auto close = fn.find(')', at);
    if (close != std::string_view::npos && fn.substr(at, close - at).find(var) != std::string_view::npos) return true;
  }
  return false;
}

/// True when the variable reaches a call, a keyword argument, an assignment or a return after
/// its declaration (`store.list(offset, limit)`, `.limit(limit)`, `per_page=per_page`). Only
/// arithmetic on it (`start = (page - 1) * limit` to cut an in-memory list) or echoing it in a
/// response object (`"limit": limit`) is not a read of that many rows.
bool flowsOn(std::string_view rest, std::string_view var) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = rest.find(var); at != std::string_view::npos; at = rest.find(var, at + 1)) {
    if ((at > 0 && word(rest[at - 1])) || (at + var.size() < rest.size() && word(rest[at + var.size()]))) continue;
    std::size_t e = at + var.size();
    while (e < rest.size() && (rest[e] == ' ' || rest[e] == '\t')) ++e;
    if (e + 1 < rest.size() && rest[e] == '=' && rest[e + 1] != '=') continue;  // a write (`limit = 10`), not a read
    std::size_t b = at;
    while (b > 0 && (rest[b - 1] == ' ' || rest[b - 1] == '\t' || rest[b - 1] == '\n')) --b;
    char prev = b > 0 ? rest[b - 1] : '\0';
    if (prev == '(' || prev == ',' || prev == '[' || prev == '{') return true;  // `{ limit }` shorthand
    if (prev == '=' && (b < 2 || (rest[b - 2] != '=' && rest[b - 2] != '!' && rest[b - 2] != '<' && rest[b - 2] != '>')))
      return true;
    if (b >= 6 && rest.substr(b - 6, 6) == "return") return true;
  }
  return false;
}

}  // namespace agentlens::rules
