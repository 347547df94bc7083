// Numbers of validated documents, built from a per-series pattern such as "FA-{YYYY}-{#####}"
// (FA-2025-00042) or "DE{YY}{MM}-{####}" (DE2503-0007).
//
// French law asks for "un numéro unique basé sur une séquence chronologique et continue" (CGI ann. II
// art. 242 nonies A I 7°): within a series, numbers follow the order of issue with no gap and no
// repeat. It does not ask for one counter for the life of the company. The administration has long
// admitted numbering by period with the period in the number — the instruction of 7 August 2003
// (BOI n° 136, § 123) requires that "deux factures émises la même année ne puissent pas porter le
// même numéro", and the current doctrine (BOI-TVA-DECLA-30-20-20) keeps the chronological, continuous
// sequence per series — so "FA-2025-00001" after "FA-2024-01873" is lawful: the year makes each
// number unique, and within each year the sequence is continuous. This is why a pattern with a date
// token restarts its counter each period, and why the period must be *in* the number: a counter
// that restarted without the year in the number would repeat numbers. See docs/numbering.md.
//
// The storage keeps one counter per (company, series, period_key) and takes the next value inside
// the transaction that validates the document, so the sequence stays gapless under concurrency.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::sales {

// A French e-invoice number is at most 35 characters from A-Z a-z 0-9 + - _ / (FNFE rules BR-FR-01
// and BR-FR-02); every series keeps to that so any document can become an e-invoice.
inline constexpr std::size_t kMaxNumberLength = 35;
inline constexpr std::size_t kMaxCounterDigits = 10;

// A pattern that passed validate_pattern(), in canonical form (tokens upper-case).
struct NumberPattern {
    std::string pattern;
    friend bool operator==(const NumberPattern&, const NumberPattern&) = default;
};

// Tokens: {YYYY} year, {YY} year in two digits, {MM} month, {DD} day (the document's date, zero-padded),
// and exactly one counter {#…#} whose number of # is its zero-padded width (1 to 10; a counter that
// outgrows it widens, it is never cut). Tokens are case-insensitive. Other characters are literals
// from A-Z a-z 0-9 + - _ /. A month needs a year and a day needs a month, so that the period the
// counter restarts in is always visible in the number. With the counter at its full width, a number
// must fit in 35 characters.
// Issues (on `field`): number_pattern.empty, .syntax, .unknown_token, .invalid_char, .counter_count,
// .counter_width, .duplicate_token, .incomplete_date, .too_long.
Result<NumberPattern> validate_pattern(std::string_view pattern, std::string_view field = "pattern");

// The finest date token in the pattern decides when the counter restarts.
enum class ResetPeriod { Never, Yearly, Monthly, Daily };
ResetPeriod reset_period(const NumberPattern& pattern);

// The counter's scope for that date: "" (never resets), "2025", "2025-03" or "2025-03-14". The key uses
// the full year even for {YY}, so changing a series from {YY} to {YYYY} mid-year continues its count.
std::string period_key(const NumberPattern& pattern, std::chrono::year_month_day date);

// The number for that date and counter (counter ≥ 1). Issues: number.invalid_date (not a calendar
// date, or a year outside 1-9999), number.invalid_counter, number.too_long (the counter grew past
// its width and the number past 35 characters: the series needs a shorter pattern).
Result<std::string> format_number(const NumberPattern& pattern, std::chrono::year_month_day date, std::int64_t counter);

}  // namespace comptoir::sales
