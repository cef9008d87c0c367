// "Externalize to environment variable": the per-language lookups and the two fixes. The variable
// name, the literal's context, the .env.example value and the once-per-file helpers live in
// externalize_{names,context,example,edits}.cpp. See externalize.hpp for the idioms.
#include "rules/common/externalize.hpp"

#include "rules/common/externalize_detail.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules {

using core::Lang;
using namespace externalize_detail;

namespace {

bool isStringNode(ts::Node n, Lang lang) {
  auto t = n.type();
  if (lang == Lang::Go) return t == "interpreted_string_literal" || t == "raw_string_literal";
  if (core::isJsFamily(lang)) return t == "string" || t == "template_string";
  return t == "string";
}

bool isNumberNode(ts::Node n, Lang lang) {
  auto t = n.type();
  if (lang == Lang::Go) return t == "int_literal" || t == "float_literal";
  if (core::isJsFamily(lang)) return t == "number";
  return t == "integer" || t == "float";
}

/// JS: a replacement that is a binary expression needs parentheses unless its parent takes a
/// whole expression.
bool jsNeedsParens(ts::Node literal) {
  ts::Node p = literal.parent();
  if (!p) return false;
  return !isOneOf(p.type(), {"arguments", "pair", "variable_declarator", "assignment_expression", "array",
                             "return_statement", "expression_statement", "parenthesized_expression",
                             "template_substitution", "assignment_pattern", "public_field_definition",
                             "jsx_expression", "field_definition", "spread_element"});
}

bool goNeedsParens(ts::Node literal) {
  ts::Node p = literal.parent();
  if (!p) return false;
  return !isOneOf(p.type(), {"argument_list", "literal_element", "expression_list", "keyed_element",
                             "return_statement", "parenthesized_expression", "var_spec", "const_spec"});
}

std::string parens(std::string s, bool need) { return need ? "(" + s + ")" : s; }

bool requiredKind(EnvValueKind kind, bool keepDefault) {
  switch (kind) {
    case EnvValueKind::Secret:
    case EnvValueKind::Required:
    case EnvValueKind::ConnectionString:
      return true;
    case EnvValueKind::Endpoint:
      return !keepDefault;
    case EnvValueKind::Port:
    case EnvValueKind::Tunable:
      return false;
  }
  return true;
}

/// What a lookup replaces the literal with, and what else the file needs for it.
struct Lookup {
  std::string replacement;
  std::vector<core::TextEdit> edits;  ///< imports, Go `const` → `var`
  std::optional<core::TextEdit> helper;
};

/// The literal being externalized, as the per-language builders need it.
struct LiteralSpec {
  ts::Node node;
  EnvValueKind kind;
  std::string name;        ///< the variable
  std::string value;       ///< the literal's value (string content or number text)
  std::string_view written;  ///< the literal as written
  bool required;
  bool isNumber;
};

std::optional<Lookup> pythonLookup(const core::ParsedFile& file, const LiteralSpec& l) {
  Lookup out;
  out.edits = pythonEnsureImport(file, "os");
  std::string get = "os.environ.get(" + quoted(l.name) + ", ";
  if (l.required) {
    out.replacement = "os.environ[" + quoted(l.name) + "]";
  } else if (l.isNumber) {
    if (!isDecimalInt(l.value) && !isFloatText(l.value)) return std::nullopt;
    out.replacement = std::string(isFloatText(l.value) ? "float(" : "int(") + get + quoted(l.value) + "))";
  } else if (l.kind == EnvValueKind::Port) {
    auto sp = splitPort(l.value);
    if (!sp) return std::nullopt;
    if (sp->first.empty()) out.replacement = get + quoted(sp->second) + ")";
    else out.replacement = "f\"" + sp->first + "{os.environ.get('" + l.name + "', '" + sp->second + "')}\"";
  } else {
    out.replacement = get + std::string(l.written) + ")";
  }
  return out;
}

std::optional<Lookup> jsLookup(const core::ParsedFile& file, const LiteralSpec& l) {
  Lookup out;
  std::string written(l.written);
  if (l.required) {
    out.replacement = "requiredEnv(" + quoted(l.name) + ")";
    if (!declaresTopLevel(file, "requiredEnv")) out.helper = jsHelperEdit(file);
  } else if (l.isNumber) {
    out.replacement = parens("Number(process.env." + l.name + ") || " + written, jsNeedsParens(l.node));
  } else if (l.kind == EnvValueKind::Port) {
    auto sp = splitPort(l.value);
    if (!sp) return std::nullopt;
    if (sp->first.empty()) out.replacement = parens("process.env." + l.name + " || " + written, jsNeedsParens(l.node));
    else out.replacement = "`" + sp->first + "${process.env." + l.name + " || " + quoted(sp->second) + "}`";
  } else {
    out.replacement = parens("process.env." + l.name + " || " + written, jsNeedsParens(l.node));
  }
  return out;
}

/// Go: a const cannot hold a call, so a lone `const x = …` becomes a var; a const group gets no
/// fix (nullopt). An empty edit list when the literal is not in a const.
std::optional<std::vector<core::TextEdit>> goConstToVar(ts::Node literal) {
  for (ts::Node a = literal.parent(); a; a = a.parent()) {
    if (a.type() == "const_declaration") {
      bool group = false;
      std::uint32_t specs = 0;
      for (std::uint32_t i = 0; i < a.childCount(); ++i) {
        if (a.child(i).type() == "(") group = true;
        if (a.child(i).type() == "const_spec") ++specs;
      }
      if (group || specs != 1) return std::nullopt;
      core::TextEdit kw;
      kw.range = {a.child(0).startByte(), a.child(0).endByte()};
      kw.text = "var";
      return std::vector<core::TextEdit>{kw};
    }
    if (isFunctionNode(a, Lang::Go)) break;
  }
  return std::vector<core::TextEdit>{};
}

std::optional<Lookup> goLookup(const core::ParsedFile& file, const LiteralSpec& l) {
  Context c = contextOf(file, l.node);
  auto constEdits = goConstToVar(l.node);
  if (!constEdits) return std::nullopt;
  Lookup out;
  out.edits = std::move(*constEdits);
  std::string written(l.written);
  std::vector<std::string_view> imports{"os"};
  std::string_view helperName, helperText;
  if (l.required) {
    out.replacement = "mustEnv(" + quoted(l.name) + ")";
    helperName = "mustEnv";
    helperText = kGoMustEnv;
  } else if (l.isNumber) {
    if (!isDecimalInt(l.value)) return std::nullopt;  // floats and hex: no integer helper fits
    out.replacement = "envInt(" + quoted(l.name) + ", " + written + ")";
    if (!c.durationUnit.empty()) out.replacement = "time.Duration(" + out.replacement + ")";
    helperName = "envInt";
    helperText = kGoEnvInt;
    imports.push_back("strconv");
  } else if (l.kind == EnvValueKind::Port) {
    auto sp = splitPort(l.value);
    if (!sp) return std::nullopt;
    out.replacement = "envOr(" + quoted(l.name) + ", " + quoted(sp->second) + ")";
    if (!sp->first.empty()) out.replacement = parens(quoted(sp->first) + " + " + out.replacement, goNeedsParens(l.node));
    helperName = "envOr";
    helperText = kGoEnvOr;
  } else {
    out.replacement = "envOr(" + quoted(l.name) + ", " + written + ")";
    helperName = "envOr";
    helperText = kGoEnvOr;
  }
  for (auto& e : goImports(file, imports)) out.edits.push_back(std::move(e));
  if (!declaresTopLevel(file, helperName)) out.helper = goHelperEdit(file, helperText);
  return out;
}

/// The fix's edits: the lookup's own edits, the replacement of `range`, the helper (in source
/// order, insertions at one offset merged), then the .env.example line `NAME=example`.
std::vector<core::TextEdit> assembleEdits(Lookup lookup, core::ByteRange range, const std::string& name,
                                          const std::string& example) {
  std::vector<core::TextEdit> edits = std::move(lookup.edits);
  core::TextEdit replace;
  replace.range = range;
  replace.text = std::move(lookup.replacement);
  edits.push_back(std::move(replace));
  if (lookup.helper) edits.push_back(std::move(*lookup.helper));
  std::stable_sort(edits.begin(), edits.end(), [](const core::TextEdit& a, const core::TextEdit& b) {
    return a.range.start < b.range.start;
  });
  mergeInsertions(edits);
  core::TextEdit env;
  env.kind = core::TextEdit::Kind::AppendLineIfMissing;
  env.path = ".env.example";
  env.key = name + "=";
  env.text = name + "=" + example;
  edits.push_back(std::move(env));
  return edits;
}

}  // namespace

