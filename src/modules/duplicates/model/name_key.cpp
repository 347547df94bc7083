#include "modules/duplicates/model/name_key.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/text/search_text.hpp"

namespace comptoir::duplicates {
namespace {

// Words that say what kind of entity it is, not which one. Folded forms.
constexpr std::array<std::string_view, 34> kLegalWords = {
    "sarl", "sas", "sasu", "eurl", "sa", "snc", "ei", "eirl", "sci", "scp", "scm", "scop", "sca", "selarl", "selas",
    "selafa", "gie", "earl", "gaec", "sem", "societe", "ste", "ets", "etablissement", "etablissements", "cie",
    "compagnie", "et", "and", "l", "d", "de", "du", "des"};
constexpr std::array<std::string_view, 6> kArticles = {"la", "le", "les", "a", "au", "aux"};

bool dropped_in_name(std::string_view w) {
    return std::find(kLegalWords.begin(), kLegalWords.end(), w) != kLegalWords.end() ||
           std::find(kArticles.begin(), kArticles.end(), w) != kArticles.end();
}

struct Abbreviation {
    std::string_view from, to;
};
constexpr std::array<Abbreviation, 22> kStreetWords = {{{"av", "avenue"},     {"ave", "avenue"},
                                                        {"bd", "boulevard"},  {"bld", "boulevard"},
                                                        {"boul", "boulevard"}, {"r", "rue"},
                                                        {"pl", "place"},      {"ch", "chemin"},
                                                        {"chem", "chemin"},   {"rte", "route"},
                                                        {"imp", "impasse"},   {"all", "allee"},
                                                        {"sq", "square"},     {"fbg", "faubourg"},
                                                        {"st", "saint"},      {"ste", "sainte"},
                                                        {"qu", "quai"},       {"crs", "cours"},
                                                        {"pas", "passage"},   {"res", "residence"},
                                                        {"za", "zone"},       {"zi", "zone"}}};

std::vector<std::string_view> words(std::string_view folded) {
    std::vector<std::string_view> out;
    while (!folded.empty()) {
        auto space = folded.find(' ');
        auto w = folded.substr(0, space);
        if (!w.empty()) out.push_back(w);
        if (space == std::string_view::npos) break;
        folded.remove_prefix(space + 1);
    }
    return out;
}

std::string join(const std::vector<std::string_view>& ws) {
    std::string out;
    for (auto w : ws) {
        if (!out.empty()) out.push_back(' ');
        out.append(w);
    }
    return out;
}

std::string without_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (c != ' ') out.push_back(c);
    return out;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string digits_of(std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(c >= '0' && c <= '9' ? c : ' ');
    return join(words(out));
}

}  // namespace

std::string name_key(std::string_view name) {
    // Letters written apart ("S.A.R.L.", "S A S") are joined first, so they read as the word.
    std::vector<std::string> joined;
    bool in_run = false;
    const std::string raw = fold(name);
    for (auto w : words(raw)) {
        if (w.size() == 1 && in_run) {
            joined.back().append(w);
        } else {
            joined.emplace_back(w);
            in_run = w.size() == 1;
        }
    }
    std::string folded;
    for (const auto& w : joined) {
        if (!folded.empty()) folded.push_back(' ');
        folded += w;
    }
    std::vector<std::string_view> kept;
    for (auto w : words(folded))
        if (!dropped_in_name(w)) kept.push_back(w);
    std::sort(kept.begin(), kept.end());
    kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
    return join(kept);
}

std::string address_key(std::string_view line) {
    const std::string folded = fold(line);
    std::vector<std::string_view> kept;
    for (auto w : words(folded)) {
        if (w == "de" || w == "du" || w == "des" || w == "d" || w == "l" || w == "la" || w == "le" || w == "les")
            continue;
        auto it = std::find_if(kStreetWords.begin(), kStreetWords.end(), [&](const Abbreviation& a) { return a.from == w; });
        kept.push_back(it == kStreetWords.end() ? w : it->to);
    }
    return join(kept);
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    if (std::abs(n - m) > limit) return limit + 1;
    if (n > 200 || m > 200) return a == b ? 0 : limit + 1;
    // Three rows of the dynamic programme: the transposition looks two rows back.
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (int j = 0; j <= m; ++j) prev[j] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int row_min = cur[0];
        for (int j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], limit + 1);
}

NameMatch compare_names(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return NameMatch::None;
    if (a == b) return NameMatch::Exact;
    if (without_spaces(a) == without_spaces(b)) return NameMatch::Exact;
    auto wa = words(a), wb = words(b);
    if (wa.size() != wb.size()) return NameMatch::None;
    // Keys are sorted: the words both share are removed, one word must remain on each side.
    std::vector<std::string_view> only_a, only_b;
    std::set_difference(wa.begin(), wa.end(), wb.begin(), wb.end(), std::back_inserter(only_a));
    std::set_difference(wb.begin(), wb.end(), wa.begin(), wa.end(), std::back_inserter(only_b));
    if (only_a.size() != 1 || only_b.size() != 1) return NameMatch::None;
    auto x = only_a[0], y = only_b[0];
    if (x.size() < 5 || y.size() < 5 || has_digit(x) || has_digit(y)) return NameMatch::None;
    return edit_distance(x, y, 1) <= 1 ? NameMatch::Typo : NameMatch::None;
}

AddressMatch compare_addresses(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return AddressMatch::Unknown;
    if (a == b) return AddressMatch::Same;
    if (digits_of(a) != digits_of(b)) return AddressMatch::Different;
    return edit_distance(without_spaces(a), without_spaces(b), 2) <= 2 ? AddressMatch::Same : AddressMatch::Different;
}

}  // namespace comptoir::duplicates
