#pragma once
// PostgreSQL sources written as GDAL does: "PG:host=… port=… dbname=… user=…" (libpq keyword
// form, optionally with GDAL's own keys such as schemas=, tables=, active_schema=). Passwords
// never live in a source: libpq takes them from PGPASSWORD, ~/.pgpass (PGPASSFILE) or a service
// file (PGSERVICEFILE, service=), and every message that shows a source goes through
// `redactSecrets` as a second line of defence.

#include <string>

#include "core/redact.h"

namespace urbangis {

// True for "PG:…" (GDAL's PostgreSQL driver prefix, case-insensitive) and postgres URIs.
bool isPgSource(const std::string& source);

// Throws InputError ("<where>: a PG: source must not hold a password …") when the source
// carries one. `where` names where the source was written (catalog key, argument).
void refusePassword(const std::string& source, const std::string& where);

// The libpq connection string of a PG: source: the "PG:" prefix and GDAL-only keys removed.
std::string libpqConnInfo(const std::string& source);

// GDAL-only key `schemas=`/`active_schema=`, if given, else "" (the search path decides).
std::string pgSourceSchema(const std::string& source);

}  // namespace urbangis
