#include "rules/error_handling/response_text.hpp"

#include <cctype>
#include <regex>
#include <string>

namespace agentlens::rules::resptext {

bool word(std::string_view text, std::size_t p, std::size_t n) {
  auto id = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  return (p == 0 || !id(text[p - 1])) && (p + n >= text.size() || !id(text[p + n]));
}

bool uses(std::string_view text, std::string_view name, std::initializer_list<std::string_view> suffixes) {
  for (auto p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1)) {
    if (p > 0 && (std::isalnum(static_cast<unsigned char>(text[p - 1])) || text[p - 1] == '_' || text[p - 1] == '.'))
      continue;
    auto rest = text.substr(p + name.size());
    for (auto s : suffixes)
      if (rest.starts_with(s)) return true;
  }
  return false;
}
bool passedToHelper(std::string_view text, std::string_view name) {
  for (auto p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1)) {
    if (!word(text, p, name.size()) || p == 0) continue;
    char before = text[p - 1];
    std::size_t q = p - 1;
    while (q > 0 && text[q] == ' ') --q;
    before = text[q];
    auto after = p + name.size() < text.size() ? text[p + name.size()] : '\0';
    if ((before == '(' || before == ',') && (after == ')' || after == ',')) {
      // a logging / printing call is not a check
      auto lineStart = text.rfind('\n', p);
      auto line = text.substr(lineStart == std::string_view::npos ? 0 : lineStart, p - (lineStart == std::string_view::npos ? 0 : lineStart));
      if (line.find("print(") != std::string_view::npos || line.find("log") != std::string_view::npos) continue;
      return true;
    }
  }
  return false;
}

/// `json.NewDecoder(resp.Body).Decode(&result)` then `if result.Head.Status.Code != 0 {`: the API's
/// own status in the decoded body is checked, and an HTML error page fails the decode.
bool apiStatusChecked(std::string_view text, std::string_view var) {
  std::string decoder = "NewDecoder(" + std::string(var) + ".Body).Decode(&";
  auto p = text.find(decoder);
  if (p == std::string_view::npos) return false;
  auto start = p + decoder.size();
  auto end = start;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
  if (end == start) return false;
  std::string target(text.substr(start, end - start));
  std::regex check("if\\s+" + target + "\\.[\\w.]*(Status|Code|Error|Success|Ok|OK)[\\w.]*\\s*(!=|==|>|<)");
  return std::regex_search(text.begin() + static_cast<std::ptrdiff_t>(end), text.end(), check);
}

}  // namespace agentlens::rules::resptext
