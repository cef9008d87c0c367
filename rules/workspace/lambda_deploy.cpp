// Serverless deployment: a service whose app runs as a function (Lambda adapters) and whose
// functions are deployed as code. See deploy_evidence.hpp.
#include <string>
#include <string_view>

#include "rules/workspace/deploy_evidence.hpp"

namespace agentlens::rules {

bool lambdaDeployed(const WorkspaceView& view, const core::FileResult& server) {
  static constexpr std::string_view kAdapters[] = {
      "serverless-http", "@vendia/serverless-express", "@codegenie/serverless-express", "aws-serverless-express",
      "@fastify/aws-lambda", "hono/aws-lambda", "mangum", "serverless_wsgi", "apig_wsgi",
      "github.com/aws/aws-lambda-go/lambda"};
  auto dirOf = [](const std::string& p) { return p.substr(0, p.find_last_of('/') + 1); };
  bool adapter = false;
  for (const auto* f : view.files()) {
    if (f->facts.isTestOrGenerated() || dirOf(f->path) != dirOf(server.path)) continue;
    for (const auto& imp : f->facts.imports)
      for (auto a : kAdapters) adapter = adapter || imp.module == a;
  }
  if (!adapter) return false;
  if (view.exists("serverless.yml") || view.exists("serverless.yaml")) return true;
  // Functions declared as infrastructure code: CDK (TypeScript, Python), SAM/CloudFormation.
  static constexpr std::string_view kFunctionConstructs[] = {
      "new NodejsFunction(", "new lambda.Function(", "_lambda.Function(", "aws_lambda.Function(",
      "PythonFunction(", "GoFunction(", "AWS::Serverless::Function", "AWS::Lambda::Function"};
  for (const auto* f : view.files()) {
    bool infraCode = f->path.find("infra") != std::string::npos || f->path.find("cdk") != std::string::npos ||
                     f->path.find("stack") != std::string::npos || f->path.ends_with("template.yaml") ||
                     f->path.ends_with("template.yml");
    if (!infraCode || f->facts.isTestOrGenerated()) continue;
    auto text = view.read(f->path);
    if (!text) continue;
    for (auto c : kFunctionConstructs)
      if (text->find(c) != std::string::npos) return true;
  }
  return false;
}

}  // namespace agentlens::rules
