# SPDX-License-Identifier: MIT
# Install rules and the Debian package. Every destination is relative to the prefix, so an
# install works from wherever it is put (cmake --install --prefix, cpack, a moved directory).
install(TARGETS xxgk xxgk_static EXPORT xxgkTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/xxgk.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# CMake package: find_package(xxgk) -> xxgk::xxgk, xxgk::xxgk_static
set(XXGK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/xxgk)
install(EXPORT xxgkTargets NAMESPACE xxgk:: DESTINATION ${XXGK_CMAKE_DIR})
configure_package_config_file(cmake/xxgkConfig.cmake.in ${PROJECT_BINARY_DIR}/xxgkConfig.cmake
  INSTALL_DESTINATION ${XXGK_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/xxgkConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/xxgkConfig.cmake ${PROJECT_BINARY_DIR}/xxgkConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindcJSON.cmake DESTINATION ${XXGK_CMAKE_DIR})

# pkg-config: the prefix is found from the .pc file's own place (${pcfiledir}), except for /usr
# (the Debian package), where pkg-config must see /usr/include to leave it out of the flags
# (an explicit -I/usr/include breaks C++'s #include_next)
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(XXGK_PC_PREFIX /usr)
else()
  file(RELATIVE_PATH XXGK_PC_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
  string(REGEX REPLACE "/$" "" XXGK_PC_PREFIX "\${pcfiledir}/${XXGK_PC_PREFIX}")
endif()
set(XXGK_PC_LIBS_PRIVATE ${CMAKE_THREAD_LIBS_INIT})
configure_file(cmake/xxgk.pc.in ${PROJECT_BINARY_DIR}/xxgk.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/xxgk.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

file(GLOB XXGK_SCHEMAS ${PROJECT_SOURCE_DIR}/schema/*.json)
install(FILES ${XXGK_SCHEMAS} DESTINATION ${CMAKE_INSTALL_DATADIR}/xxgk/schema)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/README.md
  ${PROJECT_SOURCE_DIR}/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# cpack -G DEB: one package, xxgk, with the command, the libraries and the development files.
# Configure with -DCMAKE_INSTALL_PREFIX=/usr for Debian's multiarch library directory.
set(CPACK_PACKAGE_NAME xxgk)
set(CPACK_PACKAGE_VENDOR "xxgk")
set(CPACK_PACKAGE_CONTACT "xxgk developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "read, check and write 政府信息公开工作年度报告 (annual reports on government information disclosure)")
set(CPACK_PACKAGE_DESCRIPTION "The xxgk command, libxxgk (shared and static), its header, \
CMake package and pkg-config file, and the JSON schemas of the report document.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)               # Depends: libc6, libcjson1 from the ELF files
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_INSTALL_FULL_LIBDIR})
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)         # shlibs + the ldconfig trigger
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libcjson-dev, libxml2-dev, pkg-config")  # to build against it
include(CPack)
