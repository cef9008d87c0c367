// Handler body facts: one walk over each route handler (in finish()), collecting literal status
// codes, input reads, validation, DB and outbound HTTP calls, and in-handler auth calls.
#include <algorithm>

#include "core/facts/extract.hpp"

namespace agentlens::core::facts_detail {
namespace {

bool oneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

std::string_view lastSegment(std::string_view s) {
  auto d = s.rfind('.');
  return d == std::string_view::npos ? s : s.substr(d + 1);
}

std::string_view receiverOf(std::string_view callee) {
  auto d = callee.rfind('.');
  return d == std::string_view::npos ? std::string_view() : callee.substr(0, d);
}

bool containsAny(std::string_view hay, std::initializer_list<std::string_view> needles) {
  auto l = lower(hay);
  return std::any_of(needles.begin(), needles.end(), [&](std::string_view n) { return l.find(n) != std::string::npos; });
}

void addStatus(Route& r, int code) {
  if (code >= 100 && code <= 599 && std::find(r.statusCodes.begin(), r.statusCodes.end(), code) == r.statusCodes.end())
    r.statusCodes.push_back(code);
}

void pythonNode(State& st, ts::Node n, Route& r) {
  auto t = n.type();
  if (t == "call") {
    auto callee = st.text(n.field("function"));
    auto last = lastSegment(callee);
    auto recv = receiverOf(callee);
    auto args = callArgs(n);
    if ((last == "abort" || last == "HTTPException" || last == "Response" || last == "JSONResponse") && !args.empty())
      addStatus(r, statusCodeOf(st, args[0]));
    for (auto kw : {"status_code", "status", "code"})
      if (ts::Node v = keywordArg(st, n, kw)) addStatus(r, statusCodeOf(st, v));
    if (oneOf(last, {"execute", "executemany", "fetchone", "fetchall", "fetchmany", "scalars", "scalar", "scalar_one",
                     "scalar_one_or_none", "commit", "add", "add_all", "get_or_404", "first_or_404", "filter_by",
                     "query", "find_one", "insert_one", "insert_many", "update_one", "delete_one", "aggregate",
                     "count_documents", "first", "all", "filter"}) &&
        containsAny(recv, {"db", "session", "cursor", "conn", "cur", "engine", "collection", "objects", "pool", "repo",
                           "query", "table"}))
      r.callsDb = true;
    if (oneOf(callee, {"psycopg2.connect", "sqlite3.connect", "pymysql.connect", "create_engine"})) r.callsDb = true;
    auto first = callee.substr(0, callee.find('.'));
    if (first == "requests" || first == "httpx" || last == "urlopen" || callee.starts_with("aiohttp."))
      r.callsHttp = true;
    if (oneOf(last, {"model_validate", "model_validate_json", "parse_obj", "parse_raw", "validate", "load"}) &&
        !oneOf(callee, {"json.load", "yaml.load", "pickle.load"}))
      r.validatesBody = true;
    if (oneOf(callee, {"request.get_json", "request.json", "request.form", "request.body", "request.get_data"}))
      r.readsInput = true;
  } else if (t == "attribute") {
    auto obj = st.text(n.field("object"));
    auto attr = st.text(n.field("attribute"));
    if (obj == "request" && oneOf(attr, {"json", "get_json", "form", "args", "values", "data", "files", "view_args",
                                         "query_params", "path_params", "body", "POST", "GET", "FILES"}))
      r.readsInput = true;
  } else if (t == "return_statement" && n.namedChildCount() == 1) {
    ts::Node v = n.namedChild(0);
    if (v.type() == "expression_list" || v.type() == "tuple") {
      for (std::uint32_t i = 1; i < v.namedChildCount(); ++i) {
        int c = statusCodeOf(st, v.namedChild(i));
        if (c > 0) {
          addStatus(r, c);
          break;
        }
      }
    }
  }
}

void jsNode(State& st, ts::Node n, Route& r, bool& authCall) {
  auto t = n.type();
  if (t == "call_expression") {
    ts::Node fn = n.field("function");
    auto callee = st.text(fn);
    std::string_view last = callee;
    if (fn.type() == "member_expression") last = st.text(fn.field("property"));
    auto recv = fn.type() == "member_expression" ? st.text(fn.field("object")) : std::string_view();
    auto args = callArgs(n);
    if ((last == "status" || last == "sendStatus" || last == "code") && !args.empty()) addStatus(r, statusCodeOf(st, args[0]));
    if (oneOf(last, {"parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateAsync", "validateSync",
                     "assert", "validationResult", "is"}) &&
        recv != "JSON" && !recv.starts_with("JSON") && recv != "Date" && recv != "url" && recv != "URL")
      r.validatesBody = true;
    if (callee == "fetch" || callee.starts_with("axios") || callee.starts_with("got") || callee.starts_with("ky.") ||
        callee == "ky" || callee == "http.request" || callee == "https.request" || callee == "http.get" ||
        callee == "https.get" || callee.starts_with("superagent"))
      r.callsHttp = true;
    if (containsAny(recv, {"prisma", "db", "pool", "knex", "sequelize", "repository", "repo", "collection", "mongoose",
                           "redis", "supabase", "sql", "model", "drizzle", "pg", "mysql", "conn"}) ||
        (oneOf(last, {"findMany", "findUnique", "findFirst", "findOne", "findById", "findAll", "insertOne", "updateOne",
                      "deleteOne", "aggregate", "findByPk", "upsert"})))
      r.callsDb = true;
    if (oneOf(last, {"auth", "getServerSession", "currentUser", "getToken", "getAuth", "verifyIdToken", "requireAuth",
                     "getSession", "verifyToken", "authenticate", "verifyApiKey", "validateApiKey", "getCurrentUser",
                     "requireUser"}) ||
        (last == "getUser" && callee.find("auth.") != std::string_view::npos) ||
        (last == "verify" && (recv == "jwt" || recv == "jsonwebtoken")))
      authCall = true;
    if (oneOf(last, {"json", "formData", "text"}) && (recv == "req" || recv == "request") && args.empty())
      r.readsInput = true;
  } else if (t == "member_expression") {
    auto obj = st.text(n.field("object"));
    auto prop = st.text(n.field("property"));
    if ((obj == "req" || obj == "request" || obj == "ctx.request" || obj == "c.req") &&
        oneOf(prop, {"body", "query", "params", "files", "file", "searchParams", "nextUrl", "cookies"}))
      r.readsInput = true;
    if (prop == "searchParams") r.readsInput = true;
  } else if (t == "pair") {
    if (st.text(n.field("key")) == "status") addStatus(r, statusCodeOf(st, n.field("value")));
  }
}

void goNode(State& st, ts::Node n, Route& r) {
  auto t = n.type();
  if (t == "call_expression") {
    ts::Node fn = n.field("function");
    auto callee = st.text(fn);
    std::string_view last = callee, recv;
    if (fn.type() == "selector_expression") {
      last = st.text(fn.field("field"));
      recv = st.text(fn.field("operand"));
    }
    auto args = callArgs(n);
    if (callee == "http.Error" && args.size() >= 3) addStatus(r, statusCodeOf(st, args[2]));
    else if (callee == "http.NotFound") addStatus(r, 404);
    else if (callee == "http.Redirect" && args.size() >= 4) addStatus(r, statusCodeOf(st, args[3]));
    else if (oneOf(last, {"WriteHeader", "JSON", "XML", "String", "Status", "AbortWithStatus", "AbortWithStatusJSON",
                          "IndentedJSON", "NoContent", "HTML", "Data", "JSONBlob", "SendStatus", "PureJSON",
                          "SecureJSON", "AbortWithError", "Redirect"}) &&
             !args.empty())
      addStatus(r, statusCodeOf(st, args[0]));
    if (oneOf(last, {"FormValue", "PostFormValue", "PathValue", "URLParam", "Param", "Query", "QueryParam",
                     "DefaultQuery", "PostForm", "Bind", "BindJSON", "ShouldBind", "ShouldBindJSON", "ShouldBindQuery",
                     "ShouldBindUri", "ParseForm", "ParseMultipartForm", "FormFile", "BodyParser", "Params",
                     "GetQuery", "QueryParams"}))
      r.readsInput = true;
    if (oneOf(last, {"ShouldBindJSON", "ShouldBind", "BindJSON", "Bind", "ShouldBindWith", "Struct", "Validate",
                     "ShouldBindBodyWith"}))
      r.validatesBody = true;
    if ((oneOf(last, {"Query", "QueryRow", "QueryContext", "QueryRowContext", "Exec", "ExecContext", "Begin",
                      "BeginTx", "Prepare", "PrepareContext", "Get", "Select", "NamedExec", "Find", "First", "Create",
                      "Save", "Where", "Delete", "Model", "Preload", "Updates"}) &&
         containsAny(recv, {"db", "tx", "pool", "conn", "store", "repo", "stmt", "queries", "sqlx", "gorm"})) ||
        oneOf(callee, {"sql.Open", "pgx.Connect", "gorm.Open"}))
      r.callsDb = true;
    if (oneOf(callee, {"http.Get", "http.Post", "http.Head", "http.PostForm", "http.NewRequest",
                       "http.NewRequestWithContext"}) ||
        (last == "Do" && containsAny(recv, {"client", "http"})))
      r.callsHttp = true;
  } else if (t == "selector_expression") {
    auto text = st.text(n);
    if (text == "r.Body" || text == "req.Body" || text == "r.URL.Query" || text == "r.Form" || text == "r.PostForm")
      r.readsInput = true;
  }
}

}  // namespace

void analyzeHandlerBody(State& st, ts::Node fn, Route& route, bool& authCall) {
  ts::walk(fn, [&](ts::Node n) {
    if (!n.isNamed()) return true;
    switch (st.lang) {
      case Lang::Python: pythonNode(st, n, route); break;
      case Lang::JavaScript:
      case Lang::TypeScript:
      case Lang::Tsx: jsNode(st, n, route, authCall); break;
      case Lang::Go: goNode(st, n, route); break;
      default: break;
    }
    return true;
  });
  std::sort(route.statusCodes.begin(), route.statusCodes.end());
}

}  // namespace agentlens::core::facts_detail
