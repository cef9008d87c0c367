# Logging (spdlog over fmt) and TOML (toml++): the targets spdlog::spdlog, fmt::fmt and
# tomlplusplus::tomlplusplus, linked one of two ways:
# - default: Debian's shared libraries (libspdlog.so.1.10, libfmt.so.9, libtomlplusplus.so.3),
#   through the packages' own CMake configs;
# - AGENTLENS_PORTABLE (make release): the same Debian headers in their header-only modes (spdlog
#   without SPDLOG_COMPILED_LIB, fmt with FMT_HEADER_ONLY, toml++ with TOML_HEADER_ONLY) behind
#   targets of the same names, so every target that links them stays as it is; the agentlens
#   binary is then linked fully static (-static: libc, libstdc++, libgcc) and stripped.
#   AgentLens does no DNS or NSS lookups and loads no plugins, so a static glibc is safe.
if(NOT AGENTLENS_PORTABLE)
  find_package(spdlog REQUIRED)
  find_package(fmt REQUIRED)
  # TOML config and custom rule files (Debian libtomlplusplus-dev); included by core/config/toml_reader.cpp only.
  find_package(tomlplusplus REQUIRED)
else()
  find_path(AGENTLENS_SPDLOG_INCLUDE spdlog/spdlog-inl.h REQUIRED)
  find_path(AGENTLENS_FMT_INCLUDE fmt/format-inl.h REQUIRED)
  find_path(AGENTLENS_TOML_INCLUDE toml++/toml.h REQUIRED)
  add_library(fmt::fmt INTERFACE IMPORTED)
  set_target_properties(fmt::fmt PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${AGENTLENS_FMT_INCLUDE}"
    INTERFACE_COMPILE_DEFINITIONS "FMT_HEADER_ONLY=1")
  # Debian's spdlog headers expect the external fmt (SPDLOG_FMT_EXTERNAL).
  add_library(spdlog::spdlog INTERFACE IMPORTED)
  set_target_properties(spdlog::spdlog PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${AGENTLENS_SPDLOG_INCLUDE}"
    INTERFACE_COMPILE_DEFINITIONS "SPDLOG_FMT_EXTERNAL" INTERFACE_LINK_LIBRARIES "fmt::fmt;Threads::Threads")
  add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
  set_target_properties(tomlplusplus::tomlplusplus PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${AGENTLENS_TOML_INCLUDE}"
    INTERFACE_COMPILE_DEFINITIONS "TOML_HEADER_ONLY=1")
endif()

# The portable link of one executable: everything static, symbols stripped.
function(agentlens_portable_link target)
  if(AGENTLENS_PORTABLE)
    target_link_options(${target} PRIVATE -static -s)
  endif()
endfunction()
