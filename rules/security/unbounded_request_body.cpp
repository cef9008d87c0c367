// unbounded-request-body: request bodies read with no size limit (Flask, Go net/http, Express).
#include <algorithm>
#include <cctype>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/unbounded_ws_payload.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
- Flask: an app (`Flask(__name__)`) whose file reads request bodies (`request.get_json()`,
  `request.json`, `request.files`, `request.form`, `request.data`, `request.get_data()`) and never
  sets `MAX_CONTENT_LENGTH` (Flask's default is no limit);
- Go: an `http.Handler` function that reads `r.Body` (`io.ReadAll`, `json.NewDecoder(r.Body)`,
  `io.Copy`, `r.ParseMultipartForm`) without `http.MaxBytesReader` (or `http.MaxBytesHandler`)
  anywhere in the file;
- FastAPI: `UploadFile` parameters of handlers that never check the size (low severity);
- Express: body parsers given a limit of 10 MB or more (`express.json({ limit: "50mb" })`) and
  `multer` without `limits.fileSize`; `ws` servers without `maxPayload` (100 MiB by default).

## Why is this bad?
A server that accepts any body size can be made to buffer gigabytes in memory or on disk by a
single request: an out-of-memory crash or a full disk is one `curl` away. A limit turns that into
a 413 response.

Not flagged: Express's `express.json()` default (100 kB), Django (`DATA_UPLOAD_MAX_MEMORY_SIZE`
defaults to 2.5 MB), Go `r.ParseForm()`/`FormValue` on URL-encoded bodies (capped at 10 MB by the
standard library), Flask apps configured from an object or file (`app.config.from_object`), tests.
A proxy limit (nginx `client_max_body_size`) is invisible from the code: suppress with a reason.

## Example
```go
func create(w http.ResponseWriter, r *http.Request) {
	var in Order
	json.NewDecoder(r.Body).Decode(&in)
}
```

Use instead:
```go
func create(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	var in Order
	json.NewDecoder(r.Body).Decode(&in)
}
```

## Fix safety
Flask: sets `app.config["MAX_CONTENT_LENGTH"]` from the environment with a 16 MiB default. Go:
inserts `r.Body = http.MaxBytesReader(w, r.Body, 1<<20)` (1 MiB) at the start of the handler.
multer: adds `limits: { fileSize: 10 * 1024 * 1024 }`. All unsafe: larger legitimate uploads are
now rejected; adjust the number.

## References
- gosec G120; SonarJS S5693 (content length)
- Flask `MAX_CONTENT_LENGTH`, Go `http.MaxBytesReader`, multer `limits`
)md";

const RuleMeta kMeta{
    .id = "unbounded-request-body",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Request body read without a size limit",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

/// "50mb", "10MB", "1gb", 52428800 → bytes (0 when unknown).
std::uint64_t parseSize(std::string_view v) {
  std::uint64_t n = 0;
  std::size_t i = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) n = n * 10 + static_cast<std::uint64_t>(v[i++] - '0');
  std::string unit;
  for (; i < v.size(); ++i)
    if (std::isalpha(static_cast<unsigned char>(v[i]))) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(v[i])));
  if (unit.empty() || unit == "b") return n;
  if (unit == "kb") return n << 10;
  if (unit == "mb") return n << 20;
  if (unit == "gb") return n << 30;
  return 0;
}

struct State final : RuleState {
  ts::Node flaskApp;        ///< the `app = Flask(...)` call
  ts::Node flaskStmt;
  std::string flaskName;
  bool flaskReadsBody = false;
  std::optional<bool> configured;  ///< MAX_CONTENT_LENGTH / config.from_* / MaxBytesReader seen
  std::vector<std::uint32_t> goHandlers;  ///< handlers already reported
};

