// The shared "Externalize to environment variable" fix: name derivation, each language's edits
// (applied and reparsed), and what .env.example receives.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/fix_apply.hpp"
#include "core/parsed_file.hpp"
#include "rules/common/externalize.hpp"

using namespace agentlens;
using rules::EnvValueKind;

namespace {

struct Parsed {
  core::ParsedFile file;
  explicit Parsed(core::Lang lang, std::string text)
      : file(core::parseFile("app/x", lang, std::make_shared<std::string>(std::move(text)))) {}

  /// The first literal node (string or number) whose source text is `lit`.
  ts::Node literal(std::string_view lit) const {
    ts::Node found;
    auto src = file.source();
    ts::walk(file.tree.root(), [&](ts::Node n) {
      if (found) return false;
      auto t = n.type();
      bool literalType = t == "string" || t == "template_string" || t == "integer" || t == "float" ||
                         t == "number" || t == "interpreted_string_literal" || t == "raw_string_literal" ||
                         t == "int_literal" || t == "float_literal";
      if (literalType && n.text(src) == lit) found = n;
      return !found;
    });
    REQUIRE_MESSAGE(!found.isNull(), "literal not found: " << lit);
    return found;
  }
  std::string name(std::string_view lit, EnvValueKind k) const { return rules::deriveEnvName(file, literal(lit), k); }

  /// Applies the fix to the file's own text; checks the result parses without errors.
  std::string apply(std::string_view lit, EnvValueKind k, rules::ExternalizeOptions opts = {}) const {
    auto fix = rules::externalizeFix(file, literal(lit), k, opts);
    REQUIRE(fix.has_value());
    auto out = core::applyEdits(file.source(), fix->edits);
    REQUIRE(out.has_value());
    ts::Parser p;
    REQUIRE(p.setLanguage(file.lang));
    ts::Tree t = p.parse(*out);
    CHECK_MESSAGE(!t.root().hasError(), "fix leaves a syntax error:\n" << *out);
    return *out;
  }
  /// The .env.example line the fix appends.
  std::string example(std::string_view lit, EnvValueKind k) const {
    auto fix = rules::externalizeFix(file, literal(lit), k);
    REQUIRE(fix.has_value());
    for (const auto& e : fix->edits)
      if (e.kind == core::TextEdit::Kind::AppendLineIfMissing) {
        CHECK(e.path == ".env.example");
        CHECK(e.key == e.text.substr(0, e.text.find('=') + 1));
        return e.text;
      }
    FAIL("no .env.example edit");
    return "";
  }
};

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("externalize: names come from bindings, keys, keywords and calls") {
    Parsed py(core::Lang::Python, R"(import requests
PAYMENTS_URL = "http://localhost:9000/charge"
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://shop:pw@db.internal:5432/shop"
engine = create_engine("postgresql://shop:pw@db:5432/shop", pool_size=10)
r = requests.get("https://api.mailgun.net/v3/messages", timeout=5)
cache = redis.from_url("redis://cache:6379/0")
client = httpx.Client(base_url="http://billing:8000")
app.run(port=5000)
def f(api_token="abc"):
    pass
)");
    CHECK(py.name("\"http://localhost:9000/charge\"", EnvValueKind::Endpoint) == "PAYMENTS_URL");
    CHECK(py.name("\"postgresql://shop:pw@db.internal:5432/shop\"", EnvValueKind::ConnectionString) == "DATABASE_URL");
    CHECK(py.name("\"postgresql://shop:pw@db:5432/shop\"", EnvValueKind::ConnectionString) == "DATABASE_URL");
    CHECK(py.name("10", EnvValueKind::Tunable) == "DB_POOL_SIZE");
    CHECK(py.name("5", EnvValueKind::Tunable) == "REQUEST_TIMEOUT");
    CHECK(py.name("\"https://api.mailgun.net/v3/messages\"", EnvValueKind::Endpoint) == "MAILGUN_URL");
    CHECK(py.name("\"redis://cache:6379/0\"", EnvValueKind::ConnectionString) == "REDIS_URL");
    CHECK(py.name("\"http://billing:8000\"", EnvValueKind::Endpoint) == "BILLING_BASE_URL");
    CHECK(py.name("5000", EnvValueKind::Port) == "PORT");
    CHECK(py.name("\"abc\"", EnvValueKind::Secret) == "API_TOKEN");

    Parsed js(core::Lang::JavaScript, R"(const pool = new Pool({ connectionString: "postgres://u:p@db/app", max: 20 });
const api = axios.create({ baseURL: "https://api.stripe.com/v1", timeout: 5000 });
app.listen(3000);
const mongoUri = "mongodb+srv://u:p@cluster0.abc.mongodb.net/app";
)");
    CHECK(js.name("\"postgres://u:p@db/app\"", EnvValueKind::ConnectionString) == "DATABASE_URL");
    CHECK(js.name("20", EnvValueKind::Tunable) == "DB_POOL_MAX");
    CHECK(js.name("\"https://api.stripe.com/v1\"", EnvValueKind::Endpoint) == "STRIPE_BASE_URL");
    CHECK(js.name("5000", EnvValueKind::Tunable) == "REQUEST_TIMEOUT_MS");
    CHECK(js.name("3000", EnvValueKind::Port) == "PORT");
    CHECK(js.name("\"mongodb+srv://u:p@cluster0.abc.mongodb.net/app\"", EnvValueKind::ConnectionString) == "MONGO_URI");

    Parsed go(core::Lang::Go, R"(package main

func main() {
	db, _ := sql.Open("postgres", "postgres://u:p@localhost/app?sslmode=disable")
	db.SetMaxOpenConns(25)
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
	client := &http.Client{Timeout: 10 * time.Second}
	_, _, _ = srv, client, db
}
)");
    CHECK(go.name("\"postgres://u:p@localhost/app?sslmode=disable\"", EnvValueKind::ConnectionString) ==
          "DATABASE_URL");
    CHECK(go.name("25", EnvValueKind::Tunable) == "DB_MAX_OPEN_CONNS");
    CHECK(go.name("\":8080\"", EnvValueKind::Port) == "PORT");
    CHECK(go.name("5", EnvValueKind::Tunable) == "READ_HEADER_TIMEOUT_SECONDS");
    CHECK(go.name("10", EnvValueKind::Tunable) == "REQUEST_TIMEOUT_SECONDS");
  }

