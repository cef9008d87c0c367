// Structured-logging text helpers (see log_fields.hpp).
#include "rules/observability/log_fields.hpp"

#include <algorithm>
#include <cctype>

namespace agentlens::rules {

std::string keyFor(std::string_view expr, bool camel) {
  std::string out;
  for (char c : expr) {
    if (c == '.' || c == '_') {
      if (camel) continue;
      out += '_';
    } else if (std::isupper(static_cast<unsigned char>(c))) {
      if (!camel && !out.empty() && out.back() != '_') out += '_';
      out += camel && !out.empty() ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  if (camel) {
    // order.id -> orderId
    std::string cc;
    bool up = false;
    for (std::size_t i = 0; i < expr.size(); ++i) {
      char c = expr[i];
      if (c == '.' || c == '_') {
        up = true;
        continue;
      }
      cc += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      up = false;
    }
    return cc;
  }
  return out;
}

bool simpleExpr(std::string_view e) {
  if (e.empty()) return false;
  return std::all_of(e.begin(), e.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }) &&
         !std::isdigit(static_cast<unsigned char>(e[0]));
}

/// Message text with placeholders removed, whitespace collapsed, trailing separators trimmed.
std::string cleanMessage(std::string msg) {
  std::string out;
  for (char c : msg) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ':' || out.back() == '=' || out.back() == ',' ||
                          out.back() == '-' || out.back() == '#'))
    out.pop_back();
  return out;
}

std::optional<std::string> messageWithoutVerbs(std::string_view format, std::size_t& verbs) {
  std::string msg;
  for (std::size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == '%') {
      if (i + 1 < format.size() && format[i + 1] == '%') return std::nullopt;
      ++i;
      while (i < format.size() && (std::isdigit(static_cast<unsigned char>(format[i])) || format[i] == '+' ||
                                   format[i] == '#' || format[i] == '.' || format[i] == '-'))
        ++i;
      ++verbs;
      continue;
    }
    if (c == '\\') return std::nullopt;
    msg += c;
  }
  return msg;
}

}  // namespace agentlens::rules
