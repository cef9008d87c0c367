#include "rules/registry.hpp"

#include <algorithm>
#include <vector>

namespace agentlens::rules {

// Each rule file defines one accessor returning its static instance.
// configuration (AgentLens's own inputs: config files, suppressions)
const Rule& invalidConfig();
const Rule& invalidSuppression();
const Rule& unusedSuppression();
// error-handling
const Rule& swallowedException();
const Rule& broadExceptionCatch();
const Rule& catchAll500();
const Rule& errorDetailsInResponse();
const Rule& raiseWithoutCause();
const Rule& uncheckedResponseStatus();
const Rule& failureWithSuccessStatus();
const Rule& unguardedWorkerLoop();
const Rule& unhandledAsyncError();
const Rule& exitInRequestPath();
const Rule& outboundCallWithoutTimeout();
const Rule& blockingCallInAsyncHandler();
const Rule& retryWithoutBackoff();
const Rule& nodeModuleNotImported();
// observability
const Rule& printInsteadOfLogging();
const Rule& debuggerLeftover();
const Rule& unboundedMetricLabels();
const Rule& unstructuredLogMessage();
const Rule& exceptionLoggedWithoutStacktrace();
const Rule& unloggedServerError();
const Rule& errorTrackerGlobalUser();
// security
const Rule& hardcodedSecret();
const Rule& commandOrCodeInjection();
const Rule& csrfProtectionDisabled();
const Rule& debugModeEnabled();
const Rule& insecureCookieFlags();
const Rule& permissiveCors();
const Rule& secretEnvDefault();
const Rule& sensitiveDataLogged();
const Rule& sqlBuiltFromStrings();
const Rule& tlsVerificationDisabled();
const Rule& weakJwtVerification();
const Rule& unsafeDeserialization();
const Rule& fileReadIntoMemory();
const Rule& envFileInImage();
const Rule& insecureRandomToken();
const Rule& passwordHashInResponse();
const Rule& limiterMapWithoutEviction();
const Rule& cdnOriginOverHttp();
const Rule& weakPasswordLength();
const Rule& tokenInQueryString();
const Rule& tokenStoredInPlaintext();
const Rule& httpServerWithoutTimeouts();
const Rule& missingSecurityHeaders();
const Rule& objectAccessWithoutOwnershipCheck();
const Rule& routeWithoutAuth();
const Rule& unboundedRequestBody();
const Rule& unboundedPageSize();
const Rule& untrustedClientIp();
const Rule& accountEnumeration();
const Rule& roleFromSignupBody();
const Rule& adminRouteWithoutRoleCheck();
const Rule& socketRoomWithoutAuthorization();
const Rule& unvalidatedRequestBody();
// configuration
const Rule& hardcodedConnectionString();
const Rule& hardcodedServiceEndpoint();
const Rule& hardcodedListenPort();
const Rule& hardcodedOperationalLimit();
const Rule& uncheckedEnvConfig();
const Rule& rateLimitFailsOpen();
const Rule& sessionWithoutStore();
const Rule& devSettingsDefault();
// database
const Rule& connectionPerRequest();
const Rule& dbResourceNotReleased();
const Rule& missingRollback();
const Rule& runtimeSchemaManagement();
const Rule& queryInLoop();
const Rule& unboundedQuery();
const Rule& databaseOnEphemeralVolume();
const Rule& inMemoryStateStore();
const Rule& sqliteWithoutWal();
const Rule& fkWithoutIndex();
const Rule& dbPoolUnconfigured();
// deployment
const Rule& devServerEntrypoint();
const Rule& noGracefulShutdownOnListen();
const Rule& shallowReadinessCheck();
const Rule& migrateOnInstall();
// testing
const Rule& testWithoutAssertion();
const Rule& focusedOrDisabledTest();
const Rule& hardwiredDependency();

namespace {
std::vector<const Rule*> build() {
  std::vector<const Rule*> all = {
      // configuration (AgentLens's own inputs)
      &invalidConfig(),
      &invalidSuppression(),
      &unusedSuppression(),
      // error-handling
      &swallowedException(),
      &broadExceptionCatch(),
      &catchAll500(),
      &errorDetailsInResponse(),
      &raiseWithoutCause(),
      &uncheckedResponseStatus(),
      &failureWithSuccessStatus(),
      &unguardedWorkerLoop(),
      &unhandledAsyncError(),
      &exitInRequestPath(),
      &outboundCallWithoutTimeout(),
      &blockingCallInAsyncHandler(),
      &retryWithoutBackoff(),
      &nodeModuleNotImported(),
      // observability
      &printInsteadOfLogging(),
      &debuggerLeftover(),
      &unstructuredLogMessage(),
      &exceptionLoggedWithoutStacktrace(),
      &unloggedServerError(),
      &errorTrackerGlobalUser(),
      &unboundedMetricLabels(),
      // security
      &hardcodedSecret(),
      &commandOrCodeInjection(),
      &csrfProtectionDisabled(),
      &debugModeEnabled(),
      &insecureCookieFlags(),
      &permissiveCors(),
      &secretEnvDefault(),
      &sensitiveDataLogged(),
      &sqlBuiltFromStrings(),
      &tlsVerificationDisabled(),
      &weakJwtVerification(),
      &unsafeDeserialization(),
      &fileReadIntoMemory(),
      &envFileInImage(),
      &insecureRandomToken(),
      &passwordHashInResponse(),
      &limiterMapWithoutEviction(),
      &cdnOriginOverHttp(),
      &weakPasswordLength(),
      &tokenInQueryString(),
      &tokenStoredInPlaintext(),
      &httpServerWithoutTimeouts(),
      &missingSecurityHeaders(),
      &objectAccessWithoutOwnershipCheck(),
      &routeWithoutAuth(),
      &unboundedRequestBody(),
      &unboundedPageSize(),
      &untrustedClientIp(),
      &accountEnumeration(),
      &roleFromSignupBody(),
      &adminRouteWithoutRoleCheck(),
      &socketRoomWithoutAuthorization(),
      &unvalidatedRequestBody(),
      // configuration
      &hardcodedConnectionString(),
      &hardcodedServiceEndpoint(),
      &hardcodedListenPort(),
      &hardcodedOperationalLimit(),
      &uncheckedEnvConfig(),
      &rateLimitFailsOpen(),
      &sessionWithoutStore(),
      &devSettingsDefault(),
      // database
      &missingRollback(),
      &inMemoryStateStore(),
      &sqliteWithoutWal(),
      &dbResourceNotReleased(),
      &dbPoolUnconfigured(),
      &fkWithoutIndex(),
      &runtimeSchemaManagement(),
      &connectionPerRequest(),
      &queryInLoop(),
      &unboundedQuery(),
      &databaseOnEphemeralVolume(),
      // deployment
      &noGracefulShutdownOnListen(),
      &devServerEntrypoint(),
      &shallowReadinessCheck(),
      &migrateOnInstall(),
      // testing
      &testWithoutAssertion(),
      &focusedOrDisabledTest(),
      &hardwiredDependency(),
  };
  std::sort(all.begin(), all.end(), [](const Rule* a, const Rule* b) {
    if (a->meta().category != b->meta().category) return a->meta().category < b->meta().category;
    return a->meta().id < b->meta().id;
  });
  return all;
}
}  // namespace

std::span<const Rule* const> allRules() {
  static const std::vector<const Rule*> rules = build();
  return rules;
}

const Rule* findRule(std::string_view id) {
  for (const Rule* r : allRules())
    if (r->meta().id == id) return r;
  return nullptr;
}

}  // namespace agentlens::rules
