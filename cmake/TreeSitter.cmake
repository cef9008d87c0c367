# tree-sitter C core and grammars from third_party/node_modules (npm, pinned by package-lock.json).
# Built as static C libraries at -O2 in every build type: at -O0 parsing is ~3x slower
# and the C code is never what we debug.
set(TS_NODE_MODULES ${PROJECT_SOURCE_DIR}/third_party/node_modules)
if(NOT EXISTS ${TS_NODE_MODULES}/tree-sitter/vendor/tree-sitter/lib/src/lib.c)
  message(FATAL_ERROR "tree-sitter sources missing: run scripts/setup.sh (or `make build`) first")
endif()

function(agentlens_c_lib name)
  add_library(${name} STATIC ${ARGN})
  set_target_properties(${name} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  # Strip the build type's optimisation flags and force -O2, keep debug info cheap.
  target_compile_options(${name} PRIVATE -O2 -w)
  if(AGENTLENS_SANITIZE)
    # Grammars are not instrumented: their tables are big and they are not ours to fix.
    target_compile_options(${name} PRIVATE -fno-sanitize=all)
  endif()
endfunction()

set(_ts ${TS_NODE_MODULES}/tree-sitter/vendor/tree-sitter/lib)
agentlens_c_lib(ts_core ${_ts}/src/lib.c)
target_include_directories(ts_core PUBLIC ${_ts}/include PRIVATE ${_ts}/src)
target_compile_definitions(ts_core PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)

function(agentlens_grammar name dir)
  set(srcs ${dir}/src/parser.c)
  if(EXISTS ${dir}/src/scanner.c)
    list(APPEND srcs ${dir}/src/scanner.c)
  endif()
  agentlens_c_lib(ts_grammar_${name} ${srcs})
  target_include_directories(ts_grammar_${name} PRIVATE ${dir}/src)
endfunction()

agentlens_grammar(python ${TS_NODE_MODULES}/tree-sitter-python)
agentlens_grammar(javascript ${TS_NODE_MODULES}/tree-sitter-javascript)
agentlens_grammar(typescript ${TS_NODE_MODULES}/tree-sitter-typescript/typescript)
agentlens_grammar(tsx ${TS_NODE_MODULES}/tree-sitter-typescript/tsx)
agentlens_grammar(go ${TS_NODE_MODULES}/tree-sitter-go)
# YAML: read by the infra facts reader (compose, CI, Kubernetes), not by rules (Lang::Yaml has no
# rule-level grammar). scanner.c includes its schema file itself.
agentlens_grammar(yaml ${TS_NODE_MODULES}/@tree-sitter-grammars/tree-sitter-yaml)

add_library(ts_grammars INTERFACE)
target_link_libraries(ts_grammars INTERFACE ts_grammar_python ts_grammar_javascript
  ts_grammar_typescript ts_grammar_tsx ts_grammar_go ts_grammar_yaml ts_core)
