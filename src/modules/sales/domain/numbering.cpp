#include "modules/sales/domain/numbering.hpp"

#include <cstdio>
#include <optional>
#include <vector>

#include "core/text/utf8.hpp"

namespace comptoir::sales {
namespace {

enum class TokenKind { Literal, Year4, Year2, Month, Day, Counter };

struct Piece {
    TokenKind kind;
    std::string text;   // Literal: the characters; Counter: its width in '#'
    std::size_t width;  // rendered width (Counter: minimum)
};

bool is_literal_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '_' || c == '/';
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

struct PatternIssue {
    std::string code, fr, en;
};

// Splits a pattern into literals and tokens; every rule of validate_pattern() is checked here.
tl::expected<std::vector<Piece>, PatternIssue> split(std::string_view p) {
    using Err = tl::unexpected<PatternIssue>;
    std::vector<Piece> pieces;
    int years = 0, months = 0, days = 0, counters = 0;
    for (std::size_t i = 0; i < p.size();) {
        if (p[i] == '{') {
            const std::size_t close = p.find('}', i);
            if (close == std::string_view::npos || p.substr(i + 1, close - i - 1).find('{') != std::string_view::npos) {
                return Err(PatternIssue{"number_pattern.syntax", "Une accolade « { » n'est pas refermée.",
                                        "A brace \"{\" is not closed."});
            }
            const std::string token = upper(p.substr(i + 1, close - i - 1));
            if (token == "YYYY") {
                pieces.push_back({TokenKind::Year4, "{YYYY}", 4});
                ++years;
            } else if (token == "YY") {
                pieces.push_back({TokenKind::Year2, "{YY}", 2});
                ++years;
            } else if (token == "MM") {
                pieces.push_back({TokenKind::Month, "{MM}", 2});
                ++months;
            } else if (token == "DD") {
                pieces.push_back({TokenKind::Day, "{DD}", 2});
                ++days;
            } else if (!token.empty() && token.find_first_not_of('#') == std::string::npos) {
                if (token.size() > kMaxCounterDigits) {
                    return Err(PatternIssue{"number_pattern.counter_width",
                                            "Le compteur a au plus 10 chiffres ({##########}).",
                                            "The counter has at most 10 digits ({##########})."});
                }
                pieces.push_back({TokenKind::Counter, "{" + token + "}", token.size()});
                ++counters;
            } else {
                const std::string shown = quote_excerpt(p.substr(i, close - i + 1));
                return Err(PatternIssue{"number_pattern.unknown_token",
                                        "« " + shown + " » n'est pas un élément connu ({YYYY}, {YY}, {MM}, {DD} ou un "
                                        "compteur {####}).",
                                        "\"" + shown + "\" is not a known token ({YYYY}, {YY}, {MM}, {DD} or a counter "
                                        "{####})."});
            }
            i = close + 1;
            continue;
        }
        if (p[i] == '}') {
            return Err(PatternIssue{"number_pattern.syntax", "Une accolade « } » n'a pas d'accolade ouvrante.",
                                    "A brace \"}\" has no opening brace."});
        }
        if (!is_literal_char(p[i])) {
            std::size_t pos = i;
            char32_t cp = decode_utf8(p, pos);
            std::string shown;
            if (cp == kInvalidCodePoint || cp < 0x20) {
                shown = "?";
            } else {
                append_utf8(shown, cp);
            }
            return Err(PatternIssue{"number_pattern.invalid_char",
                                    "Le caractère « " + shown + " » n'est pas permis : lettres sans accent, chiffres et "
                                    "+ - _ / seulement (norme de la facture électronique).",
                                    "The character \"" + shown + "\" is not allowed: unaccented letters, digits and "
                                    "+ - _ / only (e-invoicing rules)."});
        }
        if (pieces.empty() || pieces.back().kind != TokenKind::Literal) pieces.push_back({TokenKind::Literal, "", 0});
        pieces.back().text += p[i];
        ++pieces.back().width;
        ++i;
    }
    if (counters != 1) {
        return Err(PatternIssue{"number_pattern.counter_count",
                                counters == 0 ? "Le modèle doit contenir un compteur, par exemple {#####}."
                                              : "Le modèle doit contenir un seul compteur.",
                                counters == 0 ? "The pattern needs a counter, e.g. {#####}."
                                              : "The pattern must contain a single counter."});
    }
    if (years > 1 || months > 1 || days > 1) {
        return Err(PatternIssue{"number_pattern.duplicate_token",
                                "L'année, le mois et le jour apparaissent chacun au plus une fois.",
                                "The year, month and day each appear at most once."});
    }
    if ((months == 1 && years == 0) || (days == 1 && months == 0)) {
        return Err(PatternIssue{"number_pattern.incomplete_date",
                                "Un mois s'accompagne de l'année, et un jour du mois, pour que chaque numéro reste unique "
                                "quand le compteur repart à 1.",
                                "A month needs the year, and a day the month, so that every number stays unique when "
                                "the counter restarts at 1."});
    }
    return pieces;
}

std::string two_digits(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u", v % 100);
    return buf;
}

}  // namespace

Result<NumberPattern> validate_pattern(std::string_view pattern, std::string_view field) {
    const std::string f(field);
    if (pattern.find_first_not_of(" \t") == std::string_view::npos) {
        return fail(Error::invalid_field(f, "number_pattern.empty", "Indiquez un modèle de numérotation, par exemple "
                                         "FA-{YYYY}-{#####}.", "Give a numbering pattern, e.g. FA-{YYYY}-{#####}."));
    }
    const auto pieces = split(pattern);
    if (!pieces) return fail(Error::invalid_field(f, pieces.error().code, pieces.error().fr, pieces.error().en));
    NumberPattern out;
    std::size_t width = 0;
    for (const Piece& piece : *pieces) {
        out.pattern += piece.text;
        width += piece.width;
    }
    if (width > kMaxNumberLength) {
        return fail(Error::invalid_field(
            f, "number_pattern.too_long",
            "Les numéros produits auraient " + std::to_string(width) + " caractères ; 35 au plus (facture électronique).",
            "Numbers would be " + std::to_string(width) + " characters long; 35 at most (e-invoicing)."));
    }
    return out;
}

ResetPeriod reset_period(const NumberPattern& pattern) {
    const auto pieces = split(pattern.pattern);
    ResetPeriod period = ResetPeriod::Never;
    if (!pieces) return period;
    for (const Piece& piece : *pieces) {
        if ((piece.kind == TokenKind::Year4 || piece.kind == TokenKind::Year2) && period < ResetPeriod::Yearly) {
            period = ResetPeriod::Yearly;
        }
        if (piece.kind == TokenKind::Month && period < ResetPeriod::Monthly) period = ResetPeriod::Monthly;
        if (piece.kind == TokenKind::Day) period = ResetPeriod::Daily;
    }
    return period;
}

std::string period_key(const NumberPattern& pattern, std::chrono::year_month_day date) {
    const int y = static_cast<int>(date.year());
    char buf[32];
    switch (reset_period(pattern)) {
        case ResetPeriod::Never:
            return {};
        case ResetPeriod::Yearly:
            std::snprintf(buf, sizeof buf, "%04d", y);
            return buf;
        case ResetPeriod::Monthly:
            std::snprintf(buf, sizeof buf, "%04d-%02u", y, static_cast<unsigned>(date.month()));
            return buf;
        case ResetPeriod::Daily:
            break;
    }
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return buf;
}

Result<std::string> format_number(const NumberPattern& pattern, std::chrono::year_month_day date, std::int64_t counter) {
    const auto pieces = split(pattern.pattern);
    if (!pieces) return fail(Error::invalid_field("pattern", pieces.error().code, pieces.error().fr, pieces.error().en));
    const int year = static_cast<int>(date.year());
    if (!date.ok() || year < 1 || year > 9999) {
        return fail(Error::invalid_field("date", "number.invalid_date", "La date du document n'est pas une date valide.",
                                         "The document date is not a valid date."));
    }
    if (counter < 1) {
        return fail(Error::invalid_field("counter", "number.invalid_counter", "Le compteur commence à 1.",
                                         "The counter starts at 1."));
    }
    std::string out;
    for (const Piece& piece : *pieces) {
        switch (piece.kind) {
            case TokenKind::Literal:
                out += piece.text;
                break;
            case TokenKind::Year4: {
                char buf[8];
                std::snprintf(buf, sizeof buf, "%04d", year);
                out += buf;
                break;
            }
            case TokenKind::Year2:
                out += two_digits(static_cast<unsigned>(year));
                break;
            case TokenKind::Month:
                out += two_digits(static_cast<unsigned>(date.month()));
                break;
            case TokenKind::Day:
                out += two_digits(static_cast<unsigned>(date.day()));
                break;
            case TokenKind::Counter: {
                std::string digits = std::to_string(counter);
                if (digits.size() < piece.width) digits.insert(0, piece.width - digits.size(), '0');
                out += digits;
                break;
            }
        }
    }
    if (out.size() > kMaxNumberLength) {
        return fail(Error::invalid_field("counter", "number.too_long",
                                         "Le numéro « " + out + " » dépasse 35 caractères : raccourcissez le modèle de la "
                                         "série.",
                                         "The number \"" + out + "\" exceeds 35 characters: shorten the series' pattern."));
    }
    return out;
}

}  // namespace comptoir::sales
