// file-read-into-memory: a request handler reads a file the request names into memory in full
// (to send it back or parse it), where a stream serves any size in constant memory.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds request handlers that load a whole file into memory when the request chooses the file
(its path comes from the route parameters, query, body or headers):
- JavaScript/TypeScript `fs.readFileSync(p)`, `fs.readFile(p, …)`, `fs.promises.readFile(p)` and
  `readFile`/`readFileSync` imported from `fs` or `fs/promises`;
- Python `open(p).read()`, `Path(p).read_bytes()`/`read_text()`, and `f.read()` on a file opened
  with `with open(p) as f` in the same function (reads with a size argument are chunked and not
  reported);
- Go `os.ReadFile(p)` and `ioutil.ReadFile(p)`.

Only reads whose bytes go to the response as they are (`res.send(data)`, `return f.read()`,
`w.Write(data)`) are reported: a file read to be transformed — a template filled in, a document
parsed — needs its content in memory. Not reported either: files whose path is a constant or
configuration (a template, a small settings file),
streams (`res.sendFile`, `fs.createReadStream(p).pipe(res)`, `FileResponse`, `send_file`,
`http.ServeFile`, `io.Copy`), and code outside request handlers.

## Why is this bad?
Memory per request grows with the file: a few concurrent downloads of a large upload, export or
log file exhaust the worker's memory, and the first byte reaches the client only after the whole
file was read. The file the request names is, by construction, of any size.

## Example
```js
app.get("/exports/:name", (req, res) => {
  res.send(fs.readFileSync(path.join(EXPORTS, req.params.name)));
});
```

Use instead:
```js
app.get("/exports/:name", (req, res) => {
  res.sendFile(req.params.name, { root: EXPORTS });
});
```

## References
- CWE-400 (uncontrolled resource consumption)
- Express `res.sendFile`, Starlette `FileResponse`, Flask `send_from_directory`, Go `http.ServeFile`
)md";

const RuleMeta kMeta{
    .id = "file-read-into-memory",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Go},
    .summary = "Request handler reads a file the request names into memory in full instead of streaming it",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

/// Request data reaches `arg` in the enclosing function.
bool fromRequest(ts::Node arg, RuleContext& ctx) {
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return false;
  bool handler = ctx.facts().routeAt(fn.startByte()) != nullptr;
  auto tainted = sec::taintedNames(fn, ctx.source(), ctx.lang(), handler);
  return sec::exprTainted(arg, ctx.source(), ctx.lang(), tainted);
}

/// The call's first argument when it is request data, else null.
ts::Node requestPathArg(ts::Node call, RuleContext& ctx) {
  ts::Node args = callArguments(call);
  ts::Node arg = args ? sec::positionalArg(args, 0) : ts::Node();
  if (!arg || sec::isConstant(arg, ctx.source(), ctx.lang())) return {};
  return fromRequest(arg, ctx) ? arg : ts::Node();
}

/// The name a call's result is bound to (`const data = …`, `data, err := …`, `data = …`), if any.
std::string_view boundName(ts::Node n, std::string_view src) {
  for (ts::Node p = n.parent(); p; p = p.parent()) {
    std::string_view t = p.type();
    if (t == "await_expression" || t == "parenthesized_expression" || t == "expression_list") continue;
    if (t == "variable_declarator") return p.field("name").text(src);
    if (t == "assignment" || t == "assignment_expression" || t == "short_var_declaration" ||
        t == "assignment_statement") {
      ts::Node left = p.field("left");
      if (left && left.type() == "expression_list" && left.namedChildCount() > 0) left = left.namedChild(0);
      return left ? left.text(src) : std::string_view();
    }
    return {};
  }
  return {};
}

