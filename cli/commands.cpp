#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/cache/result_cache.hpp"
#include "core/scan.hpp"
#include "report/facts_json.hpp"
#include "report/report.hpp"
#include "report/stats.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"

namespace agentlens::cli {
namespace {

report::RuleDoc docOf(const rules::Rule& r) {
  const auto& m = r.meta();
  report::RuleDoc d{std::string(m.id), m.category, m.severity, std::string(m.summary), std::string(m.docs), {}, m.fix.has_value()};
  for (auto l : m.languages.list()) d.languages.emplace_back(core::langName(l));
  return d;
}

std::string fileUri(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  if (ec) return "";
  if (!abs.ends_with('/')) abs += '/';
  return "file://" + abs;
}

}  // namespace

int runCheck(const CheckOptions& optsIn) {
  CheckOptions opts = optsIn;
  if (opts.paths.empty()) opts.paths.push_back(".");
  for (const auto& p : opts.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::cerr << "agentlens: " << p << ": no such file or directory\n";
      return 2;
    }
  }
  std::vector<const rules::Rule*> selected(rules::allRules().begin(), rules::allRules().end());
  rules::Engine engine(selected);

  core::ScanOptions scanOpts;
  scanOpts.threads = opts.threads;
  bool tty = isatty(fileno(stderr)) && isatty(fileno(stdout));
  std::mutex progressMu;
  if (tty && !opts.quiet) {
    scanOpts.progress = [&](std::size_t done, std::size_t total) {
      if (done != total && done % 16 != 0) return;
      std::lock_guard lock(progressMu);
      std::fprintf(stderr, "\r\x1b[2Kindexing %zu/%zu files", done, total);
      if (done == total) std::fprintf(stderr, "\r\x1b[2K");
      std::fflush(stderr);
    };
  }
  core::ResultCache cache(opts.noCache ? std::string() : core::ResultCache::defaultDir());
  scanOpts.cache = &cache;
  core::ScanResult result = core::scan(opts.paths, engine, scanOpts);
  if (opts.stats) std::cerr << report::renderStats(result, cache.dir());

  report::ReportInput in;
  in.scan = &result;
  for (const rules::Rule* r : selected) in.rules.push_back(docOf(*r));
  if (opts.paths.size() == 1 && std::filesystem::is_directory(opts.paths[0])) in.rootUri = fileUri(opts.paths[0]);

  std::string out;
  if (opts.format == "json") {
    out = report::renderJson(in);
  } else if (opts.format == "sarif") {
    out = report::renderSarif(in);
  } else {
    report::TextOptions t;
    bool toTerminal = opts.output.empty() && isatty(fileno(stdout));
    t.color = opts.color == "always" || (opts.color == "auto" && toTerminal && !std::getenv("NO_COLOR"));
    t.verbose = opts.verbose;
    out = report::renderText(in, t);
  }
  if (opts.output.empty()) {
    std::cout << out;
    std::cout.flush();
  } else {
    std::ofstream f(opts.output, std::ios::binary | std::ios::trunc);
    if (!f || !(f << out)) {
      std::cerr << "agentlens: cannot write " << opts.output << "\n";
      return 2;
    }
  }

  auto failLevel = core::levelFromName(opts.failOn);
  if (!failLevel) return 0;  // --fail-on none
  for (const auto& file : result.files)
    for (const auto& f : file.findings)
      if (!f.suppressedReason && f.level() <= *failLevel) return 1;
  return 0;
}

int runFacts(const std::vector<std::string>& pathsIn) {
  std::vector<std::string> paths = pathsIn.empty() ? std::vector<std::string>{"."} : pathsIn;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::cerr << "agentlens: " << p << ": no such file or directory\n";
      return 2;
    }
  }
  std::vector<const rules::Rule*> selected(rules::allRules().begin(), rules::allRules().end());
  rules::Engine engine(selected);
  core::ScanResult result = core::scan(paths, engine, {});
  for (const auto& e : result.errors) std::cerr << "agentlens: " << e << "\n";
  std::cout << report::renderFactsJson(result.files);
  return 0;
}

int runRules(const std::string& format) {
  if (format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const rules::Rule* r : rules::allRules()) {
      auto d = docOf(*r);
      arr.push_back({{"id", d.id},
                     {"category", core::categoryName(d.category)},
                     {"severity", core::severityName(d.severity)},
                     {"languages", d.languages},
                     {"fixable", d.fixable},
                     {"summary", d.summary}});
    }
    std::cout << arr.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("{:<28} {:<15} {:<9} {:<34} {}\n", "ID", "CATEGORY", "SEVERITY", "LANGUAGES", "FIX");
  for (const rules::Rule* r : rules::allRules()) {
    auto d = docOf(*r);
    std::string fix = r->meta().fix ? std::string(core::applicabilityName(*r->meta().fix)) : "-";
    std::cout << fmt::format("{:<28} {:<15} {:<9} {:<34} {}\n", d.id, core::categoryName(d.category),
                             core::severityName(d.severity), fmt::format("{}", fmt::join(d.languages, ",")), fix);
  }
  return 0;
}

int runExplain(const std::string& ruleId) {
  const rules::Rule* r = rules::findRule(ruleId);
  if (!r) {
    std::cerr << "agentlens: unknown rule '" << ruleId << "' (agentlens rules lists them)\n";
    return 2;
  }
  const auto& m = r->meta();
  std::cout << "# " << m.id << "\n\n"
            << m.summary << "\n\n"
            << "Category: " << core::categoryName(m.category) << " · Severity: " << core::severityName(m.severity)
            << " · Fix: " << (m.fix ? core::applicabilityName(*m.fix) : "none") << "\n\n"
            << m.docs;
  return 0;
}

int runDumpTree(const std::string& path) {
  auto lang = core::detectLang(path);
  std::string text, err;
  if (!lang || !core::hasGrammar(*lang)) {
    std::cerr << "agentlens: " << path << ": not a Python, JavaScript, TypeScript or Go file\n";
    return 2;
  }
  if (!core::readFile(path, text, err)) {
    std::cerr << "agentlens: " << path << ": " << err << "\n";
    return 2;
  }
  auto pf = core::parseFile(path, *lang, std::make_shared<std::string>(std::move(text)));
  int depth = 0;
  ts::TreeCursor c(pf.tree.root());
  for (;;) {
    ts::Node n = c.node();
    if (n.isNamed()) {
      std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << n.type();
      if (n.namedChildCount() == 0) std::cout << "  `" << n.text(pf.source()).substr(0, 60) << "`";
      std::cout << "  [" << n.startPoint().row + 1 << ":" << n.startPoint().column + 1 << "]\n";
    }
    if (c.gotoFirstChild()) {
      ++depth;
      continue;
    }
    bool done = false;
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) {
        done = true;
        break;
      }
      --depth;
    }
    if (done) break;
  }
  return 0;
}

}  // namespace agentlens::cli
