# Logging (spdlog over fmt) and TOML (toml++) as two interface targets, agentlens_log and
# agentlens_toml, so the build can link them one of two ways:
# - default: Debian's shared libraries (libspdlog.so.1.10, libfmt.so.9, libtomlplusplus.so.3);
# - AGENTLENS_PORTABLE (make release): the same Debian packages in their header-only modes
#   (spdlog without SPDLOG_COMPILED_LIB, fmt with FMT_HEADER_ONLY, toml++ with TOML_HEADER_ONLY),
#   and the agentlens binary linked fully static (-static: libc, libstdc++, libgcc), stripped.
#   AgentLens does no DNS or NSS lookups and loads no plugins, so a static glibc is safe.
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
# TOML config and custom rule files (Debian libtomlplusplus-dev); included by core/config/toml_reader.cpp only.
find_package(tomlplusplus REQUIRED)

add_library(agentlens_log INTERFACE)
add_library(agentlens_toml INTERFACE)
if(AGENTLENS_PORTABLE)
  get_target_property(_spdlog_inc spdlog::spdlog INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(agentlens_log SYSTEM INTERFACE ${_spdlog_inc})
  # Debian's spdlog headers expect the external fmt (SPDLOG_FMT_EXTERNAL); without
  # SPDLOG_COMPILED_LIB they compile in their header-only mode.
  target_compile_definitions(agentlens_log INTERFACE SPDLOG_FMT_EXTERNAL)
  target_link_libraries(agentlens_log INTERFACE fmt::fmt-header-only Threads::Threads)
  get_target_property(_toml_inc tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(agentlens_toml SYSTEM INTERFACE ${_toml_inc})
  target_compile_definitions(agentlens_toml INTERFACE TOML_HEADER_ONLY=1)
else()
  target_link_libraries(agentlens_log INTERFACE spdlog::spdlog fmt::fmt)
  target_link_libraries(agentlens_toml INTERFACE tomlplusplus::tomlplusplus)
endif()

# The portable link of one executable: everything static, symbols stripped.
function(agentlens_portable_link target)
  if(AGENTLENS_PORTABLE)
    target_link_options(${target} PRIVATE -static -s)
  endif()
endfunction()
