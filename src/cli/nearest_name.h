#pragma once
// "Did you mean …?" for a mistyped command or option: the candidate closest to what was typed.

#include <optional>
#include <string>
#include <vector>

namespace urbangis::cli {

// The candidate at the smallest edit distance (insertions, deletions, substitutions and swaps of
// neighbours) from `typed`, when that distance is small enough to be a typo: at most 2, and less
// than half of `typed`. nullopt when none is, or when two are equally close.
std::optional<std::string> nearestName(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace urbangis::cli
