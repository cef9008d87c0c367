// f-string -> %-format for logging calls (see fstring_percent.hpp).
#include "rules/observability/fstring_percent.hpp"

#include <cctype>

#include "core/ts/ts.hpp"

namespace agentlens::rules {
namespace {

/// A printf conversion equivalent to a format() spec: `.2f`, `d`, `08.3f`, `x` (no alignment,
/// grouping or `%` spec, which %-formatting cannot express).
bool printfCompatibleSpec(std::string_view spec) {
  if (spec.empty()) return false;
  char type = spec.back();
  if (std::string_view("diouxXeEfFgG").find(type) == std::string_view::npos) return false;
  for (char c : spec.substr(0, spec.size() - 1))
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' && c != ' ' && c != '#')
      return false;
  return true;
}

}  // namespace

/// Converts an f-string to a %-style logging call's format and arguments, or nullopt when it
/// cannot be done faithfully (`{x=}`, nested or non-printf format specs, tuple expressions).
std::optional<PercentFormat> fstringToPercent(ts::Node str, std::string_view src) {
  PercentFormat out;
  auto text = [&](std::string_view t) {
    out.verbatim += t;
    for (char c : t) out.escaped += c == '%' ? std::string("%%") : std::string(1, c);
  };
  for (std::uint32_t i = 0; i < str.childCount(); ++i) {
    ts::Node c = str.child(i);
    auto t = c.type();
    if (t == "string_start") {
      for (char ch : c.text(src))
        if (ch != 'f' && ch != 'F') out.start += ch;
    } else if (t == "string_content") {
      std::uint32_t at = c.startByte();
      for (std::uint32_t k = 0; k < c.namedChildCount(); ++k) {
        ts::Node e = c.namedChild(k);
        if (e.type() != "escape_interpolation") continue;
        text(src.substr(at, e.startByte() - at));
        text(e.text(src).substr(0, 1));  // `{{` -> `{`
        at = e.endByte();
      }
      text(src.substr(at, c.endByte() - at));
    } else if (t == "interpolation") {
      for (std::uint32_t k = 0; k < c.childCount(); ++k)
        if (c.child(k).type() == "=") return std::nullopt;  // {x=} prints the expression text too
      ts::Node expr = c.field("expression");
      if (!expr || expr.type() == "expression_list" || expr.type() == "pattern_list" || expr.type() == "yield")
        return std::nullopt;
      ts::Node conv = c.field("type_conversion");
      ts::Node spec = c.field("format_specifier");
      std::string placeholder = "%s";
      if (spec) {
        if (conv || spec.namedChildCount() > 0) return std::nullopt;
        auto st = spec.text(src);
        if (st.starts_with(":")) st.remove_prefix(1);
        if (!printfCompatibleSpec(st)) return std::nullopt;
        placeholder = "%" + std::string(st);
      } else if (conv) {
        auto ct = conv.text(src);
        if (ct == "!r") placeholder = "%r";
        else if (ct == "!a") placeholder = "%a";
      }
      out.escaped += placeholder;
      out.verbatim += placeholder;  // unused: verbatim only matters without arguments
      out.args.push_back(expr.text(src));
    } else if (t == "string_end") {
      out.end = c.text(src);
    }
  }
  return out;
}

}  // namespace agentlens::rules
