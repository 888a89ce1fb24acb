# SPDX-License-Identifier: MIT
# FindcJSON: cJSON as the imported target `cjson`, the name cJSON's own CMake package gives it.
# That package (Debian's libcjson-dev ships it) is used when there is one; otherwise the header
# cjson/cJSON.h and the library are looked up here. A `cjson` target that already exists (an
# embedding project that builds cJSON itself) is used as it is. Installed beside xxgkConfig.cmake,
# so that a consumer of the CMake package finds cJSON the same way.
if(NOT TARGET cjson)
  find_package(cJSON CONFIG QUIET)
endif()
if(NOT TARGET cjson)
  find_path(CJSON_INCLUDE_DIR cjson/cJSON.h)
  find_library(CJSON_LIBRARY cjson)
  if(CJSON_INCLUDE_DIR AND CJSON_LIBRARY)
    add_library(cjson UNKNOWN IMPORTED)
    set_target_properties(cjson PROPERTIES IMPORTED_LOCATION "${CJSON_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${CJSON_INCLUDE_DIR}")
  endif()
endif()
set(cJSON_TARGET)
if(TARGET cjson)
  set(cJSON_TARGET cjson)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(cJSON REQUIRED_VARS cJSON_TARGET)