// ---------------------------------------------------------------- public API

std::optional<core::Fix> externalizeFix(const core::ParsedFile& file, ts::Node literal, EnvValueKind kind,
                                        const ExternalizeOptions& opts) {
  if (!file.tree.valid() || !literal) return std::nullopt;
  Lang lang = file.lang;
  auto src = file.source();
  bool isString = isStringNode(literal, lang);
  bool isNumber = isNumberNode(literal, lang);
  if (!isString && !isNumber) return std::nullopt;
  if (isString && !stringLiteralValue(literal, src, lang)) return std::nullopt;  // interpolated
  LiteralSpec l{literal,
                kind,
                opts.name.empty() ? deriveEnvName(file, literal, kind) : opts.name,
                literalValue(file, literal),
                literal.text(src),
                requiredKind(kind, opts.keepDefault),
                isNumber};
  std::optional<Lookup> lookup;
  if (lang == Lang::Python) lookup = pythonLookup(file, l);
  else if (core::isJsFamily(lang)) lookup = jsLookup(file, l);
  else if (lang == Lang::Go) lookup = goLookup(file, l);
  if (!lookup) return std::nullopt;

  core::Fix fix;
  fix.title = "Externalize to environment variable " + l.name + " (and list it in .env.example)";
  fix.applicability = core::Applicability::Unsafe;
  fix.edits = assembleEdits(std::move(*lookup), {literal.startByte(), literal.endByte()}, l.name,
                            envExampleValue(l.value, kind));
  return fix;
}

