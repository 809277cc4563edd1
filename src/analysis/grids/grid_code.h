#pragma once
// The 15-digit unit grid code: the county's 6-digit administrative division code, the 3-digit
// street/town code and the 3-digit community code (together the community's 12-digit NBS code),
// and a 3-digit sequence number within the community (001–999).

#include <cstddef>
#include <string>

namespace urbangis {

inline constexpr size_t kMaxGridsPerCommunity = 999;

// The first 12 digits of every grid code of a community: `adminCode` (6 digits) followed by
// digits 7–12 of `communityCode`. Throws InputError naming `where` (file, layer, feature) when
// the code is missing, is not 12 digits, or belongs to another county than `adminCode`.
std::string gridCodePrefix(const std::string& communityCode, const std::string& adminCode, const std::string& where);

// `prefix` followed by `sequence` (1-based) in 3 digits. Throws InputError naming `community`
// when the sequence passes 999.
std::string gridCode(const std::string& prefix, size_t sequence, const std::string& community);

// True for a well-formed grid code: 15 ASCII digits.
bool isGridCode(const std::string& code);

}  // namespace urbangis
