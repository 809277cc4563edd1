# CPack: a Debian package whose dependencies are the Debian runtime packages our binaries link,
# found by dpkg-shlibdeps (so the list follows the libraries actually linked).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "urbangis")
set(CPACK_PACKAGE_VENDOR "UrbanGIS")
set(CPACK_PACKAGE_CONTACT "UrbanGIS developers <urbangis@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# proj.db (coordinate reference systems) and the CJK fonts are data packages shlibdeps cannot see.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "proj-data, fonts-noto-cjk, tzdata")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
include(CPack)
