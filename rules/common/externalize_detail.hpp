// Internal to the "externalize to environment variable" fix (externalize*.cpp only): the small
// text helpers, the literal's context, and the edits that add an import or a once-per-file helper.
// Rules include externalize.hpp, never this header.
#pragma once
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.hpp"
#include "core/lang.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::rules::externalize_detail {

// ---------------------------------------------------------------- small text helpers

/// `s` is one of `suffixes`, or ends with "_" + one of them.
inline bool endsWithAny(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  for (auto x : suffixes)
    // s is x, or ends with "_" + x (compared in place: no temporary string; the concatenation
    // also drew a false -Wrestrict from g++ 12 at -O3).
    if (s == x || (s.size() > x.size() && s.ends_with(x) && s[s.size() - x.size() - 1] == '_')) return true;
  return false;
}

inline bool isOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

inline bool isFloatText(std::string_view s) {
  if (s.starts_with("0x") || s.starts_with("0X")) return false;
  return s.find_first_of(".eE") != std::string_view::npos;
}

inline bool isDecimalInt(std::string_view s) {
  if (s.empty()) return false;
  if (s.size() > 1 && s[0] == '0' && std::isalpha(static_cast<unsigned char>(s[1]))) return false;  // 0x, 0o, 0b
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '_'; });
}

/// Double-quoted string literal (no escapes needed for the values we write: names and digits).
inline std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// A port written as a string: "8080", ":8080", "0.0.0.0:8080" → (prefix incl. ':', digits).
inline std::optional<std::pair<std::string, std::string>> splitPort(std::string_view v) {
  auto colon = v.rfind(':');
  std::string_view digits = colon == std::string_view::npos ? v : v.substr(colon + 1);
  if (!isDecimalInt(digits)) return std::nullopt;
  std::string prefix = colon == std::string_view::npos ? "" : std::string(v.substr(0, colon + 1));
  return std::make_pair(prefix, std::string(digits));
}

// ---------------------------------------------------------------- the literal's context (externalize_context.cpp)

struct Context {
  std::string rawName;       ///< binding / key / keyword / field name as written ("" if none)
  std::string callee;        ///< call or composite-literal type the value is passed to ("" if none)
  std::string durationUnit;  ///< Go: SECONDS / MS / MINUTES when the literal multiplies a time unit
  ts::Node goConst;          ///< Go: the const_declaration holding the literal
};

/// Where the literal sits: the name it is bound to and the call it is passed to.
Context contextOf(const core::ParsedFile& file, ts::Node literal);

/// The literal's value: a plain string's content, or the text as written (numbers).
std::string literalValue(const core::ParsedFile& file, ts::Node literal);

// ---------------------------------------------------------------- edits (externalize_edits.cpp)

/// The once-per-file helpers the lookups call.
extern const std::string_view kGoMustEnv;
extern const std::string_view kGoEnvOr;
extern const std::string_view kGoEnvInt;

/// True when a top-level declaration (function, binding or import) of `name` exists.
bool declaresTopLevel(const core::ParsedFile& file, std::string_view name);
/// JS/TS: the `requiredEnv` helper inserted after the top-of-file imports.
core::TextEdit jsHelperEdit(const core::ParsedFile& file);
/// Go: `import` edits for every missing path, merged so that they never overlap.
std::vector<core::TextEdit> goImports(const core::ParsedFile& file, const std::vector<std::string_view>& paths);
/// Go: the helper function appended at the end of the file.
core::TextEdit goHelperEdit(const core::ParsedFile& file, std::string_view helper);

}  // namespace agentlens::rules::externalize_detail
