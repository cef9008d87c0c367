#include <algorithm>
#include <map>

#include "core/text/line_index.hpp"
#include "rules/common/secret_mask.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

WorkspaceView::WorkspaceView(std::vector<const core::FileResult*> files, Reader read)
    : files_(std::move(files)), read_(std::move(read)) {
  for (const auto* f : files_) index_.update(*f);
}

std::uint32_t WorkspaceView::lineOfAny(const std::string& path, std::initializer_list<std::string_view> needles) const {
  auto text = read(path);
  if (!text) return 0;
  std::size_t best = std::string::npos;
  for (auto n : needles) best = std::min(best, text->find(n));
  if (best == std::string::npos) return 0;
  return static_cast<std::uint32_t>(std::count(text->begin(), text->begin() + static_cast<long>(best), '\n'));
}

bool WorkspaceView::uses(std::initializer_list<std::string_view> packages) const {
  for (auto p : packages) {
    if (index_.hasDependency(p) || index_.importsModule(p)) return true;
  }
  return false;
}

const core::FileResult* WorkspaceView::find(std::string_view path) const {
  for (const auto* f : files_)
    if (f->path == path) return f;
  return nullptr;
}

std::vector<const core::FileResult*> WorkspaceView::withRole(core::FileRole role) const {
  std::vector<const core::FileResult*> out;
  for (const auto* f : files_)
    if (f->facts.role == role) out.push_back(f);
  return out;
}

std::vector<const core::FileResult*> WorkspaceView::serverModules() const {
  std::vector<const core::FileResult*> out;
  for (const auto* f : files_)
    if (f->facts.role == core::FileRole::Server || (!f->facts.routes.empty() && !f->facts.isTestOrGenerated()))
      out.push_back(f);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->path < b->path; });
  return out;
}

const core::FileResult* WorkspaceView::entryModule() const {
  auto servers = serverModules();
  // Prefer a module that creates the app object or starts the server (main guard / package main),
  // then the shallowest path.
  const core::FileResult* best = nullptr;
  auto depth = [](const std::string& p) { return std::count(p.begin(), p.end(), '/'); };
  for (const auto* f : servers) {
    bool entry = !f->facts.appObjects.empty() || f->facts.hasMainGuard;
    bool bestEntry = best && (!best->facts.appObjects.empty() || best->facts.hasMainGuard);
    if (!best || (entry && !bestEntry) || (entry == bestEntry && depth(f->path) < depth(best->path))) best = f;
  }
  return best;
}

bool WorkspaceView::hasLanguage(core::Lang lang, bool includeTests) const {
  return std::any_of(files_.begin(), files_.end(), [&](const core::FileResult* f) {
    return f->lang == lang && (includeTests || !f->facts.isTestOrGenerated());
  });
}

core::Finding& WorkspaceContext::report(const std::string& path, std::uint32_t line, std::string message) {
  core::Finding f;
  f.ruleId = std::string(meta_->id);
  f.category = meta_->category;
  f.severity = meta_->severity;
  f.confidence = meta_->confidence;
  f.path = path;
  f.start = {line, 0};
  f.end = {line, 0};
  f.message = std::move(message);
  findings_.push_back(std::move(f));
  return findings_.back();
}

std::vector<core::Finding> collectWorkspaceFindings(const WorkspaceView& view,
                                                   std::span<const WorkspaceCheck* const> checks, SitesByPath& sitesByPath) {
  WorkspaceContext ctx(view);
  for (const WorkspaceCheck* c : checks) {
    ctx.setCheck(&c->meta());
    std::size_t before = ctx.findings().size();
    c->check(ctx);
    if (ctx.sites() == 0 && ctx.findings().size() == before) continue;  // not applicable here
    // Sites go with the first finding's file, else the entry module, else the first file.
    std::string anchor = ctx.findings().size() > before ? ctx.findings()[before].path
                         : view.entryModule()                ? view.entryModule()->path
                         : view.files().empty()              ? std::string()
                                                             : view.files().front()->path;
    sitesByPath[anchor].emplace_back(std::string(c->meta().id), std::max<std::uint32_t>(ctx.sites(), 1));
  }
  return std::move(ctx.findings());
}

