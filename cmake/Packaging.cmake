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
set(CPACK_DEBIAN_PACKAGE_DEPENDS "proj-data, fonts-noto-cjk, tzdata, qt6-translations-l10n")
# A Chinese input method in the viewer's text fields (filters, search, titles) needs fcitx5's Qt 6
# front end; the desktop's own input method framework may differ, hence only recommended.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fcitx5-frontend-qt6")
# The extended description under the summary (CPack puts the summary first; lines under 80).
set(CPACK_PACKAGE_DESCRIPTION "UrbanGIS shows where urban-management problems cluster (complaints,
gas hazards, street order cases), counts them by district, community and unit
grid on the ellipsoid, finds hot spots, traces inspection routes along the
roads, and writes the tables (Excel, CSV, GeoPackage), print maps, web maps
and annual report a bureau hands on. It ships the catalog of Daye City, Hubei,
as its example.")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
include(CPack)
