// unsafe-deserialization: formats that run code while loading (pickle, YAML's full loader,
// node-serialize) fed with data from outside the process.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds deserializers that can run code while they load:
- Python `yaml.load(…)` without a safe loader (`Loader=yaml.SafeLoader`/`CSafeLoader`), or with
  `Loader=yaml.Loader`/`UnsafeLoader`/`FullLoader`, and `yaml.unsafe_load(…)`: always reported,
  since `yaml.safe_load` reads the same documents;
- Python `pickle.loads/load`, `cPickle`, `dill`, `marshal.loads/load`, `jsonpickle.decode` and
  `pandas.read_pickle` on request data or inside a route handler (loading the service's own cache
  or model file elsewhere is not reported);
- JavaScript/TypeScript `unserialize(…)` from `node-serialize` (it evaluates functions in the
  input).

Critical when the input comes from the request in the same function.

## Why is this bad?
A pickle, a YAML document with `!!python/object/apply` tags, or a node-serialize payload with an
`_$$ND_FUNC$$_` function is a program: loading it runs the attacker's code in the service with
its credentials (CWE-502).

## Example
```python
config = yaml.load(request.data)
```

Use instead:
```python
config = yaml.safe_load(request.data)
```

## Fix safety
`yaml.load(x)` becomes `yaml.safe_load(x)`: safe for plain data; documents that relied on Python
tags no longer load. No fix for pickle or node-serialize: switch the format to JSON.

## References
- OWASP Deserialization Cheat Sheet; CWE-502
- Bandit B301/B506, Ruff S301/S506, semgrep javascript.lang.security.audit.unsafe-serialize
)md";

const RuleMeta kMeta{
    .id = "unsafe-deserialization",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .summary = "Deserializer that runs code (pickle, unsafe YAML, node-serialize) on outside data",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

bool pickleLike(std::string_view callee) {
  static constexpr std::string_view kCalls[] = {
      "pickle.loads", "pickle.load", "cPickle.loads", "cPickle.load", "dill.loads", "dill.load",
      "marshal.loads", "marshal.load", "jsonpickle.decode", "pd.read_pickle", "pandas.read_pickle"};
  return std::find(std::begin(kCalls), std::end(kCalls), callee) != std::end(kCalls);
}

class UnsafeDeserialization final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (ctx.lang() == Lang::Python) python(call, ctx);
    else js(call, ctx);
  }

 private:
  /// Request data reaches `arg` in the enclosing function; `handler`: that function is a route.
  static bool fromRequest(ts::Node arg, RuleContext& ctx, bool& handler) {
    ts::Node fn = enclosingFunction(ctx);
    handler = fn && ctx.facts().routeAt(fn.startByte()) != nullptr;
    if (!fn) return false;
    auto tainted = sec::taintedNames(fn, ctx.source(), ctx.lang(), handler);
    return sec::exprTainted(arg, ctx.source(), ctx.lang(), tainted);
  }

  static void python(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view callee = calleeText(call, src);
    ts::Node args = callArguments(call);
    ts::Node arg = args ? sec::positionalArg(args, 0) : ts::Node();
    if (!arg || sec::isConstant(arg, src, Lang::Python)) return;
    bool handler = false;
    bool req = fromRequest(arg, ctx, handler);
    if (callee == "yaml.load" || callee == "yaml.unsafe_load" || callee == "yaml.load_all") {
      ts::Node loader = sec::keywordArg(args, "Loader", src);
      if (!loader && sec::positionalCount(args) >= 2) loader = sec::positionalArg(args, 1);
      std::string_view lt = loader ? loader.text(src) : "";
      if (callee != "yaml.unsafe_load" && (lt.ends_with("SafeLoader") || lt.ends_with("BaseLoader"))) return;
      auto& f = ctx.report(call, "`" + std::string(callee) + "` " + (loader ? "with `" + std::string(lt) + "`" :
                                                                      std::string("without a safe loader")) +
                                     " builds arbitrary Python objects" + (req ? " from request data" : "") +
                                     ": use yaml.safe_load");
      if (req) f.severity = core::Severity::Critical;
      if (callee == "yaml.load" && !loader && sec::positionalCount(args) == 1) {
        core::Fix fix{.title = "Use yaml.safe_load", .applicability = core::Applicability::Unsafe};
        fix.edits.push_back(sec::replaceNode(call.field("function"), "yaml.safe_load"));
        f.fixes.push_back(std::move(fix));
      }
      return;
    }
    if (!pickleLike(callee) || (!req && !handler)) return;
    auto& f = ctx.report(call, "`" + std::string(callee) + "` on " +
                                   (req ? std::string("request data") : std::string("data in a request handler")) +
                                   " runs code embedded in the payload: use JSON (or sign and verify the bytes)");
    if (req) f.severity = core::Severity::Critical;
  }

  static void js(ts::Node call, RuleContext& ctx) {
    if (!ctx.facts().imports_("node-serialize")) return;
    auto src = ctx.source();
    if (calleeName(call, src) != "unserialize") return;
    ts::Node args = callArguments(call);
    ts::Node arg = args ? sec::positionalArg(args, 0) : ts::Node();
    if (!arg || sec::isConstant(arg, src, ctx.lang())) return;
    bool handler = false;
    bool req = fromRequest(arg, ctx, handler);
    auto& f = ctx.report(call, std::string("node-serialize `unserialize` evaluates functions in its input") +
                                   (req ? " and gets request data" : "") + ": parse JSON with JSON.parse instead");
    if (req) f.severity = core::Severity::Critical;
  }
};

}  // namespace

const Rule& unsafeDeserialization() {
  static const UnsafeDeserialization rule;
  return rule;
}

}  // namespace agentlens::rules