/// The bytes read go to the response as they are (`res.send(data)`, `return f.read()`,
/// `w.Write(data)`): a stream would serve them. A file read to be transformed (a template filled
/// in, a document parsed) is not this rule's case.
bool sentAsIs(ts::Node read, std::string_view fnText, std::string_view src) {
  ts::Node p = read.parent();
  while (p && (p.type() == "await_expression" || p.type() == "parenthesized_expression")) p = p.parent();
  if (p && p.type() == "return_statement") return true;
  if (p && p.type() == "arguments") {
    ts::Node call = p.parent();
    std::string_view callee = call ? calleeText(call, src) : std::string_view();
    for (std::string_view sink : {".send", ".end", ".write", ".Write", "Response", "make_response"})
      if (callee.ends_with(sink)) return true;
  }
  std::string_view name = boundName(read, src);
  if (name.empty()) return false;
  for (std::string_view sink : {".send(", ".end(", ".write(", ".Write(", "return ", "Response("})
    for (std::string_view close : {")", ",", "\n"}) {
      std::string needle = std::string(sink) + std::string(name) + std::string(close);
      if (fnText.find(needle) != std::string_view::npos) return true;
    }
  return false;
}

/// `open(p)` is read whole: `open(p).read()`, or `with open(p) as f:` and an argument-less
/// `f.read()` in the same function.
bool pythonReadWhole(ts::Node open, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node parent = open.parent();
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return false;
  if (parent && parent.type() == "attribute" && parent.field("attribute").text(src) == "read") {
    ts::Node readCall = parent.parent();
    ts::Node args = readCall ? callArguments(readCall) : ts::Node();
    return args && args.namedChildCount() == 0 && sentAsIs(readCall, fn.text(src), src);
  }
  if (!parent || parent.type() != "as_pattern") return false;
  ts::Node alias = parent.field("alias");
  if (!alias) return false;
  std::string needle = "return " + std::string(alias.text(src)) + ".read()";
  return fn.text(src).find(needle) != std::string_view::npos;
}

class FileReadIntoMemory final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || !enclosingFunction(ctx)) return;
    auto src = ctx.source();
    std::string_view callee = calleeText(call, src);
    std::string how;
    if (ctx.lang() == Lang::Python) {
      if (callee == "open" || callee == "io.open") {
        if (!pythonReadWhole(call, ctx)) return;
        how = "stream it (send_file / FileResponse / StreamingResponse) or read it in chunks";
      } else if (callee.ends_with(".read_bytes") || callee.ends_with(".read_text")) {
        ts::Node receiver = call.field("function").field("object");
        if (!receiver || receiver.type() != "call") return;
        std::string_view ctor = calleeText(receiver, src);
        if (ctor != "Path" && ctor != "pathlib.Path") return;
        if (!sentAsIs(call, enclosingFunction(ctx).text(src), src)) return;
        call = receiver;  // the path is Path(...)'s argument
        how = "stream it (send_file / FileResponse) instead of read_bytes()";
      } else {
        return;
      }
    } else if (ctx.lang() == Lang::Go) {
      if (callee != "os.ReadFile" && callee != "ioutil.ReadFile") return;
      how = "stream it with http.ServeFile or io.Copy from os.Open";
    } else {
      static constexpr std::string_view kJs[] = {"fs.readFileSync", "fs.readFile", "fs.promises.readFile",
                                                 "fsp.readFile", "readFileSync", "readFile"};
      if (std::find(std::begin(kJs), std::end(kJs), callee) == std::end(kJs)) return;
      if ((callee == "readFile" || callee == "readFileSync" || callee == "fsp.readFile") &&
          !ctx.facts().imports_("fs") && !ctx.facts().imports_("fs/promises") && !ctx.facts().imports_("node:fs") &&
          !ctx.facts().imports_("node:fs/promises"))
        return;
      how = "stream it with res.sendFile or fs.createReadStream(p).pipe(res)";
    }
    if (ctx.lang() != Lang::Python && !sentAsIs(call, enclosingFunction(ctx).text(src), src)) return;
    if (!requestPathArg(call, ctx)) return;
    ctx.report(call, "`" + std::string(calleeText(call, src)) +
                         "(…)` loads a file the request names into memory in full: " + how + ", and cap what it may read");
  }
};

}  // namespace

const Rule& fileReadIntoMemory() {
  static const FileReadIntoMemory rule;
  return rule;
}

}  // namespace agentlens::rules