  TEST_CASE("externalize: .env.example never receives a secret") {
    using rules::envExampleValue;
    CHECK(envExampleValue("sk_live_abcdef123456", EnvValueKind::Secret).empty());
    CHECK(envExampleValue("whatever", EnvValueKind::Required).empty());
    CHECK(envExampleValue("postgresql://shop:s3cret@db.internal:5432/shop?sslmode=require",
                          EnvValueKind::ConnectionString) == "postgresql://user:password@db.internal:5432/shop");
    CHECK(envExampleValue("redis://localhost:6379/0", EnvValueKind::ConnectionString) == "redis://localhost:6379/0");
    CHECK(envExampleValue("host=db user=app password=hunter22 dbname=shop", EnvValueKind::ConnectionString) ==
          "\"host=db user=user password=password dbname=shop\"");
    CHECK(envExampleValue("Server=db;User Id=sa;Password=Hunter22!;Database=shop", EnvValueKind::ConnectionString) ==
          "\"Server=db;User Id=user;Password=password;Database=shop\"");
    CHECK(envExampleValue("app:hunter22@tcp(db:3306)/shop", EnvValueKind::ConnectionString) ==
          "user:password@tcp(db:3306)/shop");
    CHECK(envExampleValue("https://bob:pw@api.example.com/v1?key=abc", EnvValueKind::Endpoint) ==
          "https://api.example.com/v1");
    CHECK(envExampleValue("30", EnvValueKind::Tunable) == "30");
    CHECK(envExampleValue("5000", EnvValueKind::Port) == "5000");
  }

