#include "analysis/grids/grid_code.h"

#include <algorithm>
#include <cstdio>

#include "core/error.h"

namespace urbangis {
namespace {

bool digitsOnly(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string gridCodePrefix(const std::string& communityCode, const std::string& adminCode, const std::string& where) {
  if (adminCode.size() != 6 || !digitsOnly(adminCode))
    throw InputError("the catalog's admin_code \"" + adminCode +
                     "\" is not a 6-digit county code; unit grid codes start with it");
  if (communityCode.empty())
    throw InputError(where + ": has no community code; a unit grid code needs the zone's 12-digit NBS code");
  if (communityCode.size() != 12 || !digitsOnly(communityCode))
    throw InputError(where + ": community code \"" + communityCode +
                     "\" is not a 12-digit NBS code (county 6 + street/town 3 + community 3 digits)");
  if (communityCode.compare(0, 6, adminCode) != 0)
    throw InputError(where + ": community code \"" + communityCode + "\" is not in county " + adminCode +
                     " (the catalog's admin_code)");
  return adminCode + communityCode.substr(6, 6);
}

std::string gridCode(const std::string& prefix, size_t sequence, const std::string& community) {
  if (sequence < 1 || sequence > kMaxGridsPerCommunity)
    throw InputError(community + ": more than " + std::to_string(kMaxGridsPerCommunity) +
                     " unit grids in one community; the 3-digit sequence of the grid code cannot number "
                     "them: use a larger --cell");
  char digits[4];
  std::snprintf(digits, sizeof digits, "%03zu", sequence);
  return prefix + digits;
}

bool isGridCode(const std::string& code) { return code.size() == 15 && digitsOnly(code); }

}  // namespace urbangis
