// unchecked-env-config: sinks, reporting and condition names shared by the language parts.
#include <algorithm>

#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"
#include "rules/configuration/unchecked_env_shared.hpp"

namespace agentlens::rules::unchecked_env {

bool in(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool clientCallee(std::string_view last) {
  return in(last, {"create_engine", "create_async_engine", "connect", "from_url", "Redis", "StrictRedis", "MongoClient",
                   "AsyncIOMotorClient", "Client", "AsyncClient", "Stripe", "OpenAI", "Anthropic", "Pool", "createClient",
                   "createConnection", "createPool", "Sequelize", "PrismaClient", "S3Client", "Minio", "sign", "verify",
                   "Open", "New", "NewClient", "Dial", "ParseURL", "initializeApp", "create_pool", "Elasticsearch"});
}

bool goSink(std::string_view callee) {
  return in(callee, {"sql.Open", "gorm.Open", "postgres.Open", "mysql.Open", "pgxpool.New", "pgx.Connect", "grpc.Dial",
                     "grpc.NewClient", "http.Get", "redis.ParseURL", "mongo.Connect", "sqlx.Connect", "sqlx.Open",
                     "amqp.Dial", "nats.Connect", "http.ListenAndServe", "jwt.Parse"});
}

void report(ts::Node read, const std::string& env, RuleContext& ctx, const std::string& message) {
  auto& st = ctx.state<State>();
  if (std::find(st.reported.begin(), st.reported.end(), read.startByte()) != st.reported.end()) return;
  st.reported.push_back(read.startByte());
  core::Finding& f = ctx.report(read, message + ": require it at start-up");
  if (auto fix = requiredEnvFix(ctx.file(), read, env)) f.fixes.push_back(std::move(*fix));
}

std::uint32_t scopeEnd(const RuleContext& ctx, std::uint32_t& start) {
  ts::Node fn = enclosingFunction(ctx);
  start = fn ? fn.startByte() : 0;
  return fn ? fn.endByte() : 0;
}

void collectNames(ts::Node cond, RuleContext& ctx) {
  auto& st = ctx.state<State>();
  auto src = ctx.source();
  ts::walk(cond, [&](ts::Node n) {
    auto t = n.type();
    if (t == "identifier") st.checks.emplace_back(std::string(n.text(src)), n.startByte());
    if (t == "member_expression" && n.text(src).starts_with("process.env."))
      st.checkedEnv.insert(std::string(n.field("property").text(src)));
    return t != "lambda" && t != "arrow_function" && t != "function_definition";
  });
}

}  // namespace agentlens::rules::unchecked_env
