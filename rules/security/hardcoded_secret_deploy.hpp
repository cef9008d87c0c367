// hardcoded-secret: which configuration files deploy a service and which only set up a
// developer's machine, and what that changes for a credential written in them.
#pragma once
#include <string_view>

namespace agentlens::rules::secretdeploy {

/// Where a configuration file is used, from its path.
enum class Use {
  Other,       ///< application configuration of unknown use: judged by the value
  LocalDev,    ///< a development-only file: `config/development.yaml`, `settings.local.json`, a
               ///< compose file that is not the production one (`docker-compose.yml`, `compose.dev.yaml`)
  Production,  ///< a file that deploys: Helm `values.yaml`, `docker-stack.yml`, `docker-compose.prod.yml`,
               ///< `config/production.yaml`
};

/// The use of the file at `path` (relative, `/`-separated).
Use useOf(std::string_view path);

/// True for a compose file (`docker-compose*.yml`, `compose*.yaml`, `docker-stack*.yml`).
bool isComposeFile(std::string_view path);

/// True for the password a datastore container is initialised with or a client presents to it
/// (`POSTGRES_PASSWORD`, `MYSQL_ROOT_PASSWORD`, `DOCKER_INFLUXDB_INIT_PASSWORD`,
/// `RABBITMQ_DEFAULT_PASS`, `DATABASE_PASSWORD`, `DB_PASS`): a wrong one is refused by the
/// database, so a development value fails closed where production has its own.
bool isDatastorePassword(std::string_view key);

}  // namespace agentlens::rules::secretdeploy