std::optional<core::Fix> requiredEnvFix(const core::ParsedFile& file, ts::Node expr, const std::string& name) {
  if (!file.tree.valid() || !expr || name.empty()) return std::nullopt;
  Lookup lookup;
  if (file.lang == Lang::Python) {
    lookup.edits = pythonEnsureImport(file, "os");
    lookup.replacement = "os.environ[" + quoted(name) + "]";
  } else if (core::isJsFamily(file.lang)) {
    lookup.replacement = "requiredEnv(" + quoted(name) + ")";
    if (!declaresTopLevel(file, "requiredEnv")) lookup.helper = jsHelperEdit(file);
  } else if (file.lang == Lang::Go) {
    lookup.edits = goImports(file, {"os"});
    lookup.replacement = "mustEnv(" + quoted(name) + ")";
    if (!declaresTopLevel(file, "mustEnv")) lookup.helper = goHelperEdit(file, kGoMustEnv);
  } else {
    return std::nullopt;
  }
  core::Fix fix;
  fix.title = "Require " + name + " from the environment at start-up (and list it in .env.example)";
  fix.applicability = core::Applicability::Unsafe;
  fix.edits = assembleEdits(std::move(lookup), {expr.startByte(), expr.endByte()}, name, "");
  return fix;
}

}  // namespace agentlens::rules
