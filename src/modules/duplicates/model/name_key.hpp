// Keys that let the duplicates scan compare names and street lines written in different ways:
// "SARL Boulangerie L'Épi d'Or" and "boulangerie epi d or" meet; "12 av. Jean-Jaurès" and
// "12 avenue Jean Jaures" meet. Pure functions (no I/O), cheap on ASCII.
#pragma once

#include <string>
#include <string_view>

namespace comptoir::duplicates {

// Folded words (case, accents, punctuation: core/text fold), without legal-form words (SARL, SAS,
// SASU, EURL, SA, SNC, EI, EIRL, SCI, "société", "ets", "établissements"...) nor articles
// ("de", "la", "l"...), sorted and joined by single spaces. Empty when nothing distinctive is left.
std::string name_key(std::string_view name);

// Folded street line with the usual abbreviations spelled out ("av" → "avenue", "bd" → "boulevard",
// "st" → "saint"...) and articles dropped, words in their order, joined by single spaces.
std::string address_key(std::string_view line);

// Optimal string alignment distance (Damerau-Levenshtein where a transposition of two neighbours
// counts as one edit), or `limit + 1` as soon as it is known to exceed `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

enum class NameMatch { None, Typo, Exact };

// Two name keys: Exact when equal (or equal once spaces are removed: "Dupont-Martin", "DupontMartin");
// Typo when they have the same words but one, which differs by a single edit (a letter missing, added,
// replaced or two letters swapped) and is at least 5 letters long without digits — short words
// ("Léa"/"Léo") and numbers ("Garage 12"/"Garage 13") name different people and places.
NameMatch compare_names(std::string_view a, std::string_view b);

enum class AddressMatch { Unknown, Same, Different };

// Two address keys: Unknown when either is empty; Same when equal or within two edits with the same
// numbers; Different otherwise.
AddressMatch compare_addresses(std::string_view a, std::string_view b);

}  // namespace comptoir::duplicates
