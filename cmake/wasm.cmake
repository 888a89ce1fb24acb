# SPDX-License-Identifier: MIT
# The WebAssembly build (emcmake cmake; scripts/web.sh runs it), included by CMakeLists.txt in
# place of the native libraries, command, tests and install rules:
# - xxgk.js: every object of the library (lib/*.c, whatever it holds) with cJSON and libxml2
#   compiled for wasm (scripts/web-deps.sh), linked into one JavaScript file with the wasm
#   inlined. It defines the factory createXxgkModule() for browsers and node (CommonJS
#   module.exports too) and exports every function in tests/exports.txt, the public API.
# - xxgk.html: the clerk's page, one self-contained file (web/bundle.mjs inlines everything).
# - tplgen runs under node, with the host's files (NODERAWFS), to compile the templates.
cmake_minimum_required(VERSION 3.25)

find_program(XXGK_NODE NAMES node nodejs REQUIRED)
set(XXGK_WASM_FLAGS -sALLOW_MEMORY_GROWTH=1 -sWASM_BIGINT=1 -sSINGLE_FILE=1)

# tplgen: a node script run by its #! line, so the template command stays the native one.
target_link_options(xxgk-tplgen PRIVATE ${XXGK_WASM_FLAGS} -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1)
add_custom_command(TARGET xxgk-tplgen POST_BUILD
  COMMAND sed -i "1s|^|#!${XXGK_NODE}\\n|" $<TARGET_FILE:xxgk-tplgen>
  COMMAND chmod +x $<TARGET_FILE:xxgk-tplgen>
  VERBATIM)

# The public API, as tests/exports.txt lists it, plus malloc and free for the callers' buffers.
file(STRINGS ${PROJECT_SOURCE_DIR}/tests/exports.txt XXGK_EXPORTS REGEX "^xxgk_")
set(XXGK_WASM_EXPORTS "\"_malloc\",\"_free\"")
foreach(f ${XXGK_EXPORTS})
  string(APPEND XXGK_WASM_EXPORTS ",\"_${f}\"")
endforeach()
file(WRITE ${PROJECT_BINARY_DIR}/wasm_exports.json "[${XXGK_WASM_EXPORTS}]\n")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/exports.txt)

add_executable(xxgk-wasm $<TARGET_OBJECTS:xxgk_obj>)
set_target_properties(xxgk-wasm PROPERTIES OUTPUT_NAME xxgk SUFFIX .js LINKER_LANGUAGE C)
target_link_libraries(xxgk-wasm PRIVATE cjson ${LIBXML2_LIBRARY})
target_link_options(xxgk-wasm PRIVATE ${XXGK_WASM_FLAGS} --no-entry -sMODULARIZE=1
  -sEXPORT_NAME=createXxgkModule -sENVIRONMENT=web,node -sFILESYSTEM=0
  -sEXPORTED_FUNCTIONS=@${PROJECT_BINARY_DIR}/wasm_exports.json
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8)
set_property(TARGET xxgk-wasm APPEND PROPERTY LINK_DEPENDS ${PROJECT_BINARY_DIR}/wasm_exports.json)
# The page: web/ holds its sources; the binding's core (bindings/js/core.js) drives the module.
file(GLOB XXGK_WEB_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/web/*)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/xxgk.html
  COMMAND ${XXGK_NODE} ${PROJECT_SOURCE_DIR}/web/bundle.mjs $<TARGET_FILE:xxgk-wasm>
    ${PROJECT_BINARY_DIR}/xxgk.html
  DEPENDS xxgk-wasm ${XXGK_WEB_SOURCES} ${PROJECT_SOURCE_DIR}/bindings/js/core.js
  COMMENT "Assembling the clerk's page xxgk.html")
add_custom_target(xxgk-page ALL DEPENDS ${PROJECT_BINARY_DIR}/xxgk.html)
