// no-graceful-shutdown-on-listen (JS/TS): SIGTERM handlers that only close the server (see
// sigterm_close_only.hpp).
#include "rules/deployment/sigterm_close_only.hpp"

#include <array>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules::sigterm {

ts::Node closeOnlyHandler(ts::Node call, std::string_view src, core::Lang lang) {
  auto callee = calleeText(call, src);
  if (callee != "process.on" && callee != "process.once") return {};
  ts::Node args = callArguments(call);
  if (!args || args.namedChildCount() != 2) return {};
  auto sig = args.namedChild(0).text(src);
  if (sig != "'SIGTERM'" && sig != "\"SIGTERM\"") return {};
  ts::Node fn = args.namedChild(1);
  if (fn.type() != "arrow_function" && fn.type() != "function_expression") return {};
  ts::Node body = fn.field("body");
  if (!body) return {};
  auto text = body.text(src);
  for (std::string_view stop : {"exit", "disconnect", "quit", ".end(", "destroy", "kill", "terminate", "shutdown",
                                "Shutdown", "drain", "stop", "await "})
    if (text.find(stop) != std::string_view::npos) return {};
  ts::Node close;
  bool other = false;
  walkSameFunction(body, lang, [&](ts::Node n) {
    if (n.type() != "call_expression" || other) return;
    auto c = calleeText(n, src);
    if (c.ends_with(".close") && !close) close = n;
    else if (!c.ends_with(".close") && !c.starts_with("console.") && !isLoggingCall(n, src, lang)) other = true;
  });
  return other ? ts::Node{} : close;
}

std::string_view openConnection(std::string_view src) {
  static constexpr std::array<std::string_view, 9> kOpen{
      "mongoose.connect(", "MongoClient.connect(", "new MongoClient(", "new Pool(", "createPool(",
      "redis.createClient(", "new Redis(", "new Sequelize(", "new PrismaClient("};
  for (auto o : kOpen)
    if (src.find(o) != std::string_view::npos) return o.substr(0, o.size() - 1);
  return {};
}

}  // namespace agentlens::rules::sigterm
