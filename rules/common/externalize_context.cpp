// "Externalize to environment variable": the literal's context — the binding, key, keyword or
// field it is written to, and the call it is passed to — from which the variable name is derived.
#include "rules/common/externalize_detail.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::externalize_detail {

using core::Lang;

namespace {

std::string calleeOf(ts::Node call, std::string_view src) {
  if (!call) return "";
  auto t = call.type();
  if (t == "new_expression") return std::string(call.field("constructor").text(src));
  if (t == "composite_literal") return std::string(call.field("type").text(src));
  if (t == "call" || t == "call_expression") return std::string(calleeText(call, src));
  return "";
}

/// The name a binding target spells: identifier, attribute/property, or a string subscript key.
std::string targetName(ts::Node n, std::string_view src, Lang lang) {
  if (!n) return "";
  auto t = n.type();
  if (t == "identifier" || t == "property_identifier" || t == "field_identifier" ||
      t == "shorthand_property_identifier" || t == "private_property_identifier" || t == "type_identifier")
    return std::string(n.text(src));
  if (t == "attribute") return std::string(n.field("attribute").text(src));
  if (t == "member_expression") return std::string(n.field("property").text(src));
  if (t == "selector_expression") return std::string(n.field("field").text(src));
  if (t == "subscript" || t == "subscript_expression") {
    ts::Node idx = n.field(lang == Lang::Python ? "subscript" : "index");
    if (idx)
      if (auto v = stringLiteralValue(idx, src, lang)) return std::string(*v);
    return "";
  }
  if (t == "literal_element" && n.namedChildCount() == 1) return targetName(n.namedChild(0), src, lang);
  if (t == "expression_list" && n.namedChildCount() == 1) return targetName(n.namedChild(0), src, lang);
  if (auto v = stringLiteralValue(n, src, lang)) return std::string(*v);  // {"api_url": "..."}
  return "";
}

std::string goDurationUnit(std::string_view sel) {
  if (sel == "time.Second") return "SECONDS";
  if (sel == "time.Millisecond") return "MS";
  if (sel == "time.Minute") return "MINUTES";
  if (sel == "time.Hour") return "HOURS";
  return "";
}

}  // namespace

Context contextOf(const core::ParsedFile& file, ts::Node literal) {
  Context c;
  auto src = file.source();
  Lang lang = file.lang;
  ts::Node cur = literal;
  ts::Node p = cur.parent();
  // Climb through wrappers that do not change what the value is.
  while (p) {
    auto t = p.type();
    if (t == "parenthesized_expression" || (lang == Lang::Go && (t == "expression_list" || t == "literal_element"))) {
      cur = p;
      p = p.parent();
      continue;
    }
    if (lang == Lang::Go && t == "binary_expression" && p.field("operator").text(src) == "*") {
      ts::Node other = p.field("left") == cur ? p.field("right") : p.field("left");
      std::string unit = goDurationUnit(other.text(src));
      if (!unit.empty()) {
        c.durationUnit = unit;
        cur = p;
        p = p.parent();
        continue;
      }
    }
    break;
  }
  if (!p) return c;
  auto t = p.type();
  // The enclosing call of an argument list (positional or keyword/object argument).
  auto callOfArgs = [&](ts::Node args) -> ts::Node {
    if (!args) return ts::Node();
    auto at = args.type();
    if (at == "argument_list" || at == "arguments") return args.parent();
    return ts::Node();
  };
  if (t == "assignment" || t == "assignment_expression" || t == "assignment_pattern" || t == "augmented_assignment") {
    if (p.field("right") == cur) c.rawName = targetName(p.field("left"), src, lang);
  } else if (t == "keyword_argument") {
    c.rawName = std::string(p.field("name").text(src));
    c.callee = calleeOf(callOfArgs(p.parent()), src);
  } else if (t == "default_parameter" || t == "typed_default_parameter" || t == "variable_declarator" ||
             t == "public_field_definition" || t == "field_definition") {
    c.rawName = targetName(p.field("name"), src, lang);
    if (c.rawName.empty()) c.rawName = targetName(p.field("property"), src, lang);
  } else if (t == "pair") {
    c.rawName = targetName(p.field("key"), src, lang);
    ts::Node obj = p.parent();  // dictionary / object, possibly nested one level ({pool: {max: 5}})
    ts::Node up = obj ? obj.parent() : ts::Node();
    if (up && up.type() == "pair" && up.parent()) up = up.parent().parent();
    c.callee = calleeOf(callOfArgs(up), src);
  } else if (t == "keyed_element") {
    if (p.namedChildCount() == 2) c.rawName = targetName(p.namedChild(0), src, lang);
    ts::Node lv = p.parent();  // literal_value
    if (lv && lv.parent()) c.callee = calleeOf(lv.parent(), src);
  } else if (t == "const_spec" || t == "var_spec") {
    c.rawName = targetName(p.field("name"), src, lang);
    if (t == "const_spec") c.goConst = p.parent();
  } else if (t == "short_var_declaration" || t == "assignment_statement") {
    ts::Node left = p.field("left");
    if (left && left.namedChildCount() == 1) c.rawName = targetName(left.namedChild(0), src, lang);
  } else if (t == "argument_list" || t == "arguments") {
    c.callee = calleeOf(p.parent(), src);
  }
  return c;
}


std::string literalValue(const core::ParsedFile& file, ts::Node literal) {
  if (auto v = stringLiteralValue(literal, file.source(), file.lang)) return std::string(*v);
  return std::string(literal.text(file.source()));
}

}  // namespace agentlens::rules::externalize_detail