  TEST_CASE("externalize: Python edits") {
    Parsed py(core::Lang::Python, R"("""Orders."""
import requests

API_KEY = "q8Rz2LpX7vN4mKt9WbJ3"
PAYMENTS_URL = "http://payments:9000"
r = requests.get("https://api.stripe.com/v1/charges", timeout=30)
engine = create_engine(url, pool_recycle=1.5)
app.run(host="0.0.0.0", port=5000)
)");
    std::string out = py.apply("\"q8Rz2LpX7vN4mKt9WbJ3\"", EnvValueKind::Secret);
    CHECK(out.find("import os\nimport requests\n") != std::string::npos);
    CHECK(out.find("API_KEY = os.environ[\"API_KEY\"]\n") != std::string::npos);
    CHECK(py.example("\"q8Rz2LpX7vN4mKt9WbJ3\"", EnvValueKind::Secret) == "API_KEY=");

    out = py.apply("\"http://payments:9000\"", EnvValueKind::Endpoint);
    CHECK(out.find("PAYMENTS_URL = os.environ[\"PAYMENTS_URL\"]") != std::string::npos);
    CHECK(py.example("\"http://payments:9000\"", EnvValueKind::Endpoint) == "PAYMENTS_URL=http://payments:9000");

    rules::ExternalizeOptions keep;
    keep.keepDefault = true;
    out = py.apply("\"https://api.stripe.com/v1/charges\"", EnvValueKind::Endpoint, keep);
    CHECK(out.find("requests.get(os.environ.get(\"STRIPE_URL\", \"https://api.stripe.com/v1/charges\"), timeout=") !=
          std::string::npos);

    out = py.apply("30", EnvValueKind::Tunable);
    CHECK(out.find("timeout=int(os.environ.get(\"REQUEST_TIMEOUT\", \"30\"))") != std::string::npos);
    CHECK(py.example("30", EnvValueKind::Tunable) == "REQUEST_TIMEOUT=30");
    out = py.apply("1.5", EnvValueKind::Tunable);
    CHECK(out.find("pool_recycle=float(os.environ.get(\"DB_POOL_RECYCLE\", \"1.5\"))") != std::string::npos);
    out = py.apply("5000", EnvValueKind::Port);
    CHECK(out.find("port=int(os.environ.get(\"PORT\", \"5000\"))") != std::string::npos);

    rules::ExternalizeOptions named;
    named.name = "STRIPE_SECRET_KEY";
    out = py.apply("\"q8Rz2LpX7vN4mKt9WbJ3\"", EnvValueKind::Secret, named);
    CHECK(out.find("os.environ[\"STRIPE_SECRET_KEY\"]") != std::string::npos);
  }

  TEST_CASE("externalize: Python keeps an existing import and handles a file without imports") {
    Parsed py(core::Lang::Python, "import os\nDB = \"postgres://a:b@h/d\"\n");
    CHECK(py.apply("\"postgres://a:b@h/d\"", EnvValueKind::ConnectionString) ==
          "import os\nDB = os.environ[\"DATABASE_URL\"]\n");
    Parsed bare(core::Lang::Python, "TIMEOUT_S = 10\n");
    CHECK(bare.apply("10", EnvValueKind::Tunable) == "import os\nTIMEOUT_S = int(os.environ.get(\"TIMEOUT_S\", \"10\"))\n");
  }

  TEST_CASE("externalize: JavaScript and TypeScript edits add requiredEnv once") {
    Parsed js(core::Lang::JavaScript, R"(// Notifications service.
const express = require("express");
const axios = require("axios");

const MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const http = axios.create({ timeout: 5000 });
app.listen(3000);
const delay = 2 * 1000;
)");
    std::string out = js.apply("\"key-3ax6xnjp29jd6fds4gc373sgvjxteol0\"", EnvValueKind::Secret);
    CHECK(out.find("const axios = require(\"axios\");\n\nfunction requiredEnv(name) {\n") != std::string::npos);
    CHECK(out.find("const MAILGUN_KEY = requiredEnv(\"MAILGUN_KEY\");") != std::string::npos);
    out = js.apply("5000", EnvValueKind::Tunable);
    CHECK(out.find("{ timeout: Number(process.env.REQUEST_TIMEOUT_MS) || 5000 }") != std::string::npos);
    out = js.apply("3000", EnvValueKind::Port);
    CHECK(out.find("app.listen(Number(process.env.PORT) || 3000);") != std::string::npos);
    out = js.apply("1000", EnvValueKind::Tunable, {"DELAY_MS", false});
    CHECK(out.find("2 * (Number(process.env.DELAY_MS) || 1000)") != std::string::npos);

    Parsed withHelper(core::Lang::TypeScript, R"(import { requiredEnv } from "./env";
const url: string = "https://billing.internal.example.com/api";
)");
    out = withHelper.apply("\"https://billing.internal.example.com/api\"", EnvValueKind::Endpoint);
    CHECK(out.find("function requiredEnv") == std::string::npos);
    CHECK(out.find("const url: string = requiredEnv(\"BILLING_URL\");") != std::string::npos);

    Parsed ts(core::Lang::TypeScript, R"("use client";
const dsn = "postgres://u:p@db:5432/app";
)");
    out = ts.apply("\"postgres://u:p@db:5432/app\"", EnvValueKind::ConnectionString);
    CHECK(out.find("\"use client\";\n\nfunction requiredEnv(name: string): string {") != std::string::npos);
    CHECK(out.find("const dsn = requiredEnv(\"DATABASE_URL\");") != std::string::npos);

    Parsed port(core::Lang::JavaScript, "server.listen(\"0.0.0.0:8080\");\n");
    out = port.apply("\"0.0.0.0:8080\"", EnvValueKind::Port);
    CHECK(out == "server.listen(`0.0.0.0:${process.env.PORT || \"8080\"}`);\n");
  }

  TEST_CASE("externalize: Go edits add the import and a helper") {
    Parsed go(core::Lang::Go, R"(package main

import "net/http"

const apiToken = "q8Rz2LpX7vN4mKt9WbJ3"

func main() {
	db, _ := sql.Open("postgres", "postgres://u:p@db/app")
	db.SetMaxOpenConns(25)
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
	_ = srv.ListenAndServe()
}
)");
    std::string out = go.apply("\"q8Rz2LpX7vN4mKt9WbJ3\"", EnvValueKind::Secret);
    CHECK(out.find("import (\n\t\"net/http\"\n\t\"os\"\n)") != std::string::npos);
    CHECK(out.find("var apiToken = mustEnv(\"API_TOKEN\")") != std::string::npos);
    CHECK(out.find("func mustEnv(name string) string {") != std::string::npos);

    out = go.apply("\"postgres://u:p@db/app\"", EnvValueKind::ConnectionString);
    CHECK(out.find("sql.Open(\"postgres\", mustEnv(\"DATABASE_URL\"))") != std::string::npos);

    out = go.apply("25", EnvValueKind::Tunable);
    CHECK(out.find("import (\n\t\"net/http\"\n\t\"os\"\n\t\"strconv\"\n)") != std::string::npos);
    CHECK(out.find("db.SetMaxOpenConns(envInt(\"DB_MAX_OPEN_CONNS\", 25))") != std::string::npos);
    CHECK(out.find("func envInt(name string, def int) int {") != std::string::npos);

    out = go.apply("5", EnvValueKind::Tunable);
    CHECK(out.find("ReadHeaderTimeout: time.Duration(envInt(\"READ_HEADER_TIMEOUT_SECONDS\", 5)) * time.Second") !=
          std::string::npos);

    out = go.apply("\":8080\"", EnvValueKind::Port);
    CHECK(out.find("Addr: \":\" + envOr(\"PORT\", \"8080\")") != std::string::npos);
    CHECK(go.example("\":8080\"", EnvValueKind::Port) == "PORT=8080");

    Parsed group(core::Lang::Go, "package main\n\nconst (\n\ta = \"x\"\n\tb = \"postgres://u:p@h/d\"\n)\n");
    CHECK_FALSE(rules::externalizeFix(group.file, group.literal("\"postgres://u:p@h/d\""),
                                      EnvValueKind::ConnectionString)
                    .has_value());

    Parsed existing(core::Lang::Go, R"(package main

import (
	"fmt"
	"os"
)

var base = "http://inventory:8080"

func mustEnv(name string) string { return os.Getenv(name) }

func main() { fmt.Println(base) }
)");
    out = existing.apply("\"http://inventory:8080\"", EnvValueKind::Endpoint);
    CHECK(out.find("var base = mustEnv(\"INVENTORY_BASE_URL\")") != std::string::npos);
    CHECK(out.find("panic(") == std::string::npos);  // the file's own mustEnv is reused
  }
}

TEST_SUITE("unit") {
  TEST_CASE("externalize: requiredEnvFix replaces an existing env read") {
    Parsed py(core::Lang::Python, "import os\nSECRET = os.environ.get(\"JWT_SECRET\", \"dev\")\n");
    ts::Node call;
    ts::walk(py.file.tree.root(), [&](ts::Node n) {
      if (!call && n.type() == "call") call = n;
      return !call;
    });
    auto fix = rules::requiredEnvFix(py.file, call, "JWT_SECRET");
    REQUIRE(fix.has_value());
    CHECK(*core::applyEdits(py.file.source(), fix->edits) == "import os\nSECRET = os.environ[\"JWT_SECRET\"]\n");

    Parsed go(core::Lang::Go, "package main\n\nimport \"os\"\n\nvar dsn = os.Getenv(\"DATABASE_URL\")\n");
    call = ts::Node();
    ts::walk(go.file.tree.root(), [&](ts::Node n) {
      if (!call && n.type() == "call_expression") call = n;
      return !call;
    });
    fix = rules::requiredEnvFix(go.file, call, "DATABASE_URL");
    REQUIRE(fix.has_value());
    auto out = *core::applyEdits(go.file.source(), fix->edits);
    CHECK(out.find("var dsn = mustEnv(\"DATABASE_URL\")\n") != std::string::npos);
    CHECK(out.find("func mustEnv(name string) string {") != std::string::npos);
    CHECK(out.find("import \"os\"\n") != std::string::npos);
  }
}
