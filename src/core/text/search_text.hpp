// Text folding for search and duplicate detection: "Société L'Œuf d'Or" and "societe l oeuf d or"
// must meet. Used on every client name, city, note... so it is written to be cheap on the common
// (ASCII and Latin-1) case and safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace comptoir {

// Lowercases (full Unicode case folding, so ß → ss), removes accents and other diacritics after a
// compatibility decomposition (NFKD, so "ﬁ" → "fi", "²" → "2", full-width letters → ASCII), spells
// out letters that have no decomposition (œ → oe, æ → ae, ø → o, ł → l, đ/ð → d, þ → th, ı → i,
// ħ → h), turns punctuation, symbols, apostrophes and whitespace into single spaces, drops format
// characters (soft hyphen, zero-width joiner) and trims. Malformed UTF-8 bytes act as separators.
// Never throws (except std::bad_alloc).
std::string fold(std::string_view utf8);

// fold(), then split into words, without duplicates, in order of first appearance.
// One-letter tokens are KEPT ("L'Épi d'Or" → l, epi, d, or): they are how users type initials
// ("J Dupont") and single-digit numbers, and the index layer can skip them if it wants to.
std::vector<std::string> search_tokens(std::string_view utf8);

}  // namespace comptoir