void runWorkspaceChecks(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read,
                        std::span<const WorkspaceCheck* const> checks) {
  SitesByPath sitesByPath;
  std::vector<core::Finding> found;
  {
    std::vector<const core::FileResult*> ptrs;
    for (const auto& f : files) ptrs.push_back(&f);
    WorkspaceView view(ptrs, read);
    found = collectWorkspaceFindings(view, checks, sitesByPath);
  }  // the view points into `files`: gone before they change
  mergeWorkspaceFindings(files, std::move(found), read, sitesByPath);
}

void mergeWorkspaceFindings(std::vector<core::FileResult>& files, std::vector<core::Finding> found,
                            const WorkspaceView::Reader& read, const SitesByPath& sitesByPath) {
  // Resolve byte ranges and excerpts from each anchor file's text (the line's content).
  std::map<std::string, std::optional<std::string>> texts;
  for (auto& f : found) {
    auto [it, inserted] = texts.try_emplace(f.path);
    if (inserted) it->second = read ? read(f.path) : std::nullopt;
    if (!it->second) continue;
    core::LineIndex li(*it->second);
    std::uint32_t line = std::min(f.start.line, li.lineCount() - 1);
    f.start.line = f.end.line = line;
    std::string_view text = li.lineText(line);
    std::size_t lead = text.find_first_not_of(" \t");
    if (lead == std::string_view::npos) lead = text.size();
    f.range = {li.lineStart(line) + static_cast<std::uint32_t>(lead), li.lineEnd(line)};
    f.start = li.toPosition(f.range.start, core::PositionEncoding::Utf32);
    f.end = li.toPosition(f.range.end, core::PositionEncoding::Utf32);
    // The line may hold a secret another rule found in this file (`.env:1` for a workspace
    // check): mask what the file's findings marked, and the check's own sensitive range.
    std::vector<core::ByteRange> secrets;
    for (const auto& fr : files)
      if (fr.path == f.path) secrets = sensitiveRanges(fr.findings, it->second->size());
    if (f.sensitive && f.sensitive->start < f.sensitive->end && f.sensitive->end <= it->second->size())
      secrets.push_back(*f.sensitive);
    std::string excerpt(text);
    maskSensitive(excerpt, *it->second, secrets, li.lineStart(line));
    maskSensitive(f.message, *it->second, secrets);
    for (auto& fix : f.fixes) maskSensitive(fix.title, *it->second, secrets);
    if (excerpt.size() > 400) excerpt = excerpt.substr(0, 400) + "…";
    f.excerpt = std::move(excerpt);
    for (auto& fix : f.fixes)
      for (auto& e : fix.edits)
        if (e.kind == core::TextEdit::Kind::Replace && e.path.empty()) {
          e.start = li.toPosition(e.range.start, core::PositionEncoding::Utf32);
          e.end = li.toPosition(e.range.end, core::PositionEncoding::Utf32);
        }
  }
  auto fileFor = [&](const std::string& path) -> core::FileResult& {
    for (auto& fr : files)
      if (fr.path == path) return fr;
    core::FileResult fr;
    fr.path = path;
    fr.lang = core::detectLang(path).value_or(core::Lang::Text);
    fr.facts.role = core::FileRole::Infra;
    files.push_back(std::move(fr));
    return files.back();
  };
  for (auto& [path, sites] : sitesByPath) {
    if (path.empty()) continue;
    auto& fr = fileFor(path);
    for (auto& s : sites) fr.sites.push_back(s);
  }
  for (auto& f : found) {
    auto& fr = fileFor(f.path);
    // Files only the checks read (requirements.txt, .env): remember what the fixes were computed
    // from, so `check --fix` can refuse a file changed since.
    if (fr.contentHash == 0)
      if (auto it = texts.find(f.path); it != texts.end() && it->second) fr.contentHash = core::contentHash(*it->second);
    fr.findings.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
}

}  // namespace agentlens::rules
