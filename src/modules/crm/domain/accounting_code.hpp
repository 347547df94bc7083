// Customer auxiliary account codes (compte auxiliaire client, under collective account 411 of the
// Plan comptable général), generated from a rule the company configures once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::crm {

// Literal characters (A-Z, 0-9) and tokens:
//   {NAME:n}  the first n letters/digits of the client's name, folded (no accents) and uppercased;
//             leading legal forms ("SARL", "SAS", "Société", "Ets"…) are skipped, so "SARL Dupont"
//             gives DUPON rather than SARLD. A short name gives a shorter part (no padding).
//   {SEQ:n}   the sequence number given by the caller, zero-padded to n digits (never truncated).
//   {ID}      the client id; {ID:n} zero-pads it to n digits.
// parse_rule() requires: the pattern starts with 411; n between 1 and 14; each token at most once;
// {SEQ:n} or {ID} present (the name alone would give two "Dupont" the same account); at most 17
// characters when every token takes its width (17 is the account length Sage 100 accepts).
// Issues: accounting_rule.empty, accounting_rule.syntax, accounting_rule.unknown_token,
// accounting_rule.invalid_char, accounting_rule.prefix, accounting_rule.not_unique,
// accounting_rule.too_long. The returned rule holds the canonical pattern (uppercase).
struct AccountingCodeRule {
    std::string pattern = "411{NAME:5}{SEQ:3}";
};

Checked<AccountingCodeRule> parse_rule(std::string_view pattern);

// Applies a rule (an invalid pattern falls back to the default one). When a long sequence number
// or id would push the code past 17 characters, the name part is shortened first; the result then
// only exceeds 17 characters if the numbers alone do. Negative numbers count as 0.
// Example: default rule, "Boulangerie L'Épi d'Or", 7 → "411BOULA007".
std::string generate_code(const AccountingCodeRule& rule, std::string_view client_name, std::int64_t sequence,
                          std::int64_t client_id = 0);

// For codes typed by hand: spaces removed, uppercased; then only A-Z and 0-9 (accounting exports —
// FEC, Sage, EBP — want plain ASCII), 3 to 17 characters, starting with 411. No warnings: a code is
// accepted or refused. Issues: accounting_code.empty, accounting_code.invalid_char,
// accounting_code.length, accounting_code.prefix.
Checked<std::string> normalise_accounting_code(std::string_view input);

}  // namespace comptoir::crm
