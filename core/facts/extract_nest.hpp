// NestJS controllers and global guards (extract_nest.cpp), called from the JS walk.
#pragma once
#include <span>
#include <vector>

#include "core/facts/extract.hpp"

namespace agentlens::core::facts_detail {

/// A `@Controller()` class: one route per `@Get()`/`@Post()`/… method, with its guards.
void nestController(State& st, ts::Node cls, std::span<const ts::Node> ancestors);
/// An object literal `{ provide: APP_GUARD, useClass: X }`: a global guard when X authenticates.
void nestGlobalGuard(State& st, ts::Node object);

/// `app.setGlobalPrefix("api", { exclude: [...] })`: a "nest-global-prefix" mount (target: the
/// excluded paths, comma-separated).
void nestGlobalPrefix(State& st, ts::Node call, const std::vector<ts::Node>& args);

}  // namespace agentlens::core::facts_detail
