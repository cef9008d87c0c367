// sql-built-from-strings: which calls take SQL text, and at which argument (see
// sql_built_from_strings.cpp).
#pragma once
#include <optional>
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"

namespace agentlens::rules::sqlrule {

/// The positional index of the query text when `call` (method `name`, callee text `callee`, with
/// argument list `args`) is a database call taking SQL, else nullopt. Python: DB-API/SQLAlchemy/
/// Django/asyncpg/pandas calls and pg8000 `conn.run`; Go: database/sql, pgx (context first),
/// sqlx, gorm and go-pg (`Query(&model, sql)`, `QueryOne`, `Model(…).Where/WhereOr`); JS/TS: pg,
/// mysql, knex, sequelize, prisma, sqlite.
std::optional<std::uint32_t> queryIndex(ts::Node args, std::string_view name, std::string_view callee,
                                        std::string_view src, core::Lang lang);

}  // namespace agentlens::rules::sqlrule
