#include "rules/security/sql_sinks.hpp"

#include <algorithm>

#include "rules/common/security.hpp"

namespace agentlens::rules::sqlrule {
namespace {

using core::Lang;

template <std::size_t N>
bool among(const std::string_view (&list)[N], std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

std::optional<std::uint32_t> goIndex(ts::Node args, std::string_view name, std::string_view callee,
                                     std::string_view src) {
  static constexpr std::string_view kSinks[] = {"Query", "QueryRow", "Exec", "QueryContext", "QueryRowContext",
                                                "ExecContext", "Select", "Get", "Raw", "Where", "Prepare",
                                                "PrepareContext", "Queryx", "QueryRowx", "MustExec", "NamedExec",
                                                "QueryOne", "ExecOne", "WhereOr"};
  if (!among(kSinks, name)) return std::nullopt;
  if ((name == "Select" || name == "Get") && callee.starts_with("c.")) return std::nullopt;  // gin/echo context
  std::uint32_t index = 0;
  if (name.ends_with("Context") || name == "Select" || name == "Get" || name == "QueryOne") index = 1;
  ts::Node a0 = sec::positionalArg(args, 0);
  if (index == 0 && a0) {
    std::string_view t0 = a0.text(src);
    // pgx: conn.Query(ctx, sql, args...) takes the context first without the Context suffix.
    if (t0 == "ctx" || t0 == "context.Background()" || t0 == "context.TODO()" || t0.ends_with(".Context()"))
      index = 1;
    // go-pg: db.Query(&model, sql, params...) / db.Query(pg.Scan(&n), sql) take the model first.
    if (name == "Query" && (t0.starts_with("&") || t0.starts_with("pg.Scan("))) index = 1;
  }
  return index;
}

}  // namespace

std::optional<std::uint32_t> queryIndex(ts::Node args, std::string_view name, std::string_view callee,
                                        std::string_view src, Lang lang) {
  if (lang == Lang::Python) {
    static constexpr std::string_view kSinks[] = {"execute", "executemany", "executescript", "raw", "RawSQL",
                                                  "exec_driver_sql", "read_sql", "read_sql_query", "fetch",
                                                  "fetchrow", "fetchval", "mogrify", "run"};
    if (!among(kSinks, name)) return std::nullopt;
    // pg8000.native `conn.run(sql, **params)`; not subprocess/asyncio/app runners.
    if (name == "run" && (callee.starts_with("subprocess.") || callee.starts_with("asyncio.") ||
                          callee.starts_with("app.") || callee.starts_with("uvicorn.")))
      return std::nullopt;
    return 0;
  }
  if (lang == Lang::Go) return goIndex(args, name, callee, src);
  static constexpr std::string_view kSinks[] = {"query", "execute", "raw", "$queryRawUnsafe", "$executeRawUnsafe",
                                                "run", "all", "get", "exec", "prepare", "unsafe"};
  if (!among(kSinks, name)) return std::nullopt;
  return 0;
}

}  // namespace agentlens::rules::sqlrule
