#pragma once
// Passwords out of text shown to people: messages, logs and outputs name sources, and a source
// must never carry its password there (io/postgis/pg_source.h refuses sources that hold one).

#include <string>

namespace urbangis {

// `text` with every password in it hidden: password=VALUE (quoted or not) and the password of
// a postgresql://user:password@host URI become "***".
std::string redactSecrets(const std::string& text);

}  // namespace urbangis