class UnboundedRequestBody final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "attribute", "typed_parameter", "typed_default_parameter"};
    return {"call_expression", "new_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    switch (ctx.lang()) {
      case Lang::Python: return python(node, ctx);
      case Lang::Go: return go(node, ctx);
      default: return js(node, ctx);
    }
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    if (ctx.lang() != Lang::Python || !st.flaskApp || !st.flaskReadsBody || isConfigured(ctx)) return;
    auto src = ctx.source();
    core::Finding& f = ctx.report(st.flaskApp, "Flask app reads request bodies but sets no MAX_CONTENT_LENGTH: one "
                                               "huge upload can exhaust memory or disk");
    core::Fix fix{.title = "Set MAX_CONTENT_LENGTH (16 MiB, overridable from the environment)",
                  .applicability = core::Applicability::Unsafe};
    fix.edits = pythonEnsureImport(ctx.file(), "os");
    core::TextEdit e;
    std::uint32_t at = afterLine(src, st.flaskStmt.endByte());
    e.range = {at, at};
    e.text = (at == src.size() && !src.empty() && src.back() != '\n' ? "\n" : "") + st.flaskName +
             ".config[\"MAX_CONTENT_LENGTH\"] = int(os.environ.get(\"MAX_CONTENT_LENGTH\", \"16777216\"))  # 16 MiB\n";
    fix.edits.push_back(e);
    f.fixes.push_back(std::move(fix));
  }

 private:
  static bool isConfigured(RuleContext& ctx) {
    auto& st = ctx.state<State>();
    if (!st.configured) {
      auto src = ctx.source();
      st.configured = src.find("MAX_CONTENT_LENGTH") != std::string_view::npos ||
                      src.find("config.from_") != std::string_view::npos ||
                      src.find("MaxBytesReader") != std::string_view::npos ||
                      src.find("MaxBytesHandler") != std::string_view::npos;
    }
    return *st.configured;
  }

  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    if (node.type() == "typed_parameter" || node.type() == "typed_default_parameter") return uploadFile(node, ctx);
    if (node.type() == "attribute") {
      if (node.field("object").text(src) != "request") return;
      auto a = node.field("attribute").text(src);
      if (a == "get_json" || a == "json" || a == "files" || a == "form" || a == "data" || a == "get_data" ||
          a == "stream")
        st.flaskReadsBody = true;
      return;
    }
    auto callee = calleeText(node, src);
    if (callee != "Flask" && callee != "flask.Flask") return;
    auto anc = ctx.ancestors();
    if (anc.size() != 3 || anc.back().type() != "assignment") return;  // module-level `app = Flask(...)`
    ts::Node left = anc.back().field("left");
    if (!left || left.type() != "identifier") return;
    st.flaskApp = node;
    st.flaskStmt = anc[1];
    st.flaskName = std::string(left.text(src));
  }

  /// FastAPI: an `UploadFile` parameter of a handler that never looks at the size (low severity:
  /// Starlette spools large uploads to disk, but nothing bounds them).
  static void uploadFile(ts::Node param, RuleContext& ctx) {
    auto src = ctx.source();
    if (!ctx.facts().usesFramework("fastapi") && !ctx.facts().usesFramework("starlette")) return;
    ts::Node type = param.field("type");
    if (!type || type.text(src).find("UploadFile") == std::string_view::npos) return;
    ts::Node fn = ctx.nearestAncestor({"function_definition"});
    if (!fn) return;
    ts::Node body = fn.field("body");
    std::string_view b = body ? body.text(src) : std::string_view();
    for (auto w : {".size", "content-length", "Content-Length", "MAX_", "max_size", "413"})
      if (b.find(w) != std::string_view::npos) return;
    core::Finding& f = ctx.report(param, "upload `" + std::string(param.namedChild(0).text(src)) +
                                             "` has no size check: FastAPI accepts files of any size; reject ones "
                                             "over a limit (file.size)");
    f.severity = core::Severity::Low;
  }

  static void go(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(node, src);
    ts::Node args = callArguments(node);
    if (!args) return;
    // The enclosing handler and its parameter names.
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    ts::Node params = fn.field("parameters");
    std::string w, r;
    for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
      ts::Node p = params.namedChild(i);
      if (p.type() != "parameter_declaration") continue;
      ts::Node typeNode = p.field("type"), nameNode = p.field("name");
      if (!typeNode || !nameNode) continue;  // unnamed parameter: func(http.ResponseWriter, *http.Request)
      auto type = typeNode.text(src);
      std::string name(nameNode.text(src));
      if (type == "http.ResponseWriter") w = name;
      if (type == "*http.Request") r = name;
    }
    if (r.empty() || r == "_") return;
    std::string body = r + ".Body";
    bool reads = false;
    if (callee == "io.ReadAll" || callee == "ioutil.ReadAll" || callee == "json.NewDecoder" || callee == "xml.NewDecoder") {
      reads = args.namedChildCount() >= 1 && args.namedChild(0).text(src) == body;
    } else if (callee == "io.Copy" || callee == "io.CopyN") {
      reads = args.namedChildCount() >= 2 && args.namedChild(1).text(src) == body;
    } else if (callee == r + ".ParseMultipartForm") {
      reads = true;
    }
    if (!reads || isConfigured(ctx)) return;
    auto& st = ctx.state<State>();
    if (std::find(st.goHandlers.begin(), st.goHandlers.end(), fn.startByte()) != st.goHandlers.end()) return;
    st.goHandlers.push_back(fn.startByte());
    core::Finding& f = ctx.report(node, "handler reads " + body + " without http.MaxBytesReader: a single huge request "
                                        "can exhaust memory");
    ts::Node block = fn.field("body");
    if (w.empty() || w == "_" || !block) return;
    auto stmts = statements(block);
    core::Fix fix{.title = "Limit the body to 1 MiB with http.MaxBytesReader", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    std::string line = r + ".Body = http.MaxBytesReader(" + w + ", " + r + ".Body, 1<<20)";
    if (!stmts.empty()) {
      std::uint32_t at = lineStartOf(src, stmts.front().startByte());
      e.range = {at, at};
      e.text = std::string(lineIndent(src, stmts.front().startByte())) + line + "\n";
    } else {
      return;
    }
    fix.edits.push_back(e);
    f.fixes.push_back(std::move(fix));
  }

  static void js(ts::Node node, RuleContext& ctx) {
    if (node.type() == "new_expression") return wsServerWithoutMaxPayload(node, ctx);
    auto src = ctx.source();
    auto callee = calleeText(node, src);
    ts::Node args = callArguments(node);
    if (!args) return;
    ts::Node opts;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
      if (args.namedChild(i).type() == "object") opts = args.namedChild(i);
    if (callee == "multer") {
      if (opts && opts.text(src).find("limits") != std::string_view::npos) return;
      if (args.namedChildCount() > 0 && !opts) return;  // multer(config): configured elsewhere
      core::Finding& f = ctx.report(node, "multer without limits.fileSize accepts uploads of any size");
      core::Fix fix{.title = "Limit uploads to 10 MiB", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      if (opts) {
        e.range = {opts.startByte() + 1, opts.startByte() + 1};
        e.text = " limits: { fileSize: 10 * 1024 * 1024 },";
      } else {
        e.range = {args.startByte() + 1, args.startByte() + 1};
        e.text = "{ limits: { fileSize: 10 * 1024 * 1024 } }";
      }
      fix.edits.push_back(e);
      f.fixes.push_back(std::move(fix));
      return;
    }
    static constexpr std::string_view kParsers[] = {"express.json", "express.urlencoded", "express.raw", "express.text",
                                                    "bodyParser.json", "bodyParser.urlencoded", "bodyParser.raw",
                                                    "bodyParser.text"};
    if (std::find(std::begin(kParsers), std::end(kParsers), callee) == std::end(kParsers) || !opts) return;
    for (std::uint32_t i = 0; i < opts.namedChildCount(); ++i) {
      ts::Node p = opts.namedChild(i);
      if (p.type() != "pair" || p.field("key").text(src) != "limit") continue;
      ts::Node v = p.field("value");
      std::uint64_t bytes = 0;
      if (auto s = stringLiteralValue(v, src, ctx.lang())) bytes = parseSize(*s);
      else if (v.type() == "number") bytes = parseSize(v.text(src));
      if (bytes >= (10ull << 20))
        ctx.report(p, std::string(callee) + " accepts bodies up to " + std::string(v.text(src)) +
                          ": keep the limit near what requests need (the default is 100kb)");
    }
  }
};

}  // namespace

const Rule& unboundedRequestBody() {
  static const UnboundedRequestBody rule;
  return rule;
}

}  // namespace agentlens::rules
